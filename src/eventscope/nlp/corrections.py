"""Corrections to the small English model's tokenizer and lemmatiser.

Every stage matches lemmas and single tokens, so two kinds of model error hide events
from all of them at once:

- the rule lemmatiser strips "-ed"/"-ing" and keeps the result if it is a word:
  "raped" becomes "rap" and "staged" "stag", so "soldiers raped two women" found no
  event and "workers staged a strike" lent the strike no actor;
- the tokenizer splits hyphenated event words ("sit-in" -> "sit", "-", "in"), so the
  lexicon's "sit-in" and "cease-fire" never matched.

Both tables are data (``data/model_fixes.json``); :func:`apply_corrections` adds them to
a loaded model: the lemma fixer right after the lemmatiser, the whole words as tokenizer
special cases.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc


@cache
def _table() -> dict[str, Any]:
    raw = resources.files("eventscope.data").joinpath("model_fixes.json").read_text("utf-8")
    return dict(json.loads(raw))


def lemma_fixes() -> dict[str, str]:
    """Lower-case verb form -> its lemma, for the forms the lemmatiser gets wrong."""
    return dict(_table()["lemmas"])


def apply_corrections(nlp: Language) -> Language:
    """Add both corrections to a loaded English model (what every eventscope stage
    expects to read)."""
    keep_whole_words(nlp)
    if "lemmatizer" in nlp.pipe_names and "eventscope_lemmas" not in nlp.pipe_names:
        nlp.add_pipe("eventscope_lemmas", after="lemmatizer")
    return nlp


def keep_whole_words(nlp: Language) -> None:
    """Make the tokenizer keep each listed hyphenated word as one token, in lower case,
    capitalised and upper case (special cases match exact strings)."""
    for word in _table()["whole_words"]:
        for form in {word, word.capitalize(), word.upper()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])


class LemmaFixer:
    """Sets the right lemma on the verb forms listed in ``model_fixes.json``."""

    def __init__(self, fixes: dict[str, str] | None = None) -> None:
        self.fixes = lemma_fixes() if fixes is None else fixes

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            right = self.fixes.get(token.lower_)
            if right is not None and token.tag_.startswith("VB"):
                token.lemma_ = right
        return doc


@Language.factory("eventscope_lemmas", assigns=["token.lemma"])
def make_lemma_fixer(nlp: Language, name: str) -> LemmaFixer:
    """Factory for :class:`LemmaFixer`."""
    return LemmaFixer()
