"""Reading labelled training files in every supported format."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.models import read_labelled

ROWS = [("Troops shelled the town.", "4"), ("The two sides met, it said.", "0")]


def _write(path: Path) -> Path:
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps({"text": t, "label": y}) + "\n" for t, y in ROWS))
    elif path.suffix == ".csv":
        path.write_text("label,text\n" + "".join(f'{y},"{t}"\n' for t, y in ROWS))
    else:
        path.write_text("".join(f"{t}\t{y}\n" for t, y in ROWS))
    return path


@pytest.mark.parametrize("name", ["train.tsv", "train.csv", "train.jsonl", "train.txt"])
def test_data_reads_each_format(tmp_path: Path, name: str) -> None:
    data = read_labelled(_write(tmp_path / name))
    assert list(zip(data.texts, data.labels, strict=True)) == ROWS
    assert data.source == name and len(data.sha256) == 64


def test_data_reads_a_zipped_csv_with_named_columns(tmp_path: Path) -> None:
    inner = tmp_path / "stories.csv"
    inner.write_text('text,event\n"Rebels took the town.",ASSAULT\n')
    with zipfile.ZipFile(tmp_path / "stories.csv.zip", "w") as zf:
        zf.write(inner, "stories.csv")
    data = read_labelled(tmp_path / "stories.csv.zip", label_col="event")
    assert data.labels == ["ASSAULT"]


def test_data_without_examples_names_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("body,kind\nx,y\n")
    with pytest.raises(ConfigError, match=r"E102.*'text'"):
        read_labelled(path)


def test_data_unreadable_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E101"):
        read_labelled(tmp_path / "missing.tsv")
