"""The delta method: the slope of the secant through P and Q as Q slides towards P.

With an expression the arithmetic is exact (2.1 is 21/10, so the slope is exactly 61/10);
with a Python callable it is in floats. Lesson 3's example, f(x) = x^2 + 2x + 2:

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> s = secant(x**2 + 2*x + 2, 2, 5)
>>> s.slope, s.intercept
(9, -8)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.finite_diff import central_difference
from calcml.numeric.functions import (
    FunctionLike,
    NumericFunction,
    VarLike,
    as_function,
    to_exact,
    to_number,
)
from calcml.timelimit import time_limited

DEFAULT_DELTAS = (1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6)
DX = sympy.Symbol("Δx", real=True)
KINK_STEP = sympy.Rational(1, 10**12)


@dataclass(frozen=True)
class Line:
    """A straight line y = slope * x + intercept through ``p`` (and ``q`` for a secant).

    Coordinates are SymPy numbers when ``exact`` (from an expression), else floats.
    """

    label: str  # the function, e.g. "f(x) = x^2 + 2*x + 2"
    p: tuple[Any, Any]
    slope: Any
    intercept: Any
    exact: bool
    q: tuple[Any, Any] | None = None

    def __call__(self, x: Any) -> Any:
        """The line's height at ``x`` (floats or NumPy arrays)."""
        return float(self.slope) * np.asarray(x, dtype=float) + float(self.intercept)

    def to_text(self) -> str:
        """The work: the slope from rise over run, the intercept, the equation."""
        xp, yp = (_show(v) for v in self.p)
        m, b = _show(self.slope), _show(self.intercept)
        lines = [self.label, f"P = ({xp}, {yp})"]
        if self.q is None:
            lines.append(f"tangent slope at P: m = f'({xp}) = {m}")
        else:
            xq, yq = (_show(v) for v in self.q)
            lines += [f"Q = ({xq}, {yq})",
                      f"slope m = (y_Q - y_P) / (x_Q - x_P) = ({yq} - {yp}) / ({xq} - {xp})"
                      f" = {m}"]
        lines += [f"intercept b = y_P - m x_P = {yp} - ({m})({xp}) = {b}",
                  f"line: y = {m} x + ({b})"]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The line as plain data.

        >>> secant(lambda t: t * t, 0, 2).to_dict()["slope"]
        2.0
        """
        out = {"function": self.label, "p": [float(v) for v in self.p],
               "slope": float(self.slope), "intercept": float(self.intercept),
               "exact": self.exact}
        if self.q is not None:
            out["q"] = [float(v) for v in self.q]
        return out

    def __str__(self) -> str:
        return self.to_text()


def _show(value: Any) -> str:
    if isinstance(value, sympy.Rational) or not isinstance(value, sympy.Basic):
        return format_number(value)
    if isinstance(value, sympy.Float):
        return format_number(value, 12)
    return f"{value} ≈ {format_number(value.evalf(15))}"


def _point(nf: NumericFunction, x: Any, name: str) -> tuple[Any, Any]:
    """(x, f(x)), exact for expressions; a clear error where f is undefined."""
    nf.value(to_number(x, name))
    if not nf.is_symbolic:
        return to_number(x, name), nf.value(x)
    xe = to_exact(x, name)
    ye = nf.exact(xe)
    if not (ye.is_finite and ye.is_real is not False):
        raise InputError(f"{nf.label} is not defined at {name} = {xe}; pick another point")
    return xe, ye


def _exact_number(value: sympy.Expr) -> sympy.Expr:
    """Rationals stay exact; anything else becomes a 30-digit Float."""
    return value if value.is_Rational else sympy.N(value, 30)


def _derivative_at(nf: NumericFunction, x: sympy.Expr) -> tuple[Any, str]:
    """f'(x) exactly, or (None, why) where there is none: a kink (relu or abs at 0) has
    different slopes just left and just right of x, or the slope is infinite there."""
    d = nf.derivative_expr()
    value = _exact_number(d.subs(nf.var, x))
    if not value.is_finite:
        return None, f"f has no finite derivative at x = {x}"
    nearby = [sympy.N(d.subs(nf.var, x + step), 20) for step in (-KINK_STEP, KINK_STEP)]
    if all(v.is_real for v in nearby) and abs(nearby[1] - nearby[0]) > 1e-6 * (
            1 + abs(value)):
        left, right = (format_number(v, 6) for v in nearby)
        return None, (f"f has no derivative at x = {x}: the slope just left of it is "
                      f"{left} and just right of it is {right} (a kink)")
    return value, ""


@time_limited("the secant")
def secant(f: FunctionLike, x_p: Any, x_q: Any, var: VarLike = None) -> Line:
    """The secant line through P = (x_p, f(x_p)) and Q = (x_q, f(x_q)).

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> secant(x**2 + 2*x + 2, 2, 2.1).slope
    61/10
    >>> secant(lambda t: t**2 + 2*t + 2, 2, 5).intercept
    -8.0
    """
    nf = as_function(f, var)
    p, q = _point(nf, x_p, "x_p"), _point(nf, x_q, "x_q")
    if p[0] == q[0]:
        raise InputError("P and Q must be different points (x_p == x_q); the slope at a "
                         "single point is the derivative: use delta_table(f, at)")
    slope = (q[1] - p[1]) / (q[0] - p[0])
    if nf.is_symbolic:
        slope = _exact_number(slope)
    intercept = p[1] - slope * p[0]
    if nf.is_symbolic:
        intercept = _exact_number(intercept)
    return Line(label=nf.title, p=p, q=q, slope=slope, intercept=intercept,
                exact=nf.is_symbolic)


@time_limited("the tangent")
def tangent(f: FunctionLike, at: Any, var: VarLike = None) -> Line:
    """The tangent line at P = (at, f(at)): exact slope f'(at) for an expression, else the
    central-difference estimate.

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> t = tangent(x**2 + 2*x + 2, -1)
    >>> t.slope, t.intercept
    (0, 1)
    """
    nf = as_function(f, var)
    p = _point(nf, at, "at")
    if nf.is_symbolic:
        slope, why = _derivative_at(nf, p[0])
        if slope is None:
            raise InputError(f"{why}, so it has no tangent line there")
    else:
        slope = central_difference(nf, p[0])
    intercept = p[1] - slope * p[0]
    if nf.is_symbolic:
        intercept = _exact_number(intercept)
    return Line(label=nf.title, p=p, slope=slope, intercept=intercept, exact=nf.is_symbolic)


@dataclass(frozen=True)
class DeltaTable(TableResult):
    """The delta method's table: Q = P + Δx for each Δx, the secant slope, and its error.

    ``derivative`` is the exact f'(at) (from an expression, or the ``exact`` you gave),
    else None; ``quotient`` is the simplified difference quotient (f(x+Δx) - f(x)) / Δx
    when algebra can cancel the Δx, else None.
    """

    table: Table
    point: tuple[Any, Any]
    slopes: tuple[Any, ...]
    derivative: Any = None
    quotient: sympy.Expr | None = None

    @property
    def estimate(self) -> float:
        """The slope at the smallest |Δx|: the delta method's estimate of f'(at).

        >>> round(delta_table(lambda t: t**2, 1, deltas=(0.5, 0.001)).estimate, 9)
        2.001
        """
        steps = [abs(float(d)) for d in self.table.column("Δx")]
        return float(self.slopes[steps.index(min(steps))])


def _check_deltas(deltas: Sequence[Any]) -> list[Any]:
    deltas = list(deltas)
    if not deltas:
        raise InputError("give at least one Δx, e.g. deltas=(1, 0.1, 0.01)")
    for d in deltas:
        if to_number(d, "each Δx") == 0:
            raise InputError("Δx = 0 puts Q on P and the slope becomes 0/0; "
                             "use small nonzero steps such as 1e-6")
    return deltas


def _quotient(nf: NumericFunction) -> sympy.Expr | None:
    """(f(x+Δx) - f(x)) / Δx with the Δx cancelled, when algebra can do it."""
    q = sympy.cancel((nf.expr.subs(nf.var, nf.var + DX) - nf.expr) / DX)
    at_zero = q.subs(DX, 0)
    return q if at_zero.is_finite and not at_zero.has(sympy.nan) else None


def _rows(nf: NumericFunction, p: tuple[Any, Any], deltas: list[Any]) -> list[tuple]:
    rows = []
    for d in deltas:
        if nf.is_symbolic:
            dx = to_exact(d, "each Δx")
            xq, yq = _point(nf, p[0] + dx, "x_Q")
            slope = _exact_number((yq - p[1]) / dx)
        else:
            dx = to_number(d, "each Δx")
            xq, yq = _point(nf, p[0] + dx, "x_Q")
            slope = (yq - p[1]) / dx
        rows.append((dx, xq, yq, slope))
    return rows


def _notes(nf: NumericFunction, p: tuple[Any, Any], derivative: Any,
           quotient: sympy.Expr | None, why: str) -> list[str]:
    xp = format_number(p[0])
    notes = [f"slope of PQ = (f({xp} + Δx) - f({xp})) / Δx"]
    if quotient is not None:
        from calcml.expr.printing import to_text

        at_p = sympy.expand(quotient.subs(nf.var, p[0]))
        notes.append(f"algebra: (f(x + Δx) - f(x)) / Δx = {to_text(quotient)}; "
                     f"at x = {xp} it is {to_text(at_p)}, which tends to "
                     f"{to_text(at_p.subs(DX, 0))} as Δx -> 0")
    if why:
        notes.append(why)
    if derivative is not None:
        source = "d/dx of the expression" if nf.is_symbolic else "given"
        notes.append(f"exact derivative f'({xp}) = {_show(derivative)} ({source}); "
                     "error = slope - f'(x)")
    return notes


@time_limited("the delta table")
def delta_table(f: FunctionLike, at: Any, deltas: Sequence[Any] = DEFAULT_DELTAS,
                var: VarLike = None, exact: Any = None) -> DeltaTable:
    """Secant slopes from P = (at, f(at)) to Q = (at + Δx, f(at + Δx)) for shrinking Δx.

    Negative Δx puts Q on the left of P. ``exact`` is f'(at) for a Python callable (an
    expression's derivative is computed). Print it with ``print(t.to_text())``.

    >>> import sympy
    >>> x = sympy.Symbol("x", real=True)
    >>> t = delta_table(x**2 + 2*x + 2, 2)
    >>> [str(s) for s in t.slopes[:3]], t.derivative
    (['7', '61/10', '601/100'], 6)
    >>> abs(delta_table(lambda v: v**2 + 2*v + 2, -1).estimate) < 1e-5
    True
    """
    nf = as_function(f, var)
    p = _point(nf, at, "at")
    rows = _rows(nf, p, _check_deltas(deltas))
    quotient = _quotient(nf) if nf.is_symbolic else None
    why = ""
    if nf.is_symbolic:
        derivative, why = _derivative_at(nf, p[0])
    else:
        derivative = None if exact is None else to_number(exact, "exact")
    columns = ["Δx", "x_Q", "f(x_Q)", "slope of PQ"]
    if derivative is not None:
        columns.append("error")
        rows = [r + (r[3] - derivative,) for r in rows]
    title = (f"Delta method for {nf.title} at P = "
             f"({format_number(p[0])}, {format_number(p[1])})")
    return DeltaTable(table=Table(title, tuple(columns), tuple(rows),
                                  notes=tuple(_notes(nf, p, derivative, quotient, why))),
                      point=p, slopes=tuple(r[3] for r in rows), derivative=derivative,
                      quotient=quotient)
