"""Builds the spaCy pipeline: the model's own components, then eventscope's stages.

The stage order is the data flow: events create mentions; the ACLED stage reads each
sentence for its ACLED type; actors, places, time and sizes enrich them.  Each stage is
a registered spaCy factory (see ``stages/``), so a user can rebuild, reorder or replace
one through ``nlp.add_pipe`` like any component.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language

from ..config import Settings
from . import extensions, paragraphs  # noqa: F401  (registers attributes and factories)
from .model import load_model

STAGES: tuple[str, ...] = (
    "eventscope_events",
    "eventscope_acled",
    "eventscope_actors",
    "eventscope_places",
    "eventscope_time",
    "eventscope_sizes",
)


def stage_config(name: str, settings: Settings) -> dict[str, Any]:
    """Per-stage config taken from the settings."""
    if name == "eventscope_places" and settings.gazetteer is not None:
        return {"gazetteer_path": str(Path(settings.gazetteer))}
    if name == "eventscope_acled":
        return {"model": settings.acled}
    return {}


def build_nlp(settings: Settings | None = None) -> Language:
    """Load the model and append every eventscope stage in order."""
    from .. import stages  # noqa: F401  (registers the factories)

    settings = settings or Settings()
    nlp = load_model(settings.model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventscope_paragraphs", before="parser")
    for name in STAGES:
        nlp.add_pipe(name, config=stage_config(name, settings))
    return nlp
