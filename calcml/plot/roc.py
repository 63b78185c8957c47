"""Figures of binary classification, drawn from the metrics engine's results: the ROC
curve with its area (a :class:`~calcml.metrics.RocReport`), the trapezoids that make the
area (a :class:`~calcml.metrics.TrapezoidSum`), and the confusion matrix as a labelled heat
map (a :class:`~calcml.metrics.ConfusionMatrix`). Nothing here counts or sums.

>>> from calcml.metrics import roc_report
>>> fig = plot_roc(roc_report([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], threshold=0.5))
>>> fig.axes[0].get_legend().get_texts()[0].get_text()
'ROC curve (AUC = 0.75)'
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.expr.tables import format_number
from calcml.metrics.confusion import ConfusionMatrix
from calcml.metrics.worked import RocReport, TrapezoidSum
from calcml.plot.style import color, cycle, finish, finish_figure, new_axes, require

RATE_AXES = ("false-positive rate (1 - specificity)", "true-positive rate (recall)")


def _roc_axes(ax: Axes) -> None:
    """Unit square, equal aspect, and the chance diagonal."""
    ax.plot([0, 1], [0, 1], linestyle="--", color=color("theory"), linewidth=1,
            label="chance (AUC = 0.5)")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")


def plot_roc(report: RocReport, *, mark_threshold: bool = True, title: str = "ROC curve",
             ax: Axes | None = None, path: str | Path | None = None) -> Figure:
    """The ROC curve of a report, its area shaded, the AUC in the legend, chance dashed.

    The report's threshold is marked at its point (FPR, TPR) and labelled, unless
    ``mark_threshold`` is False. ``path`` saves the figure (.png, .svg, .pdf).

    >>> from calcml.metrics import roc_report
    >>> fig = plot_roc(roc_report([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.7]), mark_threshold=False)
    >>> fig.axes[0].get_xlabel()
    'false-positive rate (1 - specificity)'
    """
    require(report, RocReport, "calcml.metrics.roc_report(y_true, y_score, threshold)")
    fig, ax = new_axes(ax, figsize=(5.6, 5.2))
    fpr, tpr = report.two_ways.fpr, report.two_ways.tpr
    ax.fill_between(fpr, tpr, color=color("curve"), alpha=0.18, linewidth=0)
    ax.plot(fpr, tpr, color=color("curve"), linewidth=2,
            label=f"ROC curve (AUC = {format_number(report.auc, 4)})")
    _roc_axes(ax)
    if mark_threshold:
        _mark_threshold(ax, report.confusion, report.threshold)
    finish(ax, title, *RATE_AXES, legend_loc="lower right")
    return finish_figure(fig, path)


def _mark_threshold(ax: Axes, cm: ConfusionMatrix, threshold: float) -> None:
    """The threshold's point, labelled below the chance diagonal and above the legend: a
    curve better than chance never passes there, so the label crosses no line of it."""
    ax.plot([cm.fpr], [cm.tpr], "o", color=color("point"), markersize=8, zorder=5,
            label=f"threshold {format_number(threshold, 4)}")
    ax.annotate(f"score ≥ {format_number(threshold, 4)}\n"
                f"TPR {cm.tpr:.3f}, FPR {cm.fpr:.3f}",
                xy=(cm.fpr, cm.tpr), xytext=(0.5, 0.3), textcoords="axes fraction",
                color=color("point"), fontsize="small",
                arrowprops={"arrowstyle": "->", "color": color("point")})


def plot_auc_trapezoids(trapezoid_sum: TrapezoidSum, *,
                        title: str = "The AUC by the trapezoid rule", ax: Axes | None = None,
                        path: str | Path | None = None) -> Figure:
    """A curve given by its points, each trapezoid under it shaded and labelled with its
    area; the legend gives the sum, the AUC.

    >>> from calcml.metrics import trapezoids
    >>> from calcml.metrics.worked import HOTDOG_CURVE
    >>> fig = plot_auc_trapezoids(trapezoids(*HOTDOG_CURVE))
    >>> fig.axes[0].get_legend().get_texts()[0].get_text()
    'curve: AUC = 0.75'
    """
    require(trapezoid_sum, TrapezoidSum, "calcml.metrics.trapezoids(x, y)")
    table = trapezoid_sum.table
    fig, ax = new_axes(ax, figsize=(5.6, 5.2))
    ax.plot(trapezoid_sum.x, trapezoid_sum.y, "o-", color=color("curve"), linewidth=2,
            label=f"curve: AUC = {format_number(trapezoid_sum.area, 6)}")
    shades = cycle(4)[1:]
    for i, (_, x0, x1, y0, y1, piece) in enumerate(table.rows):
        if x0 == x1:
            continue
        ax.fill([x0, x1, x1, x0], [0, 0, y1, y0], color=shades[i % 3], alpha=0.35,
                linewidth=0)
        ax.text((x0 + x1) / 2, min(y0, y1) / 2, f"{format_number(piece, 4)}",
                ha="center", va="center", fontsize="medium", fontweight="bold")
    _roc_axes(ax)
    finish(ax, title, "x (false-positive rate)", "y (true-positive rate)",
           legend_loc="upper left")
    return finish_figure(fig, path)


def plot_confusion_matrix(cm: ConfusionMatrix, *, title: str = "Confusion matrix",
                          ax: Axes | None = None, path: str | Path | None = None) -> Figure:
    """A two-class confusion matrix as a heat map: each cell its name, count and rate.

    Rows are the actual classes, columns the predicted ones; each cell's rate is its
    share of its row (TPR, FNR, FPR, specificity), which also sets its colour.

    >>> from calcml.metrics import rates
    >>> fig = plot_confusion_matrix(rates([0, 1, 1, 0], [0, 1, 0, 0]))
    >>> fig.axes[0].get_ylabel()
    'actual'
    """
    require(cm, ConfusionMatrix, "calcml.metrics.rates(y_true, y_pred), or the confusion "
            "of calcml.metrics.roc_report(y_true, y_score, threshold)")
    counts = np.array([[cm.tn, cm.fp], [cm.fn, cm.tp]], dtype=float)
    totals = counts.sum(axis=1, keepdims=True)
    share = np.divide(counts, totals, out=np.zeros_like(counts), where=totals > 0)
    fig, ax = new_axes(ax, figsize=(5.4, 4.6))
    image = ax.imshow(share, cmap="Blues", vmin=0, vmax=1)
    names = (("TN", "specificity"), ("FP", "FPR")), (("FN", "FNR"), ("TP", "TPR"))
    for (i, j), value in np.ndenumerate(counts):
        short, rate = names[i][j]
        ink = "white" if share[i, j] > 0.6 else "black"
        ax.text(j, i, f"{short} = {format_number(value, 6)}\n{rate} {share[i, j]:.1%}",
                ha="center", va="center", color=ink, fontsize="large")
    ticks = [f"{cm.negative} (negative)", f"{cm.positive} (positive)"]
    ax.set_xticks([0, 1], ticks)
    ax.set_yticks([0, 1], ticks, rotation=90, va="center")
    fig.colorbar(image, ax=ax, label="share of the actual class (row)", shrink=0.85)
    finish(ax, title + f" (accuracy {cm.accuracy:.1%})", "predicted", "actual", legend=False)
    ax.grid(False)
    return finish_figure(fig, path)
