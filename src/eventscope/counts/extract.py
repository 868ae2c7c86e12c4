"""Find casualty, arrest, displacement and crowd counts in a parsed sentence.

A count's category comes from the word that governs it, found through the dependency
parse: first a participle or adjective right after the counted phrase ("7 killed",
"3 people dead", "scores more wounded"), then the predicate above it ("25 people were
killed", "police arrested 40 students", "1,000 families fled", "30 lost their lives"),
then a relative clause on the counted noun ("14 men who had been detained"), and only
then the counted noun itself or its modifiers ("12 deaths", "5,000 protesters", "2,000
displaced people").  The predicate wins over the noun, so "25 protesters were killed" is
a death count, not a crowd size.  Counts of a "toll", "total" or "number" moved by a verb
("the death toll rose to 45", "bringing the number of dead to 300") are running totals,
flagged as such, and take their category from that noun's own words.  Parts of a group
already counted ("14 people, including 3 children", "9 people, 4 of them women") are
left out; "arrested 12 of them" is a count of its own.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .._types import SizeCategory
from ..nlp.mentions import SizeValue
from ..temporal import find_date_expressions
from .implicit import both_people, negated_nouns, one_more, singular_people, suffers
from .lexicon import lexicon
from .mention import SizeMention
from .predicates import HARM, is_membership, lemma_category, predicate_category
from .quantity import QUANTITY_RE, parse_quantity

CATEGORY_LEMMAS: dict[str, SizeCategory] = lexicon().category_lemmas
"""Lemmas that name a category, whether verb, participle, adjective or noun."""

_MAX_STEPS = 5


def extract_sizes(sentence: Span, protest_heads: frozenset[int] = frozenset()) -> list[SizeMention]:
    """Every categorised count in ``sentence``, in text order.

    ``protest_heads`` are token indices of protest triggers: a count that is their
    subject ("dozens of farmers blocked the road") is a crowd size.
    """
    found: list[SizeMention] = []
    dates = find_date_expressions(sentence.text, None)
    for m in QUANTITY_RE.finditer(sentence.text):
        start, end = m.start() + sentence.start_char, m.end() + sentence.start_char
        if any(d.start < m.end() and m.start() < d.end for d in dates):
            continue
        mention = _mention(sentence, m.group(0), start, end, protest_heads)
        if mention is not None:
            found.append(mention)
    found = _drop_restated_lists(found)
    found.extend(negated_nouns(sentence))
    found.extend(_coordinated_zeros(found))
    found.extend(singular_people(sentence, found))
    found.extend(both_people(sentence, found))
    found.extend(one_more(sentence, found))
    return sorted(found, key=lambda s: s.value.start_char)


def _mention(
    sentence: Span, text: str, start: int, end: int, protest_heads: frozenset[int]
) -> SizeMention | None:
    bounds = parse_quantity(text)
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    if bounds is None or span is None or _is_not_a_count(span):
        return None
    noun = _counted_noun(span)
    if _qualifies_other_count(noun, span) or _is_subset(noun, span):
        return None
    if noun.i not in range(span.start, span.end) and noun.lemma_.lower() in (
        lexicon().not_people_nouns
    ):
        return None  # "in at least 12 cities", "held 30 rallies": not people
    found = _category(span, noun)
    for subject in (noun, span.root):
        if found is None and subject.dep_ == "nsubj" and _protests(subject.head, protest_heads):
            found = ("participants", subject.head, False)
    if found is None:
        return None
    category, anchor, total = found
    value = SizeValue(min=bounds[0], max=bounds[1], text=text, start_char=start, end_char=end)
    return SizeMention(
        category=category,
        value=value,
        anchor=anchor,
        total=total,
        part=is_membership(anchor),
        noun=noun,
    )


_LIST_MARKS = frozenset({",", "-", "–", "—", "(", ")"})


def _drop_restated_lists(found: list[SizeMention]) -> list[SizeMention]:
    """ "Eight people, five soldiers and three civilians, were killed": a list set off by
    commas or dashes whose counts add up to the count before it names the same people
    again, even when the parser reads it as more people coordinated with the first."""
    drop: set[int] = set()
    for whole in found:
        noun, low = whole.noun, whole.value.min
        if noun is None or low is None or low != whole.value.max or noun.i + 1 >= len(noun.doc):
            continue
        parts = [
            m
            for m in found
            if m.noun is not None
            and m.noun.i != noun.i
            and m.category == whole.category
            and _first_conjunct(m.noun).i == noun.i
        ]
        if len(parts) < 2 or any(p.value.min is None or p.value.min != p.value.max for p in parts):
            continue
        last = max(p.noun.i for p in parts if p.noun is not None)
        closed = last + 1 < len(noun.doc) and noun.doc[last + 1].text in _LIST_MARKS
        opened = noun.doc[noun.i + 1].text in _LIST_MARKS
        if opened and closed and sum(p.value.min or 0 for p in parts) == low:
            drop.update(id(p) for p in parts)
    return [m for m in found if id(m) not in drop]


def _first_conjunct(noun: Token) -> Token:
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _protests(verb: Token, protest_heads: frozenset[int]) -> bool:
    """Whether ``verb`` is a protest trigger or carries one as its object or prepositional
    object ("workers went on strike", "students staged a sit-in")."""
    if verb.i in protest_heads:
        return True
    for child in verb.children:
        if child.dep_ == "dobj" and any(
            t.i in protest_heads for t in (child, *child.children) if t.dep_ != "det"
        ):
            return True
        if child.dep_ == "prep" and any(g.i in protest_heads for g in child.children):
            return True
    return False


def _is_not_a_count(span: Span) -> bool:
    """Percentages, distances, ages, money, durations and years are numbers but not head
    counts; so is a number glued to a unit ("a 10-hour siege", "a 12-year-old boy") or
    naming something ("Route 5", "aged 15")."""
    words = lexicon()
    doc = span.doc
    if re.fullmatch(r"(19|20)\d\d", span.text):
        return True  # "the 2014 offensive": counts of that size are written "2,014"
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.lower_ in words.not_count_units:
        return True
    if after is not None and after.text.startswith(("-", "–")):
        unit = after.lower_.lstrip("-–")
        if not unit and span.end + 1 < len(doc):
            unit = doc[span.end + 1].lower_
        stem = unit.split("-")[0]
        if stem in words.not_count_units or stem + "s" in words.not_count_units:
            return True
    return before is not None and (
        before.text in words.not_count_before or before.lower_ in words.not_count_before
    )


def _qualifies_other_count(noun: Token, span: Span) -> bool:
    """ "nine members of one family": a number inside an of-phrase of another counted noun
    describes that noun's people; it counts nobody itself."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return False
    owner = noun.head.head
    if owner.i in range(span.start, span.end) or owner.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ == "nummod" for c in owner.children)


