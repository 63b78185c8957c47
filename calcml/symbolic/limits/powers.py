"""Dividing top and bottom by the highest power of x, for oo/oo at +-oo.

The degree and the division are worked on the expression as written, factor by factor,
so (x + 1)^1000 / ((x + 1)^1000 + 1) becomes (1 + 1/x)^1000 / ((1 + 1/x)^1000 + 1/x^1000)
without multiplying out a thousand powers.
"""

from __future__ import annotations

import sympy
from sympy import oo

from calcml.steps.base import Step
from calcml.steps.limits.rules import DivideByHighestPower
from calcml.symbolic.limits.algebra import over, quotient
from calcml.symbolic.limits.protocol import LimitWork

Lead = tuple[sympy.Basic, sympy.Basic]


def leading(e: sympy.Basic, x: sympy.Symbol) -> Lead | None:
    """(coefficient, power) of the leading term of ``e`` as x -> oo, for sums, products
    and rational powers of polynomials and roots; None for anything else (an exp, a log)
    or where the leading terms of a sum cancel.

    >>> x = sympy.Symbol("x", real=True)
    >>> leading((x + 1)**1000 + 1, x)
    (1, 1000)
    >>> leading(3*sympy.sqrt(x**2 + 1) - x, x)
    (2, 1)
    """
    if not e.has(x):
        return (e, sympy.S.Zero) if e != 0 else None
    if e == x:
        return sympy.S.One, sympy.S.One
    if e.is_Pow and e.exp.is_Rational and not e.exp.has(x):
        base = leading(e.base, x)
        if base is None or (not e.exp.is_integer and not base[0].is_positive):
            return None
        return base[0] ** e.exp, base[1] * e.exp
    parts = [leading(p, x) for p in e.args] if (e.is_Mul or e.is_Add) else [None]
    if any(p is None for p in parts):
        return None
    if e.is_Mul:
        return sympy.Mul(*(c for c, _ in parts)), sympy.Add(*(k for _, k in parts))
    top = max(k for _, k in parts)
    coefficient = sympy.Add(*(c for c, k in parts if k == top))
    return (coefficient, top) if coefficient != 0 else None


def divided(e: sympy.Basic, x: sympy.Symbol, k: sympy.Basic) -> sympy.Basic:
    """``e / x^k`` with x^k shared out among the factors and terms of ``e`` (for x > 0):
    each sum over its own highest power becomes 1 + c/x + ...

    >>> x = sympy.Symbol("x", real=True)
    >>> divided((x + 1)**3, x, 3)
    (1 + 1/x)**3
    >>> divided(3*x**2 + x, x, 2)
    3 + 1/x
    """
    if e.is_Add:
        return sympy.Add(*(divided(t, x, k) for t in e.args))
    if e.is_Pow and e.base.is_Add and leading(e, x) is not None:
        power = leading(e.base, x)[1]
        return divided(e.base, x, power) ** e.exp * x ** (power * e.exp - k)
    if e.is_Mul:
        shared, rest = sympy.S.One, sympy.S.Zero
        for factor in e.args:
            lead = leading(factor, x)
            shared *= divided(factor, x, lead[1])
            rest += lead[1]
        return shared * x ** (rest - k)
    return sympy.expand(e / x**k)


def divide_by_highest_power(s: LimitWork, f, a, side) -> Step | None:
    """oo/oo at +-oo: divide top and bottom by the highest power of x in the bottom.

    >>> from calcml.symbolic.limits.solver import Solver
    >>> x = sympy.Symbol("x", real=True)
    >>> step = divide_by_highest_power(Solver(x), (3*x**2 + x)/(2*x**2 - 5), sympy.oo, "-")
    >>> step.power, step.rewritten, step.result
    (x**2, (3 + 1/x)/(2 - 5/x**2), 3/2)
    """
    x = s.x
    parts = quotient(f, x)
    if parts is None or a not in (oo, -oo):
        return None
    n, d = parts
    rational = n.is_polynomial(x) and d.is_polynomial(x)
    top, bottom = leading(n, x), leading(d, x)
    if (not rational and a == -oo) or top is None or bottom is None or bottom[1] <= 0:
        return None
    k = bottom[1]
    rewritten = over(divided(n, x, k), divided(d, x, k))
    return DivideByHighestPower(s.limit_of(f, a, side), power=x**k, rewritten=rewritten,
                                substep=s.solve(rewritten, a, side))
