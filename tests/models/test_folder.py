"""``model.json``: every model folder is checked for format and kind before loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventscope.models.folder import read_meta, write_meta


def test_meta_round_trips_with_non_ascii_text(tmp_path: Path) -> None:
    meta = {"format": 2, "kind": "demo", "training": {"data": "Sanaʽa reports"}}
    write_meta(tmp_path, meta)
    assert read_meta(tmp_path, fmt=2, kind="demo") == meta


@pytest.mark.parametrize(
    ("meta", "fmt", "kind", "message"),
    [
        ({"format": 1, "kind": "demo"}, 2, "demo", "format 1"),
        ({"format": 2, "kind": "other"}, 2, "demo", "kind 'other'"),
    ],
)
def test_another_format_or_kind_is_refused_with_both_named(
    tmp_path: Path, meta: dict[str, object], fmt: int, kind: str, message: str
) -> None:
    write_meta(tmp_path, meta)
    with pytest.raises(ValueError, match=message):
        read_meta(tmp_path, fmt=fmt, kind=kind)


def test_a_missing_or_broken_file_raises_what_callers_catch(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        read_meta(tmp_path, fmt=1)
    (tmp_path / "model.json").write_text("[1, 2]")
    with pytest.raises(ValueError, match="no object"):
        read_meta(tmp_path, fmt=1)
