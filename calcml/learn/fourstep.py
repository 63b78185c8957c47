"""The four steps of machine learning one at a time, each returning what it computed.

:func:`four_steps` wraps a model, its data, a cost and an optimizer; then
``.forward()``, ``.cost()``, ``.gradient()`` and ``.step()`` each do one step and return
a printable record with the numbers (``print(record)``; ``record.to_rows()`` for data).
The steps must come in order; ``.epoch()`` does all four.

>>> from calcml.learn import Line, SGD, datasets, mse
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> steps = four_steps(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01))
>>> _ = steps.forward()
>>> round(steps.cost().value, 2)
19.68
>>> g = steps.gradient()
>>> round(float(g.autodiff["m"]), 3), g.max_difference < 1e-12
(36.305, True)
>>> round(float(steps.step().after["m"]), 5)
0.53695
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.autodiff import Tensor
from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, table
from calcml.learn.base import Module
from calcml.learn.costs import Cost, hand_gradient
from calcml.learn.optimizers import Optimizer
from calcml.learn.recorder import as_data

SHOWN_ROWS = 10
STEP_NAMES = ("forward", "cost", "gradient", "step")


def _cell(a: np.ndarray) -> Any:
    """A scalar as its number; an array as its shape and norm."""
    a = np.asarray(a)
    if a.size == 1:
        return float(a.reshape(()))
    return f"{'x'.join(map(str, a.shape))}, norm {np.linalg.norm(a):.6g}"


@dataclass(frozen=True)
class ForwardRecord(TableResult):
    """Step 1: the predictions ŷ = model(x) (``y_hat``) beside the targets ``y``."""

    epoch: int
    model: str
    x: np.ndarray
    y_hat: np.ndarray
    y: np.ndarray

    @property
    def table(self) -> Table:  # type: ignore[override]
        """The first rows of x, ŷ and y."""
        shown = min(len(self.y), SHOWN_ROWS)
        rows = [(i, _cell(self.x[i]), _cell(self.y_hat[i]), _cell(self.y[i]))
                for i in range(shown)]
        notes = [f"... and {len(self.y) - shown} more rows"] if len(self.y) > shown else []
        return table(f"step 1 (epoch {self.epoch}), forward pass: ŷ = {self.model}(x)",
                     ["i", "x", "ŷ", "y"], rows, notes)


@dataclass(frozen=True)
class CostRecord(TableResult):
    """Step 2: the cost C comparing ŷ with y (``value``), and its formula."""

    epoch: int
    name: str
    formula: str
    value: float

    @property
    def table(self) -> Table:  # type: ignore[override]
        """The cost's name, formula and value."""
        return table(f"step 2 (epoch {self.epoch}), cost: compare ŷ with y",
                     ["cost", "formula", "C"], [(self.name, self.formula, self.value)])


@dataclass(frozen=True)
class GradientRecord(TableResult):
    """Step 3: ∂C/∂θ for every parameter by autodiff, and by the hand-derived formulas.

    ``hand`` and ``max_difference`` are None when the model or cost has no formula.
    """

    epoch: int
    autodiff: dict[str, np.ndarray]
    hand: dict[str, np.ndarray] | None
    max_difference: float | None

    @property
    def table(self) -> Table:  # type: ignore[override]
        """One row per parameter: autodiff's gradient and the formula's."""
        rows = [(name, _cell(g), "-" if self.hand is None else _cell(self.hand[name]))
                for name, g in self.autodiff.items()]
        notes = ([] if self.max_difference is None else
                 [f"autodiff and the formulas differ by at most {self.max_difference:.2e}"])
        return table(f"step 3 (epoch {self.epoch}), gradient: ∂C/∂θ by autodiff (backward)",
                     ["θ", "∂C/∂θ autodiff", "∂C/∂θ by hand"], rows, notes)


@dataclass(frozen=True)
class StepRecord(TableResult):
    """Step 4: each parameter ``before`` and ``after`` the optimizer's step."""

    epoch: int
    optimizer: str
    formula: str
    lr: float
    before: dict[str, np.ndarray]
    gradient: dict[str, np.ndarray]
    after: dict[str, np.ndarray]

    @property
    def table(self) -> Table:  # type: ignore[override]
        """One row per parameter: before, gradient, after."""
        rows = [(name, _cell(self.before[name]), _cell(self.gradient[name]),
                 _cell(self.after[name])) for name in self.before]
        return table(f"step 4 (epoch {self.epoch}), descend: {self.optimizer}, "
                     f"{self.formula}", ["θ", "before", "∂C/∂θ", "after"], rows,
                     [f"learning rate lr = {self.lr:g}"])


