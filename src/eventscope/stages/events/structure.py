"""How candidates in one sentence combine: a noun merged into the verb that names
the same event, a light verb handing over its subject, a speech act absorbing the
act it talks about.

Part of :class:`~eventscope.stages.events.EventStage`, which mixes in
:class:`Structure`; its methods read ``self.lexicon``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from .. import _syntax as syn
from ..lexicon import Lexicon, Trigger
from .candidate import Candidate
from .tokens import noun_actors, selects, targets


class Structure:
    """Merges and absorbs the candidates of one sentence."""

    lexicon: Lexicon

    def _apply_structure(self, cands: dict[int, Candidate]) -> None:
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

    def _light(self, verb: Candidate, cands: dict[int, Candidate]) -> None:
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

    def _claim(self, verb: Candidate, cands: dict[int, Candidate]) -> None:
        """ "X claimed responsibility for the bombing": X is the bombing's actor."""
        verb.dropped = True
        for obj in syn.objects(verb.token):
            for noun in syn.prep_objects(obj, {"for"}) + syn.prep_objects(verb.token, {"for"}):
                # "for the bombing", "for an act of arson", "for a wave of attacks"
                for act in [noun, *syn.prep_objects(noun, {"of"})]:
                    target = cands.get(act.i)
                    if target is not None:
                        target.actor_heads = syn.subjects(verb.token)

    def _absorb(self, cand: Candidate, cands: dict[int, Candidate]) -> None:
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

    def _take_content(self, cand: Candidate, inner: Candidate) -> None:
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
                *targets(inner.token),
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

    def _own_mode(self, cand: Candidate) -> None:
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

    def _merge_noun(self, noun: Candidate, cands: dict[int, Candidate]) -> None:
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
            if verb.trigger.event is not None and selects(verb, noun.token):
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
            found = found or noun_actors(noun.token, agents=self.lexicon.words("agent_modifiers"))
            verb.actor_heads = verb.actor_heads or found
        noun.dropped = True

    def _merge_clause(self, verb: Candidate, cands: dict[int, Candidate]) -> None:
        """ "the bombing that killed 14": the clause's verb and its noun are one event."""
        noun = cands.get(verb.token.head.i)
        if noun is None or noun.trigger.event != verb.trigger.event:
            return
        _refine(verb, noun)
        verb.actor_heads = (
            verb.actor_heads
            or noun.actor_heads
            or noun_actors(noun.token, agents=self.lexicon.words("agent_modifiers"))
        )
        noun.dropped = True

    def _merge_result(self, result: Candidate, cands: dict[int, Candidate]) -> None:
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

    def _supported(self, noun: Candidate) -> bool:
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


def _refine(keep: Candidate, other: Candidate) -> None:
    """Take the more specific mode and ACLED sub-type of two views of one event."""
    if other.mode and (keep.mode is None or keep.trigger.mode is None):
        keep.mode = other.mode
        if other.acled:
            keep.acled = other.acled
    elif other.acled and keep.acled and keep.acled.startswith("Battles") and other.mode:
        keep.acled = other.acled


def _lend(
    verb: Candidate,
    target: Candidate | None,
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
