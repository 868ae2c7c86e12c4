"""Plain-Python conversions between Spark rows and eventscope values (no pyspark needed).

Executors turn each input row into an :class:`Article` with the *same* reader rules as
the single-machine path (``draft_from_record`` and ``finish``: field aliases, date
parsing, size and language checks), so a record is valid or skipped for the same
reason wherever it runs.  Results become flat output rows; the JSON in ``record`` is
exactly what the SQLite store keeps, which is what makes Spark and local output
comparable byte for byte.

Keeping this module free of pyspark lets it be unit-tested, and imported by the
loader, on machines without Spark or Java.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from ..errors import Messages
from ..pipeline import Result
from ..readers.article import Article, Skipped
from ..readers.jsonlines import from_json_value
from ..readers.records import draft_from_record, finish
from ..records import Event
from ..records.columns import columns, record_json

# Internal input columns added by the driver; never looked up as article fields.
ORIGIN_COLUMN = "_eventscope_origin"
LINE_COLUMN = "_eventscope_line"

KINDS = ("event", "article", "skipped")
PARTITION_BY = {"month": 7, "day": 10}  # characters of an ISO date kept per partition
UNKNOWN = "unknown"

# (name, Spark SQL type) of every output column; one flat schema for all three kinds
# so one executor pass yields events, articles and skipped inputs together.
OUTPUT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("article_id", "string"),
    ("origin", "string"),
    ("reason", "string"),
    ("id", "string"),
    ("ordinal", "int"),
    ("event", "string"),
    ("mode", "string"),
    ("quad", "int"),
    ("date_start", "string"),
    ("date_end", "string"),
    ("date_precision", "string"),
    ("country_code", "string"),
    ("admin1", "string"),
    ("lat", "double"),
    ("lon", "double"),
    ("actors", "string"),
    ("acled_event_type", "string"),
    ("confidence", "double"),
    ("record", "string"),
    ("content_hash", "string"),
    ("title", "string"),
    ("url", "string"),
    ("source", "string"),
    ("published", "string"),
    ("n_events", "int"),
    ("event_date", "string"),
    ("country", "string"),
)
OUTPUT_DDL = ", ".join(f"{name} {kind}" for name, kind in OUTPUT_COLUMNS)

# Columns written for each table (partition columns last, as Spark expects).
EVENT_COLUMNS = (
    "id",
    "article_id",
    "ordinal",
    "event",
    "mode",
    "quad",
    "date_start",
    "date_end",
    "date_precision",
    "country_code",
    "admin1",
    "lat",
    "lon",
    "actors",
    "acled_event_type",
    "confidence",
    "record",
    "event_date",
    "country",
)
ARTICLE_COLUMNS = (
    "article_id",
    "content_hash",
    "title",
    "url",
    "source",
    "published",
    "origin",
    "n_events",
)
SKIPPED_COLUMNS = ("origin", "reason")


def article_from_row(row: Mapping[str, Any], *, max_bytes: int) -> Article | Skipped:
    """One input row (a JSONL line or a CSV/Parquet record) as an Article or a Skipped."""
    origin = str(row.get(ORIGIN_COLUMN) or "<spark>")
    line = row.get(LINE_COLUMN)
    if line is not None:
        return _from_line(str(line).strip(), origin, max_bytes)
    record = {k: v for k, v in row.items() if k not in (ORIGIN_COLUMN, LINE_COLUMN)}
    draft = draft_from_record(record, _origin_for(origin, record))
    if isinstance(draft, Skipped):
        return draft
    return finish(draft, max_bytes=max_bytes)


def _from_line(line: str, origin: str, max_bytes: int) -> Article | Skipped:
    """A JSON Lines record, checked exactly as ``read_jsonl`` checks each line."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as err:
        where = f"{origin}#sha1:{_short_hash(line)}"
        return Skipped(where, Messages.E005.format(detail=f"{err.msg} at column {err.colno}"))
    record = value if isinstance(value, dict) else {}
    return from_json_value(value, _origin_for(origin, record), max_bytes=max_bytes)


def _origin_for(path: str, record: Mapping[str, Any]) -> str:
    """``file#id=…`` (or ``#sha1:…`` of the text): Spark splits files, so no line numbers.

    The id or text hash still lets a user find the record in the input.
    """
    folded = {str(k).strip().lower(): v for k, v in record.items()}
    for key in ("id", "article_id", "doc_id"):
        if folded.get(key) not in (None, ""):
            return f"{path}#id={folded[key]}"
    for key in ("text", "body", "content"):
        if isinstance(folded.get(key), str):
            return f"{path}#sha1:{_short_hash(folded[key])}"
    return f"{path}#sha1:{_short_hash(json.dumps(folded, sort_keys=True, default=str))}"


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:12]


def partition_values(event: Event, partition_by: str) -> tuple[str, str]:
    """(event_date, country) partition values; ``unknown`` where the record has none."""
    start = event.date.start
    period = start[: PARTITION_BY[partition_by]] if start else UNKNOWN
    country = event.location.country_code if event.location else None
    return period, country or UNKNOWN


def event_row(event: Event, partition_by: str, ordinal: int = 0) -> dict[str, Any]:
    """The flat output row of one event (the store's indexed columns plus the record).

    ``ordinal`` is the event's place among its article's records, so a loader can add
    them to a store in the order ``ingest`` would.
    """
    period, country = partition_values(event, partition_by)
    flat = columns(event)
    return {
        "kind": "event",
        "article_id": flat.pop("article_id"),
        "id": flat.pop("id"),
        "ordinal": ordinal,
        **flat,
        "record": record_json(event),
        "event_date": period,
        "country": country,
    }


def article_row(article: Article, n_events: int) -> dict[str, Any]:
    """The output row of one coded article, so stores can record articles without events."""
    return {
        "kind": "article",
        "article_id": article.id,
        "origin": article.origin,
        "content_hash": article.content_hash,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published.isoformat() if article.published else None,
        "n_events": n_events,
    }


def skipped_row(origin: str, reason: str) -> dict[str, Any]:
    return {"kind": "skipped", "origin": origin, "reason": reason}


def rows_for_result(result: Result, partition_by: str) -> list[dict[str, Any]]:
    """Output rows for one pipeline result: its events and article, or why it failed."""
    if not result.ok:
        return [skipped_row(result.article.origin, result.error or "pipeline failed")]
    rows = [event_row(e, partition_by, i) for i, e in enumerate(result.events)]
    rows.append(article_row(result.article, len(result.events)))
    return rows
