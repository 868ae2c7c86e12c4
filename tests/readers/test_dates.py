"""Publication dates: accepted forms, impossible dates and unrecognised text."""

from __future__ import annotations

from datetime import date

import pytest

from eventscope.errors import InputError
from eventscope.readers.dates import parse_published


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-05-20", date(2018, 5, 20)),
        (" 2018-05-20 ", date(2018, 5, 20)),
        ("2018-5-2", date(2018, 5, 2)),
        ("2018/05/20", date(2018, 5, 20)),
        ("20180520", date(2018, 5, 20)),
        ("2018-05-20T10:00:00Z", date(2018, 5, 20)),
        ("2018-05-20T23:30:00-05:00", date(2018, 5, 20)),
        ("2018-05-20T10:00:00.123+03:00", date(2018, 5, 20)),
        ("2018-05-20 10:00", date(2018, 5, 20)),
        ("20 May 2018", date(2018, 5, 20)),
        ("May 20, 2018", date(2018, 5, 20)),
        ("Sun, 20 May 2018 10:00:00 GMT", date(2018, 5, 20)),
        (date(2018, 5, 20), date(2018, 5, 20)),
    ],
)
def test_dates_parse_published_accepts_unambiguous_forms(value: object, expected: date) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", [None, "", "  ", "null", "None", "n/a", "unknown"])
def test_dates_parse_published_treats_blank_as_unknown(value: object) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13-01", "2018-00-10", "2019-02-29T10:00Z"])
def test_dates_parse_published_reports_impossible_dates(value: str) -> None:
    with pytest.raises(InputError, match=r"\[E006\]"):
        parse_published(value)


@pytest.mark.parametrize("value", ["yesterday", "05/06/2018", "2018-05-20Tnoon", "Q2 2018"])
def test_dates_parse_published_refuses_ambiguous_or_unknown_text(value: str) -> None:
    with pytest.raises(InputError, match=r"\[E012\]"):
        parse_published(value)
