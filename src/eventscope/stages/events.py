"""The events stage: finds event mentions and codes them in PLOVER v0.8.

Rules over the dependency parse, driven by the trigger lexicon in
``data/events/triggers.jsonl``:

1. every verb or noun whose lemma is in the lexicon is a candidate trigger;
2. structure decides what survives: a noun that names the same event as the verb it
   hangs on is merged into it ("killed in an airstrike"); a light verb hands its subject
   to its noun ("staged a protest"); verbs of threatening, accusing, demanding or agreeing
   absorb the action they talk about ("vowed to storm the town" is THREATEN, not ASSAULT);
   "denied attacking" keeps the attack, flagged as negated;
3. roles come from syntax: subjects, passive "by" agents, objects, target prepositions
   (on the trigger or its object), coordination, the addressee of a demand and the
   owner of what an act is aimed at; two-sided fighting makes both sides actors;
   violence by rioters is a riot;
4. modality flags (negated, hypothetical, future, historical, reported) come from
   negation, modal and future auxiliaries, "if" clauses, planning verbs, earlier years
   and reporting verbs;
5. v0.8 modes come from the trigger, or from what the phrase is about: a threat,
   demand or refusal takes its mode from the act it names ("threatened to impose a
   curfew" is THREATEN 'restrict').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .._types import UNREAL
from ..nlp.mentions import EventMention
from . import _syntax as syn
from .lexicon import Lexicon, Trigger, default_lexicon

# (verbs, undergoers) lists in filters.json whose pairing makes a verb no event.
_PRESENTING = (
    ("display_verbs", "display_objects"),
    ("publishing_verbs", "media_objects"),
    ("scheduling_verbs", "election_nouns"),
)
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "myself", "yourself", "ourselves"})
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


#: An entry's object words per (part of speech, particle), for one token.
_Seen = dict[tuple[str, str | None], set[str]]


@dataclass
class _Cand:
    token: Token
    trigger: Trigger
    mode: str | None
    acled: str | None
    actor_heads: list[Token] = field(default_factory=list)
    recipient_heads: list[Token] = field(default_factory=list)
    modality: set[str] = field(default_factory=set)
    dropped: bool = False
    context: list[str] = field(default_factory=list)
    extra_recipients: list[Token] = field(default_factory=list)


class EventStage:
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
        years = [e for e in doc.ents if e.label_ == "DATE" and _YEAR.search(e.text)]
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
            years = [e for e in sent.ents if e.label_ == "DATE" and _YEAR.search(e.text)]
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

    # -- candidates ------------------------------------------------------------------

    def _candidate(self, token: Token) -> _Cand | None:
        if token.dep_ == "amod" and token.pos_ == "VERB":
            return None  # "the besieged district" describes a state, not an act
        if token.ent_type_ and token.ent_type_ not in {"EVENT", "NORP"}:
            return None  # "March", "Rally Party": names, not acts
        triggers = self.lexicon.candidates(token)
        if not triggers or self._figurative(token) or self._tallied(token):
            return None  # the parse is read only for tokens that could be triggers
        seen: _Seen = {}  # one token, many entries: its object words once
        for trig in triggers:
            if self._fits(token, trig, seen):
                return _Cand(token, trig, trig.mode, trig.acled)
        return None

    def _figurative(self, token: Token) -> bool:
        """Verb uses that describe rather than report an act.

        "It is striking how …" judges (a subject "it" standing for a clause); "to arrest
        the slide" and "stem the flow" act on a trend, not on people; "the war is
        restricted to the north" and "areas confined to the coast" say where something
        is; "demonstrating its clout" shows something, and "shot himself" harms no
        one else.  None of them is an event, whatever the verb's entry says.
        """
        if token.pos_ not in {"VERB", "AUX"}:
            return False
        words = self.lexicon.words
        kids = list(token.children)
        undergoers = syn.objects(token)
        objects = {t.lemma_.lower() for t in undergoers}
        if objects & words("trend_objects"):
            return True
        lemma = token.lemma_.lower()
        if self._presents(token, lemma, objects):
            return True
        doers = syn.agents(token)
        if doers and not any(self._can_act(d) for d in doers):
            return True  # "overwhelmed by emotion", "torn apart by grief"
        if lemma in words("display_verbs") and self._shows(token, kids):
            return True  # "the affair demonstrates that …", "what it demonstrates is …"
        if lemma in words("effort_verbs"):
            if any(c.dep_ == "xcomp" for c in kids):
                return True  # "struggling to cope", "scrambling to find shelter"
            withs = syn.prep_objects(token, {"with"})
            if withs and not any(map(self._party, withs)):
                return True  # "struggling with its upkeep", "wrestling with the question"
        feeling = lemma in words("feeling_verbs")
        if feeling and any(not self._can_act(w) for w in syn.prep_objects(token, {"with"})):
            return True  # "burning with anger", "seething with rage"
        if any(t.like_url or t.like_email for t in undergoers):
            return True  # "click here to visit gu.com/letters": a page's furniture
        if lemma == "fire" and any(self._employee(t) for t in undergoers):
            return True  # "fired Jim Mattis", "fired his chief of staff": a dismissal
        if lemma in words("self_harm_verbs") and objects & _REFLEXIVES:
            return True  # "shot himself": a death, not an attack on anyone
        judged = any(c.dep_ == "nsubj" and c.lower_ == "it" for c in kids) and not objects
        if judged and any(c.dep_ in {"ccomp", "csubj"} for c in kids):
            return True  # "it is striking how …", "it is shocking that …"
        if lemma in words("warning_verbs"):
            clauses = [c for c in kids if c.dep_ == "ccomp"]
            if clauses and not any(self._foretells(c) for c in clauses):
                return True  # "agencies warned that 4 million people have been affected"
        descriptive = lemma in words("descriptive_passives")
        if descriptive and any(c.dep_ in {"auxpass", "nsubjpass"} for c in kids):
            return any(c.dep_ == "prep" and c.lower_ == "to" for c in kids)
        return False

    def _shows(self, verb: Token, kids: list[Token]) -> bool:
        """Whether a display verb shows something rather than reports people rallying:
        "demonstrates that …", "what it demonstrates", or a subject that is a thing ("as
        the figures demonstrated"); people ("students", "thousands", "they") demonstrate."""
        if any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.tag_ == "WP") for c in kids):
            return True
        subjects = syn.subjects(verb)
        return bool(subjects) and not any(self._could_rally(t) for t in subjects)

    def _could_rally(self, tok: Token) -> bool:
        """Whether a subject can be people demonstrating: a party, a count, a pronoun."""
        quantity = tok.lower_ in self.lexicon.words("quantity_words")
        return self._party(tok) or _bare_count(tok) or quantity or tok.pos_ == "PRON"

    def _employee(self, tok: Token) -> bool:
        """A person or post one can be dismissed from: "Jim Mattis", "his chief of
        staff", "200 workers"."""
        return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in self.lexicon.words("office_nouns")

    def _presents(self, token: Token, lemma: str, objects: set[str]) -> bool:
        """A verb whose undergoer makes it no act on anyone: "demonstrating Russia's
        clout", "rallied support", "offers a chance" (no protest, no offer); "released a
        video", "the report was released" (no prisoners); "called a snap election",
        "polls called for 24 June" (no request)."""
        undergoers = objects | {t.lemma_.lower() for t in syn.passive_subjects(token)}
        if token.dep_ == "acl":  # the parser's VBD in "polls called for 24 June"
            undergoers.add(token.head.lemma_.lower())
        words = self.lexicon.words
        return any(
            lemma in words(verbs) and undergoers & words(nouns) for verbs, nouns in _PRESENTING
        )

    def _tallied(self, token: Token) -> bool:
        """Event nouns that a text counts or catalogues rather than reports: "the group
        documents shelling and barrel bombs", "arrests and torture made up the bulk of
        the data", "127 (deaths) by aerial attacks".  They name kinds of acts in a tally,
        not an act that happened."""
        if token.pos_ != "NOUN" and token.tag_ != "VBG":
            return False
        head = token
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        gov = head.head
        lemma = gov.lemma_.lower()
        if head.dep_ in {"dobj", "xcomp"} and lemma in self.lexicon.words("documentation_verbs"):
            return True
        if head.dep_ == "nsubj" and lemma in self.lexicon.words("share_verbs"):
            particle = {"make": "up", "account": "for"}.get(lemma)
            return particle is None or any(c.lower_ == particle for c in gov.children)
        return head.dep_ == "pobj" and gov.dep_ == "prep" and gov.head.like_num

    def _object_words(self, token: Token, trig: Trigger) -> set[str]:
        """The words an entry's ``objects`` list is matched against."""
        objects = syn.objects(token)
        objs = {t.lemma_.lower() for t in objects}
        if trig.pos == "VERB" and not any(c.dep_ == "xcomp" for c in token.children):
            # "sanctions were lifted", "the talks were suspended"; not "the visit was
            # meant to show …"
            objs |= {t.lemma_.lower() for t in syn.passive_subjects(token)}
        objs |= {t.lemma_.lower() for t in token.children if t.dep_ in {"amod", "prt"}}
        # "provided $3 million in aid": the sum is given in the kind of thing named
        objs |= {n.lemma_.lower() for o in objects for n in syn.prep_objects(o, {"in"})}
        if trig.prep is not None:  # "walked out of the talks", "withdrew from the talks"
            objs |= {t.lemma_.lower() for t in syn.particle_objects(token, trig.prep)}
        if trig.pos == "NOUN":  # its verb, a noun modifier ("a ground operation"), or
            objs.add(token.head.lemma_.lower())  # what it is of ("a suspension of aid")
            objs |= {t.lemma_.lower() for t in token.children if t.dep_ == "compound"}
            objs |= {t.lemma_.lower() for t in syn.prep_objects(token, {"of", "in"})}
        return objs

    def _fits(self, token: Token, trig: Trigger, seen: _Seen | None = None) -> bool:
        """Check the entry's constraints (objects, particle, subjects); ``seen`` keeps
        the object words of ``token`` between the entries tried on it."""
        if trig.objects is not None:
            cache = {} if seen is None else seen
            key = (trig.pos, trig.prep)
            if key not in cache:
                cache[key] = self._object_words(token, trig)
            if not cache[key] & trig.objects:
                return False
        if trig.prep is not None and not any(
            c.lower_ == trig.prep and c.dep_ in {"prt", "prep", "advmod"} for c in token.children
        ):
            return False
        if trig.subjects is not None:
            subj = {t.lemma_.lower() for t in syn.subjects(token)}
            if not subj & trig.subjects:
                return False
        if trig.pos == "NOUN" and not self._names_an_act(token):
            return False
        if trig.pos == "NOUN" and trig.mode == "strike" and self._military_strike(token):
            return False  # "launched strikes against Damascus": no walkout
        if token.dep_ == "compound" and trig.pos == "NOUN" and token.head.pos_ == "NOUN":
            # "riot police", "protest leaders", "battle trucks", "arrest warrant" name
            # people or things, not an act; "a bombing campaign", "the coup attempt" are
            # acts (and a head that is a trigger itself merges the two later)
            head = token.head
            if self.lexicon.candidates(head):
                return head.lemma_.lower() not in self.lexicon.words("participant_nouns")
            return head.lemma_.lower() in self.lexicon.words("event_container_nouns")
        return True

    # -- structure -------------------------------------------------------------------

    def _apply_structure(self, cands: dict[int, _Cand]) -> None:
        for cand in list(cands.values()):
            tok = cand.token
            if cand.trigger.pos == "NOUN" and tok.dep_ in {"compound", "amod"}:
                head = cands.get(tok.head.i)
                if head is not None:
                    _refine(head, cand)
                    cand.dropped = True
                    continue
            if cand.trigger.modifier_only:
                cand.dropped = True
        for cand in sorted(cands.values(), key=lambda c: c.token.i):
            if cand.dropped:
                continue
            role = cand.trigger.role
            if role == "light":
                self._light(cand, cands)
            elif role in {"absorb", "negate"}:
                self._absorb(cand, cands)
            elif role == "claim":
                self._claim(cand, cands)
        for cand in cands.values():
            if not cand.dropped and cand.trigger.pos == "NOUN":
                self._merge_noun(cand, cands)
        for cand in cands.values():
            if not cand.dropped and cand.token.dep_ in {"relcl", "acl"}:
                self._merge_clause(cand, cands)
        for cand in cands.values():
            if not cand.dropped and cand.token.dep_ == "advcl" and cand.token.tag_ == "VBG":
                self._merge_result(cand, cands)

    def _light(self, verb: _Cand, cands: dict[int, _Cand]) -> None:
        """A light verb lends its subject to the event noun it governs."""
        verb.dropped = True
        nouns = [*syn.objects(verb.token), *syn.prep_objects(verb.token, {"in", "for", "on"})]
        nouns += [of for n in syn.objects(verb.token) for of in syn.prep_objects(n, {"of"})]
        containers = self.lexicon.words("event_container_nouns")
        for noun in nouns:  # "staged a protest", "declared a state of emergency"
            _lend(verb, cands.get(noun.i))
            if noun.i not in cands and noun.lemma_.lower() in containers:
                for mod in (c for c in noun.lefts if c.dep_ == "compound"):
                    _lend(verb, cands.get(mod.i))  # "launched a bombing campaign"
        for noun in syn.passive_subjects(verb.token):
            # "the attack was carried out by …": the "by" phrase did it
            _lend(verb, cands.get(noun.i), actors=syn.agents(verb.token))
        for noun in syn.prep_objects(verb.token, {"under"}):
            # "placed the opposition leader under house arrest": the object undergoes it
            _lend(verb, cands.get(noun.i), syn.objects(verb.token))

    def _claim(self, verb: _Cand, cands: dict[int, _Cand]) -> None:
        """ "X claimed responsibility for the bombing": X is the bombing's actor."""
        verb.dropped = True
        for obj in syn.objects(verb.token):
            for noun in syn.prep_objects(obj, {"for"}) + syn.prep_objects(verb.token, {"for"}):
                # "for the bombing", "for an act of arson", "for a wave of attacks"
                for act in [noun, *syn.prep_objects(noun, {"of"})]:
                    target = cands.get(act.i)
                    if target is not None:
                        target.actor_heads = syn.subjects(verb.token)

    def _absorb(self, cand: _Cand, cands: dict[int, _Cand]) -> None:
        """Threats, accusations, demands and agreements contain the act they are about."""
        disapprove = cand.trigger.mode == "disapprove"
        for child in cand.token.children:
            nominal = child.dep_ in {"dobj", "nsubjpass"}
            if disapprove and nominal:
                continue  # "condemned the airstrikes": the airstrikes did happen
            if child.dep_ not in {"xcomp", "ccomp", "prep", "dobj", "advcl", "pcomp"}:
                continue
            for inner in child.subtree:
                other = cands.get(inner.i)
                if other is None or other is cand or other.dropped:
                    continue
                if cand.trigger.role == "negate" and other.trigger.event not in self.lexicon.words(
                    "deniable_claims"
                ):
                    other.modality.add("negated")
                    cand.dropped = True
                    continue
                other.dropped = True
                self._take_content(cand, other)

    def _take_content(self, cand: _Cand, inner: _Cand) -> None:
        if inner.trigger.role == "light":
            return  # "agreed to hold talks with X": the noun it governs carries the act
        if cand.trigger.event == "AGREE" and inner.trigger.event in {"CONCEDE", "RETREAT"}:
            # the manual: a promised concession or retreat is CONCEDE ("agreed to ease
            # the curfew", "pledged to pull out"), not AGREE
            cand.trigger = replace(cand.trigger, event="CONCEDE", mode=None)
            cand.mode = None
        if cand.mode is None:
            cand.mode = self._content_mode(cand.trigger.event, inner.trigger, inner.mode)
        objects = syn.objects(cand.token)
        own = [  # "agreed with Tokyo to …"
            r for r in self._prep_recipients(cand.token, cand.trigger) if self._owner(r)
        ]
        if not cand.recipient_heads and not own and (not objects or inner.token in objects):
            # "accused X of shelling Y" keeps X; "pledged support for Y" takes Y
            found = self._addressee(cand) or [
                *_targets(inner.token),
                *self._prep_recipients(inner.token, inner.trigger),
            ]
            harm = inner.trigger.event in self.lexicon.words("harm_events")
            # "promised to lift the state of emergency": what is lifted is no party
            found = [r for r in found if not self._content(inner, r)]
            cand.recipient_heads = [r for r in found if self._owner(r, harm) is not None]
        if inner.trigger.pos == "NOUN" and inner.trigger.event == "AGREE":
            cand.context.append(inner.token.lemma_.lower())
            if cand.acled is None:
                cand.acled = inner.acled

    def _content_mode(self, event: str | None, inner: Trigger, mode: str | None) -> str | None:
        """The v0.8 mode of a threat, demand or refusal, from the act it is about:
        threatening a curfew is 'restrict', demanding a prisoner release 'yield'."""
        modes = self.lexicon.mapping("content_modes", event or "")
        keys = [f"{inner.event}:{mode}", f"{inner.event}:territory" if inner.territory else ""]
        return next((modes[k] for k in [*keys, inner.event or ""] if k in modes), None)

    def _own_mode(self, cand: _Cand) -> None:
        """Event and mode details the trigger word leaves open and its phrase decides:
        violence by rioters is a riot; what a mobilisation readies ("put missiles on
        alert" is 'weapons'); whether a threat without an act of its own is of violence
        ("threatened military action")."""
        tok, event = cand.token, cand.trigger.event
        rioters = self.lexicon.words("rioter_words")
        if event == "ASSAULT" and {a.lemma_.lower() for a in cand.actor_heads} & rioters:
            # "rioters torched cars", "protesters clashed with police": a riot (PLOVER)
            # and a violent demonstration (ACLED), not an armed assault
            cand.trigger = replace(cand.trigger, event="PROTEST", mode="riot")
            cand.mode, cand.acled = "riot", "Riots|Violent demonstration"
            return
        if event == "MOBILIZE":
            words = {t.lemma_.lower() for t in [*syn.objects(tok), *cand.actor_heads]}
            for mode in ("weapons", "police", "militia"):
                if words & self.lexicon.table("mobilize_modes", mode):
                    cand.mode = mode
                    return
        if event == "CONSULT" and cand.mode is None:
            means = syn.prep_objects(tok, {"by", "over", "via"})
            if {m.lemma_.lower() for m in means} & self.lexicon.words("remote_channels"):
                cand.mode = "phone"  # "talked by phone", "met over videolink"
                return
        if event == "THREATEN" and cand.mode is None:
            nouns = [*syn.objects(tok), *syn.prep_objects(tok, {"with", "of"})]
            if {n.lemma_.lower() for n in nouns} & self.lexicon.words("violence_nouns"):
                cand.mode = "violence"

    def _addressee(self, cand: _Cand) -> list[Token]:
        """ "demanded that the government release …": who is asked is the clause's subject."""
        if cand.trigger.event != "REQUEST":
            return []
        clauses = [c for c in cand.token.children if c.dep_ == "ccomp"]
        return [s for c in clauses for s in syn.subjects(c) if self._party(s)]

    def _prep_recipients(self, tok: Token, trig: Trigger) -> list[Token]:
        """Objects of the event's recipient prepositions, on the trigger or on its object.

        "talks with the rebels", and through the object: "signed an agreement with
        Somalia", "pledged support for the government".
        """
        entries = self.lexicon.table("recipient_preps", trig.event or "")
        preps = {p for p in entries if " " not in p}
        out = [r for r in syn.prep_objects(tok, preps) if not self._posting(r)]
        for phrase in entries - preps:  # "demonstrated in front of the electoral commission"
            out += syn.phrase_objects(tok, phrase.split())
        objects = syn.objects(tok)
        if trig.prep is not None and trig.objects is not None:
            objects = objects + syn.particle_objects(tok, trig.prep)  # "walked out of talks with X"
        # "provided $3 million in aid to Lebanon": the sum's kind carries the phrase
        objects = objects + [n for o in objects for n in syn.prep_objects(o, {"in"})]
        posted = self.lexicon.words("posting_nouns")
        for obj in objects:
            if _owned(obj):
                continue
            # "received the ambassador to Bahrain": "to" names the envoy's posting
            own = preps - {"to"} if obj.lemma_.lower() in posted else preps
            out.extend(syn.prep_objects(obj, own))
        return out

    def _posting(self, pobj: Token) -> bool:
        """Whether a "to" phrase the parser hung on the verb names where the envoy just
        before it serves ("received the UAE ambassador to Bahrain")."""
        prep = pobj.head
        if prep.lower_ != "to" or prep.i == 0:
            return False
        before = prep.doc[prep.i - 1]
        return before.dep_ == "dobj" and before.lemma_.lower() in self.lexicon.words(
            "posting_nouns"
        )

    def _merge_noun(self, noun: _Cand, cands: dict[int, _Cand]) -> None:
        """Fold an event noun into the verb it hangs on when both name one event."""
        head = noun.token.head
        if noun.token.dep_ == "pobj":
            head = head.head
        verb = cands.get(head.i)
        if verb is None or verb is noun:
            if noun.trigger.weight < 0.6 and not self._supported(noun):
                noun.dropped = True
            return
        if verb.dropped or verb.trigger.event != noun.trigger.event:
            if verb.trigger.event is not None and _selects(verb, noun.token):
                # "suspended talks", "cut aid": the activity stops; "sanctions were
                # lifted": the noun is what the verb's act is about
                noun.dropped = True
            elif noun.trigger.weight < 0.6 and not self._supported(noun):
                noun.dropped = True
            return
        _refine(verb, noun)
        if noun.token.dep_ in {"nsubj", "nsubjpass"} or noun.token.head.lower_ in {"by", "in"}:
            # "an airstrike by Turkish jets killed …", "killed in a coalition airstrike",
            # "clashes between the army and the RSF killed …"
            sides = syn.prep_objects(noun.token, {"between", "with"})
            found = sides if noun.trigger.role == "fight" else []
            found = found or _noun_actors(noun.token, agents=self.lexicon.words("agent_modifiers"))
            verb.actor_heads = verb.actor_heads or found
        noun.dropped = True

    def _merge_clause(self, verb: _Cand, cands: dict[int, _Cand]) -> None:
        """ "the bombing that killed 14": the clause's verb and its noun are one event."""
        noun = cands.get(verb.token.head.i)
        if noun is None or noun.trigger.event != verb.trigger.event:
            return
        _refine(verb, noun)
        verb.actor_heads = (
            verb.actor_heads
            or noun.actor_heads
            or _noun_actors(noun.token, agents=self.lexicon.words("agent_modifiers"))
        )
        noun.dropped = True

    def _merge_result(self, result: _Cand, cands: dict[int, _Cand]) -> None:
        """ "shelled the town, killing 25": the participle reports the attack's toll.

        ACLED and PLOVER code one event with the victims as recipients, not a second
        attack; only result verbs without a means of their own are folded in.
        """
        head = cands.get(result.token.head.i)
        if head is None or head.dropped or result.trigger.mode is not None:
            return
        if head.trigger.event != "ASSAULT" or result.trigger.event != "ASSAULT":
            return
        if result.token.lemma_.lower() not in self.lexicon.words("result_verbs"):
            return
        head.extra_recipients.extend(syn.objects(result.token))
        result.dropped = True

    def _supported(self, noun: _Cand) -> bool:
        """A weak event noun counts only as the subject/object of an occurrence verb."""
        head = noun.token.head
        if noun.token.dep_ == "nsubj" and head.lemma_.lower() in self.lexicon.words(
            "passive_occurrence_verbs"
        ):
            return False  # "talks were held" happened; "the ceasefire held" lasted
        return (
            noun.token.dep_ in {"nsubj", "nsubjpass", "dobj"}
            and head.lemma_.lower() in self.lexicon.words("occurrence_verbs")
        ) or any("light:" in c for c in noun.context)

    # -- roles -----------------------------------------------------------------------

    def _fill_roles(self, cand: _Cand) -> None:
        tok, trig = cand.token, cand.trigger
        if trig.pos == "VERB":
            actors = cand.actor_heads or [*syn.subjects(tok), *syn.agents(tok)]
            if any(a.lower_ == "who" for a in actors):
                actors = [tok.head.head] if tok.dep_ == "relcl" else []
            undergoers = syn.passive_subjects(tok)
            recipients = cand.recipient_heads or [
                *undergoers,
                # "sanctions against Iran were lifted": aimed at Iran
                *(r for u in undergoers for r in syn.prep_objects(u, {"against", "on"})),
                *_targets(tok),
                *self._addressee(cand),
            ]
            if tok.lemma_.lower() in self.lexicon.words("aimed_verbs"):
                recipients += syn.prep_objects(tok, {"at"})
            if trig.role == "absorb" and not recipients:
                # "vowed to drive the army out", "refused to recognise the envoy": the
                # aim of an act that is no trigger of its own
                clauses = [c for c in tok.children if c.dep_ == "xcomp"]
                recipients = [t for c in clauses for t in _targets(c)]
        else:
            actors = cand.actor_heads or _noun_actors(
                tok, self.lexicon.words("agency_verbs"), self.lexicon.words("agent_modifiers")
            )
            if not cand.actor_heads and self._reacts_to(tok, trig):
                # "the US condemned the attack": the US did not attack
                reactors = syn.subjects(tok.head)
                actors = [a for a in actors if a not in reactors]
            aimed = {"against", "on", "upon"}
            recipients = cand.recipient_heads or syn.prep_objects(tok, aimed)
            if not recipients and tok.dep_ == "compound":  # "a bombing campaign against X"
                recipients = syn.prep_objects(tok.head, aimed)
            if not actors and self._motive(tok):  # "shopkeepers closed shops in protest"
                actors = syn.subjects(tok.head.head)
            carrier = self._carrier(cand)
            if carrier is not None:
                # "opened an investigation into X", "declared a truce with X": the
                # parser hangs the noun's phrases on the verb that carries it
                actors = actors or syn.subjects(carrier)
                if not cand.recipient_heads:
                    recipients = recipients or syn.prep_objects(carrier, aimed)
                    recipients += self._prep_recipients(carrier, trig)
            if trig.event in self.lexicon.words("harm_events"):
                recipients = [*recipients, *syn.prep_objects(tok, {"of"})]  # "the killing of X"
        if trig.role == "fight":
            actors, recipients = self._fight(cand, actors, recipients)
            trig = cand.trigger
        if trig.event == "ASSAULT":
            weapons = self.lexicon.words("weapon_words")
            places = self.lexicon.words("place_nouns")
            # a place is where the attack happened, not whom it hit, unless a party
            # owns it ("raided the offices of a newspaper")
            recipients = [_place_owner(r) if r.lemma_.lower() in places else r for r in recipients]
            recipients = [
                r
                for r in recipients
                if r is not None
                and r.ent_type_ not in {"GPE", "LOC", "FAC"}
                and r.lemma_.lower() not in weapons | places
            ]
            self._mode_from_subject(cand, actors)
            verbal = tok.lemma_.lower() in self.lexicon.words("verbal_attack_verbs")
            abstract = self.lexicon.words("abstract_objects")
            if any(r.lemma_.lower() in abstract for r in recipients) or (
                verbal and self._said_in(tok)
            ):
                # "attacked the budget" and "attacked the opposition on television" are
                # criticism; "battled inflation" is no event at all
                event = "ACCUSE" if verbal else None
                cand.trigger = Trigger(tok.lemma_, trig.pos, event, "disapprove", None)
                cand.mode, cand.acled = "disapprove", None
        recipients = [*recipients, *cand.extra_recipients]
        withdrawal = cand.mode == "withdraw"
        if withdrawal or trig.event == "MOBILIZE":
            # the troops or envoys withdrawn or deployed are the actor's own ("recalled the
            # ambassador"; "soldiers who were deployed to the border" are the force that
            # moved); whom they are withdrawn from comes below
            withdrawn = self.lexicon.words("withdrawn_nouns")
            own = [r for r in recipients if r.lemma_.lower() in withdrawn]
            recipients = [r for r in recipients if r not in own]
            if not actors and trig.event == "MOBILIZE":
                actors = [r for r in own if r.dep_ in {"nsubjpass", "nsubj"} or r.i < tok.i]
        if trig.territory:
            recipients = [*recipients, *syn.prep_objects(tok, {"from"})]
        elif withdrawal:  # "recalled its ambassador from Montenegro"
            recipients += [
                r for o in [tok, *syn.objects(tok)] for r in syn.prep_objects(o, {"from"})
            ]
        if not cand.recipient_heads:
            # "called on the UN to …", "sent aid to Yemen", "an agreement with Somalia"
            recipients += [r for r in self._prep_recipients(tok, trig) if r not in recipients]
        # "clashes killed dozens": the act's own name is no actor
        actors = [self._antecedent(a, tok) for a in actors if not self._names_act(a, trig)]
        actors = [a for a in actors if self._can_act(a) and not self._medium(a)]
        quantities = self.lexicon.words("quantity_words")
        crowd = trig.event in self.lexicon.words("crowd_events")
        cand.actor_heads = [
            a for a in _expand(actors, quantities) if _participant(a) or (crowd and _bare_count(a))
        ]
        harm = trig.event in self.lexicon.words("harm_events")
        recipients = [_relative(r) for r in recipients if not self._medium(r)]
        parties = [self._owner(r, harm) for r in _expand(recipients, quantities)]
        # "US sanctions were lifted on X": the sanctions are what the act is about, not a
        # party, even with a country in front of them
        parties = [p for p in parties if p is None or not self._content(cand, p)]
        cand.recipient_heads = [
            r
            for r in dict.fromkeys(p for p in parties if p is not None)
            if r not in cand.actor_heads and _participant(r)
        ]

    def _content(self, cand: _Cand, tok: Token) -> bool:
        """Whether ``tok`` is what the act is about rather than a party: the object that
        chose the entry ("the sanctions" of "sanctions were lifted"), unless it names
        someone."""
        return _selects(cand, tok) and not self._party_head(tok)

    def _names_an_act(self, noun: Token) -> bool:
        """Whether an event noun names an act here: "a panic attack" and "a heart
        attack" are illnesses, and "resigned in protest" gives the motive of an act
        named by its verb, not a second act ("closed their shops in protest" keeps it:
        the closing is no event of its own)."""
        words = self.lexicon.words
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in {"compound", "amod"}}
        if mods & words("illness_modifiers"):
            return False
        traded = noun.head.head.lemma_.lower() in words("trade_nouns")
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and traded:
            return False  # "the sale of Patriot missiles", "a shipment of rockets"
        if not self._motive(noun):
            return True
        verb = self._candidate(noun.head.head)
        return verb is None or verb.trigger.event is None

    def _military_strike(self, noun: Token) -> bool:
        """Whether "strike" is a military one: aimed at a place or a military target,
        or launched by a state or armed force ("the US launched strikes against
        Damascus"; "workers staged a strike against the reform" is a walkout)."""
        aimed = {"against", "on", "targeting"}
        carrier = noun.head if noun.dep_ == "dobj" else None
        targets = syn.prep_objects(noun, aimed)
        if carrier is not None:
            targets += syn.prep_objects(carrier, aimed)
        military = self.lexicon.words("military_targets") | self.lexicon.words("place_nouns")
        if any(
            t.ent_type_ in {"GPE", "LOC", "FAC"} or t.lemma_.lower() in military for t in targets
        ):
            return True
        doers = syn.subjects(carrier) if carrier is not None else []
        armed = self.lexicon.words("armed_doers") | self.lexicon.words("aircraft_words")
        return any(d.ent_type_ == "GPE" or d.lemma_.lower() in armed for d in doers)

    def _motive(self, noun: Token) -> bool:
        """Whether a bare "in protest" / "in solidarity" phrase says why its verb's
        subject acted."""
        bare = not any(c.dep_ in {"det", "poss", "amod", "compound"} for c in noun.children)
        return (
            bare
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "in"
            and noun.lemma_.lower() in self.lexicon.words("manner_nouns")
        )

    def _medium(self, tok: Token) -> bool:
        """A medium named as such, no party: "asked on Twitter", "talked by phone"
        ("a lawsuit against Facebook" names the company)."""
        return tok.lemma_.lower() in self.lexicon.words("channel_nouns") and (
            tok.dep_ == "pobj" and tok.head.lower_ in {"on", "by", "via", "over"}
        )

    def _said_in(self, verb: Token) -> bool:
        """Whether the verb's act was done in words: "on television", "in a speech"."""
        media = self.lexicon.words("channel_nouns") | self.lexicon.words("discourse_nouns")
        places = [
            p
            for t in [verb, *syn.objects(verb)]  # the parser often hangs it on the object
            for p in syn.prep_objects(t, {"on", "in", "during"})
        ]
        return any(p.lemma_.lower() in media for p in places)

    def _fight(
        self, cand: _Cand, actors: list[Token], recipients: list[Token]
    ) -> tuple[list[Token], list[Token]]:
        """Two-sided fighting: both sides are actors (PLOVER), the "with", "between" or
        "against" phrase and, for a verb, its object ("the army fought the rebels").

        Fighting corruption or an election is no violence at all, and clashing with
        someone's assessment is criticism of its owner (ACCUSE).
        """
        tok, trig = cand.token, cand.trigger
        words = self.lexicon.words
        sides = syn.prep_objects(tok, {"with", "between", "among", "against"})
        if not sides and tok.dep_ in {"nsubj", "nsubjpass"}:
            sides = syn.prep_objects(tok.head, {"with", "between", "among"})
        objects = syn.objects(tok) if trig.pos == "VERB" else []
        if any(
            o.lemma_.lower() in words("abstract_objects") | words("election_nouns") for o in objects
        ):
            cand.trigger = replace(trig, event=None)
            return actors, []
        if any(s.lemma_.lower() in words("abstract_objects") for s in sides):
            cand.trigger = replace(trig, event="ACCUSE", mode="disapprove", acled=None)
            cand.mode, cand.acled = "disapprove", None
            return [a for a in actors if a not in sides], sides
        # "fought an insurgency against the state"; "fought with air cover": means
        sides += [*objects, *(s for o in objects for s in syn.prep_objects(o, {"against"}))]
        sides = [s for s in sides if self._party(s)]
        return [*actors, *sides], [r for r in recipients if r.dep_ == "nsubjpass"]

    def _carrier(self, cand: _Cand) -> Token | None:
        """The verb whose object an event noun is, where that verb only carries the act:
        a light verb ("launched an attack") or one the noun's entry asks for ("opened
        an investigation", "declared a ceasefire")."""
        tok, trig = cand.token, cand.trigger
        if tok.dep_ != "dobj" or tok.head.pos_ not in {"VERB", "AUX"}:
            return None
        lemma = tok.head.lemma_.lower()
        if f"light:{lemma}" in cand.context or lemma in (trig.objects or ()):
            return tok.head
        return None

    def _foretells(self, clause: Token) -> bool:
        """Whether a reported clause speaks of what is yet to come ("would retaliate",
        "is going to strike", "plans to attack"): only such a warning is a threat."""
        words = self.lexicon.words
        modal = words("future_aux") | words("hypothetical_aux") | {"must", "going"}
        chain = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
        if any(c.dep_ == "aux" and c.lower_ in modal for t in chain for c in t.children):
            return True
        return any(t.lemma_.lower() in words("planning_verbs") for t in chain) or (
            clause.tag_ == "VB"  # "warned that they stay away": a command
        )

    def _reacts_to(self, noun: Token, trig: Trigger) -> bool:
        """Whether the verb taking ``noun`` as its object is an act of another kind
        (condemning, denying, investigating it), whose subject is no doer of the noun."""
        if noun.dep_ != "dobj":
            return False
        return any(t.event not in (None, trig.event) for t in self.lexicon.candidates(noun.head))

    def _can_act(self, tok: Token) -> bool:
        """Whether a noun can be the doer of an act: "anarchy overcomes", "the move
        follows condemnation" and "efforts to stamp it out" name no actor.  Names and
        pronouns always can."""
        if tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_:
            return True
        lemma = tok.lemma_.lower()
        words = self.lexicon.words
        return lemma not in words("non_acting_nouns") and lemma not in words("abstract_objects")

    def _names_act(self, tok: Token, trig: Trigger) -> bool:
        """Whether ``tok`` is a noun naming an act of the trigger's own event type."""
        if tok.pos_ != "NOUN" or self._party_head(tok):
            return False  # "a suicide bomber attacked …" names a person
        return any(t.event == trig.event for t in self.lexicon.candidates(tok))

    def _owner(self, tok: Token, harm: bool = False) -> Token | None:
        """The party a recipient phrase names, or None where it names none.

        A party stands for itself; content owned by a party stands for its owner
        ("rejected Hamas's proposal" is aimed at Hamas, "froze the assets of three
        officials" at the officials).  An "of" phrase names the owner only on an object,
        or on any target of a harmful act ("the assault on the last bastion of Isis"):
        "met … on the sidelines of the summit" aims at nobody.
        """
        if self._party_head(tok):
            return tok
        if tok.lemma_.lower() in self.lexicon.words("place_nouns"):
            return None  # "the village of Keshma" names a place, not its owner
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ != "PRON" and self._party(child):
                return child
        if harm or tok.dep_ in {"dobj", "nsubjpass"}:
            # "the assets of three officials", "calls from the opposition"
            for owner in syn.prep_objects(tok, {"of", "from", "by"}):
                if self._party(owner):
                    return owner
        return tok if self._party(tok) else None

    def _party_head(self, tok: Token) -> bool:
        """A word that names a party by itself; the small model leaves some names untyped
        ("met German Chancellor Scholz")."""
        if tok.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or self._party_noun(tok):
            return True
        if tok.ent_type_:
            return False
        if _acronym(tok):
            return True  # "the LTTE", which the tagger may call a plural noun
        # a capitalised word inside a sentence is a name even when the tagger calls it a
        # common noun ("ties with Seychelles")
        return tok.is_title and (
            tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and not tok.is_sent_start)
        )

    def _party_noun(self, tok: Token) -> bool:
        return tok.lemma_.lower() in self.lexicon.words("participant_nouns")

    def _party(self, tok: Token) -> bool:
        """Whether a recipient names someone: a person, group, organisation or state.

        "Imposed sanctions", "lifted a restriction", "returned six artifacts" have
        objects that are the content of the act, not its target.
        """
        if self._party_head(tok):
            return True
        if tok.lemma_.lower() in self.lexicon.words("place_nouns"):
            return False  # "arrested on a Turkish beach": where, not whom
        return any(
            c.ent_type_ in {"NORP", "GPE", "ORG"}
            or (c.dep_ == "compound" and (self._party_noun(c) or _bare_name(c)))
            for c in tok.lefts
        )  # "Russian embassy", "government positions", "LTTE camps"; not "military aid"

    def _antecedent(self, subject: Token, trigger: Token) -> Token:
        """ "X said it will…": a pronoun subject under a reporting verb is X; "al-Qaida,
        whose attacks …": the possessive relative stands for the noun the clause is on."""
        if subject.tag_ == "WP$":
            return _clause_noun(subject)
        if subject.lower_ not in self.lexicon.words("pronoun_subjects"):
            return subject
        for head in _verb_chain(trigger):
            if head.lemma_.lower() in self.lexicon.words("speech_verbs"):
                speakers = [s for s in syn.subjects(head) if s.pos_ != "PRON"]
                if speakers:
                    return speakers[0]
        return subject

    def _mode_from_subject(self, cand: _Cand, actors: list[Token]) -> None:
        """ "Warplanes struck …": the attacker's means sets the mode when the verb does not."""
        if cand.mode is not None:
            return
        lemmas = {a.lemma_.lower() for a in actors}
        if lemmas & self.lexicon.words("aircraft_words"):
            cand.mode, cand.acled = "aerial", "Explosions/Remote violence|Air/drone strike"
        elif lemmas & self.lexicon.words("heavy_weapon_subjects"):
            cand.mode = "heavy-weapons"
            cand.acled = "Explosions/Remote violence|Shelling/artillery/missile attack"

    def _non_political(self, cand: _Cand) -> bool:
        """Disasters, accidents, ordinary crime and commentary are not events.

        "Landslides blocked the road" is no protest; "the conflict has killed 300,000"
        is a running toll, not an attack; "experts warn" is no threat.
        """
        causes = self.lexicon.words("non_political_causes")
        actors = {a.lemma_.lower() for a in [*cand.actor_heads, *syn.subjects(cand.token)]}
        if actors & (causes | self.lexicon.words("non_political_actors")):
            return True  # "a fire killed nine workers", but "killed by sniper fire" stays
        event = cand.trigger.event
        if event == "THREATEN" and actors & self.lexicon.words("commentator_words"):
            return True
        if event != "ASSAULT":
            return False
        if actors & self.lexicon.words("background_subjects"):
            return True
        near = syn.prep_objects(cand.token, {"in", "by", "from", "during", "after"})
        return any(t.lemma_.lower() in causes for t in near)

    # -- modality --------------------------------------------------------------------

    def _modality(self, tok: Token, sent: Span, year: int | None, dated: list[Span]) -> set[str]:
        words = self.lexicon.words
        flags: set[str] = set()
        chain = [tok, *_verb_chain(tok)]
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

    def _intent(self, cand: _Cand) -> None:
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

    # -- output ----------------------------------------------------------------------

    def _mention(self, cand: _Cand, sent: Span) -> EventMention:
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


