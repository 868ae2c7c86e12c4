"""The category a governing word gives the people it governs.

A count rarely carries its category itself ("25 people"); the word above it does: a
casualty verb, active or passive ("killed 12", "12 were killed"), a participle or
adjective after it ("7 dead"), a phrasal verb ("gunned down", "turned out"), a light verb
with a telling object ("lost their lives", "suffered wounds", "took refuge", "taken into
custody"), a verb that sends people from their homes ("forced 500 families from their
homes"), or a state the people are left in ("left 40 homeless").  Each test below is one
such construction; the words each one needs come from ``data/sizes/lexicon.json``.
"""

from __future__ import annotations

from spacy.tokens import Token

from .._types import SizeCategory
from .lexicon import lexicon

# Categories whose people suffer the action; crowds and arrests are named otherwise.
HARM: frozenset[str] = frozenset({"killed", "injured", "arrested", "displaced"})
_OBJECT_PREPS = frozenset({"for", "with", "from", "of", "into", "in", "to"})


def lemma_category(token: Token) -> SizeCategory | None:
    """Category named by the word itself (lemma or, for participles, its form)."""
    words = lexicon().category_lemmas
    return words.get(token.lemma_.lower()) or words.get(token.lower_)


def predicate_category(token: Token) -> SizeCategory | None:
    """Category named by a predicate or by its complement ("left 3 dead")."""
    words = lexicon()
    lemma = token.lemma_.lower()
    phrasal = _phrasal(token)
    if phrasal is not None:
        return phrasal
    if lemma in words.displacing_verbs and _sent_away(token):
        return "displaced"
    if lemma in words.sizing_participles:
        # "a crowd estimated at 10,000", "turnout was put at 50,000", "the crowd numbered
        # 5,000": the category of what is sized; the one who sizes it ("police") has none.
        if token.dep_ == "acl":
            return lemma_category(token.head)
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj") and lemma_category(child):
                return lemma_category(child)
    if lemma == "take" and any(c.lower_ == "part" and c.dep_ == "dobj" for c in token.children):
        return "participants"
    if lemma == "be" and membership(token) is not None:
        return membership(token)
    if lemma == "leave":
        category = _resultative(token)
        if category is not None:
            return category
    if lemma == "remain" and any(c.lemma_.lower() == "missing" for c in token.children):
        return None
    if lemma in ("remain", "stay", "live", "shelter", "sleep", "camp") and _in_shelter(token):
        return "displaced"
    if lemma == "escape":
        # "27 inmates escaped" is a jailbreak; "escaped the fighting" is flight.
        return "displaced" if _escaped(token) & words.escape_dangers else None
    if token.pos_ in ("VERB", "ADJ") or lemma in ("toll", "death", "body"):
        category = lemma_category(token)
        if category is not None:
            return category
        if lemma == "toll":
            return "killed"
    if _into_the_streets(token):
        return "participants"
    if lemma in words.crowd_verbs and any(
        c.dep_ == "nsubj" and lemma_category(_gathering(c)) == "participants"
        for c in token.children
    ):
        return "participants"
    category = _telling_object(token) or _fleeing_purpose(token)
    if category is not None:
        return category
    if token.pos_ == "VERB" and _in_protest(token):
        return "participants"
    for child in token.children:
        subject = child.dep_ in ("nsubj", "nsubjpass")  # "the dead included 5 children"
        if child.lower_ == "dead" and token.pos_ in ("VERB", "AUX") and not subject:
            return "killed"
        if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp") and child.tag_ in ("JJ", "VBN"):
            category = lemma_category(child)
            if category in HARM:
                return category
    return _shared_object(token)


def _into_the_streets(token: Token) -> bool:
    """ "took to the streets", "poured into the streets", "filled the main square": a
    crowd moving into, or filling, the places crowds gather.  Only "to"/"into"/"onto"
    and objects: bodies found "in the streets" are no crowd."""
    if token.pos_ != "VERB":
        return False
    venues = lexicon().protest_venues
    for child in token.children:
        if child.dep_ == "dobj" and child.lower_ in venues:
            return True
        into = child.dep_ == "prep" and child.lower_ in ("to", "into", "onto")
        if into and any(g.dep_ == "pobj" and g.lower_ in venues for g in child.children):
            return True
    return False


def _fleeing_purpose(token: Token) -> SizeCategory | None:
    """ "crossed into Chad to escape the violence", "walked for days to flee the
    fighting": a purpose clause of flight makes the movers displaced."""
    for child in token.children:
        purpose = child.dep_ in ("advcl", "xcomp") and child.lemma_.lower() in ("flee", "escape")
        if purpose and predicate_category(child) == "displaced":
            return "displaced"
    return None


def _in_protest(token: Token) -> bool:
    """ "walked off the job in protest", "marched in protest": people acting in protest
    (the parser may hang "in protest" on the verb's own prepositional object)."""
    near = [*token.children]
    near += [c for p in token.children if p.dep_ == "prep" for o in p.children for c in o.children]
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.dep_ == "pobj" and g.lower_ == "protest" for g in c.children)
        for c in near
    )


