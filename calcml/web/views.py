"""What each lesson calculator shows, computed in a worker process (see :mod:`.pool`).

A view takes the form's options (text, as typed) and returns a :class:`View` as plain
data: the worked solution as HTML with MathML (from calcml's HTML renderer), tables,
notes, and figures from :mod:`calcml.plot` as SVG markup. Front ends hold no
mathematics: every number here comes from an engine, mostly through the same
:mod:`calcml.frontend` functions the CLI calls.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from typing import Any

from matplotlib import rc_context

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.frontend import integrals, multivar, single

View = dict[str, Any]
MAX_ORDER = 50
VIEWS: dict[str, Callable[[dict[str, str]], View]] = {}


def view(name: str) -> Callable:
    """Register a calculator's view under ``name``."""

    def register(fn: Callable[[dict[str, str]], View]) -> Callable[[dict[str, str]], View]:
        VIEWS[name] = fn
        return fn

    return register


def new_view(steps: str | None = None) -> View:
    """An empty view: a summary line, steps (HTML), html blocks, tables, notes, figures.

    >>> sorted(new_view())
    ['figures', 'html', 'notes', 'steps', 'summary', 'tables']
    """
    return {"summary": None, "steps": steps, "html": [], "tables": [], "notes": [],
            "figures": []}


def svg(figure: Any, caption: str) -> dict[str, str]:
    """A Matplotlib figure as inline SVG markup (text drawn as paths: no fonts needed).

    >>> from matplotlib.figure import Figure
    >>> svg(Figure(), "empty")["svg"].startswith("<svg")
    True
    """
    out = io.StringIO()
    with rc_context({"svg.fonttype": "path"}):
        figure.savefig(out, format="svg", bbox_inches="tight")
    markup = out.getvalue()
    return {"svg": markup[markup.index("<svg"):], "caption": caption}


def table(result: Any) -> dict[str, Any]:
    """A calcml Table (or a result holding one) as strings, for a page.

    >>> table(single.slope("x^2", "1", deltas="1"))["rows"]
    [['1', '2', '4', '3', '1']]
    """
    source = getattr(result, "table", result)
    data = (source() if callable(source) else source).to_dict()
    return {"title": data["title"], "columns": data["columns"],
            "rows": [[format_number(v) for v in row] for row in data["rows"]],
            "notes": data.get("notes", [])}


def number(options: dict[str, str], name: str, label: str, kind: type = float) -> Any:
    """The option ``name`` read as a number, or an InputError naming the field.

    >>> number({"n": "8"}, "n", "Strips", int)
    8
    """
    text = options.get(name, "").strip()
    what = "a whole number" if kind is int else "a number"
    try:
        value = kind(text)
    except ValueError:
        raise InputError(f"{label} must be {what}, e.g. 8; got {text!r}") from None
    if not math.isfinite(value):
        raise InputError(f"{label} must be a finite number, got {text!r}")
    return value


def text(options: dict[str, str], name: str) -> str | None:
    """The option ``name`` stripped, or None when it is empty."""
    value = options.get(name, "").strip()
    return value or None


@view("limit")
def limit_view(options: dict[str, str]) -> View:
    from calcml.plot.limits import plot_limit

    expr, at, var = options["expr"], options["at"], options.get("var") or "x"
    solution = single.limit(expr, at, var, options.get("dir") or "+-")
    out = new_view(solution.to_html())
    rows = [[format_number(float(x)), "undefined" if y is None else format_number(float(y))]
            for x, y in solution.table]
    out["tables"].append({"title": f"Approaching {var} = {at}", "columns": [var, "f(x)"],
                          "rows": rows, "notes": []})
    out["figures"].append(svg(plot_limit(solution), "The function near the point and its limit"))
    return out


@view("continuity")
def continuity_view(options: dict[str, str]) -> View:
    from calcml.plot.limits import plot_limit

    expr, at, var = options["expr"], text(options, "at"), options.get("var") or "x"
    found = single.continuity(expr, var, at, options.get("on") or "-10,10")
    if at is None:
        out = new_view()
        out["notes"] = [str(d) for d in found] or [f"no discontinuities on [{options['on']}]"]
        return out
    out = new_view(found.to_html())
    out["figures"].append(svg(plot_limit(single.limit(expr, at, var)),
                              f"The graph near {var} = {at}"))
    return out


