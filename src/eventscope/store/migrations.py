"""Versioned schema migrations for the SQLite store.

Each migration is applied in one transaction together with its row in
``schema_migrations``, so a crash can never leave a half-migrated database.
Append new migrations; never edit an applied one.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..errors import Messages, StoreError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT, url TEXT, source TEXT, published TEXT,
            origin TEXT, n_events INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            event TEXT NOT NULL, mode TEXT, quad INTEGER,
            date_start TEXT, date_end TEXT, date_precision TEXT,
            country_code TEXT, admin1 TEXT, lat REAL, lon REAL,
            actors TEXT, acled_event_type TEXT, confidence REAL,
            record TEXT NOT NULL
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_date ON events(date_start);
        CREATE INDEX events_country ON events(country_code);
        CREATE INDEX events_type ON events(event);
        CREATE TABLE skipped (
            origin TEXT NOT NULL, reason TEXT NOT NULL,
            at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (origin, reason)
        );
        """,
    ),
    Migration(
        2,
        "search_and_space",
        # Full-text search over evidence sentences and article titles (FTS5), and a
        # 3-D R*Tree over (lon, lat, day) so a map box plus a date range is one index
        # probe.  Both are keyed by events.rowid and kept current by triggers, so every
        # write path (and the per-article transaction) maintains them for free.
        # Undated located events get the widest day range; the exact date predicate
        # on the events row still applies, the tree only narrows the candidates.
        """
        CREATE VIRTUAL TABLE events_fts USING fts5(
            sentence, title, tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE events_rtree USING rtree(
            id, min_lon, max_lon, min_lat, max_lat, min_day, max_day
        );
        CREATE TRIGGER events_ai AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, sentence, title) VALUES (
                new.rowid,
                json_extract(new.record, '$.evidence.sentence'),
                json_extract(new.record, '$.article.title')
            );
            INSERT INTO events_rtree
            SELECT new.rowid, new.lon, new.lon, new.lat, new.lat,
                   COALESCE(julianday(new.date_start) - 2440587.5, -1e8),
                   COALESCE(julianday(COALESCE(new.date_end, new.date_start)) - 2440587.5, 1e8)
            WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
        END;
        CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
            DELETE FROM events_fts WHERE rowid = old.rowid;
            DELETE FROM events_rtree WHERE id = old.rowid;
        END;
        CREATE TRIGGER events_au AFTER UPDATE ON events BEGIN
            DELETE FROM events_fts WHERE rowid = old.rowid;
            DELETE FROM events_rtree WHERE id = old.rowid;
            INSERT INTO events_fts(rowid, sentence, title) VALUES (
                new.rowid,
                json_extract(new.record, '$.evidence.sentence'),
                json_extract(new.record, '$.article.title')
            );
            INSERT INTO events_rtree
            SELECT new.rowid, new.lon, new.lon, new.lat, new.lat,
                   COALESCE(julianday(new.date_start) - 2440587.5, -1e8),
                   COALESCE(julianday(COALESCE(new.date_end, new.date_start)) - 2440587.5, 1e8)
            WHERE new.lat IS NOT NULL AND new.lon IS NOT NULL;
        END;
        INSERT INTO events_fts(rowid, sentence, title)
        SELECT rowid, json_extract(record, '$.evidence.sentence'),
               json_extract(record, '$.article.title')
        FROM events;
        INSERT INTO events_rtree
        SELECT rowid, lon, lon, lat, lat,
               COALESCE(julianday(date_start) - 2440587.5, -1e8),
               COALESCE(julianday(COALESCE(date_end, date_start)) - 2440587.5, 1e8)
        FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL;
        CREATE INDEX events_order ON events(date_start IS NULL, date_start, id);
        CREATE INDEX events_type_date ON events(event, date_start);
        CREATE INDEX events_mode ON events(mode);
        """,
    ),
    Migration(
        3,
        "clusters",
        # Deduplication: reports of one real-world event share a cluster id (the id of
        # the first stored report).  Existing rows start as clusters of one.
        """
        ALTER TABLE events ADD COLUMN cluster_id TEXT;
        UPDATE events SET cluster_id = id;
        CREATE INDEX events_cluster ON events(cluster_id);
        CREATE INDEX events_match ON events(event, date_start, cluster_id);
        """,
    ),
    Migration(
        4,
        "cluster_heads",
        # One report per cluster is its head: the best-described one, whose fields the
        # merged record shows.  Listing heads keeps reads as fast as before dedup.
        """
        ALTER TABLE events ADD COLUMN is_head INTEGER NOT NULL DEFAULT 1;
        CREATE INDEX events_heads ON events(is_head, date_start IS NULL, date_start, id);
        CREATE INDEX events_heads_stats ON events(is_head, date_start, event, country_code);
        """,
    ),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: sqlite3.Connection) -> int:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL "
        "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))"
    )
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which hold ``;``) whole.

    ``executescript`` would commit on its own, which breaks the one-transaction rule.
    """
    out: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if buffer.strip(" \n;"):
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip(" \n;"):
        out.append(buffer.strip())
    return out


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration; returns the names applied."""
    found = current_version(conn)
    if found > LATEST:
        raise StoreError(Messages.E032.format(found=found, known=LATEST))
    applied = []
    for mig in MIGRATIONS:
        if mig.version <= found:
            continue
        try:
            conn.execute("BEGIN")
            for statement in statements(mig.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name) VALUES (?, ?)",
                (mig.version, mig.name),
            )
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
        applied.append(mig.name)
    return applied
