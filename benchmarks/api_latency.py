"""API latency on a large SQLite store, and the map page's time to first map.

Builds (once, then reuses) a store of synthetic events, serves it with uvicorn on
loopback and measures, with a bounded number of requests:

* ``GET /events`` with a bounding box, a one-month range and a type filter
  (target: p95 <= 100 ms on 1,000,000 events);
* the page's first map (basemap, timeline and markers drawn) in headless Debian
  Chromium driven by Playwright (target: <= 2 s).

Synthetic events are scattered around a few hundred random "cities" over ten years,
with a skewed type mix, so boxes and months hold realistic, uneven counts.  Rows are
written with the store's own insert (``_row``) so every index and trigger is real.

Usage::

    .venv/bin/python benchmarks/api_latency.py              # 1,000,000 events
    .venv/bin/python benchmarks/api_latency.py --events 50000 --requests 100
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from eventscope._types import PLOVER_EVENTS, QUAD
from eventscope.readers.article import Article
from eventscope.store import EventQuery, SQLiteStore
from eventscope.store.sqlite import _row

FIRST_DAY = date(2015, 1, 1)
DAYS = 3652
WEIGHTS = [3 if t in {"ASSAULT", "PROTEST", "COERCE"} else 1 for t in PLOVER_EVENTS]
PER_ARTICLE = 5_000


class _Row:
    """Just enough of an Event for ``_row``: the store's own column mapping."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.record = record

    def to_dict(self) -> dict[str, Any]:
        return self.record


def synthetic(rng: random.Random, i: int, cities: list[tuple[float, float]]) -> dict[str, Any]:
    lat0, lon0 = rng.choice(cities)
    day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    kind = rng.choices(PLOVER_EVENTS, WEIGHTS)[0]
    sentence = f"Synthetic {kind.lower()} event number {i} reported near a town."
    return {
        "id": f"ev_syn{i:08d}",
        "article_id": f"syn{i // PER_ARTICLE:05d}",
        "event": kind,
        "mode": None,
        "context": [],
        "quad": QUAD[kind],
        "actor": [
            {
                "text": "forces",
                "name": "Forces",
                "country": None,
                "sector": "MIL",
                "acled_inter": 1,
                "id": None,
            }
        ],
        "recipient": [],
        "location": {
            "text": "town",
            "name": f"Town {i % 997}",
            "geonameid": None,
            "lat": round(max(-89.0, min(89.0, lat0 + rng.gauss(0, 1.5))), 5),
            "lon": round(max(-179.0, min(179.0, lon0 + rng.gauss(0, 1.5))), 5),
            "country_code": "ZZ",
            "admin1": None,
            "feature_class": "P",
            "precision": 1,
        },
        "date": {
            "start": day,
            "end": day,
            "precision": "day",
            "text": None,
            "from_publication": False,
        },
        "size": {},
        "modality": [],
        "confidence": 0.8,
        "evidence": {
            "sentence": sentence,
            "start": 0,
            "end": len(sentence),
            "trigger": kind.lower(),
            "trigger_start": 10,
            "trigger_end": 10 + len(kind),
        },
        "acled": None,
        "article": {"title": None, "url": None, "source": "synthetic", "published": day},
        "warnings": [],
    }


def make_cities(seed: int = 5) -> list[tuple[float, float]]:
    """(lat, lon) centres the synthetic events cluster around."""
    rng = random.Random(seed)
    return [(rng.uniform(-40, 60), rng.uniform(-120, 140)) for _ in range(300)]


def build(path: Path, n: int, seed: int = 7) -> None:
    """Write ``n`` synthetic events, one article per PER_ARTICLE events."""
    rng = random.Random(seed)
    cities = make_cities()
    extra = _record_defaults(synthetic(rng, 0, cities))
    start = time.perf_counter()
    with SQLiteStore(str(path)) as store:
        conn = store.conn
        for first in range(0, n, PER_ARTICLE):
            records = [
                {**synthetic(rng, i, cities), **extra}
                for i in range(first, min(n, first + PER_ARTICLE))
            ]
            article = Article(id=records[0]["article_id"], text=str(first), published=FIRST_DAY)
            conn.execute("BEGIN")
            conn.execute(
                "INSERT INTO articles(id, content_hash, n_events) VALUES (?, ?, ?)",
                (article.id, article.content_hash, len(records)),
            )
            conn.executemany(
                f"INSERT INTO events VALUES ({', '.join('?' * 17)})",
                [(*_row_of(r), r["id"]) for r in records],  # each its own cluster
            )
            conn.execute("COMMIT")
        conn.execute("ANALYZE")
    print(f"built {n:,} events in {time.perf_counter() - start:.0f} s -> {path}")


