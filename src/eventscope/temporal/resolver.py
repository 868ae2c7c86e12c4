"""Tag and resolve date expressions in news text, anchored on the publication date.

News dates are mostly relative ("on Monday", "last week", "earlier this month") and only
make sense against the day the report was published.  A general date parser guesses
with today's date and returns one point; event data needs an interval with a precision
and must never depend on when the software happens to run.  So this module has its own
small grammar for the forms news text uses, and hands only bare calendar strings it does
not know to :mod:`dateparser`, always with the publication date as ``RELATIVE_BASE``.

Conventions (``P`` is the publication date):

* A weekday ("on Monday", "Monday night", "late on Monday") is the most recent such day
  on or before ``P``; the weekday of ``P`` itself is ``P`` (wire copy says "on Tuesday"
  for the day it is filed).  "last Monday" is strictly before ``P``; "next Monday" is
  strictly after it.
* A day or month without a year is its most recent occurrence on or before ``P``.
* "today"/"tonight"/"this morning" = ``P``; "yesterday"/"last night"/"overnight" = ``P``-1;
  "N days ago" = ``P``-N (precision day).
* Week units are Monday–Sunday.  "last week" = the previous calendar week; "this week",
  "earlier this week" = Monday of ``P``'s week to ``P``; "N weeks ago" = the week holding
  ``P``-7N; "the past week" = the seven days ending on ``P``; "over the weekend" = the most
  recent Saturday–Sunday starting on or before ``P`` (precision week).
* Months: "last month" = the previous calendar month; "this month"/"earlier this month" =
  the 1st to ``P``; "last June" = the most recent June before ``P``'s month; "in June last
  year" = June of the previous year.  "early" = days 1–10, "mid" = 11–20, "late" and
  "the end of" = 21 to month end, "the start/beginning of" = 1–10.  Years: "early" =
  January–April, "mid" = May–August, "late"/"the end of" = September–December.
* Intervals built from a relative or year-less expression never run past ``P``: an event
  reported on ``P`` happened by ``P``.  Explicit dates with a year are never clipped.
* "since X" = from the start of X to ``P``.  Ranges ("between 3 and 5 June", "from June
  3 to 5", "since mid-March") get the precision of their length: one day = day, up to 7
  days = week, up to 31 days = month, longer = year.  Named units keep their own
  precision ("last week" = week, "in June" = month, "in 2009" = year).
* Ambiguous numeric dates (02/06/2019) take the reading closest before ``P``; without
  ``P`` day-first (the order most wire services outside the US use).
* Without ``P``, only expressions that name their year resolve; the others come back
  with precision ``unknown`` and no dates.  Today's date is never used.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .._types import DatePrecision
from ..nlp.mentions import DateValue

_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Fixed-date and Easter-based holidays: name -> (month, day), or days from Easter Sunday.
# Lunar holidays (Eid, Ramadan, Diwali, Lunar New Year) are left out: their Gregorian
# date moves and depends on moon sighting, so a fixed table would be wrong by days.
_FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new year's day": (1, 1),
    "new year": (1, 1), "valentine's day": (2, 14), "halloween": (10, 31),
    "may day": (5, 1), "international women's day": (3, 8),
}  # fmt: skip
_EASTER_HOLIDAYS: dict[str, int] = {
    "easter sunday": 0, "easter": 0, "easter monday": 1, "good friday": -2,
    "palm sunday": -7,
}  # fmt: skip
_HOLIDAY_ALT = "|".join(
    re.escape(name).replace("'", "['’]?").replace(r"\ ", r"\s+")
    for name in sorted([*_FIXED_HOLIDAYS, *_EASTER_HOLIDAYS], key=len, reverse=True)
)
# Season -> first month (meteorological seasons, northern hemisphere); three months each.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Words before a date in its clause that put the date ahead of publication.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won't|'ll|due|scheduled|slated|planned|set\s+to|to\s+be\s+held"
    r"|upcoming|(?:is|are)\s+to)\b",
    re.IGNORECASE,
)
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WD_ALT = "|".join(_WEEKDAYS)
_LEAD = r"(?:(?P<lead>since|between|from|in|on|during|throughout|by|of|for|until|till|at|over)\s+)?"
_MOD = r"early|late|mid|the\s+end\s+of|end\s+of|the\s+start\s+of|start\s+of|the\s+beginning\s+of"


# A full stop after a month belongs to it only when the name is abbreviated ("Jan.");
# after "June" it ends the sentence.
_ABBREV_DOT = r"(?:(?<=\b(?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec))\.|(?<=\bsept)\.)?"


def _month(name: str) -> str:
    return rf"(?P<{name}>{_MONTH_ALT})\b{_ABBREV_DOT}"


def _day(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])\b"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:1[89]|20)\d\d)\b(?!s)"


_OPT_YEAR = rf"(?:,?\s+{_year('y')})?"
_RANGE_SEP = r"\s*(?:-|–|and|to|until|till|through)\s*"
_WEEKDAY = rf"(?P<wd>{_WD_ALT})\b"

# Each pattern is tried everywhere; overlapping hits keep the longest.
_PATTERNS: dict[str, str] = {
    "iso": r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b",
    "numeric": r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d\d)\b",
    "range_dm": (
        rf"\b{_LEAD}(?:the\s+)?{_day('d1')}(?:\s+(?:of\s+)?{_month('m1')})?{_RANGE_SEP}"
        rf"(?:the\s+)?{_day('d2')}\s+(?:of\s+)?{_month('m2')}{_OPT_YEAR}"
    ),
    "range_md": (
        rf"\b{_LEAD}{_month('m1')}\s+{_day('d1')}{_RANGE_SEP}(?:{_month('m2')}\s+)?"
        rf"{_day('d2')}{_OPT_YEAR}"
    ),
    "range_month": (
        rf"\b{_LEAD}{_month('m1')}(?:\s+{_year('y1')})?\s+(?:and|to|until|through)\s+"
        rf"{_month('m2')}{_OPT_YEAR}"
    ),
    "day_month": (
        rf"\b{_LEAD}(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_day('d')}\s+(?:of\s+)?{_month('m')}"
        rf"{_OPT_YEAR}"
    ),
    "month_day": rf"\b{_LEAD}(?:{_WEEKDAY},?\s+)?{_month('m')}\s+{_day('d')}{_OPT_YEAR}",
    "month": (
        rf"\b{_LEAD}(?:(?P<mod>{_MOD})[\s-]+)?(?:(?P<rel>last|this|next)\s+)?{_month('m')}"
        rf"(?:,?\s+{_year('y')}|\s+(?P<rel2>last|this|next)\s+year)?"
    ),
    "year": rf"\b{_LEAD}(?:(?P<mod>{_MOD})[\s-]+)?{_year('y')}",
    "decade": r"\b(?:(?P<lead>since|in|during|throughout)\s+)?the\s+(?P<dec>(?:1[89]|20)\d0)s\b",
    "rel_day": (
        r"\b(?P<w>today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today"
        r"|(?:the\s+)?day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?"
        r"|last\s+night|overnight)\b"
    ),
    "ago": (
        rf"\b{_LEAD}(?P<n>\d+|{'|'.join(_SMALL_NUMBERS)})\s+(?P<unit>day|week|month|year)s?"
        r"\s+ago\b"
    ),
    "rel_unit": (
        rf"\b{_LEAD}(?:(?P<mod>{_MOD}|earlier|later)[\s-]+)?"
        r"(?P<rel>last|this\s+past|this|next|the\s+past|past)\s+"
        r"(?P<unit>weekend|week|month|year)\b"
    ),
    "weekend": r"\b(?P<lead>since|over|at|during|on)\s+the\s+weekend\b",
    "weekday": (
        rf"\b{_LEAD}(?:(?P<rel>last|this|next|early|late|earlier|later)\s+(?:on\s+)?)?"
        rf"{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    ),
    "holiday": (
        rf"\b{_LEAD}(?:(?P<rel>last|this|next)\s+)?(?P<hol>{_HOLIDAY_ALT})\b"
        rf"(?:,?\s+{_year('y')})?"
    ),
    "season": (
        rf"\b{_LEAD}(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]+)?"
        r"(?:(?P<rel>last|this|next|the\s+past|past)\s+)?(?P<season>spring|summer|autumn|fall|winter)\b"
        rf"(?:\s+(?:of\s+)?{_year('y')}|\s+(?P<rel2>last|this|next)\s+year)?"
    ),
    "anaphora": (
        rf"\b(?:(?P<lead>on|by|since)\s+)?(?:"
        r"the\s+(?P<before>(?:day|night|evening)\s+before|previous\s+(?:day|night|evening))"
        r"|the\s+(?P<after>day\s+after|(?:next|following)\s+(?:day|morning|night|evening))"
        rf"|(?P<n>a|an|one|\d+|{'|'.join(_SMALL_NUMBERS)})\s+days?\s+(?P<dir>later|earlier|before|after)"
        r"|(?P<same>(?:that|the\s+same)\s+day)"
        r")\b"
    ),
}
_COMPILED = {name: re.compile(rx, re.IGNORECASE) for name, rx in _PATTERNS.items()}
# Leading words that change the meaning and so belong to the expression's text.
_MEANINGFUL_LEADS = {"since", "between", "from"}


@dataclass(frozen=True)
class DateMatch:
    """One date expression found in a text, with its character offsets and value."""

    start: int
    end: int
    text: str
    value: DateValue


@dataclass(frozen=True)
class _Ctx:
    """What a handler needs: the match, the publication date and the expression text."""

    m: re.Match[str]
    pub: date | None
    text: str
    future: bool = False


_Handler = Callable[[_Ctx], "DateValue | None"]


# --- calendar helpers -------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def span_precision(start: date, end: date) -> DatePrecision:
    """Precision of an interval from its length (see the module docstring)."""
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    return "year"


def _value(ctx: _Ctx, start: date, end: date, precision: DatePrecision, *, clip: bool) -> DateValue:
    """Build the value, clipping relative intervals at publication."""
    if clip and ctx.pub is not None and start <= ctx.pub < end:
        end = ctx.pub
    return DateValue(start=start, end=end, precision=precision, text=ctx.text)


def _unknown(ctx: _Ctx) -> DateValue:
    return DateValue(start=None, end=None, precision="unknown", text=ctx.text)


def _is_capitalised(word: str | None) -> bool:
    """Month and weekday names are capitalised in news text; "may"/"march" are verbs."""
    return word is None or word[:1].isupper()


def _month_num(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _year_num(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 50 else 1900) if len(text) == 2 else year


def _past_year_for(pub: date, month: int, day: int = 1) -> int:
    """The year that puts (month, day) at its most recent occurrence on or before ``pub``."""
    candidate = _safe_date(pub.year, month, min(day, 28 if month == 2 else day))
    if candidate is not None and candidate > pub:
        return pub.year - 1
    return pub.year


# --- handlers ------------------------------------------------------------------------


def _h_iso(ctx: _Ctx) -> DateValue | None:
    day = _safe_date(int(ctx.m["y"]), int(ctx.m["m"]), int(ctx.m["d"]))
    return None if day is None else _value(ctx, day, day, "day", clip=False)


def _h_numeric(ctx: _Ctx) -> DateValue | None:
    a, b, year = int(ctx.m["a"]), int(ctx.m["b"]), _year_num(ctx.m["y"])
    readings = [d for d in (_safe_date(year, b, a), _safe_date(year, a, b)) if d is not None]
    if not readings:
        return None
    chosen = readings[0]
    if ctx.pub is not None:
        before = [d for d in readings if d <= ctx.pub]
        chosen = max(before) if before else min(readings, key=lambda d: abs(d - ctx.pub))
    return _value(ctx, chosen, chosen, "day", clip=False)


def _future_year_for(pub: date, month: int, day: int = 1) -> int:
    """The year that puts (month, day) at its next occurrence on or after ``pub``."""
    candidate = _safe_date(pub.year, month, min(day, 28 if month == 2 else day))
    if candidate is not None and candidate < pub:
        return pub.year + 1
    return pub.year


def _year_for(ctx: _Ctx, month: int, day: int = 1) -> int:
    """Year of a year-less date: most recent occurrence, or next one in future context."""
    assert ctx.pub is not None
    if ctx.future:
        return _future_year_for(ctx.pub, month, day)
    return _past_year_for(ctx.pub, month, day)


def _resolve_day(ctx: _Ctx, day: int, month: int, year: int | None) -> date | None:
    if year is None:
        if ctx.pub is None:
            return None
        year = _year_for(ctx, month, day)
    return _safe_date(year, month, day)


def _h_day(ctx: _Ctx) -> DateValue | None:
    if not (_is_capitalised(ctx.m["m"]) and _is_capitalised(ctx.m["wd"])):
        return None
    year = int(ctx.m["y"]) if ctx.m["y"] else None
    if year is None and ctx.pub is None:
        return _unknown(ctx)
    day = _resolve_day(ctx, int(ctx.m["d"]), _month_num(ctx.m["m"]), year)
    if day is None:
        return None
    return _since(ctx, _value(ctx, day, day, "day", clip=False), clip=year is None)


def _h_range_days(ctx: _Ctx) -> DateValue | None:
    if not all(_is_capitalised(ctx.m[g]) for g in ("m1", "m2")):
        return None
    m1 = _month_num(ctx.m["m1"] or ctx.m["m2"])
    m2 = _month_num(ctx.m["m2"] or ctx.m["m1"])
    year = int(ctx.m["y"]) if ctx.m["y"] else None
    if year is None and ctx.pub is None:
        return _unknown(ctx)
    end = _resolve_day(ctx, int(ctx.m["d2"]), m2, year)
    if end is None:
        return None
    start = _safe_date(end.year if m1 <= m2 else end.year - 1, m1, int(ctx.m["d1"]))
    if start is None or start > end:
        return None
    return _value(ctx, start, end, span_precision(start, end), clip=year is None)


def _h_range_month(ctx: _Ctx) -> DateValue | None:
    if not (_is_capitalised(ctx.m["m1"]) and _is_capitalised(ctx.m["m2"])):
        return None
    m1, m2 = _month_num(ctx.m["m1"]), _month_num(ctx.m["m2"])
    year = int(ctx.m["y"]) if ctx.m["y"] else None
    if year is None:
        if ctx.pub is None:
            return _unknown(ctx)
        year = _past_year_for(ctx.pub, m2)
    y1 = int(ctx.m["y1"]) if ctx.m["y1"] else (year if m1 <= m2 else year - 1)
    start, end = date(y1, m1, 1), month_end(year, m2)
    if start > end:
        return None
    return _value(ctx, start, end, span_precision(start, end), clip=ctx.m["y"] is None)


def _part_of_month(year: int, month: int, mod: str | None) -> tuple[date, date]:
    """Days covered by "early/mid/late/end of" a month (whole month without modifier)."""
    kind = _mod_kind(mod)
    if kind == "early":
        return date(year, month, 1), date(year, month, 10)
    if kind == "mid":
        return date(year, month, 11), date(year, month, 20)
    if kind == "late":
        return date(year, month, 21), month_end(year, month)
    return date(year, month, 1), month_end(year, month)


def _part_of_year(year: int, mod: str | None) -> tuple[date, date]:
    kind = _mod_kind(mod)
    if kind == "early":
        return date(year, 1, 1), date(year, 4, 30)
    if kind == "mid":
        return date(year, 5, 1), date(year, 8, 31)
    if kind == "late":
        return date(year, 9, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year, 12, 31)


def _mod_kind(mod: str | None) -> str | None:
    if mod is None:
        return None
    mod = mod.lower()
    if "start" in mod or "beginning" in mod or mod == "early":
        return "early"
    if "end" in mod or mod == "late":
        return "late"
    return "mid" if mod == "mid" else None


def _h_month(ctx: _Ctx) -> DateValue | None:
    m = ctx.m
    if not _is_capitalised(m["m"]):
        return None
    if not (m["lead"] or m["mod"] or m["rel"] or m["y"] or m["rel2"]):
        return None  # a bare "June" is too often a name
    month = _month_num(m["m"])
    explicit = m["y"] is not None
    if explicit:
        year = int(m["y"])
    elif ctx.pub is None:
        return _unknown(ctx)
    elif m["rel2"]:
        year = ctx.pub.year + {"last": -1, "this": 0, "next": 1}[m["rel2"].lower()]
    elif m["rel"] and m["rel"].lower() == "last":
        year = ctx.pub.year if month < ctx.pub.month else ctx.pub.year - 1
    elif m["rel"] and m["rel"].lower() == "next":
        year = ctx.pub.year if month > ctx.pub.month else ctx.pub.year + 1
    elif ctx.future:
        year = ctx.pub.year if month >= ctx.pub.month else ctx.pub.year + 1
    else:
        year = _past_year_for(ctx.pub, month)
    start, end = _part_of_month(year, month, m["mod"])
    clip = not explicit and not ctx.future
    return _since(ctx, _value(ctx, start, end, "month", clip=clip), clip=clip)


def _h_year(ctx: _Ctx) -> DateValue | None:
    if not (ctx.m["lead"] or ctx.m["mod"]):
        return None  # a bare number like "2011" is too often not a date
    start, end = _part_of_year(int(ctx.m["y"]), ctx.m["mod"])
    return _since(ctx, _value(ctx, start, end, "year", clip=False), clip=False)


def _h_decade(ctx: _Ctx) -> DateValue | None:
    first = int(ctx.m["dec"])
    value = _value(ctx, date(first, 1, 1), date(first + 9, 12, 31), "year", clip=False)
    return _since(ctx, value, clip=False)


def _h_rel_day(ctx: _Ctx) -> DateValue | None:
    if ctx.pub is None:
        return _unknown(ctx)
    word = " ".join(ctx.m["w"].lower().split())
    if "day before yesterday" in word:
        back = 2
    elif word.startswith(("yesterday", "last night", "overnight")):
        back = 1
    else:
        back = 0
    day = ctx.pub - timedelta(days=back)
    return _value(ctx, day, day, "day", clip=False)


def _unit_interval(pub: date, unit: str, offset: int) -> tuple[date, date]:
    """The calendar week/month/year ``offset`` units away from the one holding ``pub``."""
    if unit == "week":
        return week_of(pub + timedelta(weeks=offset))
    if unit == "month":
        year, month = _shift_month(pub.year, pub.month, offset)
        return date(year, month, 1), month_end(year, month)
    return date(pub.year + offset, 1, 1), date(pub.year + offset, 12, 31)


def _h_ago(ctx: _Ctx) -> DateValue | None:
    if ctx.pub is None:
        return _unknown(ctx)
    word = ctx.m["n"].lower()
    n = int(word) if word.isdigit() else _SMALL_NUMBERS[word]
    unit = ctx.m["unit"].lower()
    if unit == "day":
        day = ctx.pub - timedelta(days=n)
        return _since(ctx, _value(ctx, day, day, "day", clip=False), clip=True)
    start, end = _unit_interval(ctx.pub, unit, -n)
    precision: DatePrecision = unit  # type: ignore[assignment]
    return _since(ctx, _value(ctx, start, end, precision, clip=True), clip=True)


def _weekend(pub: date, offset_weeks: int) -> tuple[date, date]:
    """The most recent Saturday–Sunday starting on or before ``pub``, shifted by weeks."""
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7) + timedelta(weeks=offset_weeks)
    return saturday, saturday + timedelta(days=1)


def _h_rel_unit(ctx: _Ctx) -> DateValue | None:
    if ctx.pub is None:
        return _unknown(ctx)
    pub = ctx.pub
    rel = " ".join(ctx.m["rel"].lower().split())
    unit = ctx.m["unit"].lower()
    if rel in ("the past", "past") and unit != "weekend":
        days = {"week": 7, "month": 30, "year": 365}[unit]
        precision: DatePrecision = unit  # type: ignore[assignment]
        return _since(ctx, _value(ctx, pub - timedelta(days=days - 1), pub, precision, clip=True))
    if unit == "weekend":
        back = -1 if rel == "last" and pub.weekday() >= 5 else 0
        start, end = _weekend(pub, back + (1 if rel == "next" else 0))
        return _since(ctx, _value(ctx, start, end, "week", clip=True), clip=True)
    offset = {"last": -1, "this past": -1, "this": 0, "next": 1}[rel]
    start, end = _unit_interval(pub, unit, offset)
    mod = ctx.m["mod"].lower() if ctx.m["mod"] else None
    if mod == "later":
        start = max(start, pub)
    elif mod is not None and mod != "earlier":
        if unit == "month":
            start, end = _part_of_month(start.year, start.month, mod)
        elif unit == "year":
            start, end = _part_of_year(start.year, mod)
    precision = unit  # type: ignore[assignment]
    return _since(ctx, _value(ctx, start, end, precision, clip=True), clip=True)


def _h_weekend(ctx: _Ctx) -> DateValue | None:
    if ctx.pub is None:
        return _unknown(ctx)
    start, end = _weekend(ctx.pub, 0)
    return _since(ctx, _value(ctx, start, end, "week", clip=True), clip=True)


def _h_weekday(ctx: _Ctx) -> DateValue | None:
    if not _is_capitalised(ctx.m["wd"]):
        return None
    if ctx.pub is None:
        return _unknown(ctx)
    target = _WEEKDAYS.index(ctx.m["wd"].lower())
    rel = (ctx.m["rel"] or "").lower()
    back = (ctx.pub.weekday() - target) % 7
    if rel == "last" and back == 0:
        back = 7
    if rel == "next":
        ahead = (target - ctx.pub.weekday()) % 7 or 7
        day = ctx.pub + timedelta(days=ahead)
    elif ctx.future and not rel:
        day = ctx.pub + timedelta(days=(target - ctx.pub.weekday()) % 7)
    else:
        day = ctx.pub - timedelta(days=back)
    return _since(ctx, _value(ctx, day, day, "day", clip=False), clip=True)


def easter_sunday(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * weekday_shift) // 433
    month = (h + weekday_shift - 7 * m + 90) // 25
    day = (h + weekday_shift - 7 * m + 33 * month + 19) % 32
    return date(year, month, day)


def _holiday_in(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    return easter_sunday(year) + timedelta(days=_EASTER_HOLIDAYS[name])


def _h_holiday(ctx: _Ctx) -> DateValue | None:
    if not _is_capitalised(ctx.m["hol"]):
        return None
    name = re.sub(r"\s+", " ", ctx.m["hol"].lower().replace("’", "'"))
    if name not in _FIXED_HOLIDAYS and name not in _EASTER_HOLIDAYS:
        name = name.replace("years", "year's").replace("womens", "women's")
        name = name.replace("valentines", "valentine's")
    if name not in _FIXED_HOLIDAYS and name not in _EASTER_HOLIDAYS:
        return None
    if ctx.m["y"]:
        day = _holiday_in(name, int(ctx.m["y"]))
        return _since(ctx, _value(ctx, day, day, "day", clip=False), clip=False)
    if ctx.pub is None:
        return _unknown(ctx)
    rel = (ctx.m["rel"] or "").lower()
    pub = ctx.pub
    this_year = _holiday_in(name, pub.year)
    if rel == "this":
        day = this_year
    elif rel == "next" or (ctx.future and not rel):
        day = this_year if this_year > pub or (ctx.future and this_year == pub) else None
        day = day or _holiday_in(name, pub.year + 1)
    elif rel == "last":
        day = this_year if this_year < pub else _holiday_in(name, pub.year - 1)
    else:
        day = this_year if this_year <= pub else _holiday_in(name, pub.year - 1)
    return _since(ctx, _value(ctx, day, day, "day", clip=False), clip=True)


def _season_in(first_year: int, season: str, mod: str | None) -> tuple[date, date]:
    """A season starting in ``first_year``; "early/mid/late" pick its first/second/third
    month.  Winter runs from December into the next year's February."""
    first_month = _SEASONS[season]
    offset = {"early": 0, "mid": 1, "late": 2}.get((mod or "").lower())
    months = [offset] if offset is not None else [0, 1, 2]
    y1, m1 = _shift_month(first_year, first_month, months[0])
    y2, m2 = _shift_month(first_year, first_month, months[-1])
    return date(y1, m1, 1), month_end(y2, m2)


