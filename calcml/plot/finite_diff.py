"""The error of numeric derivatives against the step h, on log-log axes: the V of
truncation (right, large h) and round-off (left, small h), and the flat complex step.

>>> from calcml.numeric import FINE_STEPS, derivative_error_table
>>> fig = plot_derivative_error(derivative_error_table("sin(x)", 1, steps=FINE_STEPS))
>>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
('log', 'log')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.expr.tables import format_number
from calcml.numeric.finite_diff import EPS, ORDERS, ErrorTable, theory_step
from calcml.plot.style import color, finish, finish_figure, new_axes, require

FLOOR = 1e-17
NAMES = {"forward": "forward difference", "backward": "backward difference",
         "central": "central difference", "richardson": "Richardson (central, 2 steps)",
         "complex": "complex step"}


def plot_derivative_error(table: ErrorTable, ax: Axes | None = None,
                          path: str | Path | None = None) -> Figure:
    """|estimate - f'(x)| against h for each method of a
    :func:`calcml.numeric.derivative_error_table` (best drawn on
    :data:`calcml.numeric.FINE_STEPS`, 8 steps a decade from 1e-1 to 1e-16), with the best
    h of each marked and guide lines of slope p (truncation, order p) and -1 (round-off).

    Errors of exactly 0 are drawn at 1e-17, the bottom of the plot.

    >>> import numpy as np
    >>> from calcml.numeric import derivative_error_table
    >>> t = derivative_error_table(np.exp, 0.0, exact=1.0, methods=("central",))
    >>> len(plot_derivative_error(t).axes[0].get_lines()) >= 3
    True
    """
    require(table, ErrorTable, 'calcml.numeric.derivative_error_table(f, at, steps=...), '
            'e.g. derivative_error_table("sin(x)", 1, steps=FINE_STEPS)')
    methods = table.methods
    hs = np.array(table.steps)
    fig, ax = new_axes(ax, figsize=(9.0, 5.0))
    for m in methods:
        errs = np.maximum(table.errors[m], FLOOR)
        # The complex step's truncation error equals the central one's; dash it on top.
        style = {"ls": (0, (4, 2)), "lw": 1.6, "zorder": 4} if m == "complex" else {"lw": 2.2}
        ax.loglog(hs, errs, color=color(m), label=NAMES[m], **style)
        h_best, e_best = table.best(m)
        ax.plot([h_best], [max(e_best, FLOOR)], "*", color=color(m), ms=13, mec="black",
                mew=0.6, zorder=5, label=f"best h for {m}: {h_best:.1e}")
    _guides(ax, hs, table.errors, methods, abs(table.exact))
    _regimes(ax)
    ax.set_ylim(FLOOR / 3, 1e5)
    x = format_number(table.at, 6)
    name = table.function.title if table.function is not None else "f"
    finish(ax, f"Error of numeric derivatives of {name} at x = {x}",
           "step h", "|estimate - f'(x)|", legend_loc="outside")
    return finish_figure(fig, path)


def _guides(ax: Axes, hs: np.ndarray, errors: dict[str, np.ndarray],
            methods: Sequence[str], scale: float) -> None:
    """Dotted guides: eps/h for round-off and h^p for each truncation order shown."""
    scale = max(scale, 1.0)
    small = hs[hs < 1e-9]
    ax.loglog(small, EPS * scale / small, ":", color=color("theory"), lw=1.5,
              label=r"round-off ~ $\varepsilon / h$")
    shown = sorted({ORDERS[m] for m in methods if m != "complex"})
    for p in shown:
        big = hs[hs > theory_step(_method_of_order(p))[0] * 3]
        anchor = _anchor(errors, methods, p, big)
        ax.loglog(big, anchor * (big / big[0]) ** p, "--", color=color("theory"), lw=1,
                  alpha=0.8, label=f"truncation ~ $h^{p}$")


def _method_of_order(p: int) -> str:
    return next(m for m, order in ORDERS.items() if order == p and m != "complex")


def _anchor(errors: dict[str, np.ndarray], methods: Sequence[str], p: int,
            big: np.ndarray) -> float:
    """The guide of order p starts at the first error of a method of that order (or 1)."""
    for m in methods:
        if m != "complex" and ORDERS[m] == p:
            return float(errors[m][0]) * 1.8
    return float(big[0]) ** p


def _regimes(ax: Axes) -> None:
    ax.text(0.97, 0.03, "truncation error\ndominates (large h)", transform=ax.transAxes,
            ha="right", va="bottom", fontsize="small", color="dimgray")
    ax.text(0.03, 0.97, "round-off error\ndominates (small h)", transform=ax.transAxes,
            ha="left", va="top", fontsize="small", color="dimgray")
    ax.text(2e-16, FLOOR * 1.8, "error exactly 0 (drawn at 1e-17)", fontsize="x-small",
            color="dimgray", va="bottom", zorder=6,
            bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1})
