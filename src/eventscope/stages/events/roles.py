"""Who did it to whom: actors and recipients of an event from subjects, agents,
objects, target prepositions, coordination and the owners of what is hit.

Part of :class:`~eventscope.stages.events.EventStage`, which mixes in
:class:`Roles`; its methods read ``self.lexicon``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .. import _syntax as syn
from ..lexicon import Lexicon, Trigger
from .candidate import Candidate
from .tokens import bare_count, noun_actors, owned, selects, targets, verb_chain


class Roles:
    """Fills an event's actor and recipient heads from the parse."""

    lexicon: Lexicon

    def _fill_roles(self, cand: Candidate) -> None:
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
                *targets(tok),
                *self._addressee(cand),
            ]
            if tok.lemma_.lower() in self.lexicon.words("aimed_verbs"):
                recipients += syn.prep_objects(tok, {"at"})
            if trig.role == "absorb" and not recipients:
                # "vowed to drive the army out", "refused to recognise the envoy": the
                # aim of an act that is no trigger of its own
                clauses = [c for c in tok.children if c.dep_ == "xcomp"]
                recipients = [t for c in clauses for t in targets(c)]
        else:
            actors = cand.actor_heads or noun_actors(
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
            a for a in _expand(actors, quantities) if _participant(a) or (crowd and bare_count(a))
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

    def _addressee(self, cand: Candidate) -> list[Token]:
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
            if owned(obj):
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

    def _content(self, cand: Candidate, tok: Token) -> bool:
        """Whether ``tok`` is what the act is about rather than a party: the object that
        chose the entry ("the sanctions" of "sanctions were lifted"), unless it names
        someone."""
        return selects(cand, tok) and not self._party_head(tok)

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
        self, cand: Candidate, actors: list[Token], recipients: list[Token]
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

    def _carrier(self, cand: Candidate) -> Token | None:
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

    def _reacts_to(self, noun: Token, trig: Trigger) -> bool:
        """Whether the verb taking ``noun`` as its object is an act of another kind
        (condemning, denying, investigating it), whose subject is no doer of the noun."""
        if noun.dep_ != "dobj":
            return False
        return any(t.event not in (None, trig.event) for t in self.lexicon.candidates(noun.head))

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

    def _antecedent(self, subject: Token, trigger: Token) -> Token:
        """ "X said it will…": a pronoun subject under a reporting verb is X; "al-Qaida,
        whose attacks …": the possessive relative stands for the noun the clause is on."""
        if subject.tag_ == "WP$":
            return _clause_noun(subject)
        if subject.lower_ not in self.lexicon.words("pronoun_subjects"):
            return subject
        for head in verb_chain(trigger):
            if head.lemma_.lower() in self.lexicon.words("speech_verbs"):
                speakers = [s for s in syn.subjects(head) if s.pos_ != "PRON"]
                if speakers:
                    return speakers[0]
        return subject

    def _mode_from_subject(self, cand: Candidate, actors: list[Token]) -> None:
        """ "Warplanes struck …": the attacker's means sets the mode when the verb does not."""
        if cand.mode is not None:
            return
        lemmas = {a.lemma_.lower() for a in actors}
        if lemmas & self.lexicon.words("aircraft_words"):
            cand.mode, cand.acled = "aerial", "Explosions/Remote violence|Air/drone strike"
        elif lemmas & self.lexicon.words("heavy_weapon_subjects"):
            cand.mode = "heavy-weapons"
            cand.acled = "Explosions/Remote violence|Shelling/artillery/missile attack"


def _place_owner(place: Token) -> Token | None:
    """The group, people or person that holds an area ("the Islamic State's last
    enclave"), or None: "the town of Kidal" names the town."""
    owners = [c for c in place.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    owners += syn.prep_objects(place, {"of"})
    return next((o for o in owners if o.ent_type_ in {"ORG", "NORP", "PERSON"}), None)


def _participant(tok: Token) -> bool:
    """Dates, times and numbers are never actors or recipients, nor are verbs that the
    parser coordinated with a subject ("the army, using tanks and backed by …")."""
    if tok.pos_ in {"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "ADV"} and not tok.ent_type_:
        return False  # a name the tagger misread as a verb still counts
    return tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY"}


def _relative(tok: Token) -> Token:
    """The noun a relative pronoun stands for: "the prince, whom Turkey accuses of …"
    accuses the prince."""
    if tok.tag_ not in {"WP", "WDT"} or tok.dep_ not in {"dobj", "pobj"}:
        return tok
    return _clause_noun(tok)


def _clause_noun(tok: Token) -> Token:
    """The noun the relative clause holding ``tok`` is on, else ``tok`` itself."""
    clause = next((h for h in tok.ancestors if h.dep_ == "relcl"), None)
    return clause.head if clause is not None else tok


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


def _counted(tok: Token, quantities: frozenset[str]) -> Token:
    for _ in range(3):
        if not (tok.like_num or tok.lower_ in quantities or tok.ent_type_ == "CARDINAL"):
            break
        inner = syn.prep_objects(tok, {"of"})
        if not inner:
            break
        tok = inner[0]
    return tok
