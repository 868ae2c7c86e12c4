"""What every event store does, written once over a small SQL dialect.

SQLite and PostgreSQL share the schema, the per-article transaction, write-time
deduplication, merged reads and the tallies.  A backend supplies only its connection,
its transaction, its filter clause (full-text and spatial search differ) and the two
statements whose conflict syntax differs.  SQL here uses ``?`` placeholders; the
PostgreSQL backend translates them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..errors import Messages, StoreError
from ..readers.article import Article, Skipped
from ..records import Event
from ..records.columns import columns, record_json
from .clusters import assign, heads, merged
from .stats import GROUPED, tally


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`Store.events`; every field is optional.

    Example::

        store.events(EventQuery(since="2018-01-01", country="SY", event="ASSAULT"))

    Attributes:
        since, until (str | None): ISO dates; an event matches when its date interval
            overlaps ``[since, until]``.
        bbox (tuple | None): ``(min_lon, min_lat, max_lon, max_lat)``; only located
            events inside it (edges included) match.
        mode (str | None): PLOVER mode, e.g. ``arrest``.
        text (str | None): Words that must all occur in the evidence sentence or the
            article title (full-text search; punctuation is ignored, so any user
            text is a valid query, and text without a word filters nothing).
        merged (bool): One record per real-world event, listing every report
            (default); ``False`` gives every stored report on its own.
    """

    since: str | None = None
    until: str | None = None
    country: str | None = None
    event: str | None = None
    actor: str | None = None
    limit: int | None = None
    offset: int = 0
    bbox: tuple[float, float, float, float] | None = None
    mode: str | None = None
    text: str | None = None
    merged: bool = True


EVENT_COLUMNS = (
    "id, article_id, event, mode, quad, date_start, date_end, date_precision, country_code,"
    " admin1, lat, lon, actors, acled_event_type, confidence, record, cluster_id"
)


