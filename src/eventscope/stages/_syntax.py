"""Dependency-parse helpers shared by the stages: noun-phrase spans and clause walking.

Kept apart from the stages so each stage module stays about one job.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

# Left dependents that belong to the name of a participant ("the Syrian army",
# "regime forces", "Turkey's military"); numbers and quantifiers are left out so that
# "at least 25 civilians" names the civilians, while the sizes stage reads the number.
_NP_LEFT = {"compound", "amod", "poss", "nmod", "det", "case", "punct", "quantmod"}
_DROP_LEADING = {"DET", "PUNCT", "PART", "ADP", "NUM", "CCONJ"}
_SUBJ = {"nsubj", "csubj", "expl"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_NOMINAL = {"NOUN", "PROPN"}
_CLAUSE_LINKS = {"xcomp", "advcl", "conj", "ccomp", "relcl", "acl", "pcomp"}


def noun_phrase(head: Token) -> Span:
    """The participant phrase headed by ``head``, without counts, clauses or appositions.

    Named entities are kept whole, so "Hayat Tahrir al-Sham" survives a parse that
    splits it, and "of" phrases are kept ("supporters of the opposition").
    """
    doc = head.doc
    start, end = head.i, head.i + 1
    for child in head.lefts:
        if child.dep_ in _NP_LEFT and child.dep_ != "nummod":
            start = min(start, child.left_edge.i)
    named = head.ent_type_ in {"PERSON", "GPE", "ORG", "NORP", "LOC"}
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and not named:
            # "supporters of the opposition", but not "warned the United States of …"
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                end = max(end, noun_phrase(pobj).end)
        elif child.dep_ in {"compound", "flat"}:
            end = max(end, child.right_edge.i + 1)
    if head.ent_iob_ != "O" and head.ent_type_:
        for ent in doc.ents:
            if ent.start <= head.i < ent.end:
                start, end = min(start, ent.start), max(end, ent.end)
                break
    coordinators = [t.i for t in doc[start : head.i] if t.dep_ == "cc" and not _shared(t.head)]
    if coordinators:
        start = coordinators[-1] + 1  # "the army and Houthi fighters": two participants
    while start < head.i and (
        doc[start].pos_ in _DROP_LEADING
        or doc[start].like_num
        or doc[start].lower_ in _QUANT
        or doc[start].tag_ in {"WRB", "WDT", "WP"}  # "told me how armed men …"
    ):
        start += 1
    while end - 1 > head.i and (doc[end - 1].pos_ == "PUNCT" or doc[end - 1].dep_ == "case"):
        end -= 1  # a trailing comma, or the "'s" of "Donald Trump's call"
    return doc[start:end]


_PLACE = {"GPE", "LOC"}
_QUANT = {"least", "more", "than", "some", "about", "around", "nearly", "over", "dozens", "of"}


def _shared(modifier: Token) -> bool:
    """A coordinated adjective that is no party ("the foreign and defence ministers")."""
    return modifier.pos_ == "ADJ" and not modifier.ent_type_


def conjuncts(token: Token) -> list[Token]:
    """``token`` and the tokens coordinated with it ("the US and the SDF").

    A small parser often hangs the first conjunct as a modifier of the last one
    ("the army and Houthi fighters" as nmod+conj under "fighters"); that modifier is
    returned as a participant of its own.
    """
    out = [token, *token.conjuncts]
    for prep in (c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in _PLACE):
            # "the government of South Sudan and rebel leaders": the parser hangs the
            # second party on the country; it belongs to the coordination above.
            out.extend(c for c in pobj.conjuncts if c.ent_type_ not in _PLACE)
    for child in token.lefts:
        coordinated = any(g.dep_ == "cc" for g in child.children)
        # "the foreign and defence ministers" name one party; "Russian and Syrian" two
        if child.dep_ in {"nmod", "compound", "amod"} and coordinated and not _shared(child):
            out.insert(0, child)
    return out


def subjects(verb: Token) -> list[Token]:
    """Active subjects of ``verb``, inheriting through xcomp/advcl/conj/relcl chains.

    "Forces pounded the district, killing 25" gives "killing" the subject of "pounded";
    "airstrikes that killed 20" gives "killed" the noun the relative clause hangs on.
    """
    seen = 0
    current: Token | None = verb
    while current is not None and seen < 6:
        passive = _reduced_passive(current) or _passive_adjunct(current)
        if passive or any(c.dep_ in _PASS_SUBJ for c in current.children):
            # "protesters arrested last week", "hostages who were captured", "its leaders
            # have been annihilated": the subject is the one acted on; a "by" phrase
            # names the doer
            return []
        found = [c for c in current.children if c.dep_ in _SUBJ]
        if found:
            heads = [t for t in found if t.tag_ not in {"WDT", "WP"}]
            if heads:
                return heads
            if current.dep_ == "relcl":
                return [current.head]
        if current.dep_ == "relcl" and current.head.pos_ in _NOMINAL:
            return [current.head] if not found else []
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in _NOMINAL:
            return [current.head]  # "forces backing Assad", "rebels fighting under …"
        if current.dep_ == "acl" and current.tag_ == "VBD" and current.head.dep_ == "ROOT":
            # the small parser's reading of "The opposition, which …, called for …": the
            # past-tense verb hangs on a subject it left without a main verb
            return [current.head]
        adjective = current.dep_ == "acomp" and current.pos_ == "ADJ"  # "were able to …"
        if (adjective or current.dep_ in {"xcomp", "advcl", "conj", "acl"}) and (
            current.head.i != current.i
        ):
            current = current.head
            seen += 1
            continue
        break
    return []


def passive_subjects(verb: Token) -> list[Token]:
    """Passive subjects ("civilians were killed"), which are the recipients, and the noun
    a past participle describes ("civilians killed in the strike")."""
    found = [c for c in verb.children if c.dep_ in _PASS_SUBJ]
    if verb.dep_ == "relcl" and any(c.tag_ in {"WDT", "WP"} for c in found):
        return [verb.head]  # "hostages who were captured": the hostages
    if _passive_adjunct(verb):
        # "Kidnapped in 2014, the boys …", "Arrested in March, the journalist was freed"
        return [c for c in verb.head.children if c.dep_ in _SUBJ | _PASS_SUBJ]
    return [verb.head] if not found and _reduced_passive(verb) else found


def _reduced_passive(verb: Token) -> bool:
    """A past participle hanging on a noun: "a volunteer killed while clearing mines"."""
    return (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and verb.head.pos_ in {"NOUN", "PROPN", "PRON"}
        and not any(c.dep_ in _SUBJ for c in verb.children)
    )


def _passive_adjunct(verb: Token) -> bool:
    """A past participle opening an adjunct clause: "Kidnapped in 2014, the boys spent
    years in the camp": the main clause's subject is the one acted on."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBN"
        and verb.i < verb.head.i
        and not any(c.dep_ in {"aux", "auxpass", "mark", *_SUBJ} for c in verb.children)
    )


