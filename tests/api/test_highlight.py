"""Role spans inside the evidence sentence: found, exact, never overlapping."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from eventscope.api.highlight import find_text, highlights
from eventscope.records.model import Actor, Evidence

from .conftest import EVENTS


@pytest.mark.parametrize(
    ("sentence", "text", "span"),
    [
        ("Police arrested police.", "police", (16, 22)),
        ("The policeman and the Police.", "Police", (22, 28)),
        ("Rebels in GAO.", "Gao", (10, 13)),
        ("Rebels in Gao.", "Timbuktu", None),
        ("Rebels in Gao.", "  ", None),
    ],
)
def test_highlight_find_text(sentence: str, text: str, span: tuple[int, int] | None) -> None:
    assert find_text(sentence, text) == span


def test_highlight_spans_match_sentence_and_do_not_overlap() -> None:
    event = EVENTS[0]
    found = highlights(event)
    sentence = event.evidence.sentence
    assert all(sentence[h.start : h.end] == h.text for h in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_highlight_overlap_keeps_longer_span() -> None:
    event = replace(
        EVENTS[0],
        actor=[Actor(text="Police arrested")],
        evidence=Evidence(EVENTS[0].evidence.sentence, 0, 51, "arrested", 7, 15),
    )
    roles = [(h.role, h.text) for h in highlights(event)]
    assert roles[0] == ("actor", "Police arrested")
    assert "trigger" not in dict(roles)
