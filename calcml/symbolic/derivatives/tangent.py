"""The tangent line to y = f(x) at a point: y = m x + b with m = f'(x0), b = f(x0) - m x0.

This is calcml's one tangent: exact and worked for an expression, estimated by central
differences for a Python callable. Where f has a kink (relu or abs at 0) there is no
tangent, by the rule :func:`calcml.numeric.delta.kink` that the delta method's table
also uses. The figures (:func:`calcml.plot.plot_secants`) draw the Tangent this returns.

>>> from calcml.symbolic.derivatives.tangent import tangent
>>> str(tangent("x^2 + 2x + 2", at=2).line)
'6*x - 2'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from calcml.errors import InputError
from calcml.expr.asciify import plain_ascii
from calcml.expr.coerce import as_expr, as_symbol
from calcml.expr.printing import ascii_mode, to_latex, to_mathml, to_text
from calcml.expr.tables import format_number
from calcml.expr.values import read_number
from calcml.numeric.delta import kink
from calcml.numeric.finite_diff import central_difference
from calcml.numeric.functions import NumericFunction, as_function, to_number
from calcml.steps.base import Solution
from calcml.symbolic.derivatives.derivative import derivative
from calcml.timelimit import time_limited


@dataclass(frozen=True)
class Tangent:
    """The tangent line to ``function`` at ``point`` = (x0, y0), with exact values.

    ``slope`` is m = f'(x0), ``intercept`` is b = y0 - m x0, ``line`` is m x + b as a
    SymPy expression in ``var``, and ``solution`` is the worked derivative f'(x). For a
    Python callable, ``function`` is the :class:`NumericFunction`, the numbers are floats
    (the slope by central differences) and ``solution`` is None.
    Calling it gives the line's height: ``t(x0)`` is m x0 + b.

    >>> t = tangent("x^2", at=3)
    >>> t.line, t.slope_float, t.point_float, t(0.0)
    (6*x - 9, 6.0, (3.0, 9.0), -9.0)
    """

    function: sympy.Expr | NumericFunction
    var: sympy.Symbol
    point: tuple[sympy.Expr, sympy.Expr]
    slope: sympy.Expr
    intercept: sympy.Expr
    line: sympy.Expr
    solution: Solution | None = None

    @property
    def exact(self) -> bool:
        """True for an expression's tangent (exact numbers, a worked derivative)."""
        return self.solution is not None

    @property
    def numeric_function(self) -> NumericFunction:
        """f as a function on floats and NumPy arrays (what a figure draws).

        >>> float(tangent("x^2", at=3).numeric_function(2.0))
        4.0
        """
        return as_function(self.function, None if not self.exact else self.var)

    @property
    def point_float(self) -> tuple[float, float]:
        """(x0, y0) as floats."""
        return float(self.point[0]), float(self.point[1])

    @property
    def slope_float(self) -> float:
        """m as a float."""
        return float(self.slope)

    @property
    def intercept_float(self) -> float:
        """b as a float."""
        return float(self.intercept)

    def __call__(self, x0: float) -> float:
        """The line's height at ``x0``: m x0 + b."""
        return self.slope_float * x0 + self.intercept_float

    @property
    def _shown_function(self) -> sympy.Expr:
        """f for printing: the expression, or a callable's name as a symbol."""
        return self.function if self.exact else sympy.Symbol(self.function.label)

    @property
    def _title(self) -> str:
        if self.exact:
            return f"f({to_text(self.var)}) = {to_text(self.function)}"
        return f"y = {self.function.label}"

    def to_text(self) -> str:
        """The tangent worked out in plain text: point, slope, intercept, line.

        >>> print(tangent(lambda t: t**3, at=1).to_text().splitlines()[2])
        Slope: m = f'(1) ≈ 3 by the central difference (f(1 + h) − f(1 − h))/(2h).
        >>> print(tangent("x^2 + 2x + 2", at=2).to_text().splitlines()[3])
        Intercept: b = y₀ − m·x₀ = 10 − 6·2 = −2.
        """
        shown = to_text if self.exact else (lambda value: format_number(value, 10))
        x0, y0 = (shown(v) for v in self.point)
        v, m, b = to_text(self.var), shown(self.slope), shown(self.intercept)
        slope = (f"Slope: f'({v}) = {to_text(self.solution.result)}, so m = f'({x0}) = {m}."
                 if self.exact else f"Slope: m = f'({x0}) ≈ {m} by the central difference "
                 f"(f({x0} + h) − f({x0} − h))/(2h).")
        line = to_text(self.line) if self.exact else f"{m}·{v} + {_factor(b)}"
        text = "\n".join([
            f"Tangent to {self._title} at {v} = {x0}",
            f"Point: f({x0}) = {y0}, so the line passes through ({x0}, {y0}).", slope,
            f"Intercept: b = y₀ − m·x₀ = {y0} − {_factor(m)}·{_factor(x0)} = {b}.",
            f"Line: y = {line}"])
        return plain_ascii(text) if ascii_mode() else text

    def to_latex(self) -> str:
        """The tangent in LaTeX (the line as a display equation), then the worked
        derivative.

        >>> tangent("x^2", at=3).to_latex().splitlines()[4]
        '\\\\[ y = 6 x - 9 \\\\]'
        """
        x0, y0 = (to_latex(v) for v in self.point)
        v, m, b = to_latex(self.var), to_latex(self.slope), to_latex(self.intercept)
        slope = (rf"Slope: $f'({v}) = {to_latex(self.solution.result)}$, so $m = f'({x0}) = {m}$."
                 if self.exact else rf"Slope: $m = f'({x0}) \approx {m}$ (central difference).")
        worked = ["The derivative, worked:", self.solution.to_latex()] if self.exact else []
        return "\n".join([
            rf"Tangent to $f({v}) = {to_latex(self._shown_function)}$ at ${v} = {x0}$.",
            rf"Point: $f({x0}) = {y0}$, so the line passes through $({x0}, {y0})$.", slope,
            rf"Intercept: $b = y_0 - m x_0 = {b}$.",
            rf"\[ y = {to_latex(self.line)} \]", *worked])

    def to_html(self) -> str:
        """The tangent in HTML with MathML, then the worked derivative."""
        def eq(left: sympy.Basic, right: sympy.Basic) -> str:
            return to_mathml(sympy.Eq(left, right, evaluate=False))

        f, (x0, y0) = sympy.Function("f"), self.point
        rows = [f"Tangent to {eq(f(self.var), self._shown_function)} at {eq(self.var, x0)}",
                f"Point: {eq(f(x0), y0)}",
                f"Slope: {eq(sympy.Symbol('m'), self.slope)}",
                f"Intercept: {eq(sympy.Symbol('b'), self.intercept)}",
                f"Line: {eq(sympy.Symbol('y'), self.line)}"]
        body = "".join(f"<p>{row}</p>" for row in rows)
        worked = self.solution.to_html() if self.exact else ""
        return f'<div class="calcml-tangent">{body}{worked}</div>'

    def render(self, fmt: str = "text") -> str | dict:
        """``"text"``, ``"latex"``, ``"html"`` or ``"json"`` (a dict); every format holds
        the tangent line, not only the derivative."""
        found = {"text": self.to_text, "latex": self.to_latex, "html": self.to_html,
                 "json": self.to_dict}.get(fmt)
        if found is None:
            raise InputError(f"unknown format {fmt!r}; use text, latex, html or json")
        return found()

    def to_dict(self) -> dict:
        """The tangent as JSON-ready data: exact values as text, floats beside them, and
        the worked derivative.

        >>> tangent("x^2", at=3).to_dict()["intercept_float"]
        -9.0
        """
        return {"function": to_text(self._shown_function), "var": to_text(self.var),
                "point": [to_text(v) for v in self.point], "point_float": self.point_float,
                "slope": to_text(self.slope), "slope_float": self.slope_float,
                "intercept": to_text(self.intercept), "intercept_float": self.intercept_float,
                "line": to_text(self.line),
                "derivative": self.solution.to_dict() if self.exact else None}

    def __str__(self) -> str:
        return self.to_text()


