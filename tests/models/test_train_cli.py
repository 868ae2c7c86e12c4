"""``eventscope train``: a labelled file in, a model folder out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventscope.cli import main
from eventscope.models import TextClassifier

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
