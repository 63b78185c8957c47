"""One training run's data, its steps and its record (the inside of :func:`train`).

Kept apart from the loop so that the loop reads as the four steps. The full-batch path
does one forward and one backward pass per epoch and records them; the mini-batch path
scores the whole training set at the start of each epoch (with a full-batch gradient
only when gradients are recorded), then steps through shuffled batches.

A pass over the whole data set goes in pieces of ``PIECE_ROWS`` rows when the cost is a
mean or a sum (each piece's cost weighted by its share, gradients accumulated): the
same numbers, to rounding, several times faster on big data sets, whose large
temporary arrays are slow to allocate and fall out of the cache (measured on the digits:
one pass in 1.5 ms in pieces against 11 ms whole).
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

PIECE_ROWS = 512


def as_data(value: Any, what: str, integers: bool = False) -> np.ndarray:
    """Training data as a float64 array of samples, refusing what cannot be learned from.

    With ``integers``, whole-number data (class labels) stays int64.

    >>> as_data([1, 2], "x")
    array([1., 2.])
    >>> as_data([1, 2], "y", integers=True).dtype
    dtype('int64')
    """
    value = value.data if isinstance(value, Tensor) else value
    try:
        arr = np.asarray(value)
        if not (integers and arr.dtype.kind in "biu"):
            arr = np.asarray(arr, dtype=np.float64)
        else:
            arr = arr.astype(np.int64, copy=False)
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
    xa, ya = as_data(x, names[0]), as_data(y, names[1], integers=True)
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
        self.model, self.cost, self.optimizer = model, cost, optimizer
        self.named = list(model.named_parameters().items())
        self.params = [p for _, p in self.named]
        self.keep = record == "all" or (record == "auto"
                                        and model.n_parameters() <= RECORD_LIMIT)
        n = len(self.y)
        self.batch = batch_size if batch_size is not None and batch_size < n else None
        self.rng = np.random.default_rng(seed)
        self.history = History()
        self.pieces = self._pieces(self.x, self.y)
        self.test = self._validation(validation)
        self.moved = False

    def _pieces(self, x: np.ndarray, y: np.ndarray) -> list[tuple[Tensor, np.ndarray, float]]:
        """(x, y, weight) pieces whose weighted costs add up to the cost on all of x, y."""
        reduction = getattr(self.cost, "reduction", None)
        n = len(y)
        if n <= PIECE_ROWS or reduction not in ("mean", "sum"):
            return [(Tensor(x), y, 1.0)]
        return [(Tensor(x[s:s + PIECE_ROWS]), y[s:s + PIECE_ROWS],
                 min(PIECE_ROWS, n - s) / n if reduction == "mean" else 1.0)
                for s in range(0, n, PIECE_ROWS)]

    def _score(self, pieces: list[tuple[Tensor, np.ndarray, float]],
               grad: bool) -> tuple[float, np.ndarray]:
        """The cost on all the pieces and the model's outputs; with ``grad`` the gradient
        of that cost is left in the parameters' ``.grad``.
        """
        model, cost = self.model, self.cost
        total, outs = 0.0, []
        for x, y, weight in pieces:
            if grad:
                out = model(x)
                c = cost(out, y)
                (c if weight == 1.0 else c * weight).backward()
            else:
                with no_grad():
                    out = model(x)
                    c = cost(out, y)
            total += float(c.data) * weight
            outs.append(out.data)
        return total, outs[0] if len(outs) == 1 else np.concatenate(outs)

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
        return self._pieces(x_test, y_test), y_test

    def start_epoch(self) -> float:
        """Steps 1-3 on the whole training set; record them; return the cost."""
        grad = self.batch is None or self.keep
        if grad:
            for p in self.params:
                p.grad = None
        value, out = self._score(self.pieces, grad)
        self._log(value, out)
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
        moved = self.moved
        final = self._score(self.pieces, grad=False)[0] if moved else self.history.cost[-1]
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
            pieces, y_test = self.test
            value, out_test = self._score(pieces, grad=False)
            metrics["test_cost"].append(value)
            if self.model.is_classifier:
                metrics["test_accuracy"].append(
                    float(np.mean(self.model.labels(out_test) == y_test)))
