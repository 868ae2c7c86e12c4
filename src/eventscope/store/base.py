"""What every event store does, written once over a small SQL dialect.

SQLite and PostgreSQL share the schema, the per-article transaction, write-time
deduplication, merged reads and the tallies.  A backend supplies only its connection,
its transaction, its filter clause (full-text and spatial search differ) and the two
statements whose conflict syntax differs.  SQL here uses ``?`` placeholders; the
PostgreSQL backend translates them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from ..errors import Messages, StoreError
from ..readers.article import Article, Skipped
from ..records import Event
from ..records.columns import columns, record_json
from .clusters import Candidates, assign, heads, merged
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
        self.add_many([(article, events)], chunk=1)

    def add_many(self, items: Iterable[tuple[Article, list[Event]]], chunk: int = 500) -> int:
        """Store many articles with their events, ``chunk`` articles per transaction.

        The result is what calling :meth:`add` on each in turn gives: a later version
        of an article replaces an earlier one, and an event joins the cluster of any
        earlier report, including one earlier in the same chunk.  Only the writing
        differs: rows go in bulk (``COPY`` on PostgreSQL), which is what makes loading
        a Spark job's output fast.  A failed chunk leaves no trace, so a load that
        stops part-way can simply be run again.  Returns the number of events written.
        """
        written = 0
        for batch in _batches(items, chunk):
            try:
                with self._transaction():
                    written += self._write_batch(batch)
            except self.errors as exc:
                raise StoreError(Messages.E030.format(url="(store)", detail=exc)) from exc
        return written

    def _write_batch(self, batch: list[tuple[Article, list[Event]]]) -> int:
        ids = [article.id for article, _ in batch]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            self._run(f"DELETE FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        self._write_articles([_article_row(a, len(events)) for a, events in batch])
        pending = _Pending(self._candidates)
        rows: list[tuple[object, ...]] = []
        grown: set[str] = set()
        for _, events in batch:
            clusters = assign(events, pending.candidates)
            for event, cluster_id in zip(events, clusters, strict=True):
                rows.append((*_row(event), cluster_id))
                pending.add(cluster_id, event)
                if cluster_id != event.id:
                    grown.add(cluster_id)
        self._write_events(rows)
        self._elect_heads(grown)
        return len(rows)

    def _write_articles(self, rows: list[tuple[object, ...]]) -> None:
        """Insert article rows (ids are free: older versions were just deleted)."""
        self._executemany(
            "INSERT INTO articles(id, content_hash, title, url, source, published,"
            " origin, n_events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def _write_events(self, rows: list[tuple[object, ...]]) -> None:
        """Insert-or-replace event rows (``EVENT_COLUMNS`` order)."""
        self._executemany(self.INSERT_EVENTS, rows)

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


def _batches(
    items: Iterable[tuple[Article, list[Event]]], size: int
) -> Iterator[list[tuple[Article, list[Event]]]]:
    """Chunks of ``size`` articles; a repeated article id keeps only its last version,
    as adding them one by one would."""
    batch: dict[str, tuple[Article, list[Event]]] = {}
    for article, events in items:
        batch.pop(article.id, None)
        batch[article.id] = (article, events)
        if len(batch) >= size:
            yield list(batch.values())
            batch = {}
    if batch:
        yield list(batch.values())


class _Pending:
    """Stored candidates plus the events of the chunk being written, which are not in
    the table yet but must be found exactly as if they had been added one by one."""

    def __init__(self, stored: Candidates) -> None:
        self.stored = stored
        self.by_type: dict[str, list[tuple[str, Event]]] = {}

    def add(self, cluster_id: str, event: Event) -> None:
        self.by_type.setdefault(event.event, []).append((cluster_id, event))

    def candidates(self, event: str, start: str, end: str) -> list[tuple[str, Event]]:
        near = [
            (cluster_id, other)
            for cluster_id, other in self.by_type.get(event, [])
            if other.date.start is not None
            and other.date.start <= end
            and (other.date.end or other.date.start) >= start
        ]
        return [*self.stored(event, start, end), *near]
