"""Bad requests get a 4xx with the one JSON error shape, never a 500."""

from __future__ import annotations

from typing import Any

import pytest

from eventscope.api.deps import MAX_BODY_BYTES

from .conftest import TOKEN

BAD_GETS = [
    ("/events?bbox=1,2,3", 400, "E091"),
    ("/events?bbox=a,b,c,d", 400, "E091"),
    ("/events?bbox=10,0,5,1", 400, "E091"),
    ("/events?bbox=0,-91,1,1", 400, "E091"),
    ("/events?bbox=nan,0,1,1", 400, "E091"),
    ("/events?since=2019-02-30", 400, "E092"),
    ("/events?since=yesterday", 422, "E090"),
    ("/events?until=2019-1-1", 422, "E090"),
    ("/events?since=2019-03-01&until=2019-01-01", 400, "E093"),
    ("/events?limit=0", 422, "E090"),
    ("/events?limit=100000", 422, "E090"),
    ("/events?offset=-1", 422, "E090"),
    ("/events?limit=abc", 422, "E090"),
    ("/events?type=BOMBING", 400, "E090"),
    ("/events?country=SYR", 422, "E090"),
    ("/events?mode=" + "x" * 50, 422, "E090"),
    ("/events?q=" + "word " * 100, 422, "E090"),
    ("/events?actor=" + "a" * 101, 422, "E090"),
    ("/events?view=everything", 422, "E090"),
    ("/events/" + "x" * 300, 422, "E090"),
    ("/stats?bbox=0,0", 400, "E091"),
    ("/export?format=xlsx", 422, "E090"),
    ("/export?limit=0", 422, "E090"),
    ("/no-such-page", 404, "E097"),
]


def assert_error_shape(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["status"] == status
    assert error["message"].startswith(f"[{code}]") or code in error["message"]
    assert isinstance(error["details"], list)


@pytest.mark.parametrize(("url", "status", "code"), BAD_GETS, ids=[u for u, _, _ in BAD_GETS])
def test_errors_bad_queries_are_4xx(client: Any, url: str, status: int, code: str) -> None:
    assert_error_shape(client.get(url), status, code)


AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"json": {"articles": [{"text": "x"}]}}, 401, "E095"),
        (
            {"json": {"articles": [{"text": "x"}]}, "headers": {"Authorization": "Bearer no"}},
            401,
            "E095",
        ),
        ({"json": {"articles": [{"text": "x"}]}, "headers": {"Authorization": TOKEN}}, 401, "E095"),
        ({"json": {"articles": []}, "headers": AUTH}, 422, "E090"),
        ({"json": {"articles": [{"text": ""}]}, "headers": AUTH}, 422, "E090"),
        ({"json": {"articles": [{"text": "x", "colour": "red"}]}, "headers": AUTH}, 422, "E090"),
        ({"json": {"articles": [{"text": "x"}] * 101}, "headers": AUTH}, 422, "E090"),
        ({"json": [1, 2], "headers": AUTH}, 422, "E090"),
        (
            {"content": b"{not json", "headers": {**AUTH, "Content-Type": "application/json"}},
            422,
            "E090",
        ),
        ({"content": b"x" * (MAX_BODY_BYTES + 1), "headers": AUTH}, 413, "E096"),
        ({"content": (b"x" * 1_000_000 for _ in range(9)), "headers": AUTH}, 413, "E096"),
    ],
    ids=[
        "no-token",
        "wrong-token",
        "no-scheme",
        "empty-list",
        "empty-text",
        "unknown-field",
        "too-many",
        "not-an-object",
        "broken-json",
        "oversized",
        "oversized-streamed",
    ],
)
def test_errors_bad_posts_are_4xx(
    client: Any, kwargs: dict[str, Any], status: int, code: str
) -> None:
    assert_error_shape(client.post("/articles", **kwargs), status, code)


def test_errors_wrong_method_uses_the_shape(client: Any) -> None:
    assert_error_shape(client.delete("/events"), 405, "E097")


def test_errors_writes_refused_without_configured_token(db: str) -> None:
    from eventscope.api import create_app

    from .conftest import TestClient

    with TestClient(create_app(db, token=None)) as anonymous:
        assert_error_shape(
            anonymous.post("/articles", json={"articles": [{"text": "x"}]}, headers=AUTH),
            401,
            "E095",
        )
