"""The cost over the parameters (m, b) of a line, and gradient descent walking on it.

>>> from calcml.learn import datasets
>>> x, y = datasets.course_regression()
>>> fig = plot_cost_surface(x, y)
>>> fig.axes[0].get_xlabel()
'm (slope)'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LogNorm
from matplotlib.figure import Figure

from calcml.course.learning_rates import BestLine, LearningRateComparison, least_squares
from calcml.errors import InputError
from calcml.learn import mse
from calcml.learn.costs import Cost, quadratic
from calcml.learn.history import History
from calcml.plot.learn import line_data, line_path
from calcml.plot.style import color, finish, finish_figure, new_axes, new_panels

GRID = 160
ARROW_LENGTH = 0.09  # of the axes' size: arrows show the direction of −∇C, not its size
_SQUARED = {id(mse): np.mean, id(quadratic): np.sum}

Box = tuple[tuple[float, float], tuple[float, float]]


def cost_grid(x: Any, y: Any, box: Box, cost: Cost = mse, n: int = GRID
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The cost of the line y = m x + b on an n-by-n grid of (m, b) in ``box``.

    MSE and the quadratic cost are computed at once by NumPy broadcasting on their formula;
    any other cost is called once per grid point.

    >>> from calcml.learn import datasets
    >>> x, y = datasets.course_regression()
    >>> ms, bs, c = cost_grid(x, y, ((0.9, 1.0), (0.1, 0.2)), n=2)
    >>> round(float(c[0, 0]), 2)
    19.68
    """
    xs, ys = line_data(x, y)
    (m_lo, m_hi), (b_lo, b_hi) = box
    ms, bs = np.meshgrid(np.linspace(m_lo, m_hi, n), np.linspace(b_lo, b_hi, n))
    reduce = _SQUARED.get(id(cost))
    if reduce is not None:
        residuals = ms[..., None] * xs + bs[..., None] - ys
        return ms, bs, reduce(residuals ** 2, axis=-1)
    if not isinstance(cost, Cost):
        raise InputError(f"cost must be a calcml cost such as mse, not {type(cost).__name__}")
    values = [cost(m * xs + b, ys).item() for m, b in zip(ms.ravel(), bs.ravel(), strict=True)]
    return ms, bs, np.reshape(values, ms.shape)


def _box(points: Sequence[tuple[float, float]]) -> Box:
    """A (m, b) window around the points, with a margin of a quarter of its size."""
    arr = np.asarray(points, dtype=float)
    arr = arr[np.all(np.isfinite(arr), axis=1)]
    lo, hi = arr.min(axis=0), arr.max(axis=0)
    margin = np.maximum(0.25 * (hi - lo), 0.5)
    return (lo[0] - margin[0], hi[0] + margin[0]), (lo[1] - margin[1], hi[1] + margin[1])


def _draw_surface(ax: Axes, x: np.ndarray, y: np.ndarray, box: Box, cost: Cost,
                  best: BestLine, colorbar: bool = True) -> None:
    """Filled log-spaced contours of the cost, the least-squares minimum ``best`` starred."""
    ms, bs, c = cost_grid(x, y, box, cost)
    top = float(np.max(c))
    low = max(float(np.min(c)), top * 1e-9)
    levels = np.geomspace(low, top, 18)
    filled = ax.contourf(ms, bs, np.clip(c, low, None), levels=levels, cmap="viridis",
                         norm=LogNorm(low, top))
    ax.contour(ms, bs, c, levels=levels[::3], colors="white", linewidths=0.5, alpha=0.6)
    if colorbar:
        bar = ax.figure.colorbar(filled, ax=ax, label=f"cost C ({cost.name}, log scale)")
        decades = 10.0 ** np.arange(np.ceil(np.log10(low)), np.floor(np.log10(top)) + 1)
        bar.set_ticks(decades, labels=[f"{d:g}" for d in decades])
    ax.plot(best.m, best.b, "*", color="white", mec="black", ms=15, zorder=8,
            label=f"least squares: m = {best.m:.3g}, b = {best.b:.3g}")
    ax.set_xlim(box[0])
    ax.set_ylim(box[1])


