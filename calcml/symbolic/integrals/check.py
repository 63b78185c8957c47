"""Independent checks of an integral: differentiate the antiderivative back, and compare a
definite value with SciPy's ``quad``.

Calculus here is real calculus: an antiderivative must be real, and differentiate back to
the integrand, at every sample point where the integrand is real.
"""

from __future__ import annotations

import functools
import math
import warnings

import numpy as np
import sympy

from calcml.numeric.functions import as_function
from calcml.steps.base import Check
from calcml.symbolic.derivatives.check import SAMPLE_POINTS, same_derivative
from calcml.symbolic.numeval import numeric_value

QUAD_LIMIT = 200
"""Subintervals ``quad`` may use."""


class _NotFinite(Exception):
    """The integrand is not a finite real number where ``quad`` sampled it."""


def _value(expr: sympy.Expr, point: dict, real: bool = False) -> complex:
    """``expr`` at ``point``; SymPy's evalf for what the fast evaluator lacks (Piecewise)."""
    try:
        return numeric_value(expr, point, real)
    except (AttributeError, KeyError):  # a part the fast evaluator lacks, or a RootSum's
        value = complex(expr.xreplace({s: sympy.Float(v) for s, v in point.items()}).evalf())
    if real and abs(value.imag) > 1e-9 * (1 + abs(value.real)):
        raise ValueError(f"{expr} is not real at {point}")
    return value


def _real_at(expr: sympy.Expr, point: dict) -> bool:
    try:
        value = _value(expr, point, real=True)
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


@functools.lru_cache(maxsize=512)
def derivative_check(antiderivative: sympy.Expr, integrand: sympy.Expr,
                     x: sympy.Symbol) -> Check:
    """Differentiate ``antiderivative`` back and compare with ``integrand``.

    With ``x`` the only symbol: numerically, with mpmath at 30 digits, at sample points on
    both sides of 0 where the integrand is real (the antiderivative must be real there
    too). Otherwise (a parameter, or functions mpmath lacks): ``sympy.diff``, compared as
    :func:`~calcml.symbolic.derivatives.check.same_derivative` does, else by simplifying the
    difference. Remembered, since the search and the solution both ask.

    >>> x = sympy.Symbol("x", real=True)
    >>> derivative_check(x**3/3, x**2, x).agreed
    True
    >>> derivative_check(sympy.log(x), 1/x, x).detail
    'd/dx of the antiderivative: it is not real at x = -0.577216, where the integrand is'
    """
    F, f = _generic_case(antiderivative, x), _generic_case(integrand, x)
    verdict = _sampled(F, f, x)
    if verdict is not None:
        return Check("differentiate back", verdict[0],
                     detail=f"d/d{x} of the antiderivative: {verdict[1]}")
    derivative = sympy.diff(antiderivative, x)
    generic = _generic_case(derivative, x)
    try:
        agreed, detail = same_derivative(generic, f, x, integrand)
        if agreed and not real_where_integrand_is(F, integrand, x):
            agreed, detail = False, "the antiderivative is not real everywhere the integrand is"
    except (AttributeError, TypeError, ValueError):
        agreed = sympy.simplify(generic - f) == 0
        detail = "equal after simplifying" if agreed else "could not show it"
    return Check("differentiate back", agreed, value=derivative,
                 detail=f"d/d{x} of the antiderivative: {detail}")


POINTS_NEEDED = 4
"""Sample points (where the integrand is real) at which the derivative must agree."""

DIGITS = 30
TOLERANCE = 1e-15
"""Relative difference allowed between mpmath's derivative and the integrand."""

_NUMERIC_ERRORS = (TypeError, ValueError, ZeroDivisionError, OverflowError, NameError,
                   AttributeError, KeyError, NotImplementedError)


def _sampled(antiderivative: sympy.Expr, integrand: sympy.Expr,
             x: sympy.Symbol) -> tuple[bool, str] | None:
    """The numeric verdict with mpmath's derivative (its ``diff``, at 30 digits), at sample
    points where the integrand is real, on both sides of 0 (an antiderivative right for
    x > 0 only must fail); None where fewer than two points can be used, other symbols
    are present, or mpmath cannot evaluate the expressions."""
    import mpmath

    if (antiderivative.free_symbols | integrand.free_symbols) - {x}:
        return None
    try:
        both = sympy.lambdify(x, [antiderivative, integrand], "mpmath", docstring_limit=0)
    except _NUMERIC_ERRORS:
        return None

    def F(t):
        return both(t)[0]

    def f(t):
        return both(t)[1]

    used = 0
    with mpmath.workdps(DIGITS):
        for x0 in SAMPLE_POINTS:
            try:
                asked, problem = _compare_at(F, f, mpmath.mpf(x0))
            except _NUMERIC_ERRORS:
                return None
            if problem is not None:
                return False, problem.format(x=x, x0=x0)
            used += asked
            if used == POINTS_NEEDED:
                break
    if used < 2:
        return None
    return True, f"equal at {used} sample points (numeric derivative, {DIGITS} digits)"


