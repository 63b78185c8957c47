"""Shared look of calcml's figures: one colour per role, axes set-up, labels, saving.

Figures are built on :class:`matplotlib.figure.Figure` directly (never ``pyplot``), so
they need no GUI, keep no global state and are safe in a web worker thread. The colours
are the Okabe-Ito palette, which stays distinct for colour-blind readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from calcml.errors import InputError
from calcml.numeric.functions import NumericFunction

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9",
             "#F0E442", "#000000")

COLORS: dict[str, str] = {
    "curve": "#0072B2",
    "secant": "#E69F00",
    "tangent": "#009E73",
    "point": "#D55E00",
    "left": "#0072B2",
    "right": "#D55E00",
    "limit": "#000000",
    "asymptote": "#7F7F7F",
    "forward": "#E69F00",
    "backward": "#CC79A7",
    "central": "#0072B2",
    "complex": "#009E73",
    "richardson": "#D55E00",
    "theory": "#7F7F7F",
    "inscribed": "#0072B2",
    "circumscribed": "#D55E00",
    "circle": "#000000",
    "lower": "#0072B2",
    "upper": "#D55E00",
    "exact": "#000000",
}

FIGSIZE = (6.4, 4.6)
DPI = 100
SAVE_FORMATS = (".png", ".svg", ".pdf")


def color(role: str) -> str:
    """The colour of a role in calcml's figures (``"curve"``, ``"tangent"``, ...).

    >>> color("tangent")
    '#009E73'
    """
    try:
        return COLORS[role]
    except KeyError:
        known = ", ".join(sorted(COLORS))
        raise InputError(f"no colour for role {role!r}; known roles: {known}") from None


def cycle(n: int) -> list[str]:
    """``n`` distinct colours from the palette (repeating after eight).

    >>> cycle(2)
    ['#0072B2', '#E69F00']
    """
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = FIGSIZE
             ) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: ``ax`` and its figure, or a fresh pair.

    >>> fig, ax = new_axes()
    >>> ax.figure is fig
    True
    """
    if ax is not None:
        if not isinstance(ax, Axes):
            raise InputError(f"ax must be a Matplotlib Axes, got {type(ax).__name__}")
        return ax.figure, ax
    fig = Figure(figsize=figsize, dpi=DPI, layout="constrained")
    return fig, fig.add_subplot()


def new_panels(n: int, figsize: tuple[float, float] | None = None,
               ncols: int | None = None, layout: str | None = "constrained"
               ) -> tuple[Figure, list[Axes]]:
    """A fresh figure with ``n`` panels in a row (or ``ncols`` columns).

    ``layout=None`` leaves the layout to ``fig.subplots_adjust`` (square panels need it).

    >>> fig, axes = new_panels(3)
    >>> len(axes)
    3
    """
    if n < 1:
        raise InputError(f"a figure needs at least one panel, got {n}")
    ncols = min(n, ncols or n)
    nrows = -(-n // ncols)
    size = figsize or (3.3 * ncols + 0.4, 3.3 * nrows + 0.4)
    fig = Figure(figsize=size, dpi=DPI, layout=layout)
    grid = fig.subplots(nrows, ncols, squeeze=False)
    axes = [a for row in grid for a in row]
    for extra in axes[n:]:
        extra.remove()
    return fig, axes[:n]


def finish(ax: Axes, title: str, xlabel: str = "x", ylabel: str = "y",
           legend: bool = True, legend_loc: str = "best") -> Axes:
    """Title, axis labels, a light grid and (if any artist is labelled) the legend.

    ``legend_loc`` is a Matplotlib location, or ``"outside"`` for the right of the axes.

    >>> fig, ax = new_axes()
    >>> _ = ax.plot([0, 1], [0, 1], label="line")
    >>> finish(ax, "A line").get_legend() is not None
    True
    """
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    handles, _ = ax.get_legend_handles_labels()
    if legend and handles and legend_loc == "outside":
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small",
                  borderaxespad=0.0)
    elif legend and handles:
        ax.legend(loc=legend_loc, fontsize="small", framealpha=0.9)
    return ax


def math_label(expr: sympy.Basic | str, name: str = "") -> str:
    """A Matplotlib mathtext label for an expression, e.g. ``$f(x) = x^{2}$``.

    >>> math_label(sympy.Symbol("x") ** 2, "f(x)")
    '$f(x) = x^{2}$'
    """
    if isinstance(expr, str):
        body = expr
    else:
        from calcml.expr.printing import to_latex

        body = mathtext(to_latex(expr))
    return f"${name} = {body}$" if name else f"${body}$"


