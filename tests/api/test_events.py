"""GET /events and GET /events/{id}: filters, pagination, summaries, highlights."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import SENTENCE


def ids(body: dict[str, Any]) -> list[str]:
    return [e["id"] for e in body["events"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["e1", "e2", "e3", "e4"]),
        ({"since": "2019-02-01"}, ["e2", "e3", "e4"]),
        ({"until": "2019-02-03"}, ["e1", "e2"]),
        ({"since": "2019-02-01", "until": "2019-02-28"}, ["e2", "e3"]),
        ({"type": "assault"}, ["e2", "e3"]),
        ({"mode": "aerial"}, ["e3"]),
        ({"country": "zw"}, ["e1"]),
        ({"actor": "police"}, ["e1", "e2", "e3", "e4"]),
        ({"bbox": "30,-20,32,-16"}, ["e1"]),
        ({"bbox": "-10,0,40,40", "type": "ASSAULT", "since": "2019-02-10"}, ["e3"]),
        ({"q": "crackdown e2"}, ["e2"]),
        ({"q": "arrested Harare"}, ["e1", "e2", "e3", "e4"]),
        ({"q": 'NEAR( OR "*'}, []),
    ],
)
def test_events_filters(client: Any, params: dict[str, str], expected: list[str]) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert ids(body) == expected
    assert body["total"] == len(expected)


def test_events_pagination_keeps_total(client: Any) -> None:
    first = client.get("/events", params={"limit": 2}).json()
    second = client.get("/events", params={"limit": 2, "offset": 2}).json()
    beyond = client.get("/events", params={"limit": 2, "offset": 10}).json()
    assert ids(first) == ["e1", "e2"] and ids(second) == ["e3", "e4"]
    assert first["total"] == second["total"] == beyond["total"] == 4
    assert beyond["events"] == []


def test_events_summary_view_is_small(client: Any) -> None:
    event = client.get("/events", params={"view": "summary", "country": "ZW"}).json()["events"][0]
    assert event["lat"] == pytest.approx(-17.83) and event["place"] == "Harare"
    assert event["actor"] == ["Police Forces"] and "evidence" not in event


def test_events_detail_has_sources_and_highlights(client: Any) -> None:
    body = client.get("/events/e1").json()
    assert body["event"]["id"] == "e1"
    roles = {h["role"]: SENTENCE[h["start"] : h["end"]] for h in body["highlights"]}
    assert roles == {
        "actor": "Police",
        "trigger": "arrested",
        "size": "12",
        "recipient": "activists",
        "place": "Harare",
        "date": "Thursday",
    }
    assert body["sources"][0]["sentence"] == SENTENCE
    assert body["sources"][0]["title"] == "Report e1 on the crackdown"


def test_events_unknown_id_is_404(client: Any) -> None:
    response = client.get("/events/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "E094"
