"""The map page in headless Chromium against the demo store (samples/ ingested).

One walk through the page, as an analyst would: every located event is on the map
(clusters counted by their numbers), a type filter and a timeline brush narrow it to
what the store says, and the event panel highlights the roles in the evidence
sentence exactly where the API places them.  A screenshot is kept as an artifact.
"""

from __future__ import annotations

from typing import Any

import pytest

from eventscope.api.highlight import highlights
from eventscope.store import EventQuery, SQLiteStore

from .conftest import artifacts_dir

MARKERS_JS = """() => {
  const single = document.querySelectorAll('#map .leaflet-marker-icon.event-marker').length;
  const clustered = [...document.querySelectorAll('#map .marker-cluster span')]
    .reduce((n, s) => n + parseInt(s.textContent, 10), 0);
  return single + clustered;
}"""
SETTLED_JS = "() => document.body.dataset.loading === '0'"


def located(db: str, query: EventQuery) -> list[Any]:
    with SQLiteStore(db) as store:
        return [e for e in store.events(query) if e.location and e.location.lat is not None]


def settle(page: Any) -> None:
    """Wait for every request the page started, then until the marker count is stable."""
    page.wait_for_function(SETTLED_JS)
    last = -1
    for _ in range(20):
        page.wait_for_timeout(250)
        count = page.evaluate(MARKERS_JS)
        if count == last:
            return
        last = count


@pytest.fixture(scope="module")
def page(browser: Any, live_server: str) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server) else None,
    )
    page.goto(live_server)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)
    settle(page)
    yield page
    assert not outside, f"the page reached outside the server: {outside}"
    context.close()


def test_map_page_filters_brush_and_evidence(page: Any, demo_db: str) -> None:
    everything = located(demo_db, EventQuery())
    assert page.evaluate(MARKERS_JS) == len(everything) > 5
    assert page.locator("#map path.leaflet-interactive, #map canvas").count() >= 1  # basemap

    page.select_option("#f-type", "ASSAULT")
    settle(page)
    assaults = located(demo_db, EventQuery(event="ASSAULT"))
    assert 0 < page.evaluate(MARKERS_JS) == len(assaults) < len(everything)
    badges = page.locator("#list li .badge").all_inner_texts()
    assert badges and set(badges) == {"ASSAULT"}

    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.75, y, steps=5)
    page.mouse.move(box["x"] + box["width"] * 0.99, y, steps=5)
    page.mouse.up()
    settle(page)
    period = page.evaluate("() => window.eventscope.state")
    assert period["since"] and period["until"] and period["since"] <= period["until"]
    assert page.locator("#brush-label").inner_text() == f"{period['since']} – {period['until']}"
    brushed = located(
        demo_db, EventQuery(since=period["since"], until=period["until"], event="ASSAULT")
    )
    assert 0 < page.evaluate(MARKERS_JS) == len(brushed) < len(assaults)

    first = page.locator("#list li").first
    event_id = first.get_attribute("data-id")
    first.click()
    page.wait_for_selector(f"#panel[data-event-id='{event_id}']")
    with SQLiteStore(demo_db) as store:
        event = store.get(str(event_id))
    assert event is not None
    assert page.locator("#evidence").inner_text() == event.evidence.sentence
    marks = page.locator("#evidence mark")
    shown = [
        (marks.nth(i).get_attribute("data-role"), marks.nth(i).inner_text())
        for i in range(marks.count())
    ]
    expected = [(h.role, h.text) for h in highlights(event)]
    assert shown == expected
    assert ("trigger", event.evidence.trigger) in shown
    assert {"actor", "place", "date"} & {role for role, _ in shown}
    assert "precision" in page.locator("#flags").inner_text()
    assert page.locator("#panel .sources li").count() >= 1

    shot = artifacts_dir() / "map_page.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_map_page_empty_state(page: Any) -> None:
    page.fill("#f-q", "zzzqqqnomatchword")
    page.click("#apply")
    settle(page)
    assert page.locator("#empty").is_visible()
    assert page.evaluate(MARKERS_JS) == 0
    page.click("#empty-reset")
    settle(page)
    assert page.locator("#empty").is_hidden()
    assert page.evaluate(MARKERS_JS) > 0
