"""ConfliBERT's ``cameo_ner`` test file: source and target spans, F1.

Gold: ``events/conflibert/cameo_ner/test.txt``, one ``token TAG`` pair a line and a blank
line between sentences; tags are BIO over three roles: ``S`` source, ``T`` target and
``R`` reciprocal (a party that is both, as in "A and B clashed").  ConfliBERT (a
110M-parameter BERT fine-tuned on the train file) scores 0.74 F1.  The data is GPL-3.0:
we read it for evaluation only and ship nothing derived from it.

For the rule coder we run the full pipeline on each sentence (detokenised, with offsets
kept for every gold token) and read the events' actor spans as ``S`` and recipient
spans as ``T``.  Scores:

- exact span F1 (the seqeval convention behind the published figure), micro over S, T
  and R; an ``R`` gold span counts as found when either role predicts it;
- per role (S, T, R) precision/recall/F1, exact;
- token-overlap F1 per role, for information: how much of the right text we cover even
  when a boundary is off.

Two systems are scored on ``test.txt``:

- a span tagger trained on ``train.txt`` at evaluation time (the headline figures;
  :class:`eventscope.models.spans.SpanTagger`, a spaCy NER over the gold tokens).  The
  data is GPL-3.0, so no model trained on it ships with eventscope: the first run
  trains one (minutes, CPU) and keeps it in the user cache, keyed by the train file's
  SHA-256 and the settings; later runs reuse it.  Its settings were chosen on a fixed
  15 % dev split of ``train.txt`` (``benchmarks/MODELS.md``); the test file trains and
  tunes nothing.  It predicts ``R`` spans too, which match gold ``R`` only;
  ``f1_strict`` also lets its ``S``/``T`` spans match only their own role (seqeval's
  rule, as behind the published figure);
- the rule coder alone (``rules_*``), with two readings of "the sentence's event":
  ``main`` takes the spans of the event the sentence is about (the asserted event with
  the highest confidence, as the other one-label benchmarks do); ``all`` takes every
  event's spans.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..config import Settings
from ..models.data import file_sha256
from ..models.spans import (
    NO_SPACE_AFTER,
    NO_SPACE_BEFORE,
    SpanTagger,
    SpanTaggerConfig,
    bio_spans,
    cached_span_tagger,
    english_model,
    parse_bio,
)
from ..nlp.mentions import EventMention
from ..pipeline import Pipeline
from ..readers.article import Article
from ._run import ANCHOR
from .base import BenchmarkResult, benchmark, prf, require

log = logging.getLogger(__name__)

GOLD = Path("events") / "conflibert" / "cameo_ner" / "test.txt"
TRAIN = GOLD.with_name("train.txt")
CONFLIBERT_F1 = 0.74
ROLES = ("S", "T", "R")
# Chosen on a fixed 15 % dev split of train.txt (benchmarks/MODELS.md).
CONFIG = SpanTaggerConfig(features="syntax", epochs=12, dropout=0.4, depth=6)

Span = tuple[int, int]  # character offsets into the rebuilt sentence


@dataclass
class GoldSentence:
    """A rebuilt sentence, its tokens' offsets, and the gold spans per role."""

    text: str
    offsets: list[Span]
    spans: dict[str, list[Span]] = field(default_factory=dict)


