"""Median time of the places stage per article, and the process's peak RSS.

The stage is timed alone: the articles are parsed and run through the earlier stages
first, then only the places stage's ``__call__`` is timed on each (fresh) doc, so model
time does not hide geoparsing cost.  The gazetteer's LRU cache is cleared first, so the
figure includes cold SQLite lookups.

    .venv/bin/python benchmarks/geo_speed.py                    # bundled samples
    .venv/bin/python benchmarks/geo_speed.py --input /tmp/guardian.jsonl --limit 300
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from eventscope.nlp.pipeline import build_nlp
from eventscope.readers import read_inputs
from eventscope.readers.article import Skipped

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    articles = [a for a in read_inputs(args.input) if not isinstance(a, Skipped)][: args.limit]
    nlp = build_nlp()
    stage = nlp.get_pipe("eventscope_places")
    stage.gazetteer._candidates.cache_clear()
    before = [name for name in nlp.pipe_names if name != "eventscope_places"]
    before = before[: nlp.pipe_names.index("eventscope_places")]
    timings = []
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article = article
        with nlp.select_pipes(enable=before):
            doc = nlp(doc)
        started = time.perf_counter()
        stage(doc)
        timings.append((time.perf_counter() - started) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles: {len(timings)}")
    print(f"places stage median: {statistics.median(timings):.2f} ms/article")
    print(f"places stage p90: {sorted(timings)[int(len(timings) * 0.9)]:.2f} ms/article")
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
