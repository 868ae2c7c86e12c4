"""When two event records can be the same real-world event.

All of these must hold (ACLED's own dedup rules are of this shape):

- the same kind of event: the same PLOVER type (reports often disagree on the ACLED
  sub-type of one attack: "airstrikes" in one, "killed civilians" in another);
- the same reality: an asserted event never merges with a negated, hypothetical or
  future one;
- places that agree: within ``max_km`` of each other, or the same admin1 area, or one
  of them unlocated but in the same country as the other's actors;
- dates that overlap, allowing ``date_slack_days`` for reports that date the same event
  a day apart ("yesterday" in one, "on Monday" in another);
- perpetrators that do not contradict: when both name canonical actors, at least one
  must be shared or agree on country and sector (crowds of protesters or rioters never
  contradict: reports name the same crowd differently).  Recipients are not compared: reports
  describe victims too differently ("civilians", "a dozen opposition members").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta

from .._types import UNREAL
from ..records import Actor, Event


@dataclass(frozen=True)
class MatchSettings:
    """Thresholds for :func:`compatible`.

    Example::

        compatible(a, b, MatchSettings(max_km=25, date_slack_days=0))
    """

    max_km: float = 50.0
    date_slack_days: int = 1
    max_span_days: int = 31  # month-precision dates never merge with day ones


DEFAULT = MatchSettings()


def compatible(a: Event, b: Event, settings: MatchSettings = DEFAULT) -> bool:
    """True when ``a`` and ``b`` may report the same event."""
    if a.event != b.event:
        return False
    if bool(UNREAL & set(a.modality)) != bool(UNREAL & set(b.modality)):
        return False
    return (
        _dates_overlap(a, b, settings)
        and _places_agree(a, b, settings)
        and _actors_agree(a.actor, b.actor)
    )


def places_consistent(a: Event, b: Event, settings: MatchSettings = DEFAULT) -> bool:
    """Both located, and close enough to be one place (used across whole clusters)."""
    la, lb = a.location, b.location
    if la is None or lb is None or la.lat is None or lb.lat is None:
        return True
    return _places_agree(a, b, settings)


def _interval(e: Event) -> tuple[date, date] | None:
    if e.date.start is None:
        return None
    start = date.fromisoformat(e.date.start)
    end = date.fromisoformat(e.date.end or e.date.start)
    return start, end


def _dates_overlap(a: Event, b: Event, s: MatchSettings) -> bool:
    ia, ib = _interval(a), _interval(b)
    if a.article_id == b.article_id and (a.date.from_publication or b.date.from_publication):
        return True  # "the attack" later in the same report carries no date of its own
    if ia is None or ib is None:
        return ia is None and ib is None and a.article_id == b.article_id
    slack = timedelta(days=s.date_slack_days)
    if (ia[1] - ia[0]).days > s.max_span_days or (ib[1] - ib[0]).days > s.max_span_days:
        return ia == ib
    return ia[0] - slack <= ib[1] and ib[0] - slack <= ia[1]


def _places_agree(a: Event, b: Event, s: MatchSettings) -> bool:
    la, lb = a.location, b.location
    if la is None or lb is None or la.lat is None or lb.lat is None:
        return _countries(a) & _countries(b) != set() or (la is None and lb is None)
    if la.country_code and lb.country_code and la.country_code != lb.country_code:
        return False
    if la.admin1 and la.admin1 == lb.admin1 and min(la.precision, lb.precision) >= 2:
        return True
    return km(la.lat, la.lon or 0.0, lb.lat, lb.lon or 0.0) <= s.max_km


def _countries(e: Event) -> set[str]:
    found = {e.location.country_code} if e.location and e.location.country_code else set()
    return found | {x.country for x in [*e.actor, *e.recipient] if x.country}


def _actors_agree(xs: list[Actor], ys: list[Actor]) -> bool:
    """Named actors on one side must share at least one identity when both sides name any."""
    ida = {x.id for x in xs if x.id}
    idb = {y.id for y in ys if y.id}
    if not ida or not idb:
        return True
    if ida & idb:
        return True
    # Different ids may still be the same party seen at different detail
    # ("Syrian army" vs "Syrian government forces"): same country and sector family.
    keys_a = {(x.country, (x.sector or "")[:3]) for x in xs if x.country}
    keys_b = {(y.country, (y.sector or "")[:3]) for y in ys if y.country}
    return bool(keys_a & keys_b) or _generic(xs) or _generic(ys)


# ACLED's rioters (5) and protesters (6): one crowd is "opposition supporters" in one
# report and "huge crowds" or "students" in another.
_CROWDS = frozenset({5, 6})


def _generic(actors: list[Actor]) -> bool:
    """Actors with no country, or crowds, are too vague to contradict anyone."""
    return all(a.country is None or a.acled_inter in _CROWDS for a in actors)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))