def _refine(keep: _Cand, other: _Cand) -> None:
    """Take the more specific mode and ACLED sub-type of two views of one event."""
    if other.mode and (keep.mode is None or keep.trigger.mode is None):
        keep.mode = other.mode
        if other.acled:
            keep.acled = other.acled
    elif other.acled and keep.acled and keep.acled.startswith("Battles") and other.mode:
        keep.acled = other.acled


def _selects(verb: _Cand, noun: Token) -> bool:
    """Whether ``noun`` is the object that chose the verb's entry ("talks" for
    "broke off talks"), rather than any noun near it."""
    wanted = verb.trigger.objects
    return wanted is not None and noun.lemma_.lower() in wanted


def _targets(tok: Token) -> list[Token]:
    """Who or what an action is aimed at: objects, target prepositions, 'targeting X'.

    Prepositions on the object count too: "imposed sanctions on Lebanon".
    """
    out = [*syn.objects(tok), *syn.prep_objects(tok, {"against", "on", "upon"})]
    for obj in syn.objects(tok):
        if not _owned(obj):
            out.extend(syn.prep_objects(obj, {"against", "on", "upon"}))
    for child in tok.children:
        if child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in {"target", "hit"}:
            out.extend(syn.objects(child))
    return out


def _lend(
    verb: _Cand,
    target: _Cand | None,
    recipients: list[Token] | None = None,
    actors: list[Token] | None = None,
) -> None:
    """Give an event noun the light verb's subject (or ``actors``) as actor, and where
    the verb's object undergoes the act, that object as recipient."""
    if target is None or target.dropped:
        return
    target.actor_heads = target.actor_heads or actors or syn.subjects(verb.token)
    target.recipient_heads = target.recipient_heads or list(recipients or [])
    target.context.append("light:" + verb.token.lemma_)


