"""Time stage: date expressions resolved against publication, and attached to events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from eventscope.evaluate.time import timex_interval
from eventscope.nlp.mentions import EventMention
from eventscope.stages.time import TimeStage, resolve_date_expression
from eventscope.temporal import find_date_expressions

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


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # holidays: the most recent one on or before publication unless a year is named
        ("on Christmas Day", date(2018, 12, 25), date(2018, 12, 25), "day"),
        ("on Easter Sunday", date(2019, 4, 21), date(2019, 4, 21), "day"),
        ("Good Friday 2018", date(2018, 3, 30), date(2018, 3, 30), "day"),
        ("on New Year's Eve", date(2018, 12, 31), date(2018, 12, 31), "day"),
        # seasons: meteorological, northern hemisphere; precision from the length
        ("last summer", date(2018, 6, 1), date(2018, 8, 31), "year"),
        ("in the spring of 2017", date(2017, 3, 1), date(2017, 5, 31), "year"),
        ("in early spring", date(2019, 3, 1), date(2019, 3, 31), "month"),
        ("in the winter of 2017", date(2017, 12, 1), date(2018, 2, 28), "year"),
        # future tense: the next occurrence, not the last one
        ("Elections are due in May.", date(2020, 5, 1), date(2020, 5, 31), "month"),
        ("Talks will resume on Monday.", date(2019, 6, 10), date(2019, 6, 10), "day"),
        ("The trial is scheduled to open on June 20.", date(2019, 6, 20), date(2019, 6, 20),
         "day"),
        # anaphoric dates without an earlier date count from publication
        ("the day before", date(2019, 6, 4), date(2019, 6, 4), "day"),
        # issue 6 cases not covered above
        ("in mid-March", date(2019, 3, 11), date(2019, 3, 20), "month"),
        ("late last year", date(2018, 9, 1), date(2018, 12, 31), "year"),
        ("at the end of last month", date(2019, 5, 21), date(2019, 5, 31), "month"),
        ("Rebels still hold the town they took in October 2016.", date(2016, 10, 1),
         date(2016, 10, 31), "month"),
    ],
)  # fmt: skip
def test_time_resolve_round2(text: str, start: date, end: date, precision: str) -> None:
    value = resolve_date_expression(text, PUB)
    assert value is not None
    assert (value.start, value.end, value.precision) == (start, end, precision)


@pytest.mark.parametrize("text", ["the fall of the city", "summer camps", "Eastern Ghouta"])
def test_time_season_and_holiday_words_that_are_not_dates(text: str) -> None:
    assert resolve_date_expression(text, PUB) is None


def test_time_expression_text_is_kept() -> None:
    value = resolve_date_expression("Troops withdrew between 3 and 5 June.", PUB)
    assert value is not None and value.text == "between 3 and 5 June"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels seized the town on June 2. The day before, troops had withdrawn.",
         date(2019, 6, 1)),
        ("A bomb hit the port on May 20. Two days later, a second bomb exploded.",
         date(2019, 5, 22)),
        ("Gunmen attacked a bus on Monday. Two more people were killed that day.",
         date(2019, 6, 3)),
    ],
)  # fmt: skip
def test_time_anaphoric_dates_count_from_the_earlier_date(text: str, expected: date) -> None:
    last = find_date_expressions(text, PUB)[-1]
    assert (last.value.start, last.value.end) == (expected, expected)


def _run_events(
    parse: Callable[..., Doc], text: str, triggers: list[str], published: date | None = PUB
) -> list[EventMention]:
    doc = parse(text, published)
    events = []
    for word in triggers:
        token = next(t for t in doc if t.text == word)
        events.append(
            EventMention(trigger=doc[token.i : token.i + 1], sentence=token.sent, event="ASSAULT")
        )
    doc._.events = events
    TimeStage()(doc)
    return events


@pytest.mark.parametrize(
    ("text", "triggers", "expected"),
    [
        # a date carried forward into the next sentence, which has none
        ("Gunmen attacked the village on Monday. They burned 40 houses.",
         ["attacked", "burned"], [(date(2019, 6, 3), False), (date(2019, 6, 3), False)]),
        # ... but not into an ongoing state or something still to come
        ("Gunmen attacked the village on Monday. The town remains under siege.",
         ["attacked", "siege"], [(date(2019, 6, 3), False), (PUB, True)]),
        ("Protesters marched on Monday. A new rally will be held.",
         ["marched", "rally"], [(date(2019, 6, 3), False), (PUB, True)]),
        # ... nor across a paragraph break
        ("Gunmen attacked the village on Monday.\n\nPolice arrested 12 people.",
         ["attacked", "arrested"], [(date(2019, 6, 3), False), (PUB, True)]),
        # a sentence about 2016 inside a 2019 article carries 2016
        ("Rebels first captured the town in 2016. Yesterday troops shelled it.",
         ["captured", "shelled"], [(date(2016, 1, 1), False), (date(2019, 6, 4), False)]),
        # the day before, read from the earlier sentence's date
        ("Rebels seized the town on June 2. The day before, troops had withdrawn.",
         ["seized", "withdrawn"], [(date(2019, 6, 2), False), (date(2019, 6, 1), False)]),
        # future event: next May, not last May
        ("Protesters marched on Monday. Elections are due in May.",
         ["marched", "Elections"], [(date(2019, 6, 3), False), (date(2020, 5, 1), False)]),
    ],
)  # fmt: skip
def test_time_stage_carries_dates_between_sentences(
    parse: Callable[..., Doc],
    text: str,
    triggers: list[str],
    expected: list[tuple[date, bool]],
) -> None:
    events = _run_events(parse, text, triggers)
    assert [(e.date.start, e.date.from_publication) for e in events] == expected


@pytest.mark.parametrize(
    ("timex", "expected"),
    [
        ({"type": "DATE", "value": "2019-06-03"}, (date(2019, 6, 3), date(2019, 6, 3), "day")),
        ({"type": "DATE", "value": "2019-W22"}, (date(2019, 5, 27), date(2019, 6, 2), "week")),
        ({"type": "DATE", "value": "2019-05"}, (date(2019, 5, 1), date(2019, 5, 31), "month")),
        ({"type": "DATE", "value": "2009"}, (date(2009, 1, 1), date(2009, 12, 31), "year")),
        ({"type": "TIME", "value": "2019-06-04TNI"}, (date(2019, 6, 4), date(2019, 6, 4), "day")),
        ({"type": "DATE", "value": "PRESENT_REF"}, (PUB, PUB, "day")),
        ({"type": "DURATION", "value": "P1W"}, (None, None, "unknown")),
        ({"type": "DATE", "value": "XXXX-06-02"}, (None, None, "unknown")),
    ],
)
def test_time_benchmark_reads_heideltime_values(timex: dict[str, str], expected: tuple) -> None:
    """The optional HeidelTime column turns TIMEX3 values into comparable intervals."""
    assert timex_interval(timex, PUB) == expected
