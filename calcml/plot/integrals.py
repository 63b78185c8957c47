"""Figures of definite integrals: the signed area under a curve, the shapes each rule puts
under it (rectangles, trapezoids, parabolas), and how fast each rule's error falls with n.

>>> fig = plot_area("x^3 - x", -1, 2)
>>> "net signed area 2.25" in fig.axes[0].get_title()
True
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.functions import FunctionLike, NumericFunction, VarLike, as_function
from calcml.numeric.quad_rules import ORDERS, check_n, sample
from calcml.numeric.quad_tables import ConvergenceTable, convergence_table, exact_integral
from calcml.numeric.quadrature import integrate
from calcml.plot.style import (
    OKABE_ITO,
    color,
    curve_points,
    finish,
    finish_figure,
    function_label,
    new_axes,
    var_name,
)

AREA_COLORS = {"positive": OKABE_ITO[2], "negative": OKABE_ITO[3]}
METHOD_COLORS = {"left": OKABE_ITO[0], "right": OKABE_ITO[3], "midpoint": OKABE_ITO[4],
                 "trapezoid": OKABE_ITO[1], "simpson": OKABE_ITO[2], "romberg": OKABE_ITO[5],
                 "gauss-legendre": OKABE_ITO[7]}
NAMES = {"left": "left Riemann sum", "right": "right Riemann sum",
         "midpoint": "midpoint rule", "trapezoid": "trapezoid rule",
         "simpson": "Simpson's rule", "romberg": "Romberg", "gauss-legendre": "Gauss-Legendre"}
DEFAULT_METHODS = ("left", "midpoint", "trapezoid", "simpson", "romberg", "gauss-legendre")
SHAPES = ("left", "right", "midpoint", "trapezoid", "simpson")
FLOOR = 1e-17


def _finite_interval(nf: NumericFunction, a: Any, b: Any) -> tuple[float, float, float]:
    """The integral over [a, b] (checked finite, a < b) by the adaptive method."""
    result = integrate(nf, a, b, tol=1e-12)
    if not (np.isfinite(result.a) and np.isfinite(result.b)) or result.a >= result.b:
        raise InputError(f"a figure needs a finite interval with a < b, got "
                         f"[{format_number(result.a)}, {format_number(result.b)}]")
    return result.a, result.b, result.estimate


def plot_area(f: FunctionLike, a: Any, b: Any, var: VarLike = None, ax: Axes | None = None,
              path: str | Path | None = None) -> Figure:
    """The area between the curve and the x axis on [a, b]: above the axis in green (it
    counts positive), below in vermillion (negative), with the net signed area (the
    integral) and the total area (the integral of |f|).

    >>> fig = plot_area("sin(x)", 0, "2pi")
    >>> [t.get_text().split(":")[0] for t in fig.axes[0].get_legend().get_texts()][1:]
    ['area above the axis', 'area below the axis']
    """
    nf = as_function(f, var)
    lo, hi, net = _finite_interval(nf, a, b)
    above = integrate(lambda t: np.maximum(sample(nf, np.asarray(t, dtype=float)), 0),
                      lo, hi, tol=1e-12).estimate
    below = net - above
    if abs(net) <= 1e-12 * (above - below):
        net = 0.0  # the parts cancel: what is left is round-off
    fig, ax = new_axes(ax)
    xs, ys = curve_points(nf, lo, hi, 801)
    ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=4)
    ax.fill_between(xs, ys, 0, where=ys >= 0, interpolate=True, color=AREA_COLORS["positive"],
                    alpha=0.45, label=f"area above the axis: +{format_number(above, 6)}")
    ax.fill_between(xs, ys, 0, where=ys <= 0, interpolate=True, color=AREA_COLORS["negative"],
                    alpha=0.45, label=f"area below the axis: {format_number(below, 6)}")
    ax.axhline(0, color="black", lw=0.8)
    span = f"{format_number(lo, 6)} to {format_number(hi, 6)}"
    finish(ax, f"Integral from {span}: net signed area {format_number(net, 6)}\n"
               f"total area (integral of |f|) {format_number(above - below, 6)}",
           var_name(nf), "y")
    return finish_figure(fig, path)


def _exact(nf: NumericFunction, lo: float, hi: float, fallback: float) -> tuple[float, str]:
    found = exact_integral(nf, lo, hi)
    return (found[0], found[1]) if found else (fallback, format_number(fallback, 10))


def plot_rule(f: FunctionLike, a: Any, b: Any, method: str = "midpoint", n: int = 6,
              var: VarLike = None, ax: Axes | None = None,
              path: str | Path | None = None) -> Figure:
    """The shapes a rule adds up, over the curve: rectangles for the left, right and
    midpoint Riemann sums (the sampled points marked), trapezoids, or Simpson's parabolas
    (one per pair of strips); the title gives the estimate and the exact value.

    >>> fig = plot_rule("x^2", 0, 1, "simpson", 2)
    >>> fig.axes[0].get_title().splitlines()[0]
    "Simpson's rule, n = 2: estimate 0.3333333333"
    """
    if method not in SHAPES:
        raise InputError(f"plot_rule draws {', '.join(SHAPES)}; got {method!r}")
    nf = as_function(f, var)
    n = check_n(method, n)
    lo, hi, reference = _finite_interval(nf, a, b)
    estimate = integrate(nf, lo, hi, method, n).estimate
    exact, exact_text = _exact(nf, lo, hi, reference)
    fig, ax = new_axes(ax)
    edges = np.linspace(lo, hi, n + 1)
    _DRAW[method](ax, nf, edges, method)
    xs, ys = curve_points(nf, lo, hi, 801)
    ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=4)
    ax.axhline(0, color="black", lw=0.8)
    finish(ax, _rule_title(method, n, estimate, exact, exact_text), var_name(nf), "y")
    return finish_figure(fig, path)


def _rule_title(method: str, n: int, estimate: float, exact: float, exact_text: str) -> str:
    name = NAMES[method][0].upper() + NAMES[method][1:]
    value = format_number(exact, 10)
    exact_part = exact_text if exact_text == value else f"{exact_text} = {value}"
    return (f"{name}, n = {n}: estimate {format_number(estimate, 10)}\n"
            f"exact {exact_part}, error {format_number(abs(estimate - exact), 3)}")


def _rectangles(ax: Axes, nf: NumericFunction, edges: np.ndarray, method: str) -> None:
    tags = {"left": edges[:-1], "right": edges[1:],
            "midpoint": (edges[:-1] + edges[1:]) / 2}[method]
    heights = sample(nf, tags)
    ax.bar(edges[:-1], heights, width=np.diff(edges), align="edge", color=METHOD_COLORS[method],
           alpha=0.35, edgecolor=METHOD_COLORS[method], lw=1.2,
           label=f"{len(tags)} rectangles, height f at the {method} of each strip"
           if method != "midpoint" else f"{len(tags)} rectangles, height f at the midpoint")
    ax.plot(tags, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


def _trapezoids(ax: Axes, nf: NumericFunction, edges: np.ndarray, method: str) -> None:
    heights = sample(nf, edges)
    for k in range(edges.size - 1):
        corners = [(edges[k], 0), (edges[k], heights[k]), (edges[k + 1], heights[k + 1]),
                   (edges[k + 1], 0)]
        ax.add_patch(Polygon(corners, closed=True, fc=METHOD_COLORS[method], alpha=0.35,
                             ec=METHOD_COLORS[method], lw=1.2,
                             label=f"{edges.size - 1} trapezoids" if k == 0 else None))
    ax.plot(edges, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


def _parabolas(ax: Axes, nf: NumericFunction, edges: np.ndarray, method: str) -> None:
    heights = sample(nf, edges)
    for k in range(0, edges.size - 2, 2):
        xs3, ys3 = edges[k:k + 3], heights[k:k + 3]
        fine = np.linspace(xs3[0], xs3[-1], 60)
        arc = np.polyval(np.polyfit(xs3, ys3, 2), fine)
        ax.fill_between(fine, arc, 0, color=METHOD_COLORS[method], alpha=0.35, lw=0,
                        label=f"{(edges.size - 1) // 2} parabolas, one per pair of strips"
                        if k == 0 else None)
        ax.plot(fine, arc, "--", color=METHOD_COLORS[method], lw=1.6)
        ax.axvline(xs3[0], color=METHOD_COLORS[method], lw=0.6, alpha=0.6)
    ax.axvline(edges[-1], color=METHOD_COLORS[method], lw=0.6, alpha=0.6)
    ax.plot(edges, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


_DRAW = {"left": _rectangles, "right": _rectangles, "midpoint": _rectangles,
         "trapezoid": _trapezoids, "simpson": _parabolas}


def plot_convergence(f: FunctionLike, a: Any, b: Any, methods: Sequence[str] | None = None,
                     exact: Any = None, ns: Sequence[int] = tuple(2 ** k for k in range(1, 11)),
                     var: VarLike = None, ax: Axes | None = None,
                     path: str | Path | None = None) -> Figure:
    """The true error of each rule against n on log-log axes, with dotted reference lines
    of slope -1, -2 and -4 (error ~ n^-p for a rule of order p). Romberg and Gauss-Legendre
    fall faster than any fixed slope until they reach round-off; errors of exactly 0 are
    drawn at 1e-17.

    >>> fig = plot_convergence("exp(x)", 0, 1, methods=("trapezoid",), ns=(2, 4, 8))
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    """
    nf = as_function(f, var)
    chosen = tuple(methods) if methods is not None else DEFAULT_METHODS
    unknown = [m for m in chosen if m not in METHOD_COLORS]
    if unknown or not chosen:
        raise InputError(f"methods must be some of {', '.join(METHOD_COLORS)}; "
                         f"got {list(chosen)!r}")
    lo, hi, reference = _finite_interval(nf, a, b)
    target = _exact(nf, lo, hi, reference)[0] if exact is None else exact
    fig, ax = new_axes(ax, figsize=(8.6, 5.2))
    tables = {}
    for m in chosen:
        counts = _counts(m, ns)
        tables[m] = convergence_table(nf, lo, hi, m, counts, exact=target)
        ax.loglog(tables[m].ns, np.maximum(tables[m].errors, FLOOR), "o-", ms=4, lw=1.8,
                  color=METHOD_COLORS[m], label=NAMES[m])
    _slopes(ax, tables)
    ax.set_ylim(FLOOR / 3, None)
    ax.text(0.99, 0.02, "errors of exactly 0 drawn at 1e-17; round-off stops the fast "
            "rules near 1e-16", transform=ax.transAxes, ha="right", va="bottom",
            fontsize="x-small", color="dimgray")
    span = f"[{format_number(lo, 6)}, {format_number(hi, 6)}]"
    finish(ax, f"Error of each rule for {nf.title} on {span}",
           "n (strips; nodes for Gauss-Legendre)", "|estimate - exact|", legend_loc="outside")
    return finish_figure(fig, path)


def _counts(method: str, ns: Sequence[int]) -> list[int]:
    """The n of ``ns`` a rule takes: even for Simpson, at most 64 Gauss-Legendre nodes (it
    is at round-off long before)."""
    if method == "simpson":
        return [n for n in ns if n % 2 == 0]
    if method == "gauss-legendre":
        return [n for n in ns if n <= 64]
    return list(ns)


def _slopes(ax: Axes, tables: dict[str, ConvergenceTable]) -> None:
    """Grey guides n^-p through the first error of each rule of order p shown, each named
    at its right end."""
    styles = {1: ":", 2: "--", 4: "-."}
    drawn = set()
    for m, t in tables.items():
        p = ORDERS.get(m)
        if p is None or p in drawn or t.errors[0] == 0:
            continue
        drawn.add(p)
        ns = np.array(t.ns, dtype=float)
        guide = 2.5 * t.errors[0] * (ns / ns[0]) ** -p
        ax.loglog(ns, guide, styles[p], color=color("theory"), lw=1.3,
                  label=f"slope -{p}: error ~ $n^{{-{p}}}$")
        ax.text(ns[-1] * 1.08, guide[-1], f"$n^{{-{p}}}$", color=color("theory"),
                va="center", ha="left", fontsize="small")
