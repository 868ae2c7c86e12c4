"""Writers for event records: JSONL (PLOVER-style), ACLED-style CSV, GeoJSON and a table."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from ..records import ACLED_COLUMNS, Event

FORMATS = ("jsonl", "csv", "geojson")


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """One PLOVER-style JSON object per line."""
    n = 0
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[Event], out: TextIO) -> int:
    """ACLED-style CSV: one row per event that ACLED would code, plus our event id.

    Verbal events (accusations, threats…) and negated, hypothetical or future events
    have no ACLED view and are left out; they stay in the JSONL export.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["event_id_cnty", *ACLED_COLUMNS])
    n = 0
    for event in events:
        if event.acled is None:
            continue
        row = event.acled
        writer.writerow([event.id, *(_cell(getattr(row, c)) for c in ACLED_COLUMNS)])
        n += 1
    return n


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """A FeatureCollection of located events (points); unlocated events are left out."""
    features = []
    for event in events:
        loc = event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        props: dict[str, Any] = event.to_dict()
        props.pop("location", None)
        props["location_name"] = loc.name or loc.text
        props["geo_precision"] = loc.precision
        features.append(
            {
                "type": "Feature",
                "id": event.id,
                "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
                "properties": props,
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


def write(events: Iterable[Event], fmt: str, out: TextIO) -> int:
    """Write ``events`` in ``fmt`` (jsonl, csv, geojson); returns how many were written."""
    writers = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}
    return writers[fmt](events, out)


def _cell(value: object) -> object:
    return "" if value is None else value
