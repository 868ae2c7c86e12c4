"""A trainable text classifier: features, a linear head, and a record of its training.

Example::

    from eventscope.models import ClassifierConfig, TextClassifier

    clf = TextClassifier.train(texts, labels, ClassifierConfig(balanced=True),
                               training={"data": "train.tsv"})
    clf.save("my-model/")
    TextClassifier.load("my-model/").predict(["Troops shelled the town."])

A saved model is a folder with ``model.json`` (settings, labels, vocabulary and the
``training`` record: data file, its SHA-256, example counts, cross-validation scores)
and ``weights.npz``.  Nothing in it is pickled, so loading runs no code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, Messages
from . import embed
from .features import NgramVectorizer
from .folder import read_meta, trained_stamp, write_meta
from .linear import Block, SoftmaxRegression

FORMAT = 1
FEATURES = ("ngrams", "minilm")


@dataclass(frozen=True)
class ClassifierConfig:
    """How to train a :class:`TextClassifier`.

    Example::

        ClassifierConfig(features=("ngrams", "minilm"), l2=1e-3, balanced=True)

    Attributes:
        features (tuple[str, ...]): ``ngrams`` (word 1-2-gram tf-idf, numpy only) and/or
            ``minilm`` (sentence embeddings; needs the ``minilm`` extra).
        ngram (int): Longest word n-gram.
        min_df (int): Keep n-grams seen in at least this many training texts.
        max_features (int): Largest n-gram vocabulary.
        l2 (float): L2 penalty of the logistic regression.
        balanced (bool): Weight classes inversely to their frequency.
        max_iter (int): Optimiser iterations at most.
        seed (int): Seed of every random choice (cross-validation folds).
    """

    features: tuple[str, ...] = ("ngrams",)
    ngram: int = 2
    min_df: int = 2
    max_features: int = 50_000
    l2: float = 1e-3
    balanced: bool = False
    max_iter: int = 300
    seed: int = 0

    def __post_init__(self) -> None:
        for name in self.features:
            if name not in FEATURES:
                raise ConfigError(Messages.E104.format(name=name, choices=", ".join(FEATURES)))

    def key(self) -> dict[str, Any]:
        """Everything that changes the trained weights (for cache keys)."""
        return asdict(self) | {"features": list(self.features), "format": FORMAT}


@dataclass
class TextClassifier:
    """Labels texts with one class each.

    Attributes:
        config (ClassifierConfig): Training settings.
        labels (list[str]): Class names, in weight-column order.
        vectorizer (NgramVectorizer | None): The n-gram features, when used.
        model (SoftmaxRegression): The linear head.
        training (dict[str, Any]): What it was trained on and how well it did.
    """

    config: ClassifierConfig
    labels: list[str]
    vectorizer: NgramVectorizer | None
    model: SoftmaxRegression
    training: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def train(
        cls,
        texts: Sequence[str],
        labels: Sequence[str],
        config: ClassifierConfig | None = None,
        *,
        hints: Sequence[Sequence[str]] | None = None,
        embeddings: np.ndarray | None = None,
        training: dict[str, Any] | None = None,
    ) -> TextClassifier:
        """Fit a classifier.

        Args:
            texts (Sequence[str]): Training texts.
            labels (Sequence[str]): One label per text.
            config (ClassifierConfig | None): Settings; defaults when ``None``.
            hints (Sequence[Sequence[str]] | None): Extra symbolic features per text
                (e.g. the rule coder's event type); pass the same kind to ``predict``.
            embeddings (np.ndarray | None): Precomputed MiniLM rows for ``texts``
                (cross-validation encodes once); computed when needed and not given.
            training (dict[str, Any] | None): Provenance to keep with the model.
        """
        config = config or ClassifierConfig()
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        names = sorted(set(labels))
        index = {name: i for i, name in enumerate(names)}
        y = np.array([index[lab] for lab in labels], dtype=np.int64)
        vectorizer = None
        if "ngrams" in config.features:
            vectorizer = NgramVectorizer(
                ngram=config.ngram, min_df=config.min_df, max_features=config.max_features
            )
            vectorizer.fit(texts, hints)
        model = SoftmaxRegression(l2=config.l2, balanced=config.balanced, max_iter=config.max_iter)
        clf = cls(config, names, vectorizer, model)
        clf.model.fit(clf._blocks(texts, hints, embeddings), y, len(names))
        clf.training = {
            "n": len(texts),
            "label_counts": dict(sorted(Counter(labels).items())),
            "hints": hints is not None,
            **trained_stamp(),
        } | (training or {})
        return clf

    def _blocks(
        self,
        texts: Sequence[str],
        hints: Sequence[Sequence[str]] | None,
        embeddings: np.ndarray | None,
    ) -> list[Block]:
        blocks: list[Block] = []
        if self.vectorizer is not None:
            blocks.append(self.vectorizer.transform(texts, hints))
        if "minilm" in self.config.features:
            blocks.append(embeddings if embeddings is not None else embed.encode(texts))
        return blocks

    def predict_proba(
        self,
        texts: Sequence[str],
        *,
        hints: Sequence[Sequence[str]] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> np.ndarray:
        """Probabilities, one row per text, columns in ``self.labels`` order."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        return self.model.predict_proba(self._blocks(texts, hints, embeddings))

    def predict(
        self,
        texts: Sequence[str],
        *,
        hints: Sequence[Sequence[str]] | None = None,
        embeddings: np.ndarray | None = None,
    ) -> list[str]:
        """The most probable label of each text."""
        probs = self.predict_proba(texts, hints=hints, embeddings=embeddings)
        return [self.labels[i] for i in probs.argmax(axis=1)]

    # -- persistence -----------------------------------------------------------------

    def save(self, path: Path | str) -> Path:
        """Write ``model.json`` and ``weights.npz`` into folder ``path``."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        arrays = {f"w{i}": w for i, w in enumerate(self.model.weights)}
        arrays["bias"] = self.model.bias
        if self.vectorizer is not None:
            arrays["idf"] = self.vectorizer.idf
        np.savez_compressed(path / "weights.npz", **arrays)  # type: ignore[arg-type]
        meta = {
            "format": FORMAT,
            "config": asdict(self.config),
            "labels": self.labels,
            "vectorizer": self.vectorizer.to_dict() if self.vectorizer else None,
            "training": self.training,
        }
        write_meta(path, meta)
        return path

    @classmethod
    def load(cls, path: Path | str) -> TextClassifier:
        """Read a folder written by :meth:`save`."""
        path = Path(path)
        try:
            meta = read_meta(path, fmt=FORMAT)
            with np.load(path / "weights.npz") as npz:
                arrays = {k: npz[k] for k in npz.files}
        except (OSError, ValueError) as exc:
            raise ConfigError(Messages.E103.format(path=path, detail=exc)) from exc
        raw = dict(meta["config"])
        config = ClassifierConfig(**(raw | {"features": tuple(raw["features"])}))
        vectorizer = (
            NgramVectorizer.from_dict(meta["vectorizer"], arrays["idf"])
            if meta.get("vectorizer")
            else None
        )
        model = SoftmaxRegression(l2=config.l2, balanced=config.balanced)
        n_blocks = sum(1 for k in arrays if k.startswith("w"))
        model.weights = [arrays[f"w{i}"] for i in range(n_blocks)]
        model.bias = arrays["bias"]
        return cls(config, list(meta["labels"]), vectorizer, model, meta.get("training", {}))
