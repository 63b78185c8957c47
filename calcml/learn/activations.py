"""Activation functions as modules, each with its derivative written out beside it.

The forward pass runs through the autodiff engine; ``derivative(z)`` is the hand-derived
f'(z) that :mod:`calcml.learn.backprop` uses, so the two can be compared.

>>> import numpy as np
>>> ReLU().derivative(np.array([-1.0, 0.0, 2.0]))
array([0., 0., 1.])
"""

from __future__ import annotations

from abc import abstractmethod

import numpy as np

from calcml.autodiff import Tensor
from calcml.learn.base import Module


class Activation(Module):
    """An elementwise function f with no parameters; ``derivative(z)`` is f'(z) by hand."""

    name = ""
    formula = ""
    derivative_formula = ""

    @abstractmethod
    def apply(self, z: np.ndarray) -> np.ndarray:
        """f(z) on a NumPy array, written out by hand (no autodiff)."""

    @abstractmethod
    def derivative(self, z: np.ndarray) -> np.ndarray:
        """f'(z), elementwise, written out by hand."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class ReLU(Activation):
    """f(z) = max(z, 0); f'(z) = 1 where z > 0, else 0 (0 at z = 0, as PyTorch takes it).

    >>> ReLU()(np.array([-2.0, 3.0])).numpy()
    array([0., 3.])
    """

    name = "relu"
    formula = "max(z, 0)"
    derivative_formula = "1 if z > 0 else 0"

    def forward(self, x: Tensor) -> Tensor:
        """max(x, 0), by the engine's :func:`calcml.autodiff.relu`."""
        return x.relu()

    def apply(self, z: np.ndarray) -> np.ndarray:
        """max(z, 0)."""
        return np.maximum(z, 0.0)

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """1 where z > 0, else 0."""
        return (z > 0).astype(np.float64)


class Tanh(Activation):
    """f(z) = tanh(z); f'(z) = 1 − tanh(z)².

    >>> Tanh().derivative(np.array([0.0]))
    array([1.])
    """

    name = "tanh"
    formula = "tanh(z)"
    derivative_formula = "1 - tanh(z)^2"

    def forward(self, x: Tensor) -> Tensor:
        """tanh(x)."""
        return x.tanh()

    def apply(self, z: np.ndarray) -> np.ndarray:
        """tanh(z)."""
        return np.tanh(z)

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """1 − tanh(z)²."""
        t = np.tanh(z)
        return 1.0 - t * t


class Sigmoid(Activation):
    """f(z) = σ(z) = 1 / (1 + e^−z); f'(z) = σ(z) (1 − σ(z)).

    >>> Sigmoid().derivative(np.array([0.0]))
    array([0.25])
    """

    name = "sigmoid"
    formula = "1 / (1 + exp(-z))"
    derivative_formula = "sigmoid(z) (1 - sigmoid(z))"

    def forward(self, x: Tensor) -> Tensor:
        """σ(x)."""
        return x.sigmoid()

    def apply(self, z: np.ndarray) -> np.ndarray:
        """1 / (1 + e^−z), written as (1 + tanh(z/2)) / 2 so it never overflows."""
        return 0.5 + 0.5 * np.tanh(0.5 * z)

    def derivative(self, z: np.ndarray) -> np.ndarray:
        """σ(z) (1 − σ(z)), with σ written as (1 + tanh(z/2)) / 2 so it never overflows."""
        s = 0.5 + 0.5 * np.tanh(0.5 * z)
        return s * (1.0 - s)


ACTIVATIONS: dict[str, type[Activation]] = {"relu": ReLU, "tanh": Tanh, "sigmoid": Sigmoid}
