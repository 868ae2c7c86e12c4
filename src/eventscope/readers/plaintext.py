"""Plain-text articles: the whole file is one article, with an optional small header.

Wire-service dumps often start with the date on its own line, so a leading header is
read before the body::

    date: 2018-05-20        (also "date 2018-05-20", any letter case)
    title: Police disperse protest in Nairobi
    <blank line>
    Body text ...

Wire dumps also put the headline on the line after the date, without a key::

    date 2018-05-20
    Police disperse protest in Nairobi
    <blank line>
    Body text ...

so after a ``date`` line, a single short line followed by a blank line becomes the
title when it does not end like a sentence (``.``, ``!``, ``?``): a one-line lead
paragraph ends with a full stop, a headline does not.  Keeping the headline out of the
body matters because it restates the lead, and coding both would count events twice.

Only ``date`` and ``title`` are header keys.  ``title`` needs the colon, because a body
may well begin with the word "Title"; ``date`` without a colon counts only when a date
follows, because a body may begin with "Date palms ...".  The header ends at the first
other line.
"""

from __future__ import annotations

import re

from eventscope.errors import InputError
from eventscope.readers.article import Skipped
from eventscope.readers.dates import parse_published
from eventscope.readers.records import Draft

_DATE_LINE = re.compile(r"^date\s*(?::\s*(?P<any>.*?)|\s(?P<numeric>\s*\d{4}-\S*))\s*$", re.I)
_TITLE_LINE = re.compile(r"^title\s*:\s*(?P<title>.*?)\s*$", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")
MAX_HEADLINE_CHARS = 200


def draft_from_text(text: str, origin: str, article_id: str | None) -> Draft | Skipped:
    """Split off the header and return the body as a draft; a bad header date skips it."""
    lines = text.splitlines()
    header, start = _read_header(lines)
    if "date" in header and "title" not in header and _is_headline(lines, start):
        header["title"] = lines[start].strip()
        start += 1
    try:
        published = parse_published(header.get("date"))
    except InputError as err:
        return Skipped(origin, str(err))
    body = "\n".join(lines[start:])
    title = header.get("title") or None
    return Draft(text=body, origin=origin, id=article_id, title=title, published=published)


def _read_header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Return the header values and the index of the first body line.

    Blank lines are allowed between and after header lines but not before them, so a
    text that merely starts with blank lines has no header.
    """
    header: dict[str, str] = {}
    for index, raw in enumerate(lines):
        line = raw.strip()
        date_match = _DATE_LINE.match(line)
        title_match = _TITLE_LINE.match(line)
        if date_match and "date" not in header:
            header["date"] = date_match.group("any") or date_match.group("numeric") or ""
        elif title_match and "title" not in header:
            header["title"] = title_match.group("title")
        elif line or not header:
            return header, index
    return header, len(lines)


def _is_headline(lines: list[str], index: int) -> bool:
    """True when ``lines[index]`` is a short unpunctuated line set off by a blank line."""
    if index + 2 >= len(lines) or lines[index + 1].strip():
        return False
    candidate = lines[index].strip()
    if not candidate or len(candidate) > MAX_HEADLINE_CHARS:
        return False
    has_body = any(line.strip() for line in lines[index + 2 :])
    return has_body and not _SENTENCE_END.search(candidate)
