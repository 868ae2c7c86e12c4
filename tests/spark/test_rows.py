"""Tests for spark/rows.py: executors read rows exactly as the single-machine readers do."""

from __future__ import annotations

import io
import json

import pytest

from eventscope.readers.article import Article, Skipped
from eventscope.readers.jsonlines import read_jsonl
from eventscope.records import Event
from eventscope.spark.rows import (
    LINE_COLUMN,
    ORIGIN_COLUMN,
    article_from_row,
    partition_values,
)

LINES = [
    json.dumps({"id": "a1", "text": "Police arrested 12 men in Harare.", "date": "2019-01-18"}),
    json.dumps({"text": "  Rebels shelled Juba on Monday.\r\n", "title": " T "}),
    '{"id": "x", "text": "unterminated',
    json.dumps({"id": "e", "text": ""}),
    json.dumps({"id": "d", "text": "Riots in Dhaka.", "published": "2019-13-01"}),
    json.dumps(["not", "an", "object"]),
]


@pytest.mark.parametrize("line", LINES)
def test_article_from_row_jsonl_matches_read_jsonl(line: str) -> None:
    (expected,) = read_jsonl(io.BytesIO(line.encode()), "f.jsonl", max_bytes=10_000)
    got = article_from_row({ORIGIN_COLUMN: "f.jsonl", LINE_COLUMN: line}, max_bytes=10_000)
    assert type(got) is type(expected)
    if isinstance(got, Article):
        assert got.content_hash == expected.content_hash
        assert (got.title, got.published, got.warnings) == (
            expected.title,
            expected.published,
            expected.warnings,
        )
    else:
        assert got.reason == expected.reason
        assert got.origin.startswith("f.jsonl#")


@pytest.mark.parametrize(
    ("record", "kind", "code"),
    [
        ({"Text": "Police arrested 12 men in Harare.", "DATE": "2019-01-18"}, Article, None),
        ({"body": "Police arrested 12 men.", "id": None, "title": None}, Article, None),
        ({"text": None, "id": "n"}, Skipped, "[E008]"),
        ({"text": "Police arrested 12 men.", "published": "2019-02-30"}, Skipped, "[E006]"),
        ({"text": "x" * 50}, Skipped, "[E004]"),
    ],
)
def test_article_from_row_tabular_records(record, kind, code) -> None:  # type: ignore[no-untyped-def]
    got = article_from_row({ORIGIN_COLUMN: "s3a://b/f.csv", **record}, max_bytes=40)
    assert isinstance(got, kind)
    if code:
        assert got.reason.startswith(code)


def _event(start: str | None, country: str | None) -> Event:
    location = None
    if country is not None:
        location = {
            "text": "X",
            "name": "X",
            "geonameid": 1,
            "lat": 0.0,
            "lon": 0.0,
            "country_code": country,
            "admin1": None,
            "feature_class": "P",
            "precision": 1,
        }
    return Event.from_dict(
        {
            "id": "ev",
            "article_id": "a",
            "event": "PROTEST",
            "mode": None,
            "quad": 3,
            "location": location,
            "date": {"start": start, "end": start, "precision": "day"},
            "confidence": 0.5,
            "acled": None,
            "evidence": {
                "sentence": "s",
                "start": 0,
                "end": 1,
                "trigger": "t",
                "trigger_start": 0,
                "trigger_end": 1,
            },
        }
    )


@pytest.mark.parametrize(
    ("start", "country", "by", "expected"),
    [
        ("2019-01-17", "ZW", "month", ("2019-01", "ZW")),
        ("2019-01-17", "ZW", "day", ("2019-01-17", "ZW")),
        (None, None, "month", ("unknown", "unknown")),
    ],
)
def test_partition_values_by_month_or_day(start, country, by, expected) -> None:  # type: ignore[no-untyped-def]
    assert partition_values(_event(start, country), by) == expected
