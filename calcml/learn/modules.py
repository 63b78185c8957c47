"""Models as PyTorch-style modules: ``model(x)`` is the forward pass, a Tensor out.

A :class:`Module` owns its parameters (Tensors that require grad) and its sub-modules;
``named_parameters()`` lists them by name in the order they were made. Each model also
knows its own chain rule by hand (``hand_backward``), so that the gradient autodiff
computes can be checked against the one derived on paper.

>>> model = Line(m=0.9, b=0.1)
>>> round(model(7.0).item(), 12)
6.4
>>> list(model.named_parameters())
['m', 'b']
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from calcml.autodiff import Tensor, no_grad, softmax
from calcml.errors import InputError
from calcml.learn.activations import ACTIVATIONS, Activation
from calcml.learn.backprop import backward_by_hand
from calcml.learn.base import Module, param


class Line(Module):
    """The line y = m x + b of lessons 5 and 7: two scalar parameters, ``m`` and ``b``.

    A model to train. Not :class:`calcml.numeric.Secant` (once ``numeric.Line``), the
    secant through two points of a curve in the delta method.

    >>> model = Line(m=0.9, b=0.1)
    >>> model.m.item(), model.b.item()
    (0.9, 0.1)
    """

    def __init__(self, m: float = 0.0, b: float = 0.0) -> None:
        self.m = param(m, "m")
        self.b = param(b, "b")

    def forward(self, x: Tensor) -> Tensor:
        """ŷ = m x + b."""
        return self.m * x + self.b

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """dC/dm = Σ dC/dŷ · x and dC/db = Σ dC/dŷ, since ∂ŷ/∂m = x and ∂ŷ/∂b = 1."""
        return {"m": np.sum(d_out * x), "b": np.sum(d_out)}

    def __repr__(self) -> str:
        return f"Line(m={self.m.item():.6g}, b={self.b.item():.6g})"


def _rng_normal(seed: int, std: float, shape: tuple[int, ...]) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, std, shape)


def _count(n: Any, what: str) -> int:
    if isinstance(n, bool) or int(n) != n or n < 1:
        raise InputError(f"{what} must be a whole number, at least 1, not {n!r}")
    return int(n)


def _features(x: Tensor, n_features: int, model: str) -> Tensor:
    """``x`` as (n, n_features); a 1-D ``x`` is n samples of one feature."""
    if x.ndim == 1 and n_features == 1:
        x = x.reshape(-1, 1)
    if x.ndim != 2 or x.shape[1] != n_features:
        raise InputError(f"{model} expects inputs of shape (n, {n_features}) "
                         f"(one row per sample), not {x.shape}")
    return x


class Linear(Module):
    """A fully connected layer z = x W + b, with W of shape (n_in, n_out).

    W starts as Gaussian noise of standard deviation sqrt(gain / n_in) (He's scaling
    for ReLU with the default gain 2; use gain 1 before tanh or sigmoid), b as zeros.

    >>> Linear(3, 2)(np.ones((5, 3))).shape
    (5, 2)
    """

    def __init__(self, n_in: int, n_out: int, seed: int = 0, gain: float = 2.0) -> None:
        n_in, n_out = _count(n_in, "n_in"), _count(n_out, "n_out")
        self.W = param(_rng_normal(seed, math.sqrt(gain / n_in), (n_in, n_out)), "W")
        self.b = param(np.zeros(n_out), "b")

    def forward(self, x: Tensor) -> Tensor:
        """z = x W + b."""
        return x @ self.W + self.b

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """dC/dW = xᵀ dC/dz and dC/db = Σ over samples of dC/dz."""
        return {"W": np.asarray(x, dtype=np.float64).T @ d_out, "b": d_out.sum(axis=0)}


class LinearRegression(Module):
    """ŷ = x · w + b for inputs with ``n_features`` columns; parameters ``w`` and ``b``.

    >>> model = LinearRegression(2)
    >>> model(np.zeros((4, 2))).shape
    (4,)
    """

    def __init__(self, n_features: int, seed: int = 0) -> None:
        self.n_features = _count(n_features, "n_features")
        self.w = param(_rng_normal(seed, math.sqrt(1.0 / self.n_features),
                                    (self.n_features,)), "w")
        self.b = param(0.0, "b")

    def forward(self, x: Tensor) -> Tensor:
        """ŷ = x w + b."""
        return _features(x, self.n_features, type(self).__name__) @ self.w + self.b

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """dC/dw = xᵀ dC/dŷ and dC/db = Σ dC/dŷ."""
        x = np.asarray(x, dtype=np.float64).reshape(len(d_out), self.n_features)
        return {"w": x.T @ d_out, "b": np.sum(d_out)}


class LogisticRegression(LinearRegression):
    """p = sigmoid(x · w + b): the probability of class 1, for binary classification.

    >>> model = LogisticRegression(3)
    >>> p = model.predict_proba(np.ones((2, 3)))
    >>> bool(((0 <= p) & (p <= 1)).all())
    True
    """

    is_classifier = True

    def forward(self, x: Tensor) -> Tensor:
        """p = σ(x w + b)."""
        return super().forward(x).sigmoid()

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """Through the sigmoid first: dC/dz = dC/dp · p (1 − p), then as linear regression."""
        with no_grad():
            p = self(x).data
        return super().hand_backward(x, d_out * p * (1.0 - p))

    def predict_proba(self, x: Any) -> np.ndarray:
        """The predicted probability of class 1 for each row of ``x``."""
        with no_grad():
            return self(x).data.copy()

    def predict(self, x: Any, threshold: float = 0.5) -> np.ndarray:
        """Class 1 where the probability is at least ``threshold``, else 0."""
        return (self.predict_proba(x) >= threshold).astype(np.int64)

    def labels(self, output: np.ndarray) -> np.ndarray:
        """The class each output (a probability) stands for."""
        return (output >= 0.5).astype(np.int64)


class MLP(Module):
    """A multilayer perceptron: Linear layers with an activation between them.

    ``sizes`` = [inputs, hidden..., outputs]. With several outputs it is a classifier
    whose outputs are logits (feed them to ``softmax_cross_entropy``); with one output it
    is a regressor whose output has shape (n,). Parameters are named W1, b1, W2, b2, ...

    >>> net = MLP([64, 32, 10])
    >>> list(net.named_parameters())
    ['W1', 'b1', 'W2', 'b2']
    >>> net.predict(np.zeros((3, 64))).shape
    (3,)
    """

    def __init__(self, sizes: list[int], activation: str = "relu", seed: int = 0) -> None:
        if len(sizes) < 2:
            raise InputError(f"MLP sizes lists the inputs, any hidden sizes and the outputs, "
                             f"e.g. [64, 32, 10]; {list(sizes)!r} is too short")
        if activation not in ACTIVATIONS:
            raise InputError(f"unknown activation {activation!r}; choose one of "
                             f"{', '.join(ACTIVATIONS)}")
        self.sizes = [_count(n, "each MLP size") for n in sizes]
        gain = 2.0 if activation == "relu" else 1.0
        last = len(self.sizes) - 2
        self.linears = [Linear(self.sizes[i], self.sizes[i + 1], seed=seed + i,
                               gain=gain if i < last else 1.0) for i in range(last + 1)]
        self.activation: Activation = ACTIVATIONS[activation]()
        self.is_classifier = self.sizes[-1] > 1

    def named_parameters(self) -> dict[str, Tensor]:
        """W1, b1, W2, b2, ...: layer l's weights and biases."""
        found: dict[str, Tensor] = {}
        for i, layer in enumerate(self.linears, start=1):
            found[f"W{i}"] = layer.W
            found[f"b{i}"] = layer.b
        return found

    def forward(self, x: Tensor) -> Tensor:
        """z_l = a_{l-1} W_l + b_l, a_l = f(z_l); the last z is the output."""
        a = _features(x, self.sizes[0], "MLP")
        f = self.activation.forward
        for layer in self.linears[:-1]:
            a = f(a @ layer.W + layer.b)
        last = self.linears[-1]
        z = a @ last.W + last.b
        return z if self.is_classifier else z.reshape(-1)

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """Backpropagation written out by hand (see :mod:`calcml.learn.backprop`)."""
        return backward_by_hand(self, x, d_out).gradients

    def predict_proba(self, x: Any) -> np.ndarray:
        """Class probabilities: the softmax of the logits, one row per sample."""
        if not self.is_classifier:
            raise InputError("predict_proba is for classifiers; this MLP has one output")
        with no_grad():
            return softmax(self(x), axis=1).data

    def predict(self, x: Any) -> np.ndarray:
        """The most likely class (classifier) or the output value (regressor) per row."""
        with no_grad():
            out = self(x).data
        return self.labels(out) if self.is_classifier else out.copy()

    def labels(self, output: np.ndarray) -> np.ndarray:
        """The class each row of logits stands for (the largest)."""
        return output.argmax(axis=1)

    def __repr__(self) -> str:
        return f"MLP({self.sizes}, activation={self.activation.name!r})"
