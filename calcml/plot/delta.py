"""Figures of the delta method: secants PQ turning into the tangent as Q slides to P, and
zooming in on P until the curve looks like a straight line.

The figures draw what the engines found: a :class:`calcml.Tangent` (from
:func:`calcml.tangent`) or the delta method's :class:`calcml.numeric.DeltaTable`.

>>> from calcml import tangent
>>> fig = plot_secants(tangent("x^2 + 2x + 2", at=2))
>>> len(fig.axes)
1
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.delta import DeltaTable, Secant, secant
from calcml.numeric.functions import to_exact, to_number
from calcml.plot.style import (
    color,
    curve_points,
    finish,
    finish_figure,
    function_label,
    new_axes,
    new_panels,
    var_name,
)
from calcml.symbolic.derivatives.tangent import Tangent

DEFAULT_DELTAS = (3, 2, 1, 0.1)
DEFAULT_WIDTHS = (4, 1, 0.25, 0.0625)


def _pt(point: tuple[Any, Any]) -> tuple[float, float]:
    return float(point[0]), float(point[1])


def _set_ylim_from(ax: Axes, ys: np.ndarray) -> None:
    lo, hi = np.nanmin(ys), np.nanmax(ys)
    pad = 0.12 * (hi - lo) if hi > lo else 1.0
    ax.set_ylim(lo - pad, hi + pad)


def _secants_of(result: Tangent | DeltaTable, deltas: Sequence[Any]) -> list[Secant]:
    """The secants to draw: the table's own, or one per Δx from the tangent's point."""
    if isinstance(result, DeltaTable):
        return list(result.secants)
    if not deltas:
        raise InputError("give at least one Δx for the points Q, e.g. deltas=(3, 1, 0.1)")
    x0 = result.point[0]
    step = to_exact if result.exact else to_number
    return [secant(result.numeric_function, x0, x0 + step(d, "each Δx")) for d in deltas]


def _check_result(result: Any) -> None:
    if not isinstance(result, Tangent | DeltaTable):
        raise InputError("the figure draws a result: pass calcml.tangent(f, at) or "
                         f"calcml.numeric.delta_table(f, at), not {type(result).__name__}")


def plot_secants(result: Tangent | DeltaTable, deltas: Sequence[Any] = DEFAULT_DELTAS,
                 ax: Axes | None = None, path: str | Path | None = None) -> Figure:
    """The curve, P, secants to Q = P + Δx, and the tangent at P.

    ``result`` is a :class:`calcml.Tangent` (then one secant per Δx in ``deltas``) or a
    :class:`calcml.numeric.DeltaTable` (its rows' secants; the tangent only where the
    table found a derivative, so a kink shows its secants and no tangent).

    >>> from calcml import tangent
    >>> fig = plot_secants(tangent(lambda t: t**2 + 2*t + 2, at=2), deltas=(3, 1))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-1]
    'tangent at P: slope 6'
    """
    _check_result(result)
    secants = _secants_of(result, deltas)
    nf = result.numeric_function if isinstance(result, Tangent) else result.function
    slope = result.slope if isinstance(result, Tangent) else result.derivative
    at, y0 = _pt(result.point)
    xs_all = [at] + [float(s.q[0]) for s in secants]
    span = max(xs_all) - min(xs_all) or 2.0
    lo, hi = min(xs_all) - 0.35 * span, max(xs_all) + 0.35 * span
    fig, ax = new_axes(ax, figsize=(9.0, 4.6))
    xs, ys = curve_points(nf, lo, hi)
    ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=3)
    _draw_secants(ax, xs, secants, at)
    _draw_point(ax, at, y0)
    title = "Delta method: secants PQ approach the tangent as Q → P"
    if slope is None:
        title = "Delta method: secants PQ; f has no derivative at P, so no tangent line"
    else:
        _draw_tangent(ax, xs, at, y0, float(slope))
    ax.set_xlim(lo, hi)
    _set_ylim_from(ax, ys)
    finish(ax, title, var_name(nf), "y", legend_loc="outside")
    return finish_figure(fig, path)


def _draw_secants(ax: Axes, xs: np.ndarray, secants: list[Secant], at: float) -> None:
    """Each secant and its Q, darker the nearer Q is to P."""
    ordered = sorted(secants, key=lambda s: -abs(float(s.q[0]) - at))
    for s, shade in zip(ordered, _shades(len(ordered)), strict=True):
        xq, yq = _pt(s.q)
        # Eight digits, so that Q = P + 1e-6 still reads apart from P.
        ax.plot(xs, s(xs), color=shade, lw=1.3, label=f"Q = ({format_number(xq, 8)}, "
                f"{format_number(yq, 8)}): slope {format_number(s.slope, 8)}")
        ax.plot([xq], [yq], "o", color=shade, ms=6, zorder=4)


def _draw_tangent(ax: Axes, xs: np.ndarray, at: float, y0: float, slope: float) -> None:
    """The tangent line through P with the engine's slope (dashed)."""
    ax.plot(xs, y0 + slope * (xs - at), "--", color=color("tangent"), lw=2,
            label=f"tangent at P: slope {format_number(slope, 4)}")


