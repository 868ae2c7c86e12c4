"""Tests for stages/lexicon.py: both lexicons load, our own entries come first."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from eventscope.stages.lexicon import default_lexicon


def test_lexicon_cameo_entries_fill_gaps(parse: Callable[..., Doc]) -> None:
    doc = parse("Russia annexed the peninsula.")
    (trigger, *_) = default_lexicon().candidates(doc[1])
    assert (trigger.event, trigger.mode) == ("COERCE", "seize")
    assert trigger.weight < 0.8  # derived entries are less sure than our own


def test_lexicon_own_entries_come_first(parse: Callable[..., Doc]) -> None:
    doc = parse("Rebels attacked the convoy.")
    first = default_lexicon().candidates(doc[1])[0]
    assert (first.event, first.acled) == ("ASSAULT", "Battles|Armed clash")


def test_lexicon_words_are_not_triggers(parse: Callable[..., Doc]) -> None:
    doc = parse("The weather was fine.")
    assert all(default_lexicon().candidates(t) == [] for t in doc)