def _blame_doers(cand: _Cand, cands: dict[int, _Cand]) -> None:
    """ "condemned the killing of protesters by security forces": the condemnation is
    aimed at whoever did the act it names, when the sentence says who."""
    if cand.trigger.mode != "disapprove":
        return
    for obj in syn.objects(cand.token):
        act = cands.get(obj.i)
        if act is not None and act is not cand and act.actor_heads:
            cand.recipient_heads = list(act.actor_heads)
            return


def _place_owner(place: Token) -> Token | None:
    """The group, people or person that holds an area ("the Islamic State's last
    enclave"), or None: "the town of Kidal" names the town."""
    owners = [c for c in place.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    owners += syn.prep_objects(place, {"of"})
    return next((o for o in owners if o.ent_type_ in {"ORG", "NORP", "PERSON"}), None)


def _owned(obj: Token) -> bool:
    """An object a named party owns ("the army's use of force against demonstrators"):
    the act is aimed at the owner, not at whatever the object itself is aimed at."""
    return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in obj.children)


def _noun_actors(
    noun: Token, agency_verbs: frozenset[str] = frozenset(), agents: frozenset[str] = frozenset()
) -> list[Token]:
    """Actors of an event noun: "by" phrase, possessor, or a national/organisational
    modifier, or one of the ``agents`` words ("a coalition airstrike", "a police raid")."""
    found = syn.agents(noun)
    if found:
        return found
    for child in noun.lefts:
        if child.dep_ == "poss":
            return [child]
        if child.dep_ == "amod" and child.ent_type_ in {"NORP", "GPE"}:
            return [child]
        if child.dep_ == "compound" and child.ent_type_ in {"NORP", "ORG", "GPE"}:
            return [child]
        if child.dep_ == "compound" and child.lemma_.lower() in agents:
            return [child]
    head = noun.head
    if noun.dep_ == "dobj" and head.pos_ == "VERB":
        return syn.subjects(head)
    if noun.dep_ == "pobj" and head.lower_ in {"after", "during", "following", "in", "amid"}:
        verb = head.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in agency_verbs:
            return syn.subjects(verb)  # "declared victory after a nine-month offensive"
    return []


