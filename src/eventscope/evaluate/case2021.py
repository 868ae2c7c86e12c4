"""CASE 2021 shared task 2: ACLED sub-event types plus non-event classes, weighted F1.

Each snippet gets one label.  We only have the odd-numbered dev split; the even ids are
withheld and scored separately, so nothing here is tuned to these snippets.  Published
reference: the best shared-task system scored 0.839 weighted F1 on the full test set;
zero-shot NLI about 0.74.

The task has no training data we may use, so classifiers are trained on sentences we
wrote for each of the task's classes from ACLED's and the task's category definitions
(``data/events/acled_subtypes.tsv``, MIT, about 160 per class; written without looking
at the dev snippets).  Three figures:

- the headline, a classifier alone: word n-grams by default; with the ``minilm`` extra
  the mean of the probabilities of MiniLM fine-tuned on the sentences and of the n-gram
  model (cached after the first run);
- ``pipeline_*``: what ``eventscope extract`` codes, the rule coder with its ACLED types
  refined by the n-gram sentence classifier (``stages/acled.py``): the main asserted
  event's ACLED sub-event type, else the snippet's non-event class by that classifier,
  else by cue words;
- ``rules_*``: the rule coder alone (``Settings(acled="rules")``), with cue words
  (disaster, crime, diplomacy, claims of responsibility) for the non-event classes.

Every choice among them was made by cross-validation on the written sentences, never on
the dev file (``benchmarks/finetune_selection.py case2021``, ``benchmarks/MODELS.md``).
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

from .._types import UNREAL
from ..config import Settings
from ..errors import ConfigError
from ..models import embed
from ..models.acled import ACLED_CONFIG, acled_classifier, codebook, label_of
from ..models.ensemble import MeanEnsemble, Member, describe
from ..models.finetune import FineTuneConfig
from ..models.fit import TextModel
from ..records import Event
from ..stages.lexicon import default_lexicon
from ._run import code_sentences, main_event
from .base import BenchmarkResult, benchmark, classification_report, require

log = logging.getLogger(__name__)

BEST_SHARED_TASK = 0.839
ZERO_SHOT_NLI = 0.74
VERBAL = {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT", "SUPPORT", "AGREE", "CONCEDE"}


def load_dev(data_dir: Path) -> list[tuple[str, str]]:
    path = require(data_dir / "events" / "case2021_task2" / "dev.tsv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(r["EventSnippet"], r["SubType"]) for r in rows if r.get("EventSnippet")]


def label_for(text: str, events: list[Event], snippet_class: str | None = None) -> str:
    """The task label for one snippet from our records: the main asserted event's ACLED
    sub-event type; else why the snippet holds no ACLED event, from ``snippet_class`` (the
    pipeline's own sentence classifier run on the snippet) where that is a non-event
    class, else from cue words."""
    coded = acled_label(events)
    if coded is not None:
        return coded
    if snippet_class is not None and codebook()[snippet_class].sub_event_type is None:
        return snippet_class
    real = [e for e in events if not UNREAL & set(e.modality)]
    return non_event_label(text, main_event(real))


def non_event_label(text: str, event: Event | None) -> str:
    """Why a snippet holds no ACLED event, from the lexicon's cue-word lists."""
    words = {w.strip(".,;:!?\"'()").lower() for w in text.split()}
    lexicon = default_lexicon()
    if words & lexicon.words("natural_disaster_words"):
        return "NATURAL_DISASTER"
    if words & lexicon.words("man_made_disaster_words"):
        return "MAN_MADE_DISASTER"
    if words & lexicon.words("crime_words"):
        return "ORG_CRIME"
    if words & lexicon.words("claim_words"):
        return "ATTRIB"
    if event is not None and event.event in VERBAL:
        return "DIPLO"
    return "OTHER"


# Chosen by cross-validation on the written sentences (benchmarks/MODELS.md): the best
# without the minilm extra, and the best with it.
CONFIG = ACLED_CONFIG
CONFIG_FINETUNE = FineTuneConfig(epochs=8)


def headline_classifier() -> TextModel | MeanEnsemble:
    """The scored classifier: with the minilm extra, the mean of the fine-tuned model and
    the n-gram one (chosen by cross-validation on the written sentences), else n-grams."""
    if not embed.available():
        return acled_classifier(CONFIG)
    tuned = acled_classifier(CONFIG_FINETUNE)
    return MeanEnsemble([Member(tuned), Member(acled_classifier(CONFIG))])


def acled_label(events: list[Event]) -> str | None:
    """The task label of the main asserted event with an ACLED type, if any."""
    real = [e for e in events if not UNREAL & set(e.modality)]
    event = main_event([e for e in real if e.acled is not None])
    if event is None or event.acled is None:
        return None
    return label_of().get(event.acled.sub_event_type, "OTHER")


def _weighted(gold: list[str], pred: list[str]) -> tuple[float, dict[str, float]]:
    per_class, _, summary = classification_report(gold, pred)
    total = sum(v["support"] for v in per_class.values()) or 1.0
    return sum(v["f1"] * v["support"] for v in per_class.values()) / total, summary


@benchmark("case2021", help="CASE 2021 task 2 dev split: ACLED sub-event types, weighted F1")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    rows = load_dev(data_dir)[:limit]
    texts = [t for t, _ in rows]
    gold = [g for _, g in rows]
    ruled = code_sentences(texts, settings=Settings(acled="rules"))
    rules = [label_for(t, events) for t, events in zip(texts, ruled, strict=True)]
    try:
        clf = headline_classifier()
        in_pipeline = acled_classifier()
    except ConfigError:  # a wheel built without the written sentences
        log.warning("no written training sentences in this install: rules only")
        clf = None
    if clf is None:
        pred = pipeline = rules
    else:
        pred = clf.predict(texts)
        coded = code_sentences(texts)
        pipeline = [
            label_for(t, events, c)
            for t, events, c in zip(texts, coded, in_pipeline.predict(texts), strict=True)
        ]
    per_class, confusion, summary = classification_report(gold, pred)
    weighted, _ = _weighted(gold, pred)
    rules_weighted, rules_summary = _weighted(gold, rules)
    pipeline_weighted, pipeline_summary = _weighted(gold, pipeline)
    metrics = {
        "weighted_f1": weighted,
        "macro_f1": summary["macro_f1"],
        "accuracy": summary["accuracy"],
        "pipeline_weighted_f1": pipeline_weighted,
        "pipeline_accuracy": pipeline_summary["accuracy"],
        "rules_weighted_f1": rules_weighted,
        "rules_accuracy": rules_summary["accuracy"],
        "best_shared_task_weighted_f1": BEST_SHARED_TASK,
        "zero_shot_nli_weighted_f1": ZERO_SHOT_NLI,
        "n": summary["n"],
    }
    details: dict[str, object] = {"split": "dev (odd ids)"}
    if clf is None:
        details["system"] = "rule coder with cue words"
    else:
        details["system"] = (
            f"{describe(clf)} trained on sentences written for eventscope; pipeline_* = "
            "what `eventscope extract` codes (rule coder, its ACLED types refined by the "
            "n-gram sentence classifier); rules_* = the rule coder and cue words alone"
        )
        details["training"] = clf.training
    return BenchmarkResult("case2021", metrics, per_class, confusion, details)
