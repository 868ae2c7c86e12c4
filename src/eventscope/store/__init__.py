"""Stores for event records: SQLite embedded (default) and PostgreSQL (server).

Both have the same methods and semantics, so the CLI, the API and the exports work
on either: ``has_article``, ``add``, ``add_skipped``, ``events``, ``count``, ``get``,
``stats`` and ``counts``.
"""

from __future__ import annotations

from .base import EventQuery, Store
from .postgres import PostgresStore, is_postgres_url
from .sqlite import SQLiteStore


def open_store(url: str) -> Store:
    """Open the store named by ``url``.

    ``events.db`` or ``sqlite:///events.db`` open SQLite; ``postgresql://…`` opens
    PostgreSQL (needs the ``postgres`` extra).
    """
    if is_postgres_url(url):
        return PostgresStore(url)
    return SQLiteStore(url)


__all__ = ["EventQuery", "PostgresStore", "SQLiteStore", "Store", "open_store"]
