"""The record recognition and resolution share, and the word lists both consult.

A :class:`Found` is made by recognition (``geoparse.py``) and filled in by resolution
(``resolve.py``); keeping it and the common vocabulary here lets the two modules import
it without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..nlp.mentions import PlaceMention, Resolution
from .lookup import Candidate

# Nouns that name a kind of place; "<Name> camp" / "the town of <Name>" make <Name> a place.
PLACE_NOUNS: dict[str, str] = {
    "village": "P", "town": "P", "city": "P", "hamlet": "P", "neighbourhood": "P",
    "neighborhood": "P", "suburb": "P", "district": "A2", "county": "A2", "parish": "A2",
    "municipality": "A2", "province": "A1", "governorate": "A1", "state": "A1",
    "region": "L", "camp": "S", "valley": "T", "mountains": "T", "area": "L",
}  # fmt: skip
SUFFIX_NOUNS = frozenset(
    {"camp", "province", "governorate", "district", "county", "parish", "valley", "mountains",
     "region", "municipality"}
)  # fmt: skip
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
     "north-east", "north-west", "south-east", "south-west"}
)  # fmt: skip
NEAR_WORDS = frozenset({"near", "outside", "outskirts", "around", "nearby", "close"})
# Capitalised words that are gazetteer names somewhere but almost never places in news.
STOP_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "president", "minister", "police", "army",
        "government", "god", "mr", "mrs", "ms", "dr", "sir", "saint", "st", "new", "old",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "republic", "kingdom", "city", "state", "island", "islands", "university",
        "college", "church", "school", "hospital", "street", "road", "avenue", "market",
        "union", "council", "court", "party", "house", "hall", "centre", "center", "media",
        "news", "times", "post", "press", "today", "reuters", "ap", "afp", "bbc", "cnn",
        "chairman", "general", "colonel", "captain", "major", "governor", "mayor", "king",
        "queen", "prince", "said", "says", "but", "and", "the", "of", "by", "for",
        "no", "man", "miss", "act", "do", "metro", "lake", "northwest", "northeast",
        "southwest", "southeast",
    }
)  # fmt: skip


@dataclass
class Found:
    """A recognised place with the tokens it covers and its candidate entries."""

    span: Span
    source: str
    kind: str | None = None  # expected feature family from a place noun (P, A1, A2, S, T, L)
    lookup_text: str = ""
    candidates: list[Candidate] = field(default_factory=list)
    resolution: Resolution | None = None
    container: Found | None = None
    inferred: bool = False  # no gazetteer entry: placed at its container or the article's area
    dateline: bool = False  # opens the report as its dateline ("NEW YORK (AP) —")

    def mention(self) -> PlaceMention:
        return PlaceMention(
            text=self.span.text,
            start_char=self.span.start_char,
            end_char=self.span.end_char,
            resolution=self.resolution,
            source=self.source,
        )