def _draw_path(ax: Axes, run: dict[str, np.ndarray], arrows: int) -> None:
    """The descent path through (m, b), its ends, and −∇C arrows at log-spaced epochs."""
    ax.plot(run["m"], run["b"], "-", color=color("point"), lw=1.8, label="descent path")
    ax.plot(run["m"], run["b"], ".", color=color("point"), ms=3)
    ax.plot(run["m"][0], run["b"][0], "o", color=color("point"), mec="white", ms=9, zorder=6,
            label=f"start: m = {run['m'][0]:.3g}, b = {run['b'][0]:.3g}")
    ax.plot(run["m"][-1], run["b"][-1], "s", color=color("secant"), mec="black", ms=8,
            zorder=6, label=f"epoch {len(run['m']) - 1}: m = {run['m'][-1]:.3g}, "
            f"b = {run['b'][-1]:.3g}")
    if arrows < 1:
        return
    (m_lo, m_hi), (b_lo, b_hi) = ax.get_xlim(), ax.get_ylim()
    span = np.array([m_hi - m_lo, b_hi - b_lo])
    shown = np.unique(np.geomspace(1, len(run["m"]), arrows).astype(int) - 1)
    for k in shown:
        step = -np.array([run["gm"][k], run["gb"][k]])
        size = np.hypot(*(step / span))
        if not np.isfinite(size) or size == 0:
            continue
        tip = np.array([run["m"][k], run["b"][k]]) + step * ARROW_LENGTH / size
        ax.annotate("", xy=tip, xytext=(run["m"][k], run["b"][k]), zorder=7,
                    arrowprops={"arrowstyle": "-|>", "color": "white", "lw": 1.6})
    ax.plot([], [], marker=r"$\rightarrow$", ls="none", color="black", ms=12,
            label="−∇C: steepest descent")


def plot_cost_surface(x: Any, y: Any, history: History | None = None, cost: Cost = mse,
                      arrows: int = 8, ax: Axes | None = None,
                      path: str | Path | None = None) -> Figure:
    """The cost C(m, b) of the line y = m x + b as contours, with the descent path.

    With a ``history`` from training a ``Line``, the path of (m, b) epoch by epoch is
    drawn over the contours, with ``arrows`` arrows of −∇C (the direction each step
    takes) at log-spaced epochs; the least-squares minimum is starred.

    >>> from calcml.learn import Line, SGD, datasets, mse, train
    >>> x, y = datasets.course_regression()
    >>> model = Line(m=0.9, b=0.1)
    >>> h = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
    ...           epochs=50)
    >>> "descent path" in [t.get_text() for t in
    ...                    plot_cost_surface(x, y, h).axes[0].get_legend().get_texts()]
    True
    """
    xs, ys = line_data(x, y)
    run = line_path(history) if history is not None else None
    best = least_squares(xs, ys)
    points = [(best.m, best.b)]
    if run is not None:
        points += list(zip(run["m"], run["b"], strict=True))
    fig, ax = new_axes(ax, figsize=(7.6, 5.6))
    _draw_surface(ax, xs, ys, _box(points), cost, best)
    if run is not None:
        _draw_path(ax, run, arrows)
    finish(ax, "The cost over the parameters, and gradient descent on it", "m (slope)",
           "b (intercept)", legend_loc="upper right")
    return finish_figure(fig, path)


