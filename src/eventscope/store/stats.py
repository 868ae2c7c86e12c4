"""Counting events by day, type and country, the same way for every store.

Each store runs one grouped query (day, type, country → count) and this module folds
it into the three tallies: one index scan instead of three, which matters on a
million-event store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

GROUPED = "SELECT date_start, event, country_code, COUNT(*) FROM events{where} GROUP BY 1, 2, 3"


def tally(rows: Iterable[tuple[str | None, str, str | None, int]]) -> dict[str, Any]:
    """``by_day`` as ``[day, n]`` pairs in date order (undated left out); ``by_type`` and
    ``by_country`` as value → count, most frequent first, unlocated under ``""``."""
    days: Counter[str] = Counter()
    types: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    for day, event, country, n in rows:
        if day is not None:
            days[day] += int(n)
        types[event] += int(n)
        countries[country or ""] += int(n)
    return {
        "by_day": [[day, days[day]] for day in sorted(days)],
        "by_type": dict(types.most_common()),
        "by_country": dict(countries.most_common()),
    }