def _participant(tok: Token) -> bool:
    """Dates, times and numbers are never actors or recipients, nor are verbs that the
    parser coordinated with a subject ("the army, using tanks and backed by …")."""
    if tok.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV"} and not tok.ent_type_:
        return False  # a name the tagger misread as a verb still counts
    return tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}


def _phrases(heads: list[Token]) -> list[Span]:
    """Each head's phrase, once: a name the parser split into several heads ("Bashar",
    "al-Assad") is one participant."""
    out: list[Span] = []
    for span in (syn.noun_phrase(h) for h in heads):
        if all((span.start, span.end) != (s.start, s.end) for s in out):
            out.append(span)
    return out


def _bare_name(tok: Token) -> bool:
    """A proper noun the recogniser left untyped ("LTTE" in "LTTE camps")."""
    return (tok.pos_ == "PROPN" or _acronym(tok)) and not tok.ent_type_


def _acronym(tok: Token) -> bool:
    return tok.is_upper and tok.is_alpha and len(tok) > 1 and tok.pos_ in {"PROPN", "NOUN"}


def _relative(tok: Token) -> Token:
    """The noun a relative pronoun stands for: "the prince, whom Turkey accuses of …"
    accuses the prince."""
    if tok.tag_ not in {"WP", "WDT"} or tok.dep_ not in {"dobj", "pobj"}:
        return tok
    return _clause_noun(tok)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _clause_noun(tok: Token) -> Token:
    """The noun the relative clause holding ``tok`` is on, else ``tok`` itself."""
    clause = next((h for h in tok.ancestors if h.dep_ == "relcl"), None)
    return clause.head if clause is not None else tok


