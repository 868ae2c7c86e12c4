"""Deduplication on our own multi-source corpus: pairwise precision and recall.

``benchmarks/data/dedup_corpus.jsonl`` holds short reports written for eventscope,
each labelled with the real-world event its main event reports; some groups have
several reports (different outlets, wording, relative dates and tolls) and some are
distractors (same place another day, same day another place).  A pair of articles is
a true duplicate when they share a group; it is predicted a duplicate when their main
events fall in the same cluster.
"""

from __future__ import annotations

import json
from datetime import date
from itertools import combinations
from pathlib import Path

from ..config import Settings
from ..dedup import cluster
from ..pipeline import Pipeline
from ..readers.article import Article
from ..records import Event
from ._run import main_event
from .base import BenchmarkResult, benchmark, prf

DATA = Path(__file__).resolve().parents[3] / "benchmarks" / "data"
DEFAULT_CORPUS = DATA / "dedup_corpus.jsonl"
# Written after the rules were final and never used to change them.
FRESH_CORPUS = DATA / "dedup_fresh.jsonl"


def load_corpus(path: Path = DEFAULT_CORPUS) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if "_meta" not in r]


@benchmark("dedup", help="Deduplication on our own multi-source corpora: pairwise P/R/F1")
def run(data_dir: Path | None = None, *, limit: int | None = None) -> BenchmarkResult:
    """Score the development corpus and the fresh one separately."""
    metrics: dict[str, float] = {}
    details: dict[str, object] = {}
    for name, path in (("dev", DEFAULT_CORPUS), ("fresh", FRESH_CORPUS)):
        scores, clusters = score_corpus(load_corpus(path)[:limit])
        metrics |= {f"{name}_{k}": v for k, v in scores.items()}
        details[f"{name}_clusters"] = clusters
    return BenchmarkResult("dedup", metrics, {}, {}, details)


def score_corpus(rows: list[dict[str, str]]) -> tuple[dict[str, float], list[list[str]]]:
    """Pairwise precision/recall of clustering the articles' main events."""
    articles = [
        Article(
            id=r["id"],
            text=r["text"],
            published=date.fromisoformat(r["published"]),
            source=r["source"],
            origin=f"dedup:{r['id']}",
        )
        for r in rows
    ]
    mains: dict[str, Event] = {}
    for result in Pipeline(Settings()).process(articles):
        event = main_event(result.events)
        if event is not None:
            mains[result.article.id] = event
    groups = cluster(list(mains.values()))
    cluster_of = {e.article_id: n for n, group in enumerate(groups) for e in group}
    gold_of = {r["id"]: r["group"] for r in rows}
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold_of), 2):
        same_gold = gold_of[a] == gold_of[b]
        same_pred = a in cluster_of and b in cluster_of and cluster_of[a] == cluster_of[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    scores = prf(tp, fp, fn)
    return {
        "pairwise_precision": scores["precision"],
        "pairwise_recall": scores["recall"],
        "pairwise_f1": scores["f1"],
        "articles": float(len(rows)),
        "gold_duplicate_pairs": float(tp + fn),
    }, [[e.article_id for e in g] for g in groups]