class FourSteps:
    """One model, its data, a cost and an optimizer, stepped through by hand.

    ``epochs_done`` counts the completed rounds of four steps.
    """

    def __init__(self, model: Module, x: Any, y: Any, cost: Callable[[Any, Any], Tensor],
                 optimizer: Optimizer) -> None:
        self.model, self.cost_fn, self.optimizer = model, cost, optimizer
        self.x, self.y = as_data(x, "x"), as_data(y, "y")
        self.epochs_done = 0
        self._done = 0
        self._out: Tensor | None = None
        self._c: Tensor | None = None
        self._grads: dict[str, np.ndarray] = {}

    def _enter(self, k: int) -> None:
        if k > self._done:
            due = STEP_NAMES[self._done]
            raise InputError(f"step {k + 1} ({STEP_NAMES[k]}) comes after step {k} "
                             f"({STEP_NAMES[k - 1]}); the next step is {self._done + 1} "
                             f"({due}): call .{due}() first")
        self._done = k + 1

    def forward(self) -> ForwardRecord:
        """Step 1: ŷ = model(x) (the gradients of the last round are forgotten)."""
        self._enter(0)
        self.optimizer.zero_grad()
        self._out = self.model(self.x)
        return ForwardRecord(self.epochs_done, type(self.model).__name__, self.x,
                             self._out.data.copy(), self.y)

    def cost(self) -> CostRecord:
        """Step 2: C(ŷ, y)."""
        self._enter(1)
        self._c = self.cost_fn(self._out, self.y)
        fn = self.cost_fn
        return CostRecord(self.epochs_done, getattr(fn, "name", getattr(fn, "__name__", "C")),
                          getattr(fn, "formula", ""), float(self._c.data))

    def gradient(self) -> GradientRecord:
        """Step 3: backward() for ∂C/∂θ, beside the hand-derived formulas where known."""
        self._enter(2)
        self._c.backward()
        named = self.model.named_parameters()
        self._grads = {n: np.zeros_like(p.data) if p.grad is None else p.grad.data.copy()
                       for n, p in named.items()}
        hand = diff = None
        if isinstance(self.cost_fn, Cost):
            try:
                hand = hand_gradient(self.cost_fn, self.model, self.x, self.y)
            except InputError:
                hand = None
        if hand is not None:
            diff = max(float(np.max(np.abs(np.asarray(hand[n]) - g)))
                       for n, g in self._grads.items())
        return GradientRecord(self.epochs_done, self._grads, hand, diff)

    def step(self) -> StepRecord:
        """Step 4: the optimizer moves every parameter; a round of four steps is done."""
        self._enter(3)
        before = self.model.state()
        self.optimizer.step()
        record = StepRecord(self.epochs_done, repr(self.optimizer), self.optimizer.formula,
                            self.optimizer.lr, before, self._grads, self.model.state())
        self.epochs_done += 1
        self._done = 0
        return record

    def epoch(self) -> list[TableResult]:
        """All four steps in order: their four records."""
        return [self.forward(), self.cost(), self.gradient(), self.step()]


def four_steps(model: Module, x: Any, y: Any, *, cost: Callable[[Any, Any], Tensor],
               optimizer: Optimizer) -> FourSteps:
    """The four steps of machine learning on ``model``, to call one at a time.

    Examples
    --------
    >>> from calcml.learn import Line, GD, datasets, quadratic
    >>> x, y = datasets.course_regression()
    >>> model = Line(m=0.9, b=0.1)
    >>> steps = four_steps(model, x[7:], y[7:], cost=quadratic,
    ...                    optimizer=GD(model.parameters(), lr=0.01))
    >>> print(steps.epoch()[2])  # doctest: +NORMALIZE_WHITESPACE
    step 3 (epoch 0), gradient: ∂C/∂θ by autodiff (backward)
    θ  ∂C/∂θ autodiff  ∂C/∂θ by hand
    -  --------------  -------------
    m          108.78         108.78
    b           15.54          15.54
    autodiff and the formulas differ by at most 0.00e+00
    """
    return FourSteps(model, x, y, cost, optimizer)
