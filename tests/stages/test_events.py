"""Tests for the events stage (stages/events/): detection, PLOVER coding, roles and modality."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventscope.nlp.mentions import EventMention
from eventscope.stages.events import EventStage


@pytest.fixture(scope="module")
def code(parse: Callable[..., Doc]) -> Callable[[str], list[EventMention]]:
    stage = EventStage()

    def _code(text: str) -> list[EventMention]:
        return stage(parse(text))._.events  # type: ignore[no-any-return]

    return _code


def _texts(spans: list) -> list[str]:  # type: ignore[type-arg]
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("text", "trigger", "event", "mode"),
    [
        (
            "Rebels attacked an army checkpoint near the border on Monday.",
            "attacked",
            "ASSAULT",
            None,
        ),
        ("Police arrested 12 opposition activists in Harare.", "arrested", "COERCE", "arrest"),
        ("Thousands of workers rallied outside parliament.", "rallied", "PROTEST", "demo"),
        ("Warplanes struck the town overnight.", "struck", "ASSAULT", "aerial"),
        ("The two sides signed a ceasefire agreement in Geneva.", "signed", "SUPPORT", None),
        (
            "The minister accused the opposition of inciting violence.",
            "accused",
            "ACCUSE",
            "allege",
        ),
        # v0.8 REQUEST 'yield': asking for a concession ("ending sanctions, easing curfews")
        ("The UN urged the government to lift the blockade.", "urged", "REQUEST", "yield"),
        ("The EU imposed sanctions on five generals.", "imposed", "SANCTION", None),
        ("Militants fired rockets at the airport.", "fired", "ASSAULT", "heavy-weapons"),
        ("Troops withdrew from the disputed area.", "withdrew", "RETREAT", "withdraw"),
    ],
)
def test_events_codes_type_and_mode(code, text, trigger, event, mode) -> None:  # type: ignore[no-untyped-def]
    found = {m.trigger.text: m for m in code(text)}
    assert trigger in found, f"no event on {trigger!r}: {list(found)}"
    assert found[trigger].event == event
    assert found[trigger].mode == mode


@pytest.mark.parametrize(
    "text",
    [
        "An earthquake killed 30 people in the region.",
        "Heavy rain is expected across the north this weekend.",
        "In 2011 the camp housed 20,000 refugees.",
        "Three people died in a car crash on the motorway.",
    ],
)
def test_events_no_event_in_non_events(code, text) -> None:  # type: ignore[no-untyped-def]
    assert [m.event for m in code(text)] == []


def test_events_passive_agent_is_actor_and_victims_recipient(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = [
        m
        for m in code("At least 30 people were killed by regime airstrikes.")
        if m.trigger.text == "killed"
    ]
    assert _texts(m.actor_spans) == ["regime"]
    assert _texts(m.recipient_spans) == ["people"]
    assert m.mode == "aerial"


def test_events_compound_actor_is_a_list(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("The US and the SDF carried out airstrikes on Islamic State positions.")
    assert _texts(m.actor_spans) == ["US", "SDF"]
    assert m.event == "ASSAULT"


def test_events_two_sided_fighting_has_both_sides_as_actors(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("Fierce clashes broke out between the army and Houthi fighters near Hodeidah.")
    assert _texts(m.actor_spans) == ["army", "Houthi fighters"]
    assert m.recipient_spans == []


def test_events_participle_inherits_subject(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Troops stormed the village, arresting 20 men.")
    arresting = next(m for m in events if m.trigger.text == "arresting")
    assert arresting.event == "COERCE"
    assert _texts(arresting.actor_spans) == ["Troops"]


def test_events_result_participle_is_the_same_attack(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Government forces shelled the district, killing at least 25 civilians.")
    assert [m.trigger.text for m in events] == ["shelled"]
    assert _texts(events[0].actor_spans) == ["Government forces"]
    assert "civilians" in _texts(events[0].recipient_spans)


@pytest.mark.parametrize(
    ("text", "trigger", "flag"),
    [
        ("The army denied attacking the village.", "attacking", "negated"),
        ("Rebels did not attack the convoy.", "attack", "negated"),
        ("The army refrained from shelling the besieged town.", "shelling", "negated"),
        ("The envoy declined to meet the junta leader.", "meet", "negated"),
        ("If the army enters the city, the militants will attack it.", "attack", "future"),
        ("The army said it could attack the town if talks fail.", "attack", "hypothetical"),
        ("In March 2015, Iraqi troops recaptured Tikrit.", "recaptured", "historical"),
        ("The army said it killed 20 militants.", "killed", "reported"),
    ],
)
def test_events_modality_flags(code, text, trigger, flag) -> None:  # type: ignore[no-untyped-def]
    found = {m.trigger.text: m for m in code(text)}
    assert trigger in found
    assert flag in found[trigger].modality


def test_events_state_of_emergency_is_no_statement(code) -> None:  # type: ignore[no-untyped-def]
    """The noun "state" is not the speech verb "to state": the declaration is the
    government's own act, not something it reports."""
    (m,) = code("The government declared a state of emergency in the north.")
    assert m.event == "COERCE" and m.modality == []


