"""Batch processing: articles in, event records out, on one or several processes.

``Pipeline`` owns one spaCy ``Language`` per process.  Docs are made first and given
their article (so the publication date is known to every stage), then streamed through
``nlp.pipe`` in batches.  A document that makes a stage fail is retried alone and, if it
fails again, reported as skipped: one bad article never costs the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from .config import Settings
from .errors import Messages
from .nlp.pipeline import build_nlp
from .readers.article import Article, Skipped, text_id
from .records import Event, records_from_doc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    """The outcome for one article: its records, or why it was skipped."""

    article: Article
    events: list[Event]
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    """Runs the eventscope pipeline over many articles.

    Example::

        pipe = Pipeline(Settings(n_process=2))
        for result in pipe.process(articles):
            print(result.article.id, len(result.events))

    Args:
        settings (Settings | None): Model, gazetteer, batch size and process count;
            ``None`` reads ``EVENTSCOPE_*`` environment variables.
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline, built on first use (model + stages + gazetteer)."""
        if self._nlp is None:
            self._nlp = build_nlp(self.settings)
        return self._nlp

    def process(self, articles: Iterable[Article]) -> Iterator[Result]:
        """Yield one :class:`Result` per article, in input order."""
        if self.settings.n_process > 1:
            yield from self._process_parallel(articles)
            return
        for batch in self.batches(articles):
            yield from self._run_batch(batch)

    def batches(self, articles: Iterable[Article]) -> Iterator[list[Article]]:
        """Groups of articles bounded by count and by total characters."""
        batch: list[Article] = []
        chars = 0
        for article in articles:
            batch.append(article)
            chars += len(article.text)
            if len(batch) >= self.settings.batch_size or chars >= self.settings.batch_chars:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def extract(
        self, text: str, *, published: str | date | None = None, **meta: str
    ) -> list[Event]:
        """Records for one text; ``published`` anchors relative dates."""
        pub = date.fromisoformat(published) if isinstance(published, str) else published
        article = Article(
            id=meta.pop("id", None) or text_id(text), text=text, published=pub, **meta
        )
        result = next(iter(self._run_batch([article])))
        if result.error is not None:
            from .errors import StageError

            raise StageError(result.error)
        return result.events

    def _docs(self, articles: list[Article]) -> list[Doc]:
        docs = []
        for article in articles:
            doc = self.nlp.make_doc(article.text)
            doc._.article = article
            doc._.warnings = list(article.warnings)
            docs.append(doc)
        return docs

    def _run_batch(self, articles: list[Article]) -> list[Result]:
        _ = self.nlp  # a model or config problem is fatal, not a per-article failure
        try:
            docs = list(self.nlp.pipe(self._docs(articles), batch_size=len(articles)))
            return [Result(a, records_from_doc(d)) for a, d in zip(articles, docs, strict=True)]
        except Exception:  # one bad document: retry each alone to isolate it
            if len(articles) == 1:
                return [self._run_one(articles[0])]
            return [self._run_one(a) for a in articles]

    def _run_one(self, article: Article) -> Result:
        try:
            doc = self.nlp(self._docs([article])[0])
            return Result(article, records_from_doc(doc))
        except Exception as exc:  # reported per article, never raised into the batch
            log.debug("stage failure on %s", article.origin, exc_info=True)
            return Result(article, [], error=f"pipeline failed: {type(exc).__name__}: {exc}")

    def _process_parallel(self, articles: Iterable[Article]) -> Iterator[Result]:
        settings = replace(self.settings, n_process=1)
        with ProcessPoolExecutor(
            max_workers=self.settings.n_process, initializer=_init_worker, initargs=(settings,)
        ) as pool:
            pending = []
            for batch in self.batches(articles):
                pending.append(pool.submit(_work, batch))
                if len(pending) >= 2 * self.settings.n_process:
                    yield from pending.pop(0).result()
            for future in pending:
                yield from future.result()


_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = Pipeline(settings)
    _ = _WORKER.nlp


def _work(articles: list[Article]) -> list[Result]:
    assert _WORKER is not None
    return _WORKER._run_batch(articles)


def skipped_line(item: Skipped | Result) -> str:
    """The one-line ``origin: reason`` message for a skipped input or failed article."""
    if isinstance(item, Skipped):
        return str(item)
    return f"{item.article.origin}: {item.error or Messages.E010}"
