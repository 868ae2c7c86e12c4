"""Time stage: give each event the date its own text states, resolved against publication.

Every date expression in the article is tagged and resolved by
:mod:`eventscope.temporal` (conventions documented there) and stored in ``doc._.dates``.
Each event then takes, in order of preference:

1. a date attached to its trigger: walking up the dependency tree from the date
   ("killed ... on Sunday", "Tuesday's attack", "attack on Monday") reaches the trigger
   before reaching any other verb;
2. otherwise the date in the same sentence closest to the trigger, leaving out dates
   that belong to a reporting verb ("police said on Tuesday that …": Tuesday is when
   they spoke, not when the event happened);
3. otherwise the date carried forward from the story so far: the date of the nearest
   event in one of the two sentences before, in the same paragraph, that had a date of
   its own ("Gunmen attacked the village on Monday.  They burned 40 houses." - the
   burning is Monday too).  Not carried into ongoing states ("the town remains under
   siege") or into sentences about what is still to come ("talks will resume"): those
   describe the day of the report or later, not the earlier event;
4. otherwise the publication date, with ``from_publication=True`` and precision
   ``day``: the report is the best evidence of the day, and the flag tells the record
   layer to downgrade ACLED's time_precision.

Without a publication date nothing relative resolves: such events get precision
``unknown`` and the article a warning; dates that name their year still resolve.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import Messages
from ..nlp.extensions import get_list
from ..nlp.mentions import DateValue, EventMention
from ..temporal import DateMatch, find_date_expressions, resolve_date_expression
from ..temporal.resolver import future_context

# Predicates that describe a state going on at publication, not a dated happening.
_ONGOING_LEMMAS = frozenset({"remain", "continue", "persist", "stay"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# How many sentences back a date may be carried forward from.
CARRY_SENTENCES = 2
# Verbs whose date is when something was said, not when the event happened.
REPORTING_LEMMAS = frozenset(
    {"say", "tell", "report", "announce", "add", "state", "confirm", "claim", "write", "accord"}
)
_MAX_HEAD_STEPS = 12


class TimeStage:
    """Assigns ``ev.date`` to every event and collects ``doc._.dates``."""

    def __init__(self, *, fallback_to_publication: bool = True) -> None:
        self.fallback_to_publication = fallback_to_publication

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        published: date | None = article.published if article is not None else None
        matches = find_date_expressions(doc.text, published)
        get_list(doc, "dates").extend(m.value for m in matches)
        spans = [(m, doc.char_span(m.start, m.end, alignment_mode="expand")) for m in matches]
        dated: list[tuple[Span, DateValue]] = []  # sentences whose events had own dates
        for ev in sorted(get_list(doc, "events"), key=lambda e: e.trigger.start):
            own = self._own_date(ev, spans)
            if own is not None:
                ev.date = own
                dated.append((ev.sentence, own))
            else:
                ev.date = self._fallback(ev, dated, published)
            if ev.date.precision == "unknown":
                self._warn(doc, ev.date)
        return doc

    def _fallback(
        self, ev: EventMention, dated: list[tuple[Span, DateValue]], published: date | None
    ) -> DateValue:
        """A date carried forward from the story so far, else the publication date."""
        carried = carried_date(ev, dated)
        if carried is not None:
            return replace(carried, from_publication=False)
        if published is not None and self.fallback_to_publication:
            return DateValue(published, published, "day", text=None, from_publication=True)
        return DateValue(None, None, "unknown", text=None, from_publication=True)

    def _own_date(
        self, ev: EventMention, spans: list[tuple[DateMatch, Span | None]]
    ) -> DateValue | None:
        in_sentence = [
            (m, span)
            for m, span in spans
            if span is not None and ev.sentence.start <= span.start and span.end <= ev.sentence.end
        ]
        attached = [m for m, span in in_sentence if governs(ev.trigger, span)]
        if attached:
            return replace(_closest(attached, ev.trigger).value)
        free = [m for m, span in in_sentence if not _reported(span)]
        if free:
            return replace(_closest(free, ev.trigger).value)
        return None

    @staticmethod
    def _warn(doc: Doc, value: DateValue) -> None:
        message = Messages.E061.format(text=value.text or "(none)")
        warnings = get_list(doc, "warnings")
        if message not in warnings:
            warnings.append(message)


def carried_date(ev: EventMention, dated: list[tuple[Span, DateValue]]) -> DateValue | None:
    """The date of the latest dated event up to ``CARRY_SENTENCES`` sentences back in
    the same paragraph, unless the event is an ongoing state or still to come."""
    if not dated or is_ongoing(ev.trigger) or _future_clause(ev):
        return None
    sentence, value = dated[-1]
    if sentence.start == ev.sentence.start:
        return value if value.start is not None else None
    doc = ev.sentence.doc
    between = doc[sentence.end : ev.sentence.start]
    gap = len(list(between.sents)) if len(between) else 0
    if gap >= CARRY_SENTENCES or _PARAGRAPH_BREAK.search(
        doc.text, sentence.start_char, ev.trigger.start_char
    ):
        return None
    return value if value.start is not None else None


def is_ongoing(trigger: Span) -> bool:
    """Whether the trigger's predicate is a present-tense state ("remains under siege",
    "are fleeing", "is besieged"), which holds at publication rather than on a past day."""
    token = trigger.root
    for _ in range(_MAX_HEAD_STEPS):
        if token.pos_ in ("VERB", "AUX"):
            break
        if token.head.i == token.i:
            return False
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if token.lemma_.lower() in _ONGOING_LEMMAS:
        return True
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in auxes):
        return False  # present perfect: a past happening
    tags = {token.tag_} | {a.tag_ for a in auxes}
    return bool(tags & {"VBZ", "VBP"})


def _future_clause(ev: EventMention) -> bool:
    """Whether the event's sentence speaks of something still to come ("a new rally will
    be held"): such an event is not dated by the earlier sentence's past event."""
    text = ev.sentence.text.rstrip(" .!?;\n\"'”")
    return future_context(text, len(text))


