"""Grouping compatible records and merging each group into one record."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations

from ..records import Bounds, Event, Source
from .match import DEFAULT, MatchSettings, compatible, places_consistent

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def pairs(events: Sequence[Event], settings: MatchSettings = DEFAULT) -> Iterable[tuple[int, int]]:
    """Index pairs of compatible events, comparing only events close in time.

    Events are sorted by start date and compared within a sliding window of
    ``max_span_days`` plus slack, which keeps the work near-linear for a feed.
    """
    window = timedelta(days=settings.max_span_days + settings.date_slack_days)
    order = sorted(range(len(events)), key=lambda i: _start(events[i]))
    undated = [i for i in order if events[i].date.start is None]
    dated = [i for i in order if events[i].date.start is not None]
    for pos, i in enumerate(dated):
        for j in dated[pos + 1 :]:
            if _start(events[j]) - _start(events[i]) > window:
                break
            if compatible(events[i], events[j], settings):
                yield (min(i, j), max(i, j))
    for i, j in combinations(undated, 2):
        if compatible(events[i], events[j], settings):
            yield (min(i, j), max(i, j))


def cluster(events: Sequence[Event], settings: MatchSettings = DEFAULT) -> list[list[Event]]:
    """Groups of events that report the same real-world event.

    Compatible pairs are linked, except where a link would put two located reports
    of different places in one group.
    """
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    members: dict[int, list[int]] = {i: [i] for i in range(len(events))}
    for i, j in pairs(events, settings):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        # Single links alone would chain Caracas to Maracaibo through an unlocated
        # report; two groups join only if every located pair across them agrees.
        if not all(
            places_consistent(events[x], events[y], settings)
            for x in members[ri]
            for y in members[rj]
        ):
            continue
        parent[rj] = ri
        members[ri].extend(members.pop(rj))
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(events):
        groups.setdefault(find(i), []).append(event)
    return list(groups.values())


def merge(group: Sequence[Event]) -> Event:
    """One record for a group: the best-described report, with every source listed.

    The base is the report with the most precise location and date, then the highest
    confidence; sizes take the largest lower bound any source gives (later reports
    usually carry updated tolls); no source is ever dropped.
    """
    base = best(group)
    sources: list[Source] = []
    seen: set[str] = set()
    for event in sorted(group, key=lambda e: (e.article.get("published") or "", e.id)):
        for src in event.sources or [own_source(event)]:
            if src.event_id not in seen:
                seen.add(src.event_id)
                sources.append(src)
    size = dict(base.size)
    for event in group:
        for key, value in event.size.items():
            if key not in size or (value.min or 0) > (size[key].min or 0):
                size[key] = Bounds(value.min, value.max, value.text)
    acled = base.acled
    if acled is not None and "killed" in size:
        acled = replace(acled, fatalities=size["killed"].min)
    return replace(base, sources=sources, size=size, acled=acled)


def best(group: Sequence[Event]) -> Event:
    """The best-described report: most precise place, then date, then confidence."""
    return min(group, key=_quality)


def own_source(e: Event) -> Source:
    """The report a record was coded from (for records stored before sources existed)."""
    return Source(
        article_id=e.article_id,
        event_id=e.id,
        sentence=e.evidence.sentence,
        start=e.evidence.start,
        end=e.evidence.end,
        title=e.article.get("title"),
        url=e.article.get("url"),
        source=e.article.get("source"),
        published=e.article.get("published"),
    )


def _quality(e: Event) -> tuple[int, int, float, str]:
    loc = e.location.precision if e.location else 9
    return (loc, _PRECISION_RANK.get(e.date.precision, 5), -e.confidence, e.id)


def _start(e: Event) -> date:
    return date.fromisoformat(e.date.start) if e.date.start else date.min
