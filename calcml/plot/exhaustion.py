"""Figures of the method of exhaustion: polygons inside and around a circle (Archimedes'
pi), and rectangles under and over a curve (lower and upper sums).

>>> from calcml.numeric.exhaustion import archimedes_pi
>>> fig = plot_polygons(archimedes_pi(1))
>>> len(fig.axes)
2
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.exhaustion import AreaBracket, Bracket
from calcml.plot.style import (
    color,
    curve_points,
    finish,
    finish_figure,
    function_label,
    new_panels,
    require,
    var_name,
)


def _polygon(n: int, radius: float) -> np.ndarray:
    """Vertices of a regular n-gon with circumradius ``radius``, one vertex on the x axis."""
    angles = 2 * np.pi * np.arange(n) / n
    return np.column_stack([radius * np.cos(angles), radius * np.sin(angles)])


def _draw_polygons(ax: Axes, n: int) -> None:
    # A circumscribed n-gon's vertices lie at 1 / cos(pi/n) from the centre.
    outer = Polygon(_polygon(n, 1 / math.cos(math.pi / n)), closed=True,
                    fc=color("circumscribed"), alpha=0.18, ec=color("circumscribed"), lw=1.6,
                    label="circumscribed")
    inner = Polygon(_polygon(n, 1.0), closed=True, fc=color("inscribed"), alpha=0.3,
                    ec=color("inscribed"), lw=1.6, label="inscribed")
    ax.add_patch(outer)
    ax.add_patch(Circle((0, 0), 1.0, fill=False, ec=color("circle"), lw=1.8,
                        label="circle, radius 1"))
    ax.add_patch(inner)
    lim = 1.0 / math.cos(math.pi / n) * 1.08
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_box_aspect(1)  # square box, equal ranges: circles stay round


def plot_polygons(bracket: Bracket, path: str | Path | None = None) -> Figure:
    """One panel per refinement of Archimedes' bracket: the unit circle between its
    inscribed and circumscribed n-gons, titled with the bracket's bounds on π (the
    half-perimeters, n sin(π/n) < π < n tan(π/n)).

    >>> from calcml.numeric.exhaustion import archimedes_pi
    >>> fig = plot_polygons(archimedes_pi(0))
    >>> fig.axes[0].get_title().splitlines()
    ['6 sides', '3.00000 < π < 3.46410']
    """
    require(bracket, Bracket, "calcml.numeric.exhaustion.archimedes_pi(doublings)")
    if isinstance(bracket, AreaBracket):
        raise InputError("plot_polygons draws Archimedes' bracket on π; draw an area's "
                         "bracket with plot_rectangles")
    counts = bracket.counts
    fig, axes = new_panels(len(counts), ncols=min(len(counts), 4),
                           figsize=(3.3 * min(len(counts), 4) + 0.3,
                                    3.9 * math.ceil(len(counts) / 4)), layout=None)
    for ax, n, lower, upper in zip(axes, counts, bracket.lower, bracket.upper, strict=True):
        _draw_polygons(ax, n)
        finish(ax, f"{n} sides\n{lower:.5f} < π < {upper:.5f}", "", "", legend=False)
        ax.tick_params(labelsize="small")
    handles, labels = axes[0].get_legend_handles_labels()
    # Constrained layout mis-places titles over square (fixed-aspect) panels: lay out by hand.
    rows = math.ceil(len(counts) / 4)
    fig.subplots_adjust(left=0.06, right=0.98, top=1 - 0.2 / rows, bottom=0.16 / rows,
                        wspace=0.3, hspace=0.45)
    fig.legend(handles, labels, loc="lower center", ncols=3, fontsize="small")
    fig.suptitle("Method of exhaustion: π between inscribed and circumscribed polygons")
    return finish_figure(fig, path)


def plot_rectangles(result: AreaBracket, strips: Sequence[int] | None = None,
                    path: str | Path | None = None) -> Figure:
    """One panel per number of strips of :func:`calcml.numeric.area_by_rectangles` (or of
    those named in ``strips``): the curve, the rectangles under it (lower sum) and the
    taller ones over it (upper sum), titled with both sums.

    >>> from calcml.numeric import area_by_rectangles
    >>> bracket = area_by_rectangles("x^2", 0, 1, strips=(4, 16))
    >>> fig = plot_rectangles(bracket, strips=(16,))
    >>> fig.axes[0].get_title().splitlines()[0]
    '16 strips'
    """
    require(result, AreaBracket, 'calcml.numeric.area_by_rectangles(f, a, b, strips), e.g. '
            'area_by_rectangles("x^2", 0, 1, strips=(4, 16))')
    shown = _chosen(result, strips)
    nf = result.function
    fig, axes = new_panels(len(shown), ncols=min(len(shown), 3),
                           figsize=(4.2 * min(len(shown), 3) + 0.3,
                                    3.9 * math.ceil(len(shown) / 3)))
    for ax, i in zip(axes, shown, strict=True):
        edges, low, high = result.strips[i]
        _draw_strips(ax, edges, low, high)
        xs, ys = curve_points(nf, edges[0], edges[-1])
        ax.plot(xs, ys, color=color("curve"), lw=2.2, label=function_label(nf), zorder=4)
        title = (f"{result.counts[i]} strips\n{format_number(result.lower[i], 5)} ≤ area ≤ "
                 f"{format_number(result.upper[i], 5)}")
        finish(ax, title, var_name(nf), "y" if ax is axes[0] else "", legend=False)
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize="small")
    fig.suptitle(f"Method of exhaustion: the area is {format_number(result.target, 6)} "
                 "(between the lower and upper sums)")
    return finish_figure(fig, path)


def _chosen(result: AreaBracket, strips: Sequence[int] | None) -> list[int]:
    """The indices of the refinements to draw: all, or those with the counts asked for."""
    if strips is None:
        return list(range(len(result.counts)))
    missing = [n for n in strips if n not in result.counts]
    if missing or not strips:
        raise InputError(f"strips must be some of the bracket's counts {result.counts}; "
                         f"got {tuple(strips)!r}")
    return [result.counts.index(n) for n in strips]


def _draw_strips(ax: Axes, edges: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    width = edges[1] - edges[0]
    for k, left in enumerate(edges[:-1]):
        first = k == 0
        ax.add_patch(Rectangle((left, 0), width, high[k], fc=color("upper"), alpha=0.15,
                               ec=color("upper"), lw=1, label="upper sum" if first else None))
        ax.add_patch(Rectangle((left, 0), width, low[k], fc=color("lower"), alpha=0.45,
                               ec=color("lower"), lw=1, label="lower sum" if first else None))
    ax.axhline(0, color="black", lw=0.8)
    ax.autoscale_view()