def test_events_threat_absorbs_the_threatened_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Rebels vowed to storm the town.")
    assert [m.event for m in events] == ["THREATEN"]
    assert events[0].mode == "violence"


def test_events_accusation_does_not_assert_the_act(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The opposition accused the regime of shelling civilian areas.")
    assert [m.event for m in events] == ["ACCUSE"]
    assert _texts(events[0].recipient_spans) == ["regime"]


def test_events_light_verb_hands_subject_to_noun(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("Students staged a protest outside the ministry.")
    assert m.event == "PROTEST"
    assert _texts(m.actor_spans) == ["Students"]


def test_events_halted_talks_are_no_talks(code) -> None:  # type: ignore[no-untyped-def]
    """Breaking off or suspending talks is one SANCTION; the talks it stops are no
    CONSULT of their own, and the other side of the talks is the recipient."""
    (m,) = code("The rebels broke off negotiations with the government.")
    assert (m.event, m.mode) == ("SANCTION", "withdraw")
    assert _texts(m.recipient_spans) == ["government"]


def test_events_claim_of_responsibility_names_the_actor(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("Islamic State claimed responsibility for the bombing.")
    assert _texts(m.actor_spans) == ["Islamic State"]


def test_events_verbal_attack_on_a_plan_is_criticism(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("Opposition leaders attacked the budget proposal.")
    assert (m.event, m.mode) == ("ACCUSE", "disapprove")


def test_events_apposition_is_not_part_of_the_actor(code) -> None:  # type: ignore[no-untyped-def]
    (m,) = code("Hayat Tahrir al-Sham, a jihadist alliance, attacked army positions near Idlib.")
    assert _texts(m.actor_spans) == ["Hayat Tahrir al-Sham"]


def test_events_pronoun_subject_under_reporting_verb_is_the_speaker(code) -> None:  # type: ignore[no-untyped-def]
    events = code("The Royal Navy said it would release the tanker next week.")
    release = next(m for m in events if m.trigger.text == "release")
    assert _texts(release.actor_spans) == ["Royal Navy"]


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Japan is ready to send aid to the flood victims.", "AGREE"),
        ("The rebels will attack the capital, their commander said.", "THREATEN"),
    ],
)
def test_events_stated_intent_is_agree_or_threaten(code, text, event) -> None:  # type: ignore[no-untyped-def]
    assert event in [m.event for m in code(text)]


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        ("The UN Security Council imposed sanctions on Lebanon.", ["Lebanon"]),
        ("The army lifted a travel restriction in the north.", []),
        ("Putin will meet Erdogan in Ankara.", ["Erdogan"]),
        ("The opposition called on the United Nations to intervene.", ["United Nations"]),
        ("Japan sent emergency aid to the Philippines.", ["Philippines"]),
    ],
)
def test_events_recipients_are_parties_not_content(code, text, recipient) -> None:  # type: ignore[no-untyped-def]
    (m,) = code(text)
    assert _texts(m.recipient_spans) == recipient


def test_events_reported_speech_keeps_the_speakers_act_only(code) -> None:  # type: ignore[no-untyped-def]
    events = code("Ukraine accused Russia of shelling a power plant.")
    assert [(m.event, _texts(m.actor_spans), _texts(m.recipient_spans)) for m in events] == [
        ("ACCUSE", ["Ukraine"], ["Russia"])
    ]
