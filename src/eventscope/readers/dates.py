"""Parse an article's publication date from the forms that news feeds actually use.

The publication date anchors every relative date ("yesterday", "last Tuesday"), so a
wrong one silently shifts every event.  We therefore accept only unambiguous forms and
refuse to guess: day-first vs month-first numeric dates (``05/06/2018``) are rejected.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from eventscope.errors import InputError, Messages

# YYYY-MM-DD (or YYYY/MM/DD, YYYYMMDD) optionally followed by a time part.  The time
# part is ignored on purpose: the calendar date the outlet printed is the anchor, and
# converting to UTC could move it to the previous or next day.
_ISO_DATE = re.compile(
    r"^(?P<y>\d{4})(?P<sep>[-/]?)(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:[T ]|$)(?P<time>.*))?$"
)
_TIME_TAIL = re.compile(
    r"^\d{1,2}(:\d{2}){0,2}([.,]\d+)?\s*(Z|[+-]\d{2}(:?\d{2})?|[A-Za-z]{1,5})?$"
)
_WORDY_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y")
_EMPTY = {"", "none", "null", "nan", "n/a", "na", "unknown", "-"}


def parse_published(value: object) -> date | None:
    """Return the calendar date in ``value``; ``None`` when the value means "unknown".

    Raises:
        InputError: E006 for a well-formed but impossible date (2019-02-30), E012 for
            text in no recognised form, so the caller can skip just that record.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if text.lower() in _EMPTY:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return _from_iso_match(match, text)
    return _from_words(text)


def _from_iso_match(match: re.Match[str], raw: str) -> date:
    """Build the date from a numeric year-first match, so impossible ones are reported."""
    time_part = match.group("time")
    if time_part and not _TIME_TAIL.match(time_part.strip()):
        raise InputError(Messages.E012.format(value=raw))
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
    except ValueError:
        raise InputError(Messages.E006.format(value=raw)) from None


def _from_words(text: str) -> date:
    """Accept month names ("20 May 2018", RFC 2822 feed dates), which cannot be misread."""
    for fmt in _WORDY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise InputError(Messages.E012.format(value=text)) from None