class Store:
    """Shared behaviour of the stores; subclasses give the dialect.

    Subclasses set ``conn`` and ``errors`` and implement ``_transaction``, ``_where``,
    ``_head_clause``, and the two conflict-handling statements.
    """

    conn: Any
    errors: type[Exception] | tuple[type[Exception], ...]
    INSERT_EVENTS: str  # insert-or-replace of EVENT_COLUMNS
    INSERT_SKIPPED: str  # insert (origin, reason), ignoring repeats

    # -- dialect hooks ---------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        """The statement in this backend's placeholder style."""
        return sql

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        self.conn.executemany(self._sql(sql), rows)

    def _where(self, q: EventQuery) -> tuple[str, list[object]]:
        raise NotImplementedError

    def _head_clause(self, q: EventQuery) -> str:
        return "is_head = 1"

    # -- plumbing ----------------------------------------------------------------------

    def _run(self, sql: str, params: Any = ()) -> Any:
        return self.conn.execute(self._sql(sql), params)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ------------------------------------------------------------------------

    def has_article(self, article: Article) -> bool:
        """True when this exact article (same content hash) is already stored."""
        row = self._run(
            "SELECT 1 FROM articles WHERE content_hash = ?", (article.content_hash,)
        ).fetchone()
        return row is not None

    def add(self, article: Article, events: list[Event]) -> None:
        """Store an article with its events atomically, replacing an older version.

        Each event joins the cluster of an earlier report of the same real-world
        event (``store.clusters``), and each grown cluster elects its head.
        """
        try:
            with self._transaction():
                self._run("DELETE FROM articles WHERE id = ?", (article.id,))
                self._run(
                    "INSERT INTO articles(id, content_hash, title, url, source, published,"
                    " origin, n_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    _article_row(article, len(events)),
                )
                clusters = assign(events, self._candidates)
                rows = [(*_row(e), c) for e, c in zip(events, clusters, strict=True)]
                self._executemany(self.INSERT_EVENTS, rows)
                self._elect_heads({c for e, c in zip(events, clusters, strict=True) if c != e.id})
        except self.errors as exc:
            raise StoreError(Messages.E030.format(url="(store)", detail=exc)) from exc

    def _elect_heads(self, cluster_ids: set[str]) -> None:
        """Mark the best-described report of each grown cluster as its head."""
        for cluster_id in cluster_ids:
            rows = self._run("SELECT record FROM events WHERE cluster_id = ?", (cluster_id,))
            members = [Event.from_dict(json.loads(r)) for (r,) in rows.fetchall()]
            head = heads({cluster_id: members})[cluster_id]
            self._run(
                "UPDATE events SET is_head = CASE WHEN id = ? THEN 1 ELSE 0 END"
                " WHERE cluster_id = ?",
                (head, cluster_id),
            )

    def _candidates(self, event: str, start: str, end: str) -> list[tuple[str, Event]]:
        """Stored reports of the same type whose dates overlap ``[start, end]``."""
        rows = self._run(
            "SELECT cluster_id, record FROM events WHERE event = ? AND date_start <= ?"
            " AND COALESCE(date_end, date_start) >= ? LIMIT 500",
            (event, end, start),
        ).fetchall()
        return [(c, Event.from_dict(json.loads(r))) for c, r in rows]

    def add_skipped(self, item: Skipped) -> None:
        """Remember an input that could not be used, with its reason."""
        self._run(self.INSERT_SKIPPED, (item.origin, item.reason))

    # -- reads -------------------------------------------------------------------------

    def _heads(self, q: EventQuery) -> tuple[str, list[object]]:
        """The filter restricted to cluster heads: one row per real-world event."""
        where, params = self._where(q)
        head = self._head_clause(q)
        return (f"{where} AND {head}" if where else f" WHERE {head}"), params

    def events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events matching ``query``, ordered by date then id.

        By default each real-world event comes once, merged from all its reports; the
        filters apply to its head, the best-described report, whose fields it shows.
        """
        q = query or EventQuery()
        where, params = self._heads(q) if q.merged else self._where(q)
        column = "cluster_id" if q.merged else "record"
        sql = f"SELECT {column} FROM events{where} ORDER BY date_start IS NULL, date_start, id"
        if q.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, q.limit, q.offset]
        found = [value for (value,) in self._run(sql, params).fetchall()]
        if q.merged:
            yield from self._clusters(found)
        else:
            yield from (Event.from_dict(json.loads(record)) for record in found)

    def _clusters(self, ids: list[str]) -> Iterator[Event]:
        """Merged records for cluster ids, in the given order."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            members: dict[str, list[Event]] = {}
            rows = self._run(
                f"SELECT cluster_id, record FROM events WHERE cluster_id IN ({marks}) ORDER BY id",
                chunk,
            ).fetchall()
            for cluster_id, record in rows:
                members.setdefault(cluster_id, []).append(Event.from_dict(json.loads(record)))
            for cluster_id in chunk:
                yield merged(cluster_id, members[cluster_id])

    def count(self, query: EventQuery | None = None) -> int:
        """How many events match ``query`` (real-world events unless ``merged=False``)."""
        q = query or EventQuery()
        where, params = self._heads(q) if q.merged else self._where(q)
        row = self._run(f"SELECT COUNT(*) FROM events{where}", params).fetchone()
        return int(row[0])

    def get(self, event_id: str) -> Event | None:
        """The event with this id (a cluster's or any of its reports'), merged, or ``None``."""
        row = self._run(
            "SELECT cluster_id FROM events WHERE id = ? OR cluster_id = ? LIMIT 1",
            (event_id, event_id),
        ).fetchone()
        return None if row is None else next(self._clusters([row[0]]), None)

    def stats(self, query: EventQuery | None = None) -> dict[str, Any]:
        """Counts of matching events by start day, PLOVER type and country.

        ``by_day`` is a list of ``[day, n]`` pairs in date order (undated events are
        left out of it); ``by_type`` and ``by_country`` map a value to its count, with
        unlocated events under ``""``.
        """
        where, params = self._heads(query or EventQuery())
        return tally(self._run(GROUPED.format(where=where), params).fetchall())

    def counts(self) -> dict[str, int]:
        """Numbers of articles, events and skipped inputs."""
        return {
            table: int(self._run(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            for table in ("articles", "events", "skipped")
        }


def _article_row(article: Article, n_events: int) -> tuple[object, ...]:
    return (
        article.id,
        article.content_hash,
        article.title,
        article.url,
        article.source,
        article.published.isoformat() if article.published else None,
        article.origin,
        n_events,
    )


def _row(e: Event) -> tuple[object, ...]:
    """The indexed columns of an event row, then its full JSON record."""
    return (*columns(e).values(), record_json(e))
