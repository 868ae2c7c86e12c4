"""Counts said without a numeral: "no deaths", "a soldier was killed", "and another".

Each is counted only when a casualty or arrest word governs it, so that a person who is
merely mentioned ("a spokesman said") counts for nothing.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .._types import SizeCategory
from ..nlp.mentions import SizeValue
from .lexicon import lexicon
from .mention import SizeMention
from .people import is_person_noun
from .predicates import is_membership, lemma_category, predicate_category

# Determiners that make a singular person noun one definite person.
_ONE_PERSON_DETS = frozenset({"a", "an", "the", "another", "one"})
_COUNTED: frozenset[str] = frozenset({"killed", "injured", "arrested"})


def negated_nouns(sentence: Span) -> list[SizeMention]:
    """ "no deaths", "no casualties", "no injuries": zero counts carried by a determiner.
    "No arrests have been made" reports an inquiry, not the event, and counts nothing."""
    found: list[SizeMention] = []
    for token in sentence:
        if token.lower_ != "no" or token.dep_ != "det":
            continue
        noun = token.head
        lemma = noun.lemma_.lower()
        if lemma in ("casualty", "victim"):
            categories: list[SizeCategory] = ["killed", "injured"]
        else:
            category = lemma_category(noun)
            categories = [category] if category in _COUNTED else []
        if categories == ["arrested"] and noun.head.lemma_.lower() == "make":
            continue
        for category in categories:
            value = SizeValue(0, 0, f"no {noun.text}", token.idx, noun.idx + len(noun))
            found.append(SizeMention(category=category, value=value, anchor=noun))
    return found


def singular_people(sentence: Span, found: list[SizeMention]) -> list[SizeMention]:
    """One person named without a number: "a soldier was killed", "killed a farmer and
    wounded his wife", "five soldiers and a civilian", "the village chief and two of his
    sons".  Counted when a killing, wounding or arrest verb governs the noun (directly or
    through the first noun of a coordination); the anchor is that verb, so a person
    coordinated with a numbered group adds up with it."""
    taken = {(s.value.start_char, s.value.end_char) for s in found}
    extra: list[SizeMention] = []
    for token in sentence:
        if not _singular_noun(token) or not is_person_noun(token):
            continue
        first = _one_person(token)
        if first is None:
            continue
        head = first.head
        category = predicate_category(head)
        if category not in _COUNTED or not suffers(first, head):
            continue
        start = min(t.idx for t in token.subtree if t.i <= token.i)
        end = token.idx + len(token)
        if any(s < end and start < e for s, e in taken):
            continue
        value = SizeValue(1, 1, sentence.doc.text[start:end], start, end)
        extra.append(SizeMention(category=category, value=value, anchor=head))
    return extra


def one_more(sentence: Span, found: list[SizeMention]) -> list[SizeMention]:
    """ "a policeman was killed and another was injured", "left one man dead and another
    wounded", "two died and a third was hurt": a bare "another" or "a third" standing for
    one more person.  Counted only when a
    casualty or arrest count comes before it in the sentence, since "another" needs
    someone to be another of; the anchor is its own predicate."""
    extra: list[SizeMention] = []
    for token in sentence:
        if not _one_more_word(token) or token.dep_ == "det" or token.head.i == token.i:
            continue
        head = token.head
        category = predicate_category(head)
        if category not in _COUNTED or not suffers(token, head):
            continue
        if not any(m.value.end_char <= token.idx and m.category in _COUNTED for m in found):
            continue
        value = SizeValue(1, 1, token.text, token.idx, token.idx + len(token))
        extra.append(
            SizeMention(category=category, value=value, anchor=head, part=is_membership(head))
        )
    return extra


def _one_more_word(token: Token) -> bool:
    """A bare "another", or an ordinal with "a" ("a third"), used as a noun phrase."""
    if token.lower_ not in lexicon().one_more_words:
        return False
    if token.lower_ == "another":
        return token.pos_ in ("PRON", "DET")
    return any(c.dep_ == "det" and c.lower_ == "a" for c in token.children)


def both_people(sentence: Span, found: list[SizeMention]) -> list[SizeMention]:
    """ "both drivers were killed", "troops arrested both brothers": two people."""
    taken = {(s.value.start_char, s.value.end_char) for s in found}
    extra: list[SizeMention] = []
    for token in sentence:
        noun = token.head
        if token.lower_ != "both" or token.dep_ not in ("det", "predet") or noun.i == token.i:
            continue
        if noun.tag_ != "NNS" or not is_person_noun(noun):
            continue
        category = predicate_category(noun.head)
        if category not in _COUNTED or not suffers(noun, noun.head):
            continue
        start, end = token.idx, noun.idx + len(noun)
        if any(s < end and start < e for s, e in taken):
            continue
        value = SizeValue(2, 2, sentence.doc.text[start:end], start, end)
        extra.append(SizeMention(category=category, value=value, anchor=noun.head))
    return extra


def _singular_noun(token: Token) -> bool:
    """A common noun in the singular, or a singular nationality word used as a noun ("a
    Palestinian was killed")."""
    return token.tag_ == "NN" or (token.tag_ == "NNP" and token.ent_type_ == "NORP")


def _one_person(token: Token) -> Token | None:
    """The first conjunct of a singular person noun that names one person, else None."""
    marked = any(
        (c.dep_ == "det" and c.lower_ in _ONE_PERSON_DETS) or c.dep_ == "poss"
        for c in token.children
    )
    if not marked:
        return None
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first


def suffers(noun: Token, head: Token) -> bool:
    """Whether the noun is the one hurt, not the one acting: objects and passive subjects
    always; active subjects of verbs without an object ("a soldier died") or of verbs
    whose subject undergoes them ("families who fled the offensive")."""
    if noun.dep_ in ("dobj", "nsubjpass"):
        return True
    if noun.dep_ == "nsubj":
        if head.lemma_.lower() in lexicon().undergoing_verbs:
            return True
        return not any(c.dep_ == "dobj" for c in head.children)
    return False


__all__ = ["both_people", "negated_nouns", "one_more", "singular_people", "suffers"]
