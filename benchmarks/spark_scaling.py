"""Spark scaling: the same articles, in one run, on one process, ``local[1]`` and ``local[2]``.

Prints articles/s for each, the ``local[2]``/``local[1]`` ratio (target >= 1.7 on two
free cores) and Spark's overhead against the single process at one core (target <= 15%),
and writes them to ``benchmarks/results/spark_scaling.json``.

Every configuration is measured warm: the single process loads its model before the
clock starts, and each Spark session first runs a small warm-up job so that every
Python worker has loaded its cached pipeline.  Model loading is a once-per-executor
cost that a day-long job amortises; it is reported separately.  Wall-clock timings are
only comparable within one run, and only on an otherwise idle machine: the load average
before and after is recorded.  CPU seconds (this process and all its descendants: the
JVM and the Python workers, read from /proc) are also recorded: they are what sizing
needs (articles per core-second) and are far less disturbed by other load.

    .venv/bin/python benchmarks/spark_scaling.py                        # samples/, 2,000 articles
    .venv/bin/python benchmarks/spark_scaling.py --input /tmp/g.csv -n 300   # realistic length
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from eventscope import Pipeline, Settings
from eventscope.readers import Article
from throughput import load_articles  # the same article sampling as the throughput run

ROOT = Path(__file__).resolve().parent.parent


def write_jsonl(articles: list[Article], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            row = {"id": a.id, "text": a.text, "title": a.title, "published": a.published}
            f.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
    return path


def cpu_seconds() -> float:
    """CPU time of this process and every live descendant (Linux /proc), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    parent: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(entry.name)] = int(fields[1])
        used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    tree, frontier = {os.getpid()}, [os.getpid()]
    while frontier:
        pid = frontier.pop()
        children = [c for c, p in parent.items() if p == pid and c not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(used.get(pid, 0.0) for pid in tree)


def time_single(articles: list[Article], settings: Settings) -> dict[str, float]:
    """Warm single-process throughput (the model loads before the clock starts)."""
    t0 = time.perf_counter()
    pipe = Pipeline(settings)
    _ = pipe.nlp
    load_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), cpu_seconds()
    events = sum(len(r.events) for r in pipe.process(articles))
    seconds, cpu = time.perf_counter() - t0, cpu_seconds() - c0
    return {
        "seconds": seconds,
        "rate": len(articles) / seconds,
        "cpu_s": cpu,
        "rate_per_cpu_s": len(articles) / cpu,
        "load_s": load_s,
        "events": events,
    }


def time_spark(
    master: str, source: Path, warmup: Path, work: Path, settings: Settings, partitions: int
) -> dict[str, float]:
    """Warm throughput of one ``run_job`` on a fresh session with ``master``."""
    from eventscope.spark import JobOptions, run_job, spark_session

    t0 = time.perf_counter()
    spark = spark_session(master, app_name=f"eventscope-bench-{master}")
    spark.sparkContext.setLogLevel("ERROR")
    session_s = time.perf_counter() - t0
    try:

        def job(path: Path, name: str, parts: int) -> tuple[float, float, int]:
            options = JobOptions(
                inputs=(str(path),), output=str(work / name), settings=settings, partitions=parts
            )
            t0, c0 = time.perf_counter(), cpu_seconds()
            summary = run_job(spark, options)
            return time.perf_counter() - t0, cpu_seconds() - c0, summary.events

        cores = spark.sparkContext.defaultParallelism
        warm_s, _, _ = job(warmup, f"warmup-{cores}", 2 * cores)
        seconds, cpu, events = job(source, f"run-{cores}", partitions)
    finally:
        spark.stop()
    n = sum(1 for _ in source.open(encoding="utf-8"))
    return {
        "seconds": seconds,
        "rate": n / seconds,
        "cpu_s": cpu,
        "rate_per_cpu_s": n / cpu,
        "session_s": session_s,
        "warmup_s": warm_s,
        "events": events,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", nargs="*", default=[str(ROOT / "samples")])
    parser.add_argument("-n", type=int, default=2000, help="number of articles")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--batch-chars", type=int, default=40_000)
    parser.add_argument("--partitions", type=int, default=8, help="Spark tasks per run")
    parser.add_argument("--out", default=str(ROOT / "benchmarks/results/spark_scaling.json"))
    args = parser.parse_args()

    settings = Settings(batch_size=args.batch_size, batch_chars=args.batch_chars)
    articles = load_articles(args.input, args.n)
    work = Path(tempfile.mkdtemp(prefix="eventscope-spark-bench-"))
    load_before = os.getloadavg()
    try:
        source = write_jsonl(articles, work / "articles.jsonl")
        warmup = write_jsonl(articles[:8], work / "warmup.jsonl")
        single = time_single(articles, settings)
        local1 = time_spark("local[1]", source, warmup, work, settings, args.partitions)
        local2 = time_spark("local[2]", source, warmup, work, settings, args.partitions)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "articles": len(articles),
        "mean_chars": round(sum(len(a.text) for a in articles) / len(articles)),
        "input": args.input,
        "partitions": args.partitions,
        "batch_size": args.batch_size,
        "batch_chars": args.batch_chars,
        "single": single,
        "local[1]": local1,
        "local[2]": local2,
        "local2_over_local1": local2["rate"] / local1["rate"],
        "spark_overhead_vs_single": single["rate"] / local1["rate"] - 1,
        "spark_cpu_overhead_vs_single": local1["cpu_s"] / single["cpu_s"] - 1,
        "events_equal": single["events"] == local1["events"] == local2["events"],
        "cpu_count": os.cpu_count(),
        "load_avg_before": load_before,
        "load_avg_after": os.getloadavg(),
    }
    report(result)
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


def report(r: dict) -> None:  # type: ignore[type-arg]
    print(f"{r['articles']} articles, mean {r['mean_chars']} chars, {r['partitions']} partitions")
    for name in ("single", "local[1]", "local[2]"):
        row = r[name]
        print(
            f"  {name:9s} {row['rate']:8.1f} articles/s ({row['seconds']:.1f} s wall),"
            f" {row['rate_per_cpu_s']:.1f} articles per CPU-second ({row['cpu_s']:.1f} CPU-s)"
        )
    ratio, overhead = r["local2_over_local1"], r["spark_overhead_vs_single"]
    print(f"  local[2]/local[1] = {ratio:.2f}   (target >= 1.7)")
    print(f"  Spark overhead vs single process = {overhead:+.1%} wall   (target <= 15%)")
    print(f"  Spark overhead in CPU time = {r['spark_cpu_overhead_vs_single']:+.1%}")
    print(f"  same number of events everywhere: {r['events_equal']}")
    print(f"  load average before {r['load_avg_before']}, after {r['load_avg_after']}")


if __name__ == "__main__":
    main()
