"""ACLED stage: the sentence's class refines the ACLED type the rules gave its main event.

The events stage proposes an ACLED type from the trigger word, which rarely decides it
(see :mod:`eventscope.models.acled`).  Here the sentence of each event is classified
once, and its label goes to the sentence's main event: the most confident asserted
event that the rules gave an ACLED type.  The classifier never makes an ACLED event out
of one the rules did not type: it was trained on snippets that all report something, so
it has no "nothing happened here" answer, and on the background sentences of long
articles its label is noise.  For the same reason it overrides the rules only with a
margin: its label must be at least ``MARGIN`` times as probable as the rules' own type.
The other events of the sentence keep the rules' types: one label per sentence says
nothing about them.

What the label does is data (``acled_codebook.tsv``, column ``pipeline``): an ACLED
sub-event type replaces the rules'; a disaster or a crime removes the ACLED type (ACLED
does not code them; the PLOVER event stays, with its evidence); a claim of
responsibility or a diplomatic sentence leaves the rules' type alone.  Negated,
hypothetical and future events are never changed: the records layer drops them from
the ACLED view anyway.  Records still correct the type by the actors it involves
(:func:`eventscope.records.acled.acled_type`).  The choices are measured in
``benchmarks/MODELS.md``.

``model="rules"`` turns the stage off, for a user who wants the rule coder's types.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .._types import UNREAL
from ..errors import ConfigError, Messages
from ..models.acled import AcledClass, acled_classifier, codebook, label_of
from ..models.fit import TextModel
from ..nlp.extensions import get_list
from ..nlp.mentions import EventMention

log = logging.getLogger(__name__)

MODELS = ("ngrams", "rules")
MARGIN = 2.0  # how much likelier than the rules' type the sentence's label must be


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
        probs = classifier.predict_proba([ev.sentence.text for ev in targets])
        for ev, row in zip(targets, probs, strict=True):
            cls = decide(ev, dict(zip(classifier.labels, row, strict=True)))
            if cls is not None:
                apply_class(ev, cls)
        return doc


def main_events(events: Sequence[EventMention]) -> list[EventMention]:
    """The event each sentence's label belongs to: its most confident asserted event with
    an ACLED type from the rules, one per sentence that has one."""
    by_sentence: dict[int, list[EventMention]] = {}
    for ev in events:
        if ev.acled_sub_event_type is not None and not UNREAL & set(ev.modality):
            by_sentence.setdefault(ev.sentence.start, []).append(ev)
    return [max(group, key=lambda ev: ev.confidence) for group in by_sentence.values()]


def decide(ev: EventMention, probs: dict[str, float]) -> AcledClass | None:
    """The class the sentence says, if clearly (``MARGIN``) likelier than the rules' type."""
    label = max(probs, key=probs.__getitem__)
    own = label_of().get(ev.acled_sub_event_type or "", "")
    if probs[label] < MARGIN * probs.get(own, 0.0):
        return None
    return codebook()[label]


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


__all__ = ["AcledStage", "apply_class", "decide", "main_events", "make_acled"]
