"""Finds and loads the spaCy model, offline.

Only installed packages are considered; nothing is ever downloaded.
"""

from __future__ import annotations

import importlib
import importlib.util

import spacy
from spacy.language import Language

from ..config import MODEL_PREFERENCE
from ..errors import ConfigError, Messages
from .corrections import apply_corrections


def available_models() -> list[str]:
    """Installed model packages from the preference list, best first."""
    return [name for name in MODEL_PREFERENCE if importlib.util.find_spec(name) is not None]


def resolve_model_name(name: str | None) -> str:
    """Return ``name`` if installed, or the best installed model when ``name`` is None."""
    if name is not None:
        if importlib.util.find_spec(name) is None:
            raise ConfigError(Messages.E020.format(name=name))
        return name
    found = available_models()
    if not found:
        raise ConfigError(Messages.E020.format(name=MODEL_PREFERENCE[-1]))
    return found[0]


def load_model(name: str | None = None) -> Language:
    """Load a spaCy pipeline from an installed package (never from the network), with
    eventscope's corrections to its tokenizer and lemmas (:mod:`.corrections`)."""
    resolved = resolve_model_name(name)
    module = importlib.import_module(resolved)
    nlp: Language = module.load()
    if nlp.meta.get("lang") != "en":
        raise ConfigError(Messages.E020.format(name=resolved))
    nlp.meta["eventscope_model"] = resolved
    return apply_corrections(nlp)


__all__ = ["available_models", "load_model", "resolve_model_name", "spacy"]
