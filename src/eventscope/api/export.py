"""``GET /export``: the filtered events as ACLED-style CSV, GeoJSON, JSONL or Parquet.

The text formats reuse :mod:`eventscope.exports`, so a download is byte-for-byte what
``eventscope events -f ...`` writes.  Parquet gets one flat, typed row per event (plus
the whole record as JSON), which reads directly into pandas, DuckDB or Spark.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ..errors import Messages
from ..exports import write
from ..records import Event
from .deps import FiltersDep, StateDep
from .errors import ApiError

router = APIRouter(tags=["export"])

MAX_EXPORT = 200_000
_MEDIA = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "geojson": ("application/geo+json", "geojson"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}


@router.get(
    "/export",
    response_class=Response,
    summary="Download the matching events in one file",
    responses={200: {"content": {media: {} for media, _ in _MEDIA.values()}}},
)
def export(
    app_state: StateDep,
    query: FiltersDep,
    format: Annotated[
        Literal["csv", "geojson", "jsonl", "parquet"],
        Query(description="csv (ACLED view), geojson, jsonl (PLOVER-style) or parquet."),
    ] = "jsonl",
    limit: Annotated[
        int, Query(ge=1, le=MAX_EXPORT, description="At most this many events.")
    ] = MAX_EXPORT,
) -> Response:
    events = app_state.store().events(replace(query, limit=limit, offset=0))
    if format == "parquet":
        body = parquet_bytes(events)
    else:
        text = io.StringIO()
        write(events, format, text)
        body = text.getvalue().encode("utf-8")
    media, suffix = _MEDIA[format]
    headers = {"Content-Disposition": f'attachment; filename="events.{suffix}"'}
    return Response(body, media_type=media, headers=headers)


def _flat(event: Event) -> dict[str, Any]:
    loc = event.location
    killed = event.size.get("killed")
    return {
        "id": event.id,
        "article_id": event.article_id,
        "event": event.event,
        "mode": event.mode,
        "quad": event.quad,
        "date_start": event.date.start,
        "date_end": event.date.end,
        "date_precision": event.date.precision,
        "country_code": loc.country_code if loc else None,
        "admin1": loc.admin1 if loc else None,
        "location": (loc.name or loc.text) if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "actor": " | ".join(a.name or a.text for a in event.actor),
        "recipient": " | ".join(r.name or r.text for r in event.recipient),
        "killed_min": killed.min if killed else None,
        "killed_max": killed.max if killed else None,
        "confidence": event.confidence,
        "evidence": event.evidence.sentence,
        "title": event.article.get("title"),
        "record": json.dumps(event.to_dict(), ensure_ascii=False),
    }


def parquet_bytes(events: Any) -> bytes:
    """One Parquet file in memory with a fixed schema (stable even for zero rows)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ApiError(501, "E099", Messages.E099) from None
    text, num, whole = pa.string(), pa.float64(), pa.int64()
    schema = pa.schema(
        [(name, whole if name in _INTS else num if name in _FLOATS else text) for name in _COLUMNS]
    )
    table = pa.Table.from_pylist([_flat(e) for e in events], schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


_INTS = {"quad", "geo_precision", "killed_min", "killed_max"}
_FLOATS = {"lat", "lon", "confidence"}


_COLUMNS = [
    "id",
    "article_id",
    "event",
    "mode",
    "quad",
    "date_start",
    "date_end",
    "date_precision",
    "country_code",
    "admin1",
    "location",
    "lat",
    "lon",
    "geo_precision",
    "actor",
    "recipient",
    "killed_min",
    "killed_max",
    "confidence",
    "evidence",
    "title",
    "record",
]
