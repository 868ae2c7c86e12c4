"""The embedded SQLite store.

One transaction per article: an article's row and all its events land together or
not at all, so a killed ``ingest`` leaves only whole articles and simply resumes.
Articles are keyed by content hash, which makes ingesting the same input twice a no-op.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Messages, StoreError
from ..readers.article import Article, Skipped
from ..records import Event
from .clusters import assign, heads, merged
from .migrations import migrate
from .stats import GROUPED, tally


@dataclass(frozen=True)
class EventQuery:
    """Filters for :meth:`SQLiteStore.events`; every field is optional.

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
            # INSERT OR REPLACE must fire the delete trigger that keeps the search
            # and R*Tree indexes in step with the events table.
            self.conn.execute("PRAGMA recursive_triggers=ON")
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
            clusters = assign(events, self._candidates)
            self.conn.executemany(
                "INSERT OR REPLACE INTO events(id, article_id, event, mode, quad, date_start,"
                " date_end, date_precision, country_code, admin1, lat, lon, actors,"
                " acled_event_type, confidence, record, cluster_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*_row(e), c) for e, c in zip(events, clusters, strict=True)],
            )
            self._elect_heads({c for e, c in zip(events, clusters, strict=True) if c != e.id})
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self.conn.execute("ROLLBACK")
            raise StoreError(Messages.E030.format(url="(store)", detail=exc)) from exc

    def _elect_heads(self, cluster_ids: set[str]) -> None:
        """Mark the best-described report of each grown cluster as its head."""
        for cluster_id in cluster_ids:
            members = [
                Event.from_dict(json.loads(r))
                for (r,) in self.conn.execute(
                    "SELECT record FROM events WHERE cluster_id = ?", (cluster_id,)
                )
            ]
            head = heads({cluster_id: members})[cluster_id]
            self.conn.execute(
                "UPDATE events SET is_head = (id = ?) WHERE cluster_id = ?", (head, cluster_id)
            )

    def _candidates(self, event: str, start: str, end: str) -> list[tuple[str, Event]]:
        """Stored reports of the same type whose dates overlap ``[start, end]``."""
        rows = self.conn.execute(
            "SELECT cluster_id, record FROM events WHERE event = ? AND date_start <= ?"
            " AND COALESCE(date_end, date_start) >= ? LIMIT 500",
            (event, end, start),
        ).fetchall()
        return [(c, Event.from_dict(json.loads(r))) for c, r in rows]

    def add_skipped(self, item: Skipped) -> None:
        """Remember an input that could not be used, with its reason."""
        self.conn.execute(
            "INSERT OR REPLACE INTO skipped(origin, reason) VALUES (?, ?)",
            (item.origin, item.reason),
        )

    def events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events matching ``query``, ordered by date then id.

        By default each real-world event comes once, merged from all its reports; a
        cluster matches when any of its reports matches.
        """
        q = query or EventQuery()
        if not q.merged:
            sql, params = _select(q)
            for (record,) in self.conn.execute(sql, params):
                yield Event.from_dict(json.loads(record))
            return
        where, params = _heads(q)
        sql = f"SELECT cluster_id FROM events{where} ORDER BY date_start IS NULL, date_start, id"
        if q.limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [q.limit, q.offset]
        ids = [c for (c,) in self.conn.execute(sql, params)]
        yield from self._clusters(ids)

    def _clusters(self, ids: list[str]) -> Iterator[Event]:
        """Merged records for cluster ids, in the given order."""
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            members: dict[str, list[Event]] = {}
            for cluster_id, record in self.conn.execute(
                f"SELECT cluster_id, record FROM events WHERE cluster_id IN ({marks}) ORDER BY id",
                chunk,
            ):
                members.setdefault(cluster_id, []).append(Event.from_dict(json.loads(record)))
            for cluster_id in chunk:
                yield merged(cluster_id, members[cluster_id])

    def count(self, query: EventQuery | None = None) -> int:
        """How many events match ``query`` (real-world events unless ``merged=False``)."""
        q = query or EventQuery()
        where, params = _heads(q) if q.merged else _where(q)
        row = self.conn.execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()
        return int(row[0])

    def get(self, event_id: str) -> Event | None:
        """The event with this id (a cluster's or any of its reports'), merged, or ``None``."""
        row = self.conn.execute(
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
        where, params = _heads(query or EventQuery())
        return tally(self.conn.execute(GROUPED.format(where=where), params).fetchall())

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


_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str | None:
    """Turn free user text into an FTS5 query: every word required, each quoted.

    Quoting makes FTS5 operators (``AND``, ``NEAR``, ``*``, ``"``) plain words, so no
    user input can be a syntax error.  ``None`` when the text has no word at all.
    """
    words = _WORD.findall(text)
    return " ".join(f'"{w}"' for w in words) if words else None


def _where(q: EventQuery) -> tuple[str, list[object]]:
    """The WHERE clause (with leading space) and its parameters for ``q``.

    With a bounding box the 3-D R*Tree (lon, lat, day) picks the candidates and the
    plain column indexes are switched off with unary ``+``: the box and the dates
    together are far more selective than one type or one country.
    """
    where: list[str] = []
    params: list[object] = []
    plain = "+" if q.bbox else ""
    if q.bbox:
        where.append(_RTREE)
        min_lon, min_lat, max_lon, max_lat = q.bbox
        params += [min_lon, max_lon, min_lat, max_lat, q.since or "0001-01-01"]
        params += [q.until or "9999-12-31"]
        where.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        params += [min_lon, max_lon, min_lat, max_lat]
    if q.since:
        where.append(f"{plain}COALESCE(date_end, date_start) >= ?")
        params.append(q.since)
    if q.until:
        where.append(f"{plain}date_start <= ?")
        params.append(q.until)
    if q.country:
        where.append(f"{plain}country_code = ?")
        params.append(q.country.upper())
    if q.event:
        where.append(f"{plain}event = ?")
        params.append(q.event.upper())
    if q.mode:
        where.append(f"{plain}mode = ?")
        params.append(q.mode.lower())
    if q.actor:
        where.append("actors LIKE ?")
        params.append(f"%{q.actor}%")
    match = fts_query(q.text) if q.text else None
    if match:
        where.append("rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
        params.append(match)
    return (" WHERE " + " AND ".join(where) if where else ""), params


# Overlap tests with a day of slack: the tree stores 32-bit floats rounded outwards,
# so it only has to give a superset; the exact tests on the events row decide.  Day
# numbers are days since 1970-01-01, as the migration stores them.
_RTREE = (
    "rowid IN (SELECT id FROM events_rtree WHERE max_lon >= ? AND min_lon <= ?"
    " AND max_lat >= ? AND min_lat <= ?"
    " AND max_day >= julianday(?) - 2440587.5 - 1 AND min_day <= julianday(?) - 2440587.5 + 1)"
)


def _heads(q: EventQuery) -> tuple[str, list[object]]:
    """``_where`` restricted to cluster heads: one row per real-world event."""
    where, params = _where(q)
    head = ("+" if q.bbox else "") + "is_head = 1"  # keep the R*Tree plan for boxes
    return (f"{where} AND {head}" if where else f" WHERE {head}"), params


def _select(q: EventQuery) -> tuple[str, list[object]]:
    where, params = _where(q)
    sql = f"SELECT record FROM events{where} ORDER BY date_start IS NULL, date_start, id"
    if q.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [q.limit, q.offset]
    return sql, params
