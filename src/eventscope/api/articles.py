"""``POST /articles``: code new articles into the store (needs the bearer token).

Each article goes through the same reader checks as ``eventscope ingest`` (text,
date, language, size) and then :class:`eventscope.Pipeline`; each is stored in its
own transaction.  A bad article is reported in ``skipped`` and never stops the rest.
Writes are serialised with a lock: one spaCy pipeline, one writer at a time.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from ..readers.article import Article, Skipped
from ..readers.jsonlines import from_json_value
from .deps import MAX_ARTICLES, StateDep, require_token

router = APIRouter(tags=["articles"])

MAX_ARTICLE_CHARS = 2_000_000


class ArticleIn(BaseModel):
    """One article, with the same fields as a JSON Lines input record."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)
    id: str | None = Field(default=None, min_length=1, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None, max_length=40, description="YYYY-MM-DD or ISO 8601 date-time."
    )
    url: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=200)


class ArticlesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class IngestReport(BaseModel):
    """What happened to each article of the request."""

    ingested: list[str]
    known: list[str]
    skipped: list[dict[str, Any]]
    events: list[str]


@router.post(
    "/articles",
    response_model=IngestReport,
    dependencies=[Depends(require_token)],
    summary="Code and store new articles",
    responses={401: {"description": "Missing or wrong bearer token (E095)."}},
)
def post_articles(app_state: StateDep, body: ArticlesIn) -> dict[str, Any]:
    report: dict[str, Any] = {"ingested": [], "known": [], "skipped": [], "events": []}
    fresh: list[Article] = []
    positions: dict[int, int] = {}  # id(article) -> its index in the request
    store = app_state.store()
    for index, item in enumerate(body.articles):
        origin = f"request:{index + 1}"
        record = item.model_dump(exclude_none=True)
        parsed = from_json_value(record, origin, max_bytes=MAX_ARTICLE_CHARS * 4)
        if isinstance(parsed, Skipped):
            report["skipped"].append({"index": index, "reason": parsed.reason})
        elif store.has_article(parsed):
            report["known"].append(parsed.id)
        else:
            positions[id(parsed)] = index
            fresh.append(parsed)
    if fresh:
        with app_state.write_lock:
            for result in app_state.get_pipeline().process(fresh):
                if not result.ok:
                    index = positions.get(id(result.article), -1)
                    report["skipped"].append({"index": index, "reason": result.error})
                    continue
                store.add(result.article, result.events)
                report["ingested"].append(result.article.id)
                report["events"] += [e.id for e in result.events]
    return report
