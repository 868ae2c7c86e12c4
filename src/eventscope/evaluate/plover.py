"""PLOVER gold-standard records: event type, mode and actor/recipient text match.

The gold file (openeventdata/PLOVER ``PLOVER_GSR_CAMEO.txt``) uses v0.5 event names;
they are mapped to v0.8 with the manual's table "PLOVER equivalents to CAMEO cue
categories" (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT).

The headline is the pipeline's rule coder.  Where the NGEC stories are in the data
folder too, ``classifier_*`` figures say whether a PLOVER event classifier trained on
them (see ``ngec.py``; trained at evaluation time, never shipped) would help: alone,
filling in sentences where the rules find nothing, and overriding the rules when it
is confident (probability at least ``OVERRIDE_AT``, fixed beforehand, not tuned here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from ._run import code_sentences, main_event
from .base import BenchmarkResult, benchmark, classification_report, require

V05_TO_V08 = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
# v0.5 mode names that v0.8 renamed or merged (manual, mode tables per event):
# assassinations, executions and massacres are ASSAULT 'targeted'; a host is one side of
# a 'visit'; banning parties or people is COERCE 'restrict'.
V05_MODES = {
    "strike-hun": "hunger",
    "strike-gen": "strike",
    "riot-spon": "riot",
    "demo-org": "demo",
    "demo-spon": "demo",
    "confiscate": "seize",
    "detain": "arrest",
    "assassinate": "targeted",
    "execute": "targeted",
    "massacre": "targeted",
    "host": "visit",
    "ban": "restrict",
}
# Threats of a curfew or of martial law: v0.8 THREATEN names them 'restrict' (its table:
# "restrict movement … including … curfews"); COERCE keeps 'curfew' and 'martial-law'.
V05_EVENT_MODES = {("THREATEN", "curfew"): "restrict", ("THREATEN", "martial-law"): "restrict"}
NONE = "NONE"
OVERRIDE_AT = 0.8
_EVT = re.compile(r"\(EVT:\s*([^)]*)\)")


def load_gold(data_dir: Path) -> list[dict[str, Any]]:
    """Gold records with a sentence and an event (the DOCUMENT header is left out)."""
    path = require(data_dir / "events" / "plover" / "PLOVER_GSR_CAMEO.txt")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in rows if r.get("text") and r.get("event") not in (None, "DOCUMENT")]


def gold_event(row: dict[str, Any]) -> str:
    return V05_TO_V08.get(row["event"], row["event"])


def gold_v08_mode(row: dict[str, Any]) -> str:
    """The gold record's mode under its v0.8 name."""
    mode = V05_MODES.get(row["mode"], row["mode"])
    return V05_EVENT_MODES.get((gold_event(row), row["mode"]), mode)


def _texts(actors: Any) -> list[str]:
    """Gold actor texts; the file mixes objects, lists of objects and placeholder strings."""
    if isinstance(actors, dict):
        actors = [actors]
    if not isinstance(actors, list):
        return []
    return [a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText")]


def _markup(row: dict[str, Any]) -> str:
    info = row.get("textInfo")
    if isinstance(info, dict):
        return str(info.get("markup", ""))
    return info if isinstance(info, str) else ""


def _matches(gold: list[str], predicted: list[str]) -> bool:
    """Every gold actor text overlaps some predicted actor text (case-insensitive)."""
    pred = [p.lower() for p in predicted]
    return all(any(g.lower() in p or p in g.lower() for p in pred if p) for g in gold)


@benchmark("plover", help="PLOVER gold records: event type, mode, actor/recipient match")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    """Score every gold sentence; a sentence with no coded event counts as NONE."""
    gold = load_gold(data_dir)[:limit]
    coded = code_sentences([r["text"] for r in gold])
    g_labels, p_labels = [], []
    mode_hits = mode_total = actor_hits = actor_total = rec_hits = rec_total = 0
    for row, events in zip(gold, coded, strict=True):
        words = {w.lower() for m in _EVT.findall(_markup(row)) for w in m.split()}
        event = main_event(events, words)
        g_labels.append(gold_event(row))
        p_labels.append(event.event if event else NONE)
        if row.get("mode"):
            mode_total += 1
            gold_mode = gold_v08_mode(row)
            mode_hits += int(event is not None and event.mode == gold_mode)
        if _texts(row.get("source")):
            actor_total += 1
            pred = [a.text for a in event.actor] if event else []
            actor_hits += int(_matches(_texts(row.get("source")), pred))
        if _texts(row.get("target")):
            rec_total += 1
            pred = [a.text for a in event.recipient] if event else []
            rec_hits += int(_matches(_texts(row.get("target")), pred))
    per_class, confusion, summary = classification_report(g_labels, p_labels)
    per_class.pop(NONE, None)
    backed = classifier_backed(data_dir, [r["text"] for r in gold], g_labels, p_labels)
    metrics = {
        "event_accuracy": summary["accuracy"],
        "event_macro_f1": sum(r["f1"] for r in per_class.values() if r["support"])
        / max(1, sum(1 for r in per_class.values() if r["support"])),
        "detected_rate": sum(1 for p in p_labels if p != NONE) / max(1, len(p_labels)),
        "mode_accuracy": mode_hits / mode_total if mode_total else 0.0,
        "actor_match": actor_hits / actor_total if actor_total else 0.0,
        "recipient_match": rec_hits / rec_total if rec_total else 0.0,
        "n": float(len(gold)),
    } | backed
    details = {
        "mapping": V05_TO_V08,
        "mode_mapping": V05_MODES
        | {f"{event}:{old}": new for (event, old), new in V05_EVENT_MODES.items()},
        "mode_n": mode_total,
        "actor_n": actor_total,
        "recipient_n": rec_total,
        "note": "Gold event names are PLOVER v0.5, mapped to v0.8. Actor match: each gold "
        "actor text overlaps a predicted actor text of the chosen event.",
    }
    return BenchmarkResult("plover", metrics, per_class, confusion, details)


def classifier_backed(
    data_dir: Path, texts: list[str], gold: list[str], rules: list[str]
) -> dict[str, float]:
    """Event accuracy of the NGEC-trained classifier alone and as the rules' back-up.

    Empty when the NGEC stories are not in ``data_dir``.
    """
    from .ngec import train_classifiers

    try:
        clf, _, _ = train_classifiers(data_dir)
    except EvaluationError:
        return {}
    probs = clf.predict_proba(texts)
    best = [clf.labels[i] for i in probs.argmax(axis=1)]
    sure = probs.max(axis=1) >= OVERRIDE_AT
    filled = [c if r == NONE else r for r, c in zip(rules, best, strict=True)]
    override = [c if s else r for r, c, s in zip(filled, best, sure, strict=True)]

    def accuracy(pred: list[str]) -> float:
        return sum(1 for g, p in zip(gold, pred, strict=True) if g == p) / max(1, len(gold))

    return {
        "classifier_event_accuracy": accuracy(best),
        "classifier_fills_none_event_accuracy": accuracy(filled),
        "classifier_overrides_event_accuracy": accuracy(override),
    }