def agents(verb: Token) -> list[Token]:
    """Heads of the "by" phrase of a passive verb or event noun ("killed by airstrikes")."""
    out: list[Token] = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def objects(verb: Token) -> list[Token]:
    """Direct objects, including dative objects."""
    return [c for c in verb.children if c.dep_ in {"dobj", "dative", "attr", "oprd"}]


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    """Objects of the given prepositions attached to ``token``."""
    out: list[Token] = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def phrase_objects(token: Token, phrase: list[str]) -> list[Token]:
    """Objects of a three-word preposition on ``token`` ("in front of", "on behalf of")."""
    first, noun, last = phrase
    out: list[Token] = []
    for inner in prep_objects(token, {first}):
        if inner.lower_ == noun:
            out.extend(prep_objects(inner, {last}))
    return out


def particle_objects(token: Token, particle: str) -> list[Token]:
    """What a verb's particle or preposition leads to: "talks" in "withdrew from the
    talks" and in "walked out of the talks" (spaCy hangs "of" on "out")."""
    out = prep_objects(token, {particle})
    for child in token.children:
        if child.lower_ == particle and child.dep_ in {"prt", "prep", "advmod"}:
            out += prep_objects(child, {"of", "from"})
    return out


def clause_ancestors(token: Token) -> Iterator[Token]:
    """Heads up the clause chain, nearest first, stopping at the sentence root."""
    current = token
    for _ in range(8):
        if current.head.i == current.i:
            return
        if current.dep_ not in _CLAUSE_LINKS and current.pos_ != "NOUN":
            current = current.head
            yield current
            continue
        current = current.head
        yield current
