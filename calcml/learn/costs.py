"""Cost (loss) functions, each with its derivative worked out by hand right beside it.

A cost is called as ``cost(y_hat, y)`` on Tensors or NumPy arrays and returns a scalar
Tensor, so autodiff can take its gradient. ``cost.derivative(y_hat, y)`` is dC/dŷ from
the formula on paper, and ``cost.gradient(model, x, y)`` carries it through the model's
own chain rule to every parameter: the lesson 7 partial derivatives, to compare with
autodiff.

>>> from calcml.learn import Line, datasets
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> round(mse(model(x), y).item(), 2)
19.68
>>> {k: round(float(v), 2) for k, v in mse.gradient(model, x, y).items()}
{'m': 36.3, 'b': 6.26}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.autodiff import Tensor, clip, logsumexp, no_grad
from calcml.errors import InputError
from calcml.learn.base import Module, as_input

BCE_EPS = 1e-12


def _target(y: Any) -> np.ndarray:
    """Targets as an array: a NumPy array as it is (integer labels stay integers)."""
    if type(y) is np.ndarray:
        return y
    return y.data if isinstance(y, Tensor) else np.asarray(y, dtype=np.float64)


def _same_shape(name: str, y_hat: Any, y: np.ndarray) -> None:
    if y_hat.shape != y.shape:
        raise InputError(f"{name}: predictions of shape {tuple(y_hat.shape)} and targets of "
                         f"shape {y.shape} must have the same shape")


@dataclass(frozen=True, eq=False)
class Cost:
    """A cost function with its formula and its hand-derived derivative in ŷ.

    Attributes
    ----------
    name, formula, derivative_formula : str
        What the cost is called, C written out, and dC/dŷ written out.
    reduction : {"mean", "sum"}
        How the points' costs combine: so a big data set can be scored in pieces.
    """

    name: str
    formula: str
    derivative_formula: str
    _value: Callable[[Tensor, np.ndarray], Tensor]
    _derivative: Callable[[np.ndarray, np.ndarray], np.ndarray]
    reduction: str = "mean"

    def __call__(self, y_hat: Any, y: Any) -> Tensor:
        """C(ŷ, y) as a scalar Tensor (differentiable in ``y_hat``)."""
        return self._value(as_input(y_hat), _target(y))

    def derivative(self, y_hat: Any, y: Any) -> np.ndarray:
        """dC/dŷ by the hand-derived formula, same shape as ``y_hat``."""
        return self._derivative(_target(y_hat), _target(y))

    def gradient(self, model: Module, x: Any, y: Any) -> dict[str, np.ndarray]:
        """The hand-derived gradient of this cost in each of ``model``'s parameters."""
        return hand_gradient(self, model, x, y)

    def __repr__(self) -> str:
        return f"<cost {self.name}: C = {self.formula}>"


def hand_gradient(cost: Cost, model: Module, x: Any, y: Any) -> dict[str, np.ndarray]:
    """∂C/∂θ for every parameter θ by formulas derived on paper, no autodiff.

    dC/dŷ comes from the cost's formula, and the model's ``hand_backward`` carries it back
    to the parameters by the chain rule.

    Examples
    --------
    >>> from calcml.learn import Line
    >>> g = hand_gradient(quadratic, Line(m=0.9, b=0.1), 7.0, -1.37)
    >>> round(float(g["m"]), 2), round(float(g["b"]), 2)
    (108.78, 15.54)
    """
    x = as_input(x).data
    with no_grad():
        y_hat = model(x).data
    return model.hand_backward(x, cost.derivative(y_hat, y))


def _quadratic(y_hat: Tensor, y: np.ndarray) -> Tensor:
    _same_shape("quadratic", y_hat, y)
    return ((y_hat - y) ** 2).sum()


def _mse(y_hat: Tensor, y: np.ndarray) -> Tensor:
    _same_shape("mse", y_hat, y)
    return ((y_hat - y) ** 2).mean()


def _bce(p: Tensor, y: np.ndarray) -> Tensor:
    _same_shape("binary_cross_entropy", p, y)
    q = clip(p, BCE_EPS, 1.0 - BCE_EPS)
    return -(y * q.log() + (1.0 - y) * (1.0 - q).log()).mean()


