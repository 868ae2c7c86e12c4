"""Tests for the S/T/R span tagger: tiny taggers trained on sentences written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventscope.errors import ConfigError
from eventscope.models.spans import (
    SpanTagger,
    SpanTaggerConfig,
    bio_spans,
    cached_span_tagger,
    dev_split,
    parse_bio,
    read_bio_file,
    spaces,
    span_scores,
)

BIO = """\
Rebels B-S
shelled O
the B-T
town I-T
. O

Police B-S
arrested O
dozens B-T
of I-T
protesters I-T
. O

Troops B-R
and O
militants B-R
clashed O
near O
the O
border O
. O

The B-S
army I-S
bombed O
rebel B-T
positions I-T
. O

Villagers B-S
attacked O
a B-T
police I-T
post I-T
on O
Monday O
. O

The B-S
government I-S
accused O
the B-T
opposition I-T
of O
fraud O
. O

Protesters B-S
blocked O
the O
road O
. O

Gunmen B-S
kidnapped O
two B-T
aid I-T
workers I-T
. O
"""


@pytest.fixture(scope="module")
def bio_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bio") / "train.txt"
    path.write_text(BIO, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tagger(bio_file: Path) -> SpanTagger:
    return SpanTagger.train_file(bio_file, SpanTaggerConfig(epochs=25, dropout=0.1, seed=0))


def test_spans_parse_bio_reads_sentences() -> None:
    sentences = parse_bio(BIO)
    assert len(sentences) == 8
    assert sentences[0] == [("Rebels", "B-S"), ("shelled", "O"), ("the", "B-T"), ("town", "I-T"),
                            (".", "O")]  # fmt: skip
    assert bio_spans([tag for _, tag in sentences[2]]) == [("R", 0, 0), ("R", 2, 2)]


def test_spans_spaces_follow_the_rebuild_rules() -> None:
    assert spaces(["Rebels", "(", "FARC", ")", "fled", "."]) == [True, False, False, True, False,
                                                                 False]  # fmt: skip


def test_spans_dev_split_is_fixed_and_disjoint() -> None:
    sentences = [[(f"word{i}", "O"), ("x", "B-S")] for i in range(200)]
    train, dev = dev_split(sentences, 0.15)
    assert (train, dev) == dev_split(sentences, 0.15)
    assert len(train) + len(dev) == 200
    assert 15 <= len(dev) <= 50
    assert not {id(s) for s in train} & {id(s) for s in dev}


def test_spans_predictions_shape(tagger: SpanTagger) -> None:
    words = [["Rebels", "shelled", "the", "town", "."], ["Nothing", "happened", "."], []]
    found = tagger.predict(words)
    assert len(found) == len(words)
    assert found[2] == []
    for sentence, spans in zip(words, found, strict=True):
        for role, first, last in spans:
            assert role in {"S", "T", "R"}
            assert 0 <= first <= last < len(sentence)


def test_spans_learns_its_training_sentences(tagger: SpanTagger) -> None:
    sentences = parse_bio(BIO)
    gold = [bio_spans([tag for _, tag in s]) for s in sentences]
    found = tagger.predict([[t for t, _ in s] for s in sentences])
    assert span_scores(gold, found)["f1"] >= 0.5
    assert set(tagger.labels) == {"S", "T", "R"}


def test_spans_records_what_it_was_trained_on(tagger: SpanTagger, bio_file: Path) -> None:
    assert tagger.training["data"] == "train.txt"
    assert len(tagger.training["sha256"]) == 64
    assert tagger.training["n_sentences"] == 8
    assert tagger.training["n_spans"] == 15
    assert tagger.training["english_model"] is None  # fresh features read only the tokens


def test_spans_save_load_round_trip(tagger: SpanTagger, tmp_path: Path) -> None:
    folder = tagger.save(tmp_path / "model")
    meta = json.loads((folder / "model.json").read_text())
    assert meta["config"]["epochs"] == 25
    assert meta["training"]["sha256"] == tagger.training["sha256"]
    loaded = SpanTagger.load(folder)
    words = [[t for t, _ in s] for s in parse_bio(BIO)] + [["Soldiers", "fired", "."]]
    assert loaded.predict(words) == tagger.predict(words)
    assert loaded.config == tagger.config


def test_spans_dev_scores_every_epoch() -> None:
    sentences = parse_bio(BIO)
    seen: list[int] = []
    tagger = SpanTagger.train(
        sentences[:6], SpanTaggerConfig(epochs=3), dev=sentences[6:],
        on_epoch=lambda epoch, _: seen.append(epoch),
    )  # fmt: skip
    assert seen == [1, 2, 3]
    assert [row["epoch"] for row in tagger.training["dev_by_epoch"]] == [1, 2, 3]
    assert {"precision", "recall", "f1", "loss"} <= set(tagger.training["dev_by_epoch"][0])


@pytest.mark.parametrize("features", ["syntax", "transfer"])
def test_spans_features_from_the_english_model(features: str, tmp_path: Path) -> None:
    sentences = parse_bio(BIO)
    tagger = SpanTagger.train(sentences, SpanTaggerConfig(features=features, epochs=2))
    words = [[t for t, _ in s] for s in sentences]
    found = tagger.predict(words)
    assert len(found) == len(words)
    assert tagger.training["english_model"].startswith("en_core_web")
    assert SpanTagger.load(tagger.save(tmp_path / features)).predict(words) == found


def test_spans_cached_tagger_trains_once(bio_file: Path, tmp_path: Path) -> None:
    calls: list[int] = []

    def build() -> SpanTagger:
        calls.append(1)
        return SpanTagger.train(read_bio_file(bio_file), SpanTaggerConfig(epochs=1))

    key = {"train_sha256": "abc", "config": SpanTaggerConfig(epochs=1).key()}
    _, folder, cached = cached_span_tagger("tiny", key, build, root=tmp_path)
    again, same, cached_again = cached_span_tagger("tiny", key, build, root=tmp_path)
    assert (cached, cached_again, same, len(calls)) == (False, True, folder, 1)
    assert again.training["cache_key"] == key


def test_spans_bad_settings_and_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E111"):
        SpanTaggerConfig(features="bert")
    with pytest.raises(ConfigError, match="E110"):
        SpanTagger.load(tmp_path / "nothing-here")
