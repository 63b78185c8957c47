"""Optimizers: step 4 of the four steps, descending the gradient (PyTorch-style API).

Each is built from ``model.parameters()``; after ``backward()`` has filled every
parameter's ``.grad``, ``step()`` moves the parameters and ``zero_grad()`` forgets the
gradients. The update rules are PyTorch's (``torch.optim.SGD`` and ``torch.optim.Adam``
with default options), written on the NumPy arrays underneath the parameters.

>>> from calcml.learn import Line, mse
>>> model = Line(m=0.9, b=0.1)
>>> opt = SGD(model.parameters(), lr=0.01)
>>> mse(model(7.0), -1.37).backward()
>>> opt.step()
>>> round(model.m.item(), 4)
-0.1878
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from calcml.autodiff import Tensor
from calcml.errors import InputError


def _positive(value: float, what: str, hint: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating) \
            or not math.isfinite(value) or value <= 0:
        raise InputError(f"{what} must be a positive number, not {value!r}; {hint}")
    return float(value)


def _fraction(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating) \
            or not 0.0 <= value < 1.0:
        raise InputError(f"{what} must be a number in [0, 1), not {value!r}")
    return float(value)


class Optimizer:
    """The parameters to update and the learning rate; subclasses define ``update``.

    ``lr`` may be changed between steps (schedules do); ``steps`` counts the updates.
    A parameter whose ``.grad`` is None is left as it is (as in PyTorch).
    """

    full_batch = False
    formula = ""

    def __init__(self, params: Iterable[Tensor], lr: float) -> None:
        self.params = list(params)
        if not self.params:
            raise InputError(f"{type(self).__name__} got no parameters: pass "
                             "model.parameters()")
        for p in self.params:
            if not isinstance(p, Tensor) or not p.requires_grad or not p.is_leaf:
                raise InputError(f"{type(self).__name__} updates leaf Tensors that require "
                                 f"grad (model.parameters()), not {p!r}")
        self.lr = _positive(lr, "the learning rate lr", "typical values are 0.001 to 0.1")
        self.steps = 0

    def zero_grad(self) -> None:
        """Forget the gradients of every parameter (before the next ``backward()``)."""
        for p in self.params:
            p.grad = None

    def step(self) -> None:
        """Move every parameter that has a gradient one step downhill."""
        self.steps += 1
        for i, p in enumerate(self.params):
            if p.grad is not None:
                self.update(i, p.data, p.grad.data)

    def update(self, i: int, theta: np.ndarray, g: np.ndarray) -> None:
        """Update parameter ``i`` (values ``theta``, in place) from its gradient ``g``."""
        theta -= self.lr * g

    def _plain_step(self) -> None:
        """θ ← θ − lr g for every parameter, without a call per parameter (the hot path)."""
        self.steps += 1
        lr = self.lr
        for p in self.params:
            g = p.grad
            if g is not None:
                p.data -= lr * g.data

    def __repr__(self) -> str:
        return f"{type(self).__name__}(lr={self.lr:g})"


class GD(Optimizer):
    """Full-batch gradient descent, θ ← θ − lr ∇C: every step sees all the data.

    ``train`` refuses a ``batch_size`` with GD (use SGD for mini-batches).

    >>> from calcml.learn import Line
    >>> GD(Line().parameters(), lr=0.01)
    GD(lr=0.01)
    """

    full_batch = True
    formula = "θ ← θ − lr ∇C"

    def step(self) -> None:
        """θ ← θ − lr ∇C for every parameter."""
        self._plain_step()


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum (PyTorch's ``optim.SGD``).

    Without momentum: θ ← θ − lr g. With momentum μ: v ← μ v + g (v = g at the first
    step), θ ← θ − lr v. Mini-batches come from ``train(..., batch_size=...)``.

    >>> from calcml.learn import Line
    >>> SGD(Line().parameters(), lr=0.01, momentum=0.9)
    SGD(lr=0.01, momentum=0.9)
    """

    def __init__(self, params: Iterable[Tensor], lr: float, momentum: float = 0.0) -> None:
        super().__init__(params, lr)
        self.momentum = _fraction(momentum, "momentum")
        self.velocity: list[np.ndarray | None] = [None] * len(self.params)
        self.formula = ("θ ← θ − lr g" if self.momentum == 0.0 else
                        f"v ← {self.momentum:g} v + g;  θ ← θ − lr v")

    def step(self) -> None:
        """One step for every parameter that has a gradient."""
        if self.momentum == 0.0:
            self._plain_step()
        else:
            super().step()

    def update(self, i: int, theta: np.ndarray, g: np.ndarray) -> None:
        """Through the velocity: v ← μ v + g, θ ← θ − lr v."""
        v = self.velocity[i]
        if v is None:
            v = self.velocity[i] = g.copy()
        else:
            v *= self.momentum
            v += g
        theta -= self.lr * v

    def __repr__(self) -> str:
        extra = f", momentum={self.momentum:g}" if self.momentum else ""
        return f"{type(self).__name__}(lr={self.lr:g}{extra})"


class Momentum(SGD):
    """Gradient descent with momentum (SGD with ``momentum=0.9`` by default).

    >>> from calcml.learn import Line
    >>> Momentum(Line().parameters(), lr=0.01)
    Momentum(lr=0.01, momentum=0.9)
    """

    def __init__(self, params: Iterable[Tensor], lr: float, momentum: float = 0.9) -> None:
        if momentum == 0:
            raise InputError("Momentum needs a momentum above 0 (0.9 is usual); "
                             "for none use SGD")
        super().__init__(params, lr, momentum)


class Adam(Optimizer):
    """Adam (Kingma and Ba), as ``torch.optim.Adam`` computes it.

    m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;
    θ ← θ − (lr / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε).

    >>> from calcml.learn import Line
    >>> Adam(Line().parameters())
    Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)
    """

    formula = "θ ← θ − lr m̂ / (√v̂ + ε)"

    def __init__(self, params: Iterable[Tensor], lr: float = 0.001,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8) -> None:
        super().__init__(params, lr)
        if len(betas) != 2:
            raise InputError(f"betas is a pair (beta1, beta2), not {betas!r}")
        self.betas = (_fraction(betas[0], "beta1"), _fraction(betas[1], "beta2"))
        self.eps = _positive(eps, "eps", "it only keeps the division finite (1e-8 is usual)")
        self.m = [np.zeros_like(p.data) for p in self.params]
        self.v = [np.zeros_like(p.data) for p in self.params]
        self._size = self._root = 1.0  # this step's lr / (1 − β₁ᵗ) and √(1 − β₂ᵗ)

    def step(self) -> None:
        """One Adam step for every parameter that has a gradient."""
        b1, b2 = self.betas
        t = self.steps + 1
        self._size = self.lr / (1.0 - b1 ** t)
        self._root = math.sqrt(1.0 - b2 ** t)
        super().step()

    def update(self, i: int, theta: np.ndarray, g: np.ndarray) -> None:
        """Move the averages m and v, then θ by the bias-corrected ratio."""
        b1, b2 = self.betas
        m, v = self.m[i], self.v[i]
        m *= b1
        m += (1.0 - b1) * g
        v *= b2
        v += (1.0 - b2) * g * g
        theta -= self._size * m / (np.sqrt(v) / self._root + self.eps)

    def __repr__(self) -> str:
        return f"Adam(lr={self.lr:g}, betas={self.betas}, eps={self.eps:g})"