def _real(value) -> bool:
    import mpmath

    value = mpmath.mpmathify(value)
    return bool(mpmath.isfinite(value)) and abs(mpmath.im(value)) <= 1e-20 * (1 + abs(value))


def _compare_at(F, f, x0) -> tuple[bool, str | None]:
    """Whether ``x0`` was asked (the integrand is real there), and what is wrong there (a
    template with {x} and {x0}), or None."""
    import mpmath

    try:
        expected = mpmath.mpmathify(f(x0))
    except (ZeroDivisionError, ValueError):
        return False, None
    if not _real(expected):
        return False, None
    if not _real(F(x0)):
        return True, "it is not real at {x} = {x0:.6g}, where the integrand is"
    got = mpmath.diff(F, x0)
    if abs(got - expected) > TOLERANCE * (1 + abs(expected)):
        return True, (f"differ at {{x}} = {{x0:.6g}}: {mpmath.nstr(got, 12)} versus "
                      f"{mpmath.nstr(expected, 12)}")
    return True, None


def _generic_case(expr: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """``expr`` with each piecewise part whose conditions are on a parameter (a = 0, not on
    ``x``) replaced by its first case, the generic one."""
    if not expr.has(sympy.Piecewise):
        return expr
    return expr.replace(
        lambda e: isinstance(e, sympy.Piecewise) and not any(c.cond.has(x) for c in e.args),
        lambda e: e.args[0].expr)


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
    """SciPy's ``quad`` on the integral: (value, error estimate, whether it warned). Where
    quad samples a point at which the integrand is not finite (a singularity inside), the
    interval is split there, since quad never samples the ends.

    >>> x = sympy.Symbol("x", real=True)
    >>> value, error, warned = quad(x/2, x, 1, 2)
    >>> round(value, 12), warned
    (0.75, False)
    >>> round(quad(1/sympy.sqrt(sympy.Abs(x)), x, -1, 1)[0], 8)
    4.0
    """
    fn = as_function(integrand, x)

    def real(t: float) -> float:
        try:
            with np.errstate(all="ignore"):
                value = float(np.real(fn(t)))
        except (ZeroDivisionError, OverflowError, ValueError):
            value = math.nan
        if not math.isfinite(value):
            raise _NotFinite(t)
        return value

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value, error = _split_quad(real, float(lower), float(upper), SPLITS)
    return value, error, bool(caught) or not math.isfinite(value)


SPLITS = 4
"""How many times an interval may be split at points where the integrand is not finite."""


def _split_quad(fn, a: float, b: float, splits: int) -> tuple[float, float]:
    from scipy import integrate

    try:
        return integrate.quad(fn, a, b, limit=QUAD_LIMIT)
    except _NotFinite as bad:
        t = bad.args[0]
        if splits == 0 or not a < t < b:
            return math.nan, math.inf
    left, right = (_split_quad(fn, lo, hi, splits - 1) for lo, hi in ((a, t), (t, b)))
    return left[0] + right[0], left[1] + right[1]


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
        if warned:
            detail = (f"quad warns that its estimate ({value:.6g}) cannot be trusted, as "
                      "expected of a divergent integral")
        else:
            detail = (f"quad gives {value:.6g}, a huge value, as expected of a divergent "
                      "integral" if agreed else
                      f"quad gives {value:.12g} (error {error:.2g}), a finite value")
        return Check("scipy.integrate.quad", agreed, value=shown, detail=detail)
    target = complex(exact.evalf(20))
    tolerance = max(50 * error, 1e-8 * (1 + abs(target)))
    agreed = abs(value - target) <= tolerance and abs(target.imag) < 1e-12
    detail = f"quad gives {value:.12g} with error estimate {error:.2g}"
    if warned:
        detail += " (quad warned that its estimate may be poor)"
    return Check("scipy.integrate.quad", agreed, value=shown, detail=detail)


def mpmath_check(integrand: sympy.Expr, x: sympy.Symbol, lower: sympy.Expr,
                 upper: sympy.Expr, value: float) -> Check:
    """Compare a numeric value with mpmath's tanh-sinh quadrature at 30 digits (a method
    independent of ``quad``'s Gauss-Kronrod).

    >>> x = sympy.Symbol("x", real=True)
    >>> mpmath_check(sympy.exp(-x**2), x, 0, 1, 0.746824132812427).agreed
    True
    """
    import mpmath

    fn = sympy.lambdify(x, integrand, modules="mpmath")
    with mpmath.workdps(30):
        reference = mpmath.quad(lambda t: mpmath.re(fn(t)), [mpmath.mpf(sympy.N(lower, 30)),
                                                             mpmath.mpf(sympy.N(upper, 30))])
    agreed = abs(float(reference) - value) <= 1e-8 * (1 + abs(value))
    return Check("mpmath.quad", agreed, value=sympy.Float(float(reference), 15),
                 detail=f"tanh-sinh quadrature gives {float(reference):.15g}")
