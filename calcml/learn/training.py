"""The training loop: the four steps of machine learning, epoch after epoch.

Every epoch: (1) the forward pass ŷ = model(x), (2) the cost C(ŷ, y), (3) the gradient
∇C by autodiff (``backward()``), (4) a descent step by the optimizer. With
``batch_size`` the epoch is a pass over shuffled mini-batches (seeded), each one going
through the four steps; the epoch's record is then taken on the whole training set.

>>> from calcml.learn import Line, SGD, datasets, mse
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
...                 epochs=1000)
>>> round(model.m.item(), 3), round(model.b.item(), 3), round(history.cost[-1], 4)
(-0.468, 1.754, 0.0195)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from calcml.autodiff import Tensor
from calcml.errors import CalcmlError, InputError
from calcml.learn.base import Module
from calcml.learn.history import RECORD_CHOICES, History
from calcml.learn.optimizers import Optimizer
from calcml.learn.progress import Progress
from calcml.learn.recorder import Recorder
from calcml.learn.schedules import Schedule


class TrainingDiverged(CalcmlError):
    """The cost became infinite or NaN: the steps were too large (``.history`` has the run)."""

    def __init__(self, message: str, history: History) -> None:
        super().__init__(message)
        self.history = history


def train(model: Module, x: Any, y: Any, *, cost: Callable[[Any, Any], Tensor],
          optimizer: Optimizer, epochs: int, batch_size: int | None = None, seed: int = 0,
          schedule: Schedule | None = None, validation: tuple[Any, Any] | None = None,
          tol: float | None = None, patience: int | None = None, quiet: bool = False,
          record: str = "auto") -> History:
    """Fit ``model`` to (x, y) by gradient descent and return the history of every epoch.

    Parameters
    ----------
    model : Module
        What to fit (``Line``, ``LinearRegression``, ``LogisticRegression``, ``MLP``...).
    x, y : array-like
        Inputs (one row per sample) and targets (numbers, or class labels).
    cost : Cost
        The cost to descend, e.g. ``mse`` or ``softmax_cross_entropy``.
    optimizer : Optimizer
        Built from ``model.parameters()``: ``GD``, ``SGD``, ``Momentum``, ``Adam``.
    epochs : int
        How many passes over the data.
    batch_size : int, optional
        Mini-batches of this size, reshuffled every epoch with ``seed``; None: full batch.
    schedule : Schedule, optional
        A learning-rate schedule, stepped after every epoch.
    validation : (x_test, y_test), optional
        Held-out data, scored every epoch (``test_cost``, ``test_accuracy``).
    tol, patience : optional
        Early stopping: stop when the cost has not improved on its best by more than
        ``tol`` (default 0) for ``patience`` epochs in a row (default 1).
    quiet : bool
        No progress bar (one is shown on stderr only when training will take seconds).
    record : {"auto", "all", "cost"}
        What the history keeps; see :mod:`calcml.learn.history`.

    Raises
    ------
    TrainingDiverged
        When the cost becomes infinite or NaN; the message names the epoch and the
        learning rate, and the error's ``history`` holds the epochs run.

    Examples
    --------
    >>> from calcml.learn import LogisticRegression, GD, binary_cross_entropy, datasets
    >>> data = datasets.breast_cancer()
    >>> model = LogisticRegression(30)
    >>> h = train(model, data.x_train, data.y_train, cost=binary_cross_entropy,
    ...           optimizer=GD(model.parameters(), lr=0.5), epochs=100,
    ...           validation=(data.x_test, data.y_test))
    >>> h.metrics["test_accuracy"][-1] > 0.95
    True
    """
    _check(model, optimizer, epochs, batch_size, schedule, record)
    run = Recorder(model, x, y, cost, optimizer, batch_size, seed, validation, record)
    stop = _Stopper(tol, patience)
    progress = None if quiet else Progress(epochs)
    try:
        with np.errstate(all="ignore"):
            for epoch in range(epochs):
                value = run.start_epoch()
                if not math.isfinite(value):
                    raise _diverged(value, epoch, optimizer.lr, run.history)
                if stop.now(value, epoch, run.history):
                    break
                run.descend()
                if schedule is not None:
                    schedule.step()
                if progress is not None:
                    progress.update(epoch, value)
            final = run.finish()
    finally:
        if progress is not None:
            progress.close()
    if not math.isfinite(final):
        raise _diverged(final, len(run.history), optimizer.lr, run.history)
    return run.history


def _check(model: Module, optimizer: Optimizer, epochs: int, batch_size: int | None,
           schedule: Schedule | None, record: str) -> None:
    """Refuse arguments that cannot work, saying how to fix them."""
    if not isinstance(model, Module):
        raise InputError(f"train fits a model such as Line() or MLP([...]), "
                         f"not {type(model).__name__}")
    if not isinstance(optimizer, Optimizer):
        raise InputError(f"optimizer must be an optimizer such as SGD(model.parameters(), "
                         f"lr=0.01), not {type(optimizer).__name__}")
    owned = {id(p) for p in model.parameters()}
    if any(id(p) not in owned for p in optimizer.params):
        raise InputError("the optimizer was built from another model's parameters: build "
                         "it from model.parameters() of the model you train")
    if isinstance(epochs, bool) or not isinstance(epochs, int) or epochs < 1:
        raise InputError(f"epochs must be a whole number, at least 1, not {epochs!r}")
    if batch_size is not None:
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise InputError(f"batch_size must be a whole number, at least 1 (or None for "
                             f"full batches), not {batch_size!r}")
        if optimizer.full_batch:
            raise InputError("GD is full-batch gradient descent: leave batch_size out, "
                             "or use SGD for mini-batches")
    if schedule is not None and not isinstance(schedule, Schedule):
        raise InputError(f"schedule must be a schedule such as StepLR(optimizer, "
                         f"step_size=10), not {type(schedule).__name__}")
    if schedule is not None and schedule.optimizer is not optimizer:
        raise InputError("the schedule was built for another optimizer: build it from the "
                         "optimizer you train with")
    if record not in RECORD_CHOICES:
        raise InputError(f"record must be one of {', '.join(RECORD_CHOICES)}, not {record!r}")


def _diverged(value: float, epoch: int, lr: float, history: History) -> TrainingDiverged:
    return TrainingDiverged(
        f"cost became {value} at epoch {epoch} with lr={lr:g}; the steps overshoot the "
        f"minimum: try a smaller learning rate such as lr={lr / 10:g}", history)


class _Stopper:
    """Early stopping: no improvement by more than ``tol`` for ``patience`` epochs."""

    def __init__(self, tol: float | None, patience: int | None) -> None:
        self.on = tol is not None or patience is not None
        self.tol = 0.0 if tol is None else float(tol)
        self.patience = 1 if patience is None else patience
        if not (self.tol >= 0 and math.isfinite(self.tol)):
            raise InputError(f"tol is the smallest improvement that counts, so it must be a "
                             f"number at least 0, not {tol!r}")
        if isinstance(self.patience, bool) or not isinstance(self.patience, int) \
                or self.patience < 1:
            raise InputError(f"patience is a whole number of epochs, at least 1, "
                             f"not {patience!r}")
        self.best = math.inf
        self.waited = 0

    def now(self, value: float, epoch: int, history: History) -> bool:
        """Whether to stop at this epoch (and say why in ``history.stopped``)."""
        if not self.on:
            return False
        if value < self.best - self.tol:
            self.best = value
            self.waited = 0
            return False
        self.waited += 1
        if self.waited < self.patience:
            return False
        history.stopped = (f"early stop at epoch {epoch}: the cost improved by no more "
                           f"than tol={self.tol:g} for {self.patience} epoch(s) in a row "
                           f"(best {self.best:.6g})")
        return True
