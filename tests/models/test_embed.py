"""MiniLM embeddings come from an optional extra; without it, a clear error."""

from __future__ import annotations

import numpy as np
import pytest

from eventscope.errors import ConfigError
from eventscope.models import embed


def test_embed_encodes_or_says_how_to_install() -> None:
    # Both branches assert something, so the test never skips: without the extra
    # (CI) the error must name the install steps; with it, vectors must be unit length.
    if embed.available():
        vectors = embed.encode(["Troops shelled the town.", "Talks resumed."])
        assert vectors.shape == (2, embed.DIMENSIONS)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    else:
        embed._encoder.cache_clear()
        with pytest.raises(ConfigError, match=r"E100.*torch==2\.13\.0.*eventscope\[minilm\]"):
            embed.encode(["Troops shelled the town."])


def test_embed_no_texts_needs_no_model() -> None:
    assert embed.encode([]).shape == (0, embed.DIMENSIONS)
