"""The article: the one input type every reader produces and the pipeline consumes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    """One dated news report.

    Attributes:
        id (str): Caller's id when given, else a hash of the text, so re-reading the
            same file gives the same id and records stay joinable.
        text (str): Body text (main text only for HTML).
        published (date | None): Publication date; anchors every relative date.
            ``None`` means unknown: events then get precision ``unknown``, never today.
        title, url, source (str | None): Metadata carried into every record.
        origin (str): ``file:line`` where the article came from, for messages.
    """

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    origin: str = "<memory>"
    warnings: tuple[str, ...] = field(default=())

    @property
    def content_hash(self) -> str:
        """Hash of what determines the output, so `ingest` can skip repeats."""
        key = "\x1f".join(
            [
                self.id,
                self.text,
                self.published.isoformat() if self.published else "",
                self.title or "",
            ]
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()


def text_id(text: str) -> str:
    """A stable article id derived from the text, for inputs that carry none."""
    return "a" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:15]


@dataclass(frozen=True)
class Skipped:
    """An input that could not become an article, with a one-line reason."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"
