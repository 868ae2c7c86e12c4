"""The model corrections: verb lemmas the lemmatiser gets wrong, hyphenated event words
the tokenizer splits."""

from __future__ import annotations

import pytest
from spacy.language import Language

from eventscope.nlp.corrections import LemmaFixer, lemma_fixes


@pytest.mark.parametrize(
    ("text", "form", "lemma"),
    [
        ("Soldiers raped two women in the village.", "raped", "rape"),
        ("Workers staged a strike on Monday.", "staged", "stage"),
        ("The army has been waging war on the rebels.", "waging", "wage"),
        ("Police fined the organisers of the march.", "fined", "fine"),
        ("The group stages a protest every Friday.", "stages", "stage"),
    ],
)
def test_verb_forms_get_their_own_lemma(nlp: Language, text: str, form: str, lemma: str) -> None:
    token = next(t for t in nlp(text) if t.text == form)
    assert token.lemma_ == lemma


def test_only_verbs_are_corrected(nlp: Language) -> None:
    """A form the table lists keeps its lemma where it is no verb ("a staging area")."""
    fixer = LemmaFixer({"staging": "stage"})
    doc = nlp("Trucks waited at the staging area.")
    before = [t.lemma_ for t in doc]
    assert [t.lemma_ for t in fixer(doc)] == before


@pytest.mark.parametrize("word", ["sit-in", "Sit-in", "cease-fire", "walk-out"])
def test_hyphenated_event_words_stay_one_token(nlp: Language, word: str) -> None:
    doc = nlp(f"They announced a {word} on Monday.")
    assert word in [t.text for t in doc]


def test_table_lists_lemmas_for_verb_forms_only() -> None:
    """Every entry maps an -s, past or -ing form to a different base."""
    for form, lemma in lemma_fixes().items():
        assert form.endswith(("s", "ed", "ing")) and form != lemma
