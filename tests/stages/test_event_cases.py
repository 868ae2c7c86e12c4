"""Event types, modes, actors and recipients on sentences written for eventscope.

``data/non_event_sentences.txt`` holds news sentences that report no event of their
own: disasters, accidents, crime, commentary, plans and running tolls.

``data/event_type_cases.tsv`` pairs a sentence with the PLOVER type of its main event
(the most confident one), labelled from the PLOVER v0.8 manual: meetings, withdrawals,
sanctions, aid, mobilisation and the other types in the words news uses for them;
``data/event_mode_cases.tsv`` adds the v0.8 mode (a threat's mode is what it
threatens, a demand's what it asks for).  Each case in ``data/role_cases.jsonl`` names
a trigger word and the actor and recipient phrases the events stage should fill from
the parse: addressees of demands ("demanded that the government …"), recipients
behind the object ("an agreement with Somalia"),
owners of what an act is aimed at ("rejected Hamas's proposal"), the doers of a
condemned act, and troops or envoys that a withdrawal takes back from someone.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from eventscope.stages.events import EventStage

NON_EVENTS = [
    line
    for line in (Path(__file__).parent / "data" / "non_event_sentences.txt")
    .read_text()
    .splitlines()
    if line.strip()
]
MODE_CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "event_mode_cases.tsv").read_text().splitlines()
    if line.strip()
]
TYPE_CASES = [
    line.split("\t")
    for line in (Path(__file__).parent / "data" / "event_type_cases.tsv").read_text().splitlines()
    if line.strip()
]
CASES = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "role_cases.jsonl").read_text().splitlines()
    if line.strip()
]


@pytest.fixture(scope="module")
def stage() -> EventStage:
    return EventStage()


@pytest.mark.parametrize("case", CASES, ids=[f"{c['trigger']}:{c['text'][:40]}" for c in CASES])
def test_event_roles(case: dict, stage: EventStage, parse: Callable[..., Doc]) -> None:  # type: ignore[type-arg]
    events = {m.trigger.text: m for m in stage(parse(case["text"]))._.events}
    assert case["trigger"] in events, f"no event on {case['trigger']!r}: {list(events)}"
    mention = events[case["trigger"]]
    assert [s.text for s in mention.actor_spans] == case["actors"]
    assert [s.text for s in mention.recipient_spans] == case["recipients"]


@pytest.mark.parametrize(("event", "text"), TYPE_CASES, ids=[t[:40] for _, t in TYPE_CASES])
def test_event_types(event: str, text: str, stage: EventStage, parse: Callable[..., Doc]) -> None:
    mentions = stage(parse(text))._.events
    assert mentions, "no event found"
    assert max(mentions, key=lambda m: m.confidence).event == event


@pytest.mark.parametrize(
    ("event", "mode", "text"), MODE_CASES, ids=[t[:40] for *_, t in MODE_CASES]
)
def test_event_modes(
    event: str, mode: str, text: str, stage: EventStage, parse: Callable[..., Doc]
) -> None:
    mentions = stage(parse(text))._.events
    assert mentions, "no event found"
    main = max(mentions, key=lambda m: m.confidence)
    assert (main.event, main.mode) == (event, mode)


@pytest.mark.parametrize("text", NON_EVENTS, ids=[t[:40] for t in NON_EVENTS])
def test_no_event_in_background_disaster_or_crime(
    text: str, stage: EventStage, parse: Callable[..., Doc]
) -> None:
    """Disasters, accidents, crime, commentary, plans and running tolls assert no event
    (an event may still be found, flagged historical, future or hypothetical)."""
    flagged = {"historical", "future", "hypothetical", "negated"}
    asserted = [m for m in stage(parse(text))._.events if not flagged & set(m.modality)]
    assert asserted == []
