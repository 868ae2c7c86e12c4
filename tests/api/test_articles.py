"""POST /articles: token-guarded ingestion through the real pipeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from eventscope import Pipeline

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {
    "id": "new-1",
    "title": "Arrests in Harare",
    "published": "2019-01-18",
    "text": "Police arrested 12 opposition activists in Harare on Thursday.",
}
GERMAN = (
    "Die Polizei hat am Donnerstag in der Stadt zwölf Aktivisten festgenommen, die gegen "
    "die Regierung und die hohen Preise protestiert hatten, sagte ein Sprecher der Opposition."
)


@pytest.fixture()
def pipeline_factory(pipeline: Pipeline) -> Callable[[], Pipeline | None]:
    return lambda: pipeline


def test_articles_ingest_then_query(client: Any) -> None:
    before = client.get("/events").json()["total"]
    body = {"articles": [ARTICLE, {"text": GERMAN}]}
    response = client.post("/articles", json=body, headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["ingested"] == ["new-1"] and report["events"]
    assert [s["index"] for s in report["skipped"]] == [1]
    assert "E007" in report["skipped"][0]["reason"]
    # The demo store already holds these Harare arrests: the new report joins that
    # event as a second source instead of adding a duplicate.
    assert client.get("/events").json()["total"] == before
    (new_id,) = report["events"]
    detail = client.get(f"/events/{new_id}").json()
    assert "new-1" in {s["article_id"] for s in detail["sources"]}
    assert len(detail["sources"]) >= 2
    found = client.get("/events", params={"q": "opposition activists"}).json()
    assert detail["event"]["id"] in {e["id"] for e in found["events"]}
    again = client.post("/articles", json={"articles": [ARTICLE]}, headers=AUTH).json()
    assert again["known"] == ["new-1"] and again["ingested"] == []


def test_articles_bad_date_is_reported_not_fatal(client: Any) -> None:
    article = {**ARTICLE, "id": "new-2", "published": "2019-02-30"}
    report = client.post("/articles", json={"articles": [article]}, headers=AUTH).json()
    assert report["ingested"] == [] and "E006" in report["skipped"][0]["reason"]