def _draw_point(ax: Axes, xp: float, yp: float) -> None:
    """The point P, labelled."""
    ax.plot([xp], [yp], "o", color=color("point"), ms=8, zorder=5)
    ax.annotate(f"P = ({format_number(xp, 4)}, {format_number(yp, 4)})", (xp, yp),
                textcoords="offset points", xytext=(10, -14), color=color("point"),
                bbox={"fc": "white", "ec": "none", "alpha": 0.8, "pad": 1})


def _shades(n: int) -> list[tuple[float, float, float, float]]:
    """Secant colours from light to dark orange: the nearer Q is to P, the darker."""
    from matplotlib import colormaps

    cmap = colormaps["Oranges"]
    return [cmap(0.45 + 0.5 * i / max(1, n - 1)) for i in range(n)]


def plot_zoom(t: Tangent, widths: Sequence[Any] = DEFAULT_WIDTHS,
              path: str | Path | None = None) -> Figure:
    """Panels of the curve on ever narrower windows [x0 - w, x0 + w] around P, with the
    tangent ``t`` (from :func:`calcml.tangent`): zoomed in far enough, the curve and its
    tangent line look the same.

    >>> from calcml import tangent
    >>> fig = plot_zoom(tangent("x^2 + 2x + 2", at=2), widths=(2, 0.5))
    >>> len(fig.axes)
    2
    """
    if not isinstance(t, Tangent):
        raise InputError(f"plot_zoom draws a tangent: pass calcml.tangent(f, at), "
                         f"not {type(t).__name__}")
    nf = t.numeric_function
    ws = [to_number(w, "each width") for w in widths]
    if not ws or min(ws) <= 0:
        raise InputError("widths must be positive half-widths of the windows, e.g. (4, 1, 0.25)")
    fig, axes = new_panels(len(ws), ncols=min(len(ws), 4), figsize=(3.2 * min(len(ws), 4)
                                                                      + 0.4, 3.6))
    xp, yp = t.point_float
    for i, (ax, w) in enumerate(zip(axes, ws, strict=True)):
        xs, ys = curve_points(nf, xp - w, xp + w, 200)
        gap = np.nanmax(np.abs(ys - t(xs)))
        ax.plot(xs, ys, color=color("curve"), lw=2.2, label="curve")
        ax.plot(xs, t(xs), "--", color=color("tangent"), lw=1.6, label="tangent at P")
        ax.plot([xp], [yp], "o", color=color("point"), ms=6, label="P")
        ax.ticklabel_format(useOffset=False)
        ax.locator_params(nbins=4)
        finish(ax, f"window ±{format_number(w, 4)}\ngap to tangent ≤ {gap:.2g}", var_name(nf),
               "y" if i == 0 else "", legend=i == 0, legend_loc="upper left")
    fig.suptitle(f"Zooming in on P = ({format_number(xp, 4)}, {format_number(yp, 4)}): "
                 f"the curve becomes a line of slope {format_number(t.slope_float, 4)}")
    return finish_figure(fig, path)
