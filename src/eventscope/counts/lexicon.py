"""The word lists of the count extractor, read once from ``data/sizes/lexicon.json``.

Keeping them in a data file lets a reader see, and a user extend, what the extractor
knows without reading its rules; each list states there why it exists.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any, cast

from .._types import SizeCategory


def _words(value: Any) -> frozenset[str]:
    """A list, or a ``{"_why": ..., "words": [...]}`` object, as a set of lower-case words."""
    if isinstance(value, dict):
        value = value["words"]
    return frozenset(str(w).lower() for w in value)


def _table(value: dict[str, Any]) -> dict[str, SizeCategory]:
    return {k: cast(SizeCategory, v) for k, v in value.items() if not k.startswith("_")}


@dataclass(frozen=True)
class Lexicon:
    """Every word list the extractor uses; see the data file for why each exists."""

    category_lemmas: dict[str, SizeCategory]
    phrasal_verbs: dict[str, SizeCategory]
    object_categories: dict[str, SizeCategory]
    light_verbs: frozenset[str]
    not_custody_verbs: frozenset[str]
    escape_dangers: frozenset[str]
    displacing_verbs: frozenset[str]
    displacing_directions: frozenset[str]
    displacing_objects: frozenset[str]
    fleeing_verbs: frozenset[str]
    crowd_verbs: frozenset[str]
    total_words: frozenset[str]
    toll_words: frozenset[str]
    shelters: frozenset[str]
    sizing_participles: frozenset[str]
    more_words: frozenset[str]
    subset_after: frozenset[str]
    subset_before: frozenset[str]
    not_count_units: frozenset[str]
    not_count_before: frozenset[str]
    person_nouns: frozenset[str]
    person_suffixes: tuple[str, ...]
    not_people: frozenset[str]
    one_more_words: frozenset[str]
    undergoing_verbs: frozenset[str]
    protest_venues: frozenset[str]
    not_people_nouns: frozenset[str]


@cache
def lexicon() -> Lexicon:
    """The shipped lexicon, parsed once."""
    raw = json.loads(
        files("eventscope.data").joinpath("sizes", "lexicon.json").read_text(encoding="utf-8")
    )
    categories: dict[str, SizeCategory] = {}
    for category, lemmas in raw["category_lemmas"].items():
        if not category.startswith("_"):
            categories.update(dict.fromkeys(lemmas, cast(SizeCategory, category)))
    return Lexicon(
        category_lemmas=categories,
        phrasal_verbs=_table(raw["phrasal_verbs"]),
        object_categories=_table(raw["object_categories"]),
        light_verbs=_words(raw["light_verbs"]),
        not_custody_verbs=_words(raw["not_custody_verbs"]),
        escape_dangers=_words(raw["escape_dangers"]),
        displacing_verbs=_words(raw["displacing_verbs"]),
        displacing_directions=_words(raw["displacing_directions"]),
        displacing_objects=_words(raw["displacing_objects"]),
        fleeing_verbs=_words(raw["fleeing_verbs"]),
        crowd_verbs=_words(raw["crowd_verbs"]),
        total_words=_words(raw["total_words"]["tolls"]) | _words(raw["total_words"]["named"]),
        toll_words=_words(raw["total_words"]["tolls"]),
        shelters=_words(raw["shelters"]),
        sizing_participles=_words(raw["sizing_participles"]),
        more_words=_words(raw["more_words"]),
        subset_after=_words(raw["subset_markers"]["after"]),
        subset_before=_words(raw["subset_markers"]["before"]),
        not_count_units=_words(raw["not_count_units"]),
        not_count_before=_words(raw["not_count_before"]),
        person_nouns=_words(raw["person_nouns"]),
        person_suffixes=tuple(raw["person_suffixes"]),
        not_people=_words(raw["not_people"]),
        one_more_words=_words(raw["one_more_words"]),
        undergoing_verbs=_words(raw["undergoing_verbs"]),
        protest_venues=_words(raw["protest_venues"]),
        not_people_nouns=_words(raw["not_people_nouns"]),
    )


__all__ = ["Lexicon", "lexicon"]
