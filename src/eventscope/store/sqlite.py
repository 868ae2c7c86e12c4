"""The embedded SQLite store.

One transaction per article: an article's row and all its events land together or
not at all, so a killed ``ingest`` leaves only whole articles and simply resumes.
Articles are keyed by content hash, which makes ingesting the same input twice a no-op.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Messages, StoreError
from ..readers.article import Article, Skipped
from ..records import Event
from .migrations import migrate


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`SQLiteStore.events`; every field is optional.

    Example::

        store.events(EventQuery(since="2018-01-01", country="SY", event="ASSAULT"))
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    event: str | None = None
    actor: str | None = None
    limit: int | None = None
    offset: int = 0


def sqlite_path(url: str) -> Path:
    """Accept ``path.db`` or ``sqlite:///path.db``."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    if "://" in url:
        raise StoreError(Messages.E031.format(url=url))
    return Path(url)


class SQLiteStore:
    """Events and articles in one SQLite file (WAL mode).

    Args:
        url (str): ``events.db`` or ``sqlite:///events.db``; ``:memory:`` for tests.
    """

    def __init__(self, url: str) -> None:
        path = ":memory:" if url == ":memory:" else str(sqlite_path(url))
        try:
            self.conn = sqlite3.connect(path, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            migrate(self.conn)
        except sqlite3.Error as exc:
            raise StoreError(Messages.E030.format(url=url, detail=exc)) from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has_article(self, article: Article) -> bool:
        """True when this exact article (same content hash) is already stored."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = ?", (article.content_hash,)
        ).fetchone()
        return row is not None

    def add(self, article: Article, events: list[Event]) -> None:
        """Store an article with its events atomically, replacing an older version."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            self.conn.execute(
                "INSERT INTO articles(id, content_hash, title, url, source, published, origin,"
                " n_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    article.content_hash,
                    article.title,
                    article.url,
                    article.source,
                    article.published.isoformat() if article.published else None,
                    article.origin,
                    len(events),
                ),
            )
            self.conn.executemany(
                "INSERT OR REPLACE INTO events(id, article_id, event, mode, quad, date_start,"
                " date_end, date_precision, country_code, admin1, lat, lon, actors,"
                " acled_event_type, confidence, record)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_row(e) for e in events],
            )
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(Messages.E030.format(url="(store)", detail=exc)) from exc

    def add_skipped(self, item: Skipped) -> None:
        """Remember an input that could not be used, with its reason."""
        self.conn.execute(
            "INSERT OR REPLACE INTO skipped(origin, reason) VALUES (?, ?)",
            (item.origin, item.reason),
        )

    def events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events matching ``query``, ordered by date then id."""
        sql, params = _select(query or EventQuery())
        for (record,) in self.conn.execute(sql, params):
            yield Event.from_dict(json.loads(record))

    def counts(self) -> dict[str, int]:
        """Numbers of articles, events and skipped inputs."""
        out = {}
        for table in ("articles", "events", "skipped"):
            out[table] = int(self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out


def _row(e: Event) -> tuple[object, ...]:
    loc = e.location
    actors = " | ".join(a.name or a.text for a in [*e.actor, *e.recipient])
    return (
        e.id,
        e.article_id,
        e.event,
        e.mode,
        e.quad,
        e.date.start,
        e.date.end,
        e.date.precision,
        loc.country_code if loc else None,
        loc.admin1 if loc else None,
        loc.lat if loc else None,
        loc.lon if loc else None,
        actors,
        e.acled.event_type if e.acled else None,
        e.confidence,
        json.dumps(e.to_dict(), ensure_ascii=False),
    )


def _select(q: EventQuery) -> tuple[str, list[object]]:
    where, params = [], []
    if q.since:
        where.append("(date_end >= ? OR (date_end IS NULL AND date_start >= ?))")
        params += [q.since, q.since]
    if q.until:
        where.append("date_start <= ?")
        params.append(q.until)
    if q.country:
        where.append("country_code = ?")
        params.append(q.country.upper())
    if q.event:
        where.append("event = ?")
        params.append(q.event.upper())
    if q.actor:
        where.append("actors LIKE ?")
        params.append(f"%{q.actor}%")
    sql = "SELECT record FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY date_start IS NULL, date_start, id"
    if q.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [q.limit, q.offset]
    return sql, params
