"""ACLED stage: each sentence's main event takes its ACLED type from a sentence classifier.

The events stage proposes an ACLED type from the trigger word, which rarely decides it
(see :mod:`eventscope.models.acled`).  Here the sentence of each event is classified
once, and its label goes to the sentence's main event: the most confident asserted
event with an ACLED type, else the most confident asserted event whose PLOVER type is
an act rather than talk (a classifier reading "the UN accused the army of shelling the
town" as shelling must not turn the accusation into a shelling).  The other events of
the sentence keep the rules' types: one label per sentence says nothing about them.

What the label does is data (``acled_codebook.tsv``, column ``pipeline``): an ACLED
sub-event type replaces the rules'; a disaster or a crime removes the ACLED type (ACLED
does not code them; the PLOVER event stays, with its evidence); a claim of
responsibility or a diplomatic sentence leaves the rules' type alone.  Negated,
hypothetical and future events are never changed: the records layer drops them from
the ACLED view anyway.  Records still correct the type by the actors it involves
(:func:`eventscope.records.acled.acled_type`).

``model="rules"`` turns the stage off, for a user who wants the rule coder's types.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError, Messages
from ..models.acled import AcledClass, acled_classifier, codebook
from ..models.fit import TextModel
from ..nlp.extensions import get_list
from ..nlp.mentions import EventMention

log = logging.getLogger(__name__)

MODELS = ("ngrams", "rules")
# PLOVER types that are things said, not done: their sentences' labels describe the
# act they talk about, which the rules code separately where the text asserts it.
SPEECH_EVENTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "CONSULT", "SUPPORT"})
UNREAL = frozenset({"negated", "hypothetical", "future"})


class AcledStage:
    """Sets the ACLED type of each sentence's main event from the sentence's class."""

    def __init__(self, *, model: str = "ngrams") -> None:
        if model not in MODELS:
            raise ConfigError(Messages.E022.format(name=model, choices=", ".join(MODELS)))
        self.model = model
        self._classifier: TextModel | None = None

    @property
    def classifier(self) -> TextModel:
        """The sentence classifier, trained or loaded on first use."""
        if self._classifier is None:
            self._classifier = acled_classifier()
        return self._classifier

    @classifier.setter
    def classifier(self, model: TextModel) -> None:
        """Use another classifier over the codebook's labels (cross-validation does, with
        each fold's model)."""
        self._classifier = model

    def __call__(self, doc: Doc) -> Doc:
        if self.model == "rules":
            return doc
        targets = main_events(get_list(doc, "events"))
        if not targets:
            return doc
        try:
            classifier = self.classifier
        except (ConfigError, OSError) as err:  # an install without the written sentences
            log.warning("ACLED classifier unavailable (%s): rule types only", err)
            self.model = "rules"
            return doc
        labels = classifier.predict([ev.sentence.text for ev in targets])
        book = codebook()
        for ev, label in zip(targets, labels, strict=True):
            apply_class(ev, book[label])
        return doc


def main_events(events: Sequence[EventMention]) -> list[EventMention]:
    """The event each sentence's label belongs to, one per sentence that has one."""
    by_sentence: dict[int, list[EventMention]] = {}
    for ev in events:
        if not UNREAL & set(ev.modality):
            by_sentence.setdefault(ev.sentence.start, []).append(ev)
    targets = []
    for candidates in by_sentence.values():
        typed = [ev for ev in candidates if ev.acled_sub_event_type is not None]
        acts = typed or [ev for ev in candidates if ev.event not in SPEECH_EVENTS]
        if acts:
            targets.append(max(acts, key=lambda ev: ev.confidence))
    return targets


def apply_class(ev: EventMention, cls: AcledClass) -> None:
    """Give ``ev`` the ACLED type ``cls`` stands for, as the codebook says."""
    if cls.pipeline == "set":
        ev.acled_event_type, ev.acled_sub_event_type = cls.event_type, cls.sub_event_type
    elif cls.pipeline == "drop":
        ev.acled_event_type = ev.acled_sub_event_type = None


@Language.factory(
    "eventscope_acled",
    default_config={"model": "ngrams"},
    assigns=["doc._.events"],
    requires=["doc._.events"],
)
def make_acled(nlp: Language, name: str, model: str) -> AcledStage:
    """spaCy factory for :class:`AcledStage`."""
    return AcledStage(model=model)


__all__ = ["AcledStage", "apply_class", "main_events", "make_acled"]
