"""Figures of definite integrals: the signed area under a curve, the shapes each rule puts
under it (rectangles, trapezoids, parabolas), and how fast each rule's error falls with n.

Each draws a result of :mod:`calcml.numeric`: a :class:`~calcml.numeric.SignedArea`
(from :func:`~calcml.numeric.signed_area`), a :class:`~calcml.numeric.Quadrature` (from
:func:`~calcml.numeric.integrate`, with :func:`~calcml.numeric.with_exact` for the true
error) or a :class:`~calcml.numeric.ConvergenceStudy` (from
:func:`~calcml.numeric.convergence_study`).

>>> from calcml.numeric import signed_area
>>> fig = plot_area(signed_area("x^3 - x", -1, 2))
>>> "net signed area 2.25" in fig.axes[0].get_title()
True
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.quad_rules import ORDERS
from calcml.numeric.quad_tables import ConvergenceStudy, ConvergenceTable
from calcml.numeric.quadrature import Quadrature
from calcml.numeric.signed_area import SignedArea
from calcml.plot.style import (
    OKABE_ITO,
    color,
    curve_points,
    finish,
    finish_figure,
    function_label,
    new_axes,
    require,
    var_name,
)

AREA_COLORS = {"positive": OKABE_ITO[2], "negative": OKABE_ITO[3]}
METHOD_COLORS = {"left": OKABE_ITO[0], "right": OKABE_ITO[3], "midpoint": OKABE_ITO[4],
                 "trapezoid": OKABE_ITO[1], "simpson": OKABE_ITO[2], "romberg": OKABE_ITO[5],
                 "gauss-legendre": OKABE_ITO[7]}
NAMES = {"left": "left Riemann sum", "right": "right Riemann sum",
         "midpoint": "midpoint rule", "trapezoid": "trapezoid rule",
         "simpson": "Simpson's rule", "romberg": "Romberg", "gauss-legendre": "Gauss-Legendre"}
SHAPES = ("left", "right", "midpoint", "trapezoid", "simpson")
FLOOR = 1e-17


def plot_area(area: SignedArea, ax: Axes | None = None,
              path: str | Path | None = None) -> Figure:
    """The area between the curve and the x axis on [a, b]: above the axis in green (it
    counts positive), below in vermillion (negative), with the net signed area (the
    integral) and the total area (the integral of |f|), as :func:`signed_area` found them.

    >>> from calcml.numeric import signed_area
    >>> fig = plot_area(signed_area("sin(x)", 0, "2pi"))
    >>> [t.get_text().split(":")[0] for t in fig.axes[0].get_legend().get_texts()][1:]
    ['area above the axis', 'area below the axis']
    """
    require(area, SignedArea, 'calcml.numeric.signed_area(f, a, b), e.g. '
            'signed_area("x^3 - x", -1, 2)')
    nf, lo, hi = area.function, area.a, area.b
    fig, ax = new_axes(ax)
    xs, ys = curve_points(nf, lo, hi, 801)
    ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=4)
    ax.fill_between(xs, ys, 0, where=ys >= 0, interpolate=True, color=AREA_COLORS["positive"],
                    alpha=0.45, label=f"area above the axis: +{format_number(area.above, 6)}")
    ax.fill_between(xs, ys, 0, where=ys <= 0, interpolate=True, color=AREA_COLORS["negative"],
                    alpha=0.45, label=f"area below the axis: {format_number(area.below, 6)}")
    ax.axhline(0, color="black", lw=0.8)
    span = f"{format_number(lo, 6)} to {format_number(hi, 6)}"
    finish(ax, f"Integral from {span}: net signed area {format_number(area.net, 6)}\n"
               f"total area (integral of |f|) {format_number(area.total, 6)}",
           var_name(nf), "y")
    return finish_figure(fig, path)


def plot_integral(result: SignedArea | Quadrature, ax: Axes | None = None,
                  path: str | Path | None = None) -> Figure:
    """The figure of a definite integral's result: :func:`plot_rule` for a
    :class:`Quadrature`, :func:`plot_area` for a :class:`SignedArea` (what
    :func:`calcml.course.integral_areas.figure_result` gives for a worked integral).

    >>> from calcml.numeric import integrate
    >>> plot_integral(integrate("x", 0, 1, "trapezoid", 2)).axes[0].get_title()[:15]
    'Trapezoid rule,'
    """
    if isinstance(result, Quadrature):
        return plot_rule(result, ax, path)
    return plot_area(result, ax, path)


def plot_rule(q: Quadrature, ax: Axes | None = None, path: str | Path | None = None
              ) -> Figure:
    """The shapes a rule added up, over the curve: rectangles for the left, right and
    midpoint Riemann sums (the sampled points marked), trapezoids, or Simpson's parabolas
    (one per pair of strips); the title gives the estimate, and the exact value and true
    error when ``q`` carries them (:func:`calcml.numeric.with_exact`), else the rule's own
    error estimate.

    >>> from calcml.numeric import integrate, with_exact
    >>> fig = plot_rule(with_exact(integrate("x^2", 0, 1, "simpson", 2)))
    >>> fig.axes[0].get_title().splitlines()[0]
    "Simpson's rule, n = 2: estimate 0.3333333333"
    """
    require(q, Quadrature, 'calcml.numeric.integrate(f, a, b, method, n), e.g. '
            'integrate("x^2", 0, 1, "simpson", 4)')
    if q.method not in SHAPES:
        raise InputError(f"plot_rule draws {', '.join(SHAPES)}; got {q.method!r}")
    edges, points, heights = q.samples()
    nf = q.function
    fig, ax = new_axes(ax)
    _DRAW[q.method](ax, edges, points, heights, q.method)
    xs, ys = curve_points(nf, q.a, q.b, 801)
    ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=4)
    ax.axhline(0, color="black", lw=0.8)
    finish(ax, _rule_title(q), var_name(nf), "y")
    return finish_figure(fig, path)


def _rule_title(q: Quadrature) -> str:
    name = NAMES[q.method][0].upper() + NAMES[q.method][1:]
    first = f"{name}, n = {q.n}: estimate {format_number(q.estimate, 10)}"
    if q.exact is None:
        return f"{first}\nerror estimate {format_number(q.error, 3)} (no exact value known)"
    value = format_number(q.exact, 10)
    exact_part = value if q.exact_text in ("", value) else f"{q.exact_text} = {value}"
    return f"{first}\nexact {exact_part}, error {format_number(q.true_error, 3)}"


def _rectangles(ax: Axes, edges: np.ndarray, points: np.ndarray, heights: np.ndarray,
                method: str) -> None:
    ax.bar(edges[:-1], heights, width=np.diff(edges), align="edge", color=METHOD_COLORS[method],
           alpha=0.35, edgecolor=METHOD_COLORS[method], lw=1.2,
           label=f"{len(points)} rectangles, height f at the {method} of each strip"
           if method != "midpoint" else f"{len(points)} rectangles, height f at the midpoint")
    ax.plot(points, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


def _trapezoids(ax: Axes, edges: np.ndarray, points: np.ndarray, heights: np.ndarray,
                method: str) -> None:
    for k in range(edges.size - 1):
        corners = [(edges[k], 0), (edges[k], heights[k]), (edges[k + 1], heights[k + 1]),
                   (edges[k + 1], 0)]
        ax.add_patch(Polygon(corners, closed=True, fc=METHOD_COLORS[method], alpha=0.35,
                             ec=METHOD_COLORS[method], lw=1.2,
                             label=f"{edges.size - 1} trapezoids" if k == 0 else None))
    ax.plot(points, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


def _parabolas(ax: Axes, edges: np.ndarray, points: np.ndarray, heights: np.ndarray,
               method: str) -> None:
    """Simpson's parabola through each three samples, drawn through them (the quadratic
    that interpolates three points; its area is what the rule adds)."""
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
    ax.plot(points, heights, "o", color=METHOD_COLORS[method], mec="black", ms=6, zorder=5,
            label="where f is sampled")


_DRAW = {"left": _rectangles, "right": _rectangles, "midpoint": _rectangles,
         "trapezoid": _trapezoids, "simpson": _parabolas}


def plot_convergence(study: ConvergenceStudy, ax: Axes | None = None,
                     path: str | Path | None = None) -> Figure:
    """The true error of each rule of a study against n on log-log axes, with dotted
    reference lines of slope -1, -2 and -4 (error ~ n^-p for a rule of order p). Romberg
    and Gauss-Legendre fall faster than any fixed slope until they reach round-off; errors
    of exactly 0 are drawn at 1e-17.

    >>> from calcml.numeric import convergence_study
    >>> fig = plot_convergence(convergence_study("exp(x)", 0, 1, methods=("trapezoid",),
    ...                                          ns=(2, 4, 8)))
    >>> fig.axes[0].get_xscale(), fig.axes[0].get_yscale()
    ('log', 'log')
    """
    require(study, ConvergenceStudy, 'calcml.numeric.convergence_study(f, a, b), e.g. '
            'convergence_study("exp(x)", 0, 1)')
    fig, ax = new_axes(ax, figsize=(8.6, 5.2))
    for m, table in study.tables.items():
        ax.loglog(table.ns, np.maximum(table.errors, FLOOR), "o-", ms=4, lw=1.8,
                  color=METHOD_COLORS[m], label=NAMES[m])
    _slopes(ax, study.tables)
    ax.set_ylim(FLOOR / 3, None)
    ax.text(0.99, 0.02, "errors of exactly 0 drawn at 1e-17; round-off stops the fast "
            "rules near 1e-16", transform=ax.transAxes, ha="right", va="bottom",
            fontsize="x-small", color="dimgray")
    span = f"[{format_number(study.a, 6)}, {format_number(study.b, 6)}]"
    finish(ax, f"Error of each rule for {study.function.title} on {span}",
           "n (strips; nodes for Gauss-Legendre)", "|estimate - exact|", legend_loc="outside")
    return finish_figure(fig, path)


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
