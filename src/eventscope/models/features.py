"""Text to features: word n-grams weighted by tf-idf, in a small sparse matrix.

numpy is the only dependency (it comes with spaCy), so a trained classifier loads
anywhere eventscope does.  The matrix type is deliberately tiny: rows of
``(column, value)`` pairs in CSR arrays, with the two products a linear model needs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_DIGITS = re.compile(r"\d")
# Hints (e.g. what the rule coder found) are features of their own, never n-grams.
HINT_PREFIX = "hint="


def words(text: str) -> list[str]:
    """Lower-cased word tokens with every digit folded to 0 ("12" and "45" look alike)."""
    return [_DIGITS.sub("0", w) for w in _WORD.findall(text.lower())]


def ngrams(text: str, n: int = 2, hints: Iterable[str] = ()) -> list[str]:
    """Word 1..n-grams of ``text`` plus ``hint=…`` features, with repeats."""
    toks = words(text)
    grams = list(toks)
    for size in range(2, n + 1):
        grams.extend(" ".join(toks[i : i + size]) for i in range(len(toks) - size + 1))
    grams.extend(HINT_PREFIX + h for h in hints)
    return grams


@dataclass
class Sparse:
    """A CSR matrix: row ``r`` holds ``indices[indptr[r]:indptr[r+1]]`` and their ``data``.

    Attributes:
        indptr (np.ndarray): Row starts, length ``n_rows + 1``.
        indices (np.ndarray): Column of each stored value.
        data (np.ndarray): The stored values.
        n_cols (int): Number of columns.
    """

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    n_cols: int
    # The transpose, built on first use by tdot (gradients need it every iteration).
    _transposed: tuple[np.ndarray, np.ndarray, np.ndarray] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def rows(self) -> np.ndarray:
        """The row of every stored value."""
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def take(self, rows: Sequence[int] | np.ndarray) -> Sparse:
        """A new matrix made of the given rows, in that order."""
        rows = np.asarray(rows, dtype=np.int64)
        starts, ends = self.indptr[rows], self.indptr[rows + 1]
        lengths = ends - starts
        indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        ranges = [np.arange(s, e, dtype=np.int64) for s, e in zip(starts, ends, strict=True)]
        pick = np.concatenate(ranges) if ranges else np.zeros(0, dtype=np.int64)
        return Sparse(indptr, self.indices[pick], self.data[pick], self.n_cols)

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``self @ weights`` for a dense ``(n_cols, k)`` matrix."""
        return _csr_dot(self.indptr, self.indices, self.data, weights)

    def tdot(self, grad: np.ndarray) -> np.ndarray:
        """``self.T @ grad`` for a dense ``(n_rows, k)`` matrix."""
        t = self._transposed
        if t is None:
            order = np.argsort(self.indices, kind="stable")
            counts = np.bincount(self.indices, minlength=self.n_cols)
            indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
            t = self._transposed = (indptr, self.rows()[order], self.data[order])
        return _csr_dot(t[0], t[1], t[2], grad)


def _csr_dot(
    indptr: np.ndarray, indices: np.ndarray, data: np.ndarray, dense: np.ndarray
) -> np.ndarray:
    """CSR times dense, in row chunks of bounded memory (gather, then segment sums)."""
    n_rows, k = len(indptr) - 1, dense.shape[1]
    out = np.zeros((n_rows, k))
    step = max(1, 2_000_000 // max(1, k))  # stored values per chunk
    r0 = 0
    while r0 < n_rows:
        r1 = int(np.searchsorted(indptr, indptr[r0] + step, side="right")) - 1
        r1 = min(max(r1, r0 + 1), n_rows)
        s, e = int(indptr[r0]), int(indptr[r1])
        if e > s:
            seg = data[s:e, None] * dense[indices[s:e]]
            starts = indptr[r0:r1] - s
            filled = np.diff(indptr[r0 : r1 + 1]) > 0
            out[r0:r1][filled] = np.add.reduceat(seg, starts[filled], axis=0)
        r0 = r1
    return out


class NgramVectorizer:
    """Word n-grams to l2-normalised, sublinear tf-idf vectors.

    Args:
        ngram (int): Longest n-gram (2: words and word pairs).
        min_df (int): Keep n-grams seen in at least this many training texts.
        max_features (int): Keep at most this many, the most frequent first.
    """

    def __init__(self, *, ngram: int = 2, min_df: int = 2, max_features: int = 50_000) -> None:
        self.ngram = ngram
        self.min_df = min_df
        self.max_features = max_features
        self.vocab: dict[str, int] = {}
        self.idf = np.zeros(0)

    def fit(self, texts: Sequence[str], hints: Sequence[Sequence[str]] | None = None) -> None:
        """Learn the vocabulary and idf weights from training texts."""
        df: Counter[str] = Counter()
        for i, text in enumerate(texts):
            df.update(set(ngrams(text, self.ngram, hints[i] if hints else ())))
        kept = [g for g, c in df.items() if c >= self.min_df or g.startswith(HINT_PREFIX)]
        kept.sort(key=lambda g: (-df[g], g))  # frequency, then alphabetical: deterministic
        kept = kept[: self.max_features]
        self.vocab = {g: i for i, g in enumerate(kept)}
        n = len(texts)
        self.idf = np.array([math.log((1 + n) / (1 + df[g])) + 1.0 for g in kept])

    def transform(
        self, texts: Sequence[str], hints: Sequence[Sequence[str]] | None = None
    ) -> Sparse:
        """The tf-idf matrix of ``texts`` (n-grams outside the vocabulary are ignored)."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for i, text in enumerate(texts):
            counts = Counter(
                self.vocab[g]
                for g in ngrams(text, self.ngram, hints[i] if hints else ())
                if g in self.vocab
            )
            cols = sorted(counts)
            vals = np.array([(1.0 + math.log(counts[c])) * self.idf[c] for c in cols])
            norm = float(np.sqrt((vals**2).sum())) if cols else 1.0
            indices.extend(cols)
            data.extend((vals / (norm or 1.0)).tolist())
            indptr.append(len(indices))
        return Sparse(
            np.array(indptr, dtype=np.int64),
            np.array(indices, dtype=np.int64),
            np.array(data, dtype=np.float64),
            len(self.vocab),
        )

    def to_dict(self) -> dict[str, Any]:
        """Settings and vocabulary, for JSON (the idf goes with the weights)."""
        return {
            "ngram": self.ngram,
            "min_df": self.min_df,
            "max_features": self.max_features,
            "vocab": sorted(self.vocab, key=self.vocab.__getitem__),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], idf: np.ndarray) -> NgramVectorizer:
        vec = cls(ngram=data["ngram"], min_df=data["min_df"], max_features=data["max_features"])
        vec.vocab = {g: i for i, g in enumerate(data["vocab"])}
        vec.idf = np.asarray(idf, dtype=np.float64)
        return vec
