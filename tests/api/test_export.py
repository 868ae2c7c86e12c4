"""GET /export: the same bytes as eventscope.exports, and Parquet with a fixed schema."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from eventscope.api.export import _COLUMNS, _flat

from .conftest import EVENTS


@pytest.mark.parametrize(
    ("fmt", "media"),
    [("jsonl", "application/x-ndjson"), ("csv", "text/csv"), ("geojson", "application/geo+json")],
)
def test_export_text_formats(client: Any, fmt: str, media: str) -> None:
    response = client.get("/export", params={"format": fmt, "type": "ASSAULT"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f'filename="events.{fmt}"' in response.headers["content-disposition"]
    if fmt == "jsonl":
        assert [json.loads(line)["id"] for line in response.text.splitlines()] == ["e2", "e3"]
    elif fmt == "geojson":
        assert [f["id"] for f in response.json()["features"]] == ["e2", "e3"]
    else:  # hand-made events have no ACLED view, so only the header row
        assert response.text.splitlines()[0].startswith("event_id_cnty,")


def test_export_parquet_roundtrip(client: Any) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    response = client.get("/export", params={"format": "parquet"})
    table = pq.read_table(io.BytesIO(response.content))
    assert table.column_names == _COLUMNS
    assert table.column("id").to_pylist() == ["e1", "e2", "e3", "e4"]
    assert table.column("lat").to_pylist()[3] is None
    assert json.loads(table.column("record").to_pylist()[0])["id"] == "e1"


def test_export_flat_row_matches_columns() -> None:
    assert list(_flat(EVENTS[0])) == _COLUMNS
