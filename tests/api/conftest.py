"""A small store of hand-made events and a TestClient over it.

Events are built directly (no NLP), so the API tests run in milliseconds; only the
POST /articles tests use the real pipeline.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from eventscope import Pipeline
from eventscope.api import create_app
from eventscope.readers.article import Article
from eventscope.records.model import Actor, Bounds, Event, EventDate, Evidence, Location
from eventscope.store import SQLiteStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TOKEN = "test-token-0123456789abcdef"

SENTENCE = "Police arrested 12 activists in Harare on Thursday."
PLACES = {
    "ZW": ("Harare", -17.83, 31.05),
    "ML": ("Gao", 16.27, -0.04),
    "SY": ("Douma", 33.57, 36.40),
}


def make_event(
    eid: str, *, day: str, country: str | None, kind: str = "COERCE", mode: str | None = "arrest"
) -> Event:
    """One event whose sentence names actor, recipient, place, date and size."""
    loc = None
    if country:
        name, lat, lon = PLACES[country]
        loc = Location("Harare", name, 1, lat, lon, country, name, "P", 1)
    return Event(
        id=eid,
        article_id=f"art-{eid}",
        event=kind,
        mode=mode,
        context=[],
        quad=4,
        actor=[Actor(text="Police", name="Police Forces", country="ZWE", sector="COP")],
        recipient=[Actor(text="activists", name="Activists (Zimbabwe)", country="ZWE")],
        location=loc,
        date=EventDate(day, day, "day", "Thursday"),
        size={"arrested": Bounds(12, 12, "12")},
        modality=[],
        confidence=0.9,
        evidence=Evidence(SENTENCE, 100, 100 + len(SENTENCE), "arrested", 107, 115),
        acled=None,
        article={"title": f"Report {eid} on the crackdown", "url": None, "source": "Wire"},
    )


EVENTS = [
    make_event("e1", day="2019-01-17", country="ZW"),
    make_event("e2", day="2019-02-03", country="ML", kind="ASSAULT", mode=None),
    make_event("e3", day="2019-02-20", country="SY", kind="ASSAULT", mode="aerial"),
    make_event("e4", day="2019-03-01", country=None, kind="PROTEST", mode=None),
]


def fill(path: Path, events: list[Event]) -> str:
    with SQLiteStore(str(path)) as store:
        for e in events:
            article = Article(id=e.article_id, text=e.id, published=date(2019, 3, 2))
            store.add(article, [e])
    return str(path)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return fill(tmp_path / "api.db", EVENTS)


@pytest.fixture()
def client(db: str, pipeline_factory: Callable[[], Pipeline | None]) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, pipeline=pipeline_factory())) as test_client:
        yield test_client


@pytest.fixture()
def pipeline_factory() -> Callable[[], Pipeline | None]:
    """No pipeline by default: reads must never need one."""
    return lambda: None
