"""The demo reports in samples/ give the events a reader would code by hand.

Expectations live in tests/data/demo_expected.jsonl: type, actors, place within 25 km,
date and precision.  The comparison place (Srebrenica in 01-ghouta-siege) must never
become an event location.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from eventscope import Event, Pipeline
from eventscope.readers import Article, read_inputs

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = [
    row
    for row in map(json.loads, (ROOT / "tests/data/demo_expected.jsonl").read_text().splitlines())
    if "_meta" not in row
]


@pytest.fixture(scope="module")
def demo_events(pipeline: Pipeline) -> dict[str, list[Event]]:
    articles = [a for a in read_inputs([ROOT / "samples"]) if isinstance(a, Article)]
    assert len(articles) == 12
    return {r.article.id: r.events for r in pipeline.process(articles)}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371 * 2 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("want", EXPECTED, ids=[f"{r['article']}:{r['trigger']}" for r in EXPECTED])
def test_demo_corpus_expected_event(
    demo_events: dict[str, list[Event]], want: dict[str, Any]
) -> None:
    found = demo_events[want["article"]]
    events = [e for e in found if e.evidence.trigger == want["trigger"]]
    assert events, f"no event on {want['trigger']!r}: {[e.evidence.trigger for e in found]}"
    e = events[0]
    assert e.event == want["event"]
    if "mode" in want:
        assert e.mode == want["mode"]
    if "modality" in want:
        assert want["modality"] in e.modality
    if "actor_country" in want:
        assert want["actor_country"] in {a.country for a in e.actor}, e.actor
    if "recipient_country" in want:
        assert want["recipient_country"] in {a.country for a in e.recipient}, e.recipient
    if "actor_text" in want:
        assert want["actor_text"] in {a.text for a in e.actor}
    if "recipient_text" in want:
        assert want["recipient_text"] in {a.text for a in e.recipient}
    if "n_actors" in want:
        assert len(e.actor) == want["n_actors"]
    if "place" in want:
        assert e.location is not None and e.location.lat is not None, e.location
        assert km((e.location.lat, e.location.lon), tuple(want["place"])) <= 25, e.location
    if "start" in want:
        assert e.date.start == want["start"], e.date
    if "end" in want:
        assert e.date.end == want["end"], e.date
    if "precision" in want:
        assert e.date.precision == want["precision"], e.date
    for category in ("killed", "arrested"):
        if f"{category}_min" in want:
            assert e.size[category].min == want[f"{category}_min"], e.size


def test_demo_corpus_comparison_place_is_never_an_event_location(
    demo_events: dict[str, list[Event]],
) -> None:
    srebrenica = (44.10, 19.30)
    for events in demo_events.values():
        for e in events:
            if e.location is not None and e.location.lat is not None:
                assert km((e.location.lat, e.location.lon), srebrenica) > 100, e


def test_demo_corpus_every_report_has_an_event(demo_events: dict[str, list[Event]]) -> None:
    assert all(demo_events.values())