def _bce_derivative(p: np.ndarray, y: np.ndarray) -> np.ndarray:
    inside = (p >= BCE_EPS) & (p <= 1.0 - BCE_EPS)
    q = np.clip(p, BCE_EPS, 1.0 - BCE_EPS)
    return np.where(inside, (q - y) / (q * (1.0 - q)), 0.0) / max(p.size, 1)


def one_hot(labels: Any, n_classes: int) -> np.ndarray:
    """Integer class labels as rows of zeros with a one at the label.

    >>> one_hot(np.array([2, 0]), 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    labels = np.asarray(labels)
    index = labels.astype(np.intp, copy=False)
    if labels.ndim != 1 or (labels.dtype.kind not in "biu"
                            and not np.array_equal(index, labels)):
        raise InputError(f"class labels must be whole numbers in a 1-D array, not "
                         f"{labels.dtype} of shape {labels.shape}")
    if labels.size and (index.min() < 0 or index.max() >= n_classes):
        raise InputError(f"class labels must lie in 0..{n_classes - 1} for {n_classes} "
                         f"outputs; found {labels.min():g}..{labels.max():g}")
    out = np.zeros((labels.size, n_classes))
    out[np.arange(labels.size), index] = 1.0
    return out


def _logits_onehot(z_shape: tuple[int, ...], y: np.ndarray) -> np.ndarray:
    if len(z_shape) != 2 or z_shape[0] != y.shape[0]:
        raise InputError(f"softmax_cross_entropy takes logits of shape (n, classes) and n "
                         f"integer labels; got logits {z_shape} and labels {y.shape}")
    return one_hot(y, z_shape[1])


def _softmax_ce(z: Tensor, y: np.ndarray) -> Tensor:
    onehot = _logits_onehot(z.shape, y)
    return (logsumexp(z, axis=1) - (z * onehot).sum(axis=1)).mean()


def _softmax_ce_derivative(z: np.ndarray, y: np.ndarray) -> np.ndarray:
    onehot = _logits_onehot(z.shape, y)
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True) - onehot) / z.shape[0]


quadratic = Cost(
    "quadratic", "Σ (ŷ − y)²  (one point: (ŷ − y)²)", "dC/dŷ = 2 (ŷ − y)",
    _quadratic, lambda y_hat, y: 2.0 * (y_hat - y), reduction="sum")
"""The quadratic cost of lesson 7: (ŷ − y)² for one point, summed over several."""

mse = Cost(
    "mse", "(1/n) Σ (ŷᵢ − yᵢ)²", "dC/dŷᵢ = (2/n) (ŷᵢ − yᵢ)",
    _mse, lambda y_hat, y: 2.0 * (y_hat - y) / max(np.size(y_hat), 1))
"""Mean squared error over a batch: the quadratic cost averaged over the n points."""

binary_cross_entropy = Cost(
    "binary_cross_entropy", "−(1/n) Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)]",
    "dC/dpᵢ = (pᵢ − yᵢ) / (n pᵢ (1 − pᵢ))", _bce, _bce_derivative)
"""Cross entropy of predicted probabilities p against 0/1 labels.

The probabilities are clipped to [1e-12, 1 − 1e-12] before the logarithm, so a
prediction of exactly 0 or 1 costs about 27.6 instead of infinity; where the clip is
active the gradient is 0 (in the formula and in autodiff alike).
"""

softmax_cross_entropy = Cost(
    "softmax_cross_entropy", "(1/n) Σ [log Σⱼ exp(zᵢⱼ) − zᵢ,yᵢ]",
    "dC/dzᵢ = (softmax(zᵢ) − onehot(yᵢ)) / n", _softmax_ce, _softmax_ce_derivative)
"""Cross entropy of logits z (n, classes) against integer labels, softmax included.

Computed as log-sum-exp minus the true class's logit, which never overflows.
"""

COSTS: dict[str, Cost] = {c.name: c for c in (quadratic, mse, binary_cross_entropy,
                                             softmax_cross_entropy)}
