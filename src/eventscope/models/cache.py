"""Models trained at evaluation time, kept in the user cache directory.

A benchmark whose training data may not be shipped with eventscope (ConfliBERT's files
are GPL-3.0; NGEC's stories carry no licence) trains on the user's copy the first
time it runs and reuses the result afterwards.  The folder name is a hash of
everything that changes the weights (the training file's SHA-256, the settings, the
model format), so a new file or new settings train a new model and a stale one is
never used.  ``EVENTSCOPE_MODEL_CACHE`` moves the cache.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import platformdirs

from ..errors import ConfigError
from .classifier import TextClassifier

log = logging.getLogger(__name__)


def cache_dir() -> Path:
    """Where trained models are kept: ``$EVENTSCOPE_MODEL_CACHE`` or the user cache dir."""
    env = os.environ.get("EVENTSCOPE_MODEL_CACHE")
    if env:
        return Path(env)
    return Path(platformdirs.user_cache_dir("eventscope", appauthor=False)) / "models"


def cache_key(key: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()[:16]


class CachedModel(Protocol):
    """What the cache needs of a model: its training record and a folder writer."""

    training: dict[str, Any]

    def save(self, path: Path) -> Path: ...


M = TypeVar("M", bound=CachedModel)


def cached_model(
    name: str,
    key: dict[str, Any],
    build: Callable[[], M],
    load: Callable[[Path], M],
    *,
    root: Path | None = None,
) -> tuple[M, Path, bool]:
    """The model for ``key``: loaded from the cache, or built, saved and returned.

    Args:
        name (str): Readable prefix of the folder name, e.g. ``conflibert-cameo``.
        key (dict[str, Any]): Everything the weights depend on (JSON-serialisable).
        build (Callable[[], M]): Trains the model when it is not cached.
        load (Callable[[Path], M]): Reads a saved model (raises ``ConfigError``).
        root (Path | None): Cache folder; :func:`cache_dir` when ``None``.

    Returns:
        (model, folder, whether it came from the cache).
    """
    folder = (root or cache_dir()) / f"{name}-{cache_key(key)}"
    if (folder / "model.json").exists():
        try:
            model = load(folder)
            log.info("using cached model %s", folder)
            return model, folder, True
        except ConfigError:
            log.warning("cached model %s is unreadable; training again", folder)
    model = build()
    model.training["cache_key"] = key
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the final folder and renamed into place: a run that stops halfway
    # leaves no half-written model for the next one to load.
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=folder.parent))
    model.save(tmp)
    try:
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except OSError:  # another process (a pipeline worker) saved the same model meanwhile
        shutil.rmtree(tmp, ignore_errors=True)
    log.info("trained and cached model %s", folder)
    return model, folder, False


def cached_classifier(
    name: str,
    key: dict[str, Any],
    build: Callable[[], TextClassifier],
    *,
    root: Path | None = None,
) -> tuple[TextClassifier, Path, bool]:
    """:func:`cached_model` for a :class:`TextClassifier`."""
    return cached_model(name, key, build, TextClassifier.load, root=root)
