"""Head counts in news text: killed, injured, arrested, displaced, participants.

:func:`parse_quantity` reads one quantity phrase into bounds (``quantity``);
:func:`extract_sizes` finds and categorises every count in a parsed sentence
(``extract``), using the category a governing word gives (``predicates``), counts said
without a numeral (``implicit``), person nouns (``people``) and the word lists of
``data/sizes/lexicon.json`` (``lexicon``).
"""

from __future__ import annotations

from .extract import CATEGORY_LEMMAS, SizeMention, extract_sizes
from .quantity import QUANTITY_RE, parse_quantity, words_to_int

__all__ = [
    "CATEGORY_LEMMAS",
    "QUANTITY_RE",
    "SizeMention",
    "extract_sizes",
    "parse_quantity",
    "words_to_int",
]