@view("delta")
def delta_view(options: dict[str, str]) -> View:
    from calcml.numeric.delta import secant
    from calcml.plot.delta import plot_secants

    expr, at = options["expr"], options["at"]
    dx = number(options, "dx", "Δx")
    if dx <= 0:
        raise InputError(f"Δx must be more than 0, got {dx:g}")
    table_ = single.slope(expr, at)
    x_p = table_.point[0]
    line = secant(expr, x_p, x_p + dx)
    out = new_view()
    out["summary"] = (f"P = ({format_number(line.p[0])}, {format_number(line.p[1])}), "
                      f"Q = ({format_number(line.q[0])}, {format_number(line.q[1])}): "
                      f"the slope of PQ is {format_number(line.slope)}")
    out["tables"].append(table(table_))
    out["figures"].append(svg(plot_secants(single.slope(expr, at, deltas=repr(dx))),
                              "The secant PQ and the tangent"))
    return out


@view("diff")
def diff_view(options: dict[str, str]) -> View:
    from calcml.plot.delta import plot_secants

    expr, var = options["expr"], options.get("var") or "x"
    order = number(options, "order", "The order", int)
    if not 1 <= order <= MAX_ORDER:
        raise InputError(f"the order must be from 1 to {MAX_ORDER}, got {order}")
    solution = single.diff(expr, var, order)
    out = new_view(solution.to_html(options.get("notation") or "operator"))
    at = text(options, "at")
    if at is not None:
        out["figures"].append(svg(plot_secants(single.slope(expr, at, var, "3, 2, 1, 0.1")),
                                  f"Secants closing in on the tangent at {var} = {at}"))
    return out


@view("tangent")
def tangent_view(options: dict[str, str]) -> View:
    from calcml.plot.delta import plot_secants

    expr, at, var = options["expr"], options["at"], options.get("var") or "x"
    line = single.tangent(expr, at, var)
    out = new_view(line.solution.to_html())
    *out["notes"], out["summary"] = line.to_text().splitlines()
    out["figures"].append(svg(plot_secants(line), f"The tangent at {var} = {at}"))
    return out


@view("partial")
def partial_view(options: dict[str, str]) -> View:
    from calcml.plot.multivar import plot_slices
    from calcml.plot.multivar_surface import plot_surface

    expr, at = options["expr"], text(options, "at")
    solution = multivar.partial(expr, options.get("var") or "x", at)
    out = new_view(solution.to_html())
    if at is not None:
        out["figures"].append(svg(plot_slices(solution), "Slices through the point"))
        if len(solution.point) == 2:
            out["figures"].append(svg(plot_surface(solution), "The surface and its slopes"))
    return out


@view("chain")
def chain_view(options: dict[str, str]) -> View:
    from calcml.plot.multivar_chain import plot_chain_tree

    solution = multivar.chain(options["expr"], options["with"], options.get("var") or "t",
                              text(options, "at"))
    out = new_view(solution.to_html())
    out["figures"].append(svg(plot_chain_tree(solution), "The chain-rule tree"))
    return out


@view("grad")
def grad_view(options: dict[str, str]) -> View:
    from calcml.plot.multivar_surface import plot_gradient_field

    expr, at = options["expr"], text(options, "at")
    result = multivar.grad(expr, text(options, "vars"), at, three_ways=at is not None)
    solution = result.solution
    out = new_view(solution.to_html())
    if result.ways is not None:
        out["tables"].append(table(result.ways))
    out["figures"].append(svg(plot_gradient_field(solution),
                              "The gradient field over the contours"))
    return out


@view("integrate")
def integrate_view(options: dict[str, str]) -> View:
    from calcml.course.integral_areas import figure_result
    from calcml.plot.integrals import plot_area

    expr, var = options["expr"], options.get("var") or "x"
    lower, upper = text(options, "from"), text(options, "to")
    result = integrals.integrate(expr, var, lower, upper)
    out = new_view(result.solution.to_html())
    if result.solution.diverges:
        out["notes"].append(result.solution.divergence.capitalize() + ".")
    elif lower is not None:
        try:
            area = figure_result(result.solution)
        except InputError as err:  # an infinite interval: the value, without a figure
            out["notes"].append(f"{str(err)[0].upper()}{str(err)[1:]}.")
        else:
            out["figures"].append(svg(plot_area(area), "The area under the curve"))
    return out
