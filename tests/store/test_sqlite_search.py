"""Tests for the query side of store/sqlite.py: FTS5, the R*Tree, count, get and stats."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventscope.readers.article import Article
from eventscope.records.model import Event, EventDate, Evidence, Location
from eventscope.store import EventQuery, SQLiteStore
from eventscope.store.migrations import MIGRATIONS, statements
from eventscope.store.sqlite import _row, fts_query

from .factories import make_event as _event


def _at(eid: str, lon: float, lat: float, day: str, sentence: str, **kw: str) -> Event:
    base = _event(eid, f"a-{eid}", day=day, country="ML", **kw)
    loc = Location("Gao", "Gao", 1, lat, lon, "ML", "Gao", "P", 1)
    return replace(base, location=loc, evidence=Evidence(sentence, 0, len(sentence), "x", 0, 1))


@pytest.fixture()
def store() -> SQLiteStore:
    store = SQLiteStore(":memory:")
    rows = [
        _at("e1", -0.04, 16.27, "2019-01-05", "Rebels ambushed soldiers near Gao."),
        _at("e2", 3.0, 17.0, "2019-01-20", "Protesters marched in the capital.", kind="PROTEST"),
        _at("e3", 40.0, 10.0, "2019-02-10", "Jihadists attacked a convoy."),
        replace(_event("e4", "a-e4", day="2019-03-01", country="ML"), location=None),
    ]
    for e in rows:
        store.add(Article(id=e.article_id, text=e.id, published=date(2019, 3, 2)), [e])
    return store


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(bbox=(-1.0, 15.0, 4.0, 18.0)), ["e1", "e2"]),
        (EventQuery(bbox=(-0.04, 16.27, -0.04, 16.27)), ["e1"]),  # edges included
        (EventQuery(bbox=(-1.0, 15.0, 4.0, 18.0), since="2019-01-10"), ["e2"]),
        (EventQuery(bbox=(-180.0, -90.0, 180.0, 90.0), event="ASSAULT"), ["e1", "e3"]),
        (EventQuery(text="gao"), ["e1", "e4"]),
        (EventQuery(text="ATTACKED convoy!"), ["e3"]),
        (EventQuery(text='"NEAR(" OR *'), []),
        (EventQuery(text="..."), ["e1", "e2", "e3", "e4"]),
        (EventQuery(mode="ARREST"), []),
        (EventQuery(since="2019-01-10", until="2019-02-28"), ["e2", "e3"]),
    ],
)
def test_sqlite_search_filters(store: SQLiteStore, query: EventQuery, expected: list[str]) -> None:
    assert [e.id for e in store.events(query)] == expected
    assert store.count(query) == len(expected)


def test_sqlite_search_get_and_stats(store: SQLiteStore) -> None:
    got = store.get("e2")
    assert got is not None and got.event == "PROTEST"
    assert store.get("missing") is None
    stats = store.stats(EventQuery(since="2019-01-10"))
    assert stats["by_day"] == [["2019-01-20", 1], ["2019-02-10", 1], ["2019-03-01", 1]]
    assert stats["by_type"] == {"ASSAULT": 2, "PROTEST": 1}
    assert stats["by_country"] == {"ML": 2, "": 1}


def test_sqlite_search_indexes_follow_replaced_articles(store: SQLiteStore) -> None:
    moved = _at("e1", 100.0, 0.0, "2019-01-05", "Troops shelled a village.")
    store.add(Article(id="a-e1", text="changed", published=date(2019, 3, 2)), [moved])
    assert store.count(EventQuery(text="ambushed")) == 0
    assert store.count(EventQuery(text="shelled")) == 1
    assert store.count(EventQuery(bbox=(-1.0, 15.0, 4.0, 18.0))) == 1
    counts = [
        store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
        for t in ("events_fts", "events_rtree")
    ]
    assert counts == [4, 3]
    store.conn.execute("DELETE FROM articles WHERE id = 'a-e3'")
    assert store.count(EventQuery(text="convoy")) == 0


def test_sqlite_search_migration_backfills_version_1_store(tmp_path: Path) -> None:
    """Rows written before migration 2 become searchable when the store is reopened."""
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT '')"
    )
    for statement in statements(MIGRATIONS[0].sql):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_migrations(version, name) VALUES (1, 'initial')")
    conn.execute("INSERT INTO articles(id, content_hash) VALUES ('a-e9', 'h')")
    event = _at("e9", 1.0, 1.0, "2019-05-05", "Old rows become searchable.")
    conn.execute(f"INSERT INTO events VALUES ({', '.join('?' * 16)})", _row(event))
    conn.close()
    with SQLiteStore(str(path)) as store:
        assert store.count(EventQuery(text="searchable", bbox=(0.0, 0.0, 2.0, 2.0))) == 1
        assert store.count(EventQuery(text="searchable", bbox=(3.0, 0.0, 4.0, 2.0))) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Gao attack", '"Gao" "attack"'), ('a"b', '"a" "b"'), ("—!", None), ("", None)],
)
def test_sqlite_search_fts_query_quotes_words(text: str, expected: str | None) -> None:
    assert fts_query(text) == expected


def test_sqlite_search_date_precision_kept(store: SQLiteStore) -> None:
    got = store.get("e1")
    assert got is not None and got.date == EventDate("2019-01-05", "2019-01-05", "day", "on Monday")
