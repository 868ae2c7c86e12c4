"""Fixtures of the model tests: a few sentences we wrote, in three classes."""

from __future__ import annotations

from pathlib import Path

import pytest

SENTENCES = Path(__file__).with_name("sentences.tsv")


@pytest.fixture(scope="session")
def sentences() -> tuple[list[str], list[str]]:
    rows = [line.split("\t") for line in SENTENCES.read_text().splitlines() if line]
    return [t for t, _ in rows], [lab for _, lab in rows]


@pytest.fixture(autouse=True)
def _private_model_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep trained test models out of the user's cache."""
    monkeypatch.setenv("EVENTSCOPE_MODEL_CACHE", str(tmp_path / "model-cache"))
