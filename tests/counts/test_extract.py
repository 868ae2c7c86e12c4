"""Count extraction, one mechanism per test, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventscope.counts import extract_sizes

Found = list[tuple[str, int | None, int | None]]


def _found(parse: Callable[..., Doc], text: str) -> Found:
    return [(m.category, m.value.min, m.value.max) for m in extract_sizes(parse(text)[:])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen mowed down 14 worshippers outside the shrine.", [("killed", 14, 14)]),
        ("Some 6,000 supporters turned out for the opposition leader.",
         [("participants", 6000, 6000)]),
        ("Police picked up 23 students near the campus.", [("arrested", 23, 23)]),
    ],
)  # fmt: skip
def test_extract_phrasal_verbs(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nineteen people lost their lives in the attack on the convoy.", [("killed", 19, 19)]),
        ("The bombing claimed 31 lives.", [("killed", 31, 31)]),
        ("Eight officers suffered gunshot wounds.", [("injured", 8, 8)]),
        ("About 2,000 villagers took refuge in the forest.", [("displaced", 2000, 2000)]),
        ("Forty-one people were taken into custody.", [("arrested", 41, 41)]),
        ("Twelve people were treated for injuries.", [("injured", 12, 12)]),
    ],
)
def test_extract_light_verb_with_telling_object(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


def test_extract_coordinated_verbs_share_the_object(parse: Callable[..., Doc]) -> None:
    assert _found(parse, "Troops shot and killed three farmers.") == [("killed", 3, 3)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The court freed 22 students who had been detained during the march.",
         [("arrested", 22, 22)]),
        ("Aid reached 4,000 families who fled the offensive.", [("displaced", 4000, 4000)]),
        # the people of the clause act; they do not suffer
        ("The 30 fighters who attacked the post withdrew at dawn.", []),
    ],
)  # fmt: skip
def test_extract_relative_clause_on_counted_people(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The camp now holds 80,000 displaced people.", [("displaced", 80000, 80000)]),
        ("Police dispersed a 600-strong crowd near the port.", [("participants", 600, 600)]),
        ("Police dispersed a crowd of 800 people outside the court.", [("participants", 800, 800)]),
        ("A march by 10,000 nurses ended at the ministry.", [("participants", 10000, 10000)]),
    ],
)
def test_extract_counted_noun_modifiers(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The number of people displaced by the fighting has climbed to 250,000.",
         ("displaced", 250_000)),
        ("The death toll now stands at 73.", ("killed", 73)),
        ("Officials said the tally of arrests had reached 1,400.", ("arrested", 1400)),
    ],
)  # fmt: skip
def test_extract_running_totals_take_their_noun_category(
    parse: Callable[..., Doc], text: str, expected: tuple[str, int]
) -> None:
    (mention,) = extract_sizes(parse(text)[:])
    assert (mention.category, mention.value.min, mention.total) == (*expected, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Another 15 people were arrested on Friday.", [("arrested", 15, 15)]),
        ("At least 20 people died, with dozens more hurt.",
         [("killed", 20, None), ("injured", 24, 99)]),
        ("Troops killed 6 rebels and wounded two others.", [("killed", 6, 6), ("injured", 2, 2)]),
    ],
)  # fmt: skip
def test_extract_more_and_others(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers killed 17 people, among them 5 women.", [("killed", 17, 17)]),
        ("Police detained 200 people and charged 30 of them.", [("arrested", 200, 200)]),
        # a part that a harm verb takes as its own is a count of its own
        ("Riot police surrounded 300 protesters and arrested 45 of them.",
         [("participants", 300, 300), ("arrested", 45, 45)]),
    ],
)  # fmt: skip
def test_extract_parts_of_a_group(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 40 inmates escaped from the prison after the attack.", []),
        ("Thousands escaped the fighting by crossing the river.", [("displaced", 2000, 9999)]),
        ("About 900 people are sheltering in a school.", [("displaced", 900, 900)]),
        ("Dozens of people are still missing after the raid.", []),
        ("The offensive drove some 20,000 people out of the district.",
         [("displaced", 20000, 20000)]),
        ("The war forced 3,000 people into exile.", [("displaced", 3000, 3000)]),
    ],
)  # fmt: skip
def test_extract_who_is_displaced_and_who_is_not(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No one was killed or injured in the blast.", [("killed", 0, 0), ("injured", 0, 0)]),
        ("No arrests have been made over the bombing.", []),
    ],
)
def test_extract_zero_counts(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert sorted(_found(parse, text)) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bus was hit on Route 9, killing two passengers.", [("killed", 2, 2)]),
        ("Police arrested a man aged 45 in the raid.", [("arrested", 1, 1)]),
    ],
)
def test_extract_numbers_that_name_things(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turnout was estimated at 50,000.", [("participants", 50000, 50000)]),
        ("Organisers put the crowd at 20,000.", [("participants", 20000, 20000)]),
    ],
)
def test_extract_sizing_verbs(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposition names the same people again, coordinated or not
        ("Three people, a woman and her two sons, were killed in the strike.",
         [("killed", 3, 3)]),
        # a number of a definite group is a part of it
        ("Five of the dead were children, medics said.", []),
        ("The clashes left 3 protesters and 2 officers dead.",
         [("killed", 3, 3), ("killed", 2, 2)]),
    ],
)  # fmt: skip
def test_extract_groups_named_twice(parse: Callable[..., Doc], text: str, expected: Found) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two guards died and a third was wounded.", [("killed", 2, 2), ("injured", 1, 1)]),
        ("Both drivers were killed.", [("killed", 2, 2)]),
    ],
)
def test_extract_people_counted_by_words(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police said they were holding 23 people for questioning.", [("arrested", 23, 23)]),
        ("A 20-year-old man was stabbed to death near the market.", [("killed", 1, 1)]),
        ("Three people were beaten to death by a mob.", [("killed", 3, 3)]),
        # a verdict is no killing
        ("The court sentenced two men to death.", []),
    ],
)
def test_extract_complements_that_name_the_category(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Some 5,000 people crossed into Chad to escape the violence.",
         [("displaced", 5000, 5000)]),
        ("Roughly 30,000 people poured into the streets of the capital.",
         [("participants", 30000, 30000)]),
        ("Several hundred workers walked off the job in protest at unpaid wages.",
         [("participants", 300, 999)]),
        # found in the streets is no crowd
        ("Twelve bodies were found in the streets of the old town.", [("killed", 12, 12)]),
    ],
)  # fmt: skip
def test_extract_what_people_do_names_them(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list that adds up to the count before it restates it
        ("Eight people, five soldiers and three civilians, were killed in the ambush.",
         [("killed", 8, 8)]),
        # a number of a counted group
        ("He was one of 14 people arrested on Tuesday.", [("arrested", 14, 14)]),
        # a year is no count, and a number on a noun's modifier counts the noun
        ("The 2014 offensive displaced 300,000 people.", [("displaced", 300_000, 300_000)]),
        ("Two dozen suspected militants were rounded up in dawn raids.", [("arrested", 24, 24)]),
    ],
)  # fmt: skip
def test_extract_which_numbers_count_whom(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected


def test_extract_coordinated_counts_share_their_deciding_word(parse: Callable[..., Doc]) -> None:
    found = extract_sizes(parse("The clashes left three protesters and two officers dead.")[:])
    assert [(m.category, m.value.min) for m in found] == [("killed", 3), ("killed", 2)]
    assert found[0].anchor.i == found[1].anchor.i  # so that the stage adds them up


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protests drew thousands in at least 12 cities.", [("participants", 2000, 9999)]),
        ("Opposition groups held 30 rallies across the country.", []),
        # "the dead" as a subject names the group, not how its members died
        ("The dead included 5 children.", []),
    ],
)
def test_extract_counts_of_things_and_groups(
    parse: Callable[..., Doc], text: str, expected: Found
) -> None:
    assert _found(parse, text) == expected
