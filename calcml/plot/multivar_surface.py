"""Figures of a function of two variables as a whole: the surface z = f(x, y) in 3-D with
the slices through a point and the tangent plane there, and the contour map with the
gradient arrows, which cross the contours at right angles.

Each draws a worked result (a :class:`MultivarSolution`) at its exact point. A function of
more variables is drawn over two of them (x and y, or the two named in ``vars``), the
others held at their values in the solution's point.

>>> from calcml import gradient
>>> fig = plot_gradient_field(gradient("x^2 - y^2", at="x=2, y=3"))
>>> fig.axes[0].get_aspect()
1.0
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from calcml.course.partial_rates import PointedFunction, function_at
from calcml.errors import InputError
from calcml.expr.coerce import as_symbol
from calcml.expr.printing import to_text
from calcml.expr.tables import format_number
from calcml.numeric.functions import NUMPY_ML, to_number
from calcml.plot.multivar import clip_far, partial_label, slice_color, solution_parts
from calcml.plot.style import color, finish, math_label
from calcml.symbolic.partials.common import MultivarSolution

GRID = 61
ARROWS = 15
SURFACE_CMAP = "viridis"
FIELD_CMAP = "RdBu_r"
Bounds = tuple[float, float, float, float]


def plotted_pair(expr: sympy.Expr, at: Mapping[Any, Any] | None,
                 vars: Sequence[str | sympy.Symbol] | None = None
                 ) -> tuple[sympy.Symbol, sympy.Symbol]:
    """The two variables a surface or contour map is drawn over: ``vars``, else the
    expression's two, else x and y; every other variable must be held by ``at``.

    >>> x, y, t = sympy.symbols("x y t")
    >>> plotted_pair(x * y * t, {"t": 1, "x": 2, "y": 3})
    (x, y)
    """
    names = sorted(s.name for s in expr.free_symbols)
    if vars is not None:
        pair = [as_symbol(v, expr) for v in vars]
        if len(pair) != 2 or pair[0] == pair[1]:
            raise InputError(f"vars names the two variables to draw over, such as "
                             f"('x', 'y'); got {tuple(map(str, pair))}")
    elif len(names) < 2:
        uses = f"uses only {names[0]}" if names else "has no variables"
        raise InputError(f"this figure needs a function of two variables such as x^2 - y^2; "
                         f"f = {to_text(expr)} {uses}")
    elif len(names) == 2 or {"x", "y"} <= set(names):
        pair = [as_symbol(n, expr) for n in (names if len(names) == 2 else ("x", "y"))]
    else:
        raise InputError(f"f = {to_text(expr)} has {len(names)} variables "
                         f"({', '.join(names)}); the figure draws two: choose them with "
                         f"vars=('{names[0]}', '{names[1]}') and hold the others at numbers "
                         "given in at")
    _check_held(expr, at, names, pair)
    return pair[0], pair[1]


def _check_held(expr: sympy.Expr, at: Mapping[Any, Any] | None, names: list[str],
                pair: list[sympy.Symbol]) -> None:
    """Every variable not drawn over needs a value in ``at``."""
    given = {str(k): v for k, v in at.items()} if isinstance(at, Mapping) else {}
    held = [n for n in names if n not in {p.name for p in pair} and n not in given]
    if held:
        example = ", ".join(f"'{n}': {given.get(n, 0)}" for n in [p.name for p in pair] + held)
        raise InputError(f"f = {to_text(expr)} has {len(names)} variables "
                         f"({', '.join(names)}); the figure draws it over {pair[0]} and "
                         f"{pair[1]}, so hold {', '.join(held)} at a number: give it in at, e.g. "
                         f"at={{{example}}}")


def _bounds(bounds: Sequence[Any] | None, center: tuple[float, float] | None) -> Bounds:
    """(xmin, xmax, ymin, ymax): as given, checked; else a square about the origin that
    holds the point with room to spare."""
    if bounds is None:
        reach = max(abs(c) for c in center) if center else 0.0
        half = max(3.0, math.ceil(1.25 * reach + 1.0))
        return -half, half, -half, half
    if isinstance(bounds, str) or len(bounds) != 4:
        raise InputError(f"bounds are four numbers (xmin, xmax, ymin, ymax), got {bounds!r}")
    x0, x1, y0, y1 = (to_number(b, "each bound") for b in bounds)
    if not (x0 < x1 and y0 < y1):
        raise InputError(f"bounds need xmin < xmax and ymin < ymax, got {tuple(bounds)}")
    return x0, x1, y0, y1


def _grid_function(expr: sympy.Expr, x: sympy.Symbol, y: sympy.Symbol,
                   held: Mapping[sympy.Symbol, Any]) -> Any:
    """``expr`` as a NumPy function of (x, y) with the held variables substituted; NaN
    where it is undefined or not real."""
    compiled = sympy.lambdify([x, y], expr.subs(held), modules=[NUMPY_ML, "numpy"])

    def fn(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            zs = np.asarray(compiled(xs, ys) + 0 * xs, dtype=complex)
        out = zs.real.copy()
        out[(np.abs(zs.imag) > 1e-12) | ~np.isfinite(out)] = np.nan
        return out
    return fn


def _drawn_over(s: MultivarSolution, vars: Sequence[str] | None) -> Sequence[Any] | None:
    """The pair to draw over: ``vars``, else the solution's two variables."""
    return vars if vars is not None else (s.variables if len(s.variables) == 2 else None)