def _is_subset(noun: Token, span: Span) -> bool:
    """ "14 people, including 3 children", "11 killed, among them three children", "9
    people, 4 of them women": a part of a count already made, not more people.  A part
    that a harm verb takes as its own object or subject ("arrested 12 of them", "300
    protesters, 12 of whom were hurt") is a count of its own."""
    words = lexicon()
    doc = span.doc
    # "three people, a woman and her two children, were killed"
    if "appos" in (_first_conjunct(noun).dep_, span.root.dep_):
        return True
    for word in (noun, span.root):
        if word.dep_ in ("pobj", "dobj") and word.head.lower_ in ("including", "incl"):
            return True
    before = doc[max(span.start - 2, 0) : span.start].text.lower()
    before_one = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end : span.end + 2].text.lower()
    if before in words.subset_before or before_one in ("including", "incl"):
        return True
    # "one of 14 people arrested", "4 of the 11 suspects": part of another count
    of_counted = span.end < len(doc) and doc[span.end].lower_ == "of" and noun.dep_ == "pobj"
    if of_counted and any(
        c.dep_ == "nummod" and c.i not in range(span.start, span.end) for c in noun.children
    ):
        return True
    if after not in words.subset_after:
        return False
    root = span.root
    return not (
        root.dep_ in ("dobj", "nsubjpass", "nsubj")
        and predicate_category(root.head) in HARM
        and suffers(root, root.head)
    )


