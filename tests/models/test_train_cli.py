"""``eventscope train``: a labelled file in, a model folder out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventscope.cli import main
from eventscope.models import TextClassifier, embed

from .conftest import needs_torch

SENTENCES = Path(__file__).with_name("sentences.tsv")


def test_train_cli_writes_a_model_that_loads(tmp_path: Path) -> None:
    out = tmp_path / "model"
    result = CliRunner().invoke(
        main, ["train", str(SENTENCES), "-o", str(out), "--min-df", "1", "--cv", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "3-fold cross-validation" in result.output
    meta = json.loads((out / "model.json").read_text())
    assert meta["training"]["data"] == "sentences.tsv"
    assert len(meta["training"]["sha256"]) == 64
    assert meta["training"]["cross_validation"]["folds"] == 3
    clf = TextClassifier.load(out)
    assert clf.predict(["Police arrested four men."]) == ["arrest"]


def test_train_cli_bad_file_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("a,b\n")
    result = CliRunner().invoke(main, ["train", str(empty), "-o", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: [E102]")


def test_train_cli_fine_tune_without_the_extra_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(embed, "available", lambda: False)
    result = CliRunner().invoke(
        main, ["train", str(SENTENCES), "-o", str(tmp_path / "m"), "--fine-tune"]
    )
    assert result.exit_code == 1
    assert result.output.strip().startswith("error: [E100]")
    assert not (tmp_path / "m").exists()


@needs_torch
def test_train_cli_fine_tunes_and_cross_validates(
    tmp_path: Path, tiny_base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventscope.models import encoder
    from eventscope.models.finetune import FineTunedClassifier

    monkeypatch.setattr(embed, "available", lambda: True)
    monkeypatch.setattr(encoder, "model_path", lambda: tiny_base)
    out = tmp_path / "tuned"
    args = ["train", str(SENTENCES), "-o", str(out), "--fine-tune", "--epochs", "1", "--cv", "2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2-fold cross-validation" in result.output
    clf = FineTunedClassifier.load(out)
    assert clf.config.epochs == 1
    assert clf.training["data"] == "sentences.tsv"
    assert clf.training["cross_validation"]["folds"] == 2
