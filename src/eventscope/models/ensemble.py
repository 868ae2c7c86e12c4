"""Several trained classifiers voting by their mean class probabilities.

A fine-tuned transformer and an n-gram model make different mistakes (one generalises
over wording, the other keeps exact cue words), so the mean of their probabilities is
more accurate than either where cross-validation says so (``benchmarks/MODELS.md``).
Each member stays a model of its own, trained, saved and cached on its own; the
ensemble only combines their outputs, so it has no files.

Example::

    both = MeanEnsemble([Member(fine_tuned), Member(linear, hints=True)])
    both.predict(texts, hints=rule_hints)  # hints reach only the members that use them
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .finetune import FineTunedClassifier
from .fit import TextModel


@dataclass(frozen=True)
class Member:
    """One model of an ensemble and whether it reads symbolic hints."""

    model: TextModel
    hints: bool = False


class MeanEnsemble:
    """Mean of the members' probabilities, over the labels every member knows."""

    def __init__(self, members: Sequence[Member]) -> None:
        if not members:
            raise ValueError("an ensemble needs at least one member")
        first = list(members[0].model.labels)
        if any(sorted(m.model.labels) != sorted(first) for m in members):
            raise ValueError("ensemble members must be trained on the same labels")
        self.members = list(members)
        self.labels = first

    @property
    def training(self) -> list[dict[str, Any]]:
        """Each member's record of what it was trained on."""
        return [m.model.training for m in self.members]

    def predict_proba(
        self, texts: Sequence[str], *, hints: Sequence[Sequence[str]] | None = None
    ) -> np.ndarray:
        """Mean probabilities, one row per text, columns in ``self.labels`` order."""
        total = np.zeros((len(texts), len(self.labels)))
        for member in self.members:
            if member.hints and hints is None:
                raise ValueError("this ensemble has a member that needs hints")
            probs = member.model.predict_proba(texts, hints=hints if member.hints else None)
            order = [list(member.model.labels).index(label) for label in self.labels]
            total += probs[:, order]
        return total / len(self.members)

    def predict(
        self, texts: Sequence[str], *, hints: Sequence[Sequence[str]] | None = None
    ) -> list[str]:
        """The label with the highest mean probability for each text."""
        probs = self.predict_proba(texts, hints=hints)
        return [self.labels[i] for i in probs.argmax(axis=1)]


def describe(model: TextModel | MeanEnsemble, *, hints: bool = False) -> str:
    """One line naming a model for a result file: its kind, and what it reads.

    ``hints`` says that a single model reads the rule coder's findings; an ensemble's
    members say so themselves.
    """
    if isinstance(model, MeanEnsemble):
        members = " and ".join(describe(m.model, hints=m.hints) for m in model.members)
        return f"mean of the probabilities of {members}"
    if isinstance(model, FineTunedClassifier):
        epochs, pieces = model.config.epochs, model.config.max_length
        found = " with the rule coder's findings as text" if hints else ""
        plural = "s" if epochs != 1 else ""
        return f"MiniLM fine-tuned for {epochs} epoch{plural} on {pieces} pieces{found}"
    config = model.config
    parts = [f"word 1-{config.ngram}-gram tf-idf"] if "ngrams" in config.features else []
    parts += ["rule-coder features"] if hints else []
    parts += ["MiniLM embeddings"] if "minilm" in config.features else []
    return "logistic regression over " + " + ".join(parts)