def _h_season(ctx: _Ctx) -> DateValue | None:
    m = ctx.m
    season = m["season"].lower()
    rel = " ".join((m["rel"] or "").lower().split())
    if not (m["lead"] or m["mod"] or rel or m["y"] or m["rel2"]):
        return None  # a bare "summer" is as often an adjective as a date
    if season == "fall" and not (rel or m["y"] or m["rel2"]):
        return None  # "the fall of the city"
    if m["y"]:
        start, end = _season_in(int(m["y"]), season, m["mod"])
        return _since(ctx, _value(ctx, start, end, span_precision(start, end), clip=False))
    if ctx.pub is None:
        return _unknown(ctx)
    pub = ctx.pub
    # The season that started most recently on or before publication.
    year = pub.year if date(pub.year, _SEASONS[season], 1) <= pub else pub.year - 1
    if m["rel2"]:
        year = pub.year + {"last": -1, "this": 0, "next": 1}[m["rel2"].lower()]
        year -= 1 if season == "winter" and m["rel2"].lower() != "next" else 0
    elif rel in ("last", "the past", "past"):
        if _season_in(year, season, None)[1] >= pub:
            year -= 1  # "last summer" in July is the previous year's
    elif rel == "next" or (ctx.future and not rel and _season_in(year, season, None)[1] < pub):
        year += 1
    start, end = _season_in(year, season, m["mod"])
    return _since(ctx, _value(ctx, start, end, span_precision(start, end), clip=True))


