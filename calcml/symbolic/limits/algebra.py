"""Small pieces of algebra the limit rules share: a quotient kept as written, and the
cancellation of a common factor."""

from __future__ import annotations

import sympy

from calcml.steps.limits.rules import CancelCommonFactor


def over(top: sympy.Basic, bottom: sympy.Basic) -> sympy.Basic:
    """top/bottom written as a quotient, not simplified.

    >>> x = sympy.Symbol("x")
    >>> over(x, x*(x + 1)) == x/(x*(x + 1)), over(x, x*(x + 1)).doit()
    (False, 1/(x + 1))
    """
    if bottom == 1:
        return top
    return sympy.Mul(top, sympy.Pow(bottom, -1, evaluate=False), evaluate=False)


def quotient(f: sympy.Basic, x: sympy.Symbol) -> tuple[sympy.Basic, sympy.Basic] | None:
    """(numerator, denominator) of ``f`` when its denominator depends on ``x``, else None.

    >>> x = sympy.Symbol("x")
    >>> quotient(sympy.sin(x)/x, x)
    (sin(x), x)
    """
    n, d = sympy.fraction(f)
    return (n, d) if d.has(x) else None


def _polynomial_part(e: sympy.Basic, x: sympy.Symbol) -> tuple[sympy.Basic, sympy.Basic]:
    """(the factors of ``e`` that are polynomials in x, the other factors)."""
    factors = sympy.Mul.make_args(e)
    poly = [f for f in factors if f.is_polynomial(x)]
    return sympy.Mul(*poly), sympy.Mul(*(f for f in factors if f not in poly))


def cancel_common(top: sympy.Basic, bottom: sympy.Basic,
                  x: sympy.Symbol) -> CancelCommonFactor | None:
    """The line top/bottom = r/s that cancels the polynomial factor top and bottom share,
    or None when they share none.

    >>> x = sympy.Symbol("x")
    >>> line = cancel_common(x, x*(sympy.sqrt(x + 4) + 2), x)
    >>> line.common_factor, line.after
    (x, 1/(sqrt(x + 4) + 2))
    """
    top_poly, top_rest = _polynomial_part(top, x)
    bottom_poly, bottom_rest = _polynomial_part(bottom, x)
    common = sympy.factor(sympy.gcd(top_poly, bottom_poly))
    if not common.has(x):
        return None
    after = (sympy.factor(sympy.cancel(top_poly / common)) * top_rest
             / (sympy.factor(sympy.cancel(bottom_poly / common)) * bottom_rest))
    return CancelCommonFactor(before=over(top, bottom), after=after, common_factor=common)
