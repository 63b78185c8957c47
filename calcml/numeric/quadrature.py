"""Numeric integration that shows its work: one entry point, :func:`integrate`, for the
Riemann sums, the trapezoid and Simpson rules, Romberg, Gauss-Legendre and an adaptive
Gauss-Kronrod method; every answer carries an error estimate and its cost in evaluations.

>>> r = integrate("x/2", 1, 2, "trapezoid", 4)
>>> r.estimate, r.error
(0.75, 0.0)
>>> round(integrate("exp(-x^2)", "-oo", "oo").estimate ** 2, 12)
3.14159265359
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.adaptive import STATUS, adaptive
from calcml.numeric.functions import (
    FunctionLike,
    NumericFunction,
    VarLike,
    as_function,
    to_number,
)
from calcml.numeric.quad_rules import (
    FIXED_RULES,
    FORMULAS,
    check_n,
    fixed_rule,
    rule_points,
    sample,
)

METHODS = (*FIXED_RULES, "adaptive")
DEFAULT_N = 64
DEFAULT_BUDGET = 50_000
ADAPTIVE_FORMULA = ("21-point Gauss-Kronrod on bisected intervals, worst error first, with "
                    "Wynn's epsilon extrapolation (QUADPACK's QAGS; an infinite interval is "
                    "mapped onto (0, 1] as in QAGI)")


@dataclass(frozen=True)
class Quadrature:
    """A numeric integral of f over [a, b], with its work.

    ``estimate`` is the value; ``error`` the method's own estimate of |estimate - exact|;
    ``evaluations`` how many times f was called at a point; ``n`` the number of strips
    (nodes for Gauss-Legendre, final intervals for the adaptive method); ``converged`` is
    False when the adaptive method stopped without meeting its tolerance, and ``message``
    then says why. ``function`` is the integrand (a :class:`NumericFunction`: the callable,
    and the expression and variable when it came from one); ``exact`` and ``exact_text``
    hold the exact value once :func:`calcml.numeric.quad_tables.with_exact` has found it
    (or been given it), so that a figure can show the true error.
    """

    estimate: float
    error: float
    evaluations: int
    method: str
    n: int
    a: float
    b: float
    label: str = "f(x)"
    converged: bool = True
    message: str = ""
    function: NumericFunction | None = field(default=None, repr=False, compare=False)
    exact: float | None = None
    exact_text: str = ""

    @property
    def true_error(self) -> float | None:
        """|estimate - exact| when the exact value is known, else None.

        >>> integrate("x", 0, 1, "left", 2).true_error is None
        True
        """
        return None if self.exact is None else abs(self.estimate - self.exact)

    def samples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The strip edges, the points where the rule sampled f and f there, for the rules
        that stand shapes on strips (left, right, midpoint, trapezoid, simpson).

        >>> edges, xs, ys = integrate("x^2", 0, 2, "right", 2).samples()
        >>> xs.tolist(), ys.tolist()
        ([1.0, 2.0], [1.0, 4.0])
        """
        if self.function is None:
            raise InputError("this result has no function to sample; build it with integrate")
        if not (math.isfinite(self.a) and math.isfinite(self.b)) or self.a >= self.b:
            raise InputError(f"the strips need a finite interval with a < b, got "
                             f"[{format_number(self.a)}, {format_number(self.b)}]")
        edges, points = rule_points(self.method, self.a, self.b, self.n)
        return edges, points, sample(self.function, points)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON.

        >>> integrate("2x", 3, 4, "midpoint", 2).to_dict()["estimate"]
        7.0
        """
        return {"estimate": self.estimate, "error": self.error,
                "evaluations": self.evaluations, "method": self.method, "n": self.n,
                "a": _plain_bound(self.a), "b": _plain_bound(self.b), "function": self.label,
                "converged": self.converged, "message": self.message}

    def to_text(self) -> str:
        """The integral, the estimate with its error, the method and its cost.

        >>> print(integrate("2x", 3, 4, "simpson", 2).to_text().splitlines()[0])
        integral of 2x from 3 to 4 ~ 7 (error estimate 0)
        """
        span = f"from {format_number(self.a)} to {format_number(self.b)}"
        lines = [f"integral of {self.label} {span} ~ {format_number(self.estimate, 15)} "
                 f"(error estimate {format_number(self.error, 3)})",
                 f"method: {self.method}, {self._size()}, {self.evaluations} evaluations of f",
                 f"rule: {FORMULAS.get(self.method, ADAPTIVE_FORMULA)}"]
        if not self.converged:
            lines.append(f"warning: did not converge: {self.message}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the integral in LaTeX, and the estimate with its error,
        method and cost as an HTML table (and as text).

        >>> integrate("x/2", 1, 2, "trapezoid", 4)._repr_mimebundle_()["text/latex"]
        '$$\\\\int_{1}^{2} \\\\frac{x}{2}\\\\, dx \\\\approx 0.75$$'
        """
        from html import escape

        integrand, var = _latex_integrand(self.label)
        bounds = f"_{{{_latex_bound(self.a)}}}^{{{_latex_bound(self.b)}}}"
        latex = (f"$$\\int{bounds} {integrand}\\, d{var} \\approx "
                 f"{format_number(self.estimate, 15)}$$")
        lines = self.to_text().splitlines()
        rows = "".join(f"<tr><th>{escape(key)}</th><td>{escape(value)}</td></tr>" for key, value in
                       (("integral", lines[0]), ("estimate", format_number(self.estimate, 15)),
                        ("error estimate", format_number(self.error, 3)),
                        ("method", self.method), ("size", self._size()),
                        ("evaluations of f", str(self.evaluations)),
                        ("rule", lines[2].removeprefix("rule: "))))
        if not self.converged:
            rows += f"<tr><th>warning</th><td>{escape(self.message)}</td></tr>"
        return {"text/plain": self.to_text(), "text/latex": latex,
                "text/html": f'<table class="calcml-quadrature">{rows}</table>'}

    def _size(self) -> str:
        if self.method == "adaptive":
            return f"{self.n} interval{'s' * (self.n != 1)} at the end"
        return f"n = {self.n} {'nodes' if self.method == 'gauss-legendre' else 'strips'}"