def _closest(matches: list[DateMatch], trigger: Span) -> DateMatch:
    """The match nearest the trigger in characters (ties: the earlier one)."""
    centre = trigger.start_char
    return min(matches, key=lambda m: (min(abs(m.start - centre), abs(m.end - centre)), m.start))


def _head_chain(span: Span) -> list[Token]:
    """The date's root and its ancestors, nearest first, up to the sentence root."""
    chain: list[Token] = []
    token = span.root
    for _ in range(_MAX_HEAD_STEPS):
        if token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
    return chain


def governs(trigger: Span, date_span: Span) -> bool:
    """Whether the date hangs off the trigger before any other predicate."""
    trigger_ids = {t.i for t in trigger}
    for token in _head_chain(date_span):
        if token.i in trigger_ids:
            return True
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            return False
    return False


def _reported(span: Span) -> bool:
    """Whether the date's nearest predicate is a reporting verb ("said on Tuesday")."""
    for token in _head_chain(span):
        if token.pos_ == "VERB":
            return token.lemma_.lower() in REPORTING_LEMMAS
    return False


@Language.factory(
    "eventscope_time",
    default_config={"fallback_to_publication": True},
    assigns=["doc._.dates", "doc._.warnings"],
    requires=["doc._.events", "doc._.article"],
)
def make_time(nlp: Language, name: str, fallback_to_publication: bool) -> TimeStage:
    """spaCy factory for :class:`TimeStage`."""
    return TimeStage(fallback_to_publication=fallback_to_publication)


__all__ = [
    "CARRY_SENTENCES",
    "REPORTING_LEMMAS",
    "TimeStage",
    "carried_date",
    "governs",
    "is_ongoing",
    "make_time",
    "resolve_date_expression",
]