def _bare_count(tok: Token) -> bool:
    """A number standing for people ("thousands rallied", "about 300 marched"); a
    count with an "of" phrase has already given way to what it counts."""
    return tok.like_num or tok.ent_type_ == "CARDINAL"


def _expand(heads: list[Token], quantities: frozenset[str] = frozenset()) -> list[Token]:
    """Each head plus its coordinated heads, without pronouns, in order, once.

    Quantities give way to what they count: "tens of thousands of protesters" names
    the protesters.
    """
    out: list[Token] = []
    for head in heads:
        head = _counted(head, quantities)
        for tok in syn.conjuncts(head):
            if tok.pos_ == "PRON" or tok in out:
                continue
            out.append(tok)
    return out


def _conditional(clause: Token, marks: frozenset[str]) -> bool:
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in marks for c in clause.children
    )


def _counted(tok: Token, quantities: frozenset[str]) -> Token:
    for _ in range(3):
        if not (tok.like_num or tok.lower_ in quantities or tok.ent_type_ == "CARDINAL"):
            break
        inner = syn.prep_objects(tok, {"of"})
        if not inner:
            break
        tok = inner[0]
    return tok


def _verb_chain(tok: Token) -> list[Token]:
    """The governing verbs of ``tok`` up to its clause, nearest first."""
    out = []
    current = tok
    for _ in range(4):
        if current.head.i == current.i:
            break
        if current.dep_ in {
            "xcomp",
            "ccomp",
            "advcl",
            "pcomp",
            "pobj",
            "prep",
            "dobj",
            "conj",
            "nsubj",
            "nsubjpass",
        }:
            current = current.head
            out.append(current)
        else:
            break
    return out


def _dated_before(tok: Token, sent: Span, year: int, dates: list[Span]) -> bool:
    """True when the date nearest the trigger names an earlier year ("in March 2015")."""
    if not dates:
        return False
    nearest = min(dates, key=lambda e: abs(e.start - tok.i))
    before = sent.doc[max(nearest.start - 2, sent.start) : nearest.start]
    if any(t.lower_ in {"since", "than"} for t in before):
        return False  # "the deadliest since the 2012 rebellion" compares, it does not date
    years = [int(y) for y in _YEAR.findall(nearest.text)]
    return bool(years) and max(years) < year


@Language.factory(
    "eventscope_events",
    default_config={"min_confidence": 0.3},
    assigns=["doc._.events"],
    requires=["token.dep", "token.lemma", "doc.ents"],
)
def make_event_stage(nlp: Language, name: str, min_confidence: float) -> EventStage:
    """Factory for :class:`EventStage`."""
    return EventStage(min_confidence=min_confidence)
