"""Shared pieces of the evaluation harness: result type, metrics and the registry.

A benchmark is a module in ``evaluate/`` that registers a function with
:func:`benchmark`.  The function reads gold data from a folder laid out like the
project's shared data (``events/…``, ``geo/…``), runs eventscope and returns a
:class:`BenchmarkResult`.  ``eventscope evaluate NAME --data DIR`` prints its tables and
writes the result as JSON under ``benchmarks/results/``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EvaluationError, Messages


@dataclass
class BenchmarkResult:
    """What a benchmark measured.

    Attributes:
        name (str): Benchmark name, e.g. ``plover``.
        metrics (dict[str, float]): Headline figures (``accuracy``, ``macro_f1`` …).
        per_class (dict[str, dict[str, float]]): precision/recall/f1/support per label.
        confusion (dict[str, dict[str, int]]): gold label -> predicted label -> count.
        details (dict[str, Any]): Anything else worth keeping (sizes, settings, notes).
    """

    name: str
    metrics: dict[str, float] = field(default_factory=dict)
    per_class: dict[str, dict[str, float]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True, default=str)


BenchmarkFn = Callable[..., BenchmarkResult]
_REGISTRY: dict[str, tuple[BenchmarkFn, str]] = {}


def benchmark(name: str, help: str) -> Callable[[BenchmarkFn], BenchmarkFn]:
    """Register ``fn(data_dir: Path, *, limit: int | None) -> BenchmarkResult``."""

    def wrap(fn: BenchmarkFn) -> BenchmarkFn:
        _REGISTRY[name] = (fn, help)
        return fn

    return wrap


def registry() -> dict[str, tuple[BenchmarkFn, str]]:
    """Every registered benchmark, importing the benchmark modules first."""
    from . import benchmarks  # noqa: F401  (registers)

    return dict(sorted(_REGISTRY.items()))


def require(path: Path) -> Path:
    """Fail with a clear message when a gold file is missing."""
    if not path.exists():
        raise EvaluationError(Messages.E040.format(path=path))
    return path


def classification_report(
    gold: Iterable[str], pred: Iterable[str]
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, int]], dict[str, float]]:
    """Per-class P/R/F1, confusion matrix and accuracy/macro/micro figures.

    Labels never predicted or never gold still get a row, so that a class a system
    ignores shows up as a zero instead of disappearing from the macro average.
    """
    pairs = list(zip(gold, pred, strict=True))
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    confusion: dict[str, dict[str, int]] = {g: dict(Counter()) for g in labels}
    for g, p in pairs:
        confusion[g][p] = confusion[g].get(p, 0) + 1
    per_class: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = confusion.get(label, {}).get(label, 0)
        fp = sum(row.get(label, 0) for g, row in confusion.items() if g != label)
        fn = sum(n for p, n in confusion.get(label, {}).items() if p != label)
        per_class[label] = prf(tp, fp, fn) | {"support": float(tp + fn)}
    gold_labels = [lab for lab in labels if per_class[lab]["support"] > 0]
    correct = sum(1 for g, p in pairs if g == p)
    summary = {
        "accuracy": correct / len(pairs) if pairs else 0.0,
        "macro_f1": (
            sum(per_class[lab]["f1"] for lab in gold_labels) / len(gold_labels)
            if gold_labels
            else 0.0
        ),
        "n": float(len(pairs)),
    }
    return per_class, confusion, summary


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall and F1 from counts (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}