def _h_anaphora(ctx: _Ctx) -> DateValue | None:
    """Placeholder: anaphoric dates are resolved in text order by :func:`_resolve_anaphora`."""
    return DateValue(start=None, end=None, precision="unknown", text=ctx.text)


def _anaphora_shift(m: re.Match[str]) -> int:
    if m["same"]:
        return 0
    if m["before"]:
        return -1
    if m["after"]:
        return 1
    word = m["n"].lower()
    n = int(word) if word.isdigit() else _SMALL_NUMBERS.get(word, 1)
    return -n if m["dir"].lower() in ("earlier", "before") else n


def _resolve_anaphora(
    m: re.Match[str], text: str, previous: DateValue | None, pub: date | None
) -> DateValue:
    """ "the day before", "two days later", "that day": counted from the last date named
    earlier in the text; with none, from publication (a report's "the day before" is the
    day before it was filed)."""
    shift = timedelta(days=_anaphora_shift(m))
    if previous is not None and previous.start is not None and previous.end is not None:
        start, end = previous.start + shift, previous.end + shift
        return DateValue(start=start, end=end, precision=previous.precision, text=text)
    if pub is None:
        return DateValue(start=None, end=None, precision="unknown", text=text)
    day = pub + shift
    return DateValue(start=day, end=day, precision="day", text=text)


