"""Train or load either kind of text classifier from its settings alone.

A :class:`ClassifierConfig` means the linear model, a :class:`FineTuneConfig` a
fine-tuned MiniLM; callers (cross-validation, ``eventscope train``, the benchmarks)
pass whichever was chosen and never branch on the kind themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .classifier import ClassifierConfig, TextClassifier
from .finetune import FineTuneConfig, FineTunedClassifier

TextModel = TextClassifier | FineTunedClassifier
ModelConfig = ClassifierConfig | FineTuneConfig


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    config: ModelConfig,
    *,
    hints: Sequence[Sequence[str]] | None = None,
    embeddings: np.ndarray | None = None,
    training: dict[str, Any] | None = None,
) -> TextModel:
    """Train the model ``config`` describes (``embeddings`` serve the linear one only)."""
    if isinstance(config, FineTuneConfig):
        return FineTunedClassifier.train(texts, labels, config, hints=hints, training=training)
    return TextClassifier.train(
        texts, labels, config, hints=hints, embeddings=embeddings, training=training
    )


def loader(config: ModelConfig) -> Callable[[Path], TextModel]:
    """How to read back a folder saved by the model ``config`` describes."""
    return FineTunedClassifier.load if isinstance(config, FineTuneConfig) else TextClassifier.load
