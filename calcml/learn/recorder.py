"""One training run's data, its steps and its record (the inside of :func:`train`).

Kept apart from the loop so that the loop reads as the four steps. The full-batch path
does one forward and one backward pass per epoch and records them; the mini-batch path
scores the whole training set at the start of each epoch (with a full-batch gradient
only when gradients are recorded), then steps through shuffled batches.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from calcml.autodiff import Tensor, no_grad
from calcml.errors import InputError
from calcml.learn.base import Module
from calcml.learn.history import RECORD_LIMIT, History
from calcml.learn.optimizers import Optimizer


def as_data(value: Any, what: str) -> np.ndarray:
    """Training data as a float64 array of samples, refusing what cannot be learned from.

    >>> as_data([1, 2], "x")
    array([1., 2.])
    """
    try:
        arr = np.asarray(value.data if isinstance(value, Tensor) else value, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InputError(f"{what} must hold numbers only: {err}") from None
    if arr.ndim == 0 or len(arr) == 0:
        raise InputError(f"{what} must be an array with one entry per sample, "
                         f"not {arr.shape}")
    if not np.isfinite(arr).all():
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        raise InputError(f"{what} holds {arr[bad]} at index {bad}: remove or fill the "
                         "missing or infinite values before training")
    return arr


def _pair(x: Any, y: Any, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    xa, ya = as_data(x, names[0]), as_data(y, names[1])
    if len(xa) != len(ya):
        raise InputError(f"{names[0]} has {len(xa)} samples but {names[1]} has {len(ya)}; "
                         "they must pair up one to one")
    return xa, ya


class Recorder:
    """The data, the model's parameters and the history of one call of ``train``."""

    def __init__(self, model: Module, x: Any, y: Any, cost: Callable[[Any, Any], Tensor],
                 optimizer: Optimizer, batch_size: int | None, seed: int,
                 validation: tuple[Any, Any] | None, record: str) -> None:
        self.x, self.y = _pair(x, y, ("x", "y"))
        self.xt = Tensor(self.x)
        self.model, self.cost, self.optimizer = model, cost, optimizer
        self.named = list(model.named_parameters().items())
        self.params = [p for _, p in self.named]
        self.keep = record == "all" or (record == "auto"
                                        and model.n_parameters() <= RECORD_LIMIT)
        n = len(self.y)
        self.batch = batch_size if batch_size is not None and batch_size < n else None
        self.rng = np.random.default_rng(seed)
        self.history = History()
        self.test = self._validation(validation)
        self.moved = False

    def _validation(self, validation: tuple[Any, Any] | None) -> tuple | None:
        metrics = self.history.metrics
        if self.model.is_classifier:
            metrics["train_accuracy"] = []
        if validation is None:
            return None
        if not isinstance(validation, tuple | list) or len(validation) != 2:
            raise InputError("validation is a pair (x_test, y_test)")
        x_test, y_test = _pair(*validation, ("x_test", "y_test"))
        metrics["test_cost"] = []
        if self.model.is_classifier:
            metrics["test_accuracy"] = []
        return Tensor(x_test), y_test

    def start_epoch(self) -> float:
        """Steps 1-3 on the whole training set; record them; return the cost."""
        if self.batch is not None and not self.keep:
            with no_grad():
                out = self.model(self.xt)
                value = float(self.cost(out, self.y).data)
        else:
            for p in self.params:
                p.grad = None
            out = self.model(self.xt)
            c = self.cost(out, self.y)
            c.backward()
            value = float(c.data)
        self._log(value, out.data)
        self.moved = False
        return value

    def descend(self) -> None:
        """Step 4 (full batch), or the four steps on each shuffled mini-batch in turn."""
        self.moved = True
        if self.batch is None:
            self.optimizer.step()
            return
        model, cost, opt, params, x, y = (self.model, self.cost, self.optimizer,
                                          self.params, self.x, self.y)
        order = self.rng.permutation(len(y))
        for start in range(0, len(y), self.batch):
            idx = order[start:start + self.batch]
            for p in params:
                p.grad = None
            cost(model(Tensor(x[idx])), y[idx]).backward()
            opt.step()

    def finish(self) -> float:
        """The cost after the last update, kept as ``history.final_cost``."""
        if self.moved:
            with no_grad():
                final = float(self.cost(self.model(self.xt), self.y).data)
        else:
            final = self.history.cost[-1]
        self.history.final_cost = final
        return final

    def _log(self, value: float, out: np.ndarray) -> None:
        h = self.history
        h.cost.append(value)
        h.lr.append(self.optimizer.lr)
        if self.keep:
            h.params.append({name: p.data.copy() for name, p in self.named})
            h.grads.append({name: np.zeros_like(p.data) if p.grad is None
                            else p.grad.data.copy() for name, p in self.named})
        metrics = h.metrics
        if self.model.is_classifier:
            metrics["train_accuracy"].append(float(np.mean(self.model.labels(out) == self.y)))
        if self.test is not None:
            x_test, y_test = self.test
            with no_grad():
                out_test = self.model(x_test)
                metrics["test_cost"].append(float(self.cost(out_test, y_test).data))
            if self.model.is_classifier:
                metrics["test_accuracy"].append(
                    float(np.mean(self.model.labels(out_test.data) == y_test)))
