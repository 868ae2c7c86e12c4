"""ConfliBERT's ``cameo_class`` test file: five-way CAMEO quad classes, macro-F1.

Classes: 0 statement (no material/verbal event), 1 verbal cooperation, 2 material
cooperation, 3 verbal conflict, 4 material conflict.  Our PLOVER quad maps one-to-one
onto 1–4; a sentence where we code no asserted event is class 0.  Published
reference: ConfliBERT (a 110M-parameter BERT fine-tuned on the train file) 0.895.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ._run import code_sentences, main_event
from .base import BenchmarkResult, benchmark, classification_report, require

CLASS_NAMES = {
    "0": "statement",
    "1": "verbal_coop",
    "2": "material_coop",
    "3": "verbal_conflict",
    "4": "material_conflict",
}
CONFLIBERT_MACRO_F1 = 0.895


def load_test(data_dir: Path) -> list[tuple[str, str]]:
    path = require(data_dir / "events" / "conflibert" / "cameo_class" / "test.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if len(r) >= 2]
    return [(text, label.strip()) for text, label in rows if label.strip() in CLASS_NAMES]


@benchmark("conflibert", help="ConfliBERT cameo_class test: 5-way quad class, macro-F1")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    rows = load_test(data_dir)[:limit]
    coded = code_sentences([t for t, _ in rows])
    gold, pred = [], []
    for (_, label), events in zip(rows, coded, strict=True):
        asserted = [e for e in events if not {"negated", "hypothetical"} & set(e.modality)]
        event = main_event(asserted)
        gold.append(CLASS_NAMES[label])
        pred.append(CLASS_NAMES[str(event.quad)] if event else CLASS_NAMES["0"])
    per_class, confusion, summary = classification_report(gold, pred)
    metrics = {
        "macro_f1": summary["macro_f1"],
        "accuracy": summary["accuracy"],
        "conflibert_macro_f1": CONFLIBERT_MACRO_F1,
        "n": summary["n"],
    }
    return BenchmarkResult("conflibert", metrics, per_class, confusion, {"split": "test"})
