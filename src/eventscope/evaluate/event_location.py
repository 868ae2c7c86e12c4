"""Event-location benchmark on Halterman's "Geolocating Political Events in Text" data.

Each gold case is one sentence with one annotated verb and the span(s), if any, naming
where that verb's event happened (``source == "RELABEL"``, the hand-checked subset).
We treat the verb as the event trigger, geoparse the sentence, link the event with the
places stage's own rule (:func:`eventscope.stages.places.link_event`) and ask whether
the chosen place's span overlaps a gold location span.

Metrics:

- ``accuracy``: share of cases decided right (an overlapping place when gold has one,
  no place when gold has none);
- ``precision``/``recall``/``f1`` of the located cases (a wrong place is a false
  positive and a false negative at once).

Offsets: the file's character offsets for LOCATION spans are unreliable, so spans are
rebuilt from the token offsets, which are consistent.

Run: ``eventscope evaluate event_location --data ../shared/data``.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import EvaluationError, Messages
from ..gazetteer import Gazetteer, ensure_gazetteer
from ..nlp.mentions import EventMention
from .base import BenchmarkResult, benchmark, prf, require

DATA_FILE = Path("events") / "event_location" / "labeled_text.jsonl.zip"
GOLD_SOURCE = "RELABEL"


@dataclass
class LocationCase:
    """One sentence, its event verb and the gold location spans (character offsets)."""

    text: str
    verb: tuple[int, int]
    locations: list[tuple[int, int]] = field(default_factory=list)


def _char_span(row: dict[str, Any], span: dict[str, Any]) -> tuple[int, int]:
    tokens = row["tokens"]
    first, last = tokens[span["token_start"]], tokens[span["token_end"]]
    return int(first["start"]), int(last["end"])


def _case(row: dict[str, Any]) -> LocationCase | None:
    spans = row.get("spans") or []
    verbs = [s for s in spans if s.get("label") == "VERB"]
    if len(verbs) != 1 or not row.get("tokens"):
        return None
    return LocationCase(
        text=row["text"],
        verb=_char_span(row, verbs[0]),
        locations=[_char_span(row, s) for s in spans if s.get("label") == "LOCATION"],
    )


def read_cases(path: Path) -> list[LocationCase]:
    """Gold cases from the zipped JSON file (a JSON array, despite its .jsonl name)."""
    with zipfile.ZipFile(require(path)) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".jsonl") and "MACOSX" not in n)
        raw = archive.read(name).decode("utf-8")
    try:
        rows = json.loads(raw)
    except json.JSONDecodeError:
        rows = [json.loads(line) for line in raw.splitlines() if line.strip()]
    if not isinstance(rows, list):
        raise EvaluationError(Messages.E060.format(path=path, line=1, detail="not a list"))
    cases = [_case(r) for r in rows if r.get("source") == GOLD_SOURCE]
    return [c for c in cases if c is not None]


def predict(doc: Doc, case: LocationCase, gaz: Gazetteer) -> tuple[int, int] | None:
    """Character span of the place our rules give the case's verb, or None."""
    from ..stages.places import _geoparse, link_event

    trigger = doc.char_span(*case.verb, alignment_mode="expand")
    if trigger is None:
        return None
    sentence = trigger.sent
    event = EventMention(trigger=trigger, sentence=sentence, event="ASSAULT")
    found, mentions = _geoparse(doc, gaz, [event])
    linkable = [
        f
        for f, m in zip(found, mentions, strict=True)
        if f.resolution is not None and f.source != "demonym" and m.role == "other"
    ]
    chosen = link_event(event, linkable)
    if chosen is None:
        return None
    return chosen[0].span.start_char, chosen[0].span.end_char


def _overlaps(pred: tuple[int, int], gold: list[tuple[int, int]]) -> bool:
    return any(pred[0] < g[1] and g[0] < pred[1] for g in gold)


def score_cases(cases: list[LocationCase], nlp: Language, gaz: Gazetteer) -> dict[str, float]:
    """Accuracy and located-case P/R/F1 over ``cases``."""
    tp = fp = fn = correct = 0
    for case, doc in zip(cases, nlp.pipe([c.text for c in cases], batch_size=64), strict=True):
        pred = predict(doc, case, gaz)
        hit = pred is not None and _overlaps(pred, case.locations)
        if case.locations:
            tp += hit
            fn += not hit
            fp += pred is not None and not hit
            correct += hit
        else:
            fp += pred is not None
            correct += pred is None
    scores = prf(tp, fp, fn)
    return {
        "accuracy": correct / len(cases) if cases else 0.0,
        **scores,
        "n": float(len(cases)),
        "n_with_location": float(sum(1 for c in cases if c.locations)),
    }


@benchmark(
    "event_location",
    help="Event location: is the event's place span right? (Halterman's RELABEL subset)",
)
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    """Score event-location linking on ``data_dir/events/event_location``."""
    from ..nlp.model import load_model

    cases = read_cases(data_dir / DATA_FILE)
    cases = cases[:limit] if limit else cases
    nlp = load_model()
    gaz = Gazetteer(ensure_gazetteer())
    scores = score_cases(cases, nlp, gaz)
    return BenchmarkResult(
        name="event_location",
        metrics={k: scores[k] for k in ("accuracy", "precision", "recall", "f1")},
        details={"limit": limit, "n": scores["n"], "n_with_location": scores["n_with_location"]},
    )
