"""The event-location benchmark's reader and scorer, on a tiny file the test writes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from spacy.language import Language

from eventscope.evaluate.event_location import read_cases, score_cases
from eventscope.gazetteer import Gazetteer


def _row(text: str, verb: str, places: list[str], source: str = "RELABEL") -> dict[str, object]:
    words = text.replace(".", " .").split()
    tokens, pos = [], 0
    for i, word in enumerate(words):
        start = text.index(word, pos)
        pos = start + len(word)
        tokens.append({"text": word, "start": start, "end": pos, "id": i})
    index = {t["text"]: t["id"] for t in tokens}
    spans = [{"label": "VERB", "token_start": index[verb], "token_end": index[verb]}]
    # the real file's LOCATION character offsets are unreliable: give wrong ones on purpose
    spans += [
        {"label": "LOCATION", "start": 0, "end": 0, "token_start": index[p], "token_end": index[p]}
        for p in places
    ]
    return {"text": text, "tokens": tokens, "spans": spans, "source": source}


@pytest.fixture()
def data_zip(tmp_path: Path) -> Path:
    rows = [
        _row("Rebels shelled Aleppo on Monday.", "shelled", ["Aleppo"]),
        _row("Gunmen killed two men in Damascus.", "killed", ["Damascus"]),
        _row("A man from Aleppo was shot by police.", "shot", []),
        _row("Troops attacked Kashkash.", "attacked", ["Kashkash"], source="APW_RA"),
    ]
    path = tmp_path / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("labeled_text.jsonl", json.dumps(rows))
    return path


def test_event_location_reads_only_gold_rows_with_token_offsets(data_zip: Path) -> None:
    cases = read_cases(data_zip)
    assert len(cases) == 3
    first = cases[0]
    assert first.text[first.verb[0] : first.verb[1]] == "shelled"
    assert [first.text[a:b] for a, b in first.locations] == ["Aleppo"]
    assert cases[2].locations == []


def test_event_location_scores_overlap_and_empty_cases(
    nlp: Language, tiny: Gazetteer, data_zip: Path
) -> None:
    scores = score_cases(read_cases(data_zip), nlp, tiny)
    # Aleppo and Damascus are found; the third case names a place that is not where the
    # shooting happened ("from Aleppo"), which our sentence-level rule still links.
    assert scores["recall"] == 1.0
    assert scores["accuracy"] == pytest.approx(2 / 3)
