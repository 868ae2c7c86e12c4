"""Cross-validation folds and scores."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from eventscope.models import ClassifierConfig, cross_validate, scores, stratified_folds
from eventscope.models.data import LabelledData


def test_crossval_folds_partition_and_stratify() -> None:
    labels = ["a"] * 10 + ["b"] * 5
    folds = stratified_folds(labels, 5, seed=0)
    flat = sorted(i for f in folds for i in f.tolist())
    assert flat == list(range(15))
    assert all(Counter(labels[i] for i in f) == {"a": 2, "b": 1} for f in folds)
    assert [f.tolist() for f in folds] == [f.tolist() for f in stratified_folds(labels, 5, 0)]


def test_crossval_scores() -> None:
    result = scores(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert result["accuracy"] == 0.75
    assert abs(result["macro_f1"] - (2 / 3 + 0.8) / 2) < 1e-9


def test_crossval_on_written_sentences(sentences: tuple[list[str], list[str]]) -> None:
    texts, labels = sentences
    result = cross_validate(texts, labels, ClassifierConfig(min_df=1), folds=4)
    assert len(result["per_fold"]) == 4
    assert result["macro_f1"] > 0.4  # three balanced classes: chance is 1/3


def test_crossval_extra_texts_train_but_are_never_scored(
    sentences: tuple[list[str], list[str]],
) -> None:
    texts, labels = sentences
    extra = LabelledData(texts=["an extra sentence about nothing"] * 3, labels=["zzz"] * 3)
    result = cross_validate(texts, labels, ClassifierConfig(min_df=1), folds=4, extra=extra)
    assert sorted(result["held_out"]) == list(range(len(texts)))  # only the task's rows
    assert "zzz" in result["classes"]  # ... though the extra class was learnt
    probs = result["probabilities"]
    assert len(probs) == len(texts) and all(abs(sum(row) - 1) < 1e-6 for row in probs)
    best = [result["classes"][max(range(len(row)), key=row.__getitem__)] for row in probs]
    assert best == result["predictions"]


def test_crossval_extra_texts_with_embedding_features(
    sentences: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each fold encodes its own training texts, extra ones included."""
    from eventscope.models import embed

    def fake_encode(texts: list[str]) -> np.ndarray:
        return np.array([[len(t) % 7, t.count("e"), 1.0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(embed, "encode", fake_encode)
    texts, labels = sentences
    extra = LabelledData(texts=texts[:3], labels=labels[:3])
    config = ClassifierConfig(features=("ngrams", "minilm"), min_df=1)
    result = cross_validate(texts, labels, config, folds=4, extra=extra)
    assert sorted(result["held_out"]) == list(range(len(texts)))
    assert len(result["probabilities"]) == len(texts)
