"""Turn one input record (a JSON object, a CSV row, a parsed page) into an Article.

Every format ends here so that the rules are the same whichever file the article came
from: which field names are accepted, how ids and dates are read, what counts as empty,
too large or not English.  Problems come back as a :class:`Skipped` value, never as an
exception, so one bad record cannot stop a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from eventscope.errors import InputError, Messages
from eventscope.readers.article import Article, Skipped, text_id
from eventscope.readers.dates import parse_published
from eventscope.readers.language import non_english_language

NO_DATE_WARNING = "no publication date: relative dates cannot be resolved"

# Field names accepted for each Article attribute, first match wins.  The aliases are
# the names common exports use (e.g. a ``date`` column), so users need not rename.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "article_id", "doc_id"),
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "published": ("published", "date", "publication_date", "published_at", "pub_date"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher"),
}


@dataclass(frozen=True)
class Draft:
    """An article's fields before validation, as each reader found them."""

    text: str
    origin: str
    id: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    warnings: tuple[str, ...] = field(default=())


def find_field(folded: Mapping[str, object], name: str) -> object:
    """The value of the first alias of ``name`` present in a :func:`fold_keys` record."""
    for alias in FIELD_ALIASES[name]:
        if alias in folded:
            return folded[alias]
    return None


def fold_keys(record: Mapping[str, object]) -> dict[str, object]:
    """Match field names regardless of case and stray spaces (``Text``, `` date``)."""
    return {str(key).strip().lower(): value for key, value in record.items()}


def has_text_field(keys: Iterable[object]) -> bool:
    """True when some key (CSV column, JSON field) is an accepted name for the text."""
    names = {str(key).strip().lower() for key in keys}
    return any(alias in names for alias in FIELD_ALIASES["text"])


def draft_from_record(record: Mapping[str, object], origin: str) -> Draft | Skipped:
    """Read the known fields of a JSON object or CSV row; bad dates skip the record."""
    record = fold_keys(record)
    text = find_field(record, "text")
    if text is not None and not isinstance(text, str):
        return Skipped(origin, Messages.E005.format(detail="'text' must be a string"))
    try:
        published = parse_published(find_field(record, "published"))
    except InputError as err:
        return Skipped(origin, str(err))
    return Draft(
        text=text or "",
        origin=origin,
        id=_optional_str(find_field(record, "id")),
        title=_optional_str(find_field(record, "title")),
        published=published,
        url=_optional_str(find_field(record, "url")),
        source=_optional_str(find_field(record, "source")),
    )


def _optional_str(value: object) -> str | None:
    """Metadata as a stripped string; empty and null values become None."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def finish(draft: Draft, *, max_bytes: int) -> Article | Skipped:
    """Validate the text and build the Article, adding non-fatal warnings.

    Checks run cheapest first: emptiness, size (before language, which samples the text),
    then language.
    """
    text = normalise_text(draft.text)
    if not text:
        return Skipped(draft.origin, Messages.E008)
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        return Skipped(draft.origin, Messages.E004.format(size=size, limit=max_bytes))
    language = non_english_language(text)
    if language is not None:
        return Skipped(draft.origin, Messages.E007.format(language=language))
    warnings = draft.warnings
    if draft.published is None:
        warnings = (*warnings, NO_DATE_WARNING)
    return Article(
        id=draft.id or text_id(text),
        text=text,
        published=draft.published,
        title=draft.title,
        url=draft.url,
        source=draft.source,
        origin=draft.origin,
        warnings=warnings,
    )


def normalise_text(text: str) -> str:
    """Unify line endings and trim, so ids and offsets do not depend on the platform."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
