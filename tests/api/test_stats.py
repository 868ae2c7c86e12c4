"""GET /stats: counts by day, type and country, under the same filters as /events."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    ("params", "total", "by_type"),
    [
        ({}, 4, {"ASSAULT": 2, "COERCE": 1, "PROTEST": 1}),
        ({"type": "ASSAULT"}, 2, {"ASSAULT": 2}),
        ({"since": "2019-02-10"}, 2, {"ASSAULT": 1, "PROTEST": 1}),
    ],
)
def test_stats_counts(client: Any, params: dict[str, str], total: int, by_type: dict) -> None:
    body = client.get("/stats", params=params).json()
    assert body["total"] == total
    assert body["by_type"] == by_type
    assert sum(n for _, n in body["by_day"]) == total
    assert [d for d, _ in body["by_day"]] == sorted(d for d, _ in body["by_day"])


def test_stats_unlocated_events_count_under_empty_country(client: Any) -> None:
    assert client.get("/stats").json()["by_country"] == {"ZW": 1, "ML": 1, "SY": 1, "": 1}