def plot_learning_rates(comparison: LearningRateComparison,
                        path: str | Path | None = None) -> Figure:
    """Gradient descent from the same start with each learning rate, side by side: the
    runs of :func:`calcml.course.learning_rates.compare_learning_rates`.

    Top row: the path of (m, b) over the cost contours, on a window that holds the first
    four epochs (so a run that overshoots shows its first zigzags). Bottom row: the cost
    per epoch. A run whose cost became infinite is drawn up to that epoch. Each column is
    titled with the run's verdict: too small, good or too large.

    >>> from calcml.course.learning_rates import compare_learning_rates
    >>> from calcml.learn import datasets
    >>> runs = compare_learning_rates(*datasets.course_regression(), lrs=(0.01, 0.09),
    ...                               epochs=20)
    >>> plot_learning_rates(runs).axes[1].get_title().splitlines()
    ['lr = 0.09', 'too large: the cost grows, zigzagging']
    """
    if not isinstance(comparison, LearningRateComparison):
        raise InputError("plot_learning_rates draws compare_learning_rates(x, y, lrs) from "
                         f"calcml.course.learning_rates, not {type(comparison).__name__}")
    runs, best, n = comparison.runs, comparison.best, len(comparison.runs)
    fig, axes = new_panels(2 * n, ncols=n, figsize=(4.3 * n + 0.4, 8.2))
    for i, run in enumerate(runs):
        top, bottom = axes[i], axes[n + i]
        walk = line_path(run.history)
        box = _box([(best.m, best.b)] + list(zip(walk["m"][:4], walk["b"][:4], strict=True)))
        _draw_surface(top, comparison.x, comparison.y, box, mse, best, colorbar=False)
        _draw_path(top, _inside(walk, box), arrows=0)
        if run.verdict.startswith("too large"):
            _number_epochs(top, walk, 4)
        finish(top, f"lr = {run.lr:g}\n{run.verdict}", "m (slope)",
               "b (intercept)" if i == 0 else "", legend=False)
        _draw_costs(bottom, run.history, best.cost, run.diverged is not None)
        finish(bottom, bottom.get_title(), "epoch", "cost C (log scale)" if i == 0 else "",
               legend=i == 0, legend_loc="lower left")
    handles, _ = axes[0].get_legend_handles_labels()
    fig.legend(handles[:2], ["least-squares minimum", "descent path (dots: epochs)"],
               loc="outside lower center", ncols=2, fontsize="small")
    (m, b), epochs = comparison.start, comparison.epochs
    fig.suptitle(f"Learning rates compared: {epochs} epochs of gradient descent from "
                 f"m = {m:g}, b = {b:g}")
    return finish_figure(fig, path)


def _inside(run: dict[str, np.ndarray], box: Box) -> dict[str, np.ndarray]:
    """The path up to the first epoch that leaves the box (a diverging run flies off
    toward infinity; past that point it would only draw lines across the panel)."""
    (m_lo, m_hi), (b_lo, b_hi) = box
    out = ~((run["m"] >= m_lo) & (run["m"] <= m_hi) & (run["b"] >= b_lo) & (run["b"] <= b_hi))
    if not out.any():
        return run
    keep = int(np.argmax(out)) + 1
    return {name: values[:keep] for name, values in run.items()}


def _number_epochs(ax: Axes, run: dict[str, np.ndarray], count: int) -> None:
    """Epoch numbers beside the first points of a path, so that its zigzag can be read."""
    for k in range(min(count, len(run["m"]))):
        ax.annotate(str(k), (run["m"][k], run["b"][k]), textcoords="offset points",
                    xytext=(0, 7), ha="center", fontsize="small", fontweight="bold",
                    bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1}, zorder=9)
        ax.plot(run["m"][k], run["b"][k], "o", color=color("point"), ms=5, zorder=8)


def _draw_costs(ax: Axes, history: History, best_cost: float, diverged: bool) -> None:
    """The finite costs per epoch on a log scale, the least-squares cost dashed; the title
    says where the cost went (or where it became infinite)."""
    costs = np.asarray(history.cost, dtype=float)
    shown = np.isfinite(costs) & (costs < 1e250)
    epochs = np.arange(len(costs))
    ax.plot(epochs[shown], costs[shown], color=color("curve"), lw=2, label="cost")
    ax.axhline(best_cost, ls="--", color=color("theory"), label="least-squares cost")
    ax.set_yscale("log")
    top = max(float(costs[shown].max()), best_cost)
    ax.set_ylim(best_cost / 3, top * 30)
    ax.set_title(f"cost became infinite at epoch {len(costs) - 1}" if diverged
                 else f"C: {costs[0]:.4g} → {costs[-1]:.4g}")
