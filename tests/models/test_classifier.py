"""Train a classifier on sentences we wrote, save it, load it, predict."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventscope.errors import ConfigError
from eventscope.models import ClassifierConfig, TextClassifier

NEW = [
    "Army units shelled the town again.",
    "The ministers met to discuss the dispute.",
    "Police arrested six activists.",
]


@pytest.fixture(scope="module")
def trained(sentences: tuple[list[str], list[str]]) -> TextClassifier:
    texts, labels = sentences
    return TextClassifier.train(
        texts, labels, ClassifierConfig(min_df=1, balanced=True), training={"data": "ours"}
    )


def test_classifier_predicts_unseen_sentences(trained: TextClassifier) -> None:
    assert trained.predict(NEW) == ["conflict", "talks", "arrest"]


def test_classifier_records_its_training(trained: TextClassifier) -> None:
    assert trained.training["data"] == "ours"
    assert trained.training["n"] == 24
    assert trained.training["label_counts"] == {"arrest": 8, "conflict": 8, "talks": 8}


def test_classifier_save_and_load_round_trip(trained: TextClassifier, tmp_path: Path) -> None:
    folder = trained.save(tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text())
    assert meta["labels"] == ["arrest", "conflict", "talks"]
    loaded = TextClassifier.load(folder)
    assert np.allclose(loaded.predict_proba(NEW), trained.predict_proba(NEW))
    assert loaded.config == trained.config


def test_classifier_hints_are_features(sentences: tuple[list[str], list[str]]) -> None:
    texts, labels = sentences
    hints = [[f"gold={lab}"] for lab in labels]  # a perfect hint
    clf = TextClassifier.train(texts, labels, ClassifierConfig(min_df=1), hints=hints)
    assert clf.predict(["Something happened."], hints=[["gold=talks"]]) == ["talks"]


def test_classifier_empty_input_gives_no_rows(trained: TextClassifier) -> None:
    assert trained.predict_proba([]).shape == (0, 3)


def test_classifier_load_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"E103.*eventscope train"):
        TextClassifier.load(tmp_path / "nothing")


def test_classifier_rejects_unknown_features() -> None:
    with pytest.raises(ConfigError, match="E104"):
        ClassifierConfig(features=("bert",))
