"""ConfliBERT's ``cameo_ner`` test file: source and target spans, F1.

Gold: ``events/conflibert/cameo_ner/test.txt``, one ``token TAG`` pair a line and a blank
line between sentences; tags are BIO over three roles: ``S`` source, ``T`` target and
``R`` reciprocal (a party that is both, as in "A and B clashed").  ConfliBERT (a
110M-parameter BERT fine-tuned on the train file) scores 0.74 F1.  The data is GPL-3.0:
we read it for evaluation only and ship nothing derived from it.

We run the full pipeline on each sentence (detokenised, with offsets kept for every
gold token) and read the events' actor spans as ``S`` and recipient spans as ``T``.
Scores:

- exact span F1 (the seqeval convention behind the published figure), micro over S, T
  and R; an ``R`` gold span counts as found when either role predicts it;
- per role (S, T, R) precision/recall/F1, exact;
- token-overlap F1 per role, for information: how much of the right text we cover even
  when a boundary is off.

Two readings of "the sentence's event": ``main`` (headline) takes the spans of the event
the sentence is about (the asserted event with the highest confidence, as the other
one-label benchmarks do); ``all`` takes every event's spans.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from ..config import Settings
from ..nlp.mentions import EventMention
from ..pipeline import Pipeline
from ..readers.article import Article
from ._run import ANCHOR
from .base import BenchmarkResult, benchmark, prf, require

GOLD = Path("events") / "conflibert" / "cameo_ner" / "test.txt"
CONFLIBERT_F1 = 0.74
ROLES = ("S", "T", "R")
#: Tokens written without a space before them when the sentence is rebuilt.
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "n't", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$"})

Span = tuple[int, int]  # character offsets into the rebuilt sentence


@dataclass
class GoldSentence:
    """A rebuilt sentence, its tokens' offsets, and the gold spans per role."""

    text: str
    offsets: list[Span]
    spans: dict[str, list[Span]] = field(default_factory=dict)


def read_bio(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of ``(token, tag)`` pairs from a CoNLL-style file."""
    sentence: list[tuple[str, str]] = []
    for line in require(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentence:
                yield sentence
            sentence = []
            continue
        sentence.append((" ".join(parts[:-1]) or parts[0], parts[-1] if len(parts) > 1 else "O"))
    if sentence:
        yield sentence


def rebuild(pairs: list[tuple[str, str]]) -> GoldSentence:
    """Detokenise a tagged sentence, keeping each token's offsets and the role spans."""
    text = ""
    offsets: list[Span] = []
    previous = ""
    for token, _ in pairs:
        if text and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        previous = token
    gold = GoldSentence(text, offsets, {role: [] for role in ROLES})
    for role, first, last in bio_spans([tag for _, tag in pairs]):
        gold.spans.setdefault(role, []).append((offsets[first][0], offsets[last][1]))
    return gold


def bio_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """``(role, first token, last token)`` for each BIO span; a stray ``I-`` opens one."""
    spans: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        prefix, _, role = tag.partition("-")
        if prefix == "B" or (prefix == "I" and (not spans or spans[-1][0] != role)):
            spans.append((role, i, i))
        elif prefix == "I" and spans[-1][2] == i - 1:
            spans[-1] = (role, spans[-1][1], i)
        elif prefix == "I":
            spans.append((role, i, i))
    return spans


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
    """Exact-span and token-overlap counts per role."""

    exact: Counter[str] = field(default_factory=Counter)
    tokens: Counter[str] = field(default_factory=Counter)

    def add(self, gold: GoldSentence, pred: dict[str, list[Span]]) -> None:
        self._exact(gold, pred)
        self._overlap(gold, pred)

    def _exact(self, gold: GoldSentence, pred: dict[str, list[Span]]) -> None:
        unmatched = {role: list(gold.spans.get(role, [])) for role in ROLES}
        for role in ("S", "T"):
            for span in pred.get(role, []):
                hit = next((r for r in (role, "R") if span in unmatched[r]), None)
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
        for role in ("S", "T"):
            want = covered(gold.spans.get(role, [])) | reciprocal
            got = covered(pred.get(role, []))
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


@benchmark("conflibert_ner", help="ConfliBERT cameo_ner test: source/target span F1")
def run(data_dir: Path, *, limit: int | None = None) -> BenchmarkResult:
    """Code each test sentence and score its actor/recipient spans against S/T/R."""
    gold = [rebuild(pairs) for pairs in read_bio(Path(data_dir) / GOLD)][:limit]
    docs = code_docs([g.text for g in gold])
    main, every = _Tally(), _Tally()
    mismatched: list[int] = []
    for index, (sentence, doc) in enumerate(zip(gold, docs, strict=True)):
        pred = predicted_spans(doc, main_only=True)
        main.add(sentence, pred)
        every.add(sentence, predicted_spans(doc, main_only=False))
        if _differs(sentence, pred):
            mismatched.append(index)
    micro = _micro(main.exact, ROLES)
    metrics = {
        "f1": micro["f1"],
        "precision": micro["precision"],
        "recall": micro["recall"],
        "f1_all_events": _micro(every.exact, ROLES)["f1"],
        "token_f1": _micro(main.tokens, ("S", "T"))["f1"],
        "conflibert_f1": CONFLIBERT_F1,
        "n_sentences": float(len(gold)),
    }
    per_class = {f"exact_{k}": v for k, v in _role_scores(main.exact, ROLES).items()}
    per_class |= {f"token_{k}": v for k, v in _role_scores(main.tokens, ("S", "T")).items()}
    return BenchmarkResult(
        name="conflibert_ner",
        metrics=metrics,
        per_class=per_class,
        details={
            "gold": str(GOLD),
            "split": "test",
            "notes": "S = event actors, T = recipients of the main event; an R gold span "
            "matches either role; exact match on detokenised character offsets",
            # Sentence numbers only: the GPL test text stays out of our results.
            "mismatched_sentences": mismatched,
        },
    )


def _differs(gold: GoldSentence, pred: dict[str, list[Span]]) -> bool:
    return any(sorted(gold.spans.get(r, [])) != sorted(pred.get(r, [])) for r in ("S", "T"))
