"""Trained text classifiers: train from a labelled file, save to a folder, load, predict.

The rule coder (``stages/events/``) needs no training data; these models learn
from labelled examples instead, for the benchmarks whose labels the rules do not
reach (ConfliBERT's CAMEO quad classes, NGEC's document-level PLOVER events).  By
default they are word n-gram tf-idf + logistic regression in numpy; the optional
``minilm`` extra adds all-MiniLM-L6-v2 sentence embeddings as features.

Example::

    from eventscope.models import ClassifierConfig, TextClassifier, read_labelled

    data = read_labelled("train.tsv")
    clf = TextClassifier.train(data.texts, data.labels, ClassifierConfig(balanced=True),
                               training={"data": data.source, "sha256": data.sha256})
    clf.save("quad-model/")
    TextClassifier.load("quad-model/").predict(["Rebels shelled the town."])

No model trained on third-party data ships in the package: what a model was trained on
is recorded in its ``model.json`` and in ``benchmarks/MODELS.md``.
"""

from __future__ import annotations

from .cache import cache_dir, cached_classifier, cached_model
from .classifier import ClassifierConfig, TextClassifier
from .crossval import cross_validate, scores, stratified_folds
from .data import LabelledData, read_labelled

__all__ = [
    "ClassifierConfig",
    "LabelledData",
    "TextClassifier",
    "cache_dir",
    "cached_classifier",
    "cached_model",
    "cross_validate",
    "read_labelled",
    "scores",
    "stratified_folds",
]