def integrate(f: FunctionLike, a: Any, b: Any, method: str = "adaptive", n: int | None = None,
              *, tol: float = 1e-10, max_evaluations: int = DEFAULT_BUDGET,
              var: VarLike = None) -> Quadrature:
    """The integral of f from a to b by ``method``, with an error estimate.

    f is a Python/NumPy callable, math text or a SymPy expression. ``method`` is one of
    "left", "right", "midpoint" (Riemann sums), "trapezoid", "simpson", "romberg",
    "gauss-legendre" (``n`` strips, or nodes, default 64) or "adaptive" (default).

    Fixed rules estimate their error from the same rule with 2n strips: for a rule of
    order p (1 left/right, 2 midpoint/trapezoid, 4 Simpson), Richardson gives
    error(Q_n) ~ |Q_n - Q_2n| * 2^p / (2^p - 1); for Romberg and Gauss-Legendre, whose 2n
    value is far better, error(Q_n) ~ |Q_n - Q_2n|. The evaluations made for Q_2n count.

    The adaptive method (see :mod:`calcml.numeric.adaptive`) aims at a relative error of
    ``tol``, handles end-point singularities and infinite bounds ("oo", ``math.inf``), and
    stops after ``max_evaluations`` with ``converged=False`` rather than run on. a > b gives
    minus the integral from b to a.

    >>> r = integrate("x/2", 1, 2)
    >>> r.estimate, r.evaluations, r.converged
    (0.75, 21, True)
    >>> integrate(lambda t: t ** 3, 0, 1, "simpson", 2).estimate
    0.25
    """
    if method not in METHODS:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    nf = as_function(f, var)
    lo, hi = to_number(a, "a", infinite=True), to_number(b, "b", infinite=True)
    count = _check_request(method, n, lo, hi, tol, max_evaluations)
    if lo == hi:
        return Quadrature(0.0, 0.0, 0, method, 0, lo, hi, nf.label, function=nf)
    sign, left, right = (1, lo, hi) if lo < hi else (-1, hi, lo)
    if method == "adaptive":
        found = _adaptive(nf, left, right, tol, max_evaluations)
        return Quadrature(sign * found.estimate, found.error, found.evaluations, method,
                          found.intervals, lo, hi, nf.label, found.status == "converged",
                          "" if found.status == "converged" else STATUS[found.status],
                          function=nf)
    estimate, error, evaluations = fixed_rule(nf, left, right, method, count)
    return Quadrature(sign * estimate, error, evaluations, method, count, lo, hi, nf.label,
                      function=nf)