def _since(ctx: _Ctx, value: DateValue, clip: bool = True) -> DateValue:
    """Turn X into "from the start of X until publication" when the lead word is "since"."""
    lead = ctx.m.groupdict().get("lead")
    if not lead or lead.lower() != "since" or value.start is None:
        return value
    if ctx.pub is None:
        return DateValue(start=value.start, end=None, precision=value.precision, text=ctx.text)
    if value.start > ctx.pub:
        return value
    return DateValue(
        start=value.start,
        end=ctx.pub,
        precision=span_precision(value.start, ctx.pub),
        text=ctx.text,
    )


_HANDLERS: dict[str, _Handler] = {
    "iso": _h_iso,
    "numeric": _h_numeric,
    "range_dm": _h_range_days,
    "range_md": _h_range_days,
    "range_month": _h_range_month,
    "day_month": _h_day,
    "month_day": _h_day,
    "month": _h_month,
    "year": _h_year,
    "decade": _h_decade,
    "rel_day": _h_rel_day,
    "ago": _h_ago,
    "rel_unit": _h_rel_unit,
    "weekend": _h_weekend,
    "weekday": _h_weekday,
    "holiday": _h_holiday,
    "season": _h_season,
    "anaphora": _h_anaphora,
}


# --- scanning ------------------------------------------------------------------------


