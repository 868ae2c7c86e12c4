"""Sizes stage: quantity phrases, their category and the event they attach to."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventscope.counts import extract_sizes
from eventscope.nlp.mentions import EventMention
from eventscope.stages.sizes import SizeStage, parse_quantity


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("25", (25, 25)),
        ("1,200", (1200, 1200)),
        ("two hundred and forty-two", (242, 242)),
        ("twenty-one", (21, 21)),
        ("a dozen", (12, 12)),
        ("half a dozen", (6, 6)),
        ("2.5 million", (2_500_000, 2_500_000)),
        ("at least 7", (7, None)),
        ("more than 150,000", (150_001, None)),
        ("more than a dozen", (13, None)),
        ("up to 50", (None, 50)),
        ("fewer than 20", (None, 19)),
        ("about 300", (300, 300)),
        ("dozens", (24, 99)),
        ("scores", (40, 99)),
        ("hundreds", (200, 999)),
        ("tens of thousands", (20_000, 99_999)),
        ("a few hundred", (200, 999)),
        ("several thousand", (3_000, 9_999)),
        ("between 10 and 15", (10, 15)),
        ("10-15", (10, 15)),
        ("two or three", (2, 3)),
        ("no one", (0, 0)),
    ],
)
def test_sizes_parse_quantity(text: str, bounds: tuple[int | None, int | None]) -> None:
    assert parse_quantity(text) == bounds


@pytest.mark.parametrize("text", ["protesters", "the army", ""])
def test_sizes_parse_quantity_rejects_non_numbers(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("At least 25 people were killed and 40 wounded in the blast.",
         [("killed", 25, None), ("injured", 40, 40)]),
        ("Police arrested more than 150 protesters.", [("arrested", 151, None)]),
        ("Some 3,000 families fled their homes.", [("displaced", 3000, 3000)]),
        ("No one was killed in the attack.", [("killed", 0, 0)]),
        ("Tens of thousands of people marched in the capital.",
         [("participants", 20_000, 99_999)]),
        ("Thousands rallied in 2019 against 40 percent price rises.",
         [("participants", 2000, 9999)]),
    ],
)  # fmt: skip
def test_sizes_extract_categories(
    parse: Callable[..., Doc], text: str, expected: list[tuple[str, int, int | None]]
) -> None:
    doc = parse(text)
    got = [(m.category, m.value.min, m.value.max) for m in extract_sizes(doc[:])]
    assert got == expected


def _events(doc: Doc, specs: list[tuple[str, str, str | None]]) -> list[EventMention]:
    events = []
    for word, event, mode in specs:
        token = next(t for t in doc if t.text == word)
        events.append(
            EventMention(
                trigger=doc[token.i : token.i + 1], sentence=doc[:], event=event, mode=mode
            )
        )
    return events


def test_sizes_stage_attaches_to_fitting_event(parse: Callable[..., Doc]) -> None:
    doc = parse("Thousands of supporters rallied in the capital while police arrested 40.")
    doc._.events = _events(doc, [("rallied", "PROTEST", None), ("arrested", "COERCE", "arrest")])
    SizeStage()(doc)
    rally, arrest = doc._.events
    assert set(rally.size) == {"participants"}
    assert (arrest.size["arrested"].min, arrest.size["arrested"].max) == (40, 40)


def test_sizes_stage_prefers_new_count_over_total(parse: Callable[..., Doc]) -> None:
    doc = parse("The blast killed 12 people, bringing the death toll to 300.")
    doc._.events = _events(doc, [("killed", "ASSAULT", None)])
    SizeStage()(doc)
    killed = doc._.events[0].size["killed"]
    assert (killed.min, killed.max, killed.text) == (12, 12, "12")
    assert any("E062" in w for w in doc._.warnings)


def test_sizes_stage_adds_coordinated_counts(parse: Callable[..., Doc]) -> None:
    doc = parse("An airstrike killed 12 fighters and 3 civilians.")
    doc._.events = _events(doc, [("airstrike", "ASSAULT", None)])
    SizeStage()(doc)
    assert doc._.events[0].size["killed"].min == 15
