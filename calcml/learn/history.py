"""The record of a training run: one entry per epoch, ready for tables, figures and CSV.

Epochs are numbered from 0: entry ``k`` describes the parameters at the *start* of epoch
``k`` (after ``k`` updates for full-batch training), the cost there and the gradient
there. ``final_cost`` is the cost after the last update.

What is kept (``record``):

- ``"auto"`` (the default): cost, learning rate and metrics always; parameters and
  gradients only for small models (at most ``RECORD_LIMIT`` = 100 numbers), so that
  recording never slows the training of a big one.
- ``"all"``: parameters and gradients whatever the size.
- ``"cost"``: cost, learning rate and metrics only.

>>> from calcml.learn import Line, SGD, datasets, mse, train
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
...                 epochs=3)
>>> print(history.to_csv().splitlines()[1])
0,19.675475,0.01,0.9,0.1,36.305,6.265
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

RECORD_LIMIT = 100
RECORD_CHOICES = ("auto", "all", "cost")


def scalar_names(name: str, shape: tuple[int, ...]) -> list[str]:
    """Column names for each number in a parameter: ``m``, or ``w[0]``, ``W1[0,1]``.

    >>> scalar_names("W", (2, 1))
    ['W[0,0]', 'W[1,0]']
    """
    if shape == ():
        return [name]
    return [f"{name}[{','.join(str(i) for i in idx)}]" for idx in np.ndindex(*shape)]


@dataclass
class History:
    """Cost, learning rate, parameters, gradients and metrics, epoch by epoch.

    Attributes
    ----------
    cost : list of float
        The cost on the whole training set at the start of each epoch.
    lr : list of float
        The learning rate each epoch's updates used.
    params, grads : list of dict
        Parameter values and the full-training-set gradient at the start of each epoch,
        by parameter name (empty when not recorded: see the module docstring).
    metrics : dict of lists
        ``train_accuracy`` (classifiers), ``test_cost`` and ``test_accuracy`` (with
        ``validation=``), one value per epoch, at the same parameters as ``cost``.
    stopped : str or None
        Why training stopped before its last epoch (early stopping), else None.
    final_cost : float or None
        The training cost after the last update.
    """

    cost: list[float] = field(default_factory=list)
    lr: list[float] = field(default_factory=list)
    params: list[dict[str, np.ndarray]] = field(default_factory=list)
    grads: list[dict[str, np.ndarray]] = field(default_factory=list)
    metrics: dict[str, list[float]] = field(default_factory=dict)
    stopped: str | None = None
    final_cost: float | None = None

    def __len__(self) -> int:
        return len(self.cost)

    def param(self, name: str) -> np.ndarray:
        """One parameter's values over the epochs, stacked (epochs first).

        >>> History(params=[{"m": np.array(1.0)}, {"m": np.array(0.5)}]).param("m")
        array([1. , 0.5])
        """
        if not self.params:
            raise KeyError("parameters were not recorded: train with record='all'")
        return np.stack([p[name] for p in self.params])

    def grad(self, name: str) -> np.ndarray:
        """One parameter's gradient over the epochs, stacked (epochs first)."""
        if not self.grads:
            raise KeyError("gradients were not recorded: train with record='all'")
        return np.stack([g[name] for g in self.grads])

    def columns(self) -> list[str]:
        """The column names of ``to_rows`` and ``to_csv``."""
        cols = ["epoch", "cost", "lr"]
        if self._per_number():
            for name, value in self.params[0].items():
                cols += scalar_names(name, np.shape(value))
            for name, value in self.grads[0].items():
                cols += scalar_names(f"grad_{name}", np.shape(value))
        return cols + list(self.metrics)

    def to_rows(self) -> list[dict[str, Any]]:
        """One dict per epoch: epoch, cost, lr, each parameter and gradient number (small
        models, at most ``RECORD_LIMIT`` numbers), then the metrics.
        """
        per_number = self._per_number()
        columns = self.columns()
        rows = []
        for k, cost in enumerate(self.cost):
            values: list[Any] = [k, cost, self.lr[k]]
            if per_number:
                for entry in (self.params[k], self.grads[k]):
                    values += [float(v) for a in entry.values() for v in np.ravel(a)]
            values += [m[k] for m in self.metrics.values()]
            rows.append(dict(zip(columns, values, strict=True)))
        return rows

    def to_csv(self, path: str | Path | None = None) -> str:
        """The rows as CSV text (numbers printed in full); also written to ``path`` if given."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns())
        for row in self.to_rows():
            writer.writerow([f"{v:.15g}" if isinstance(v, float) else v for v in row.values()])
        text = out.getvalue()
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    def _per_number(self) -> bool:
        if not self.params or len(self.grads) != len(self.params):
            return False
        return sum(np.size(v) for v in self.params[0].values()) <= RECORD_LIMIT

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display from the run's own numbers: a one-line summary.

        The engine does not draw: in Jupyter, :mod:`calcml.notebook` puts the cost curve
        (SVG and PNG) above the summary (see ``register_display`` there).

        >>> h = History(cost=[19.68, 7.6, 3.2], lr=[0.01] * 3, final_cost=1.5)
        >>> h._repr_mimebundle_()["text/html"]
        '<p class="calcml-history">3 epochs: cost 19.68 at the start, 1.5 at the end</p>'
        """
        from html import escape

        bundle = {"text/plain": repr(self)}
        if self.cost:
            bundle["text/html"] = f'<p class="calcml-history">{escape(self._summary())}</p>'
        return bundle

    def _summary(self) -> str:
        """The run in one sentence: epochs, the first and the final cost, why it stopped."""
        end = self.final_cost if self.final_cost is not None else self.cost[-1]
        stop = f"; stopped: {self.stopped}" if self.stopped else ""
        return (f"{len(self)} epochs: cost {self.cost[0]:.6g} at the start, "
                f"{end:.6g} at the end{stop}")

    def __repr__(self) -> str:
        last = f", final cost {self.final_cost:.6g}" if self.final_cost is not None else ""
        stop = f", stopped: {self.stopped}" if self.stopped else ""
        return f"<History of {len(self)} epochs{last}{stop}>"
