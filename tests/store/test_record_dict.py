"""Event.to_dict, which every stored row goes through: the same value as
dataclasses.asdict, for every kind of field."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

from eventscope.records import Bounds, Event
from eventscope.records.model import AcledView, Actor, Source

from .factories import make_event


def _full_event() -> Event:
    """An event with every optional part filled: lists, dicts, nested records."""
    base = make_event("e1", "a1", day="2019-01-07", country="ML")
    acled = AcledView(**{name: None for name in AcledView.__dataclass_fields__})
    acled = replace(
        acled, time_precision=1, event_type="Battles", sub_event_type="Armed clash", notes="n"
    )
    return replace(
        base,
        recipient=[Actor(text="soldiers", name="Military (Mali)", country="MLI", sector="MIL")],
        size={"killed": Bounds(7, None, "at least 7"), "injured": Bounds(2, 5, "two to five")},
        modality=["reported"],
        context=["military"],
        acled=acled,
        article={"title": "Ambush near Gao", "published": "2019-01-08"},
        warnings=["date from publication"],
        sources=[Source("a2", "e2", "Gunmen attacked soldiers near Gao.", 0, 34, title="t")],
    )


def test_event_to_dict_equals_asdict() -> None:
    for event in (make_event("e0", "a0", day="2019-01-01", country="ML"), _full_event()):
        assert event.to_dict() == asdict(event)
        assert json.dumps(event.to_dict()) == json.dumps(asdict(event))
        assert Event.from_dict(event.to_dict()) == event
