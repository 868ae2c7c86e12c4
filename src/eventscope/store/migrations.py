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
            for statement in mig.sql.split(";"):
                if statement.strip():
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
