"""eventscope: news reports in; who did what to whom, where, when and how many, out.

Public API::

    import eventscope
    events = eventscope.extract("Police arrested 12 activists in Harare on Monday.",
                                published="2018-05-20")
    for e in events:
        print(e.event, e.date.start, e.location and e.location.name)

For batches use :class:`Pipeline` (``nlp.pipe`` and several processes).
"""

from __future__ import annotations

from datetime import date
from functools import cache

from .config import Settings
from .errors import (
    ConfigError,
    EvaluationError,
    EventscopeError,
    InputError,
    StageError,
    StoreError,
)
from .gazetteer.geoparse import geoparse
from .pipeline import Pipeline, Result
from .readers.article import Article, Skipped
from .records import AcledView, Actor, Bounds, Event, EventDate, Evidence, Location

__version__ = "0.1.0"


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def extract(text: str, published: str | date | None = None, **meta: str) -> list[Event]:
    """Code one article's text into event records.

    Args:
        text (str): The article body.
        published (str | date | None): Publication date (``YYYY-MM-DD``); anchors relative
            dates. Without it, relative dates stay unresolved (precision ``unknown``).
        **meta: Optional ``id``, ``title``, ``url``, ``source``.
    """
    return _default_pipeline().extract(text, published=published, **meta)


__all__ = [
    "AcledView",
    "Actor",
    "Article",
    "Bounds",
    "ConfigError",
    "EvaluationError",
    "Event",
    "EventDate",
    "EventscopeError",
    "Evidence",
    "InputError",
    "Location",
    "Pipeline",
    "Result",
    "Settings",
    "Skipped",
    "StageError",
    "StoreError",
    "extract",
    "geoparse",
]

# Show the public path in reprs and docs (as httpx does).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = "eventscope"
