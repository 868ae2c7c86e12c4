"""Find casualty, arrest, displacement and crowd counts in a parsed sentence.

A count's category comes from the word that governs it, found through the dependency
parse: first a participle or adjective right after the counted phrase ("7 killed",
"3 people dead"), then the predicate above it ("25 people were killed", "police arrested
40 students", "1,000 families fled"), and only then the counted noun itself ("12 deaths",
"5,000 protesters", "2,000 refugees").  The predicate wins over the noun, so "25
protesters were killed" is a death count, not a crowd size.  Counts introduced by a
"toll" or "total" are running totals and are flagged as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .._types import SizeCategory
from ..nlp.mentions import SizeValue
from ..temporal import find_date_expressions
from .quantity import QUANTITY_RE, parse_quantity

# Lemmas that name a category, whether verb, participle, adjective or noun.
CATEGORY_LEMMAS: dict[str, SizeCategory] = {
    **dict.fromkeys(
        [
            "kill", "killed", "die", "dead", "death", "body", "fatality", "murder", "execute",
            "slay", "massacre", "behead", "perish", "lynch", "assassinate",
        ],
        "killed",
    ),
    **dict.fromkeys(
        ["injure", "injured", "wound", "wounded", "hurt", "injury", "maim"], "injured"
    ),
    **dict.fromkeys(
        [
            "arrest", "arrested", "detain", "detained", "detainee", "detention", "apprehend",
            "jail", "imprison", "custody", "round",
        ],
        "arrested",
    ),
    **dict.fromkeys(
        [
            "displace", "displaced", "flee", "fled", "evacuate", "uproot", "refugee",
            "homeless", "remain", "shelter", "escape",
        ],
        "displaced",
    ),
    **dict.fromkeys(
        [
            "protester", "protestor", "demonstrator", "marcher", "protest", "demonstrate",
            "march", "rally", "gather", "participate", "join", "rioter", "striker", "crowd",
            "attend", "demonstration",
        ],
        "participants",
    ),
}  # fmt: skip
# "forced 500 families from their homes": force + from + home means displacement.
_DISPLACING_OBJECTS = frozenset({"home", "house", "village", "town"})
# "the protest drew 10,000 people": a crowd verb whose subject is a gathering.
_CROWD_VERBS = frozenset({"draw", "attract", "bring", "mobilize", "mobilise"})
_TOTAL_WORDS = frozenset({"toll", "total", "tally", "cumulative"})
_NOT_COUNTS = frozenset({"percent", "%", "year", "years", "km", "kilometres", "miles", "times"})
_PERSON_NOUNS = frozenset(
    {
        "man", "woman", "child", "boy", "girl", "person", "soldier", "officer", "policeman",
        "civilian", "protester", "demonstrator", "journalist", "student", "farmer", "worker",
        "fighter", "militant", "rebel", "guard", "teacher", "doctor", "nurse", "activist",
        "resident", "villager", "pilgrim", "worshipper", "trooper", "gunman", "bystander",
    }
)  # fmt: skip
_MAX_STEPS = 5


@dataclass
class SizeMention:
    """A count found in a sentence.

    Attributes:
        category (SizeCategory): killed, injured, arrested, displaced or participants.
        value (SizeValue): Bounds, text and character offsets.
        anchor (Token): The token that gave the category (to attach it to an event).
        total (bool): True for running totals ("bringing the death toll to 300").
    """

    category: SizeCategory
    value: SizeValue
    anchor: Token
    total: bool = False


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
    found.extend(_negated_nouns(sentence))
    found.extend(_singular_people(sentence, found))
    return sorted(found, key=lambda s: s.value.start_char)


def _mention(
    sentence: Span, text: str, start: int, end: int, protest_heads: frozenset[int]
) -> SizeMention | None:
    bounds = parse_quantity(text)
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    if bounds is None or span is None or _is_not_a_count(span):
        return None
    noun = _counted_noun(span)
    found = _category(span, noun)
    for subject in (noun, span.root):
        if found is None and subject.dep_ == "nsubj" and subject.head.i in protest_heads:
            found = ("participants", subject.head, False)
    if found is None:
        return None
    category, anchor, total = found
    value = SizeValue(min=bounds[0], max=bounds[1], text=text, start_char=start, end_char=end)
    return SizeMention(category=category, value=value, anchor=anchor, total=total)


def _is_not_a_count(span: Span) -> bool:
    """Percentages, distances, ages, money and years are numbers but not head counts."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and (after.lower_ in _NOT_COUNTS or after.text.startswith("-year")):
        return True
    return before is not None and before.text in ("$", "€", "£", "#", "No.")


