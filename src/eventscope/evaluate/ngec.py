"""NGEC synthetic stories: document-level PLOVER event and mode accuracy, held-out split.

The stories (ahalterman/NGEC, written by a language model) carry one event type and
mode each.  We define the split once, here, by a hash of the story text: one story
in five is ``test`` and is never used to train or tune anything; the rest is
``train``.  ``split_of`` is the single source of that rule, used by the benchmark and
by the training script alike.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter
from pathlib import Path

from ..records import Event
from ._run import code_sentences
from .base import BenchmarkResult, benchmark, classification_report, require

ZIP_NAME = "gpt_synthetic_events_2023-10-19_19.csv.zip"
# NGEC spells a few modes differently from the PLOVER manual.
MODE_SPELLING = {"PRIMATIVE": "primitive", "SIEZE": "seize", "AERIAL": "aerial"}
NONE = "NONE"


def split_of(text: str) -> str:
    """``test`` for one story in five (by text hash), else ``train``."""
    return (
        "test" if int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % 5 == 0 else "train"
    )


def load_stories(data_dir: Path, split: str) -> list[dict[str, str]]:
    """Stories of one split with keys text, event, mode."""
    path = require(data_dir / "events" / "ngec" / ZIP_NAME)
    csv.field_size_limit(10**8)
    with zipfile.ZipFile(path) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv"))
        with zf.open(name) as raw:
            rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    out = []
    for row in rows:
        text = row.get("text", "").strip()
        if text and split_of(text) == split:
            mode = (row.get("mode") or "").strip()
            out.append(
                {
                    "text": text,
                    "event": row["label"].strip(),
                    "mode": MODE_SPELLING.get(mode, mode.lower()),
                }
            )
    return out


def story_event(events: list[Event]) -> Event | None:
    """The story's main event: the type with the most confident asserted mentions, the
    lead sentence counting double (news puts the main event first)."""
    real = [e for e in events if not {"negated", "hypothetical", "future"} & set(e.modality)]
    if not real:
        return None
    first_sentence = min(e.evidence.start for e in real)
    score: Counter[str] = Counter()
    for e in real:
        score[e.event] += e.confidence * (2.0 if e.evidence.start == first_sentence else 1.0)
    best = score.most_common(1)[0][0]
    return max((e for e in real if e.event == best), key=lambda e: e.confidence)


@benchmark("ngec", help="NGEC synthetic stories, held-out split: event and mode accuracy")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    stories = load_stories(data_dir, "test")[:limit]
    coded = code_sentences([s["text"] for s in stories])
    gold, pred = [], []
    mode_hits = mode_total = 0
    for story, events in zip(stories, coded, strict=True):
        event = story_event(events)
        gold.append(story["event"])
        pred.append(event.event if event else NONE)
        if story["mode"]:
            mode_total += 1
            mode_hits += int(
                event is not None and event.event == story["event"] and event.mode == story["mode"]
            )
    per_class, confusion, summary = classification_report(gold, pred)
    per_class.pop(NONE, None)
    metrics = {
        "event_accuracy": summary["accuracy"],
        "event_macro_f1": sum(r["f1"] for r in per_class.values()) / max(1, len(per_class)),
        "mode_accuracy": mode_hits / mode_total if mode_total else 0.0,
        "n": summary["n"],
        "n_mode": float(mode_total),
    }
    details = {"split": "test = sha1(text) % 5 == 0", "mode_scoring": "event and mode both right"}
    return BenchmarkResult("ngec", metrics, per_class, confusion, details)
