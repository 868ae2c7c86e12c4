"""In-document aliasing: one actor under several names, and "the group" back-references."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventscope.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventscope.nlp.mentions import EventMention
from eventscope.stages.actors import ActorStage

TEXT = (
    "Islamic State fighters attacked a checkpoint near Raqqa. "
    "ISIS later released a statement. Daesh also shelled a village, and IS claimed it. "
    "Residents said the group withdrew at dawn."
)


def _span(doc: Doc, text: str) -> Span:
    """The first whole-token occurrence of ``text``."""
    start = doc.text.index(f" {text} ") + 1 if f" {text} " in doc.text else doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    assert span is not None
    return span


def test_doc_aliases_and_back_reference_share_one_actor(nlp: Language) -> None:
    doc = nlp(TEXT)
    names = ["Islamic State fighters", "ISIS", "Daesh", "IS", "the group"]
    doc._.events = [
        EventMention(
            trigger=doc[0:1],
            sentence=doc[0 : len(doc)],
            event="ASSAULT",
            actor_spans=[_span(doc, name)],
        )
        for name in names
    ]
    ActorStage()(doc)
    refs = [ev.actors[0] for ev in doc._.events]
    assert {r.actor_id for r in refs} == {refs[0].actor_id}
    assert refs[0].name == "Islamic State" and refs[-1].text == "the group"


def test_doc_group_without_antecedent_stays_unresolved(nlp: Language) -> None:
    doc = nlp("Residents said the group withdrew at dawn.")
    doc._.events = [
        EventMention(
            trigger=doc[3:4],
            sentence=doc[0 : len(doc)],
            event="ASSAULT",
            actor_spans=[_span(doc, "the group")],
        )
    ]
    ActorStage()(doc)
    assert doc._.events[0].actors[0].name is None
