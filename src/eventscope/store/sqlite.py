"""The embedded SQLite store (the default).

WAL mode; FTS5 over evidence sentences and titles; a 3-D R*Tree (lon, lat, day) for
boxes and date ranges.  One transaction per article: an article's row and all its
events land together or not at all, so a killed ``ingest`` leaves only whole articles
and simply resumes.  Articles are keyed by content hash, which makes ingesting the same
input twice a no-op.  Everything shared with PostgreSQL lives in ``store/base.py``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Messages, StoreError
from .base import EVENT_COLUMNS, EventQuery, Store, _row
from .migrations import migrate

__all__ = ["EventQuery", "SQLiteStore", "_row", "fts_query", "sqlite_path"]


def sqlite_path(url: str) -> Path:
    """Accept ``path.db`` or ``sqlite:///path.db``."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///") :])
    if "://" in url:
        raise StoreError(Messages.E031.format(url=url))
    return Path(url)


class SQLiteStore(Store):
    """Events and articles in one SQLite file (WAL mode).

    Args:
        url (str): ``events.db`` or ``sqlite:///events.db``; ``:memory:`` for tests.
    """

    errors = sqlite3.Error
    INSERT_EVENTS = f"INSERT OR REPLACE INTO events({EVENT_COLUMNS}) VALUES ({', '.join('?' * 17)})"
    INSERT_SKIPPED = "INSERT OR REPLACE INTO skipped(origin, reason) VALUES (?, ?)"

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

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _where(self, q: EventQuery) -> tuple[str, list[object]]:
        return _where(q)

    def _head_clause(self, q: EventQuery) -> str:
        return ("+" if q.bbox else "") + "is_head = 1"  # keep the R*Tree plan for boxes


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
