"""Cheap tidying of a derivative, and a cheap comparison with SymPy's answer.

Both avoid ``sympy.simplify``: a worked derivative should cost about what ``sympy.diff``
costs. The comparison is structural first (the rules build their results in the shape
``sympy.diff`` does), then numeric at a few sample points.
"""

from __future__ import annotations

import cmath

import sympy
from sympy.core.cache import cacheit

from calcml.symbolic.numeval import numeric_value

SAMPLE_POINTS = (0.3183098861837907, 0.6931471805599453, -0.5772156649015329,
                 1.6180339887498949, 2.718281828459045, -1.4142135623730951,
                 4.669201609102990, -3.141592653589793, 0.0625, 11.5)
"""Where two expressions are compared, in turn: generic values, first inside (0, 1)
where asin, log and sqrt are real, with a negative one early, so that forms that agree
only for x > 0 (x^2/2 and x*|x|/2, say) are told apart; then outside and negative."""

SAMPLES_NEEDED = 4
"""Points that must agree (where at least two can be evaluated)."""

PARAMETER_VALUES = (1.4142135623730951, 2.718281828459045, 1.7320508075688772)
"""Values given to any other symbol (a parameter such as a or b) at each sample."""

RELATIVE_TOLERANCE = 1e-9

MAX_EXPAND_SIZE = 80
"""Larger expressions are not multiplied out when tidying: the cost would grow fast."""


@cacheit
def tidy(expr: sympy.Expr, thorough: bool = False) -> sympy.Expr:
    """A neater equal form, when there is one: common factors pulled out, and products
    (or a fraction's numerator) multiplied out and collected. Returns ``expr`` itself when
    no candidate is smaller; a bare number pulled out of a sum (2x + 2 to 2(x + 1)) does
    not count. ``thorough`` also multiplies out powers of sums, whatever the size: higher
    derivatives need it to stay small (sigmoid's become polynomials in sigmoid).

    Results are kept in SymPy's cache (``clear_cache`` empties it): a Hessian's mixed
    partials are often the same expression in both orders, and tidied once.

    >>> x = sympy.Symbol("x")
    >>> tidy(x**2*sympy.exp(x) + 2*x*sympy.exp(x))
    x*(x + 2)*exp(x)
    >>> tidy(2*x + 2)
    2*x + 2
    """
    if thorough:
        candidates = [_factor_out(expr), _factor_out(multiply_out(expr))]
    elif _is_fraction(expr):
        numerator, denominator = expr.as_numer_denom()
        candidates = [_factor_out(sympy.expand_mul(numerator)) / denominator]
    elif isinstance(expr, sympy.Add):
        candidates = [_factor_out(expr)]
        if _size(expr) <= MAX_EXPAND_SIZE:
            candidates.append(_factor_out(sympy.expand_mul(expr)))
    else:
        candidates = []
    if _has_denominator(expr) and _size(expr) <= MAX_EXPAND_SIZE:
        candidates.append(one_fraction(expr))
    if not candidates:
        return expr
    best = min(candidates, key=_size)
    return best if _size(best) < _size(expr) else expr


