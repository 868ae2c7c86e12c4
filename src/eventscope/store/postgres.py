"""The PostgreSQL server store: the same schema, methods and semantics as SQLite.

Use it with ``--db postgresql://user:pass@host/dbname``.  It needs the optional
``psycopg`` package (``pip install 'eventscope[postgres]'``).  Full-text search is a
generated ``tsvector`` column with a GIN index; bounding boxes use a (lon, lat) B-tree.
As in SQLite, each article and its events are written in one transaction, and schema
changes are numbered migrations applied each in one transaction with its record.
Everything shared with SQLite lives in ``store/base.py``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from ..errors import Messages, StoreError
from .base import EVENT_COLUMNS, EventQuery, Store
from .migrations import Migration
from .sqlite import fts_query

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
        ALTER TABLE events ADD COLUMN search tsvector GENERATED ALWAYS AS (
            to_tsvector('simple', coalesce(record::json->'evidence'->>'sentence', '')
                || ' ' || coalesce(record::json->'article'->>'title', ''))) STORED;
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

# Per-connection staging table for bulk event writes, emptied by each write that fills
# it (and by rollback); ``seq`` keeps the write order.
_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS events_stage AS"
    f" SELECT {EVENT_COLUMNS} FROM events WITH NO DATA",
    "ALTER TABLE events_stage ADD COLUMN IF NOT EXISTS seq BIGSERIAL",
)


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


class PostgresStore(Store):
    """Events and articles in a PostgreSQL database.

    Args:
        url (str): A libpq URL, e.g. ``postgresql://eventscope@localhost/events``.
    """

    INSERT_EVENTS = (
        f"INSERT INTO events({EVENT_COLUMNS}) VALUES ({', '.join('?' * 17)})"
        " ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record,"
        " cluster_id = EXCLUDED.cluster_id"
    )
    INSERT_SKIPPED = "INSERT INTO skipped(origin, reason) VALUES (?, ?) ON CONFLICT DO NOTHING"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(
                Messages.E030.format(url=url, detail="install psycopg: pip install psycopg")
            ) from exc
        self.errors = psycopg.Error
        try:
            self.conn = psycopg.connect(url, autocommit=True)
            self._migrate()
            for statement in _STAGE:
                self._run(statement)
        except psycopg.Error as exc:
            raise StoreError(Messages.E030.format(url=url, detail=exc)) from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")  # our statements hold no literal question marks

    def _transaction(self) -> AbstractContextManager[Any]:
        return self.conn.transaction()  # type: ignore[no-any-return]

    def _executemany(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def _where(self, q: EventQuery) -> tuple[str, list[object]]:
        return _where(q)

    def _write_articles(self, rows: list[tuple[object, ...]]) -> None:
        """``COPY`` straight into the table: the ids were just freed."""
        self._copy(
            "articles(id, content_hash, title, url, source, published, origin, n_events)", rows
        )

    def _write_events(self, rows: list[tuple[object, ...]]) -> None:
        """``COPY`` into the session's staging table, then one merge into ``events``.

        ``COPY`` cannot resolve conflicts, and a row may carry an id already stored
        (the same event written twice); the merge keeps the last row per id and
        replaces what it finds, as the single-row insert does.
        """
        if not rows:
            return
        self._copy(f"events_stage({EVENT_COLUMNS})", rows)
        self._run(
            f"INSERT INTO events({EVENT_COLUMNS}) SELECT DISTINCT ON (id) {EVENT_COLUMNS}"
            " FROM events_stage ORDER BY id, seq DESC"
            " ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record,"
            " cluster_id = EXCLUDED.cluster_id"
        )
        self._run("DELETE FROM events_stage")

    def _copy(self, target: str, rows: list[tuple[object, ...]]) -> None:
        with self.conn.cursor() as cur, cur.copy(f"COPY {target} FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _migrate(self) -> None:
        self._run(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        found = self._run("SELECT MAX(version) FROM schema_migrations").fetchone()
        current = int(found[0] or 0) if found else 0
        if current > LATEST:
            raise StoreError(Messages.E032.format(found=current, known=LATEST))
        for mig in PG_MIGRATIONS:
            if mig.version <= current:
                continue
            with self._transaction():
                for statement in mig.sql.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self._run(
                    "INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
                    (mig.version, mig.name),
                )


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
    if q.text and fts_query(q.text):
        where.append("search @@ plainto_tsquery('simple', %s)")
        params.append(q.text)
    return (" WHERE " + " AND ".join(where) if where else ""), params