def _counted_noun(span: Span) -> Token:
    """The noun the quantity counts ("dozens of people" -> people), else its own head word."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        objects = [c for c in doc[span.end].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    # "a 5,000-strong crowd": the number sizes the noun that "strong" modifies.
    for token in doc[span.end : min(span.end + 3, len(doc))]:
        if token.lower_.lstrip("-–") == "strong":
            if token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
                return token.head
            break
    # The span's root, not its last word: in "two hundred and fifty people" the parser
    # hangs "fifty" on "hundred", and only "hundred" reaches "people".
    for word in (span[-1], span.root):
        head = word.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and word.dep_ == "nummod":
            return head
    # "Two dozen suspected militants": the parser may hang the number on the noun's
    # modifier instead of on the noun.
    head = span.root.head
    modifier = head.i >= span.end and head.dep_ in ("amod", "compound") and head.head.i > head.i
    if modifier and head.head.pos_ in ("NOUN", "PROPN"):
        return head.head
    return span.root


def _state_after(doc: Doc, right: int) -> Token | None:
    """The participle or adjective right after the counted phrase ("7 killed", "3 people
    dead", "scores more wounded", "two others injured"), which starts at ``right``."""
    skip = lexicon().more_words
    while right < len(doc) and doc[right].lower_ in skip:
        right += 1
    if right < len(doc) and doc[right].tag_ in ("VBN", "JJ"):
        return doc[right]
    return None


def _category(span: Span, noun: Token) -> tuple[SizeCategory, Token, bool] | None:
    """Category, the token that decided it, and whether the count is a running total.

    A noun coordinated with an earlier one ("left three protesters and two officers
    dead") takes the first one's deciding word when both name the same category, so that
    the two counts add up instead of competing."""
    right = noun.i + 1 if noun.i >= span.end else span.end
    first = _first_conjunct(noun)
    own = _category_of(noun, right, span)
    if first.i != noun.i and first.pos_ in ("NOUN", "PROPN"):
        shared = _category_of(first, first.i + 1, None)
        if shared is not None and (own is None or own[0] == shared[0]):
            return shared
    return own


def _category_of(
    noun: Token, right: int, span: Span | None
) -> tuple[SizeCategory, Token, bool] | None:
    state = _state_after(noun.doc, right)
    if state is not None:
        category = lemma_category(state)
        if category is not None:
            return category, state, False
    if any(c.lower_ == "dead" and c.dep_ == "amod" for c in noun.children):
        return "killed", noun.head, False  # "shot dead seven villagers"
    total: SizeCategory | None = None
    is_total = False
    token = noun
    for _ in range(_MAX_STEPS):
        if token.head.i == token.i:
            break
        token, via = token.head, token
        if _gathering_of(token, via):
            return "participants", token, is_total
        if not is_total:
            is_total, total = _total(token)
        category = predicate_category(token)
        if category is not None:
            return category, token, is_total
        if token.pos_ == "VERB" and token.dep_ not in ("amod", "compound"):
            break
    relative = _relative_clause(noun)
    if relative is not None:
        return relative[0], relative[1], is_total
    if span is not None and _partitive(span, noun):
        return None  # "five of the dead were children": part of a group counted elsewhere
    noun_category = lemma_category(noun) if noun.pos_ in ("NOUN", "PROPN", "ADJ") else None
    if noun_category is None and noun.pos_ in ("NOUN", "PROPN"):
        noun_category = _modifier_category(noun)
    if noun_category is not None:
        return noun_category, token if token.pos_ == "VERB" else noun, is_total
    if is_total and total is not None:
        return total, token, True
    return None


def _gathering_of(token: Token, via: Token) -> bool:
    """ "a crowd of 800 people", "a march by 10,000 nurses": the people of a gathering."""
    return (
        token.pos_ in ("NOUN", "PROPN")
        and via.dep_ == "prep"
        and via.lower_ in ("of", "by")
        and lemma_category(token) == "participants"
    )


def _partitive(span: Span, noun: Token) -> bool:
    """ "five of the dead", "three of those wounded": a number of a definite group."""
    doc = span.doc
    return (
        span.end < len(doc)
        and doc[span.end].lower_ == "of"
        and noun.dep_ == "pobj"
        and any(c.dep_ == "det" and c.lower_ in ("the", "those", "these") for c in noun.children)
    )


def _total(token: Token) -> tuple[bool, SizeCategory | None]:
    """Whether ``token`` is, or moves, a running total ("the death toll rose to 45",
    "bringing the number of dead to 300"), and the category its noun names: a harm word
    inside a "toll" or "total" phrase ("death toll"), else killed; any category word inside
    a "number" or "figure" phrase ("the number of people displaced"), else none, since
    "a number of" is no total."""
    words = lexicon()
    holders = [token] if token.lemma_.lower() in words.total_words else []
    holders += [
        c
        for c in token.children
        if c.lemma_.lower() in words.total_words and c.dep_ in ("dobj", "nsubj", "nsubjpass")
    ]
    for holder in holders:
        toll = holder.lemma_.lower() in words.toll_words
        for word in holder.subtree:
            category = lemma_category(word) if word.i != holder.i else None
            if category is not None and (category in HARM or not toll):
                return True, category
        if toll:
            return True, "killed"
    return False, None


def _relative_clause(noun: Token) -> tuple[SizeCategory, Token] | None:
    """ "14 men who had been detained since March", "the 300 families that fled": the
    people of a relative clause suffer its verb when they are its passive subject, or its
    subject with no object."""
    for clause in noun.children:
        if clause.dep_ not in ("relcl", "acl"):
            continue
        category = predicate_category(clause)
        if category not in HARM:
            continue
        if clause.dep_ == "acl" and clause.tag_ == "VBN":
            return category, clause
        for subject in clause.children:
            if subject.dep_ in ("nsubj", "nsubjpass") and suffers(subject, clause):
                return category, clause
    return None


def _modifier_category(noun: Token) -> SizeCategory | None:
    """ "1.2 million displaced people", "3,000 homeless families", "12 injured
    protesters": a state adjective on the counted noun."""
    for child in noun.children:
        if child.dep_ == "amod" and child.i < noun.i:
            category = lemma_category(child)
            if category in HARM:
                return category
    return None


def _coordinated_zeros(found: list[SizeMention]) -> list[SizeMention]:
    """ "No one was killed or injured": a zero count holds for every harm verb coordinated
    with its own (a number does not: "12 killed or wounded" is one count of both)."""
    extra: list[SizeMention] = []
    have = {(m.category, m.value.start_char) for m in found}
    for mention in found:
        if (mention.value.min, mention.value.max) != (0, 0):
            continue
        for child in mention.anchor.children:
            if child.dep_ != "conj":
                continue
            category = lemma_category(child)
            if category not in HARM or (category, mention.value.start_char) in have:
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in child.children):
                continue
            have.add((category, mention.value.start_char))
            extra.append(SizeMention(category=category, value=mention.value, anchor=child))
    return extra


__all__ = ["CATEGORY_LEMMAS", "SizeMention", "extract_sizes"]
