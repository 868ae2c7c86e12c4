"""Word n-gram features and the small sparse matrix behind them."""

from __future__ import annotations

import numpy as np
import pytest

from eventscope.models.features import NgramVectorizer, Sparse, ngrams, words


def test_features_words_fold_digits_and_case() -> None:
    assert words("Police arrested 12 people, 3 of them minors.") == [
        "police",
        "arrested",
        "00",
        "people",
        "0",
        "of",
        "them",
        "minors",
    ]


def test_features_ngrams_add_pairs_and_hints() -> None:
    grams = ngrams("Troops shelled Homs", 2, hints=["quad=4"])
    assert grams == ["troops", "shelled", "homs", "troops shelled", "shelled homs", "hint=quad=4"]


def test_features_vectorizer_rows_are_unit_length() -> None:
    vec = NgramVectorizer(min_df=1)
    texts = ["troops shelled the town", "police arrested protesters", "troops arrested"]
    vec.fit(texts)
    matrix = vec.transform([*texts, "nothing known here"])
    dense = matrix.dot(np.eye(matrix.n_cols))
    norms = np.sqrt((dense**2).sum(axis=1))
    assert np.allclose(norms[:3], 1.0)
    assert norms[3] == 0.0  # unknown words: an empty row, not an error


def test_features_min_df_drops_rare_ngrams() -> None:
    vec = NgramVectorizer(min_df=2)
    vec.fit(["troops shelled the town", "troops attacked the town"])
    assert "troops" in vec.vocab and "shelled" not in vec.vocab


@pytest.mark.parametrize("rows", [[0, 1, 2, 3], [3, 0], [2]])
def test_features_sparse_products_match_dense(rows: list[int]) -> None:
    dense = np.array([[0.0, 1.0, 0.0], [0.0, 0.0, 0.0], [2.0, 0.0, 3.0], [0.0, 4.0, 5.0]])
    nz = [np.nonzero(r)[0] for r in dense]
    sparse = Sparse(
        np.concatenate([[0], np.cumsum([len(n) for n in nz])]),
        np.concatenate(nz).astype(np.int64),
        np.concatenate([r[n] for r, n in zip(dense, nz, strict=True)]),
        3,
    ).take(rows)
    weights = np.arange(6.0).reshape(3, 2)
    grad = np.arange(2.0 * len(rows)).reshape(len(rows), 2)
    assert np.allclose(sparse.dot(weights), dense[rows] @ weights)
    assert np.allclose(sparse.tdot(grad), dense[rows].T @ grad)
