"""Figures of limits: points coming in from the left and from the right, the hole where
f is undefined (an open circle), a jump, or a vertical asymptote (a dashed line).

A figure draws a worked limit, the :class:`LimitSolution` from :func:`calcml.limit`: its
function, point and one-sided values; it finds no limit of its own.

>>> from calcml import limit
>>> fig = plot_limit(limit("(x^2 - 1)/(x - 1)", "x", 1))
>>> fig.axes[0].get_title()
'$\\\\lim_{x \\\\to 1} f(x) = 2$'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.errors import InputError
from calcml.expr.printing import to_latex, to_text
from calcml.expr.tables import format_number
from calcml.numeric.functions import NumericFunction, as_function, to_number
from calcml.plot.style import (
    color,
    curve_points,
    finish,
    finish_figure,
    function_label,
    new_axes,
    safe_value,
    var_name,
)
from calcml.symbolic.limits.limit import LimitSolution

APPROACH = (0.8, 0.5, 0.3, 0.15, 0.07, 0.03)


@dataclass(frozen=True)
class OneSided:
    """The limits from the left and from the right (floats; +-inf; None if unknown)."""

    left: float | None
    right: float | None

    @property
    def finite(self) -> bool:
        """Both sides known and finite.

        >>> OneSided(-1.0, 1.0).finite, OneSided(None, 1.0).finite
        (True, False)
        """
        return all(v is not None and math.isfinite(v) for v in (self.left, self.right))

    @property
    def infinite(self) -> bool:
        """Either side runs off to +-infinity (a vertical asymptote).

        >>> OneSided(-math.inf, math.inf).infinite
        True
        """
        return any(v is not None and math.isinf(v) for v in (self.left, self.right))


def _to_float(value: sympy.Basic | None) -> float | None:
    """A one-sided value as a float (+-inf for +-oo); None when unknown or not a number.

    >>> _to_float(sympy.oo), _to_float(sympy.Rational(1, 2)), _to_float(None)
    (inf, 0.5, None)
    """
    if value is None:
        return None
    if value is sympy.oo:
        return math.inf
    if value is sympy.S.NegativeInfinity:
        return -math.inf
    if isinstance(value, sympy.Expr) and value.is_number and value.is_real and value.is_finite:
        return float(value)
    return None


@dataclass(frozen=True)
class _Problem:
    """What a LimitSolution says about the figure: f on floats, the point, the side."""

    nf: NumericFunction
    point: sympy.Expr
    side: str
    sides: OneSided


def _read_solution(s: LimitSolution) -> _Problem:
    if not isinstance(s, LimitSolution):
        raise InputError("plot_limit draws a worked limit: pass calcml.limit(f, x, a), "
                         f"not {type(s).__name__}")
    f, x, a, side = s.problem.args
    others = sorted(v.name for v in f.free_symbols - {x})
    if others:
        raise InputError(f"the figure needs numbers, but f has other symbols "
                         f"({', '.join(others)}); replace them by numbers")
    return _Problem(as_function(f, x), a, str(side), OneSided(_to_float(s.left),
                                                              _to_float(s.right)))


def _approach(ax: Axes, nf: NumericFunction, a: float, w: float, where: str) -> None:
    """The points coming in from each side, nearer and nearer to a."""
    for side, sign, arrow in (("left", -1, "⁻"), ("right", 1, "⁺")):
        xs = np.array([a + sign * d * w for d in APPROACH])
        ys = np.array([safe_value(nf, v) for v in xs])
        if np.isnan(ys).all():
            continue
        ax.scatter(xs, ys, color=color(side), s=np.linspace(18, 48, len(xs)), zorder=5,
                   label=f"from the {side}: x → {where}{arrow}")


def _clip_range(ys: np.ndarray) -> tuple[float, float]:
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = np.percentile(finite, [8, 92])
    pad = 0.15 * (hi - lo) if hi > lo else 1.0
    return lo - pad, hi + pad


def _show(v: float | None) -> str:
    if v is None:
        return "?"
    return {math.inf: "+∞", -math.inf: "-∞"}.get(v, format_number(v, 4))


def _title(lims: OneSided, where: str, only: str | None = None, asked: bool = False
           ) -> str:
    """The title: the limit in mathtext, the two sides when they differ; ``only`` is the
    side that counts, ``asked`` says the problem asked for that side alone."""
    if lims.left is None or lims.right is None:
        return f"Approaching x = ${where}$ from both sides"
    if lims.left != lims.right:
        return (f"No limit at x = ${where}$: {_show(lims.left)} from the left, "
                f"{_show(lims.right)} from the right")
    value = {math.inf: r"+\infty", -math.inf: r"-\infty"}.get(lims.left,
                                                             format_number(lims.left, 4))
    if only is not None:
        sign, other = ("+", "left") if only == "right" else ("-", "right")
        note = "" if asked else f"  (f is undefined to the {other} of ${where}$)"
        return rf"$\lim_{{x \to {{{where}}}^{sign}}} f(x) = {value}$" + note
    return rf"$\lim_{{x \to {where}}} f(x) = {value}$"


def _defined_sides(nf: NumericFunction, a: float, w: float, lims: OneSided
                   ) -> tuple[OneSided, str | None]:
    """Where f is undefined on one side of a (sqrt at 0), only the other side counts;
    SymPy's limit there would be that of the complex function."""
    defined = {side: any(math.isfinite(safe_value(nf, a + sign * d * w)) for d in APPROACH)
               for side, sign in (("left", -1), ("right", 1))}
    if defined["left"] == defined["right"]:
        return lims, None
    only = "left" if defined["left"] else "right"
    value = getattr(lims, only)
    return OneSided(value, value), only


