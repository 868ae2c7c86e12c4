"""Readers: every input format becomes :class:`Article` values, bad input :class:`Skipped`.

Supported: ``.txt`` (one article, optional ``date:``/``title:`` header), ``.jsonl`` and
``.json``, ``.csv`` (fields id, text, title, published, url, source), ``.html``/``.htm``
(main text extracted), directories of those, and ``-`` for standard input.
"""

from __future__ import annotations

from eventscope.readers.article import Article, Skipped, text_id
from eventscope.readers.records import NO_DATE_WARNING
from eventscope.readers.sources import DEFAULT_MAX_BYTES, SUFFIXES, read_inputs

__all__ = [
    "DEFAULT_MAX_BYTES",
    "NO_DATE_WARNING",
    "SUFFIXES",
    "Article",
    "Skipped",
    "read_inputs",
    "text_id",
]
