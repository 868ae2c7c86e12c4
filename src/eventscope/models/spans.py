"""A trained role-span tagger: who acts (``S``), on whom (``T``), or both (``R``).

The rule coder reads actors and recipients off the dependency parse; this model learns
them from BIO-tagged sentences instead (one ``token TAG`` pair a line, a blank line
between sentences, as in ConfliBERT's ``cameo_ner`` files).  It is a spaCy
``EntityRecognizer`` trained with spaCy's own training loop on the given tokens, so
predictions come back as token spans of those same tokens.

Three feature sets (``SpanTaggerConfig.features``):

- ``fresh``: a new hash-embedding CNN over each token's norm, prefix, suffix and shape;
- ``syntax``: the same, plus each token's part-of-speech tag and dependency label from
  the installed English pipeline (frozen; it is run on the given tokens first);
- ``transfer``: the installed pipeline's own NER token encoder as the starting point,
  fine-tuned (it already knows what names of people, groups and places look like).

Example::

    from eventscope.models.spans import SpanTagger, SpanTaggerConfig, read_bio_file

    tagger = SpanTagger.train(read_bio_file("train.txt"), SpanTaggerConfig(epochs=20))
    tagger.save("roles-model/")
    SpanTagger.load("roles-model/").predict([["Rebels", "shelled", "the", "town", "."]])
    # [[("S", 0, 0), ("T", 2, 3)]]

A saved model is a folder with ``model.json`` (settings, labels and the ``training``
record: data file, SHA-256, sentence counts, dev scores per epoch) and ``pipeline/``
(spaCy's ``to_disk`` output: msgpack weights, no pickles).  Trained on third-party data
it stays in the user's cache (:func:`eventscope.models.cache.cache_dir`), never in the
package.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, cast

import spacy
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch
from spacy.vocab import Vocab
from thinc.types import Ints2d

from ..errors import ConfigError, Messages
from .cache import cached_model
from .data import file_sha256
from .folder import read_meta, trained_stamp, write_meta

log = logging.getLogger(__name__)

FORMAT = 1
FEATURES = ("fresh", "syntax", "transfer")
#: Tokens written without a space before (after) them when a sentence is rebuilt.
NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})
#: Pipes of the installed English model that the ``syntax`` features need.
_SYNTAX_PIPES = ("tok2vec", "tagger", "parser")

Tagged = Sequence[tuple[str, str]]  # one sentence of (token, BIO tag) pairs
RoleSpan = tuple[str, int, int]  # (role, first token, last token), inclusive


@dataclass(frozen=True)
class SpanTaggerConfig:
    """How to train a :class:`SpanTagger`.

    Example::

        SpanTaggerConfig(features="syntax", epochs=15, dropout=0.2, seed=0)

    Attributes:
        features (str): ``fresh``, ``syntax`` or ``transfer`` (see the module docstring).
        epochs (int): Passes over the training sentences.
        dropout (float): Dropout rate during training.
        batch_size (int): Sentences per update.
        learn_rate (float): Adam learning rate.
        width (int): Token vector width (``fresh`` and ``syntax``; ``transfer`` keeps 96).
        depth (int): CNN layers, each widening the context by one token either side.
        seed (int): Seed of every random choice (initial weights, shuffling, dropout).
    """

    features: str = "fresh"
    epochs: int = 20
    dropout: float = 0.2
    batch_size: int = 16
    learn_rate: float = 0.001
    width: int = 96
    depth: int = 4
    seed: int = 0

    def __post_init__(self) -> None:
        if self.features not in FEATURES:
            raise ConfigError(Messages.E111.format(name=self.features, choices=", ".join(FEATURES)))

    def key(self) -> dict[str, Any]:
        """Everything that changes the trained weights (for cache keys)."""
        return asdict(self) | {"format": FORMAT}


def parse_bio(text: str) -> list[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` pairs from CoNLL-style text (tag last on each line)."""
    sentences: list[list[tuple[str, str]]] = []
    sentence: list[tuple[str, str]] = []
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                sentences.append(sentence)
            sentence = []
            continue
        sentence.append((" ".join(parts[:-1]) or parts[0], parts[-1] if len(parts) > 1 else "O"))
    if sentence:
        sentences.append(sentence)
    return sentences


