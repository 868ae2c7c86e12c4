"""Tests for pipeline.py: batching, failure isolation, dates, several processes."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import eventscope
from eventscope import Article, Pipeline, Settings

TEXT = "Police arrested 12 opposition activists in Harare on Thursday."


def _articles(n: int, size: int = 100) -> list[Article]:
    return [Article(id=f"a{i}", text="x" * size) for i in range(n)]


@pytest.mark.parametrize(
    ("n", "size", "batch_size", "batch_chars", "expected"),
    [(5, 100, 2, 10_000, [2, 2, 1]), (5, 100, 32, 250, [3, 2]), (1, 10_000, 32, 250, [1])],
)
def test_pipeline_batches_bounded_by_count_and_chars(
    n, size, batch_size, batch_chars, expected
) -> None:  # type: ignore[no-untyped-def]
    pipe = Pipeline(Settings(batch_size=batch_size, batch_chars=batch_chars))
    assert [len(b) for b in pipe.batches(_articles(n, size))] == expected


def test_pipeline_extract_resolves_relative_dates(pipeline: Pipeline) -> None:
    (event,) = pipeline.extract(TEXT, published="2019-01-18")
    assert (event.event, event.date.start, event.date.precision) == ("COERCE", "2019-01-17", "day")


def test_pipeline_without_publication_date_never_uses_today(pipeline: Pipeline) -> None:
    (event,) = pipeline.extract(TEXT)
    assert event.date.start is None
    assert event.date.precision == "unknown"
    assert event.warnings
    assert date.today().isoformat() not in (event.date.start, event.date.end)


@Language.component("explode_on_boom")
def _explode(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("stage failure")
    return doc


def test_pipeline_stage_failure_costs_only_that_article() -> None:
    pipe = Pipeline(Settings())
    pipe.nlp.add_pipe("explode_on_boom", first=True)
    articles = [
        Article(id="ok1", text=TEXT, published=date(2019, 1, 18)),
        Article(id="bad", text="BOOM " + TEXT, published=date(2019, 1, 18), origin="x.txt:1"),
        Article(id="ok2", text=TEXT, published=date(2019, 1, 18)),
    ]
    results = list(pipe.process(articles))
    assert [r.article.id for r in results] == ["ok1", "bad", "ok2"]
    assert [r.ok for r in results] == [True, False, True]
    assert "stage failure" in (results[1].error or "")
    assert results[0].events and results[2].events


def test_pipeline_several_processes_give_identical_records(pipeline: Pipeline) -> None:
    articles = [Article(id=f"p{i}", text=TEXT, published=date(2019, 1, 10 + i)) for i in range(4)]
    single = [r.events for r in pipeline.process(articles)]
    multi = [r.events for r in Pipeline(Settings(n_process=2, batch_size=1)).process(articles)]
    assert multi == single


def test_pipeline_module_level_extract() -> None:
    events = eventscope.extract(TEXT, published="2019-01-18")
    assert [e.event for e in events] == ["COERCE"]
