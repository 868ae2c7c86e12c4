"""Stratified k-fold cross-validation: choose settings on training data, never on test.

Example::

    scores = cross_validate(texts, labels, ClassifierConfig(balanced=True), folds=5)
    scores["macro_f1"]  # mean over the folds
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from .classifier import ClassifierConfig
from .data import LabelledData
from .finetune import FineTuneConfig, FineTunedClassifier
from .fit import fit


def stratified_folds(labels: Sequence[str], folds: int, seed: int = 0) -> list[np.ndarray]:
    """Indices of each fold; every class is spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    out: list[list[int]] = [[] for _ in range(folds)]
    offset = 0
    for label in sorted(set(labels)):
        members = [i for i, lab in enumerate(labels) if lab == label]
        rng.shuffle(members)
        for j, i in enumerate(members):
            out[(j + offset) % folds].append(i)
        offset += len(members)
    return [np.array(sorted(f), dtype=np.int64) for f in out]


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Accuracy, macro-F1 and support-weighted F1 over the gold labels."""
    labels = sorted(set(gold))
    f1s, support = [], Counter(gold)
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if p == label and g != label)
        fn = support[label] - tp
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    n = len(gold)
    return {
        "accuracy": sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / max(1, n),
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "weighted_f1": sum(f * support[lab] for f, lab in zip(f1s, labels, strict=True))
        / max(1, n),
    }


def cross_validate(
    texts: Sequence[str],
    labels: Sequence[str],
    config: ClassifierConfig | FineTuneConfig,
    *,
    folds: int = 5,
    hints: Sequence[Sequence[str]] | None = None,
    embeddings: np.ndarray | None = None,
    max_folds: int | None = None,
    extra: LabelledData | None = None,
    extra_hints: Sequence[Sequence[str]] | None = None,
) -> dict[str, Any]:
    """Train on k-1 folds, score the held-out one, k times; means and per-fold figures,
    and every held-out text's prediction and class probabilities (``held_out`` indices,
    ``predictions``, ``probabilities`` in ``classes`` order), so that a caller can score
    combinations of models on the same folds.

    Args:
        texts (Sequence[str]): Training texts.
        labels (Sequence[str]): Their labels.
        config (ClassifierConfig | FineTuneConfig): The settings to judge (``config.seed``
            draws the folds); a :class:`FineTuneConfig` fine-tunes MiniLM in each fold.
        folds (int): Number of folds.
        hints (Sequence[Sequence[str]] | None): Symbolic features per text.
        embeddings (np.ndarray | None): Precomputed MiniLM rows, encoded once for all folds
            (linear models only).
        max_folds (int | None): Score only the first N folds: fine-tuning takes minutes
            a fold, and a few folds already rank settings.
        extra (LabelledData | None): More training texts (written for the project, say)
            added to every fold's training side and never scored, so the figure stays
            one on the task's own data.  Not with precomputed ``embeddings``.
        extra_hints (Sequence[Sequence[str]] | None): The extra texts' hints, required
            when ``hints`` are given.
    """
    if extra is not None and embeddings is not None:
        raise ValueError("extra training texts take no precomputed embeddings")
    if extra is not None and (hints is None) != (extra_hints is None):
        raise ValueError("give hints for both the texts and the extra texts, or for neither")
    fine_tune = isinstance(config, FineTuneConfig)
    if not fine_tune and "minilm" in config.features and embeddings is None and extra is None:
        # encoded once for all folds; with extra texts each fold's model encodes its own
        from . import embed

        embeddings = embed.encode(texts)
    per_fold, held_out, predictions, probabilities = [], [], [], []
    classes: list[str] = []
    for held in stratified_folds(labels, folds, config.seed)[:max_folds]:
        held_set = set(held.tolist())
        train = np.array([i for i in range(len(texts)) if i not in held_set], dtype=np.int64)

        def pick(idx: np.ndarray) -> tuple[list[str], Any, Any]:
            return (
                [texts[i] for i in idx],
                [hints[i] for i in idx] if hints is not None else None,
                embeddings[idx] if embeddings is not None else None,
            )

        tr_texts, tr_hints, tr_emb = pick(train)
        te_texts, te_hints, te_emb = pick(held)
        tr_labels = [labels[i] for i in train]
        if extra is not None:
            tr_texts, tr_labels = tr_texts + list(extra.texts), tr_labels + list(extra.labels)
            if tr_hints is not None and extra_hints is not None:
                tr_hints = tr_hints + list(extra_hints)
        clf = fit(tr_texts, tr_labels, config, hints=tr_hints, embeddings=tr_emb)
        proba = (
            clf.predict_proba(te_texts, hints=te_hints)
            if isinstance(clf, FineTunedClassifier)
            else clf.predict_proba(te_texts, hints=te_hints, embeddings=te_emb)
        )
        classes = list(clf.labels)
        pred = [classes[i] for i in proba.argmax(axis=1)]
        per_fold.append(scores([labels[i] for i in held], pred))
        held_out += held.tolist()
        predictions += pred
        probabilities += proba.tolist()
    keys = per_fold[0].keys() if per_fold else ()
    summary: dict[str, Any] = {k: float(np.mean([f[k] for f in per_fold])) for k in keys}
    summary["folds"] = folds
    summary["folds_scored"] = len(per_fold)
    summary["per_fold"] = per_fold
    # Out-of-fold predictions, so a caller can score combinations (rules first, say).
    summary["held_out"] = held_out
    summary["predictions"] = predictions
    summary["probabilities"] = probabilities
    summary["classes"] = classes
    return summary
