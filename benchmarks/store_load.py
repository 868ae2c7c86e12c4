"""Bulk loading into the stores: ``Store.add_many`` against one ``add`` per article.

``eventscope spark-load`` writes a Spark job's output through ``add_many``: a chunk of
articles per transaction, rows in bulk (``COPY`` on PostgreSQL, ``executemany`` on
SQLite), deduplicated exactly as one-by-one ``add`` would.  This script loads the same
synthetic articles both ways into fresh stores, in one run, checks that both give the
same rows and clusters, and prints events/s for each and the speed-up.

Synthetic events come from ``api_latency.py``'s generator (skewed types, ten years of
dates, a few hundred places), ``--per-article`` events per article.

Usage::

    .venv/bin/python benchmarks/store_load.py                       # SQLite only
    .venv/bin/python benchmarks/store_load.py --pg postgresql://postgres@127.0.0.1:54329/x
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from api_latency import make_cities, synthetic  # the same synthetic events as the API run
from eventscope.readers.article import Article
from eventscope.records import Event
from eventscope.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
Items = list[tuple[Article, list[Event]]]


def make_items(articles: int, per_article: int, seed: int = 11) -> Items:
    rng = random.Random(seed)
    cities = make_cities()
    items: Items = []
    for a in range(articles):
        aid = f"load{a:06d}"
        events = []
        for k in range(per_article):
            record = synthetic(rng, a * per_article + k, cities)
            record["id"] = f"ev_{aid}_{k}"
            record["article_id"] = aid
            events.append(Event.from_dict(record))
        items.append((Article(id=aid, text=f"article {aid}", published=date(2020, 1, 1)), events))
    return items


def reset(url: str) -> None:
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            for table in ("events", "skipped", "articles", "schema_migrations"):
                conn.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(url + suffix).unlink(missing_ok=True)


def timed(url: str, write: Callable[[Store], None]) -> tuple[float, list[Any]]:
    reset(url)
    with open_store(url) as store:
        start = time.perf_counter()
        write(store)
        seconds = time.perf_counter() - start
        rows = store._run("SELECT id, cluster_id, is_head FROM events ORDER BY id").fetchall()
    return seconds, [tuple(r) for r in rows]


def one_by_one(items: Items) -> Callable[[Store], None]:
    def write(store: Store) -> None:
        for article, events in items:
            store.add(article, events)

    return write


def bulk(items: Items, chunk: int) -> Callable[[Store], None]:
    def write(store: Store) -> None:
        store.add_many(items, chunk=chunk)

    return write


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--per-article", type=int, default=10)
    ap.add_argument("--chunk", type=int, default=500)
    ap.add_argument("--pg", default=None, help="a scratch PostgreSQL database (wiped)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/store_load.json"))
    args = ap.parse_args()
    items = make_items(args.articles, args.per_article)
    n_events = args.articles * args.per_article
    report: dict[str, Any] = {"articles": args.articles, "events": n_events, "chunk": args.chunk}
    with tempfile.TemporaryDirectory() as tmp:
        urls = {"sqlite": str(Path(tmp) / "load.db")}
        if args.pg:
            urls["postgresql"] = args.pg
        for name, url in urls.items():
            single_s, single_rows = timed(url, one_by_one(items))
            bulk_s, bulk_rows = timed(url, bulk(items, args.chunk))
            report[name] = {
                "add_events_per_s": n_events / single_s,
                "add_many_events_per_s": n_events / bulk_s,
                "speedup": single_s / bulk_s,
                "same_rows_and_clusters": single_rows == bulk_rows,
            }
            print(
                f"{name:10s} add: {n_events / single_s:8.0f} events/s   add_many: "
                f"{n_events / bulk_s:8.0f} events/s   speed-up {single_s / bulk_s:.2f}x   "
                f"same rows and clusters: {single_rows == bulk_rows}"
            )
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
