"""Throughput of the full pipeline against spaCy's ``nlp.pipe`` alone, same articles, one run.

Prints articles/s for both, their ratio (how much our stages cost on top of the
model), and the process's peak RSS.  Run it outside pytest: the machine is shared and
timings are noisy, so only the ratio within one run is meaningful.

    .venv/bin/python benchmarks/throughput.py                   # bundled samples, cycled to 200
    .venv/bin/python benchmarks/throughput.py --input my.jsonl  # your own articles
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import time
from dataclasses import replace
from pathlib import Path

from eventscope import Pipeline, Settings
from eventscope.nlp.pipeline import STAGES
from eventscope.readers import Article, read_inputs
from eventscope.readers.article import Skipped

ROOT = Path(__file__).resolve().parent.parent


def load_articles(paths: list[str], n: int) -> list[Article]:
    found = [a for a in read_inputs(paths) if not isinstance(a, Skipped)]
    if not found:
        raise SystemExit(f"no articles in {paths}")
    cycled = itertools.islice(itertools.cycle(found), n)
    return [replace(a, id=f"{a.id}-{i}") for i, a in enumerate(cycled)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("-n", type=int, default=200, help="number of articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--batch-chars", type=int, default=40_000)
    parser.add_argument("--out", default=str(ROOT / "benchmarks/results/throughput.json"))
    args = parser.parse_args()

    articles = load_articles(args.input, args.n)
    pipe = Pipeline(Settings(batch_size=args.batch_size, batch_chars=args.batch_chars))
    nlp = pipe.nlp  # load model, stages and gazetteer before timing
    list(pipe.process(articles[:5]))  # warm caches of both paths

    stage_names = [n for n in nlp.pipe_names if n in STAGES]
    texts = [a.text for a in articles]
    parsed = []
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=stage_names):
        for batch in pipe.batches(articles):  # the same batches the pipeline uses
            docs = []
            for article in batch:
                doc = nlp.make_doc(article.text)
                doc._.article = article
                docs.append(doc)
            parsed.extend(nlp.pipe(docs, batch_size=len(batch)))
    spacy_s = time.perf_counter() - t0

    # Each stage on the parsed docs, in pipeline order: what every stage adds to the parse.
    stage_s = {}
    for name in stage_names:
        component = nlp.get_pipe(name)
        t0 = time.perf_counter()
        for doc in parsed:
            component(doc)
        stage_s[name] = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in pipe.process(articles))
    full_s = time.perf_counter() - t0

    chars = sum(len(t) for t in texts)
    result = {
        "articles": len(articles),
        "mean_chars": round(chars / len(articles)),
        "events": n_events,
        "spacy_only_articles_per_s": round(len(articles) / spacy_s, 2),
        "full_pipeline_articles_per_s": round(len(articles) / full_s, 2),
        "full_over_spacy_time_ratio": round(full_s / spacy_s, 3),
        **{
            f"{name.removeprefix('eventscope_')}_stage_pct_of_parse": round(100 * secs / spacy_s, 1)
            for name, secs in stage_s.items()
        },
        **{
            f"{name.removeprefix('eventscope_')}_stage_ms_per_article": round(
                1000 * secs / len(articles), 2
            )
            for name, secs in stage_s.items()
        },
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "model": nlp.meta.get("eventscope_model"),
        "batch_size": args.batch_size,
        "batch_chars": args.batch_chars,
        "input": args.input,
    }
    for key, value in result.items():
        print(f"{key:32} {value}")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
