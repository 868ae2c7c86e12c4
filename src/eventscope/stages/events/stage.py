"""The events stage component: codes each sentence's event mentions (see the package
docstring for the steps)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..._types import UNREAL
from ...nlp.mentions import EventMention
from .. import _syntax as syn
from ..lexicon import Lexicon, Trigger, default_lexicon
from .candidate import Candidate
from .detection import Detection
from .modality import YEAR, Modality
from .parties import Parties
from .roles import Roles
from .structure import Structure


class EventStage(Detection, Structure, Roles, Parties, Modality):
    """Codes event mentions in each sentence of a Doc.

    Args:
        lexicon (Lexicon | None): Trigger lexicon; ``None`` uses the packaged one.
        min_confidence (float): Mentions below this confidence are not kept.
    """

    def __init__(self, *, lexicon: Lexicon | None = None, min_confidence: float = 0.3) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.min_confidence = min_confidence

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        year = article.published.year if article is not None and article.published else None
        events: list[EventMention] = []
        # Dated entities once per doc: reading doc.ents per sentence is quadratic.
        years = [e for e in doc.ents if e.label_ == "DATE" and YEAR.search(e.text)]
        for sent in doc.sents:
            events.extend(self.code_sentence(sent, year, years))
        doc._.events = events
        return doc

    def code_sentence(
        self, sent: Span, year: int | None = None, years: list[Span] | None = None
    ) -> list[EventMention]:
        """Event mentions in one sentence, in trigger order.

        Args:
            sent (Span): The sentence.
            year (int | None): Publication year, to flag earlier dated events historical.
            years (list[Span] | None): The doc's DATE entities naming a year; found from
                the sentence when not given.
        """
        if years is None:
            years = [e for e in sent.ents if e.label_ == "DATE" and YEAR.search(e.text)]
        dated = [e for e in years if sent.start <= e.start < sent.end]
        cands = {c.token.i: c for c in (self._candidate(t) for t in sent) if c is not None}
        self._apply_structure(cands)
        live = [
            c
            for c in sorted(cands.values(), key=lambda c: c.token.i)
            if not c.dropped and c.trigger.event is not None
        ]
        for cand in live:
            self._fill_roles(cand)
        for cand in live:
            _blame_doers(cand, cands)
            self._own_mode(cand)
            if cand.trigger.swap_roles:
                cand.actor_heads, cand.recipient_heads = cand.recipient_heads, cand.actor_heads
        out = []
        for cand in live:
            if cand.trigger.event is None or self._non_political(cand):
                continue
            cand.modality |= self._modality(cand.token, sent, year, dated)
            self._intent(cand)
            mention = self._mention(cand, sent)
            if mention.confidence >= self.min_confidence:
                out.append(mention)
        return out

    def _intent(self, cand: Candidate) -> None:
        """Stated intent is its own PLOVER event, not the act plus an auxiliary mode.

        The manual: "AGREE could be SUPPORT + future, THREATEN could be ASSAULT +
        hypothetical … the coder should always return the single event category".
        "Is ready to send aid" is AGREE; "will storm the town" is THREATEN.  Conditions
        ("if the army enters…") keep their hypothetical flag instead.
        """
        if "future" not in cand.modality or "hypothetical" in cand.modality:
            return
        event = cand.trigger.event or ""
        if event == "CONCEDE":
            return  # the manual: CONCEDE + future stays CONCEDE, it is no AGREE
        if event == "RETREAT":
            new, mode = "CONCEDE", None  # "announced it would withdraw troops"
        elif event in self.lexicon.words("cooperative_events"):
            new, mode = "AGREE", None
        elif event in self.lexicon.words("forceful_events"):
            new, mode = "THREATEN", self._content_mode("THREATEN", cand.trigger, cand.mode)
        else:
            return
        cand.trigger = Trigger(cand.trigger.lemma, cand.trigger.pos, new, mode, None)
        cand.mode, cand.acled = mode, None
        cand.modality.discard("future")

    def _prominence(self, tok: Token) -> float:
        """How central the trigger is to its sentence.

        The main clause asserts; a noun in "following the attack" or "after weeks of
        fighting", a clause opened by "after" or "when", and a clause describing a noun
        refer back to something told elsewhere, so they count for less.
        """
        if tok.dep_ == "ROOT" or (tok.dep_ == "conj" and tok.head.dep_ == "ROOT"):
            return 1.05
        if tok.dep_ == "pobj" and tok.head.lower_ in self.lexicon.words("background_preps"):
            return 0.7
        if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in {"of", "for"}:
            return 0.85  # "apologised for the killing", "victims of the attack": the topic
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if tok.dep_ == "advcl" and marks & self.lexicon.words("background_marks"):
            return 0.8  # "withdrew peacekeepers after four soldiers were abducted"
        if tok.dep_ in {"relcl", "acl"}:
            return 0.9  # "freed the blogger, arrested last week": a description
        return 1.0

    def _mention(self, cand: Candidate, sent: Span) -> EventMention:
        acled_type, acled_sub = (
            [*cand.acled.split("|", 1), None][:2] if cand.acled else (None, None)
        )
        confidence = cand.trigger.weight
        confidence += 0.1 if cand.actor_heads else 0.0
        confidence += 0.05 if cand.recipient_heads else 0.0
        if cand.modality & UNREAL:
            confidence *= 0.6
        confidence *= self._prominence(cand.token)
        context = sorted({c for c in cand.context if not c.startswith("light:")})
        return EventMention(
            trigger=sent.doc[cand.token.i : cand.token.i + 1],
            sentence=sent,
            event=cand.trigger.event or "",
            mode=cand.mode,
            context=context,
            acled_event_type=acled_type,
            acled_sub_event_type=acled_sub,
            modality=sorted(cand.modality),
            actor_spans=_phrases(cand.actor_heads),
            recipient_spans=_phrases(cand.recipient_heads),
            confidence=round(min(confidence, 0.99), 3),
        )


def _blame_doers(cand: Candidate, cands: dict[int, Candidate]) -> None:
    """ "condemned the killing of protesters by security forces": the condemnation is
    aimed at whoever did the act it names, when the sentence says who."""
    if cand.trigger.mode != "disapprove":
        return
    for obj in syn.objects(cand.token):
        act = cands.get(obj.i)
        if act is not None and act is not cand and act.actor_heads:
            cand.recipient_heads = list(act.actor_heads)
            return


def _phrases(heads: list[Token]) -> list[Span]:
    """Each head's phrase, once: a name the parser split into several heads ("Bashar",
    "al-Assad") is one participant."""
    out: list[Span] = []
    for span in (syn.noun_phrase(h) for h in heads):
        if all((span.start, span.end) != (s.start, s.end) for s in out):
            out.append(span)
    return out


@Language.factory(
    "eventscope_events",
    default_config={"min_confidence": 0.3},
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_event_stage(nlp: Language, name: str, min_confidence: float) -> EventStage:
    """Factory for :class:`EventStage`."""
    return EventStage(min_confidence=min_confidence)
