"""Tests for store/sqlite.py: atomic per-article writes, idempotency, queries, migrations."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from eventscope.errors import StoreError
from eventscope.readers.article import Article, Skipped
from eventscope.store import EventQuery, SQLiteStore
from eventscope.store.migrations import LATEST

from .factories import make_event as _event


def _article(aid: str, text: str = "Rebels attacked Gao on Monday.") -> Article:
    return Article(id=aid, text=text, published=date(2019, 1, 2), origin=f"{aid}.txt:1")


def test_sqlite_add_and_query_roundtrip() -> None:
    store = SQLiteStore(":memory:")
    store.add(_article("a1"), [_event("e1", "a1", day="2019-01-01", country="ML")])
    store.add(
        _article("a2", "x"), [_event("e2", "a2", day="2019-03-01", country="NE", kind="PROTEST")]
    )
    assert [e.id for e in store.events()] == ["e1", "e2"]
    assert [e.id for e in store.events(EventQuery(since="2019-02-01"))] == ["e2"]
    assert [e.id for e in store.events(EventQuery(until="2019-02-01"))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(country="ml"))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(event="protest"))] == ["e2"]
    assert [e.id for e in store.events(EventQuery(actor="Mali"))] == ["e1", "e2"]
    stored = next(store.events(EventQuery(country="ML")))
    assert stored == _event("e1", "a1", day="2019-01-01", country="ML")


def test_sqlite_same_article_twice_is_known_and_replaces_events() -> None:
    store = SQLiteStore(":memory:")
    article = _article("a1")
    assert not store.has_article(article)
    store.add(article, [_event("e1", "a1", day="2019-01-01", country="ML")])
    assert store.has_article(article)
    store.add(article, [_event("e1", "a1", day="2019-01-01", country="ML")])
    assert store.counts() == {"articles": 1, "events": 1, "skipped": 0}


def test_sqlite_failed_write_leaves_no_half_article() -> None:
    store = SQLiteStore(":memory:")
    dup = _event("e1", "a1", day="2019-01-01", country="ML")
    store.add(_article("a0", "y"), [_event("e1", "a0", day="2019-01-01", country="ML")])
    store.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'x'); END"
    )
    with pytest.raises(StoreError):
        store.add(_article("a1"), [dup])
    assert store.counts()["articles"] == 1


def test_sqlite_skipped_inputs_are_recorded() -> None:
    store = SQLiteStore(":memory:")
    store.add_skipped(Skipped("bad.jsonl:3", "[E005] malformed JSON"))
    store.add_skipped(Skipped("bad.jsonl:3", "[E005] malformed JSON"))
    assert store.counts()["skipped"] == 1


def test_sqlite_migrations_are_versioned(tmp_path: Path) -> None:
    path = tmp_path / "e.db"
    SQLiteStore(str(path)).close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] == LATEST
    conn.execute("INSERT INTO schema_migrations(version, name) VALUES (999, 'future')")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="E032"):
        SQLiteStore(f"sqlite:///{path}")


def test_sqlite_rejects_unknown_url_scheme() -> None:
    with pytest.raises(StoreError, match="E031"):
        SQLiteStore("mysql://localhost/db")
