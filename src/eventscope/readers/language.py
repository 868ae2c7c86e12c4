"""A light English check, so foreign-language input is reported instead of mis-coded.

eventscope's dictionaries and patterns are English; a Spanish or Arabic article would
yield garbage events rather than none.  A full language identifier would be another
model to ship, so we use two cheap signals that separate English from the rest well
enough for whole articles:

1. the writing system: mostly non-Latin letters cannot be English;
2. the share of common English function words among Latin word tokens, compared with
   the same share for a few other Latin-script languages.

Short texts (headlines, one-line notes) are never judged on function words, because a
handful of words gives no reliable ratio and wrongly dropping English is worse than
letting a rare short foreign text through.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib.resources import files

MIN_WORDS = 20
MIN_LETTERS = 20
_SAMPLE_CHARS = 20_000
_MIN_ENGLISH_SHARE = 0.08
_MAX_FOREIGN_SCRIPT_SHARE = 0.5
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SCRIPT_NAMES = {
    "CJK": "Chinese characters (CJK)",
    "HIRAGANA": "Japanese kana",
    "KATAKANA": "Japanese kana",
    "HANGUL": "Korean Hangul",
}


@cache
def function_words() -> dict[str, frozenset[str]]:
    """Function-word sets by language name, read once from the shipped data file."""
    text = files("eventscope.data").joinpath("function_words.jsonl").read_text("utf-8")
    table: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        row = json.loads(line)
        if "language" in row:
            table[row["language"]] = frozenset(row["words"])
    return table


def non_english_language(text: str) -> str | None:
    """Name the likely language or script when ``text`` is clearly not English, else None."""
    sample = text[:_SAMPLE_CHARS]
    script = _foreign_script(sample)
    if script is not None:
        return script
    words = [word.lower() for word in _WORD.findall(sample) if _is_latin(word[0])]
    if len(words) < MIN_WORDS:
        return None
    return _foreign_latin_language(words)


def _foreign_script(sample: str) -> str | None:
    """Return the dominant script's name when most letters are not Latin."""
    counts: dict[str, int] = {}
    letters = 0
    for char in sample:
        if char.isalpha():
            letters += 1
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    if letters < MIN_LETTERS:
        return None
    latin = counts.pop("LATIN", 0)
    if not counts or 1 - latin / letters <= _MAX_FOREIGN_SCRIPT_SHARE:
        return None
    dominant = max(counts, key=lambda name: counts[name])
    return _SCRIPT_NAMES.get(dominant, f"{dominant.title()} script")


def _script_of(char: str) -> str:
    """The first word of the Unicode character name (LATIN, ARABIC, CYRILLIC, CJK…)."""
    if char.isascii():
        return "LATIN"
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def _is_latin(char: str) -> bool:
    """True for letters written in the Latin alphabet, accented ones included."""
    return _script_of(char) == "LATIN"


def _foreign_latin_language(words: list[str]) -> str | None:
    """Compare function-word shares; name the winner when English clearly loses."""
    shares = {
        language: sum(word in vocabulary for word in words) / len(words)
        for language, vocabulary in function_words().items()
    }
    english = shares.pop("English", 0.0)
    best = max(shares, key=lambda name: shares[name])
    if shares[best] > english:
        return best
    if english < _MIN_ENGLISH_SHARE:
        return "not English"
    return None
