"""The numpy logistic regression and its L-BFGS optimiser."""

from __future__ import annotations

import numpy as np

from eventscope.models.linear import SoftmaxRegression, _lbfgs


def test_linear_lbfgs_finds_a_quadratic_minimum() -> None:
    target = np.array([3.0, -2.0, 0.5])

    def fn(x: np.ndarray) -> tuple[float, np.ndarray]:
        d = x - target
        return float(d @ d), 2 * d

    assert np.allclose(_lbfgs(fn, np.zeros(3), 100), target, atol=1e-4)


def _blobs() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    centres = np.array([[2.0, 0.0], [-2.0, 0.0], [0.0, 2.0]])
    y = np.repeat(np.arange(3), 20)
    return centres[y] + rng.normal(0, 0.3, (60, 2)), y


def test_linear_separates_blobs_and_gives_probabilities() -> None:
    x, y = _blobs()
    model = SoftmaxRegression(l2=1e-4)
    model.fit([x], y, 3)
    probs = model.predict_proba([x])
    assert np.allclose(probs.sum(axis=1), 1.0)
    assert (probs.argmax(axis=1) == y).mean() == 1.0


def test_linear_fit_is_deterministic() -> None:
    x, y = _blobs()
    first, second = SoftmaxRegression(), SoftmaxRegression()
    first.fit([x], y, 3)
    second.fit([x[::-1]], y[::-1], 3)  # order of examples does not matter either
    assert np.allclose(first.weights[0], second.weights[0], atol=1e-5)


def test_linear_balanced_weights_favour_the_rare_class() -> None:
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.normal(0, 1, (90, 1)), rng.normal(1, 1, (10, 1))])
    y = np.array([0] * 90 + [1] * 10)
    plain, balanced = SoftmaxRegression(l2=1e-3), SoftmaxRegression(l2=1e-3, balanced=True)
    plain.fit([x], y, 2)
    balanced.fit([x], y, 2)
    assert (balanced.predict_proba([x]).argmax(1) == 1).sum() > (
        plain.predict_proba([x]).argmax(1) == 1
    ).sum()
