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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one word that is not people: "one family", "two days" count nobody
        ("The strike killed nine members of one family.", [("killed", 9, 9)]),
        ("At least 80 people were killed in two days of fighting.", [("killed", 80, None)]),
        ("At least 9 people were killed in the 10-hour siege.", [("killed", 9, None)]),
        ("A 12-year-old boy was killed by a stray bullet.", [("killed", 1, 1)]),
        # people named without a number
        ("Five soldiers and a civilian were killed in the ambush.", [("killed", 6, 6)]),
        ("The gunmen killed the village chief and two of his sons.", [("killed", 3, 3)]),
        ("Gunmen killed a farmer and wounded his wife.", [("killed", 1, 1), ("injured", 1, 1)]),
        # displacement and crowds said without a displacement or crowd noun
        ("The fighting forced thousands of villagers to flee.", [("displaced", 2000, 9999)]),
        ("About 12,000 people remain in temporary shelters.", [("displaced", 12000, 12000)]),
        ("Between 200 and 300 people took part in the march.", [("participants", 200, 300)]),
        ("Protesters numbering in the thousands blocked the road.",
         [("participants", 2000, 9999)]),
        # subsets of a count already made
        ("Troops killed 14 people, including 3 children, in the raid.", [("killed", 14, 14)]),
        ("The attack killed 9 people, 4 of them women.", [("killed", 9, 9)]),
    ],
)  # fmt: skip
def test_sizes_stage_round2_cases(
    parse: Callable[..., Doc], text: str, expected: list[tuple[str, int, int | None]]
) -> None:
    doc = parse(text)
    trigger = next(t for t in doc if t.pos_ == "VERB" and t.dep_ == "ROOT")
    doc._.events = [
        EventMention(trigger=doc[trigger.i : trigger.i + 1], sentence=doc[:], event="ASSAULT")
    ]
    SizeStage()(doc)
    got = [(c, v.min, v.max) for c, v in doc._.events[0].size.items()]
    assert sorted(got, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of people remain trapped in the besieged town.",
        "Around 400,000 people remain under siege in the district.",
        "About 1,500 residents remain in the town despite the shelling.",
    ],
)
def test_sizes_people_who_remain_are_not_counted(parse: Callable[..., Doc], text: str) -> None:
    assert extract_sizes(parse(text)[:]) == []


def test_sizes_people_who_fled_are_displaced_not_casualties(parse: Callable[..., Doc]) -> None:
    got = [m.category for m in extract_sizes(parse("Some 3,000 families fled the fighting.")[:])]
    assert got == ["displaced"]


@pytest.mark.parametrize(
    ("text", "killed_min"),
    [
        ("At least 25 people were killed in the blast.", 25),
        ("Between 10 and 15 militants died in the airstrike.", 10),
        ("No one was killed in the attack.", 0),
        ("Dozens of people were wounded in the attack.", None),
        ("Up to 50 people may have been killed in the attack.", None),
    ],
)
def test_sizes_acled_fatalities_take_the_lower_bound(
    parse: Callable[..., Doc], text: str, killed_min: int | None
) -> None:
    """ACLED's fatalities column reads ``killed.min``: the lower bound, 0 only when the
    text says no one died, and nothing when no death count is given or it has no floor."""
    doc = parse(text)
    trigger = next(t for t in doc if t.lower_ in ("blast", "airstrike", "attack"))
    doc._.events = [
        EventMention(trigger=doc[trigger.i : trigger.i + 1], sentence=doc[:], event="ASSAULT")
    ]
    SizeStage()(doc)
    killed = doc._.events[0].size.get("killed")
    assert (killed.min if killed is not None else None) == killed_min


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("a few", (2, 9)),
        ("several", (3, 9)),
        ("a couple", (2, 2)),
        ("hundreds of thousands", (200_000, 999_999)),
        ("a further 500", (500, 500)),
        ("as many as 40", (None, 40)),
        ("nearly 400,000", (400_000, 400_000)),
    ],
)
def test_sizes_parse_quantity_more_forms(text: str, bounds: tuple[int | None, int | None]) -> None:
    assert parse_quantity(text) == bounds


