"""Continuity at a point (the three conditions) and the discontinuities in an interval.

>>> x = sympy.Symbol("x", real=True)
>>> continuity((x**2 - 1)/(x - 1), x, at=1).result
False
>>> [d.kind for d in discontinuities(1/x + sympy.sign(x - 2), x, interval=(-5, 5))]
['infinite', 'jump']
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.calculus.accumulationbounds import AccumBounds
from sympy.calculus.util import continuous_domain

from calcml.errors import InputError
from calcml.expr.coerce import as_expr, as_symbol
from calcml.expr.printing import to_text
from calcml.steps.base import Check, Solution
from calcml.steps.limits.continuity import UNDEFINED, ContinuityConditions, FunctionValue
from calcml.steps.limits.rules import DNE
from calcml.symbolic.limits.check import value_at
from calcml.symbolic.limits.continuity_points import candidates
from calcml.symbolic.limits.limit import limit
from calcml.symbolic.limits.solver import Solver
from calcml.timelimit import time_limited

__all__ = ["Discontinuity", "continuity", "discontinuities"]

@time_limited("the continuity check")
def continuity(expr: str | sympy.Basic, var: str | sympy.Symbol = "x",
               at: str | sympy.Basic | int | float = 0) -> Solution:
    """Whether ``expr`` is continuous at ``var`` = ``at``, by the three conditions: f(a)
    is defined, the limit as x -> a exists, and the two are equal.

    The result is ``sympy.true`` or ``sympy.false``; the steps show f(a) and the worked
    limit; the checks are the limit's and SymPy's ``continuous_domain`` where it answers.

    >>> x = sympy.Symbol("x", real=True)
    >>> sol = continuity(x**2, x, at=3)
    >>> sol.result, sol.step.limit_step.result
    (True, 9)
    """
    f = as_expr(expr)
    x = as_symbol(var, f)
    a = _finite_point(at)
    value = FunctionValue(function=f, var=x, point=a, value=_value_at(f, x, a))
    worked = limit(f, x, a, "+-", timeout=None)
    step = ContinuityConditions(function=f, var=x, point=a, value_step=value,
                                limit_step=worked.step)
    checks = worked.checks + _domain_check(f, x, a, step.result)
    return Solution(problem=step.expression, result=step.result, step=step, checks=checks)


def _value_at(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic) -> sympy.Basic:
    value = f.subs(x, a)
    if value.is_extended_real and value.is_finite:
        return value
    return UNDEFINED


def _domain_check(f, x, a, result) -> tuple[Check, ...]:
    """SymPy's ``continuous_domain`` on a small interval around a, where it can answer."""
    try:
        domain = continuous_domain(f, x, sympy.Interval(a - 1, a + 1))
    except (NotImplementedError, ValueError, TypeError):
        return ()
    inside = domain.contains(a)
    if inside not in (sympy.true, sympy.false):
        return ()
    return (Check("sympy continuous_domain", inside == result, value=domain),)


@dataclass(frozen=True)
class Discontinuity:
    """A point where f is not continuous, the ``kind`` of break, the one-sided limits
    (None for a side where f is not real) and f's value there (UNDEFINED if none).

    >>> x = sympy.Symbol("x", real=True)
    >>> str(discontinuities(25/x, x, interval=(-1, 1))[0])
    'x = 0: infinite discontinuity (from the left −∞, from the right ∞, f(0) undefined)'
    """

    var: sympy.Symbol
    point: sympy.Basic
    kind: str
    left: sympy.Basic | None
    right: sympy.Basic | None
    value: sympy.Basic

    def to_text(self) -> str:
        sides = ", ".join(f"from the {name} {_shown(v)}"
                          for name, v in (("left", self.left), ("right", self.right)))
        point = to_text(self.point)
        return (f"{to_text(self.var)} = {point}: {self.kind} discontinuity "
                f"({sides}, f({point}) {_shown(self.value)})")

    def __str__(self) -> str:
        return self.to_text()


def _shown(v: sympy.Basic | None) -> str:
    return "f is not real" if v is None else to_text(v)


@time_limited("the search for discontinuities")
def discontinuities(expr: str | sympy.Basic, var: str | sympy.Symbol = "x",
                    interval: tuple = (-10, 10)) -> list[Discontinuity]:
    """The discontinuities of ``expr`` in the closed ``interval``, each classified as
    removable, jump, infinite or essential, in order.

    >>> x = sympy.Symbol("x", real=True)
    >>> [(d.point, d.kind) for d in discontinuities(sympy.sin(x)/x, x, interval=(-1, 1))]
    [(0, 'removable')]
    """
    f = as_expr(expr)
    x = as_symbol(var, f)
    lo, hi = _interval(interval)
    found = (_classify(f, x, p) for p in candidates(f, x, lo, hi))
    return [d for d in found if d is not None]


def _classify(f: sympy.Basic, x: sympy.Symbol, p: sympy.Basic) -> Discontinuity | None:
    left, right = _side_limit(f, x, p, "-"), _side_limit(f, x, p, "+")
    value = _value_at(f, x, p)
    limits = [v for v in (left, right) if v is not None]
    if any(v in (sympy.oo, -sympy.oo) for v in limits):
        kind = "infinite"
    elif not limits or any(v is DNE for v in limits):
        kind = "essential"
    elif len(set(limits)) > 1:
        kind = "jump"
    elif value is not UNDEFINED and sympy.simplify(limits[0] - value) == 0:
        return None
    else:
        kind = "removable"
    return Discontinuity(var=x, point=p, kind=kind, left=left, right=right, value=value)


def _side_limit(f, x, p, side: str) -> sympy.Basic | None:
    """The worked one-sided limit; None where f is not real on that side."""
    sign = 1 if side == "+" else -1
    near = [value_at(f, x, p + sign * sympy.Rational(1, 10**k)) for k in (5, 6)]
    if all(v is None for v in near):
        return None
    value = Solver(x).solve(f, p, side).result
    if isinstance(value, AccumBounds) or value is DNE:
        return DNE
    return value if value.is_extended_real else None


def _finite_point(at) -> sympy.Basic:
    a = as_expr(at)
    if a.free_symbols or not (a.is_extended_real and a.is_finite):
        raise InputError(f"continuity is checked at a real number, not {at!r}")
    return a


def _interval(interval) -> tuple[sympy.Basic, sympy.Basic]:
    try:
        lo, hi = (as_expr(end) for end in interval)
    except (TypeError, ValueError):
        raise InputError(f"an interval is a pair (a, b) such as (-5, 5), not {interval!r}") \
            from None
    ends_ok = all(not e.free_symbols and e.is_extended_real for e in (lo, hi))
    if not ends_ok or not lo < hi:
        raise InputError(f"an interval (a, b) needs real ends with a < b, not {interval!r}")
    return lo, hi
