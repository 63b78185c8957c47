"""The delta method: the slope of the secant through P and Q as Q slides towards P.

The tangent line itself is :func:`calcml.tangent`; both use :func:`kink`, the one rule
for a point where f has no derivative.

With an expression the arithmetic is exact (2.1 is 21/10, so the slope is exactly 61/10);
with a Python callable it is in floats. Lesson 3's example, f(x) = x^2 + 2x + 2:

>>> import sympy
>>> x = sympy.Symbol("x", real=True)
>>> s = secant(x**2 + 2*x + 2, 2, 5)
>>> s.slope, s.intercept
(9, -8)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number
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
class Secant:
    """The secant line y = slope * x + intercept through P and Q on the curve.

    Coordinates are SymPy numbers when ``exact`` (from an expression), else floats.
    Not to be confused with :class:`calcml.learn.Line`, the trainable model y = m x + b;
    the tangent line at one point is :class:`calcml.Tangent` (from :func:`calcml.tangent`).
    """

    label: str  # the function, e.g. "f(x) = x^2 + 2*x + 2"
    p: tuple[Any, Any]
    q: tuple[Any, Any]
    slope: Any
    intercept: Any
    exact: bool

    def __call__(self, x: Any) -> Any:
        """The line's height at ``x`` (floats or NumPy arrays)."""
        return float(self.slope) * np.asarray(x, dtype=float) + float(self.intercept)

    def to_text(self) -> str:
        """The work: the slope from rise over run, the intercept, the equation."""
        (xp, yp), (xq, yq) = ((_show(v) for v in pt) for pt in (self.p, self.q))
        m, b = _show(self.slope), _show(self.intercept)
        return "\n".join([
            self.label, f"P = ({xp}, {yp})", f"Q = ({xq}, {yq})",
            f"slope m = (y_Q - y_P) / (x_Q - x_P) = ({_minus(yq, yp)}) / "
            f"({_minus(xq, xp)}) = {m}",
            f"intercept b = y_P - m x_P = {yp} - ({m})({xp}) = {b}",
            f"line: y = {m} x {_plus(b)}"])

    def to_dict(self) -> dict[str, Any]:
        """The line as plain data.

        >>> secant(lambda t: t * t, 0, 2).to_dict()["slope"]
        2.0
        """
        return {"function": self.label, "p": [float(v) for v in self.p],
                "q": [float(v) for v in self.q], "slope": float(self.slope),
                "intercept": float(self.intercept), "exact": self.exact}

    def __str__(self) -> str:
        return self.to_text()


Line = Secant  # the old name, kept for code written before the rename


def _minus(first: str, second: str) -> str:
    """``first - second``, the second bracketed when it is negative: -204 - (-46).

    >>> _minus("-204", "-46"), _minus("3", "2")
    ('-204 - (-46)', '3 - 2')
    """
    return f"{first} - ({second})" if second.startswith("-") else f"{first} - {second}"


def _plus(value: str) -> str:
    """``+ value``, or ``- |value|`` for a plain negative number: y = 2 x - 3.

    >>> _plus("-3"), _plus("1.5"), _plus("-sqrt(2) ≈ -1.41421")
    ('- 3', '+ 1.5', '+ (-sqrt(2) ≈ -1.41421)')
    """
    if not value.startswith("-"):
        return f"+ {value}"
    return f"- {value[1:]}" if " " not in value else f"+ ({value})"


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


def one_sided_slopes(nf: NumericFunction, x: Any) -> tuple[float, float]:
    """The slopes just left and just right of ``x``: f' at x -+ 10^-12 (20 digits) for
    an expression, the one-sided difference quotients with h = 10^-7 for a callable.

    >>> one_sided_slopes(as_function("relu(x)"), 0)
    (0.0, 1.0)
    >>> [round(s, 4) for s in one_sided_slopes(as_function(abs), 0)]
    [-1.0, 1.0]
    """
    if nf.is_symbolic:
        d = nf.derivative_expr()
        near = [sympy.N(d.subs(nf.var, to_exact(x, "x") + step), 20)
                for step in (-KINK_STEP, KINK_STEP)]
        if not all(v.is_real and v.is_finite for v in near):
            return math.nan, math.nan
        return float(near[0]), float(near[1])
    x0 = to_number(x, "x")
    h = 1e-7 * max(1.0, abs(x0))
    y0 = nf.value(x0)
    return (y0 - nf.value(x0 - h)) / h, (nf.value(x0 + h) - y0) / h


