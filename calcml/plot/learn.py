"""Figures of machine learning by gradient descent: the line at chosen epochs, the cost
curve and the accuracy of real models. The cost surface and the comparison of learning
rates are in :mod:`calcml.plot.learn_surface`.

>>> from calcml.learn import Line, SGD, datasets, mse, train
>>> x, y = datasets.course_regression()
>>> model = Line(m=0.9, b=0.1)
>>> history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
...                 epochs=20)
>>> len(plot_regression(history, x, y).axes)
4
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from calcml.errors import InputError
from calcml.learn.history import History
from calcml.plot.style import color, cycle, finish, finish_figure, new_axes, new_panels


def line_data(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and ``y`` as two finite 1-D float arrays of the same length (at least 2).

    >>> line_data([0, 1], [1.86, 1.31])[1].tolist()
    [1.86, 1.31]
    """
    try:
        xs = np.asarray(x, dtype=np.float64)
        ys = np.asarray(y, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InputError(f"x and y must be numbers: {err}") from None
    if xs.ndim != 1 or xs.shape != ys.shape or xs.size < 2:
        raise InputError(f"a line is fitted to x and y of the same 1-D shape with at least 2 "
                         f"points; got x {xs.shape} and y {ys.shape}")
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        raise InputError("x and y must be finite numbers (no NaN or infinity)")
    return xs, ys


def line_path(history: History) -> dict[str, np.ndarray]:
    """The slope ``m``, intercept ``b`` and their gradients ``gm``, ``gb`` at the start of
    every epoch of a Line's training history.

    >>> h = History(cost=[1.0], params=[{"m": np.array(0.9), "b": np.array(0.1)}],
    ...             grads=[{"m": np.array(36.3), "b": np.array(6.26)}])
    >>> line_path(h)["gm"].tolist()
    [36.3]
    """
    if not isinstance(history, History) or len(history) == 0:
        raise InputError("give the History that train() returned (at least one epoch)")
    names = set(history.params[0]) if history.params and history.grads else set()
    if names != {"m", "b"}:
        raise InputError("this figure draws a line y = m x + b: give the history of "
                         "training a Line (its parameters m and b were not recorded)")
    return {"m": history.param("m").astype(float), "b": history.param("b").astype(float),
            "gm": history.grad("m").astype(float), "gb": history.grad("b").astype(float)}


def _chosen_epochs(history: History, epochs: Sequence[int] | None) -> list[int]:
    """The epochs to draw: those asked for (checked), or 0, 1, 10 and the last."""
    last = len(history) - 1
    if epochs is None:
        return sorted({k for k in (0, 1, 10, last) if k <= last})
    chosen = list(epochs)
    if not chosen or len(chosen) > 9:
        raise InputError(f"choose 1 to 9 epochs to draw, got {len(chosen)}")
    for k in chosen:
        if isinstance(k, bool) or not isinstance(k, int | np.integer) or not 0 <= k <= last:
            raise InputError(f"epoch {k!r} is not in this history: it has {len(history)} "
                             f"epochs, numbered 0 to {last}")
    return [int(k) for k in chosen]


def plot_regression(history: History, x: Any, y: Any, epochs: Sequence[int] | None = None,
                    path: str | Path | None = None) -> Figure:
    """The data, the line y = m x + b and its errors at chosen epochs, one panel each.

    Each panel's title gives the cost C there, m and b, and the partial derivatives
    ∂C/∂m and ∂C/∂b the next step follows. ``epochs=None`` draws epochs 0, 1, 10 and the
    last (for 1000 epochs: the course's 0, 1, 10, 999).

    >>> from calcml.learn import Line, SGD, datasets, mse, train
    >>> x, y = datasets.course_regression()
    >>> model = Line(m=0.9, b=0.1)
    >>> h = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
    ...           epochs=2)
    >>> plot_regression(h, x, y, epochs=[0]).axes[0].get_title().splitlines()[0]
    'Epoch 0: C = 19.68'
    """
    xs, ys = line_data(x, y)
    run = line_path(history)
    ks = _chosen_epochs(history, epochs)
    ncols = len(ks) if len(ks) <= 3 else (2 if len(ks) == 4 else 3)
    fig, axes = new_panels(len(ks), ncols=ncols)
    pad = 0.08 * (xs.max() - xs.min())
    grid = np.linspace(xs.min() - pad, xs.max() + pad, 100)
    drawn = [ys] + [run["m"][k] * grid + run["b"][k] for k in ks]
    lo, hi = min(map(np.min, drawn)), max(map(np.max, drawn))
    for ax, k in zip(axes, ks, strict=True):
        m, b = run["m"][k], run["b"][k]
        ax.vlines(xs, ys, m * xs + b, color=color("asymptote"), ls=":", lw=1.2,
                  label="error ŷ − y")
        ax.plot(grid, m * grid + b, color=color("curve"), lw=2, label="ŷ = m x + b")
        ax.plot(xs, ys, "o", color=color("point"), ms=6, zorder=3, label="data (x, y)")
        ax.set_ylim(lo - 0.08 * (hi - lo), hi + 0.08 * (hi - lo))
        title = (f"Epoch {k}: C = {history.cost[k]:.4g}\n"
                 f"m = {m:.4g},  ∂C/∂m = {run['gm'][k]:.4g}\n"
                 f"b = {b:.4g},  ∂C/∂b = {run['gb'][k]:.4g}")
        finish(ax, title, "x", "y", legend=False)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize="small")
    fig.suptitle("Fitting y = m x + b by gradient descent: the line at chosen epochs")
    return finish_figure(fig, path)


