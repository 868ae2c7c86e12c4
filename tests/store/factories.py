"""Hand-built records shared by the store tests."""

from __future__ import annotations

from eventscope.records.model import Actor, Event, EventDate, Evidence, Location


def make_event(
    eid: str, article_id: str, *, day: str, country: str, kind: str = "ASSAULT"
) -> Event:
    """A located, dated attack in Gao by Malian rebels."""
    return Event(
        id=eid,
        article_id=article_id,
        event=kind,
        mode=None,
        context=[],
        quad=4,
        actor=[
            Actor(text="rebels", name="Rebels (Mali)", country="MLI", sector="REB", acled_inter=2)
        ],
        recipient=[],
        location=Location("Gao", "Gao", 2457163, 16.27, -0.04, country, "Gao", "P", 1),
        date=EventDate(day, day, "day", "on Monday"),
        size={},
        modality=[],
        confidence=0.9,
        evidence=Evidence("Rebels attacked Gao on Monday.", 0, 30, "attacked", 7, 15),
        acled=None,
    )
