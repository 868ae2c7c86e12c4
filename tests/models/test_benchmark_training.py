"""Benchmarks that train at evaluation time: on a tiny data folder laid out like
shared/data, made here from sentences we wrote (the real files are never needed)."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from eventscope.evaluate import case2021, conflibert, ngec
from eventscope.models import embed
from eventscope.models.ensemble import describe

from .conftest import needs_torch

QUAD = {"conflict": "4", "talks": "1", "arrest": "4"}


@pytest.fixture
def numpy_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path as CI, whether or not the minilm extra is installed here."""
    monkeypatch.setattr(embed, "available", lambda: False)


@pytest.fixture
def tiny_extra(tiny_base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The minilm extra "installed", fine-tuning the tiny test BERT, never the real MiniLM."""
    from eventscope.models import encoder

    monkeypatch.setattr(encoder, "model_path", lambda: tiny_base)
    monkeypatch.setattr(embed, "available", lambda: True)


def _conflibert_dir(root: Path, sentences: tuple[list[str], list[str]]) -> Path:
    folder = root / "events" / "conflibert" / "cameo_class"
    folder.mkdir(parents=True)
    rows = [f"{t}\t{QUAD[y]}\n" for t, y in zip(*sentences, strict=True)]
    (folder / "train.tsv").write_text("".join(rows[::2] + rows[1::2]))
    (folder / "test.tsv").write_text("".join(rows[:6]))
    return root


def test_benchmark_conflibert_trains_on_train_then_reuses_the_cache(
    tmp_path: Path, sentences: tuple[list[str], list[str]], numpy_only: None
) -> None:
    data = _conflibert_dir(tmp_path, sentences)
    clf, folder, cached = conflibert.train_classifier(data)
    assert not cached and folder.exists()
    assert (
        clf.training["sha256"]
        == conflibert.read_labelled(data / "events/conflibert/cameo_class/train.tsv").sha256
    )
    assert clf.training["trained_at_evaluation"] is True
    assert clf.config == conflibert.CONFIG
    _, again, cached = conflibert.train_classifier(data)
    assert cached and again == folder


def test_benchmark_conflibert_own_sentences_join_the_training_data(
    tmp_path: Path, sentences: tuple[list[str], list[str]], numpy_only: None
) -> None:
    data = _conflibert_dir(tmp_path, sentences)
    own = conflibert.own_sentences()
    assert len(own.texts) >= 1000 and set(own.labels) == set(conflibert.CLASS_NAMES.values())
    clf, folder, _ = conflibert.train_classifier(data, own=True)
    plain, other, _ = conflibert.train_classifier(data)
    assert clf.training["own_sha256"] == own.sha256 and "own_sha256" not in plain.training
    assert folder != other  # a model of its own in the cache
    assert set(clf.labels) == set(conflibert.CLASS_NAMES.values())  # the written classes too
    model, folders, _ = conflibert.headline_model(data)  # without the extra: linear alone
    assert folders == [other] and model.training == plain.training


def test_benchmark_conflibert_rule_hints_name_the_quad() -> None:
    assert conflibert.rule_hints([]) == ["quad=0"]


def _ngec_dir(root: Path) -> Path:
    stories = [
        ("Troops shelled the town and killed {i} people in the attack.", "ASSAULT", "AERIAL"),
        ("Police arrested {i} protesters after the rally in the capital.", "COERCE", "ARREST"),
        ("The ministers met for talks on trade and security, day {i}.", "CONSULT", ""),
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "label", "mode"])
    for i in range(12):
        for text, label, mode in stories:
            writer.writerow([text.format(i=i), label, mode])
    folder = root / "events" / "ngec"
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / ngec.ZIP_NAME, "w") as zf:
        zf.writestr("stories.csv", out.getvalue())
    return root


def test_benchmark_ngec_trains_event_and_mode_models(tmp_path: Path, numpy_only: None) -> None:
    _ngec_dir(tmp_path)
    event_clf, mode_clf, found = ngec.train_classifiers(tmp_path)
    assert event_clf.labels == ["ASSAULT", "COERCE", "CONSULT"]
    assert mode_clf.labels == ["ASSAULT|aerial", "COERCE|arrest"]
    assert "train split" in event_clf.training["data"]
    assert found["event"]["from_cache"] is False  # type: ignore[index]
    text = ["Police arrested 40 protesters after the rally."]
    event = event_clf.predict(text)[0]
    probs = list(mode_clf.predict_proba(text)[0])
    assert (event, ngec.mode_for(event, mode_clf.labels, probs)) == ("COERCE", "arrest")
    assert ngec.mode_for("CONSULT", mode_clf.labels, probs) is None


@needs_torch
def test_benchmark_ngec_fine_tunes_both_models_with_the_extra(
    tmp_path: Path, tiny_extra: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventscope.models.finetune import FineTuneConfig, FineTunedClassifier

    monkeypatch.setattr(  # the tiny test model reads at most 64 pieces
        ngec, "CONFIG_FINETUNE", FineTuneConfig(epochs=1, batch_size=64, max_length=64)
    )
    _ngec_dir(tmp_path)
    event_clf, mode_clf, found = ngec.train_classifiers(tmp_path)
    assert isinstance(event_clf, FineTunedClassifier) and isinstance(mode_clf, FineTunedClassifier)
    assert mode_clf.labels == ["ASSAULT|aerial", "COERCE|arrest"]  # stories without a mode left out
    assert event_clf.training["trained_at_evaluation"] is True
    again, _, found_again = ngec.train_classifiers(tmp_path)
    assert found_again["event"]["from_cache"] is True  # type: ignore[index]
    assert found_again["event"]["model_folder"] == found["event"]["model_folder"]  # type: ignore[index]
    assert describe(again).startswith("MiniLM fine-tuned for 1 epoch on 64 pieces")
    result = ngec.run(tmp_path)
    assert result.details["system"].startswith("MiniLM fine-tuned")
    assert result.metrics["n"] >= 1 and 0.0 <= result.metrics["mode_accuracy"] <= 1.0


@needs_torch
def test_benchmark_conflibert_fine_tunes_with_the_extra_and_caches_it(
    tmp_path: Path, sentences: tuple[list[str], list[str]], tiny_extra: None
) -> None:
    from eventscope.models.finetune import FineTuneConfig, FineTunedClassifier

    data = _conflibert_dir(tmp_path, sentences)
    config = FineTuneConfig(epochs=1, batch_size=8)
    clf, folder, cached = conflibert.train_classifier(data, config)
    assert isinstance(clf, FineTunedClassifier) and not cached
    assert clf.training["trained_at_evaluation"] is True
    assert (folder / "encoder").is_dir() and (folder / "head.safetensors").is_file()
    again, same, cached = conflibert.train_classifier(data, config)
    assert cached and same == folder and again.labels == clf.labels
    assert describe(again).startswith("MiniLM fine-tuned for 1 epoch")


@needs_torch
def test_benchmark_conflibert_headline_with_the_extra_is_an_ensemble(
    tmp_path: Path,
    sentences: tuple[list[str], list[str]],
    tiny_extra: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventscope.models.ensemble import MeanEnsemble
    from eventscope.models.finetune import FineTuneConfig

    monkeypatch.setattr(conflibert, "CONFIG_FINETUNE", FineTuneConfig(epochs=1, batch_size=64))
    data = _conflibert_dir(tmp_path, sentences)
    model, folders, cached = conflibert.headline_model(data)
    assert isinstance(model, MeanEnsemble) and len(folders) == 2 and not cached
    assert [m.hints for m in model.members] == [False, True]  # only the linear reads rules
    assert all("own_sha256" in t for t in model.training)
    hints = [conflibert.rule_hints([]) for _ in range(2)]
    assert len(model.predict(["Troops shelled the town.", "Ministers met."], hints=hints)) == 2
    assert conflibert.describe(model).startswith("mean of the probabilities of MiniLM")


def test_benchmark_case2021_headline_is_the_written_sentence_classifier(
    tmp_path: Path, numpy_only: None
) -> None:
    folder = tmp_path / "events" / "case2021_task2"
    folder.mkdir(parents=True)
    snippets = [
        (
            "1",
            "Police fired tear gas to break up a march by teachers in the capital.",
            "PROTEST_WITH_INTER",
        ),
        ("3", "Heavy floods swept away dozens of homes in the river valley.", "NATURAL_DISASTER"),
        ("5", "A roadside bomb struck an army truck near the border town.", "REM_EXPLOS"),
    ]
    (folder / "dev.tsv").write_text(
        "id\tEventSnippet\tSubType\n" + "".join(f"{i}\t{t}\t{y}\n" for i, t, y in snippets)
    )
    result = case2021.run(tmp_path)
    assert result.details["system"].startswith("logistic regression over word 1-2-gram tf-idf")
    assert result.details["training"]["data"].startswith("eventscope acled_subtypes.tsv")
    assert {"weighted_f1", "rules_weighted_f1", "pipeline_weighted_f1"} <= set(result.metrics)
    assert result.metrics["n"] == 3
    assert result.metrics["accuracy"] == 1.0  # plain cases of three classes it was taught


@needs_torch
def test_benchmark_case2021_headline_with_the_extra_is_an_ensemble(
    tiny_extra: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventscope.models.ensemble import MeanEnsemble
    from eventscope.models.finetune import FineTuneConfig

    monkeypatch.setattr(  # the tiny test model reads at most 64 pieces
        case2021, "CONFIG_FINETUNE", FineTuneConfig(epochs=1, batch_size=64, max_length=64)
    )
    model = case2021.headline_classifier()
    assert isinstance(model, MeanEnsemble) and [m.hints for m in model.members] == [False, False]
    assert "OTHER" in model.labels and len(model.predict(["Floods swept the valley."])) == 1
    assert case2021.describe(model).startswith("mean of the probabilities of MiniLM")
