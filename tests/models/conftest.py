"""Fixtures of the model tests: a few sentences we wrote, in three classes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SENTENCES = Path(__file__).with_name("sentences.tsv")
HAVE_TORCH = all(importlib.util.find_spec(m) for m in ("torch", "transformers", "safetensors"))
needs_torch = pytest.mark.skipif(not HAVE_TORCH, reason="needs the minilm extra (torch)")
SENTENCE_WORDS = (
    "troops shelled the village rebels attacked a convoy police arrested protesters "
    "leaders signed an agreement ministers met for talks aid was delivered to refugees"
)


@pytest.fixture(scope="session")
def sentences() -> tuple[list[str], list[str]]:
    rows = [line.split("\t") for line in SENTENCES.read_text().splitlines() if line]
    return [t for t, _ in rows], [lab for _, lab in rows]


@pytest.fixture(autouse=True)
def _private_model_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep trained test models out of the user's cache."""
    monkeypatch.setenv("EVENTSCOPE_MODEL_CACHE", str(tmp_path / "model-cache"))


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised two-layer BERT with a word-level vocabulary: trains in
    seconds and exercises the same code path as the packaged MiniLM."""
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-bert")
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    hint_words = {"rules", ":", "|", "quad", "=", "4", "1"}
    vocab = specials + sorted(set(SENTENCE_WORDS.split()) | hint_words)
    words = {word: i for i, word in enumerate(vocab)}
    BertTokenizerFast(vocab=words).save_pretrained(str(folder))
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    BertModel(config).save_pretrained(str(folder))
    return folder