def plot_surface(s: MultivarSolution, *, vars: Sequence[str] | None = None) -> Figure:
    """The surface z = f(x, y) in 3-D, its two slices through the solution's point P (the
    curves y = y0 and x = x0 on it, with their tangent lines of slope ∂z/∂x and ∂z/∂y), P,
    and the tangent plane z = f + f_x (x - x0) + f_y (y - y0) there.

    >>> from calcml import hessian
    >>> fig = plot_surface(hessian("x^2 - y^2", at="x=2, y=3"))
    >>> [t.get_text() for t in fig.legends[0].get_texts()][-1]
    'tangent plane z = -5 + 4 (x - 2) - 6 (y - 3)'
    """
    f, point = solution_parts(s, "the surface's slices and tangent plane")
    x, y = plotted_pair(f, point, _drawn_over(s, vars))
    pf = function_at(f, point, (x, y))
    x0, y0, z0 = pf.coordinate(x), pf.coordinate(y), float(pf.value)
    fx, fy = float(pf.slope(x)), float(pf.slope(y))
    box = _bounds(None, (x0, y0))
    f = _grid_function(pf.expr, x, y, {s: v for s, v in pf.point.items() if s not in (x, y)})
    xs, ys = np.meshgrid(np.linspace(box[0], box[1], GRID), np.linspace(box[2], box[3], GRID))
    zs, shown = clip_far(f(xs, ys), [z0])
    fig = Figure(figsize=(8.6, 6.8), dpi=100, layout="constrained")
    ax = fig.add_subplot(projection="3d", computed_zorder=False)
    ax.plot_surface(xs, ys, zs, cmap=SURFACE_CMAP, alpha=0.55, linewidth=0,
                    antialiased=True, zorder=1, gid="surface")
    _tangent_plane(ax, (x0, y0, z0), (fx, fy), (box[1] - box[0]) / 5)
    handles = _surface_slices(ax, pf, (x, y), _within(f, shown), box)
    ax.plot([x0], [y0], [z0], "o", color=color("point"), ms=9, zorder=6, gid="point")
    handles += [Line2D([], [], marker="o", ls="", color=color("point"), ms=9,
                       label=f"P = ({format_number(x0, 4)}, {format_number(y0, 4)}, "
                             f"{format_number(z0, 4)})"),
                Patch(color=color("tangent"), alpha=0.5, label=_plane_text(pf, x, y))]
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small",
               frameon=False)
    ax.set_zlim(min(np.nanmin(zs), z0), max(np.nanmax(zs), z0))
    ax.set(xlabel=x.name, ylabel=y.name, zlabel="z")
    ax.view_init(elev=28, azim=-58)
    ax.set_title(f"The surface {math_label(pf.expr, 'z')}: slices and tangent plane at P")
    return fig


