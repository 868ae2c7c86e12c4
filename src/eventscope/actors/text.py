"""Token normalisation shared by dictionary keys and the text being resolved.

Both sides must be reduced the same way or nothing matches: PETRARCH writes
``KURDISTAN_WORKERS'_PARTY`` and ``U.S.``, news writes "Kurdistan Workers’ Party" and
"US".  We lower-case, drop dots inside acronyms, drop apostrophes and possessive "'s",
and split on hyphens, so "al-Sham", "Al Sham" and "AL_SHAM" give the same tokens.
Each token remembers whether it was written in capitals, because short keys such as
"US", "UN" or "IS" are only safe to match when capitalised ("us", "is" are words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:[.\x00][^\W_]+)*\.?")
_APOSTROPHES = re.compile(r"[’‘`´]")
_POSSESSIVE = re.compile(r"'s\b|(?<=s)'(?=\s|$)", re.IGNORECASE)
_INNER_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")

#: Leading words that never change who an actor is.
LEADING_STOPWORDS: frozenset[str] = frozenset({"the", "a", "an", "some", "several", "many"})
#: Keys this short (in characters) must be written in capitals to match.
SHORT_KEY = 3


@dataclass(frozen=True)
class Token:
    """A normalised word with its position in the original string."""

    norm: str
    upper: bool  # every letter a capital ("US", "ISIS")
    cap: bool  # starts with a capital ("Syrian")
    start: int
    end: int
    hyphen: bool = False  # joined to the token before by a hyphen ("Fazl-ur-*Rehman*")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into normalised tokens with character offsets into ``text``."""
    cleaned = _APOSTROPHES.sub("'", text)
    cleaned = _POSSESSIVE.sub(lambda m: " " * len(m.group(0)), cleaned)
    cleaned = _INNER_APOSTROPHE.sub("\x00", cleaned)
    tokens: list[Token] = []
    # Dots and joined apostrophes stay inside a token so that offsets match ``text``.
    for match in _WORD.finditer(cleaned):
        raw = match.group(0)
        norm = raw.replace("\x00", "").replace(".", "").lower()
        if not norm:
            continue
        letters = [c for c in raw if c.isalpha()]
        upper = bool(letters) and all(c.isupper() for c in letters)
        cap = bool(letters) and letters[0].isupper()
        start = match.start()
        hyphen = bool(tokens) and tokens[-1].end == start - 1 and cleaned[start - 1] == "-"
        tokens.append(Token(norm, upper, cap, start, match.end(), hyphen))
    return tokens


def key_of(name: str) -> tuple[str, ...]:
    """Dictionary key for a name: its normalised tokens without leading articles.

    PETRARCH's underscores are word separators; its trailing underscore (whole-word
    marker) is irrelevant once we match whole tokens.
    """
    words = [t.norm for t in tokenize(name.replace("_", " "))]
    while words and words[0] in LEADING_STOPWORDS:
        words = words[1:]
    return tuple(words)


def needs_capitals(key: tuple[str, ...]) -> bool:
    """Whether a key is short enough that only a capitalised mention may match it."""
    return len(key) == 1 and len(key[0]) <= SHORT_KEY


def display_name(name: str) -> str:
    """Readable form of a PETRARCH upper-case name: ``FREE_SYRIAN_ARMY_`` -> Free Syrian Army."""
    small = {"of", "the", "and", "for", "in", "on", "al", "de", "du", "la", "el", "to"}
    words = name.replace("_", " ").split()
    out: list[str] = []
    for i, word in enumerate(words):
        low = word.lower()
        if i > 0 and low in small:
            out.append(low)
        elif len(word) <= 4 and word.isupper() and not any(v in word for v in "AEIOU"):
            out.append(word)  # acronyms without vowels (PKK, SPLM) stay upper-case
        else:
            out.append("-".join(part.capitalize() for part in low.split("-")))
    return " ".join(out)