def _expression_start(m: re.Match[str]) -> int:
    """Where the reported expression starts: plain prepositions ("in", "on") are left out."""
    lead = m.groupdict().get("lead")
    if lead and lead.lower() not in _MEANINGFUL_LEADS:
        start = m.end("lead")
        while start < m.end() and m.string[start].isspace():
            start += 1
        return start
    return m.start()


def find_date_expressions(text: str, published: date | None) -> list[DateMatch]:
    """Every date expression in ``text``, resolved against ``published``, in text order.

    Overlapping candidates keep the longest ("Monday, June 3" beats "Monday").
    """
    candidates: list[tuple[int, int, str, re.Match[str]]] = []
    for name, rx in _COMPILED.items():
        for m in rx.finditer(text):
            start = _expression_start(m)
            if m.end() > start:
                candidates.append((start, m.end(), name, m))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[DateMatch, re.Match[str] | None]] = []
    for start, end, name, m in candidates:
        if any(start < t.end and t.start < end for t, _ in taken):
            continue
        ctx = _Ctx(m=m, pub=published, text=text[start:end], future=future_context(text, start))
        value = _HANDLERS[name](ctx)
        if value is not None:
            match = DateMatch(start=start, end=end, text=text[start:end], value=value)
            taken.append((match, m if name == "anaphora" else None))
    return _with_anaphora(sorted(taken, key=lambda t: t[0].start), published)


