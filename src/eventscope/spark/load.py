"""Load a Spark job's Parquet output into a store (SQLite or PostgreSQL), idempotently.

Loading goes through the store's bulk writer ``add_many``, which gives what ``ingest``'s
one-by-one ``add`` gives (deduplication clusters and their heads, search indexes) but
writes a chunk of articles per transaction, with ``COPY`` on PostgreSQL; ``eventscope
events``, the API and the map see no difference.  An article already
stored with the same content hash is left alone; any other version is replaced with all
its events.  Loading the same output twice, or outputs that overlap, therefore never
duplicates an event.

Events are grouped by article through a temporary on-disk SQLite index, so memory does
not grow with the size of the output.  Only ``pyarrow`` is needed, not Spark or Java;
the output must be readable as a local path.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Messages
from ..readers.article import Article, Skipped
from ..records import Event
from ..store import Store, open_store
from .rows import ARTICLE_COLUMNS, SKIPPED_COLUMNS

CHUNK_ROWS = 5_000


@dataclass(frozen=True)
class LoadSummary:
    """Articles written (new or changed), articles already stored, events and skips."""

    articles: int
    unchanged: int
    events: int
    skipped: int


@dataclass(frozen=True)
class LoadedArticle(Article):
    """An article read back from Spark output: its text is not kept, its hash is."""

    stored_hash: str = ""

    @property
    def content_hash(self) -> str:
        return self.stored_hash


def read_table(
    output: str | Path, table: str, columns: tuple[str, ...]
) -> Iterator[list[dict[str, Any]]]:
    """Rows of one output table, in chunks; an empty table yields nothing."""
    import pyarrow.dataset as ds

    folder = Path(output) / table
    if not folder.is_dir():
        raise ConfigError(
            Messages.E083.format(path=output, expected="events/, articles/ and skipped/")
        )
    dataset = ds.dataset(str(folder), format="parquet", partitioning="hive")
    if not set(columns) <= set(dataset.schema.names):
        return  # Spark wrote no file for an empty table
    for batch in dataset.to_batches(columns=list(columns), batch_size=CHUNK_ROWS):
        yield batch.to_pylist()


def load(output: str | Path, url: str, chunk: int = 500) -> LoadSummary:
    """Merge ``output`` into the store at ``url`` (a SQLite path or ``postgresql://``).

    ``chunk`` articles are written per transaction (``Store.add_many``).
    """
    counts = {"articles": 0, "unchanged": 0, "events": 0, "skipped": 0}
    with tempfile.TemporaryDirectory(prefix="eventscope-load-") as tmp:
        index = _event_index(output, Path(tmp) / "events.sqlite")
        with open_store(url) as store:
            counts["events"] = store.add_many(_new_articles(output, store, index, counts), chunk)
            for rows in read_table(output, "skipped", SKIPPED_COLUMNS):
                for row in rows:
                    store.add_skipped(Skipped(row["origin"], row["reason"]))
                    counts["skipped"] += 1
        index.close()
    return LoadSummary(**counts)


def _new_articles(
    output: str | Path, store: Store, index: sqlite3.Connection, counts: dict[str, int]
) -> Iterator[tuple[Article, list[Event]]]:
    """Articles (with their events) that the store does not hold in this version."""
    seen: set[str] = set()
    for rows in read_table(output, "articles", ARTICLE_COLUMNS):
        for row in rows:
            article = _article(row)
            if article.content_hash in seen or store.has_article(article):
                counts["unchanged"] += 1
                continue
            seen.add(article.content_hash)
            counts["articles"] += 1
            yield article, _events_of(index, article.id)


def _event_index(output: str | Path, path: Path) -> sqlite3.Connection:
    """Every event record keyed by article id, on disk, for grouping without memory."""
    index = sqlite3.connect(str(path))
    index.execute("PRAGMA journal_mode=OFF")
    index.execute("CREATE TABLE ev (article_id TEXT, ordinal INTEGER, id TEXT, record TEXT)")
    for rows in read_table(output, "events", ("article_id", "ordinal", "id", "record")):
        index.executemany(
            "INSERT INTO ev VALUES (?, ?, ?, ?)",
            [(r["article_id"], r["ordinal"], r["id"], r["record"]) for r in rows],
        )
    index.execute("CREATE INDEX ev_article ON ev(article_id, ordinal)")
    index.commit()
    return index


def _events_of(index: sqlite3.Connection, article_id: str) -> list[Event]:
    """An article's events in the pipeline's order, as ``ingest`` would add them."""
    rows = index.execute(
        "SELECT DISTINCT ordinal, record FROM ev WHERE article_id = ? ORDER BY ordinal",
        (article_id,),
    )
    return [Event.from_dict(json.loads(record)) for _, record in rows]


def _article(row: dict[str, Any]) -> LoadedArticle:
    published = row["published"]
    return LoadedArticle(
        id=row["article_id"],
        text="",
        published=date.fromisoformat(published) if published else None,
        title=row["title"],
        url=row["url"],
        source=row["source"],
        origin=row["origin"] or "<spark>",
        stored_hash=row["content_hash"],
    )