@time_limited("the tangent line")
def tangent(expr: str | sympy.Basic | Callable, at: str | sympy.Basic | float,
            var: str | sympy.Symbol = "x") -> Tangent:
    """The tangent line to y = ``expr`` at ``var`` = ``at``: worked out exactly for an
    expression, estimated by central differences for a Python callable.

    Raises :class:`InputError` where f or f' is not defined, not real or not finite at
    the point, or where f has a kink there (relu or abs at 0: the slopes just left and
    just right differ, by :func:`calcml.numeric.delta.kink`).

    >>> t = tangent("x^2 + 2x + 2", at=2)
    >>> t.point, t.slope, t.intercept
    ((2, 10), 6, -2)
    >>> t(3.0)
    16.0
    >>> round(tangent(lambda v: v**2 + 2*v + 2, at=2).slope_float, 6)
    6.0
    """
    if callable(expr) and not isinstance(expr, str | sympy.Basic):
        return _numeric_tangent(expr, at, var)
    f = as_expr(expr)
    x = as_symbol(var, f)
    x0 = _point(at, x)
    _only_var(f, x)
    y0 = _value_at(f, x, x0, f"f({x}) = {to_text(f)}")
    solution = derivative(f, x, timeout=None)
    _no_kink(as_function(f, x), x0)
    m = _value_at(solution.result, x, x0, f"the slope f'({x}) = {to_text(solution.result)}")
    b = _tidy(y0 - m * x0)
    return Tangent(function=f, var=x, point=(x0, y0), slope=m, intercept=b,
                   line=m * x + b, solution=solution)


