"""Tests for dedup/match.py: when two event records may report one real-world event."""

from __future__ import annotations

from dataclasses import replace

from eventscope.dedup.match import compatible
from eventscope.records.model import Actor, Event, EventDate, Evidence, Location


def _protest(actor: Actor, *, day: str = "2019-01-23", located: bool = True) -> Event:
    """A protest in Caracas (or somewhere unnamed in Venezuela) on ``day``."""
    caracas = Location("Caracas", "Caracas", 3646738, 10.49, -66.88, "VE", "Capital", "P", 1)
    return Event(
        id=f"e-{actor.text}-{day}",
        article_id=f"a-{actor.text}",
        event="PROTEST",
        mode="demo",
        context=[],
        quad=3,
        actor=[actor],
        recipient=[],
        location=caracas if located else None,
        date=EventDate(day, day, "day", "on Wednesday"),
        size={},
        modality=[],
        confidence=0.9,
        evidence=Evidence("Crowds marched.", 0, 15, "marched", 7, 14),
        acled=None,
    )


SUPPORTERS = Actor(
    text="opposition supporters", country="VEN", sector="OPP", acled_inter=6, id="ven-opp"
)
CROWDS = Actor(text="huge crowds", country="VEN", sector="CVL", acled_inter=6, id="ven-cvl")
ARMY = Actor(text="the army", country="VEN", sector="MIL", acled_inter=1, id="ven-mil")
POLICE = Actor(text="police", country="COL", sector="COP", acled_inter=1, id="col-cop")


def test_crowds_named_differently_may_be_one_protest() -> None:
    assert compatible(_protest(SUPPORTERS), _protest(CROWDS, located=False))


def test_named_armed_actors_of_different_countries_contradict() -> None:
    assert not compatible(_protest(ARMY), _protest(POLICE))


def test_other_day_or_other_event_type_never_merges() -> None:
    a = _protest(SUPPORTERS)
    assert not compatible(a, _protest(CROWDS, day="2019-01-27"))
    assert not compatible(a, replace(_protest(CROWDS), event="ASSAULT"))


def test_a_negated_report_never_merges_with_an_asserted_one() -> None:
    a = _protest(SUPPORTERS)
    assert not compatible(a, replace(_protest(CROWDS), modality=["negated"]))
