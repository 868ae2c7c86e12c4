"""Runs the full pipeline over benchmark sentences, one article per sentence."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..config import Settings
from ..pipeline import Pipeline
from ..readers.article import Article
from ..records import Event

# Gold sets without real dates get a fixed, documented anchor.
ANCHOR = date(2020, 1, 15)


def code_sentences(
    texts: Sequence[str], *, settings: Settings | None = None, pipeline: Pipeline | None = None
) -> list[list[Event]]:
    """Event records for each text, in order (an empty list where none was found), from
    ``pipeline`` or else a new one with ``settings``."""
    articles = [
        Article(id=f"s{i}", text=text, published=ANCHOR, origin=f"gold:{i + 1}")
        for i, text in enumerate(texts)
    ]
    pipe = pipeline or Pipeline(settings or Settings())
    return [result.events for result in pipe.process(articles)]


def main_event(events: Sequence[Event], trigger_words: set[str] | None = None) -> Event | None:
    """The event a one-label gold set is about: the one on the marked trigger, else the
    asserted event with the highest confidence."""
    if not events:
        return None
    if trigger_words:
        for event in events:
            if event.evidence.trigger.lower() in trigger_words:
                return event
    real = [e for e in events if "negated" not in e.modality] or list(events)
    return max(real, key=lambda e: e.confidence)
