"""Figures of partial derivatives as slopes of slices (lesson 6): hold every variable but
one, and the surface z = f(x, y) becomes a curve whose tangent slope is ∂z/∂x; the course's
cylinder v = πr²l, whose volume grows with r at ∂v/∂r and with l at ∂v/∂l.

The surface, its tangent plane and the gradient field are in
:mod:`calcml.plot.multivar_surface`.

The figures draw a worked result, a :class:`MultivarSolution` from :func:`calcml.partial`,
:func:`calcml.gradient` or :func:`calcml.hessian`: its function and its exact point.

>>> from calcml import gradient
>>> fig = plot_slices(gradient("x^2 - y^2", at="x=2, y=3"))
>>> [ax.get_xlabel() for ax in fig.axes]
['x', 'y']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.course.partial_rates import (
    CYLINDER,
    PointedFunction,
    exact_value,
    function_at,
)
from calcml.errors import InputError
from calcml.expr.coerce import as_symbol
from calcml.expr.printing import to_text
from calcml.expr.tables import format_number
from calcml.plot.style import OKABE_ITO, color, finish, math_label, new_panels
from calcml.symbolic.partials.common import MultivarSolution

# One colour per varying variable: the slice along the first is orange, the second purple.
SLICE_COLORS = (OKABE_ITO[1], OKABE_ITO[4], OKABE_ITO[5], OKABE_ITO[2])
TOUCH_OFFSETS = (-2.0, 0.0, 2.0)
HALF_WINDOW = 3.5
TANGENT_SHARE = 0.45  # a tangent segment's half-length, as a share of the half-window


def slice_color(index: int) -> str:
    """The colour of the slice along the ``index``-th variable (orange, purple, ...).

    >>> slice_color(0)
    '#E69F00'
    """
    return SLICE_COLORS[index % len(SLICE_COLORS)]


def partial_label(name: str, var: sympy.Symbol, slope: sympy.Expr, where: sympy.Expr) -> str:
    """The label of a tangent line: ``∂z/∂x = 4 at x = 2``.

    >>> partial_label("z", sympy.Symbol("x"), sympy.Integer(4), sympy.Integer(2))
    '∂z/∂x = 4 at x = 2'
    """
    return f"∂{name}/∂{var} = {format_number(slope, 4)} at {var} = {format_number(where, 4)}"


def held_text(pf: PointedFunction, var: sympy.Symbol) -> str:
    """The coordinates held fixed in the slice along ``var``: ``y = 3`` (or ``nothing``).

    >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
    >>> held_text(pf, pf.variables[0])
    'y = 3'
    """
    held = sorted((s for s in pf.point if s != var), key=lambda s: s.name)
    return ", ".join(f"{s} = {format_number(pf.point[s], 4)}" for s in held) or "nothing"


def _touch_points(pf: PointedFunction, var: sympy.Symbol, partial: sympy.Expr,
                  offsets: Sequence[float]) -> list[tuple[sympy.Expr, sympy.Expr, sympy.Expr]]:
    """(t, f, slope) where the slice along ``var`` gets a tangent: P's coordinate plus each
    offset, skipping places where f or its slope is not finite (P itself must be fine)."""
    touches = []
    for offset in offsets:
        where = pf.moved(**{var.name: pf.point[var] + sympy.nsimplify(offset)})
        try:
            value = exact_value(pf.expr.subs(where), "f")
            slope = exact_value(partial.subs(where), f"∂f/∂{var} at {where[var]}")
        except InputError:
            if offset == 0:
                raise
            continue
        touches.append((where[var], value, slope))
    return touches


def draw_slice(ax: Axes, pf: PointedFunction, var: sympy.Symbol, name: str = "z",
               offsets: Sequence[float] = TOUCH_OFFSETS, index: int = 0,
               half_window: float = HALF_WINDOW) -> None:
    """On ``ax``: f against ``var`` with the other variables held at P, tangent segments
    at P's coordinate plus each offset (labelled with ∂name/∂var), and P marked.

    >>> from calcml.plot.style import new_axes
    >>> fig, ax = new_axes()
    >>> draw_slice(ax, function_at("x^2 - y^2", {"x": 3, "y": 0}), sympy.Symbol("x", real=True))
    >>> [line.get_label() for line in ax.get_lines() if line.get_gid() == "tangent"][1]
    '∂z/∂x = 6 at x = 3'
    """
    partial = pf.partial(var)
    touches = _touch_points(pf, var, partial, offsets)
    t0 = pf.coordinate(var)
    ts = np.linspace(t0 - half_window, t0 + half_window, 400)
    zs, shown = clip_far(np.asarray(pf.numeric(var)(ts), dtype=float), [float(pf.value)])
    curve = pf.expr.subs({s: v for s, v in pf.point.items() if s != var})
    ax.plot(ts, zs, color=slice_color(index), lw=2.4, gid="curve",
            label=f"{math_label(curve, name)}   ({held_text(pf, var)} held)")
    for t, value, slope in touches:
        main = t == pf.point[var]
        reach = TANGENT_SHARE * half_window
        seg = np.linspace(float(t) - reach, float(t) + reach, 2)
        ax.plot(seg, float(value) + float(slope) * (seg - float(t)), gid="tangent",
                ls="-" if main else "--", lw=2.2 if main else 1.5,
                color=color("tangent"), alpha=1.0 if main else 0.75,
                label=partial_label(name, var, slope, t))
        ax.plot([float(t)], [float(value)], "o", color=color("tangent"), ms=5, zorder=4)
    ax.plot([t0], [float(pf.value)], "o", color=color("point"), ms=9, zorder=5, gid="point",
            label=f"P: {var} = {format_number(t0, 4)}, {name} = {format_number(pf.value, 4)}")
    ax.set_ylim(*shown)


def legend_below(ax: Axes) -> None:
    """The panel's legend in two columns under its x axis, clear of the curves.

    >>> from calcml.plot.style import new_axes
    >>> fig, ax = new_axes()
    >>> _ = ax.plot([0, 1], [0, 1], label="line")
    >>> legend_below(ax)
    >>> ax.get_legend().get_texts()[0].get_text()
    'line'
    """
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=2, fontsize="small",
              frameon=False)


def clip_far(values: np.ndarray, keep: Sequence[float] = ()
             ) -> tuple[np.ndarray, tuple[float, float]]:
    """``values`` with the far outliers (spikes at a pole) and non-finite ones set to NaN,
    and the range to show: the middle 96% of the finite values, widened by a quarter of
    their spread on each side and to hold ``keep``.

    >>> out, shown = clip_far(np.append(np.linspace(0.0, 1.0, 99), 1e9))
    >>> int(np.isnan(out).sum()), [round(v, 2) for v in shown]
    (1, [-0.22, 1.23])
    """
    out = np.where(np.isfinite(values), values, np.nan)
    finite = out[np.isfinite(out)]
    if not finite.size:
        return out, (-1.0, 1.0)
    lo, hi = np.quantile(finite, [0.02, 0.98])
    pad = 0.25 * (hi - lo) if hi > lo else max(1.0, 0.25 * abs(hi))
    lo, hi = min([lo - pad, *keep]), max([hi + pad, *keep])
    with np.errstate(invalid="ignore"):
        out[(out < lo) | (out > hi)] = np.nan
    return out, (float(lo), float(hi))


def solution_parts(s: MultivarSolution, needs_point: str = ""
                   ) -> tuple[sympy.Expr, dict[sympy.Symbol, sympy.Expr]]:
    """The function a multivariable solution differentiated, and its point as exact
    values by symbol (empty without one; ``needs_point`` names the figure that needs it).

    >>> from calcml import partial
    >>> solution_parts(partial("x^2 - y^2", "x", at="x=1/3, y=2"))
    (x**2 - y**2, {x: 1/3, y: 2})
    """
    if not isinstance(s, MultivarSolution):
        raise InputError("the figure draws a worked result: pass calcml.partial(...), "
                         f"calcml.gradient(...) or calcml.hessian(...), not {type(s).__name__}")
    functions = {d.expr for d in s.problem.atoms(sympy.Derivative)}
    if len(functions) != 1:
        raise InputError("the figure draws one function; a Jacobian of several functions "
                         "has no single surface: draw each function's gradient")
    point = dict(s.point)
    if needs_point and not point:
        raise InputError(f"{needs_point} go through a point: work the derivative at one, "
                         "e.g. at='x=2, y=3'")
    return functions.pop(), point


def plot_slices(s: MultivarSolution, var: str | None = None) -> Figure:
    """Slices of z = f(x, y, ...) through the solution's point P: one panel per variable
    (one for a partial derivative, or only ``var`` when given), z against that variable
    with the others held at P, tangent lines at P and two neighbours whose slopes are the
    partial derivatives.

    >>> from calcml import partial
    >>> fig = plot_slices(partial("x^2 - y^2", "x", at="x=3, y=0"))
    >>> len(fig.axes), fig.axes[0].get_title()
    (1, 'Slice through P with y = 0 held: the slope is ∂z/∂x')
    """
    f, point = solution_parts(s, "the slices")
    if var is None and not isinstance(s.symbolic, sympy.MatrixBase):
        var = s.variables[0].name
    pf = function_at(f, point) if var is None else _with_var(f, point, var)
    variables = list(pf.variables)
    if not variables:
        raise InputError(f"f = {to_text(pf.expr)} has no variables to slice along; "
                         "give an expression such as x^2 - y^2")
    order = sorted(pf.point, key=lambda v: v.name)
    ncols = min(len(variables), 3)
    fig, axes = new_panels(len(variables), ncols=ncols,
                           figsize=(5.6 * ncols + 0.4, 4.8 * -(-len(variables) // 3)))
    for ax, v in zip(axes, variables, strict=True):
        draw_slice(ax, pf, v, index=order.index(v))
        finish(ax, f"Slice through P with {held_text(pf, v)} held: the slope is ∂z/∂{v}",
               v.name, "z", legend=False)
        legend_below(ax)
    where = ", ".join(format_number(pf.point[v], 4) for v in pf.variables)
    fig.suptitle(f"Partial derivatives of {math_label(pf.expr, 'z')} at P = ({where}): "
                 "slopes of slices")
    return fig


def _with_var(f: sympy.Expr, at: Mapping[Any, Any], var: str) -> PointedFunction:
    """f at P, varying only ``var``: a variable of f, or one the point gives (a flat slice)."""
    known = sorted({v.name for v in f.free_symbols} | {str(k) for k in at})
    if as_symbol(var).name not in known:
        raise InputError(f"var={var!r} is not a variable of f = {to_text(f)}; "
                         f"choose one of {', '.join(known)}")
    return function_at(f, at, (var,))


def plot_cylinder_rates(r: Any = 3, l: Any = 5) -> Figure:  # noqa: E741 - the course's name
    """The course's cylinder v = πr²l: the volume against r with l held, and against l
    with r held, with the tangent lines at (r, l) whose slopes are ∂v/∂r = 2πrl and
    ∂v/∂l = πr².

    >>> fig = plot_cylinder_rates(3, 5)
    >>> [line.get_label() for line in fig.axes[0].get_lines() if line.get_gid() == "tangent"]
    ['∂v/∂r = 94.25 at r = 3']
    """
    pf = function_at(CYLINDER, {"r": r, "l": l}, vars=("r", "l"))
    for s in pf.variables:
        if pf.point[s] <= 0:
            raise InputError(f"a cylinder's {s} must be positive, got {pf.point[s]}")
    fig, axes = new_panels(2, figsize=(11.6, 4.8))
    for i, (ax, v) in enumerate(zip(axes, pf.variables, strict=True)):
        t0 = pf.coordinate(v)
        draw_slice(ax, pf, v, name="v", offsets=(0.0,), index=i, half_window=t0)
        ax.set_xlim(0, 2 * t0)
        ax.set_ylim(bottom=0)
        _rise_and_run(ax, pf, v)
        what = "radius" if v.name == "r" else "length"
        finish(ax, f"Volume against the {what} {v}, {held_text(pf, v)} held", v.name,
               "volume v", legend_loc="upper left")
    fig.suptitle(r"Cylinder $v = \pi r^{2} l$: v = "
                 f"{format_number(pf.value, 5)} at r = {format_number(pf.point[pf.variables[0]])}"
                 f", l = {format_number(pf.point[pf.variables[1]])}")
    return fig


def _rise_and_run(ax: Axes, pf: PointedFunction, var: sympy.Symbol) -> None:
    """From P, a run of 1 in ``var`` and the tangent's rise (∂v/∂var), beside the volume's
    true change over that run."""
    t0, v0 = pf.coordinate(var), float(pf.value)
    slope = float(pf.slope(var))
    moved = float(exact_value(pf.expr.subs(pf.moved(**{var.name: pf.point[var] + 1})),
                              "the moved volume"))
    ax.plot([t0, t0 + 1, t0 + 1], [v0, v0, v0 + slope], color=color("theory"), lw=1.2,
            ls=":", gid="rise", label=f"run 1 in {var}: the tangent rises "
                                      f"{format_number(slope, 5)}")
    ax.plot([t0 + 1], [moved], "s", color=color("point"), ms=6, mfc="white", gid="moved",
            label=f"{var} = {format_number(t0 + 1, 4)}: v = {format_number(moved, 5)}, "
                  f"a change of {format_number(moved - v0, 5)}")