def plot_cost_curve(history: History, log: bool = True, ax: Axes | None = None,
                    path: str | Path | None = None) -> Figure:
    """The cost at the start of every epoch (and the test cost, when recorded).

    ``log=True`` draws the cost on a logarithmic scale, where steady progress toward a
    minimum looks like a straight slope and a divergence like a steep rise.

    >>> h = History(cost=[19.68, 7.6, 3.2], lr=[0.01] * 3)
    >>> plot_cost_curve(h).axes[0].get_yscale()
    'log'
    """
    if not isinstance(history, History) or len(history) == 0:
        raise InputError("give the History that train() returned (at least one epoch)")
    fig, ax = new_axes(ax)
    epochs = np.arange(len(history))
    series = {"training cost": history.cost}
    if "test_cost" in history.metrics:
        series["test cost"] = history.metrics["test_cost"]
    for (label, values), shade in zip(series.items(), cycle(len(series)), strict=True):
        ax.plot(epochs, values, color=shade, lw=2, label=label)
        ax.plot(epochs[-1], values[-1], "o", color=shade, ms=6)
        ax.annotate(f"{values[-1]:.4g}", (epochs[-1], values[-1]), textcoords="offset points",
                    xytext=(-6, 8), ha="right", color=shade)
    ax.annotate(f"start: C = {history.cost[0]:.4g}", (0, history.cost[0]),
                textcoords="offset points", xytext=(8, -4), va="top")
    if log:
        ax.set_yscale("log")
    finish(ax, f"Cost per epoch ({len(history)} epochs)", "epoch",
           "cost C (log scale)" if log else "cost C", legend_loc="upper right")
    return finish_figure(fig, path)


def plot_accuracy(history: History, ax: Axes | None = None,
                  path: str | Path | None = None) -> Figure:
    """Training and test accuracy per epoch, for a classifier trained with validation.

    >>> h = History(cost=[0.7, 0.4], metrics={"train_accuracy": [0.5, 0.9],
    ...                                       "test_accuracy": [0.45, 0.88]})
    >>> [t.get_text() for t in plot_accuracy(h).axes[0].get_legend().get_texts()]
    ['training accuracy', 'test accuracy']
    """
    names = {"train_accuracy": "training accuracy", "test_accuracy": "test accuracy"}
    found = {label: history.metrics[key] for key, label in names.items()
             if isinstance(history, History) and history.metrics.get(key)}
    if not found:
        raise InputError("this history has no accuracy: train a classifier (logistic or "
                         "MLP), with validation=(x_test, y_test) for the test accuracy")
    fig, ax = new_axes(ax)
    for (label, values), shade in zip(found.items(), cycle(len(found)), strict=True):
        epochs = np.arange(len(values))
        ax.plot(epochs, values, color=shade, lw=2, label=label)
        ax.annotate(f"{values[-1]:.1%}", (epochs[-1], values[-1]), textcoords="offset points",
                    xytext=(-4, -14 if label.startswith("test") else 6), ha="right",
                    color=shade)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    lowest = min(min(v) for v in found.values())
    ax.set_ylim(max(0.0, lowest - 0.05), 1.06)
    finish(ax, "Accuracy per epoch", "epoch", "accuracy", legend_loc="lower right")
    return finish_figure(fig, path)
