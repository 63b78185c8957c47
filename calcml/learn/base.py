"""The base of every model: a PyTorch-style module whose ``forward`` makes a Tensor.

A :class:`Module` owns its parameters (Tensors that require grad) and its sub-modules;
``named_parameters()`` lists them by name in the order they were made.

>>> from calcml.learn import Line
>>> [p.item() for p in Line(m=0.9, b=0.1).parameters()]
[0.9, 0.1]
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

import numpy as np

from calcml.autodiff import Tensor
from calcml.errors import InputError


def as_input(x: Any) -> Tensor:
    """Data as a Tensor that needs no gradient (a Tensor passes through unchanged).

    >>> as_input([1, 2]).data
    array([1., 2.])
    """
    if isinstance(x, Tensor):
        return x
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InputError(f"model inputs must be numbers, not {type(x).__name__}: {err}") from None
    return Tensor(arr)


class Module(ABC):
    """A model or a piece of one: parameters, sub-modules and a ``forward`` pass.

    Parameters and sub-modules are found among the attributes, in the order they were
    set; a sub-module's parameters are named ``<attribute>.<name>``.

    >>> from calcml.learn import Line
    >>> Line(m=1.0, b=2.0)(np.array([0.0, 1.0])).numpy()
    array([2., 3.])
    """

    is_classifier = False

    def __call__(self, x: Any) -> Tensor:
        return self.forward(as_input(x))

    @abstractmethod
    def forward(self, x: Tensor) -> Tensor:
        """The output for input ``x`` (defined by each model)."""

    def named_parameters(self) -> dict[str, Tensor]:
        """Every parameter by name, sub-modules' prefixed with the attribute's name."""
        found: dict[str, Tensor] = {}
        for attr, value in vars(self).items():
            if isinstance(value, Tensor) and value.requires_grad:
                found[attr] = value
            elif isinstance(value, Module):
                for name, p in value.named_parameters().items():
                    found[f"{attr}.{name}"] = p
        return found

    def parameters(self) -> list[Tensor]:
        """The parameters as a list, ready for an optimizer."""
        return list(self.named_parameters().values())

    def n_parameters(self) -> int:
        """How many numbers the parameters hold in all.

        >>> from calcml.learn import MLP
        >>> MLP([64, 32, 10]).n_parameters()
        2410
        """
        return sum(p.data.size for p in self.parameters())

    def zero_grad(self) -> None:
        """Forget every parameter's gradient."""
        for p in self.parameters():
            p.grad = None

    def state(self) -> dict[str, np.ndarray]:
        """A copy of every parameter's values, by name."""
        return {name: p.data.copy() for name, p in self.named_parameters().items()}

    def load_state(self, state: dict[str, Any]) -> None:
        """Set parameters from a dict like ``state()`` returns (shapes must match)."""
        params = self.named_parameters()
        for name, value in state.items():
            if name not in params:
                raise InputError(f"{type(self).__name__} has no parameter {name!r}; "
                                 f"it has {', '.join(params)}")
            arr = np.asarray(value, dtype=np.float64)
            if arr.shape != params[name].shape:
                raise InputError(f"parameter {name!r} has shape {params[name].shape}, "
                                 f"not {arr.shape}")
            params[name].data[...] = arr

    def hand_backward(self, x: np.ndarray, d_out: np.ndarray) -> dict[str, np.ndarray]:
        """The parameters' gradients, by the chain rule written out, from dC/d(output)."""
        raise InputError(f"{type(self).__name__} has no hand-derived gradient; compare "
                         "with autodiff on a model that has one (Line, LinearRegression, "
                         "LogisticRegression, MLP)")


def param(value: Any, name: str) -> Tensor:
    """A parameter: a float64 Tensor that requires grad, named ``name``.

    >>> param(0.5, "m")
    Tensor(0.5, requires_grad=True, name='m')
    """
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"parameter {name} must be a number (or an array of numbers), "
                         f"not {value!r}") from None
    if not np.isfinite(arr).all():
        raise InputError(f"parameter {name} must be finite, not {value!r}")
    return Tensor(arr, requires_grad=True, name=name)