def _row_of(record: dict[str, Any]) -> tuple[object, ...]:
    """The store's column values for a record dict, as ``_row`` gives for an Event.

    Skipping the dataclass round trip makes building a million rows several times
    faster; :func:`_record_defaults` checks once that both give the same row.
    """
    loc, day = record["location"], record["date"]
    return (
        record["id"],
        record["article_id"],
        record["event"],
        record["mode"],
        record["quad"],
        day["start"],
        day["end"],
        day["precision"],
        loc["country_code"],
        loc["admin1"],
        loc["lat"],
        loc["lon"],
        " | ".join(a["name"] or a["text"] for a in record["actor"] + record["recipient"]),
        None,
        record["confidence"],
        json.dumps(record, ensure_ascii=False),
    )


def _record_defaults(record: dict[str, Any]) -> dict[str, Any]:
    """Fields the record model adds by default, so raw rows equal ``_row`` output."""
    from eventscope.records import Event

    full = Event.from_dict(record).to_dict()
    extra = {k: v for k, v in full.items() if k not in record}
    assert _row_of({**record, **extra}) == _row(Event.from_dict(record)), "row layout changed"
    return extra


def ensure(path: Path, n: int) -> None:
    if path.exists():
        with SQLiteStore(str(path)) as store:
            if store.count(EventQuery()) == n:
                return
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    build(path, n)


def serve(db: str) -> tuple[str, Any]:
    import uvicorn

    from eventscope.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}/", server


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def query_latency(base: str, requests: int, seed: int = 11) -> dict[str, Any]:
    """bbox (10 x 10 degrees around a city) + one calendar month + one type."""
    rng = random.Random(seed)
    cities = make_cities()
    timings, totals = [], []
    with httpx.Client(base_url=base, timeout=30) as client:
        for i in range(requests + 10):
            lat, lon = rng.choice(cities)
            lat, lon = max(-85.0, min(75.0, lat - 5)), max(-175.0, min(165.0, lon - 5))
            month = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 31))
            since = month.replace(day=1)
            until = (since + timedelta(days=32)).replace(day=1) - timedelta(days=1)
            params = {
                "bbox": f"{lon:.2f},{lat:.2f},{lon + 10:.2f},{lat + 10:.2f}",
                "since": since.isoformat(),
                "until": until.isoformat(),
                "type": rng.choices(PLOVER_EVENTS, WEIGHTS)[0],
            }
            start = time.perf_counter()
            response = client.get("events", params=params)
            elapsed = (time.perf_counter() - start) * 1000
            response.raise_for_status()
            if i >= 10:  # the first requests open connections and warm caches
                timings.append(elapsed)
                totals.append(response.json()["total"])
    return {
        "requests": requests,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "max_ms": round(max(timings), 1),
        "mean_matches": round(statistics.mean(totals), 1),
    }


def first_map(base: str, loads: int) -> dict[str, Any] | None:
    """Navigation start to 'basemap + timeline + markers drawn', per fresh page."""
    import shutil

    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        print("first map: skipped, no Chromium (apt-get install chromium)")
        return None
    from playwright.sync_api import sync_playwright

    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    times, markers = [], 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=flags, headless=True)
        for _ in range(loads):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            page.goto(base)
            page.wait_for_selector("body[data-ready='1'][data-markers]", timeout=60_000)
            times.append(page.evaluate("() => window.eventscopeTimings.firstMap"))
            markers = int(page.evaluate("() => document.body.dataset.markers"))
            context.close()
        browser.close()
    return {
        "loads": loads,
        "median_ms": round(statistics.median(times)),
        "max_ms": round(max(times)),
        "markers": markers,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--loads", type=int, default=5, help="page loads for the first map")
    parser.add_argument("--db", type=Path, default=None, help="store file (default: /tmp/...)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    db = args.db or Path(f"/tmp/eventscope-bench-{args.events}.db")
    ensure(db, args.events)
    base, server = serve(str(db))
    try:
        latency = query_latency(base, args.requests)
        print(
            f"GET /events bbox+month+type on {args.events:,} events: p50 {latency['p50_ms']} ms,"
            f" p95 {latency['p95_ms']} ms, max {latency['max_ms']} ms"
            f" ({latency['requests']} requests, {latency['mean_matches']} matches on average;"
            " target p95 <= 100 ms)"
        )
        page = first_map(base, args.loads)
        if page:
            print(
                f"first map: median {page['median_ms']} ms, max {page['max_ms']} ms over"
                f" {page['loads']} loads, {page['markers']} markers (target <= 2000 ms)"
            )
    finally:
        server.should_exit = True
    if args.json:
        args.json.write_text(
            json.dumps({"events": args.events, "latency": latency, "first_map": page}, indent=2)
            + "\n"
        )


if __name__ == "__main__":
    main()