def kink(nf: NumericFunction, x: Any) -> str:
    """The one rule for kinks, shared by :func:`calcml.tangent` and :func:`delta_table`:
    where the slopes just left and just right of ``x`` differ (relu or abs at 0), f has
    no derivative there. Returns why, or "" where there is no kink.

    >>> kink(as_function("relu(x)"), 0).split(": ")[1]
    'the slope just left of it is 0 and just right of it is 1, so f has no derivative there'
    >>> kink(as_function("x^2"), 0)
    ''
    """
    left, right = one_sided_slopes(nf, x)
    tolerance = (1e-6 if nf.is_symbolic else 1e-3) * (1 + max(abs(left), abs(right)))
    if not abs(right - left) > tolerance:
        return ""
    where = format_number(x) if not isinstance(x, sympy.Basic) else _show(x)
    return (f"f has a kink at x = {where}: the slope just left of it is "
            f"{format_number(left, 6)} and just right of it is {format_number(right, 6)}, "
            "so f has no derivative there")


def _derivative_at(nf: NumericFunction, x: sympy.Expr) -> tuple[Any, str]:
    """f'(x) exactly, or (None, why) where there is none: a kink (see :func:`kink`), or
    the slope is infinite there."""
    value = _exact_number(nf.derivative_expr().subs(nf.var, x))
    if not value.is_finite:
        return None, f"f has no finite derivative at x = {x}"
    why = kink(nf, x)
    return (None, why) if why else (value, "")


@time_limited("the secant")
def secant(f: FunctionLike, x_p: Any, x_q: Any, var: VarLike = None) -> Secant:
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
    return Secant(label=nf.title, p=p, q=q, slope=slope, intercept=intercept,
                  exact=nf.is_symbolic)


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
    function: NumericFunction | None = field(default=None, compare=False, repr=False)

    @property
    def secants(self) -> tuple[Secant, ...]:
        """The secant PQ of each row, in the table's order (what a figure draws).

        >>> [str(s.slope) for s in delta_table("x^2", 1, deltas=(1, 0.5)).secants]
        ['3', '5/2']
        """
        label = self.function.title if self.function is not None else self.table.title
        (xp, yp), exact = self.point, isinstance(self.point[0], sympy.Basic)
        out = []
        for row in self.table.rows:
            xq, yq, slope = row[1:4]
            intercept = yp - slope * xp
            out.append(Secant(label=label, p=self.point, q=(xq, yq), slope=slope,
                              intercept=_exact_number(intercept) if exact else intercept,
                              exact=exact))
        return tuple(out)

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
    notes = [f"slope of PQ = (f({xp} + Δx) − f({xp}))/Δx"]  # ASCII in ascii_text()
    if quotient is not None:
        from calcml.expr.printing import to_text

        at_p = sympy.expand(quotient.subs(nf.var, p[0]))
        notes.append(f"algebra: (f(x + Δx) − f(x))/Δx = {to_text(quotient)}; "
                     f"at x = {xp} it is {to_text(at_p)}, which tends to "
                     f"{to_text(at_p.subs(DX, 0))} as Δx → 0")
    if why:
        notes.append(why)
    if derivative is not None:
        source = "d/dx of the expression" if nf.is_symbolic else "given"
        notes.append(f"exact derivative f'({xp}) = {_show(derivative)} ({source}); "
                     "error = slope − f'(x)")
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
        why = kink(nf, p[0])
    columns = ["Δx", "x_Q", "f(x_Q)", "slope of PQ"]
    if derivative is not None:
        columns.append("error")
        rows = [r + (r[3] - derivative,) for r in rows]
    title = (f"Delta method for {nf.title} at P = "
             f"({format_number(p[0])}, {format_number(p[1])})")
    return DeltaTable(table=Table(title, tuple(columns), tuple(rows),
                                  notes=tuple(_notes(nf, p, derivative, quotient, why))),
                      point=p, slopes=tuple(r[3] for r in rows), derivative=derivative,
                      quotient=quotient, function=nf)
