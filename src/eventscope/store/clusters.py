"""Deduplication at write time, shared by the SQLite and PostgreSQL stores.

Each stored event row has a ``cluster_id``: the id of the first stored report of the
same real-world event.  When an article is added, each of its events is compared with
stored events of the same type and nearby dates (``Candidates``) and with the
article's own earlier events; it joins the first cluster it is compatible with whose
located members all agree on the place, or starts its own.  Reads merge a cluster's
members into one record listing every source (``dedup.merge``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from ..dedup import merge
from ..dedup.cluster import best
from ..dedup.match import DEFAULT, compatible, places_consistent
from ..records import Event

# (event type, date window start, date window end) -> stored (cluster_id, event) pairs.
Candidates = Callable[[str, str, str], list[tuple[str, Event]]]


def window(event: Event) -> tuple[str, str] | None:
    """The date range whose stored events could report the same event."""
    if event.date.start is None:
        return None
    slack = timedelta(days=DEFAULT.date_slack_days)
    start = date.fromisoformat(event.date.start) - slack
    end = date.fromisoformat(event.date.end or event.date.start) + slack
    return start.isoformat(), end.isoformat()


def assign(events: Sequence[Event], candidates: Candidates) -> list[str]:
    """The cluster id for each of one article's events, in order."""
    assigned: list[tuple[str, Event]] = []
    out: list[str] = []
    for event in events:
        span = window(event)
        stored = candidates(event.event, *span) if span else []
        pool = [*assigned, *stored]
        cluster_id = _choose(event, pool) or event.id
        assigned.append((cluster_id, event))
        out.append(cluster_id)
    return out


def _choose(event: Event, pool: list[tuple[str, Event]]) -> str | None:
    members: dict[str, list[Event]] = {}
    for cluster_id, other in pool:
        members.setdefault(cluster_id, []).append(other)
    for cluster_id, group in members.items():
        if any(compatible(event, other) for other in group) and all(
            places_consistent(event, other) for other in group
        ):
            return cluster_id
    return None


def heads(members: dict[str, list[Event]]) -> dict[str, str]:
    """The head report's id for each cluster: the one the merged record is based on."""
    return {cluster_id: best(group).id for cluster_id, group in members.items()}


def merged(cluster_id: str, members: Sequence[Event]) -> Event:
    """One record for a cluster; it carries the cluster's id, stable across reads."""
    if len(members) == 1:
        return members[0]
    return replace(merge(members), id=cluster_id)
