"""Sizes benchmark: counts, their category and the event they attach to, on own cases.

Each case (``benchmarks/data/size_cases.jsonl``) is a news-style sentence with its gold
events (trigger word, PLOVER type, mode) and the counts each event should carry.  The
events are built by hand from the gold triggers, so this measures the sizes stage alone,
not the event coder.  A predicted count is right when trigger, category, min and max all
match; cases with no gold count check that nothing spurious is attached.

Cases belong to sets (``dev``, ``fresh1``, ``fresh2``...): each fresh set was written after
the extractor of its day was final and scored once before any tuning, so its first score
(recorded in the file's ``_meta`` line) is the honest estimate; later sets are the
untouched ones.  The result reports case-exact accuracy overall (``case_exact_all``) and
per set (``case_exact_<set>``, with ``n_<set>`` cases), so a set that lags shows.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import EvaluationError, Messages
from ..nlp.extensions import register_extensions
from ..nlp.mentions import EventMention
from ..stages.sizes import SizeStage
from .base import BenchmarkResult, benchmark, prf, require

DEFAULT_CASES = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "size_cases.jsonl"
_Count = tuple[str, str, int | None, int | None]  # trigger, category, min, max


def load_cases(path: Path) -> list[dict[str, Any]]:
    """Read the case file, skipping its ``_meta`` line."""
    cases: list[dict[str, Any]] = []
    for number, line in enumerate(require(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if "_meta" not in row:
                _ = row["sentence"], row["events"], row["sizes"]
                cases.append(row)
        except (ValueError, KeyError) as exc:
            raise EvaluationError(Messages.E060.format(path=path, line=number, detail=exc)) from exc
    return cases


def gold_events(doc: Doc, case: dict[str, Any]) -> list[EventMention]:
    """EventMentions on the first token matching each gold trigger word."""
    events: list[EventMention] = []
    for spec in case["events"]:
        token = next((t for t in doc if t.text == spec["trigger"]), None)
        if token is None:
            raise EvaluationError(
                Messages.E060.format(path=case["id"], line=0, detail=f"no {spec['trigger']!r}")
            )
        events.append(
            EventMention(
                trigger=doc[token.i : token.i + 1],
                sentence=doc[token.sent.start : token.sent.end],
                event=spec["event"],
                mode=spec.get("mode"),
            )
        )
    return events


def predict(nlp: Language, stage: SizeStage, case: dict[str, Any]) -> set[_Count]:
    """Counts the sizes stage attaches, as comparable tuples."""
    doc = nlp(case["sentence"])
    doc._.events = gold_events(doc, case)
    stage(doc)
    return {
        (ev.trigger.text, category, value.min, value.max)
        for ev in doc._.events
        for category, value in ev.size.items()
    }


def _gold(case: dict[str, Any]) -> set[_Count]:
    return {(s["trigger"], s["category"], s["min"], s["max"]) for s in case["sizes"]}


@benchmark("sizes", help="Casualty/arrest/displacement/crowd counts on own news-style cases")
def run_sizes(
    data_dir: Path | None = None,
    *,
    limit: int | None = None,
    cases_path: Path | None = None,
    nlp: Language | None = None,
) -> BenchmarkResult:
    """Score the sizes stage; ``data_dir`` may hold its own size_cases.jsonl."""
    path = cases_path or DEFAULT_CASES
    if cases_path is None and data_dir is not None and (data_dir / "size_cases.jsonl").exists():
        path = data_dir / "size_cases.jsonl"
    cases = load_cases(path)[:limit] if limit else load_cases(path)
    register_extensions()
    if nlp is None:
        from ..nlp.model import load_model

        nlp = load_model()
    stage = SizeStage()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    exact: dict[str, list[bool]] = defaultdict(list)
    failures: list[dict[str, Any]] = []
    for case in cases:
        got, want = predict(nlp, stage, case), _gold(case)
        for key in ("all", f"set:{case.get('set', 'dev')}"):
            exact[key].append(got == want)
        for item in got | want:
            row = counts[item[1]]
            row[0 if item in got and item in want else (1 if item in got else 2)] += 1
        if got != want:
            failures.append(
                {"id": case["id"], "want": sorted(map(str, want)), "got": sorted(map(str, got))}
            )
    return _result(counts, exact, failures, path, len(cases))


def _result(
    counts: dict[str, list[int]],
    exact: dict[str, list[bool]],
    failures: list[dict[str, Any]],
    path: Path,
    n: int,
) -> BenchmarkResult:
    per_class = {
        cat: prf(*row) | {"support": float(row[0] + row[2])} for cat, row in counts.items()
    }
    tp, fp, fn = (sum(row[i] for row in counts.values()) for i in range(3))
    metrics = {f"count_{k}": v for k, v in prf(tp, fp, fn).items()} | {"n": float(n)}
    for key, values in exact.items():
        metrics[f"case_exact_{key.replace('set:', '')}"] = sum(values) / len(values)
    for key, values in exact.items():
        if key.startswith("set:"):
            metrics[f"n_{key.removeprefix('set:')}"] = float(len(values))
    return BenchmarkResult(
        name="sizes",
        metrics=metrics,
        per_class=dict(sorted(per_class.items())),
        details={"cases": str(path), "failures": failures},
    )


__all__ = ["DEFAULT_CASES", "gold_events", "load_cases", "predict", "run_sizes"]
