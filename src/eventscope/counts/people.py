"""Decide whether a singular noun names one person ("a translator", "a 15-year-old").

A list can never hold every job or role a report may mention, so a noun counts as a
person when any of these holds:

* its lemma is in the lexicon's ``person_nouns`` (roles, jobs, kin, ranks; the list lives
  in ``data/sizes/lexicon.json``);
* it ends in a suffix that forms nouns for people (-man, -woman, -ist, -ian) and is not
  one of the few things with that ending (``not_people``);
* the model tags it as a PERSON or a nationality/group (NORP: "a Palestinian");
* an age modifies it ("a 15-year-old girl", "a 60-year-old"): only people have ages in
  casualty reports.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import lexicon

PERSON_NOUNS = lexicon().person_nouns


def is_person_noun(token: Token) -> bool:
    """Whether ``token`` (a noun) names a person; see the module docstring for why each
    test is there."""
    words = lexicon()
    lemma = token.lemma_.lower()
    if lemma in words.person_nouns or token.lower_ in words.person_nouns:
        return True
    if lemma.endswith(words.person_suffixes) and lemma not in words.not_people and len(lemma) > 4:
        return True
    if token.ent_type_ in ("PERSON", "NORP"):
        return True
    return has_age(token)


def has_age(token: Token) -> bool:
    """ "a 15-year-old girl": an age in the noun's modifiers (however the tokenizer split
    "15-year-old")."""
    for child in token.children:
        if child.dep_ not in ("amod", "compound", "nummod", "npadvmod"):
            continue
        words = "".join(t.text for t in child.subtree).lower()
        if "year" in words and "old" in words:
            return True
    return False


__all__ = ["PERSON_NOUNS", "has_age", "is_person_noun"]