def _counted_noun(span: Span) -> Token:
    """The noun the quantity counts ("dozens of people" -> people), else its own head word."""
    doc = span.doc
    last = span[-1]
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        objects = [c for c in doc[span.end].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    if last.head.i >= span.end and last.head.pos_ in ("NOUN", "PROPN") and last.dep_ == "nummod":
        return last.head
    return span.root


def _category(span: Span, noun: Token) -> tuple[SizeCategory, Token, bool] | None:
    """Category, the token that decided it, and whether the count is a running total."""
    doc = span.doc
    right = noun.i + 1 if noun.i >= span.end else span.end
    if right < len(doc) and doc[right].tag_ in ("VBN", "JJ"):
        category = CATEGORY_LEMMAS.get(doc[right].lemma_.lower())
        if category is not None:
            return category, doc[right], False
    if any(c.lower_ == "dead" and c.dep_ == "amod" for c in noun.children):
        return "killed", noun.head, False  # "shot dead seven villagers"
    total = False
    token = noun
    for _ in range(_MAX_STEPS):
        if token.head is token:
            break
        token = token.head
        total = total or _is_total(token)
        category = _predicate_category(token)
        if category is not None:
            return category, token, total
        if token.pos_ == "VERB":
            break
    noun_category = CATEGORY_LEMMAS.get(noun.lemma_.lower())
    if noun_category is not None and noun.pos_ in ("NOUN", "PROPN", "ADJ"):
        return noun_category, token if token.pos_ == "VERB" else noun, total
    if total:
        return "killed", token, True
    return None


def _is_total(token: Token) -> bool:
    return token.lemma_.lower() in _TOTAL_WORDS or any(
        c.lemma_.lower() in _TOTAL_WORDS and c.dep_ in ("dobj", "nsubj", "nsubjpass")
        for c in token.children
    )


def _predicate_category(token: Token) -> SizeCategory | None:
    """Category named by a predicate or by its complement ("left 3 dead")."""
    lemma = token.lemma_.lower()
    if lemma == "force" and any(
        g.lemma_.lower() in _DISPLACING_OBJECTS
        for c in token.children
        if c.dep_ == "prep"
        for g in c.children
    ):
        return "displaced"
    if lemma == "remain" and any(c.lemma_.lower() == "missing" for c in token.children):
        return None
    if token.pos_ in ("VERB", "ADJ") or lemma in ("toll", "death", "body"):
        category = CATEGORY_LEMMAS.get(lemma)
        if category is not None:
            return category
        if lemma == "toll":
            return "killed"
    if lemma == "take" and any(
        g.lower_ in ("street", "streets")
        for c in token.children
        if c.dep_ == "prep"
        for g in c.children
    ):
        return "participants"
    if lemma in _CROWD_VERBS and any(
        c.dep_ == "nsubj" and CATEGORY_LEMMAS.get(c.lemma_.lower()) == "participants"
        for c in token.children
    ):
        return "participants"
    for child in token.children:
        if child.lower_ == "dead" and token.pos_ == "VERB":
            return "killed"
        if child.dep_ in ("oprd", "acomp", "xcomp") and child.tag_ in ("JJ", "VBN"):
            category = CATEGORY_LEMMAS.get(child.lemma_.lower())
            if category in ("killed", "injured", "displaced"):
                return category
    return None


def _negated_nouns(sentence: Span) -> list[SizeMention]:
    """ "no deaths", "no casualties": zero counts carried by a determiner."""
    found: list[SizeMention] = []
    for token in sentence:
        if token.lower_ != "no" or token.dep_ != "det":
            continue
        lemma = token.head.lemma_.lower()
        categories: list[SizeCategory] = (
            ["killed", "injured"] if lemma == "casualty" else [CATEGORY_LEMMAS.get(lemma, "")]  # type: ignore[list-item]
        )
        for category in categories:
            if category in ("killed", "injured", "arrested"):
                value = SizeValue(
                    0, 0, f"no {token.head.text}", token.idx, token.head.idx + len(token.head)
                )
                found.append(SizeMention(category=category, value=value, anchor=token.head))
    return found


def _singular_people(sentence: Span, found: list[SizeMention]) -> list[SizeMention]:
    """ "A soldier was killed": one person, counted when a category verb governs it."""
    taken = {(s.value.start_char, s.value.end_char) for s in found}
    extra: list[SizeMention] = []
    for token in sentence:
        if token.lemma_.lower() not in _PERSON_NOUNS or token.tag_ != "NN":
            continue
        det = [c for c in token.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
        if not det or token.dep_ not in ("nsubjpass", "dobj", "nsubj"):
            continue
        category = _predicate_category(token.head)
        if category not in ("killed", "injured", "arrested"):
            continue
        start, end = det[0].idx, token.idx + len(token)
        if any(s < end and start < e for s, e in taken):
            continue
        value = SizeValue(1, 1, sentence.doc.text[start:end], start, end)
        extra.append(SizeMention(category=category, value=value, anchor=token.head))
    return extra


__all__ = ["CATEGORY_LEMMAS", "SizeMention", "extract_sizes"]
