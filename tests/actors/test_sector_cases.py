"""Regression test: actor mentions in news sentences -> PLOVER country and sector.

``data/sector_cases.jsonl`` holds news-style sentences written by the eventscope authors
for this test (not taken from any benchmark), each with one marked actor text and the
PLOVER country (ISO3, or IGO/UNO/EUR/NGO/IMG) and sector the manual's definitions give
it; a sector written ``A|B`` accepts either (the manual leaves the choice open).  Each
mention is resolved as the actors benchmark and stage do: the text plus the noun it
modifies in its parsed sentence, its syntactic head, and the sentence's country focus.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.tokens import Doc

from eventscope.actors.resolver import ActorResolver
from eventscope.evaluate.actors import resolve_in_sentence, sentence_focus

CASES = Path(__file__).parent / "data" / "sector_cases.jsonl"
#: Measured 2026-11 on 334 cases: country 0.979, sector 0.985 (the resolver before the
#: sector work scored 0.946 / 0.889).  Floors leave room for parser-model drift.
COUNTRY_FLOOR = 0.96
SECTOR_FLOOR = 0.965


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def resolved(parse: Callable[..., Doc]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(sentence, text) -> (country, sector) for every case."""
    resolver = ActorResolver()
    docs: dict[str, Doc] = {}
    out: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for case in _cases():
        sentence, text = case["sentence"], case["text"]
        doc = docs.setdefault(sentence, parse(sentence))
        ref = resolve_in_sentence(resolver, doc, text, focus=sentence_focus(resolver, sentence))
        out[(sentence, text)] = (ref.country, ref.sector)
    return out


def test_sector_cases_file_is_well_formed() -> None:
    cases = _cases()
    assert len(cases) >= 200
    for case in cases:
        assert case["text"] in case["sentence"]
        assert len(case["country"]) == 3 and case["country"].isupper()
        assert all(len(s) == 3 for s in case["sector"].split("|"))


def test_sector_cases_accuracy_floor(
    resolved: dict[tuple[str, str], tuple[str | None, str | None]],
) -> None:
    cases = _cases()
    country = sector = 0
    misses = []
    for case in cases:
        got_country, got_sector = resolved[(case["sentence"], case["text"])]
        country += got_country == case["country"]
        sector += got_sector in case["sector"].split("|")
        if got_country != case["country"] or got_sector not in case["sector"].split("|"):
            misses.append((case["text"], case["country"], case["sector"], got_country, got_sector))
    assert country / len(cases) >= COUNTRY_FLOOR, misses
    assert sector / len(cases) >= SECTOR_FLOOR, misses


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        # A surname that is also a common noun does not beat the sector word.
        ("The Catholic Church", "NIC", "REL"),
        ("Gang members", "HTI", "CRM"),
        # A title before an unknown person; the first name is no surname match.
        ("Senator Bernie Sanders", None, "LEG"),
        ("Imam Ahmed Hassan", "NGA", "REL"),
        # Parties: named, marked as opposition, a former armed movement turned party.
        ("Zimbabwe's ruling ZANU-PF party", "ZWE", "PTY"),
        ("Bangladeshi opposition party BNP", "BGD", "OPP"),
        ("Members of the opposition Movement for Democratic Change", "ZWE", "OPP"),
        ("Leaders of the National League for Democracy", "MMR", "PTY"),
        # Legislatures: CAMEO's GOVLEG is PLOVER's LEG; "Senate" is not only the US one.
        ("The US Congress", "USA", "LEG"),
        ("The Nigerian Senate", "NGA", "LEG"),
        ("The Congress of South African Trade Unions", "ZAF", "LAB"),
        # Possessives: relatives of office holders, parts of an organisation.
        ("The Bangladeshi prime minister's son", "BGD", "ELI"),
        ("The Pakistani army's media wing", "PAK", "MIL"),
        # A country before a facility or coalition noun.
        ("a US base", "USA", "MIL"),
        ("The Saudi-led coalition", "SAU", "MIL"),
        ("Iraqi Shiite militias", "IRQ", "PRM"),
        ("Pope Francis", "VAT", "REL"),
        ("A BBC correspondent", "GBR", "JRN"),
    ],
)
def test_sector_cases_key_cases(
    resolved: dict[tuple[str, str], tuple[str | None, str | None]],
    text: str,
    country: str | None,
    sector: str,
) -> None:
    got = next(value for (_, t), value in resolved.items() if t == text)
    if country is None:
        assert got[1] == sector
    else:
        assert got == (country, sector)