def _numeric_tangent(fn: Callable, at: str | sympy.Basic | float,
                     var: str | sympy.Symbol) -> Tangent:
    """The tangent of a Python callable, in floats: m by the central difference."""
    nf = as_function(fn)
    x0 = to_number(at, "the point of the tangent")
    y0 = nf.value(x0)
    _no_kink(nf, x0)
    m = central_difference(nf, x0)
    b = y0 - m * x0
    x = as_symbol(var)
    return Tangent(function=nf, var=x, point=(sympy.Float(x0), sympy.Float(y0)),
                   slope=sympy.Float(m), intercept=sympy.Float(b),
                   line=sympy.Float(m) * x + sympy.Float(b))


def _no_kink(nf: NumericFunction, x0: sympy.Expr | float) -> None:
    why = kink(nf, x0)
    if why:
        raise InputError(f"{why}, and no tangent line; choose another point")


def _point(at: str | sympy.Basic | float, x: sympy.Symbol) -> sympy.Expr:
    return read_number(at, f"the point {x} = a of the tangent")


def _only_var(f: sympy.Expr, x: sympy.Symbol) -> None:
    others = sorted(s.name for s in f.free_symbols if s != x)
    if others:
        raise InputError(f"the function has other symbols ({', '.join(others)}) besides {x}; "
                         "replace them by numbers to draw a tangent line")


def _value_at(g: sympy.Expr, x: sympy.Symbol, x0: sympy.Expr, name: str) -> sympy.Expr:
    """g(x0), exactly; an InputError naming ``name`` and the point where it is not a
    finite real number."""
    value = _tidy(g.subs(x, x0))
    if value.has(sympy.nan, sympy.zoo) or value.is_finite is False:
        raise InputError(f"{name} is not defined or not finite at {x} = {to_text(x0)}; "
                         "choose another point")
    number = complex(value.evalf())
    if abs(number.imag) > 1e-12 * max(1.0, abs(number.real)):
        raise InputError(f"{name} is not a real number at {x} = {to_text(x0)}; "
                         "choose a point in the function's domain")
    return value


def _tidy(value: sympy.Expr) -> sympy.Expr:
    return value if value.is_Rational else sympy.simplify(value)


def _factor(text: str) -> str:
    """A number's text as a factor of a product: bracketed when it is negative or not a
    single number or name (−3 as (−3), 1/2 as (1/2))."""
    plain = text.lstrip("-−")
    simple = plain.replace(".", "").isalnum() and text == plain
    return text if simple else f"({text})"