def one_fraction(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` over one denominator, the numerator multiplied out; a quotient of
    polynomials also factored, which cancels any common factor. SymPy's factored form of
    a quotient of polynomials with rational coefficients depends only on its value, so one
    that is such a quotient already is factored at once, without first being put over one
    denominator (not so with a float or a root such as sqrt(2) among the coefficients).

    >>> x = sympy.Symbol("x")
    >>> one_fraction((x**2/sympy.sqrt(x**2 + 1) - sympy.sqrt(x**2 + 1))/x**2)
    -1/(x**2*sqrt(x**2 + 1))
    >>> one_fraction((x**2 - 2*x + 1)/(x - 1)**2), one_fraction(2*x/(x**2+1) - 4*x**3/(x**2+1)**2)
    (1, -2*x*(x - 1)*(x + 1)/(x**2 + 1)**2)
    """
    if _rational_quotient(expr):
        return sympy.factor(expr)
    numerator, denominator = sympy.together(expr).as_numer_denom()
    combined = _factor_out(sympy.expand_mul(numerator)) / denominator
    if combined.is_rational_function(*combined.free_symbols):
        return sympy.factor(combined)
    return combined


def _rational_quotient(expr: sympy.Expr) -> bool:
    """Whether ``expr`` is built of symbols and fractions by sums, products and whole
    powers only: a quotient of polynomials with rational coefficients."""
    return all(node.is_Symbol or node.is_Rational or node.is_Add or node.is_Mul
               or (node.is_Pow and node.exp.is_Integer)
               for node in sympy.preorder_traversal(expr))


def _has_denominator(expr: sympy.Expr) -> bool:
    return any(isinstance(p, sympy.Pow) and p.exp.is_number and p.exp.is_negative
               for p in sympy.preorder_traversal(expr))


def multiply_out(expr: sympy.Expr) -> sympy.Expr:
    """Products and whole powers of sums multiplied out; exponentials and logarithms kept.

    >>> x = sympy.Symbol("x")
    >>> multiply_out((x + 1)**2 * sympy.exp(2*x))
    x**2*exp(2*x) + 2*x*exp(2*x) + exp(2*x)
    """
    return sympy.expand(expr, power_exp=False, power_base=False, log=False)


@cacheit
def _factor_out(expr: sympy.Expr) -> sympy.Expr:
    factored = sympy.gcd_terms(expr, fraction=False)
    if isinstance(factored.as_coeff_Mul()[1], sympy.Add):
        return expr
    return factored


def _size(expr: sympy.Expr) -> int:
    return sum(1 for _ in sympy.preorder_traversal(expr))


def _is_fraction(expr: sympy.Expr) -> bool:
    return isinstance(expr, sympy.Mul) and any(
        isinstance(f, sympy.Pow) and f.exp.is_number and f.exp.is_negative
        and isinstance(f.base, sympy.Add) for f in expr.args)


def same_derivative(mine: sympy.Expr, expected: sympy.Expr, var: sympy.Symbol,
                    function: sympy.Expr | None = None) -> tuple[bool, str]:
    """Whether ``mine`` equals ``expected``, and how that was decided.

    Numeric samples are taken only where ``function`` (the expression differentiated)
    is real in every part: calculus here is real calculus, and two forms of a
    derivative may differ off the real domain (d/dx |g| is sign(g) g' only for real g).

    >>> x = sympy.Symbol("x")
    >>> same_derivative(x*(x + 2), x**2 + 2*x, x)
    (True, 'equal at 4 sample points (numeric comparison)')
    """
    if mine == expected:
        return True, "the same expression"
    domains = (function,) if function is None else (function, None)
    for domain in domains:
        verdict = _compare_at_samples(mine, expected, var, domain)
        if verdict is not None:
            return verdict
    return _exact(mine, expected)


def _compare_at_samples(mine: sympy.Expr, expected: sympy.Expr, var: sympy.Symbol,
                        function: sympy.Expr | None) -> tuple[bool, str] | None:
    """The numeric verdict, or None where fewer than two sample points can be used
    (``function`` is real nowhere among them: with a complex constant, say)."""
    tried = 0
    for point in _samples(mine, expected, var, function):
        a, b = _value(mine, point), _value(expected, point)
        if a is None or b is None:
            continue
        tried += 1
        if not (cmath.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)
                or _close_in_high_precision(mine, expected, point)):
            return False, f"differ at {_describe(point)}: {a:.12g} versus {b:.12g}"
        if tried == SAMPLES_NEEDED:
            break
    if tried < 2:
        return None
    return True, f"equal at {tried} sample points (numeric comparison)"


def _samples(mine: sympy.Expr, expected: sympy.Expr, var: sympy.Symbol,
             function: sympy.Expr | None):
    """Sample points where ``function`` is real throughout."""
    symbols = mine.free_symbols | expected.free_symbols
    if function is not None:
        symbols |= function.free_symbols
    others = sorted(symbols - {var}, key=str)
    for i, x0 in enumerate(SAMPLE_POINTS):
        point = {var: x0}
        for j, s in enumerate(others):
            point[s] = PARAMETER_VALUES[(i + j) % len(PARAMETER_VALUES)]
        if function is None or _value(function, point, real=True) is not None:
            yield point


def _value(expr: sympy.Expr, point: dict, real: bool = False) -> complex | None:
    """The value of ``expr`` at ``point``, or None where it is not a finite number (or,
    with ``real``, not real in every part)."""
    try:
        value = numeric_value(expr, point, real)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return None
    if cmath.isnan(value) or cmath.isinf(value):
        return None
    return value


def _close_in_high_precision(mine: sympy.Expr, expected: sympy.Expr, point: dict) -> bool:
    """A second look with 50 digits, where floating point may have lost the answer to
    cancellation (high derivatives have large coefficients of both signs)."""
    exact = {s: sympy.Rational(v) for s, v in point.items()}
    a, b = (complex(e.xreplace(exact).evalf(50)) for e in (mine, expected))
    return cmath.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)


def _exact(mine: sympy.Expr, expected: sympy.Expr) -> tuple[bool, str]:
    """The slow exact test, for the rare case the samples cannot decide."""
    if sympy.simplify(mine - expected) == 0:
        return True, "equal after simplifying the difference"
    return False, "could not show the two are equal"


def _describe(point: dict) -> str:
    return ", ".join(f"{s} = {float(v):.6g}" for s, v in point.items())
