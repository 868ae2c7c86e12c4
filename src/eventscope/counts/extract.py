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
from .people import is_person_noun
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
        # "hospitalised" is left out on purpose: tear-gas and crush cases are taken to
        # hospital without being wounded, and the text rarely says which.
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
            "homeless", "shelter", "escape",
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
# Units after a number that make it a measure, not a head count ("two days of fighting").
_NOT_COUNTS = frozenset(
    {
        "percent", "%", "year", "years", "km", "kilometres", "kilometers", "miles", "times",
        "day", "days", "hour", "hours", "minute", "minutes", "week", "weeks", "month",
        "months", "decade", "decades", "metres", "meters", "tonnes", "tons",
    }
)  # fmt: skip
# Determiners that make a singular person noun one definite person.
_ONE_PERSON_DETS = frozenset({"a", "an", "the", "another", "one"})
# Places only displaced people live in.
_SHELTERS = frozenset({"shelter", "camp", "tent", "settlement"})
# Verbs whose infinitive after "force"/"drive" means people left their homes.
_FLEEING_VERBS = frozenset({"flee", "evacuate", "escape", "leave", "abandon", "relocate"})
# "protesters numbering in the thousands", "a crowd estimated at 10,000".
_SIZING_PARTICIPLES = frozenset({"number", "estimate", "put"})
_MAX_STEPS = 5


@dataclass
class SizeMention:
    """A count found in a sentence.

    Attributes:
        category (SizeCategory): killed, injured, arrested, displaced or participants.
        value (SizeValue): Bounds, text and character offsets.
        anchor (Token): The token that gave the category (to attach it to an event).
        total (bool): True for running totals ("bringing the death toll to 300").
        part (bool): True when the count says only that these people were among a
            category's victims ("a girl was among those killed"): a floor that a count of
            the whole group, when the sentence has one, replaces.
    """

    category: SizeCategory
    value: SizeValue
    anchor: Token
    total: bool = False
    part: bool = False


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
    found.extend(_one_more(sentence, found))
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
    found = _category(span, noun)
    for subject in (noun, span.root):
        if found is None and subject.dep_ == "nsubj" and _protests(subject.head, protest_heads):
            found = ("participants", subject.head, False)
    if found is None:
        return None
    category, anchor, total = found
    value = SizeValue(min=bounds[0], max=bounds[1], text=text, start_char=start, end_char=end)
    return SizeMention(
        category=category, value=value, anchor=anchor, total=total, part=_is_membership(anchor)
    )


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
    counts; so is a number glued to a unit ("a 10-hour siege", "a 12-year-old boy")."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    if after is not None and after.lower_ in _NOT_COUNTS:
        return True
    if after is not None and after.text.startswith(("-", "–")):
        unit = after.lower_.lstrip("-–")
        if not unit and span.end + 1 < len(doc):
            unit = doc[span.end + 1].lower_
        if unit.split("-")[0] in _NOT_COUNTS or unit.split("-")[0] + "s" in _NOT_COUNTS:
            return True
    return before is not None and before.text in ("$", "€", "£", "#", "No.")


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
    people, 4 of them women": a part of a count already made, not more people."""
    doc = span.doc
    if noun.dep_ == "appos":
        return True
    if noun.dep_ == "pobj" and noun.head.lower_ in ("including", "incl"):
        return True
    before = doc[max(span.start - 2, 0) : span.start].text.lower()
    after = doc[span.end : span.end + 2].text.lower()
    return after in ("of them", "of whom", "among them") or before == "among them"