def _hole(ax: Axes, a: float, y: float, label: str) -> None:
    ax.plot([a], [y], "o", ms=10, mfc="white", mec=color("limit"), mew=2, zorder=7,
            label=label)


def _mark_limit(ax: Axes, a: float, lims: OneSided, at_a: float, where: str) -> None:
    """Draw the hole, the jump or the asymptote at x = a, and f(a) where it is defined."""
    continuous = lims.finite and lims.left == lims.right and math.isfinite(at_a) and (
        math.isclose(at_a, lims.left, rel_tol=1e-9, abs_tol=1e-12))
    if lims.infinite:
        ax.axvline(a, ls="--", color=color("asymptote"), lw=1.5,
                   label=f"x = {where}: vertical asymptote")
    elif lims.finite and lims.left == lims.right:
        ax.axhline(lims.left, ls=":", color=color("limit"), lw=1)
        if not continuous:
            _hole(ax, a, lims.left, f"hole at ({where}, {_show(lims.left)})")
    elif lims.finite:
        for side, value in (("left", lims.left), ("right", lims.right)):
            ax.axhline(value, ls=":", color=color(side), lw=1)
            _hole(ax, a, value, f"{side} limit {_show(value)}")
    if math.isfinite(at_a):
        note = ": continuous here" if continuous else ""
        ax.plot([a], [at_a], "o", color=color("limit"), ms=7, zorder=8,
                label=f"f({where}) = {_show(at_a)}{note}")


def plot_limit(s: LimitSolution, window: Any = 2.0, ax: Axes | None = None,
               path: str | Path | None = None) -> Figure:
    """The worked limit ``s`` drawn: f near x = a, points approaching from the left and
    from the right, and what happens at a: a hole (open circle), a jump between the
    one-sided values, or a vertical asymptote (dashed). A limit at oo or -oo shows f
    running off to that side and its horizontal asymptote.

    ``window`` is the half-width of the x range around a.

    >>> from calcml import limit
    >>> fig = plot_limit(limit("25/x", "x", 0))
    >>> "vertical asymptote" in fig.axes[0].get_legend().get_texts()[-1].get_text()
    True
    """
    problem = _read_solution(s)
    nf, point = problem.nf, problem.point
    if point in (sympy.oo, -sympy.oo):
        value = problem.sides.left if point == sympy.oo else problem.sides.right
        return _plot_at_infinity(nf, 1 if point == sympy.oo else -1, value, ax, path)
    a, w = float(point), to_number(window, "window")
    if w <= 0:
        raise InputError(f"window is the half-width around x = a and must be positive, "
                         f"got {w:g}")
    lims, only = _defined_sides(nf, a, w, problem.sides)
    if problem.side != "+-":
        only = "right" if problem.side == "+" else "left"
        value = getattr(problem.sides, only)
        lims = OneSided(value, value)
    fig, ax = new_axes(ax, figsize=(8.8, 4.6))
    _draw_sides(ax, nf, a, w, clip=lims.infinite)
    where = to_text(point) if point.is_Rational else to_latex(point)
    shown = to_text(point)
    _approach(ax, nf, a, w, shown)
    _mark_limit(ax, a, lims, safe_value(nf, a), shown)
    finish(ax, _title(lims, where, only, problem.side != "+-"), var_name(nf), "f(x)",
           legend_loc="outside")
    ax.set_title(ax.get_title(), pad=14)
    return finish_figure(fig, path)


def _draw_sides(ax: Axes, nf: NumericFunction, a: float, w: float, clip: bool) -> None:
    """The curve left and right of a, as two pieces; clipped in y near an asymptote."""
    xl, yl = curve_points(nf, a - w, a - w * 1e-3)
    xr, yr = curve_points(nf, a + w * 1e-3, a + w)
    if clip:
        lo, hi = _clip_range(np.concatenate([yl, yr]))
        for ys in (yl, yr):
            ys[(ys < lo - (hi - lo)) | (ys > hi + (hi - lo))] = np.nan
        ax.set_ylim(lo, hi)
    ax.plot(xl, yl, color=color("curve"), lw=2, label=function_label(nf))
    ax.plot(xr, yr, color=color("curve"), lw=2)


def _plot_at_infinity(nf: NumericFunction, direction: int, value: float | None,
                      ax: Axes | None, path: str | Path | None) -> Figure:
    """f(x) for x running off to +oo (direction 1) or -oo (-1), and its horizontal
    asymptote y = ``value`` when the limit is a finite number."""
    fig, ax = new_axes(ax, figsize=(8.8, 4.6))
    xs, ys = curve_points(nf, *sorted((direction * 1.0, direction * 100.0)))
    ax.plot(xs, ys, color=color("curve"), lw=2, label=function_label(nf))
    pts = direction * np.array([5.0, 10, 20, 40, 80])
    side, word = ("right", "+∞") if direction > 0 else ("left", "-∞")
    ax.scatter(pts, [safe_value(nf, p) for p in pts], color=color(side), zorder=5,
               s=np.linspace(18, 48, len(pts)),
               label=f"x = {', '.join(f'{p:g}' for p in pts)}")
    tex_inf = r"\infty" if direction > 0 else r"-\infty"
    title = f"x → {word}"
    if value is not None and math.isfinite(value):
        ax.axhline(value, ls="--", color=color("asymptote"), lw=1.5,
                   label=f"horizontal asymptote y = {_show(value)}")
        title = rf"$\lim_{{x \to {tex_inf}}} f(x) = {format_number(value, 4)}$"
    elif value is not None:
        title = rf"$\lim_{{x \to {tex_inf}}} f(x) = {'+' if value > 0 else '-'}\infty$"
    finish(ax, title, var_name(nf), "f(x)", legend_loc="outside")
    ax.set_title(title, pad=14)
    return finish_figure(fig, path)