def mathtext(latex: str) -> str:
    r"""LaTeX as Matplotlib's mathtext draws it well: plain bars for |x| (mathtext shrinks
    the bars of ``\left| ... \right|``).

    >>> mathtext(r"\left|{x}\right|")
    '|{x}|'
    """
    return latex.replace(r"\left|", "|").replace(r"\right|", "|")


def save(fig: Figure, path: str | Path, dpi: int = DPI) -> Path:
    """Write ``fig`` to ``path`` (.png, .svg or .pdf), nothing clipped; returns the path.

    >>> import tempfile, os
    >>> fig, ax = new_axes()
    >>> save(fig, os.path.join(tempfile.mkdtemp(), "f.png")).suffix
    '.png'
    """
    target = Path(path)
    if target.suffix.lower() not in SAVE_FORMATS:
        raise InputError(f"cannot save a figure as {target.name!r}; "
                         f"use a file name ending in {', '.join(SAVE_FORMATS)}")
    if not target.parent.is_dir():
        raise InputError(f"cannot save {target.name!r}: folder {target.parent} does not exist")
    fig.savefig(target, dpi=dpi, bbox_inches="tight")
    return target


def finish_figure(fig: Figure, path: str | Path | None) -> Figure:
    """Save ``fig`` to ``path`` when one is given, and return the figure.

    >>> fig, ax = new_axes()
    >>> finish_figure(fig, None) is fig
    True
    """
    if path is not None:
        save(fig, path)
    return fig


def panel_label(axes: Sequence[Axes]) -> None:
    """Mark panels (a), (b), ... in their top-left corners.

    >>> fig, axes = new_panels(2)
    >>> panel_label(axes)
    >>> axes[1].texts[0].get_text()
    '(b)'
    """
    for i, ax in enumerate(axes):
        ax.text(0.02, 0.97, f"({chr(97 + i)})", transform=ax.transAxes,
                va="top", ha="left", fontweight="bold")


def require(result: object, kind: type | tuple[type, ...], how: str) -> None:
    """Refuse anything but an engine result of ``kind``, saying how to build one.

    >>> require("x^2", int, "calcml.numeric.signed_area(f, a, b)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    calcml.errors.InputError: the figure draws an engine's result, not str: build it with ...
    """
    if not isinstance(result, kind):
        raise InputError(f"the figure draws an engine's result, not {type(result).__name__}: "
                         f"build it with {how}")


def curve_points(nf: NumericFunction, lo: float, hi: float, n: int = 400
                 ) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points of the curve on [lo, hi]; NaN where f is undefined (gaps in the line).

    >>> from calcml.numeric.functions import as_function
    >>> xs, ys = curve_points(as_function(lambda t: 1 / t), -1, 1, 3)
    >>> ys.tolist()
    [-1.0, nan, 1.0]
    """
    xs = np.linspace(lo, hi, n)
    try:
        with np.errstate(all="ignore"):
            ys = np.asarray(nf(xs), dtype=float)
    except (TypeError, ValueError, ZeroDivisionError):
        ys = np.array([])
    if ys.shape != xs.shape:
        ys = np.array([safe_value(nf, v) for v in xs])
    ys[~np.isfinite(ys)] = np.nan
    return xs, ys


def safe_value(nf: NumericFunction, x: float) -> float:
    """f(x), or NaN where f is undefined.

    >>> from calcml.numeric.functions import as_function
    >>> safe_value(as_function(lambda t: 1 / t), 0.0)
    nan
    """
    try:
        return nf.value(x)
    except InputError:
        return float("nan")


def function_label(nf: NumericFunction) -> str:
    """The legend label of f: mathtext for an expression, the plain name for a callable.

    >>> from calcml.numeric.functions import as_function
    >>> function_label(as_function(sympy.Symbol("x") ** 2))
    '$f(x) = x^{2}$'
    """
    if nf.expr is None:
        return nf.label
    from calcml.expr.printing import to_latex

    body = mathtext(to_latex(nf.expr)).replace(r"\frac", r"\dfrac")
    return f"$f({nf.var}) = {body}$"


def var_name(nf: NumericFunction) -> str:
    """The axis label of the input variable: the expression's symbol, else ``x``.

    >>> from calcml.numeric.functions import as_function
    >>> var_name(as_function(lambda t: t))
    'x'
    """
    return str(nf.var) if nf.var is not None else "x"