def _phrasal(token: Token) -> SizeCategory | None:
    """ "gunned down", "turned out", "picked up": a verb and its particle."""
    for child in token.children:
        if child.dep_ == "prt":
            category = lexicon().phrasal_verbs.get(f"{token.lemma_.lower()} {child.lower_}")
            if category is not None:
                return category
    return None


def _escaped(token: Token) -> set[str]:
    """Lemmas of what a verb escapes: its object, or the object of "from" / "out of"
    ("escaped the fighting", "escaped from the besieged town"), not of "during"."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ == "dobj":
            found.add(child.lemma_.lower())
        elif child.dep_ in ("prep", "prt") and child.lower_ in ("from", "out"):
            for inner in (child, *(c for c in child.children if c.dep_ == "prep")):
                found.update(g.lemma_.lower() for g in inner.children if g.dep_ == "pobj")
    return found


def _telling_object(token: Token) -> SizeCategory | None:
    """ "lost their lives", "claimed 30 lives", "suffered gunshot wounds", "took refuge",
    "were taken into custody": a light verb whose object names the category."""
    words = lexicon()
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX"):
        return None
    # "holding 23 people for questioning": the phrase may hang on the object instead.
    objects_of = [c for c in token.children if c.dep_ == "dobj"]
    for child in [*token.children, *(c for o in objects_of for c in o.children)]:
        objects: list[Token] = []
        if child.dep_ == "dobj":
            objects.append(child)
        elif child.dep_ == "prep" and child.lower_ in _OBJECT_PREPS:
            objects.extend(g for g in child.children if g.dep_ == "pobj")
        for obj in objects:
            category = words.object_categories.get(
                obj.lemma_.lower()
            ) or words.object_categories.get(obj.lower_)
            if category is None:
                continue
            if category == "killed" and obj.lemma_.lower() == "death":
                # "stabbed to death", "beaten to death"; not "sentenced to death"
                to = child.dep_ == "prep" and child.lower_ == "to"
                if to and lemma not in words.not_custody_verbs:
                    return category
                continue
            if category == "arrested":
                # "taken into custody", "held for questioning"; not "released from custody"
                into = child.dep_ == "prep" and child.lower_ in ("into", "in", "for")
                if into and lemma not in words.not_custody_verbs:
                    return category
                continue
            if lemma in words.light_verbs:
                return category
    return None


def _shared_object(token: Token) -> SizeCategory | None:
    """ "shot and killed three people": the object hangs on the first verb, and the
    category is named by a coordinated verb that has no object of its own."""
    if token.pos_ != "VERB":
        return None
    for child in token.children:
        if child.dep_ != "conj" or child.pos_ != "VERB":
            continue
        if any(c.dep_ in ("dobj", "nsubj", "nsubjpass") for c in child.children):
            continue
        category = lemma_category(child)
        if category in HARM:
            return category
    return None


def _gathering(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("the march, which drew 4,000" -> march;
    "the protest, which organisers said drew 15,000" -> protest)."""
    verb = subject.head
    for _ in range(3):
        if verb.dep_ != "ccomp":
            break
        verb = verb.head
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return verb.head
    return subject


def membership(token: Token) -> SizeCategory | None:
    """ "a girl was among those killed", "two reporters were among the detainees": being
    among the people of a category puts the subject in it."""
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ != "among":
            continue
        for group in child.children:
            if group.dep_ != "pobj":
                continue
            category = lemma_category(group)
            for part in group.children:
                if category is None and part.dep_ in ("acl", "amod", "relcl"):
                    category = lemma_category(part)
            if category in HARM:
                return category
    return None


def is_membership(anchor: Token) -> bool:
    """Whether the count's deciding word is "be among those ...": a part of a group."""
    return anchor.lemma_.lower() == "be" and membership(anchor) is not None


def _resultative(token: Token) -> SizeCategory | None:
    """ "left 250 people injured", "left 40 families homeless", "left 3 protesters and 2
    officers dead": the state after the object of "leave" (or after the last of several
    objects), when the parser hangs it on the object instead of on the verb."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [c for o in objects for c in o.children if c.dep_ == "conj"]
    for child in objects:
        for state in child.children:
            if state.dep_ in ("acl", "amod") and state.i > child.i and state.tag_ in ("JJ", "VBN"):
                category = lemma_category(state)
                if category in ("killed", "injured", "displaced"):
                    return category
    return None


def _in_shelter(token: Token) -> bool:
    """ "12,000 people remain in shelters": staying in places only the displaced stay in.
    People who merely "remain" in a town or under siege are not counted."""
    return any(
        g.lemma_.lower() in lexicon().shelters
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside")
        for g in c.children
    )


def _sent_away(token: Token) -> bool:
    """ "forced 500 families from their homes", "drove 300,000 people out of the valley",
    "forced thousands to flee", "forced 3,000 into exile"."""
    words = lexicon()
    for child in token.children:
        if child.dep_ in ("prep", "prt", "advmod") and child.lower_ in words.displacing_directions:
            return True
        if child.dep_ == "prep" and any(
            g.lemma_.lower() in words.displacing_objects for g in child.children
        ):
            return True
        if (
            child.dep_ in ("xcomp", "advcl", "ccomp")
            and child.lemma_.lower() in words.fleeing_verbs
        ):
            return True
    return False


__all__ = ["HARM", "is_membership", "lemma_category", "membership", "predicate_category"]
