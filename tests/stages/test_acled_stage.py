"""The ACLED stage: each sentence's main event takes the sentence classifier's type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.tokens import Doc

from eventscope import Pipeline, Settings
from eventscope.errors import ConfigError
from eventscope.models.acled import codebook
from eventscope.nlp.extensions import get_list
from eventscope.stages.acled import AcledStage


class _Fixed:
    """A stand-in classifier that is sure every sentence has the same label."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.labels = list(codebook())

    def predict_proba(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0 if lab == self.label else 0.0 for lab in self.labels] for _ in texts]


def _ruled(pipeline: Pipeline, parse: Callable[..., Doc], text: str) -> Doc:
    """The text after the events stage alone: the rules' ACLED types."""
    return pipeline.nlp.get_pipe("eventscope_events")(parse(text))  # type: ignore[no-any-return]


def _coded(pipeline: Pipeline, parse: Callable[..., Doc], text: str, label: str) -> Doc:
    doc = _ruled(pipeline, parse, text)
    stage = AcledStage()
    stage.classifier = _Fixed(label)  # type: ignore[assignment]
    return stage(doc)


def _types(doc: Doc) -> list[tuple[str, str | None]]:
    return [(ev.event, ev.acled_sub_event_type) for ev in get_list(doc, "events")]


def test_acled_sentence_class_sets_the_main_events_type(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    """ "Attacked" proposes a clash; the sentence says how: an air strike."""
    doc = _coded(pipeline, parse, "Rebels attacked the army base on Monday.", "AIR_STRIKE")
    assert ("ASSAULT", "Air/drone strike") in _types(doc)
    assert all(
        ev.acled_event_type == "Explosions/Remote violence" for ev in get_list(doc, "events")
    )


def test_acled_disaster_or_crime_sentence_has_no_acled_type(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    doc = _coded(pipeline, parse, "Gunmen attacked a petrol station on Monday.", "ORG_CRIME")
    events = get_list(doc, "events")
    assert events and all(ev.acled_sub_event_type is None for ev in events)
    assert any(ev.event == "ASSAULT" for ev in events)  # the PLOVER event stays


def test_acled_claim_sentence_keeps_the_rules_type(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    """A claimed attack is still an attack ACLED codes."""
    text = "Rebels attacked the army base on Monday."
    rules = _types(_ruled(pipeline, parse, text))
    assert _types(_coded(pipeline, parse, text, "ATTRIB")) == rules


def test_acled_talk_and_unreal_events_are_left_alone(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    """An accusation or a denied attack does not become the act the sentence is about."""
    for text in (
        "The minister accused the rebels of lying.",
        "The army denied attacking the village.",
    ):
        rules = _types(_ruled(pipeline, parse, text))
        assert _types(_coded(pipeline, parse, text, "ART_MISS_ATTACK")) == rules


def test_acled_one_label_per_sentence(pipeline: Pipeline, parse: Callable[..., Doc]) -> None:
    """Two events in one sentence: the label goes to the more confident, not to both."""
    text = "Rebels attacked the base and police arrested ten protesters on Monday."
    before = _types(_ruled(pipeline, parse, text))
    after = _types(_coded(pipeline, parse, text, "GRENADE"))
    assert len(before) >= 2
    changed = [b for b, a in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert ("ASSAULT", "Grenade") in after or ("COERCE", "Grenade") in after


def test_acled_untyped_events_get_no_type(pipeline: Pipeline, parse: Callable[..., Doc]) -> None:
    """Only the rules say there is an ACLED event; the classifier only says which."""
    text = "The opposition leader met the envoy in the capital on Monday."
    rules = _types(_ruled(pipeline, parse, text))
    assert rules and all(sub is None for _, sub in rules)
    assert _types(_coded(pipeline, parse, text, "ARMED_CLASH")) == rules


class _Torn(_Fixed):
    """Prefers one label, but less than twice as much as the rules' own type."""

    def __init__(self, label: str, rules_label: str) -> None:
        super().__init__(label)
        self.rules_label = rules_label

    def predict_proba(self, texts: Sequence[str]) -> list[list[float]]:
        weights = {self.label: 0.35, self.rules_label: 0.25}
        return [[weights.get(lab, 0.01) for lab in self.labels] for _ in texts]


def test_acled_overrides_the_rules_only_with_a_margin(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    doc = _ruled(pipeline, parse, "Rebels attacked the army base on Monday.")
    rules = _types(doc)
    assert ("ASSAULT", "Armed clash") in rules
    stage = AcledStage()
    stage.classifier = _Torn("AIR_STRIKE", "ARMED_CLASH")  # type: ignore[assignment]
    assert _types(stage(doc)) == rules


def test_acled_rules_model_turns_the_stage_off(
    pipeline: Pipeline, parse: Callable[..., Doc]
) -> None:
    doc = _ruled(pipeline, parse, "Rebels attacked the army base on Monday.")
    rules = _types(doc)
    assert _types(AcledStage(model="rules")(doc)) == rules
    with pytest.raises(ConfigError, match="unknown ACLED model"):
        AcledStage(model="bert")


def test_acled_without_its_training_sentences_falls_back_to_rules(
    pipeline: Pipeline,
    parse: Callable[..., Doc],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A broken install loses the classifier, not the articles."""
    import eventscope.stages.acled as stage_module

    def missing() -> None:
        raise FileNotFoundError("acled_subtypes.tsv")

    monkeypatch.setattr(stage_module, "acled_classifier", missing)
    doc = _ruled(pipeline, parse, "Rebels attacked the army base on Monday.")
    rules = _types(doc)
    stage = AcledStage()
    assert _types(stage(doc)) == rules
    assert stage.model == "rules"
    assert "rule types only" in caplog.text


def test_acled_codebook_covers_every_classifier_label() -> None:
    """Every label of the written training sentences has a row saying what it does."""
    from importlib import resources

    from eventscope.models.data import read_labelled

    path = resources.files("eventscope.data.events").joinpath("acled_subtypes.tsv")
    with resources.as_file(path) as file:
        labels = set(read_labelled(file).labels)
    book = codebook()
    assert labels == set(book)
    assert {c.pipeline for c in book.values()} == {"set", "drop", "keep"}
    assert all((c.sub_event_type is None) == (c.pipeline != "set") for c in book.values())


@pytest.mark.parametrize(
    ("text", "rules", "classifier"),
    [
        # "recaptured" proposes a takeover; the sentence says who took the town back
        (
            "Government troops recaptured the town of Kidal from the rebels on Sunday after "
            "heavy fighting.",
            "Non-state actor overtakes territory",
            "Government regains territory",
        ),
        # the rules read "raped" since the lemma correction ("rap" before it)
        (
            "Soldiers raped at least 12 women during a raid on the village, witnesses said.",
            "Sexual violence",
            "Sexual violence",
        ),
        # protesters' violence is a riot, not an attack on civilians: the rules read the
        # rioters as actors and agree with the classifier
        (
            "Protesters torched tyres and threw stones at police during the rally.",
            "Violent demonstration",
            "Violent demonstration",
        ),
    ],
)
def test_acled_pipeline_types_come_from_the_trained_classifier(
    text: str, rules: str | None, classifier: str
) -> None:
    """End to end with the real classifier, against the rule coder's own type."""

    def first_type(acled: str) -> str | None:
        events = Pipeline(Settings(acled=acled)).extract(text, published="2024-05-06")
        return events[0].acled.sub_event_type if events[0].acled else None

    assert first_type("rules") == rules
    assert first_type("ngrams") == classifier