def _counted_noun(span: Span) -> Token:
    """The noun the quantity counts ("dozens of people" -> people), else its own head word."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ == "of":
        objects = [c for c in doc[span.end].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    # The span's root, not its last word: in "two hundred and fifty people" the parser
    # hangs "fifty" on "hundred", and only "hundred" reaches "people".
    for word in (span[-1], span.root):
        head = word.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and word.dep_ == "nummod":
            return head
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
    if lemma in ("force", "drive", "compel") and _forced_out(token):
        return "displaced"
    if lemma in _SIZING_PARTICIPLES and token.dep_ == "acl":
        return CATEGORY_LEMMAS.get(token.head.lemma_.lower())
    if lemma == "take" and any(c.lower_ == "part" and c.dep_ == "dobj" for c in token.children):
        return "participants"
    if lemma == "be":
        return _membership(token)
    if lemma == "leave":
        category = _resultative(token)
        if category is not None:
            return category
    if lemma == "remain" and any(c.lemma_.lower() == "missing" for c in token.children):
        return None
    if lemma in ("remain", "stay", "live", "shelter") and _in_shelter(token):
        return "displaced"
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
        c.dep_ == "nsubj" and CATEGORY_LEMMAS.get(_gathering(c).lemma_.lower()) == "participants"
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


def _gathering(subject: Token) -> Token:
    """The noun a relative pronoun stands for ("the march, which drew 4,000" -> march)."""
    verb = subject.head
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return verb.head
    return subject


def _membership(token: Token) -> SizeCategory | None:
    """ "a girl was among those killed", "two reporters were among the detainees": being
    among the people of a category puts the subject in it."""
    for child in token.children:
        if child.dep_ != "prep" or child.lower_ != "among":
            continue
        for group in child.children:
            if group.dep_ != "pobj":
                continue
            category = CATEGORY_LEMMAS.get(group.lemma_.lower()) or CATEGORY_LEMMAS.get(
                group.lower_
            )
            for part in group.children:
                if category is None and part.dep_ in ("acl", "amod", "relcl"):
                    category = CATEGORY_LEMMAS.get(part.lemma_.lower())
            if category in ("killed", "injured", "arrested", "displaced"):
                return category
    return None


def _is_membership(anchor: Token) -> bool:
    return anchor.lemma_.lower() == "be" and _membership(anchor) is not None


def _resultative(token: Token) -> SizeCategory | None:
    """ "left 250 people injured", "left 40 families homeless": the state after the object
    of "leave", when the parser hangs it on the object instead of on the verb."""
    for child in token.children:
        if child.dep_ != "dobj":
            continue
        for state in child.children:
            if state.dep_ in ("acl", "amod") and state.i > child.i and state.tag_ in ("JJ", "VBN"):
                category = CATEGORY_LEMMAS.get(state.lemma_.lower())
                if category in ("killed", "injured", "displaced"):
                    return category
    return None


def _in_shelter(token: Token) -> bool:
    """ "12,000 people remain in shelters": staying in places only the displaced stay in.
    People who merely "remain" in a town or under siege are not counted."""
    return any(
        g.lemma_.lower() in _SHELTERS
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in ("in", "at", "inside")
        for g in c.children
    )


def _forced_out(token: Token) -> bool:
    """ "forced 500 families from their homes", "forced thousands to flee"."""
    for child in token.children:
        if child.dep_ == "prep" and any(
            g.lemma_.lower() in _DISPLACING_OBJECTS for g in child.children
        ):
            return True
        if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in _FLEEING_VERBS:
            return True
    return False


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
        category = _predicate_category(head)
        if category not in ("killed", "injured", "arrested") or not _suffers(first, head):
            continue
        start = min(t.idx for t in token.subtree if t.i <= token.i)
        end = token.idx + len(token)
        if any(s < end and start < e for s, e in taken):
            continue
        value = SizeValue(1, 1, sentence.doc.text[start:end], start, end)
        extra.append(SizeMention(category=category, value=value, anchor=head))
    return extra


def _singular_noun(token: Token) -> bool:
    """A common noun in the singular, or a singular nationality word used as a noun ("a
    Palestinian was killed")."""
    return token.tag_ == "NN" or (token.tag_ == "NNP" and token.ent_type_ == "NORP")


def _one_more(sentence: Span, found: list[SizeMention]) -> list[SizeMention]:
    """ "a policeman was killed and another was injured", "left one man dead and another
    wounded": a bare "another" standing for one more person.  Counted only when a
    casualty or arrest count comes before it in the sentence, since "another" needs
    someone to be another of; the anchor is its own predicate."""
    extra: list[SizeMention] = []
    for token in sentence:
        if token.lower_ != "another" or token.pos_ not in ("PRON", "DET"):
            continue
        if token.dep_ == "det" or token.head is token:
            continue
        head = token.head
        category = _predicate_category(head)
        if category not in ("killed", "injured", "arrested") or not _suffers(token, head):
            continue
        if not any(
            m.value.end_char <= token.idx and m.category in ("killed", "injured", "arrested")
            for m in found
        ):
            continue
        value = SizeValue(1, 1, token.text, token.idx, token.idx + len(token))
        extra.append(
            SizeMention(category=category, value=value, anchor=head, part=_is_membership(head))
        )
    return extra


def _one_person(token: Token) -> Token | None:
    """The first conjunct of a singular person noun that names one person, else None."""
    marked = any(
        (c.dep_ == "det" and c.lower_ in _ONE_PERSON_DETS) or c.dep_ == "poss"
        for c in token.children
    )
    if not marked:
        return None
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    return first


def _suffers(noun: Token, head: Token) -> bool:
    """Whether the noun is the one hurt, not the one acting: objects and passive subjects
    always; active subjects only of verbs without an object ("a soldier died")."""
    if noun.dep_ in ("dobj", "nsubjpass"):
        return True
    if noun.dep_ == "nsubj":
        return not any(c.dep_ == "dobj" for c in head.children)
    return False


__all__ = ["CATEGORY_LEMMAS", "SizeMention", "extract_sizes"]