def _with_anaphora(
    taken: list[tuple[DateMatch, re.Match[str] | None]], published: date | None
) -> list[DateMatch]:
    """Resolve "the day before"-style dates against the date named before them."""
    result: list[DateMatch] = []
    previous: DateValue | None = None
    for match, anaphora in taken:
        if anaphora is not None:
            value = _resolve_anaphora(anaphora, match.text, previous, published)
            match = DateMatch(start=match.start, end=match.end, text=match.text, value=value)
        result.append(match)
        if match.value.start is not None:
            previous = match.value
    return result


def future_context(text: str, start: int) -> bool:
    """Whether the clause before ``start`` announces something still to come ("elections
    are due in May", "talks will resume on Monday").  The clause runs back to the last
    sentence or clause break (. ; ! ? or a line break)."""
    clause_start = max(text.rfind(c, 0, start) for c in ".;!?\n") + 1
    return _FUTURE_CUE.search(text, clause_start, start) is not None


def _dateparser_fallback(text: str, published: date) -> DateValue | None:
    """Let dateparser read a calendar string our grammar does not know, never from today."""
    import dateparser

    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
    }
    parser = dateparser.DateDataParser(languages=["en"], settings=settings)
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    day = data.date_obj.date()
    period = data.period or "day"
    if period == "month":
        start, end = date(day.year, day.month, 1), month_end(day.year, day.month)
        return DateValue(start=start, end=end, precision="month", text=text)
    if period == "year":
        return DateValue(
            start=date(day.year, 1, 1), end=date(day.year, 12, 31), precision="year", text=text
        )
    if period == "week":
        start, end = week_of(day)
        return DateValue(start=start, end=end, precision="week", text=text)
    return DateValue(start=day, end=day, precision="day", text=text)


def resolve_date_expression(text: str, published: date | None) -> DateValue | None:
    """Resolve the first date expression in ``text`` (an expression or a whole sentence).

    Returns None when ``text`` holds no date expression.  Short texts our grammar does
    not cover go to dateparser, anchored on ``published``; without ``published`` that
    fallback is skipped, because dateparser would anchor on today.
    """
    found = find_date_expressions(text, published)
    if found:
        return found[0].value
    if published is not None and len(text.split()) <= 4 and any(c.isdigit() for c in text):
        return _dateparser_fallback(text.strip(), published)
    return None
