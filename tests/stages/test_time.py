"""Time stage: date expressions resolved against publication, and attached to events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from eventscope.nlp.mentions import EventMention
from eventscope.stages.time import TimeStage, resolve_date_expression

PUB = date(2019, 6, 5)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("on June 2", date(2019, 6, 2), date(2019, 6, 2), "day"),
        ("June 2, 2019", date(2019, 6, 2), date(2019, 6, 2), "day"),
        ("02/06/2019", date(2019, 6, 2), date(2019, 6, 2), "day"),
        ("on June 6", date(2018, 6, 6), date(2018, 6, 6), "day"),
        ("yesterday", date(2019, 6, 4), date(2019, 6, 4), "day"),
        ("two days ago", date(2019, 6, 3), date(2019, 6, 3), "day"),
        ("on Monday", date(2019, 6, 3), date(2019, 6, 3), "day"),
        ("on Wednesday", PUB, PUB, "day"),
        ("last Wednesday", date(2019, 5, 29), date(2019, 5, 29), "day"),
        ("on Tuesday night", date(2019, 6, 4), date(2019, 6, 4), "day"),
        ("last week", date(2019, 5, 27), date(2019, 6, 2), "week"),
        ("over the weekend", date(2019, 6, 1), date(2019, 6, 2), "week"),
        ("this month", date(2019, 6, 1), PUB, "month"),
        ("earlier this month", date(2019, 6, 1), PUB, "month"),
        ("late last month", date(2019, 5, 21), date(2019, 5, 31), "month"),
        ("early May", date(2019, 5, 1), date(2019, 5, 10), "month"),
        ("the end of May", date(2019, 5, 21), date(2019, 5, 31), "month"),
        ("in October", date(2018, 10, 1), date(2018, 10, 31), "month"),
        ("in October 2016", date(2016, 10, 1), date(2016, 10, 31), "month"),
        ("in August last year", date(2018, 8, 1), date(2018, 8, 31), "month"),
        ("in 2009", date(2009, 1, 1), date(2009, 12, 31), "year"),
        ("last year", date(2018, 1, 1), date(2018, 12, 31), "year"),
        ("since mid-March", date(2019, 3, 11), PUB, "year"),
        ("since Monday", date(2019, 6, 3), PUB, "week"),
        ("between 3 and 5 June", date(2019, 6, 3), date(2019, 6, 5), "week"),
        ("from June 3 to 5", date(2019, 6, 3), date(2019, 6, 5), "week"),
    ],
)
def test_time_resolve_expression(text: str, start: date, end: date, precision: str) -> None:
    value = resolve_date_expression(text, PUB)
    assert value is not None
    assert (value.start, value.end, value.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["on Monday", "yesterday", "last week", "on June 2", "in May"])
def test_time_relative_without_publication_is_unknown(text: str) -> None:
    value = resolve_date_expression(text, None)
    assert value is not None
    assert (value.start, value.end, value.precision) == (None, None, "unknown")


@pytest.mark.parametrize(
    ("text", "start"),
    [("June 2, 2019", date(2019, 6, 2)), ("in October 2016", date(2016, 10, 1))],
)
def test_time_absolute_without_publication_resolves(text: str, start: date) -> None:
    value = resolve_date_expression(text, None)
    assert value is not None and value.start == start


@pytest.mark.parametrize("text", ["Protesters may march again.", "He was 25 years old."])
def test_time_no_expression_returns_none(text: str) -> None:
    assert resolve_date_expression(text, PUB) is None


def _run(parse: Callable[..., Doc], text: str, trigger: str, published: date | None) -> Doc:
    doc = parse(text, published)
    token = next(t for t in doc if t.text == trigger)
    doc._.events = [
        EventMention(trigger=doc[token.i : token.i + 1], sentence=doc[:], event="ASSAULT")
    ]
    return TimeStage()(doc)


@pytest.mark.parametrize(
    ("text", "trigger", "start", "from_publication"),
    [
        ("Police said on Tuesday that 12 people were killed on Sunday.", "killed",
         date(2019, 6, 2), False),
        ("Gunmen attacked a bus on Tuesday night outside the city.", "attacked",
         date(2019, 6, 4), False),
        ("The town remains under siege, residents said.", "siege", PUB, True),
    ],
)  # fmt: skip
def test_time_stage_attaches_event_date(
    parse: Callable[..., Doc], text: str, trigger: str, start: date, from_publication: bool
) -> None:
    doc = _run(parse, text, trigger, PUB)
    value = doc._.events[0].date
    assert value.start == start
    assert value.from_publication is from_publication
    assert doc._.dates is not None


def test_time_stage_without_publication_warns(parse: Callable[..., Doc]) -> None:
    doc = _run(parse, "Protesters clashed with police on Monday.", "clashed", None)
    assert doc._.events[0].date.precision == "unknown"
    assert any("E061" in w for w in doc._.warnings)
