"""Tests for eventscope.actors.codes: PLOVER-coded agent words (NGEC's list)."""

from __future__ import annotations

import pytest

from eventscope.actors.codes import plover_agent_sector
from eventscope.actors.dictionary import load_dictionary
from eventscope.actors.text import key_of


@pytest.mark.parametrize(
    ("code", "sector"),
    [
        ("~GOV", "GOV"),
        ("~MED", "MED"),  # PLOVER: health (CAMEO's HLH)
        ("~JRN", "JRN"),  # PLOVER: media (CAMEO's MED)
        ("~CVLOPP", "OPP"),  # a generic CVL gives way to the specific OPP
        ("~CVL", "CVL"),
        ("~GOVMIL", "GOV"),
        ("~UNKOPP", "OPP"),  # unknown first element: the next one
        ("~UNK", None),
        ("~NGO", "SOC"),
        ("~MUS", "REL"),
        ("~IGO", None),  # a kind of organisation, not a role
        ("~JNK", None),
        ("~NON", None),
    ],
)
def test_codes_plover_agent_sector(code: str, sector: str | None) -> None:
    assert plover_agent_sector(code) == sector


@pytest.mark.parametrize(
    ("word", "sector"),
    [
        ("nurses", "MED"),  # NGEC's PLOVER code, not PETRARCH's CAMEO HLH
        ("newspaper editor", "JRN"),  # PETRARCH's CAMEO MED read as media
        ("protesters", "CVL"),  # our own list wins
        ("gendarmerie", "COP"),
    ],
)
def test_codes_agent_words_from_every_list(word: str, sector: str) -> None:
    assert load_dictionary().agents[key_of(word)].sector == sector
