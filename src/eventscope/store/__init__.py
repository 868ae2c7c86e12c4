"""Stores for event records: SQLite embedded (default)."""

from __future__ import annotations

from .sqlite import EventQuery, SQLiteStore


def open_store(url: str) -> SQLiteStore:
    """Open the store named by ``url`` (a file path or ``sqlite:///path``)."""
    return SQLiteStore(url)


__all__ = ["EventQuery", "SQLiteStore", "open_store"]
