"""The same store behaviour on SQLite and PostgreSQL.

PostgreSQL runs when ``EVENTSCOPE_TEST_PG_URL`` names a server (``.ci/run`` starts one
with ``scripts/start-postgres.sh``); each test gets a fresh schema.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from eventscope.errors import StoreError
from eventscope.readers.article import Article, Skipped
from eventscope.records.model import Actor, Event, EventDate, Evidence, Location
from eventscope.store import EventQuery, PostgresStore, SQLiteStore, Store, open_store

PG_URL = os.environ.get("EVENTSCOPE_TEST_PG_URL")


def _reset_pg(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for table in ("events", "skipped", "articles", "schema_migrations"):
            conn.execute(f"DROP TABLE IF EXISTS {table} CASCADE")


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "sqlite":
        opened: Store = SQLiteStore(":memory:")
    else:
        if not PG_URL:
            pytest.skip("EVENTSCOPE_TEST_PG_URL not set (CI starts a server)")
        _reset_pg(PG_URL)
        opened = open_store(PG_URL)
        assert isinstance(opened, PostgresStore)
    yield opened
    opened.close()


def _event(
    eid: str, aid: str, day: str, country: str, lat: float, lon: float, **kw: object
) -> Event:
    base = Event(
        id=eid,
        article_id=aid,
        event="ASSAULT",
        mode="aerial",
        context=[],
        quad=4,
        actor=[Actor(text="rebels", name="Rebels (Mali)", country="MLI", sector="REB")],
        recipient=[],
        location=Location("Gao", "Gao", 1, lat, lon, country, "Gao", "P", 1),
        date=EventDate(day, day, "day", "on Monday"),
        size={},
        modality=[],
        confidence=0.9,
        evidence=Evidence("Rebels shelled Gao on Monday.", 0, 29, "shelled", 7, 14),
        acled=None,
    )
    return replace(base, **kw)  # type: ignore[arg-type]


def _article(aid: str, text: str = "x", title: str | None = None) -> Article:
    return Article(id=aid, text=text + aid, published=date(2019, 1, 2), title=title)


def _fill(store: Store) -> Event:
    first = _event("e1", "a1", "2019-01-01", "ML", 16.3, -0.05, article={"title": "Mali attack"})
    store.add(_article("a1", title="Mali attack"), [first])
    store.add(
        _article("a2"),
        [_event("e2", "a2", "2019-03-01", "NE", 13.5, 2.1, event="PROTEST", mode="demo")],
    )
    return first


def test_backends_roundtrip_and_filters(store: Store) -> None:
    first = _fill(store)
    assert [e.id for e in store.events()] == ["e1", "e2"]
    assert store.get("e1") == first
    assert store.get("nope") is None
    assert [e.id for e in store.events(EventQuery(since="2019-02-01"))] == ["e2"]
    assert [e.id for e in store.events(EventQuery(country="ml"))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(event="protest"))] == ["e2"]
    assert [e.id for e in store.events(EventQuery(mode="AERIAL"))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(actor="mali"))] == ["e1", "e2"]
    assert [e.id for e in store.events(EventQuery(bbox=(-1, 15, 1, 17)))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(text="shelled Gao"))] == ["e1", "e2"]
    assert [e.id for e in store.events(EventQuery(text="attack"))] == ["e1"]
    assert [e.id for e in store.events(EventQuery(limit=1, offset=1))] == ["e2"]
    assert store.count(EventQuery(country="NE")) == 1


def test_backends_stats(store: Store) -> None:
    _fill(store)
    stats = store.stats()
    assert stats["by_day"] == [["2019-01-01", 1], ["2019-03-01", 1]]
    assert stats["by_type"] == {"ASSAULT": 1, "PROTEST": 1}
    assert stats["by_country"] == {"ML": 1, "NE": 1}


def test_backends_idempotent_article_and_skips(store: Store) -> None:
    article = _article("a1")
    assert not store.has_article(article)
    for _ in range(2):
        store.add(article, [_event("e1", "a1", "2019-01-01", "ML", 16.3, -0.05)])
    store.add_skipped(Skipped("bad.jsonl:3", "[E005] malformed JSON"))
    store.add_skipped(Skipped("bad.jsonl:3", "[E005] malformed JSON"))
    assert store.has_article(article)
    assert store.counts() == {"articles": 1, "events": 1, "skipped": 1}


def test_backends_failed_article_write_leaves_nothing(store: Store) -> None:
    good = _event("e1", "a1", "2019-01-01", "ML", 16.3, -0.05)
    bad = replace(good, id="e2", event=None)  # type: ignore[arg-type]  # violates NOT NULL
    with pytest.raises(StoreError):
        store.add(_article("a1"), [good, bad])
    assert store.counts()["articles"] == 0
    assert store.counts()["events"] == 0


def _report(aid: str, day: str, lat: float, lon: float, killed: int) -> tuple[Article, Event]:
    from eventscope.records import Bounds

    event = _event(
        f"ev-{aid}",
        aid,
        day,
        "ML",
        lat,
        lon,
        size={"killed": Bounds(killed, killed, str(killed))},
        article={"published": day},
    )
    return _article(aid), event


def test_backends_reports_of_one_event_are_merged(store: Store) -> None:
    for aid, day, lat, lon, killed in [
        ("r1", "2019-01-01", 16.27, -0.04, 10),  # Gao
        ("r2", "2019-01-02", 16.28, -0.05, 12),  # Gao, dated a day later by its outlet
        ("r3", "2019-01-01", 14.49, -4.19, 3),  # Mopti, same day: another event
    ]:
        article, event = _report(aid, day, lat, lon, killed)
        store.add(article, [event])
    merged = list(store.events())
    assert len(merged) == 2 and store.count() == 2
    assert store.count(EventQuery(merged=False)) == 3
    gao = store.get("ev-r2")
    assert gao is not None and gao == store.get("ev-r1")
    assert sorted(s.article_id for s in gao.sources) == ["r1", "r2"]
    assert gao.size["killed"].min == 12  # the highest toll any report gives
    assert store.stats()["by_type"] == {"ASSAULT": 2}


REPORTS = [
    ("r1", "2019-01-01", 16.27, -0.04, 10),  # Gao
    ("r2", "2019-01-02", 16.28, -0.05, 12),  # Gao again, a day later
    ("r3", "2019-01-01", 14.49, -4.19, 3),  # Mopti, same day: another event
    ("r4", "2019-01-03", 16.26, -0.03, 11),  # Gao, a third report
    ("r5", "2019-01-01", 14.50, -4.20, 4),  # Mopti again
]


def _snapshot(store: Store) -> tuple[list[tuple[str, str, int]], list[str]]:
    """Every row's (id, cluster, head flag) and the merged records."""
    rows = store._run("SELECT id, cluster_id, is_head FROM events ORDER BY id").fetchall()
    merged = sorted(str(e.to_dict()) for e in store.events())
    return [tuple(r) for r in rows], merged