def read_bio_file(path: Path | str) -> list[list[tuple[str, str]]]:
    """:func:`parse_bio` on a file; a missing or unreadable file is a ``ConfigError``."""
    try:
        return parse_bio(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(Messages.E101.format(path=path, detail=exc)) from exc


def bio_spans(tags: Sequence[str]) -> list[RoleSpan]:
    """``(role, first token, last token)`` for each BIO span; a stray ``I-`` opens one."""
    spans: list[RoleSpan] = []
    for i, tag in enumerate(tags):
        prefix, _, role = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (not spans or spans[-1][0] != role)):
            spans.append((role, i, i))
        elif prefix == "I" and spans[-1][2] == i - 1:
            spans[-1] = (role, spans[-1][1], i)
        elif prefix == "I":
            spans.append((role, i, i))
    return spans


def spaces(words: Sequence[str]) -> list[bool]:
    """Whether a space follows each token, by the rules that rebuild a sentence's text."""
    return [
        i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and w not in NO_SPACE_AFTER
        for i, w in enumerate(words)
    ]


def dev_split(
    sentences: Sequence[Tagged], fraction: float = 0.15, *, salt: str = "dev"
) -> tuple[list[Tagged], list[Tagged]]:
    """``(train, dev)``: a fixed share of sentences, chosen by a hash of their tokens.

    The split depends on nothing but the text, so it is the same on every run and
    machine, and a sentence repeated in the file always falls on the same side.
    """
    train: list[Tagged] = []
    dev: list[Tagged] = []
    for sentence in sentences:
        text = salt + "\x00" + " ".join(token for token, _ in sentence)
        bucket = int(hashlib.sha256(text.encode()).hexdigest()[:8], 16) / 0x1_0000_0000
        (dev if bucket < fraction else train).append(sentence)
    return train, dev


def span_scores(
    gold: Sequence[Sequence[RoleSpan]], pred: Sequence[Sequence[RoleSpan]]
) -> dict[str, float]:
    """Micro precision/recall/F1 of exact ``(role, first, last)`` matches (seqeval's rule)."""
    tp = fp = fn = 0
    for want, got in zip(gold, pred, strict=True):
        hits = len(set(want) & set(got))
        tp, fp, fn = tp + hits, fp + len(set(got)) - hits, fn + len(set(want)) - hits
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


