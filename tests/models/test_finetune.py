"""Fine-tuned MiniLM classifier: the plain helpers always; training on a tiny BERT
where torch and transformers are installed (the ``minilm`` extra)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from eventscope.errors import ConfigError
from eventscope.models.finetune import (
    FineTuneConfig,
    FineTunedClassifier,
    batches,
    class_weights,
    lr_factor,
    with_hints,
)

from .conftest import needs_torch

FIGHT = [
    "troops shelled the village",
    "rebels attacked a convoy",
    "troops attacked the village",
    "rebels shelled a convoy",
]
TALK = [
    "leaders signed an agreement",
    "ministers met for talks",
    "leaders met for talks",
    "ministers signed an agreement",
]


def test_hints_are_written_in_front_as_words() -> None:
    assert with_hints(["Rebels fired."], [["quad=4", "event=ASSAULT"]]) == [
        "rules: quad=4 event=ASSAULT | Rebels fired."
    ]
    assert with_hints(["Calm day."], [[]]) == ["Calm day."]
    assert with_hints(["Calm day."], None) == ["Calm day."]


def test_class_weights_favour_the_rare_class_and_skip_absent_ones() -> None:
    weights = class_weights([0, 0, 0, 1], 3)
    assert weights[1] > weights[0] > 0
    assert weights[2] == 0


def test_batches_cover_every_index_once_in_order() -> None:
    assert list(batches([4, 2, 0, 1, 3], 2)) == [[4, 2], [0, 1], [3]]


def test_learning_rate_warms_up_then_decays_to_zero() -> None:
    factors = [lr_factor(s, 10, 0.2) for s in range(10)]
    assert factors[0] == pytest.approx(0.5)
    assert factors[1] == pytest.approx(1.0)
    assert factors == sorted(factors[:2]) + sorted(factors[2:], reverse=True)
    assert lr_factor(10, 10, 0.2) == 0.0


def test_loading_a_missing_model_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E103"):
        FineTunedClassifier.load(tmp_path / "nowhere")


def test_loading_another_kind_of_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text(json.dumps({"format": 1, "labels": ["a"]}))
    with pytest.raises(ConfigError, match=r"E103.*kind None"):
        FineTunedClassifier.load(tmp_path)


@needs_torch
def test_fine_tuning_learns_a_separable_task_and_survives_save_and_load(
    tiny_base: Path, tmp_path: Path
) -> None:
    texts = FIGHT * 4 + TALK * 4
    labels = ["conflict"] * 16 + ["cooperation"] * 16
    config = FineTuneConfig(epochs=20, lr=1e-3, head_lr=1e-2, batch_size=8, warmup=0.1)
    clf = FineTunedClassifier.train(
        texts, labels, config, base=tiny_base, training={"data": "written in the test"}
    )
    assert clf.predict(FIGHT + TALK) == ["conflict"] * 4 + ["cooperation"] * 4
    assert clf.training["n"] == 32 and clf.training["data"] == "written in the test"

    again = FineTunedClassifier.load(clf.save(tmp_path / "model"))
    assert again.labels == clf.labels and again.config == config
    np.testing.assert_allclose(
        again.predict_proba(FIGHT + TALK), clf.predict_proba(FIGHT + TALK), atol=1e-5
    )


@needs_torch
def test_the_same_seed_trains_the_same_weights(tiny_base: Path) -> None:
    config = FineTuneConfig(epochs=2, lr=1e-3, batch_size=4)
    texts, labels = FIGHT + TALK, ["c"] * 4 + ["k"] * 4
    first = FineTunedClassifier.train(texts, labels, config, base=tiny_base)
    second = FineTunedClassifier.train(texts, labels, config, base=tiny_base)
    np.testing.assert_allclose(first.predict_proba(texts), second.predict_proba(texts))


@needs_torch
def test_hints_and_balanced_loss_are_accepted(tiny_base: Path) -> None:
    texts = FIGHT + TALK[:1]
    labels = ["c"] * 4 + ["k"]
    hints = [["quad=4"]] * 4 + [["quad=1"]]
    config = FineTuneConfig(epochs=1, batch_size=2, balanced=True)
    clf = FineTunedClassifier.train(texts, labels, config, hints=hints, base=tiny_base)
    assert clf.training["hints"] is True
    assert clf.predict_proba(texts, hints=hints).shape == (5, 2)
    assert clf.predict_proba([]).shape == (0, 2)
