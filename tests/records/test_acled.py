"""Tests for records/acled.py: type correction, precisions and interaction codes."""

from __future__ import annotations

import pytest

from eventscope.records.acled import acled_type, interaction, time_precision
from eventscope.records.model import Actor, EventDate

CIVILIANS = Actor(text="villagers", sector="CVL", acled_inter=7)
SOLDIERS = Actor(text="soldiers", country="MLI", sector="MIL", acled_inter=1)
REBELS = Actor(text="rebels", sector="REB", acled_inter=2)


@pytest.mark.parametrize(
    ("proposed", "actors", "recipients", "expected"),
    [
        (
            ("Battles", "Armed clash"),
            [REBELS],
            [CIVILIANS],
            ("Violence against civilians", "Attack"),
        ),
        (
            ("Violence against civilians", "Attack"),
            [REBELS],
            [SOLDIERS],
            ("Battles", "Armed clash"),
        ),
        (("Battles", "Armed clash"), [REBELS, SOLDIERS], [], ("Battles", "Armed clash")),
        (
            ("Explosions/Remote violence", "Air/drone strike"),
            [SOLDIERS],
            [CIVILIANS],
            ("Explosions/Remote violence", "Air/drone strike"),
        ),
        ((None, None), [REBELS], [], None),
    ],
)
def test_acled_type_follows_who_was_targeted(proposed, actors, recipients, expected) -> None:  # type: ignore[no-untyped-def]
    assert acled_type(*proposed, actors, recipients) == expected


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (EventDate("2018-02-20", "2018-02-20", "day"), 1),
        (EventDate("2018-02-22", "2018-02-22", "day", from_publication=True), 2),
        (EventDate("2018-02-12", "2018-02-18", "week"), 2),
        (EventDate("2018-02-01", "2018-02-28", "month"), 3),
        (EventDate(None, None, "unknown"), 3),
    ],
)
def test_acled_time_precision(date, expected) -> None:  # type: ignore[no-untyped-def]
    assert time_precision(date) == expected


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"), [(1, 7, 17), (7, 1, 17), (2, None, 20), (None, 3, None)]
)
def test_acled_interaction_code(inter1, inter2, expected) -> None:  # type: ignore[no-untyped-def]
    assert interaction(inter1, inter2) == expected