def read_bio(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` pairs from a CoNLL-style file."""
    yield from parse_bio(require(path).read_text(encoding="utf-8"))


def rebuild(pairs: list[tuple[str, str]]) -> GoldSentence:
    """Detokenise a tagged sentence, keeping each token's offsets and the role spans."""
    text = ""
    offsets: list[Span] = []
    previous = ""
    for token, _ in pairs:
        if text and token not in NO_SPACE_BEFORE and previous not in NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    gold = GoldSentence(text, offsets, {role: [] for role in ROLES})
    for role, first, last in bio_spans([tag for _, tag in pairs]):
        gold.spans.setdefault(role, []).append((offsets[first][0], offsets[last][1]))
    return gold


def predicted_spans(doc: Doc, *, main_only: bool) -> dict[str, list[Span]]:
    """Actor spans as ``S`` and recipient spans as ``T`` from the coded events."""
    events: list[EventMention] = list(doc._.events or [])
    if main_only and events:
        asserted = [e for e in events if "negated" not in e.modality] or events
        events = [max(asserted, key=lambda e: e.confidence)]
    found: dict[str, list[Span]] = {"S": [], "T": []}
    for event in events:
        for ref in event.actors:
            found["S"].append((ref.start_char, ref.end_char))
        for ref in event.recipients:
            found["T"].append((ref.start_char, ref.end_char))
    return {role: list(dict.fromkeys(spans)) for role, spans in found.items()}


@dataclass
class _Tally:
    """Exact-span and token-overlap counts per role.

    A predicted ``S`` or ``T`` span that matches a gold ``R`` span counts as found
    (the rule coder has no ``R`` role) unless ``strict``; a predicted ``R`` span
    matches gold ``R`` only, and covers its tokens for both ``S`` and ``T``.
    """

    strict: bool = False
    exact: Counter[str] = field(default_factory=Counter)
    tokens: Counter[str] = field(default_factory=Counter)

    def add(self, gold: GoldSentence, pred: dict[str, list[Span]]) -> None:
        self._exact(gold, pred)
        self._overlap(gold, pred)

    def _exact(self, gold: GoldSentence, pred: dict[str, list[Span]]) -> None:
        unmatched = {role: list(gold.spans.get(role, [])) for role in ROLES}
        for role in ROLES:
            accepts = (role,) if self.strict or role == "R" else (role, "R")
            for span in pred.get(role, []):
                hit = next((r for r in accepts if span in unmatched[r]), None)
                if hit is None:
                    self.exact[f"fp_{role}"] += 1
                    continue
                unmatched[hit].remove(span)
                self.exact[f"tp_{hit}"] += 1
        for role in ROLES:
            self.exact[f"fn_{role}"] += len(unmatched[role])

    def _overlap(self, gold: GoldSentence, pred: dict[str, list[Span]]) -> None:
        def covered(spans: list[Span]) -> set[int]:
            return {
                i
                for i, (a, b) in enumerate(gold.offsets)
                if any(s <= a and b <= e for s, e in spans)
            }

        reciprocal = covered(gold.spans.get("R", []))
        both = covered(pred.get("R", []))
        for role in ("S", "T"):
            want = covered(gold.spans.get(role, [])) | reciprocal
            got = covered(pred.get(role, [])) | both
            self.tokens[f"tp_{role}"] += len(want & got)
            self.tokens[f"fp_{role}"] += len(got - want)
            self.tokens[f"fn_{role}"] += len(want - got)


def _role_scores(counts: Counter[str], roles: tuple[str, ...]) -> dict[str, dict[str, float]]:
    return {
        role: prf(counts[f"tp_{role}"], counts[f"fp_{role}"], counts[f"fn_{role}"])
        | {"support": float(counts[f"tp_{role}"] + counts[f"fn_{role}"])}
        for role in roles
    }


def _micro(counts: Counter[str], roles: tuple[str, ...]) -> dict[str, float]:
    return prf(
        sum(counts[f"tp_{r}"] for r in roles),
        sum(counts[f"fp_{r}"] for r in roles),
        sum(counts[f"fn_{r}"] for r in roles),
    )


def code_docs(texts: list[str]) -> list[Doc]:
    """Parsed and coded docs (the full pipeline), one article per sentence."""
    pipe = Pipeline(Settings())
    nlp = pipe.nlp
    docs = []
    for i, text in enumerate(texts):
        doc = nlp.make_doc(text)
        doc._.article = Article(id=f"s{i}", text=text, published=ANCHOR, origin=f"gold:{i + 1}")
        doc._.warnings = []
        docs.append(doc)
    return list(nlp.pipe(docs, batch_size=64))


def train_tagger(
    data_dir: Path, config: SpanTaggerConfig = CONFIG
) -> tuple[SpanTagger, Path, bool]:
    """The S/T/R tagger trained on ``train.txt`` (from the cache when already trained)."""
    path = require(Path(data_dir) / TRAIN)
    sha256 = file_sha256(path)

    def build() -> SpanTagger:
        log.info("training the cameo_ner span tagger on %s (a few minutes)", path)
        return SpanTagger.train(
            parse_bio(path.read_text(encoding="utf-8")),
            config,
            training={
                "data": "ConfliBERT cameo_ner/train.txt (eventdata/ConfliBERT, GPL-3.0)",
                "sha256": sha256,
                "trained_at_evaluation": True,
            },
        )

    key = {
        "train_sha256": sha256,
        "config": config.key(),
        "english_model": english_model(config),
        "task": "cameo_ner",
    }
    return cached_span_tagger("conflibert-cameo-ner", key, build)


def tagged_spans(
    tagger: SpanTagger, gold: list[GoldSentence], words: list[list[str]]
) -> list[dict[str, list[Span]]]:
    """The tagger's spans per sentence, as character offsets into the rebuilt text."""
    out = []
    for sentence, found in zip(gold, tagger.predict(words), strict=True):
        spans: dict[str, list[Span]] = {role: [] for role in ROLES}
        for role, first, last in found:
            spans.setdefault(role, []).append(
                (sentence.offsets[first][0], sentence.offsets[last][1])
            )
        out.append(spans)
    return out


@benchmark("conflibert_ner", help="ConfliBERT cameo_ner test: source/target span F1")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    """Score the trained tagger's and the rule coder's spans against S/T/R."""
    pairs = list(read_bio(Path(data_dir) / GOLD))[:limit]
    gold = [rebuild(p) for p in pairs]
    tagger, folder, cached = train_tagger(Path(data_dir))
    trained, strict = _Tally(), _Tally(strict=True)
    for sentence, pred in zip(
        gold, tagged_spans(tagger, gold, [[t for t, _ in p] for p in pairs]), strict=True
    ):
        trained.add(sentence, pred)
        strict.add(sentence, pred)
    docs = code_docs([g.text for g in gold])
    main, every = _Tally(), _Tally()
    mismatched: list[int] = []
    for index, (sentence, doc) in enumerate(zip(gold, docs, strict=True)):
        pred = predicted_spans(doc, main_only=True)
        main.add(sentence, pred)
        every.add(sentence, predicted_spans(doc, main_only=False))
        if _differs(sentence, pred):
            mismatched.append(index)
    micro, rules = _micro(trained.exact, ROLES), _micro(main.exact, ROLES)
    metrics = {
        "f1": micro["f1"],
        "precision": micro["precision"],
        "recall": micro["recall"],
        "f1_strict": _micro(strict.exact, ROLES)["f1"],
        "token_f1": _micro(trained.tokens, ("S", "T"))["f1"],
        "rules_f1": rules["f1"],
        "rules_precision": rules["precision"],
        "rules_recall": rules["recall"],
        "rules_f1_all_events": _micro(every.exact, ROLES)["f1"],
        "rules_token_f1": _micro(main.tokens, ("S", "T"))["f1"],
        "conflibert_f1": CONFLIBERT_F1,
        "n_sentences": float(len(gold)),
    }
    per_class: dict[str, dict[str, float]] = {}
    for prefix, tally in (("", trained), ("rules_", main)):
        per_class |= {f"{prefix}exact_{k}": v for k, v in _role_scores(tally.exact, ROLES).items()}
        per_class |= {
            f"{prefix}token_{k}": v for k, v in _role_scores(tally.tokens, ("S", "T")).items()
        }
    return BenchmarkResult(
        name="conflibert_ner",
        metrics=metrics,
        per_class=per_class,
        details={
            "gold": str(GOLD),
            "split": "test",
            "system": "spaCy NER span tagger trained on train.txt at evaluation time (not "
            "shipped: GPL-3.0 data); rules_* = rule coder alone (S = event actors, T = "
            "recipients of the main event)",
            "notes": "an R gold span also matches a predicted S or T span (f1_strict: "
            "only a predicted R); exact match on detokenised character offsets",
            "model_folder": str(folder),
            "model_from_cache": cached,
            "training": tagger.training,
            # Sentence numbers only: the GPL test text stays out of our results.
            "mismatched_sentences": mismatched,
        },
    )


def _differs(gold: GoldSentence, pred: dict[str, list[Span]]) -> bool:
    return any(sorted(gold.spans.get(r, [])) != sorted(pred.get(r, [])) for r in ("S", "T"))
