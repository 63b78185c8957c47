"""Lesson 7's learning-rate comparison: gradient descent on the course's line from the same
start with several learning rates, each run judged too small, good or too large against
the least-squares line.

The figure :func:`calcml.plot.plot_learning_rates` draws what this computes.

>>> from calcml.learn import datasets
>>> runs = compare_learning_rates(*datasets.course_regression(), lrs=(0.01, 0.09), epochs=20)
>>> [run.verdict for run in runs.runs]
['too small: still far from the minimum', 'too large: the cost grows, zigzagging']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.learn import SGD, Line, TrainingDiverged, mse, train
from calcml.learn.history import History


@dataclass(frozen=True)
class BestLine:
    """The least-squares line y = m x + b of the data, and its mean squared error."""

    m: float
    b: float
    cost: float


def least_squares(x: Any, y: Any) -> BestLine:
    """The line that gradient descent on MSE is heading for, solved directly (by
    :func:`numpy.polyfit`), with its MSE.

    >>> from calcml.learn import datasets
    >>> best = least_squares(*datasets.course_regression())
    >>> round(best.m, 3), round(best.b, 2), round(best.cost, 4)
    (-0.469, 1.76, 0.0195)
    """
    xs, ys = _data(x, y)
    m, b = np.polyfit(xs, ys, 1)
    return BestLine(float(m), float(b), float(np.mean((m * xs + b - ys) ** 2)))


def _data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = (np.asarray(v, dtype=float).ravel() for v in (x, y))
    if xs.shape != ys.shape or xs.size < 2:
        raise InputError(f"x and y must be two columns of the same length, at least 2 "
                         f"points; got {xs.size} and {ys.size}")
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        raise InputError("x and y must be finite numbers (no NaN or infinity)")
    return xs, ys


def descend(x: Any, y: Any, lr: float, epochs: int, m: float = 0.9, b: float = 0.1
            ) -> tuple[History, str | None]:
    """Full-batch gradient descent on MSE for a Line; a divergence is caught and returned.

    Returns the history and, when the cost became infinite or NaN, the error's message.

    >>> from calcml.learn import datasets
    >>> history, diverged = descend(*datasets.course_regression(), lr=0.01, epochs=3)
    >>> len(history), diverged
    (3, None)
    """
    model = Line(m=m, b=b)
    try:
        return train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=lr),
                     epochs=epochs, quiet=True, record="all"), None
    except TrainingDiverged as err:
        return err.history, str(err)


def verdict(history: History, diverged: str | None, best_cost: float) -> str:
    """Too large, good or too small, read from the run: the cost grew, reached the
    minimum (within 5 %), or is still on its way; and whether the steps zigzag.

    >>> verdict(History(cost=[5.0, 9.0]), None, 1.0)
    'too large: the cost grows'
    """
    costs = np.asarray(history.cost, dtype=float)
    if diverged or not np.isfinite(costs[-1]) or costs[-1] > costs[0]:
        text = "too large: the cost grows"
    elif costs[-1] <= 1.05 * best_cost:
        text = "good: reaches the minimum"
    else:
        text = "too small: still far from the minimum"
    if history.params and len(history) > 3:
        steps = np.diff(history.param("m").astype(float))
        if np.mean(np.sign(steps[1:]) != np.sign(steps[:-1])) > 0.5:
            text += ", zigzagging"
    return text


@dataclass(frozen=True)
class Run:
    """One learning rate's descent: its history, the divergence message (None if the
    cost stayed finite) and the verdict."""

    lr: float
    history: History
    diverged: str | None
    verdict: str


@dataclass(frozen=True)
class LearningRateComparison:
    """Runs from the same start (m, b) = ``start`` for ``epochs`` epochs on the data
    ``x``, ``y``, and the least-squares line they are judged against."""

    x: np.ndarray
    y: np.ndarray
    runs: tuple[Run, ...]
    best: BestLine
    start: tuple[float, float]
    epochs: int


def _rates(lrs: Sequence[float]) -> list[float]:
    rates = list(lrs)
    if not 1 <= len(rates) <= 4:
        raise InputError(f"compare 1 to 4 learning rates, got {len(rates)}")
    for lr in rates:
        if isinstance(lr, bool) or not isinstance(lr, int | float) or not 0 < lr < np.inf:
            raise InputError(f"a learning rate is a positive number such as 0.01, not {lr!r}")
    return [float(lr) for lr in rates]


def compare_learning_rates(x: Any, y: Any, lrs: Sequence[float] = (0.001, 0.01, 0.09),
                           epochs: int = 1000, m: float = 0.9, b: float = 0.1
                           ) -> LearningRateComparison:
    """Gradient descent on MSE from (m, b) with each of 1 to 4 learning rates, each run
    judged by :func:`verdict`. The course's rates 0.001, 0.01 and 0.09 are too small, good
    and too large.

    >>> from calcml.learn import datasets
    >>> runs = compare_learning_rates(*datasets.course_regression())
    >>> [run.verdict.split(":")[0] for run in runs.runs]
    ['too small', 'good', 'too large']
    """
    xs, ys = _data(x, y)
    runs = []
    best = least_squares(xs, ys)
    for lr in _rates(lrs):
        history, diverged = descend(xs, ys, lr, epochs, m, b)
        runs.append(Run(lr, history, diverged, verdict(history, diverged, best.cost)))
    return LearningRateComparison(xs, ys, tuple(runs), best, (m, b), epochs)
