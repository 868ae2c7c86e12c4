"""A few dozen short news reports, generated from our own templates, plus corrupt rows.

The reports vary actor, action, place, count and date so the output spreads over
several event-date and country partitions; the corrupt rows cover each way a row can
be refused (malformed JSON, empty text, impossible date).
"""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

TEMPLATES = (
    "Police arrested {n} opposition activists in {place} on {day} after protests over "
    "fuel prices. The interior ministry said the detainees would be charged.",
    "Gunmen killed {n} villagers near {place} on {day}, local officials said. Residents "
    "fled to the nearest town.",
    "Thousands of teachers marched through {place} on {day} to demand unpaid salaries. "
    "The protest ended peacefully.",
    "Soldiers clashed with rebels outside {place} on {day}, leaving {n} fighters dead, "
    "the army said in a statement.",
    "A car bomb exploded at a market in {place} on {day}, wounding {n} people, the health "
    "ministry said.",
    "The government and the main rebel group signed a ceasefire agreement in {place} on "
    "{day}, ending months of fighting.",
)
PLACES = ("Harare", "Kabul", "Juba", "Caracas", "Mosul", "Bamako", "Dhaka", "Maiduguri")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
PUBLISHED = ("2018-03-02", "2019-01-18", "2019-06-07", "2020-11-13")

# Rows every reader must refuse, each for its own reason.
BAD_JSONL_LINES = (
    '{"id": "broken", "text": "Police arrested',
    json.dumps({"id": "blank", "text": "   ", "published": "2019-01-01"}),
    json.dumps({"id": "baddate", "text": "Police arrested 5 men.", "published": "2019-02-30"}),
)


def articles(n: int = 36) -> list[dict[str, str]]:
    """``n`` distinct articles as JSON-ready dicts (id, title, text, published)."""
    combos = itertools.product(TEMPLATES, PLACES, DAYS)
    out = []
    for i, (template, place, day) in enumerate(itertools.islice(combos, 0, None, 7)):
        if i == n:
            break
        text = template.format(n=3 + i % 17, place=place, day=day)
        if i % 5 == 0:  # a second paragraph with quotes: multi-line CSV cells
            text += '\n\n"We will not stop," a spokesman said.'
        out.append(
            {
                "id": f"gen-{i:03d}",
                "title": f"Report {i} from {place}",
                "text": text,
                "published": PUBLISHED[i % len(PUBLISHED)],
            }
        )
    return out


def write_jsonl(path: Path, rows: list[dict[str, str]], bad: bool = True) -> Path:
    lines = [json.dumps(r) for r in rows]
    if bad:
        lines[5:5] = BAD_JSONL_LINES
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "title", "text", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(rows), path)
    return path
