"""Read a quantity phrase ("at least 7", "two hundred and forty-two", "tens of thousands").

Conventions, so that ``min``/``max`` are true bounds:

* exact numbers: min = max ("25", "1,200", "2.5 million", "a dozen" = 12);
* "at least N"/"no fewer than N" = (N, None); "more than N"/"over N" = (N+1, None):
  "more than 150,000" excludes 150,000 itself;
* "up to N"/"as many as N"/"at most N" = (None, N); "fewer than N"/"under N" = (None, N-1):
  the lower bound is unknown, not zero;
* approximations ("about", "some", "nearly", "an estimated") keep the stated figure as an
  exact count, as event data sets do;
* vague plurals run from two of the unit to just below the next named magnitude:
  "dozens" 24–99, "scores" 40–99, "hundreds" 200–999, "thousands" 2,000–9,999,
  "tens of thousands" 20,000–99,999, "hundreds of thousands" 200,000–999,999;
  "a few"/"a handful of" X = 2X to that same ceiling, "several" X = 3X; bare "a few" =
  2–9, "several" = 3–9, "a couple" = 2;
* ranges ("between 10 and 15", "10-15", "two or three") = (low, high);
* "no one", "nobody", "none" = (0, 0).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NOUN_NUMBERS = {"dozen": 12, "score": 20}

_LOWER = r"at\s+least|a\s+minimum\s+of|no\s+fewer\s+than|no\s+less\s+than"
_ABOVE = r"more\s+than|over|upwards?\s+of|in\s+excess\s+of|just\s+over|above"
_UPTO = r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|a\s+maximum\s+of"
_BELOW = r"fewer\s+than|less\s+than|under|below|just\s+under"
_APPROX = (
    r"about|around|some|roughly|approximately|nearly|almost|close\s+to|an\s+estimated"
    r"|estimated|an\s+additional|another|a\s+further"
)

_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES, *_NOUN_NUMBERS], key=len, reverse=True))
_WORD_NUMBER = (
    rf"(?:(?:a|an|half\s+a)\s+)?(?:{_WORD})\b"
    rf"(?:(?:\s+|-|(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+)(?:{_WORD})\b)*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
_NUMBER = rf"(?:(?:{_DIGITS})(?:\s+(?:million|thousand|hundred|billion)\b)?|{_WORD_NUMBER})"
_VAGUE = (
    r"(?:tens|hundreds)\s+of\s+thousands|hundreds\s+of\s+millions|dozens|scores|hundreds"
    r"|thousands|millions"
    r"|(?:a\s+few|several|a\s+handful(?:\s+of)?)(?:\s+(?:dozen|hundred|thousand|million)\b)?"
    r"|a\s+couple(?:\s+of)?"
)
_ZERO = r"no\s+one|nobody|none"
_BOUND = rf"(?:{_LOWER}|{_ABOVE}|{_UPTO}|{_BELOW}|{_APPROX})"
_AMOUNT = rf"(?:{_NUMBER}|{_VAGUE})"

QUANTITY_RE = re.compile(
    rf"\b(?:{_ZERO}"
    rf"|between\s+{_AMOUNT}\s+and\s+{_AMOUNT}"
    rf"|(?:from\s+)?(?:{_BOUND}\s+)?{_AMOUNT}(?:\s*(?:-|–|to|or)\s*{_AMOUNT}(?![\d,]))?)"
    # Not glued to more digits or letters; a comma ends the phrase ("which killed 11, was")
    # unless digits follow it, as inside "1,200".
    rf"(?!\w|,\d)",
    re.IGNORECASE,
)
"""Finds quantity phrases in running text; :func:`parse_quantity` reads each one."""

_VAGUE_TABLE: dict[str, tuple[int, int | None]] = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "hundreds of millions": (200_000_000, 999_999_999),
    "a couple": (2, 2),
    "a couple of": (2, 2),
}
_CEILING = {"dozen": 99, "hundred": 999, "thousand": 9_999, "million": 9_999_999, "": 9}


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("–", "-").split())


def words_to_int(text: str) -> int | None:
    """Value of a spelled-out number ("two hundred and forty-two" = 242), else None."""
    tokens = [t for t in re.split(r"[\s-]+", _norm(text)) if t and t != "and"]
    if not tokens:
        return None
    if tokens[:2] == ["half", "a"]:
        rest = words_to_int(" ".join(tokens[2:]))
        return None if rest is None else rest // 2
    if tokens[0] in ("a", "an"):
        tokens = ["one", *tokens[1:]]
    total, current = 0, 0
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token in _NOUN_NUMBERS:
            current = max(current, 1) * _NOUN_NUMBERS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return total + current


def _number(text: str) -> int | None:
    """An exact number written with digits, digits + scale word, or words."""
    text = _norm(text)
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(million|thousand|hundred|billion))?", text)
    if m:
        try:
            value = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        return round(value * (_SCALES[m.group(2)] if m.group(2) else 1))
    return words_to_int(text)


def _amount(text: str) -> tuple[int | None, int | None] | None:
    """Bounds of one amount: an exact number or a vague quantity."""
    text = _norm(text)
    if text in _VAGUE_TABLE:
        return _VAGUE_TABLE[text]
    m = re.fullmatch(
        r"(a few|several|a handful(?: of)?)(?: (dozen|hundred|thousand|million))?", text
    )
    if m:
        unit = m.group(2) or ""
        size = {"dozen": 12, "": 1}.get(unit) or _SCALES[unit]
        return (3 if m.group(1) == "several" else 2) * size, _CEILING[unit]
    value = _number(text)
    return None if value is None else (value, value)


_BOUND_KINDS = (("lower", _LOWER), ("above", _ABOVE), ("upto", _UPTO), ("below", _BELOW))


def _apply_bound(kind: str, low: int | None, high: int | None) -> tuple[int | None, int | None]:
    """Turn an amount's bounds into the phrase's bounds for one kind of qualifier."""
    if kind == "lower":
        return low, None
    if kind == "above":
        return (None if low is None else low + 1), None
    if kind == "upto":
        return None, high
    if kind == "below":
        return None, (None if low is None else low - 1)
    return low, high


def parse_quantity(text: str) -> tuple[int | None, int | None] | None:
    """(min, max) of a quantity phrase, or None when ``text`` is not one."""
    text = _norm(text)
    if re.fullmatch(_ZERO, text):
        return (0, 0)
    whole = _amount(text)
    if whole is not None:
        return whole
    m = re.fullmatch(rf"(?:between|from) ({_AMOUNT}) (?:and|to) ({_AMOUNT})", text)
    if m is None:
        m = re.fullmatch(rf"({_AMOUNT}) ?(?:-|to|or) ?({_AMOUNT})", text)
    if m:
        first, second = _amount(m.group(1)), _amount(m.group(2))
        if first is None or second is None:
            return None
        return first[0], second[1]
    for kind, pattern in (*_BOUND_KINDS, ("approx", _APPROX)):
        bm = re.fullmatch(rf"(?:{pattern}) (.+)", text)
        if bm:
            inner = parse_quantity(bm.group(1))
            return None if inner is None else _apply_bound(kind, *inner)
    return None


__all__ = ["QUANTITY_RE", "parse_quantity", "words_to_int"]
