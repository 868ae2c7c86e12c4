"""Mean-probability ensembles of trained classifiers."""

from __future__ import annotations

import numpy as np
import pytest

from eventscope.models import ClassifierConfig, TextClassifier
from eventscope.models.ensemble import MeanEnsemble, Member, describe


def _two_models(
    sentences: tuple[list[str], list[str]],
) -> tuple[TextClassifier, TextClassifier, list[list[str]]]:
    texts, labels = sentences
    hints = [[f"first={t.split()[0].lower()}"] for t in texts]
    plain = TextClassifier.train(texts, labels, ClassifierConfig(min_df=1))
    hinted = TextClassifier.train(texts, labels, ClassifierConfig(min_df=1), hints=hints)
    return plain, hinted, hints


def test_ensemble_is_the_mean_of_its_members(sentences: tuple[list[str], list[str]]) -> None:
    plain, hinted, hints = _two_models(sentences)
    texts = sentences[0][:5]
    both = MeanEnsemble([Member(plain), Member(hinted, hints=True)])
    expected = (plain.predict_proba(texts) + hinted.predict_proba(texts, hints=hints[:5])) / 2
    order = [plain.labels.index(label) for label in both.labels]
    assert np.allclose(both.predict_proba(texts, hints=hints[:5]), expected[:, order])
    assert both.predict(texts, hints=hints[:5]) == [
        both.labels[i] for i in both.predict_proba(texts, hints=hints[:5]).argmax(axis=1)
    ]
    assert len(both.training) == 2


def test_ensemble_refuses_members_with_other_labels(
    sentences: tuple[list[str], list[str]],
) -> None:
    texts, labels = sentences
    plain, _, _ = _two_models(sentences)
    other = TextClassifier.train(texts, ["x" if lab == labels[0] else lab for lab in labels],
                                 ClassifierConfig(min_df=1))  # fmt: skip
    with pytest.raises(ValueError, match="same labels"):
        MeanEnsemble([Member(plain), Member(other)])


def test_ensemble_needs_hints_for_a_hinted_member(sentences: tuple[list[str], list[str]]) -> None:
    plain, hinted, _ = _two_models(sentences)
    with pytest.raises(ValueError, match="needs hints"):
        MeanEnsemble([Member(plain), Member(hinted, hints=True)]).predict(["some text"])


def test_describe_names_each_member_and_what_it_reads(
    sentences: tuple[list[str], list[str]],
) -> None:
    plain, hinted, _ = _two_models(sentences)
    assert describe(plain) == "logistic regression over word 1-2-gram tf-idf"
    both = MeanEnsemble([Member(plain), Member(hinted, hints=True)])
    assert describe(both) == (
        "mean of the probabilities of logistic regression over word 1-2-gram tf-idf and "
        "logistic regression over word 1-2-gram tf-idf + rule-coder features"
    )
