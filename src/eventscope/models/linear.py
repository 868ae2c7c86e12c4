"""Multinomial logistic regression in numpy, fitted by L-BFGS.

The objective is convex (weighted mean cross-entropy plus an L2 penalty), so the
optimum does not depend on the starting point or on the order of the examples: the
same data and settings give the same weights on every machine.  Features come in
blocks, each a :class:`~eventscope.models.features.Sparse` matrix (n-grams) or a dense
array (sentence embeddings), with one weight matrix per block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .features import Sparse

Block = Sparse | np.ndarray


def _dot(x: Block, w: np.ndarray) -> np.ndarray:
    return x.dot(w) if isinstance(x, Sparse) else x @ w


def _tdot(x: Block, g: np.ndarray) -> np.ndarray:
    return x.tdot(g) if isinstance(x, Sparse) else x.T @ g


def _n_cols(x: Block) -> int:
    return x.n_cols if isinstance(x, Sparse) else int(x.shape[1])


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)  # type: ignore[no-any-return]


class SoftmaxRegression:
    """A linear classifier over one or more feature blocks.

    Args:
        l2 (float): Strength of the L2 penalty on the weights (not on the biases).
        balanced (bool): Weight each class by ``n / (k * count)`` so that rare classes
            count as much as common ones (what macro-F1 rewards).
        max_iter (int): L-BFGS iterations at most.
    """

    def __init__(self, *, l2: float = 1e-3, balanced: bool = False, max_iter: int = 300) -> None:
        self.l2 = l2
        self.balanced = balanced
        self.max_iter = max_iter
        self.weights: list[np.ndarray] = []
        self.bias = np.zeros(0)

    def fit(self, blocks: Sequence[Block], y: np.ndarray, n_classes: int) -> None:
        """Fit to integer labels ``y`` (0..n_classes-1)."""
        n = len(y)
        counts = np.bincount(y, minlength=n_classes).astype(float)
        if self.balanced:
            per_class = np.where(counts > 0, n / (n_classes * np.maximum(counts, 1)), 0.0)
            sample_w = per_class[y]
        else:
            sample_w = np.ones(n)
        sample_w = sample_w / sample_w.sum()
        onehot = np.zeros((n, n_classes))
        onehot[np.arange(n), y] = 1.0
        shapes = [(_n_cols(b), n_classes) for b in blocks] + [(n_classes,)]
        sizes = [int(np.prod(s)) for s in shapes]

        def unpack(theta: np.ndarray) -> list[np.ndarray]:
            parts, start = [], 0
            for shape, size in zip(shapes, sizes, strict=True):
                parts.append(theta[start : start + size].reshape(shape))
                start += size
            return parts

        def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
            *ws, b = unpack(theta)
            z = b + sum(_dot(x, w) for x, w in zip(blocks, ws, strict=True))
            z = z - z.max(axis=1, keepdims=True)
            logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            loss = -float((sample_w * (onehot * logp).sum(axis=1)).sum())
            loss += 0.5 * self.l2 * sum(float((w**2).sum()) for w in ws)
            g = (np.exp(logp) - onehot) * sample_w[:, None]
            grads = [_tdot(x, g) + self.l2 * w for x, w in zip(blocks, ws, strict=True)]
            return loss, np.concatenate([*(gw.ravel() for gw in grads), g.sum(axis=0)])

        theta = _lbfgs(loss_grad, np.zeros(sum(sizes)), self.max_iter)
        *self.weights, self.bias = unpack(theta)

    def predict_proba(self, blocks: Sequence[Block]) -> np.ndarray:
        """Class probabilities, one row per example."""
        z = self.bias + sum(_dot(x, w) for x, w in zip(blocks, self.weights, strict=True))
        return softmax(np.asarray(z))


def _lbfgs(
    fn: Callable[[np.ndarray], tuple[float, np.ndarray]],
    x: np.ndarray,
    max_iter: int,
    memory: int = 10,
    tol: float = 1e-6,
) -> np.ndarray:
    """Minimise a smooth convex ``fn`` (returning loss and gradient) from ``x``."""
    loss, grad = fn(x)
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    for _ in range(max_iter):
        if float(np.abs(grad).max()) < tol:
            break
        # Two-loop recursion: the quasi-Newton direction from the last few steps.
        q = grad.copy()
        alphas = []
        for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
            a = float(s @ q) / float(yv @ s)
            alphas.append(a)
            q -= a * yv
        if s_hist:
            q *= float(s_hist[-1] @ y_hist[-1]) / float(y_hist[-1] @ y_hist[-1])
        for (s, yv), a in zip(zip(s_hist, y_hist, strict=True), reversed(alphas), strict=True):
            bcoef = float(yv @ q) / float(yv @ s)
            q += s * (a - bcoef)
        direction = -q
        slope = float(grad @ direction)
        if slope >= 0:  # not a descent direction: start the memory again
            s_hist, y_hist = [], []
            direction, slope = -grad, -float(grad @ grad)
        step = 1.0 if s_hist else 1.0 / max(1.0, float(np.abs(grad).max()))
        for _ in range(30):  # backtracking until the Armijo condition holds
            new_x = x + step * direction
            new_loss, new_grad = fn(new_x)
            if new_loss <= loss + 1e-4 * step * slope:
                break
            step *= 0.5
        else:
            break
        s, yv = new_x - x, new_grad - grad
        if float(s @ yv) > 1e-12:
            s_hist.append(s)
            y_hist.append(yv)
            if len(s_hist) > memory:
                s_hist.pop(0)
                y_hist.pop(0)
        converged = abs(loss - new_loss) < tol * max(1.0, abs(loss))
        x, loss, grad = new_x, new_loss, new_grad
        if converged:
            break
    return x
