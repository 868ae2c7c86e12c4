"""Token helpers shared by the event stage's parts: what an object selects, what
an act is aimed at, the actors named by a noun, counts and verb chains."""

from __future__ import annotations

from spacy.tokens import Token

from .. import _syntax as syn
from .candidate import Candidate


def bare_name(tok: Token) -> bool:
    """A proper noun the recogniser left untyped ("LTTE" in "LTTE camps")."""
    return (tok.pos_ == "PROPN" or acronym(tok)) and not tok.ent_type_


def acronym(tok: Token) -> bool:
    return tok.is_upper and tok.is_alpha and len(tok) > 1 and tok.pos_ in {"PROPN", "NOUN"}


def selects(verb: Candidate, noun: Token) -> bool:
    """Whether ``noun`` is the object that chose the verb's entry ("talks" for
    "broke off talks"), rather than any noun near it."""
    wanted = verb.trigger.objects
    return wanted is not None and noun.lemma_.lower() in wanted


def targets(tok: Token) -> list[Token]:
    """Who or what an action is aimed at: objects, target prepositions, 'targeting X'.

    Prepositions on the object count too: "imposed sanctions on Lebanon".
    """
    out = [*syn.objects(tok), *syn.prep_objects(tok, {"against", "on", "upon"})]
    for obj in syn.objects(tok):
        if not owned(obj):
            out.extend(syn.prep_objects(obj, {"against", "on", "upon"}))
    for child in tok.children:
        if child.dep_ in {"advcl", "xcomp"} and child.lemma_.lower() in {"target", "hit"}:
            out.extend(syn.objects(child))
    return out


def owned(obj: Token) -> bool:
    """An object a named party owns ("the army's use of force against demonstrators"):
    the act is aimed at the owner, not at whatever the object itself is aimed at."""
    return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in obj.children)


def noun_actors(
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


def bare_count(tok: Token) -> bool:
    """A number standing for people ("thousands rallied", "about 300 marched"); a
    count with an "of" phrase has already given way to what it counts."""
    return tok.like_num or tok.ent_type_ == "CARDINAL"


def verb_chain(tok: Token) -> list[Token]:
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
