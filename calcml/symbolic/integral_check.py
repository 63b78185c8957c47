"""Independent checks of an integral: differentiate the antiderivative back, and compare a
definite value with SciPy's ``quad``.

Calculus here is real calculus: an antiderivative must be real, and differentiate back to
the integrand, at every sample point where the integrand is real.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import sympy

from calcml.numeric.functions import as_function
from calcml.steps.base import Check
from calcml.symbolic.diff_check import SAMPLE_POINTS, same_derivative
from calcml.symbolic.numeval import numeric_value

QUAD_LIMIT = 200
"""Subintervals ``quad`` may use."""


class _NotFinite(Exception):
    """The integrand is not a finite real number where ``quad`` sampled it."""


def _real_at(expr: sympy.Expr, point: dict) -> bool:
    try:
        value = numeric_value(expr, point, real=True)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return False
    return math.isfinite(value.real)


def real_where_integrand_is(antiderivative: sympy.Expr, integrand: sympy.Expr,
                            x: sympy.Symbol) -> bool:
    """True when ``antiderivative`` is real at every sample point where ``integrand`` is
    (other symbols are left alone: only expressions in ``x`` alone are sampled).

    >>> x = sympy.Symbol("x", real=True)
    >>> real_where_integrand_is(sympy.log(x), 1/x, x)
    False
    >>> real_where_integrand_is(sympy.log(sympy.Abs(x)), 1/x, x)
    True
    """
    if (antiderivative.free_symbols | integrand.free_symbols) - {x}:
        return True
    for x0 in SAMPLE_POINTS:
        point = {x: x0}
        if _real_at(integrand, point) and not _real_at(antiderivative, point):
            return False
    return True


def derivative_check(antiderivative: sympy.Expr, integrand: sympy.Expr,
                     x: sympy.Symbol) -> Check:
    """Differentiate ``antiderivative`` back and compare with ``integrand``: exactly, else at
    sample points where the integrand is real, else by simplifying the difference.

    >>> x = sympy.Symbol("x", real=True)
    >>> derivative_check(x**3/3, x**2, x).agreed
    True
    """
    derivative = sympy.diff(antiderivative, x)
    agreed, detail = same_derivative(derivative, integrand, x, integrand)
    if agreed and not real_where_integrand_is(antiderivative, integrand, x):
        agreed, detail = False, "the antiderivative is not real everywhere the integrand is"
    return Check("differentiate back", agreed, value=derivative,
                 detail=f"d/d{x} of the antiderivative: {detail}")


def is_antiderivative(antiderivative: sympy.Expr, integrand: sympy.Expr,
                      x: sympy.Symbol) -> bool:
    """True when ``antiderivative`` passes :func:`derivative_check`.

    >>> x = sympy.Symbol("x", real=True)
    >>> is_antiderivative(-sympy.cos(x), sympy.sin(x), x)
    True
    """
    return derivative_check(antiderivative, integrand, x).agreed


def quad(integrand: sympy.Expr, x: sympy.Symbol, lower: sympy.Expr,
         upper: sympy.Expr) -> tuple[float, float, bool]:
    """SciPy's ``quad`` on the integral: (value, error estimate, whether it warned).

    >>> x = sympy.Symbol("x", real=True)
    >>> value, error, warned = quad(x/2, x, 1, 2)
    >>> round(value, 12), warned
    (0.75, False)
    """
    from scipy import integrate

    fn = as_function(integrand, x)

    def real(t: float) -> float:
        try:
            with np.errstate(all="ignore"):
                value = float(np.real(fn(t)))
        except (ZeroDivisionError, OverflowError, ValueError):
            value = math.nan
        if not math.isfinite(value):
            raise _NotFinite
        return value

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value, error = integrate.quad(real, float(lower), float(upper), limit=QUAD_LIMIT)
        except _NotFinite:
            return math.nan, math.inf, True
    return value, error, bool(caught) or not math.isfinite(value)


def quad_check(integrand: sympy.Expr, x: sympy.Symbol, lower: sympy.Expr,
               upper: sympy.Expr, exact: sympy.Basic) -> Check:
    """Compare the exact definite value ``exact`` with ``quad``'s. A divergent integral
    (``exact`` infinite or not a number) agrees when ``quad`` cannot converge either.

    >>> x = sympy.Symbol("x", real=True)
    >>> quad_check(2*x, x, 3, 4, sympy.Integer(7)).agreed
    True
    """
    value, error, warned = quad(integrand, x, lower, upper)
    shown = sympy.Float(value, 15)
    if not (isinstance(exact, sympy.Expr) and exact.is_number and exact.is_finite):
        agreed = warned or abs(value) > 1e8
        detail = (f"quad could not settle on a value ({value:.6g}, error {error:.2g}), "
                  "as expected of a divergent integral" if agreed else
                  f"quad gives {value:.12g} (error {error:.2g}), a finite value")
        return Check("scipy.integrate.quad", agreed, value=shown, detail=detail)
    target = complex(exact.evalf(20))
    tolerance = max(50 * error, 1e-8 * (1 + abs(target)))
    agreed = abs(value - target) <= tolerance and abs(target.imag) < 1e-12
    detail = f"quad gives {value:.12g} with error estimate {error:.2g}"
    if warned:
        detail += " (quad warned that its estimate may be poor)"
    return Check("scipy.integrate.quad", agreed, value=shown, detail=detail)
