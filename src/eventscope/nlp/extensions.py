"""Registers eventscope's Doc extension attributes, once, with defaults.

Stages communicate only through these attributes (no side channels):

- ``doc._.article`` (Article | None): the input article and its publication date.
- ``doc._.events`` (list[EventMention]): written by the events stage, enriched by later ones.
- ``doc._.places`` (list[PlaceMention]): every place mention (places stage).
- ``doc._.dates`` (list[DateValue]): every date expression found (time stage).
- ``doc._.warnings`` (list[str]): per-article notes that end up in records and logs.

List defaults must not be shared between Docs, so they are created by the stage that
owns them (``doc._.events = []``) and read through ``get_list``.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

_ATTRS: dict[str, Any] = {
    "article": None,
    "events": None,
    "places": None,
    "dates": None,
    "warnings": None,
}


def register_extensions() -> None:
    """Register every Doc attribute; safe to call repeatedly."""
    for name, default in _ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


def get_list(doc: Doc, name: str) -> list[Any]:
    """Return the Doc's list attribute ``name``, creating it on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value  # type: ignore[no-any-return]


register_extensions()
