"""Tests for the cameo_ner benchmark's reading and scoring (synthetic data, no GPL file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.evaluate.conflibert_ner import _micro, _Tally, bio_spans, read_bio, rebuild


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-S", "I-S", "O", "B-T"], [("S", 0, 1), ("T", 3, 3)]),
        (["I-T", "I-T", "O"], [("T", 0, 1)]),
        (["B-R", "O", "B-R", "I-R"], [("R", 0, 0), ("R", 2, 3)]),
        (["O", "O"], []),
    ],
)
def test_conflibert_ner_bio_spans(tags: list[str], spans: list[tuple[str, int, int]]) -> None:
    assert bio_spans(tags) == spans


def test_conflibert_ner_rebuild_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("The B-S\nrebels I-S\nattacked O\nU.S. B-T\ntroops I-T\n. O\n\nA B-R\n")
    first, second = list(read_bio(path))
    gold = rebuild(first)
    assert gold.text == "The rebels attacked U.S. troops."
    assert [gold.text[a:b] for a, b in gold.spans["S"]] == ["The rebels"]
    assert [gold.text[a:b] for a, b in gold.spans["T"]] == ["U.S. troops"]
    assert rebuild(second).spans["R"] == [(0, 1)]


def test_conflibert_ner_scores_exact_and_reciprocal() -> None:
    gold = rebuild(
        [("Rebels", "B-R"), ("and", "O"), ("troops", "B-R"), ("clashed", "O"),
         ("near", "O"), ("Aleppo", "B-T")]
    )  # fmt: skip
    tally = _Tally()
    # Both sides predicted as actors match the reciprocal spans; "Aleppo" is missed.
    tally.add(gold, {"S": [(0, 6), (11, 17)], "T": []})
    assert _micro(tally.exact, ("S", "T", "R")) == pytest.approx(
        {"precision": 1.0, "recall": 2 / 3, "f1": 0.8}
    )


def test_conflibert_ner_scores_predicted_reciprocal_and_strict() -> None:
    gold = rebuild(
        [("Rebels", "B-R"), ("and", "O"), ("troops", "B-R"), ("clashed", "O"),
         ("near", "O"), ("Aleppo", "B-T")]
    )  # fmt: skip
    # A trained tagger also predicts R: "Rebels" as R matches, "troops" as S matches gold
    # R only when not strict, and "Aleppo" as R is wrong (an R span matches gold R only).
    pred = {"S": [(11, 17)], "T": [], "R": [(0, 6), (31, 37)]}
    lenient, strict = _Tally(), _Tally(strict=True)
    lenient.add(gold, pred)
    strict.add(gold, pred)
    assert (lenient.exact["tp_R"], lenient.exact["fp_R"], lenient.exact["fn_T"]) == (2, 1, 1)
    assert (strict.exact["tp_R"], strict.exact["fp_S"], strict.exact["fn_R"]) == (1, 1, 1)
    # Token overlap: a predicted R covers its tokens for both S and T.
    assert (lenient.tokens["tp_S"], lenient.tokens["fp_S"], lenient.tokens["tp_T"]) == (2, 1, 2)