def _sizes_of(doc: Doc, trigger: str, event: str = "ASSAULT") -> dict[str, tuple[int | None, ...]]:
    doc._.events = _events(doc, [(trigger, event, None)])
    SizeStage()(doc)
    return {cat: (v.min, v.max) for cat, v in doc._.events[0].size.items()}


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # a job missing from the list, found by its -ist/-ian/-man ending
        ("Two guards and a locksmith's technician were hurt when the blast hit the gate.",
         "blast", {"injured": (3, 3)}),
        ("Gunmen shot dead a pharmacist and two customers in the raid.",
         "raid", {"killed": (3, 3)}),
        # a nationality used as a noun
        ("A Palestinian was killed when troops opened fire.", "fire", {"killed": (1, 1)}),
        # an age marks a person whatever the noun
        ("Police arrested a 19-year-old apprentice after the riot.", "riot", {"arrested": (1, 1)}),
        # a thing named with a person-like ending is not a person
        ("Police detained a van after the protest.", "protest", {}),
    ],
)  # fmt: skip
def test_sizes_person_nouns_beyond_the_list(
    parse: Callable[..., Doc], text: str, trigger: str, expected: dict[str, tuple[int, int]]
) -> None:
    assert _sizes_of(parse(text), trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The ambush, which left 6 soldiers dead, came a day after the protest.",
         "ambush", {"killed": (6, 6)}),
        ("Police broke up the march, which drew about 4,000 people, on Sunday.",
         "march", {"participants": (4000, 4000)}),
    ],
)  # fmt: skip
def test_sizes_relative_clause_count_goes_to_modified_event(
    parse: Callable[..., Doc], text: str, trigger: str, expected: dict[str, tuple[int, int]]
) -> None:
    doc = parse(text)
    event = "PROTEST" if trigger == "march" else "ASSAULT"
    assert _sizes_of(doc, trigger, event) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A guard was shot dead and another was wounded in the raid.",
         {"killed": (1, 1), "injured": (1, 1)}),
        ("The raid left one officer dead and another wounded.",
         {"killed": (1, 1), "injured": (1, 1)}),
        # "another" with nobody counted before it stands for no one
        ("Another raid took place near the town.", {}),
    ],
)  # fmt: skip
def test_sizes_bare_another_counts_one_more(
    parse: Callable[..., Doc], text: str, expected: dict[str, tuple[int, int]]
) -> None:
    assert _sizes_of(parse(text), "raid") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The storm and the raid left three hundred and twelve villagers injured.",
         {"injured": (312, 312)}),
        ("The raid left 80 families homeless.", {"displaced": (80, 80)}),
    ],
)  # fmt: skip
def test_sizes_left_people_in_a_state(
    parse: Callable[..., Doc], text: str, expected: dict[str, tuple[int, int]]
) -> None:
    assert _sizes_of(parse(text), "raid") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A teacher was among those killed in the raid.", {"killed": (1, 1)}),
        ("Three reporters were among those detained after the raid.", {"arrested": (3, 3)}),
        # a count of the whole group beats one member of it
        ("At least 12 people died in the raid and a nurse was among those killed.",
         {"killed": (12, None)}),
    ],
)  # fmt: skip
def test_sizes_among_those_counts_members(
    parse: Callable[..., Doc], text: str, expected: dict[str, tuple[int | None, int | None]]
) -> None:
    assert _sizes_of(parse(text), "raid") == expected


@pytest.mark.parametrize(
    ("text", "bounds"),
    [("killed 11, officials said", (11, 11)), ("about 1,500 people", (1500, 1500))],
)
def test_sizes_quantity_stops_at_a_comma(text: str, bounds: tuple[int, int]) -> None:
    from eventscope.counts import QUANTITY_RE

    match = QUANTITY_RE.search(text)
    assert match is not None and parse_quantity(match.group(0)) == bounds


def test_sizes_stage_attaches_along_the_parse(parse: Callable[..., Doc]) -> None:
    """The count goes to the event its verb is about (the blast), not to an event that
    happens to sit closer in words (the raid, inside a clause on "blast")."""
    doc = parse("The blast, which came hours after troops raided the district, killed 9 people.")
    doc._.events = _events(doc, [("blast", "ASSAULT", None), ("raided", "ASSAULT", None)])
    SizeStage()(doc)
    blast, raid = doc._.events
    assert (blast.size["killed"].min, raid.size) == (9, {})


def test_sizes_stage_keeps_a_crowd_with_its_own_clause(parse: Callable[..., Doc]) -> None:
    """Coordinated clauses are two events: the crowd the tear gas was fired at belongs to
    that event, not to the arrests joined to it by "and"."""
    doc = parse("Police used tear gas against about 400 marchers and arrested 9 of them.")
    doc._.events = _events(doc, [("tear", "COERCE", None), ("arrested", "COERCE", "arrest")])
    SizeStage()(doc)
    gas, arrest = doc._.events
    assert (gas.size["participants"].min, arrest.size["arrested"].min) == (400, 9)
    assert set(gas.size) == {"participants"} and set(arrest.size) == {"arrested"}