def _within(f: Any, shown: tuple[float, float]) -> Any:
    """f with values outside the range ``shown`` set to NaN (cut off at a pole)."""
    def fn(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
        zs = f(xs, ys)
        with np.errstate(invalid="ignore"):
            zs[(zs < shown[0]) | (zs > shown[1])] = np.nan
        return zs
    return fn


def _plane_text(pf: PointedFunction, x: sympy.Symbol, y: sympy.Symbol) -> str:
    """``tangent plane z = -5 + 4 (x - 2) - 6 (y - 3)``."""
    parts = [format_number(pf.value, 4)]
    for var in (x, y):
        slope, at = pf.slope(var), pf.point[var]
        shift = var.name if at == 0 else (
            f"({var} {'-' if at > 0 else '+'} {format_number(abs(at), 4)})")
        parts.append(f"{'-' if slope < 0 else '+'} {format_number(abs(slope), 4)} {shift}")
    return "tangent plane z = " + " ".join(parts)


def _tangent_plane(ax: Axes, p: tuple[float, float, float], slopes: tuple[float, float],
                   half: float) -> None:
    """A square patch of the tangent plane around P."""
    (x0, y0, z0), (fx, fy) = p, slopes
    px, py = np.meshgrid(np.linspace(x0 - half, x0 + half, 2),
                         np.linspace(y0 - half, y0 + half, 2))
    ax.plot_surface(px, py, z0 + fx * (px - x0) + fy * (py - y0), color=color("tangent"),
                    alpha=0.45, linewidth=0, zorder=2, gid="tangent plane")


def _surface_slices(ax: Axes, pf: PointedFunction, pair: tuple[sympy.Symbol, sympy.Symbol],
                    f: Any, bounds: Bounds) -> list[Line2D]:
    """The curves y = y0 and x = x0 on the surface, and their tangent lines at P; returns
    the legend handles."""
    x, y = pair
    x0, y0, z0 = pf.coordinate(x), pf.coordinate(y), float(pf.value)
    t = np.linspace(0.0, 1.0, 200)
    handles = []
    for i, (var, other) in enumerate(((x, y), (y, x))):
        lo, hi = bounds[:2] if var == x else bounds[2:]
        run = lo + (hi - lo) * t
        fixed = np.full_like(run, pf.coordinate(other))
        xs, ys = (run, fixed) if var == x else (fixed, run)
        ax.plot(xs, ys, f(xs, ys), color=slice_color(i), lw=2.6, zorder=4, gid="slice")
        slope = pf.slope(var)
        half = (hi - lo) / 5
        seg = np.array([-half, half])
        sx, sy = (x0 + seg, np.full(2, y0)) if var == x else (np.full(2, x0), y0 + seg)
        ax.plot(sx, sy, z0 + float(slope) * seg, color=slice_color(i), lw=2, ls="--",
                zorder=5, gid="tangent")
        held = f"{other} = {format_number(pf.point[other], 4)}"
        handles += [Line2D([], [], color=slice_color(i), lw=2.6,
                           label=f"slice {held}: z against {var}"),
                    Line2D([], [], color=slice_color(i), lw=2, ls="--",
                           label=f"its tangent: {partial_label('z', var, slope, pf.point[var])}")]
    return handles


def plot_gradient_field(s: MultivarSolution, bounds: Sequence[Any] | None = None, *,
                        vars: Sequence[str] | None = None) -> Figure:
    """A filled contour map of z = f(x, y) with the gradient ∇z = (∂z/∂x, ∂z/∂y) of the
    worked gradient ``s`` drawn as arrows on a grid (length in proportion to |∇z|); when
    ``s`` was worked at a point P, P is marked with its gradient arrow, its value and the
    contour through it. Equal axes, so the arrows show at right angles to the contours.
    ``bounds`` is (xmin, xmax, ymin, ymax).

    >>> from calcml import gradient
    >>> fig = plot_gradient_field(gradient("x^2 - y^2", at="x=2, y=3"))
    >>> [t.get_text() for t in fig.legends[0].get_texts()][2]
    'P = (2, 3), where z = -5'
    """
    f, point = solution_parts(s)
    f, (x, y), pf, box = _field_setup(f, point or None, bounds, _drawn_over(s, vars))
    held = {v: value for v, value in pf.point.items() if v not in (x, y)} if pf else {}
    partials = _gradient_entries(s, (x, y))
    fig = Figure(figsize=(7.6, 6.4), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    grid = np.meshgrid(np.linspace(box[0], box[1], 4 * GRID),
                       np.linspace(box[2], box[3], 4 * GRID))
    zs, _ = clip_far(_grid_function(f, x, y, held)(*grid), [float(pf.value)] if pf else [])
    _contours(fig, ax, grid, zs)
    step, capped = _gradient_arrows(ax, [_grid_function(p, x, y, held) for p in partials], box)
    ax.set_aspect("equal")
    ax.set_xlim(box[0], box[1])
    ax.set_ylim(box[2], box[3])
    what = "length ∝ |∇z|, the longest cut short" if capped else "length ∝ |∇z|"
    handles = [Line2D([], [], marker=r"$\rightarrow$", ls="", color="black", ms=14,
                      label=f"∇z on a grid ({what})")]
    if pf is not None:
        handles += _mark_point(ax, pf, (x, y), step, (*grid, zs))
    fig.legend(handles=handles, loc="outside lower center", ncols=2, fontsize="small",
               frameon=False)
    finish(ax, f"Gradient of {math_label(f, 'z')}: arrows point uphill, across the contours",
           x.name, y.name, legend=False)
    return fig


def _gradient_entries(s: MultivarSolution, pair: tuple[sympy.Symbol, sympy.Symbol]
                      ) -> list[sympy.Expr]:
    """∂z/∂x and ∂z/∂y from the worked gradient (its symbolic column)."""
    column = s.symbolic
    if not (isinstance(column, sympy.MatrixBase) and column.shape == (len(s.variables), 1)):
        raise InputError("the gradient field draws a worked gradient: pass calcml.gradient(f)"
                         ", not a partial derivative or a Hessian")
    entries = dict(zip(s.variables, column, strict=True))
    missing = [v.name for v in pair if v not in entries]
    if missing:
        raise InputError(f"the gradient was worked without {', '.join(missing)}; list it in "
                         "the gradient's variables to draw over it")
    return [entries[v] for v in pair]


def _field_setup(f: sympy.Expr, at: Mapping[Any, Any] | None,
                 bounds: Sequence[Any] | None, vars: Sequence[Any] | None
                 ) -> tuple[sympy.Expr, tuple[sympy.Symbol, sympy.Symbol],
                            PointedFunction | None, Bounds]:
    """The expression, the two variables drawn, P (when ``at`` is given) and the bounds,
    which must hold P."""
    x, y = plotted_pair(f, at, vars)
    if at is None:
        return f, (x, y), None, _bounds(bounds, None)
    pf = function_at(f, at, (x, y))
    x0, y0 = pf.coordinate(x), pf.coordinate(y)
    box = _bounds(bounds, (x0, y0))
    if not (box[0] <= x0 <= box[1] and box[2] <= y0 <= box[3]):
        raise InputError(f"P = ({format_number(x0, 6)}, {format_number(y0, 6)}) lies outside "
                         f"the bounds {tuple(format_number(b, 6) for b in box)}; widen them "
                         "or leave bounds out")
    return f, (x, y), pf, box


def _contours(fig: Figure, ax: Axes, grid: Sequence[np.ndarray], zs: np.ndarray) -> None:
    """Filled contours of the heights ``zs`` on the grid, thin contour lines, and a
    colour bar for z."""
    if not np.isfinite(zs).any():
        raise InputError("the function is not defined anywhere in the bounds; "
                         "choose other bounds")
    filled = ax.contourf(*grid, zs, levels=16, cmap=FIELD_CMAP, alpha=0.85)
    ax.contour(*grid, zs, levels=filled.levels, colors="white", linewidths=0.6, alpha=0.8,
               linestyles="solid")
    fig.colorbar(filled, ax=ax, label="z", shrink=0.85)


def _gradient_arrows(ax: Axes, gradient: list[Any], box: Bounds) -> tuple[float, bool]:
    """Arrows of the gradient on an ARROWS x ARROWS grid, the longest 0.9 grid steps long;
    arrows over twice the 90th percentile (near a pole) are cut to that length. Returns
    the grid step and whether any arrow was cut."""
    xs, ys = np.meshgrid(np.linspace(box[0], box[1], ARROWS),
                         np.linspace(box[2], box[3], ARROWS))
    us, vs = gradient[0](xs, ys), gradient[1](xs, ys)
    sizes = np.hypot(us, vs)
    finite = sizes[np.isfinite(sizes)]
    cap = 2 * np.quantile(finite, 0.9) if finite.size else 0.0
    capped = bool(cap > 0 and finite.max() > cap)
    if capped:
        with np.errstate(invalid="ignore", divide="ignore"):
            shrink = np.where(sizes > cap, cap / sizes, 1.0)
        us, vs = us * shrink, vs * shrink
    longest = cap if capped else (finite.max() if finite.size else 0.0)
    step = min(box[1] - box[0], box[3] - box[2]) / (ARROWS - 1)
    scale = longest / (0.9 * step) if longest > 0 else 1.0
    ax.quiver(xs, ys, us, vs, angles="xy", scale_units="xy", scale=scale, color="black",
              alpha=0.75, width=0.003, gid="gradient field")
    return step, capped


def _mark_point(ax: Axes, pf: PointedFunction, pair: tuple[sympy.Symbol, sympy.Symbol],
                step: float, heights: tuple[np.ndarray, np.ndarray, np.ndarray]
                ) -> list[Line2D]:
    """P, the contour through it (on the grid of ``heights``), and its gradient arrow,
    drawn 1.5 grid steps long so that it shows whatever its size; returns the legend
    handles."""
    x, y = pair
    x0, y0, z0 = pf.coordinate(x), pf.coordinate(y), float(pf.value)
    gx, gy = float(pf.slope(x)), float(pf.slope(y))
    ax.contour(*heights, levels=[z0], colors="black", linewidths=1.6, linestyles="--",
               zorder=3)
    size = math.hypot(gx, gy)
    if size > 0:
        ax.quiver([x0], [y0], [gx], [gy], angles="xy", scale_units="xy",
                  scale=size / (1.5 * step), color=color("point"), edgecolor="white",
                  linewidth=0.8, width=0.009, zorder=5, gid="gradient at P")
    ax.plot([x0], [y0], "o", color=color("point"), mec="white", ms=9, zorder=6, gid="point")
    where = f"({format_number(x0, 4)}, {format_number(y0, 4)})"
    grad = f"({format_number(gx, 4)}, {format_number(gy, 4)})"
    return [Line2D([], [], color="black", ls="--", lw=1.6,
                   label=f"contour z = {format_number(z0, 4)} through P"),
            Line2D([], [], marker="o", ls="", color=color("point"), mec="white", ms=9,
                   label=f"P = {where}, where z = {format_number(z0, 4)}"),
            Line2D([], [], marker=r"$\rightarrow$", ls="", color=color("point"), ms=14,
                   label=f"∇z = {grad} at P: steepest ascent, across the contour")]