@dataclass
class SpanTagger:
    """A trained S/T/R span tagger over pre-tokenised sentences.

    Attributes:
        nlp (Language): A blank English pipeline holding one ``ner`` pipe.
        config (SpanTaggerConfig): How it was trained.
        training (dict[str, Any]): What it was trained on and how well it did on dev.
    """

    nlp: Language
    config: SpanTaggerConfig
    training: dict[str, Any] = field(default_factory=dict)
    _syntax: Language | None = field(default=None, repr=False)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(_ner(self.nlp).labels)

    @classmethod
    def train(
        cls,
        sentences: Sequence[Tagged],
        config: SpanTaggerConfig | None = None,
        *,
        dev: Sequence[Tagged] = (),
        training: dict[str, Any] | None = None,
        on_epoch: Callable[[int, dict[str, float]], None] | None = None,
    ) -> SpanTagger:
        """Train on BIO-tagged sentences.

        Args:
            sentences (Sequence[Tagged]): ``(token, tag)`` pairs per sentence.
            config (SpanTaggerConfig | None): Settings; the defaults when ``None``.
            dev (Sequence[Tagged]): Held-out sentences scored after every epoch (their
                scores go in ``training["dev_by_epoch"]``); they train nothing.
            training (dict[str, Any] | None): Provenance to keep with the model.
            on_epoch (Callable | None): Called with the epoch number and its scores
                (``loss`` and, with ``dev``, ``precision``/``recall``/``f1``).
        """
        config = config or SpanTaggerConfig()
        started = time.perf_counter()
        fix_random_seed(config.seed)
        tagger = cls(_blank_pipeline(config), config)
        if config.features == "syntax":
            tagger._syntax = _syntax_pipeline()
        examples = [
            Example(tagger._make_doc([t for t, _ in s]), tagger._gold_doc(s)) for s in sentences
        ]
        optimizer = tagger.nlp.initialize(lambda: examples)
        optimizer.learn_rate = config.learn_rate
        if config.features == "transfer":
            _copy_ner_encoder(tagger.nlp)
        rng = random.Random(config.seed)
        history: list[dict[str, float]] = []
        order = list(examples)
        for epoch in range(1, config.epochs + 1):
            rng.shuffle(order)
            losses: dict[str, float] = {}
            for batch in minibatch(order, size=config.batch_size):
                tagger.nlp.update(batch, drop=config.dropout, sgd=optimizer, losses=losses)
            scores = {"epoch": float(epoch), "loss": round(float(losses.get("ner", 0.0)), 3)}
            if dev:
                gold = [bio_spans([tag for _, tag in s]) for s in dev]
                found = tagger.predict([[t for t, _ in s] for s in dev])
                scores |= {k: round(v, 4) for k, v in span_scores(gold, found).items()}
            history.append(scores)
            if on_epoch is not None:
                on_epoch(epoch, scores)
        tagger.training = {
            "n_sentences": len(sentences),
            "n_spans": sum(len(bio_spans([tag for _, tag in s])) for s in sentences),
            "n_dev_sentences": len(dev),
            "dev_by_epoch": history if dev else [],
            "train_seconds": round(time.perf_counter() - started, 1),
            "spacy": spacy.__version__,
            "english_model": english_model(config),
            **trained_stamp(),
        } | (training or {})
        return tagger

    @classmethod
    def train_file(
        cls,
        path: Path | str,
        config: SpanTaggerConfig | None = None,
        *,
        training: dict[str, Any] | None = None,
    ) -> SpanTagger:
        """Train on every sentence of a BIO file, recording its name and SHA-256."""
        path = Path(path)
        record = {"data": path.name, "sha256": file_sha256(path)} | (training or {})
        return cls.train(read_bio_file(path), config, training=record)

    def predict(self, sentences: Iterable[Sequence[str]]) -> list[list[RoleSpan]]:
        """``(role, first token, last token)`` spans for each tokenised sentence."""
        ner = _ner(self.nlp)
        docs = [self._make_doc(words) for words in sentences]
        out: list[list[RoleSpan]] = []
        for doc in ner.pipe(docs, batch_size=64):
            out.append([(ent.label_, ent.start, ent.end - 1) for ent in doc.ents])
        return out

    def save(self, path: Path | str) -> Path:
        """Write the model to the folder ``path`` (created if missing)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        self.nlp.to_disk(folder / "pipeline")
        meta = {
            "format": FORMAT,
            "kind": "span_tagger",
            "config": asdict(self.config),
            "labels": list(self.labels),
            "training": self.training,
        }
        write_meta(folder, meta)
        return folder

    @classmethod
    def load(cls, path: Path | str) -> SpanTagger:
        """Read a model written by :meth:`save`."""
        folder = Path(path)
        try:
            meta = read_meta(folder, fmt=FORMAT, kind="span_tagger")
            config = SpanTaggerConfig(**meta["config"])
            nlp = spacy.load(folder / "pipeline")
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ConfigError(Messages.E110.format(path=folder, detail=exc)) from exc
        tagger = cls(nlp, config, meta.get("training", {}))
        if config.features == "syntax":
            tagger._syntax = _syntax_pipeline()
        return tagger

    @property
    def _vocab(self) -> Vocab:
        # With ``syntax`` features the docs live in the English model's vocab, whose
        # tagger and parser annotate them before the NER reads them.
        return self._syntax.vocab if self._syntax is not None else self.nlp.vocab

    def _make_doc(self, words: Sequence[str]) -> Doc:
        doc = Doc(self._vocab, words=list(words), spaces=spaces(words))
        if self._syntax is None or not words:
            return doc
        parsed = doc
        for _, pipe in self._syntax.pipeline:
            parsed = pipe(parsed)
        # Only the tag and dependency label of each token travel, into one sentence: an
        # entity may not cross a sentence boundary, and the parser's own boundaries
        # would forbid gold spans that it splits (spaCy's E024 while training).
        starts: list[bool | int | None] = [True, *([False] * (len(words) - 1))]
        doc = Doc(self._vocab, words=list(words), spaces=spaces(words), sent_starts=starts)
        doc.from_array(["TAG", "DEP"], cast(Ints2d, parsed.to_array(["TAG", "DEP"])))
        return doc

    def _gold_doc(self, sentence: Tagged) -> Doc:
        words = [t for t, _ in sentence]
        ents = ["O"] * len(words)
        for role, first, last in bio_spans([tag for _, tag in sentence]):
            ents[first : last + 1] = [f"B-{role}"] + [f"I-{role}"] * (last - first)
        return Doc(self._vocab, words=words, spaces=spaces(words), ents=ents)


def cached_span_tagger(
    name: str,
    key: dict[str, Any],
    build: Callable[[], SpanTagger],
    *,
    root: Path | None = None,
) -> tuple[SpanTagger, Path, bool]:
    """:func:`eventscope.models.cache.cached_model` for a :class:`SpanTagger`."""
    return cached_model(name, key, build, SpanTagger.load, root=root)


def _blank_pipeline(config: SpanTaggerConfig) -> Language:
    """A blank English pipeline with an untrained ``ner`` pipe for ``config``."""
    if config.features == "transfer":
        # The installed model's NER encoder, so its weights can be copied in.
        tok2vec = dict(_english().config["components"]["ner"]["model"]["tok2vec"])
    else:
        attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
        rows = [5000, 1000, 2500, 2500]
        if config.features == "syntax":
            attrs, rows = [*attrs, "TAG", "DEP"], [*rows, 200, 200]
        tok2vec = {
            "@architectures": "spacy.Tok2Vec.v2",
            "embed": {
                "@architectures": "spacy.MultiHashEmbed.v2",
                "width": config.width,
                "attrs": attrs,
                "rows": rows,
                "include_static_vectors": False,
            },
            "encode": {
                "@architectures": "spacy.MaxoutWindowEncoder.v2",
                "width": config.width,
                "depth": config.depth,
                "window_size": 1,
                "maxout_pieces": 3,
            },
        }
    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TransitionBasedParser.v2",
        "state_type": "ner",
        "extra_state_tokens": False,
        "hidden_width": 64,
        "maxout_pieces": 2,
        "use_upper": True,
        "nO": None,
        "tok2vec": tok2vec,
    }
    nlp.add_pipe("ner", config={"model": model})
    for role in ("S", "T", "R"):
        _ner(nlp).add_label(role)
    return nlp


def _ner(nlp: Language) -> EntityRecognizer:
    return cast(EntityRecognizer, nlp.get_pipe("ner"))


_ENGLISH: Language | None = None


def english_model(config: SpanTaggerConfig) -> str | None:
    """The installed English pipeline (name and version) that ``config``'s features read.

    ``None`` for ``fresh`` features, which read nothing but the tokens.  Part of the
    cache key of a tagger trained with the others: another model, another tagger.
    """
    if config.features == "fresh":
        return None
    meta = _english().meta
    return f"{meta.get('eventscope_model', meta.get('name'))} {meta.get('version')}"


def _english() -> Language:
    """The installed English pipeline (loaded once; never downloaded)."""
    global _ENGLISH
    if _ENGLISH is None:
        from ..nlp.model import load_model

        _ENGLISH = load_model()
    return _ENGLISH


def _syntax_pipeline() -> Language:
    """The installed pipeline cut down to what tags and parses: tok2vec, tagger, parser."""
    english = _english()
    nlp = spacy.blank("en", vocab=english.vocab)
    for name in _SYNTAX_PIPES:
        nlp.add_pipe(name, source=english)
    for role in ("S", "T", "R"):
        nlp.vocab.strings.add(role)
    return nlp


def _copy_ner_encoder(nlp: Language) -> None:
    """Start the new NER's token encoder from the installed model's NER encoder."""
    source = _ner(_english()).model.get_ref("tok2vec")
    _ner(nlp).model.get_ref("tok2vec").from_bytes(source.to_bytes())