def _plain_bound(value: float) -> float | str:
    """A bound for JSON: infinities as "oo" and "-oo" (JSON has no infinity)."""
    if math.isinf(value):
        return "oo" if value > 0 else "-oo"
    return value



def _check_request(method: str, n: Any, lo: float, hi: float, tol: Any,
                   max_evaluations: Any) -> int:
    """The number of strips of a fixed rule (0 for the adaptive method), once the request
    is known to make sense."""
    if method != "adaptive":
        if not (math.isfinite(lo) and math.isfinite(hi)):
            raise InputError(f"the {method} rule needs finite bounds, got [{lo:g}, {hi:g}]; "
                             "use method='adaptive' for an infinite interval")
        return check_n(method, DEFAULT_N if n is None else n)
    if n is not None:
        raise InputError("the adaptive method chooses its own intervals; leave n out "
                         "(or pick a fixed rule such as method='simpson')")
    if isinstance(tol, bool) or not isinstance(tol, int | float) or not 0 < tol < 1:
        raise InputError(f"tol must be a number between 0 and 1 such as 1e-10, got {tol!r}")
    if isinstance(max_evaluations, bool) or not isinstance(max_evaluations, int) or (
            max_evaluations < 21):
        raise InputError("max_evaluations must be a whole number of at least 21, got "
                         f"{max_evaluations!r}")
    return 0


def _adaptive(nf: NumericFunction, a: float, b: float, tol: float, budget: int):
    """QAGS on a finite interval, and on an infinite one mapped onto (0, 1] (QAGI)."""
    if math.isfinite(a) and math.isfinite(b):
        return adaptive(lambda x: sample(nf, x), a, b, tol, budget)
    both = not (math.isfinite(a) or math.isfinite(b))
    fn = _mapped(nf, a, b)
    found = adaptive(fn, 0.0, 1.0, tol, budget // (2 if both else 1))
    return replace(found, evaluations=2 * found.evaluations) if both else found


def _mapped(nf: NumericFunction, a: float, b: float) -> Callable[[np.ndarray], np.ndarray]:
    """f on (0, 1] after x = a + (1 - t)/t (or b - (1 - t)/t, or +-(1 - t)/t), times dx/dt."""
    def fn(t: np.ndarray) -> np.ndarray:
        s = (1 - t) / t
        if math.isfinite(a):
            values = sample(nf, a + s)
        elif math.isfinite(b):
            values = sample(nf, b - s)
        else:
            values = sample(nf, s) + sample(nf, -s)
        return values / (t * t)
    return fn


def _latex_integrand(label: str) -> tuple[str, str]:
    """The integrand in LaTeX and its variable, read back from the label when it is math
    text (``"x/2"``); a Python function's label (``"g(x)"``) is shown as it is."""
    from calcml.errors import CalcmlError
    from calcml.expr.parser import parse
    from calcml.expr.printing import to_latex, to_text

    try:
        expr = parse(label)
    except CalcmlError:
        expr = None
    if expr is None or to_text(expr) != label:  # "g(x)" names a function: g*x it is not
        return f"\\text{{{label}}}", "x"
    names = sorted(str(s) for s in expr.free_symbols)
    return to_latex(expr), names[0] if len(names) == 1 else "x"


def _latex_bound(value: float) -> str:
    if math.isinf(value):
        return "\\infty" if value > 0 else "-\\infty"
    return format_number(value)
