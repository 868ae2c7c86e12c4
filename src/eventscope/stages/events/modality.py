"""How real an event is: negated, hypothetical, future, historical or reported,
from negation, modal and future auxiliaries, conditions, plans and dates.

Part of :class:`~eventscope.stages.events.EventStage`, which mixes in
:class:`Modality`; its methods read ``self.lexicon``.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .tokens import verb_chain

#: A year written out, to date an event before the publication year.
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


class Modality:
    """Flags the modality of an event."""

    lexicon: Lexicon

    def _modality(self, tok: Token, sent: Span, year: int | None, dated: list[Span]) -> set[str]:
        words = self.lexicon.words
        flags: set[str] = set()
        chain = [tok, *verb_chain(tok)]
        if self._bare_infinitive(tok):
            flags.add("hypothetical")
        if self._purpose_of_party(tok):
            flags.add("hypothetical")  # an aim, not a stated intent (no THREATEN)
        if self._prospect(tok):
            flags.add("hypothetical")
        for t in chain[:3]:
            kids = list(t.children)
            if any(c.dep_ == "neg" for c in kids):
                flags.add("negated")
            if any(c.dep_ == "aux" and c.lower_ in words("future_aux") for c in kids):
                flags.add("future")
            if any(c.dep_ == "aux" and c.lower_ in words("hypothetical_aux") for c in kids):
                # "announced it would withdraw": reported future, unless conditional
                flags.add("future" if self._reported_would(t, kids) else "hypothetical")
            if any(c.dep_ == "mark" and c.lower_ in words("hypothetical_marks") for c in kids):
                flags.add("hypothetical")
            if any(_conditional(c, words("hypothetical_marks")) for c in kids):
                flags.add("hypothetical")  # the main clause of "if X, Y" is conditional
            if t is not tok and t.lemma_.lower() in words("planning_verbs"):
                flags.add("future")
            verb = t is not tok and t.pos_ in {"VERB", "AUX"}  # not "a state of emergency"
            if verb and t.lemma_.lower() in words("negating_verbs"):
                flags.add("negated")  # "failed to reach", "declined to give"
            if verb and t.lemma_.lower() in words("speech_verbs"):
                flags.add("reported")
        if year is not None and _dated_before(tok, sent, year, dated):
            flags.add("historical")
        if self._habitual(tok):
            flags.add("historical")
        return flags

    def _reported_would(self, verb: Token, kids: list[Token]) -> bool:
        """Whether "would" is the future of a reported clause ("said it would retaliate")
        rather than a condition ("would retaliate if attacked")."""
        words = self.lexicon.words
        if not any(c.dep_ == "aux" and c.lower_ == "would" for c in kids):
            return False
        if any(_conditional(c, words("hypothetical_marks")) for c in kids):
            return False
        if verb.left_edge.tag_ in {"WRB", "WDT", "WP"}:
            return False  # "told me how armed groups would raid homes": what used to happen
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in words("speech_verbs")

    def _bare_infinitive(self, tok: Token) -> bool:
        """An infinitive that only names a possibility: "it is legal to kill them", "there
        is no way to arrest them", "the aim is to capture the city".  It hangs on a word
        of possibility, duty or right, or on "be"; verbs that assert, plan or vow an act
        decide elsewhere."""
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # "no way to arrest or extradite them"
        if not _infinitive(tok):
            return False
        if tok.dep_ not in {"xcomp", "ccomp", "acl", "relcl", "advcl"}:
            return False
        # "ready to send aid" is intent, "launched an operation to retake the town" and
        # "was quick to condemn" assert: only words of possibility, duty or right count
        head = tok.head.lemma_.lower()
        return head == "be" or head in self.lexicon.words("modal_words")

    def _prospect(self, tok: Token) -> bool:
        """An event noun that is only feared or expected: "the prospect of a
        cross-border attack", "vulnerable to Turkish attack", "in anticipation of a
        military operation"."""
        if tok.pos_ != "NOUN" or tok.dep_ != "pobj" or tok.head.lower_ not in {"of", "to"}:
            return False
        return tok.head.head.lemma_.lower() in self.lexicon.words("prospect_words")

    def _purpose_of_party(self, tok: Token) -> bool:
        """An infinitive that says what a group is for: "the coalition to defeat Isis",
        "forces fighting to defeat Islamic State" name an aim, not an act that
        happened."""
        if not _infinitive(tok):
            return False
        head = tok.head
        if tok.dep_ == "xcomp" and head.dep_ == "acl":
            head = head.head  # "forces fighting to defeat …"
        return tok.dep_ in {"acl", "relcl", "xcomp"} and self._party_noun(head)

    def _habitual(self, tok: Token) -> bool:
        """Background rather than news: "has long accused", "routinely detains", a
        running toll "has killed 300,000 people since 2011"."""
        kids = list(tok.children)
        if any(
            c.dep_ == "advmod" and c.lower_ in self.lexicon.words("habitual_adverbs") for c in kids
        ):
            return True
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids)
        since = [p for p in kids if p.dep_ == "prep" and p.lower_ == "since"]
        return perfect and any(t.ent_type_ == "DATE" for p in since for t in p.subtree)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _conditional(clause: Token, marks: frozenset[str]) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in marks for c in clause.children
    )


def _dated_before(tok: Token, sent: Span, year: int, dates: list[Span]) -> bool:
    """True when the date nearest the trigger names an earlier year ("in March 2015")."""
    if not dates:
        return False
    nearest = min(dates, key=lambda e: abs(e.start - tok.i))
    before = sent.doc[max(nearest.start - 2, sent.start) : nearest.start]
    if any(t.lower_ in {"since", "than"} for t in before):
        return False  # "the deadliest since the 2012 rebellion" compares, it does not date
    years = [int(y) for y in YEAR.findall(nearest.text)]
    return bool(years) and max(years) < year
