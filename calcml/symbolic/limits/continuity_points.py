"""Where a function can be discontinuous: the candidate points in an interval.

Candidates come from the parts of f that can break: a denominator that is 0, a logarithm
of 0, tan/sec (cos = 0) and cot/csc (sin = 0), the jump of sign, Heaviside, floor,
ceiling and frac, and the boundaries of a piecewise definition. abs, max, min and relu
have kinks, not jumps, so they add none. Periodic solutions are listed one by one, up to
:data:`MAX_POINTS`; more than that, or a set SymPy cannot list, is a clear error.
"""

from __future__ import annotations

import math

import sympy

from calcml.errors import InputError

MAX_POINTS = 50

_ZERO_OF = {
    sympy.log: lambda u: u,
    sympy.tan: sympy.cos, sympy.sec: sympy.cos,
    sympy.cot: sympy.sin, sympy.csc: sympy.sin,
    sympy.sign: lambda u: u, sympy.Heaviside: lambda u: u,
}
_STEPS = (sympy.floor, sympy.ceiling, sympy.frac)


def candidates(f: sympy.Basic, x: sympy.Symbol, lo: sympy.Basic,
               hi: sympy.Basic) -> list[sympy.Basic]:
    """The points in [lo, hi] where ``f`` may fail to be continuous, sorted.

    >>> x = sympy.Symbol("x", real=True)
    >>> candidates(1/(x**2 - 4) + sympy.log(x + 3), x, -5, 5)
    [-3, -2, 2]
    """
    points: set[sympy.Basic] = set()
    for node in sympy.preorder_traversal(f):
        for equation in _breaks(node, x):
            points |= _solutions(equation, x, lo, hi)
        if isinstance(node, _STEPS):
            points |= _integer_crossings(node.args[0], x, lo, hi)
        if len(points) > MAX_POINTS:
            raise _too_many(f, lo, hi)
    return sorted(points, key=lambda p: float(p))


def _breaks(node: sympy.Basic, x: sympy.Symbol) -> list[sympy.Basic]:
    """Expressions whose zeros are where ``node`` may break."""
    if node.is_Pow and node.base.has(x) and node.exp.is_negative:
        return [node.base]
    if type(node) in _ZERO_OF:
        return [_ZERO_OF[type(node)](node.args[0])]
    if isinstance(node, sympy.Piecewise):
        return [r.lhs - r.rhs for _, cond in node.args
                for r in sympy.preorder_traversal(cond) if isinstance(r, sympy.Rel)]
    return []


def _solutions(u: sympy.Basic, x: sympy.Symbol, lo, hi) -> set[sympy.Basic]:
    if not u.has(x):
        return set()
    found = sympy.solveset(u, x, sympy.S.Reals)
    if isinstance(found, sympy.FiniteSet):
        return {p for p in found if lo <= p <= hi}
    parts = found.args if isinstance(found, sympy.Union) else (found,)
    points: set[sympy.Basic] = set()
    for part in parts:
        points |= _listed(part, u, x, lo, hi)
    return points


def _listed(part: sympy.Set, u: sympy.Basic, x: sympy.Symbol, lo, hi) -> set[sympy.Basic]:
    """The members of one solution set in [lo, hi]: a finite set, or an arithmetic
    progression c*n + d over the integers."""
    if isinstance(part, sympy.FiniteSet):
        return {p for p in part if lo <= p <= hi}
    if isinstance(part, sympy.ImageSet) and part.base_sets == (sympy.S.Integers,):
        (n,), body = part.lamda.signature, part.lamda.expr
        if body.is_polynomial(n) and sympy.degree(body, n) == 1:
            step, start = body.coeff(n), body.subs(n, 0)
            return _progression(step, start, lo, hi, u)
    raise InputError(f"calcml cannot list where {u} = 0 (SymPy gives {part}); "
                     "give a smaller interval or a simpler function")


def _progression(step, start, lo, hi, u) -> set[sympy.Basic]:
    first = (lo - start) / step if step > 0 else (hi - start) / step
    last = (hi - start) / step if step > 0 else (lo - start) / step
    if not (first.is_finite and last.is_finite):
        raise _too_many(u, lo, hi)
    n0, n1 = math.ceil(float(first)), math.floor(float(last))
    if n1 - n0 + 1 > MAX_POINTS:
        raise _too_many(u, lo, hi)
    points = {start + step * k for k in range(n0 - 1, n1 + 2)}
    return {p for p in points if lo <= p <= hi}


def _integer_crossings(u: sympy.Basic, x: sympy.Symbol, lo, hi) -> set[sympy.Basic]:
    """Where a linear ``u`` = p*x + q takes whole-number values (floor and ceiling jump)."""
    if not (u.is_polynomial(x) and sympy.degree(u, x) == 1):
        raise InputError(f"calcml lists the jumps of floor, ceiling and frac only for a "
                         f"linear argument such as 2*x + 1, not {u}")
    p, q = u.coeff(x), u.subs(x, 0)
    return {(k - q) / p for k in _whole_numbers(u.subs(x, lo), u.subs(x, hi), u)}


def _whole_numbers(a, b, u) -> range:
    low, high = sorted((a, b), key=lambda v: float(v))
    if not (low.is_finite and high.is_finite):
        raise _too_many(u, a, b)
    numbers = range(math.ceil(float(low)), math.floor(float(high)) + 1)
    if len(numbers) > MAX_POINTS:
        raise _too_many(u, a, b)
    return numbers


def _too_many(f, lo, hi) -> InputError:
    return InputError(f"{f} has more than {MAX_POINTS} possible discontinuities in "
                      f"[{lo}, {hi}] (infinitely many, or too many to list); give a "
                      "smaller interval")
