"""Models trained at evaluation time are cached by what they depend on."""

from __future__ import annotations

from pathlib import Path

from eventscope.models import ClassifierConfig, TextClassifier, cache_dir, cached_classifier


def test_cache_trains_once_then_loads(sentences: tuple[list[str], list[str]]) -> None:
    calls = []

    def build() -> TextClassifier:
        calls.append(1)
        return TextClassifier.train(*sentences, ClassifierConfig(min_df=1))

    key = {"train_sha256": "abc", "config": ClassifierConfig(min_df=1).key()}
    _, folder, cached = cached_classifier("test", key, build)
    again, folder2, cached2 = cached_classifier("test", key, build)
    assert (cached, cached2, len(calls)) == (False, True, 1)
    assert folder == folder2 and folder.parent == cache_dir()
    assert again.training["cache_key"] == key
    _, other, _ = cached_classifier("test", key | {"train_sha256": "abd"}, build)
    assert other != folder and len(calls) == 2


def test_cache_dir_follows_the_environment(tmp_path: Path) -> None:
    assert cache_dir() == tmp_path / "model-cache"  # set by the autouse fixture
