"""Which words report an event: a trigger candidate per token, and the filters
that turn figurative, catalogued or non-political uses away.

Part of :class:`~eventscope.stages.events.EventStage`, which mixes in
:class:`Detection`; its methods read ``self.lexicon``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import _syntax as syn
from ..lexicon import Lexicon, Trigger
from .candidate import Candidate, Seen
from .tokens import bare_count

# (verbs, undergoers) lists in filters.json whose pairing makes a verb no event.
_PRESENTING = (
    ("display_verbs", "display_objects"),
    ("publishing_verbs", "media_objects"),
    ("scheduling_verbs", "election_nouns"),
)
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "myself", "yourself", "ourselves"})


class Detection:
    """Finds trigger candidates and rejects uses that report no event."""

    lexicon: Lexicon

    def _candidate(self, token: Token) -> Candidate | None:
        if token.dep_ == "amod" and token.pos_ == "VERB":
            return None  # "the besieged district" describes a state, not an act
        if token.ent_type_ and token.ent_type_ not in {"EVENT", "NORP"}:
            return None  # "March", "Rally Party": names, not acts
        triggers = self.lexicon.candidates(token)
        if not triggers or self._figurative(token) or self._tallied(token):
            return None  # the parse is read only for tokens that could be triggers
        seen: Seen = {}  # one token, many entries: its object words once
        for trig in triggers:
            if self._fits(token, trig, seen):
                return Candidate(token, trig, trig.mode, trig.acled)
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
        return self._party(tok) or bare_count(tok) or quantity or tok.pos_ == "PRON"

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

    def _fits(self, token: Token, trig: Trigger, seen: Seen | None = None) -> bool:
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

    def _non_political(self, cand: Candidate) -> bool:
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
