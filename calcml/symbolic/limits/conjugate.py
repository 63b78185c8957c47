"""Multiplying by the conjugate: a difference with a square root, times its sum.

For √(x + 4) − 2 the conjugate is √(x + 4) + 2, whatever order SymPy keeps the terms in;
the product (√(x + 4))² − 2² = x + 4 − 4 = x clears the root, the factor that made 0/0
cancels, and what is left is substituted.
"""

from __future__ import annotations

import sympy

from calcml.steps.base import Step
from calcml.steps.limits.rules import ConjugateProduct, MultiplyByConjugate
from calcml.symbolic.limits.algebra import cancel_common, over
from calcml.symbolic.limits.protocol import LimitWork


def _has_root(e: sympy.Basic) -> bool:
    """True when ``e`` holds a square root (an exponent with denominator 2), which
    multiplying by the conjugate clears."""
    return any(p.exp.is_Rational and p.exp.q == 2 for p in e.atoms(sympy.Pow))


def _root_part(e: sympy.Basic) -> sympy.Basic | None:
    """The factor of ``e`` that is a sum of two terms with a square root, or None."""
    for factor in sympy.Mul.make_args(e):
        if factor.is_Add and len(factor.args) == 2 and _has_root(factor):
            return factor
    return None


def conjugate_pair(part: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic, sympy.Basic]:
    """(a, b, conjugate) for a two-term ``part`` with part * conjugate = a^2 - b^2: the
    conjugate of a - b is a + b (of a + b, a - b), as a learner writes it.

    >>> x = sympy.Symbol("x", real=True)
    >>> conjugate_pair(sympy.sqrt(x + 4) - 2)
    (sqrt(x + 4), 2, sqrt(x + 4) + 2)
    >>> conjugate_pair(2 - sympy.sqrt(x))
    (2, sqrt(x), sqrt(x) + 2)
    """
    terms = part.as_ordered_terms()
    negative = [t for t in terms if t.could_extract_minus_sign()]
    if len(negative) == 1:
        a = next(t for t in terms if t is not negative[0])
        b = -negative[0]
        return a, b, a + b
    root, other = sorted(terms, key=lambda t: not _has_root(t))
    if negative:
        return -other, -root, other - root
    return root, other, root - other


def _product(part: sympy.Basic) -> tuple[ConjugateProduct, sympy.Basic]:
    """The line (part)(conjugate) = a^2 - b^2, and the conjugate."""
    a, b, conjugate = conjugate_pair(part)
    first_squared, second_squared = sympy.expand(a**2), sympy.expand(b**2)
    line = ConjugateProduct(before=sympy.Mul(part, conjugate, evaluate=False),
                            after=first_squared - second_squared, first=a, second=b,
                            first_squared=first_squared, second_squared=second_squared)
    return line, conjugate


def multiply_by_conjugate(s: LimitWork, f, a, side) -> Step | None:
    """A difference with a square root, in the numerator or the denominator (or f itself
    at infinity): multiply top and bottom by its conjugate, multiply out the difference of
    squares, cancel the factor that made 0/0, and find the limit of what is left.

    >>> from calcml.symbolic.limits.solver import Solver
    >>> x = sympy.Symbol("x", real=True)
    >>> step = multiply_by_conjugate(Solver(x), (sympy.sqrt(x + 4) - 2)/x, sympy.S.Zero, "+-")
    >>> step.conjugate, step.product.after, step.cancellation.after, step.result
    (sqrt(x + 4) + 2, x, 1/(sqrt(x + 4) + 2), 1/4)
    """
    n, d = sympy.fraction(f)
    for part, in_top in ((_root_part(n), True), (_root_part(d), False)):
        if part is None:
            continue
        product, conjugate = _product(part)
        if in_top:
            top, bottom = sympy.cancel(n / part) * product.after, (d, conjugate)
        else:
            top, bottom = n * conjugate, (sympy.cancel(d / part), product.after)
        bottom_product = sympy.Mul(*(b for b in bottom if b != 1), evaluate=False)
        cancellation = cancel_common(top, bottom_product, s.x)
        simplified = over(top, bottom_product)
        rest = cancellation.after if cancellation else top / sympy.Mul(*bottom)
        return MultiplyByConjugate(s.limit_of(f, a, side), conjugate=conjugate,
                                   multiplied=sympy.Mul(f, over(conjugate, conjugate),
                                                        evaluate=False),
                                   product=product, simplified=simplified,
                                   cancellation=cancellation, substep=s.solve(rest, a, side))
    return None
