"""Tests for the actors benchmark's reading and scoring rules (made-up records, no gold)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.evaluate.actors import _find, _Scores, gold_sector, load_gold, tagged_occurrence


@pytest.mark.parametrize(
    ("raw", "sector"),
    [
        ("GOV", "GOV"),
        ("CVLalb", "CVL"),  # ethnic tag after the primary sector
        ("REBMOS", "REB"),
        ("GOVMOS", "GOV"),
        ("MOS", "REL"),  # a religion element as the primary sector
        ("RELCHR", "REL"),
        ("CIV", "CVL"),  # typo of CVL
        ("CIVsrp", "CVL"),
        ("MED", "MED"),  # PLOVER: health, not CAMEO's media
        ("***", None),
        ("", None),
        ("XYZ", None),
    ],
)
def test_eval_actors_gold_sector(raw: str, sector: str | None) -> None:
    assert gold_sector(raw) == sector


@pytest.mark.parametrize(
    ("markup", "text", "tag", "occurrence"),
    [
        ("(SRC: Rebels) attacked rebels.", "Rebels", "SRC", 0),
        ("Police met Police and (TAR: Police) left.", "Police", "TAR", 2),
        ("Police met (SRC/TAR: Police).", "Police", "TAR", 1),
        ("Police met (SRC: Police).", "Police", "TAR", 0),  # not tagged TAR: the first
        ("no tags here", "Police", "SRC", 0),
    ],
)
def test_eval_actors_tagged_occurrence(markup: str, text: str, tag: str, occurrence: int) -> None:
    assert tagged_occurrence(markup, text, tag) == occurrence


def test_eval_actors_find_falls_back_to_first() -> None:
    assert _find("a b a b", "b", 1) == 6
    assert _find("a b a b", "b", 5) == 2
    assert _find("a b", "c", 0) == -1


def test_eval_actors_load_gold_normalises_codes(tmp_path: Path) -> None:
    records = [
        {"id": "doc", "event": "DOCUMENT"},
        {
            "id": "r1",
            "event": "ASSAULT",
            "text": "Japanese troops fired on Japanese fishermen.",
            "textInfo": {"markup": "Japanese troops (EVT: fired) on (TAR: Japanese) fishermen."},
            "source": [{"actorText": "Japanese troops", "code": "JAP", "sector": "MIL"}],
            "target": [{"actorText": "Japanese", "code": "JPN", "sector": "CIVjap"}],
        },
        {"id": "r2", "event": "AGREE", "text": "x", "source": [], "target": "diplomatic"},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records))
    actor, recipient = load_gold(path)
    assert (actor.role, actor.country, actor.sector) == ("actor", "JPN", "MIL")
    assert (recipient.role, recipient.country, recipient.sector) == ("recipient", "JPN", "CVL")
    assert recipient.occurrence == 1  # the second "Japanese" is the tagged one


def test_eval_actors_scores_count_misses_and_roles(tmp_path: Path) -> None:
    records = [
        {
            "id": "r1",
            "event": "ASSAULT",
            "text": "Rebels attacked UN staff.",
            "source": [{"actorText": "Rebels", "code": "SYR", "sector": "REB"}],
            "target": [{"actorText": "UN staff", "code": "IGO", "sector": "***"}],
        }
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records))
    actor, recipient = load_gold(path)
    scores = _Scores()
    scores.add(actor, None, "REB")  # no country predicted: a country miss
    scores.add(recipient, "UNO", None)  # UNO counts as the v0.5 gold's IGO
    assert scores.country == [("SYR", "-"), ("IGO", "IGO")]
    assert scores.sector == [("REB", "REB")]  # *** is not scored
    assert scores.country_roles == ["actor", "recipient"]
    assert scores.both == [False]
