"""The PostgreSQL server store: the same schema, methods and semantics as SQLite.

Use it with ``--db postgresql://user:pass@host/dbname``.  It needs the optional
``psycopg`` package (``pip install 'eventscope[postgres]'``).  Full-text search is a
``tsvector`` column with a GIN index; bounding boxes use a (lon, lat) B-tree.  As in
SQLite, each article and its events are written in one transaction, and schema changes
are numbered migrations applied each in one transaction with its record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import Messages, StoreError
from ..readers.article import Article, Skipped
from ..records import Event
from .clusters import assign, heads, merged
from .migrations import Migration
from .sqlite import EventQuery, _row
from .stats import GROUPED, tally

PG_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, url TEXT, source TEXT, published TEXT,
            origin TEXT, n_events INTEGER NOT NULL DEFAULT 0,
            ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            event TEXT NOT NULL, mode TEXT, quad INTEGER,
            date_start TEXT, date_end TEXT, date_precision TEXT,
            country_code TEXT, admin1 TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
            actors TEXT, acled_event_type TEXT, confidence DOUBLE PRECISION,
            record TEXT NOT NULL
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date_start);
        CREATE INDEX events_country ON events(country_code);
        CREATE INDEX events_type ON events(event);
        CREATE TABLE skipped (
            origin TEXT NOT NULL, reason TEXT NOT NULL,
            at TIMESTAMPTZ NOT NULL DEFAULT now(),
            PRIMARY KEY (origin, reason)
        )
        """,
    ),
    Migration(
        2,
        "search_and_space",
        """
        ALTER TABLE events ADD COLUMN title TEXT;
        ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', coalesce(record::json->'evidence'->>'sentence', '')
                || ' ' || coalesce(title, ''))) STORED;
        CREATE INDEX events_search ON events USING GIN (search);
        CREATE INDEX events_lon_lat ON events(lon, lat);
        CREATE INDEX events_mode ON events(mode);
        CREATE INDEX events_type_date ON events(event, date_start)
        """,
    ),
    Migration(
        3,
        "clusters",
        """
        ALTER TABLE events ADD COLUMN cluster_id TEXT;
        UPDATE events SET cluster_id = id;
        CREATE INDEX events_cluster ON events(cluster_id);
        CREATE INDEX events_match ON events(event, date_start, cluster_id)
        """,
    ),
    Migration(
        4,
        "cluster_heads",
        """
        ALTER TABLE events ADD COLUMN is_head INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX events_heads ON events(is_head, (date_start IS NULL), date_start, id);
        CREATE INDEX events_heads_stats ON events(is_head, date_start, event, country_code)
        """,
    ),
)
LATEST = PG_MIGRATIONS[-1].version


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class PostgresStore:
    """Events and articles in a PostgreSQL database.

    Args:
        url (str): A libpq URL, e.g. ``postgresql://eventscope@localhost/events``.
    """

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                Messages.E030.format(url=url, detail="install psycopg: pip install psycopg")
            ) from exc
        self._errors = psycopg.Error
        try:
            self.conn = psycopg.connect(url, autocommit=True)
            self._migrate()
        except psycopg.Error as exc:
            raise StoreError(Messages.E030.format(url=url, detail=exc)) from exc

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        found = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        current = int(found[0] or 0) if found else 0
        if current > LATEST:
            raise StoreError(Messages.E032.format(found=current, known=LATEST))
        for mig in PG_MIGRATIONS:
            if mig.version <= current:
                continue
            with self.conn.transaction():
                for statement in mig.sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations(version, name) VALUES (%s, %s)",
                    (mig.version, mig.name),
                )

    # -- writes ----------------------------------------------------------------------

    def has_article(self, article: Article) -> bool:
        """True when this exact article (same content hash) is already stored."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE content_hash = %s", (article.content_hash,)
        ).fetchone()
        return row is not None

    def add(self, article: Article, events: list[Event]) -> None:
        """Store an article with its events atomically, replacing an older version."""
        try:
            with self.conn.transaction():
                self.conn.execute("DELETE FROM articles WHERE id = %s", (article.id,))
                self.conn.execute(
                    "INSERT INTO articles(id, content_hash, title, url, source, published,"
                    " origin, n_events) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
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
                with self.conn.cursor() as cur:
                    cur.executemany(
                        "INSERT INTO events(id, article_id, event, mode, quad, date_start,"
                        " date_end, date_precision, country_code, admin1, lat, lon, actors,"
                        " acled_event_type, confidence, record, title, cluster_id) VALUES"
                        " (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                        " %s) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record",
                        [
                            (*_row(e), e.article.get("title"), c)
                            for e, c in zip(events, clusters, strict=True)
                        ],
                    )
                grown = {c for e, c in zip(events, clusters, strict=True) if c != e.id}
                self._elect_heads(grown)
        except self._errors as exc:
            raise StoreError(Messages.E030.format(url="(store)", detail=exc)) from exc

    def _elect_heads(self, cluster_ids: set[str]) -> None:
        """Mark the best-described report of each grown cluster as its head."""
        for cluster_id in cluster_ids:
            rows = self.conn.execute(
                "SELECT record FROM events WHERE cluster_id = %s", (cluster_id,)
            ).fetchall()
            members = [Event.from_dict(json.loads(r)) for (r,) in rows]
            head = heads({cluster_id: members})[cluster_id]
            self.conn.execute(
                "UPDATE events SET is_head = CASE WHEN id = %s THEN 1 ELSE 0 END"
                " WHERE cluster_id = %s",
                (head, cluster_id),
            )

    def _candidates(self, event: str, start: str, end: str) -> list[tuple[str, Event]]:
        """Stored reports of the same type whose dates overlap ``[start, end]``."""
        rows = self.conn.execute(
            "SELECT cluster_id, record FROM events WHERE event = %s AND date_start <= %s"
            " AND COALESCE(date_end, date_start) >= %s LIMIT 500",
            (event, end, start),
        ).fetchall()
        return [(c, Event.from_dict(json.loads(r))) for c, r in rows]

    def add_skipped(self, item: Skipped) -> None:
        """Remember an input that could not be used, with its reason."""
        self.conn.execute(
            "INSERT INTO skipped(origin, reason) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (item.origin, item.reason),
        )

    # -- reads -----------------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> Iterator[Event]:
        """Stored events matching ``query``, ordered by date then id (merged by default)."""
        q = query or EventQuery()
        where, params = _where(q)
        if not q.merged:
            sql = f"SELECT record FROM events{where} ORDER BY date_start IS NULL, date_start, id"
            if q.limit is not None:
                sql += " LIMIT %s OFFSET %s"
                params += [q.limit, q.offset]
            for (record,) in self.conn.execute(sql, params):
                yield Event.from_dict(json.loads(record))
            return
        where, params = _heads(q)
        sql = f"SELECT cluster_id FROM events{where} ORDER BY date_start IS NULL, date_start, id"
        if q.limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params += [q.limit, q.offset]
        ids = [c for (c,) in self.conn.execute(sql, params)]
        yield from self._clusters(ids)

    def _clusters(self, ids: list[str]) -> Iterator[Event]:
        """Merged records for cluster ids, in the given order."""
        if not ids:
            return
        members: dict[str, list[Event]] = {}
        for cluster_id, record in self.conn.execute(
            "SELECT cluster_id, record FROM events WHERE cluster_id = ANY(%s) ORDER BY id",
            (ids,),
        ):
            members.setdefault(cluster_id, []).append(Event.from_dict(json.loads(record)))
        for cluster_id in ids:
            yield merged(cluster_id, members[cluster_id])

    def count(self, query: EventQuery | None = None) -> int:
        """How many events match ``query`` (real-world events unless ``merged=False``)."""
        q = query or EventQuery()
        where, params = _heads(q) if q.merged else _where(q)
        row = self.conn.execute(f"SELECT COUNT(*) FROM events{where}", params).fetchone()
        return int(row[0]) if row else 0

    def get(self, event_id: str) -> Event | None:
        """The event with this id (a cluster's or any of its reports'), merged, or ``None``."""
        row = self.conn.execute(
            "SELECT cluster_id FROM events WHERE id = %s OR cluster_id = %s LIMIT 1",
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
            row = self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out


def _heads(q: EventQuery) -> tuple[str, list[object]]:
    """``_where`` restricted to cluster heads: one row per real-world event."""
    where, params = _where(q)
    return (f"{where} AND is_head = 1" if where else " WHERE is_head = 1"), params


def _where(q: EventQuery) -> tuple[str, list[object]]:
    """The WHERE clause and parameters, with SQLite's semantics for every filter."""
    where: list[str] = []
    params: list[object] = []
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        where.append("lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s")
        params += [min_lon, max_lon, min_lat, max_lat]
    if q.since:
        where.append("COALESCE(date_end, date_start) >= %s")
        params.append(q.since)
    if q.until:
        where.append("date_start <= %s")
        params.append(q.until)
    if q.country:
        where.append("country_code = %s")
        params.append(q.country.upper())
    if q.event:
        where.append("event = %s")
        params.append(q.event.upper())
    if q.mode:
        where.append("mode = %s")
        params.append(q.mode.lower())
    if q.actor:
        where.append("actors ILIKE %s")
        params.append(f"%{q.actor}%")
    if q.text:
        from .sqlite import fts_query

        if fts_query(q.text):
            where.append("search @@ plainto_tsquery('simple', %s)")
            params.append(q.text)
    return (" WHERE " + " AND ".join(where) if where else ""), params
