"""Sizes stage: attach killed/injured/arrested/displaced/participant counts to events.

Counts are found per sentence by :func:`eventscope.counts.extract_sizes` (bounds
conventions in :mod:`eventscope.counts.quantity`).  Each count goes to one event of the
same sentence:

1. the event whose trigger is the word that gave the count its category ("killing 12");
2. else the event a clause modifying an event noun describes ("the bombing, which killed
   11");
3. else the nearest event whose type fits the category (killed/injured -> ASSAULT or
   COERCE; arrested -> COERCE, arrest mode first; participants -> PROTEST; displaced ->
   any), nearest first along the dependency tree (so "killed in the attack", "the blast
   killed" and "stormed a church, killing 7" reach their event however long the
   sentence), then in words;
4. else the nearest event at all, the same way: a protest that "left 3 dead" still
   carries the deaths.

When an event gets several counts of one category, a new count beats a running total
("bringing the death toll to 300"), and the article gets a note saying so; between two
new counts governed by the same word ("12 soldiers and 3 civilians were killed") the
counts add up; otherwise the one nearest the trigger wins.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..counts import SizeMention, extract_sizes, parse_quantity
from ..errors import Messages
from ..nlp.extensions import get_list
from ..nlp.mentions import EventMention, SizeValue

FITTING_EVENTS: dict[str, frozenset[str]] = {
    "killed": frozenset({"ASSAULT", "COERCE"}),
    "injured": frozenset({"ASSAULT", "COERCE"}),
    "arrested": frozenset({"COERCE"}),
    "participants": frozenset({"PROTEST"}),
    "displaced": frozenset(),
}


# How many plain edges one edge between coordinated clauses is worth (see _tree_distance).
_CONJ_COST = 3


class SizeStage:
    """Fills ``ev.size[category]`` for every event with a count in its sentence."""

    def __init__(self, *, use_totals: bool = True) -> None:
        self.use_totals = use_totals

    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "events")
        by_sentence: dict[tuple[int, int], list[EventMention]] = {}
        for ev in events:
            by_sentence.setdefault((ev.sentence.start, ev.sentence.end), []).append(ev)
        for (start, end), sentence_events in by_sentence.items():
            sentence = doc[start:end]
            assigned: dict[tuple[int, str], list[SizeMention]] = {}
            protest_heads = frozenset(
                t.i for ev in sentence_events if ev.event == "PROTEST" for t in ev.trigger
            )
            for mention in extract_sizes(sentence, protest_heads):
                ev = attach(mention, sentence_events)
                if ev is not None:
                    assigned.setdefault((id(ev), mention.category), []).append(mention)
            for ev in sentence_events:
                for category in FITTING_EVENTS:
                    mentions = assigned.get((id(ev), category))
                    if mentions:
                        self._store(doc, ev, category, mentions)
        return doc

    def _store(
        self, doc: Doc, ev: EventMention, category: str, mentions: list[SizeMention]
    ) -> None:
        new = [m for m in mentions if not m.total]
        whole = [m for m in new if not m.part]
        new = whole or new  # "among those killed" counts only when nothing counts the whole
        totals = [m for m in mentions if m.total]
        for m in totals:
            _note(doc, Messages.E062.format(category=category, text=m.value.text))
        if new:
            ev.size[category] = _combine(new, ev.trigger)
        elif totals and self.use_totals:
            ev.size[category] = _nearest(totals, ev.trigger).value


def attach(mention: SizeMention, events: list[EventMention]) -> EventMention | None:
    """The event a count belongs to (see the module docstring for the order)."""
    if not events:
        return None
    for ev in events:
        if mention.anchor.i in range(ev.trigger.start, ev.trigger.end):
            return ev
    described = _described_event(mention, events)
    if described is not None:
        return described
    fitting = FITTING_EVENTS[mention.category]
    candidates = [ev for ev in events if ev.event in fitting] or events
    return min(
        candidates,
        key=lambda ev: (
            mention.category == "arrested" and ev.mode != "arrest",
            _tree_distance(mention.anchor, ev.trigger),
            _distance(mention, ev.trigger),
        ),
    )


def _described_event(mention: SizeMention, events: list[EventMention]) -> EventMention | None:
    """ "The bombing, which killed 11, ...", "a raid that left 4 dead": a count in a clause
    that modifies an event noun belongs to that event, however far other triggers are."""
    anchor = mention.anchor
    for _ in range(3):
        if anchor.dep_ in ("relcl", "acl"):
            for ev in events:
                if anchor.head.i in range(ev.trigger.start, ev.trigger.end):
                    return ev
        if anchor.head.i == anchor.i:
            break
        anchor = anchor.head
    return None


def _distance(mention: SizeMention, trigger: Span) -> int:
    """Token distance between a count's deciding word and a trigger."""
    i = mention.anchor.i
    if trigger.start <= i < trigger.end:
        return 0
    return min(abs(i - trigger.start), abs(i - (trigger.end - 1)))


def _tree_distance(anchor: Token, trigger: Span) -> int:
    """Length of the parse path between a count's deciding word and the nearest trigger
    token.  An edge between coordinated clauses counts as :data:`_CONJ_COST` edges: "used
    tear gas against 500 demonstrators and arrested 12" joins two events, and the crowd
    belongs to the one whose clause it is in."""
    up: dict[int, int] = {}
    token, cost = anchor, 0
    while True:
        up[token.i] = cost
        if token.head.i == token.i:
            break
        token, cost = token.head, cost + _edge_cost(token)
    best = 10 * (len(anchor.doc) + 1)
    for word in trigger:
        token, cost = word, 0
        while token.i not in up and token.head.i != token.i:
            token, cost = token.head, cost + _edge_cost(token)
        if token.i in up:
            best = min(best, cost + up[token.i])
    return best


def _edge_cost(child: Token) -> int:
    return _CONJ_COST if child.dep_ == "conj" else 1


def _nearest(mentions: list[SizeMention], trigger: Span) -> SizeMention:
    return min(mentions, key=lambda m: _distance(m, trigger))


def _combine(mentions: list[SizeMention], trigger: Span) -> SizeValue:
    """Add up counts governed by the same word; otherwise keep the nearest count."""
    best = _nearest(mentions, trigger)
    same = [m for m in mentions if m.anchor.i == best.anchor.i]
    if len(same) == 1:
        return best.value
    low = [m.value.min for m in same]
    high = [m.value.max for m in same]
    first, last = same[0].value, same[-1].value
    doc_text = best.anchor.doc.text
    return SizeValue(
        min=None if None in low else sum(x for x in low if x is not None),
        max=None if None in high else sum(x for x in high if x is not None),
        text=doc_text[first.start_char : last.end_char],
        start_char=first.start_char,
        end_char=last.end_char,
    )


def _note(doc: Doc, message: str) -> None:
    warnings = get_list(doc, "warnings")
    if message not in warnings:
        warnings.append(message)


@Language.factory(
    "eventscope_sizes",
    default_config={"use_totals": True},
    assigns=["doc._.warnings"],
    requires=["doc._.events"],
)
def make_sizes(nlp: Language, name: str, use_totals: bool) -> SizeStage:
    """spaCy factory for :class:`SizeStage`."""
    return SizeStage(use_totals=use_totals)


__all__ = ["FITTING_EVENTS", "SizeStage", "attach", "extract_sizes", "make_sizes", "parse_quantity"]