@pytest.mark.parametrize("chunk", [1, 2, 500])
def test_backends_bulk_write_equals_one_by_one(store: Store, chunk: int) -> None:
    """Clusters and heads come out the same whether reports of one event share a
    chunk, straddle two, or are added one by one."""
    items = [(a, [e]) for a, e in (_report(*r) for r in REPORTS)]
    with SQLiteStore(":memory:") as reference:
        for article, events in items:
            reference.add(article, events)
        expected = _snapshot(reference)
    assert store.add_many(items, chunk=chunk) == len(items)
    assert _snapshot(store) == expected
    assert store.count() == 2 and store.count(EventQuery(merged=False)) == 5


def test_backends_bulk_write_keeps_last_version_of_an_article(store: Store) -> None:
    old = _event("e-old", "a1", "2019-01-01", "ML", 16.3, -0.05)
    new = _event("e-new", "a1", "2019-01-05", "ML", 16.3, -0.05)
    store.add_many([(_article("a1"), [old]), (_article("a1", text="y"), [new])])
    assert [e.id for e in store.events(EventQuery(merged=False))] == ["e-new"]
    assert store.counts()["articles"] == 1


def test_backends_bulk_write_failed_chunk_leaves_nothing(store: Store) -> None:
    """Earlier chunks stay; the failing chunk is rolled back whole."""
    good = [
        (_article(f"g{i}"), [_event(f"g{i}", f"g{i}", "2019-01-01", "ML", 1, 1)]) for i in (1, 2)
    ]
    bad_event = replace(_event("b1", "b1", "2019-01-01", "ML", 1, 1), event=None)  # type: ignore[arg-type]
    broken = [
        (_article("ok"), [_event("ok", "ok", "2019-02-01", "ML", 1, 1)]),
        (_article("b1"), [bad_event]),
    ]
    with pytest.raises(StoreError):
        store.add_many([*good, *broken], chunk=2)
    assert store.counts()["articles"] == 2
    assert sorted(e.id for e in store.events(EventQuery(merged=False))) == ["g1", "g2"]
