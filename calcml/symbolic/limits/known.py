"""The standard limits a learner knows by heart, matched against f = n/d or f = b^e.

sin u/u -> 1, tan u/u -> 1, (e^u - 1)/u -> 1, ln(1 + u)/u -> 1, (1 - cos u)/u -> 0
as u -> 0, each also with a constant factor (sin 3x / x = 3 * sin 3x/(3x)); and
(1 + u)^(1/u) -> e, so (1 + w)^e -> e^(lim w e) when w -> 0. (1 - cos u)/u^2 is not
quoted: it is derived from these (by L'Hopital's rule, then sin u/u).
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from calcml.steps.base import Step
from calcml.steps.limits.rules import StandardLimit
from calcml.symbolic.limits.probe import is_value, probe
from calcml.symbolic.limits.solver import Solver

U = sympy.Symbol("u", real=True)


def _argument_of(func: type) -> Callable[[sympy.Basic], sympy.Basic | None]:
    return lambda e: e.args[0] if isinstance(e, func) else None


def _exp_minus_one(e: sympy.Basic) -> sympy.Basic | None:
    plus_one = e + 1
    return plus_one.args[0] if isinstance(plus_one, sympy.exp) else None


def _log_one_plus(e: sympy.Basic) -> sympy.Basic | None:
    return e.args[0] - 1 if isinstance(e, sympy.log) else None


def _one_minus_cos(e: sympy.Basic) -> sympy.Basic | None:
    rest = 1 - e
    return rest.args[0] if isinstance(rest, sympy.cos) else None


# (how to find u in the numerator, the power of u in the known denominator, known form)
_KNOWN = (
    (_argument_of(sympy.sin), 1, sympy.sin(U) / U),
    (_argument_of(sympy.tan), 1, sympy.tan(U) / U),
    (_argument_of(sympy.asin), 1, sympy.asin(U) / U),
    (_argument_of(sympy.atan), 1, sympy.atan(U) / U),
    (_exp_minus_one, 1, (sympy.exp(U) - 1) / U),
    (_log_one_plus, 1, sympy.log(1 + U) / U),
    (_one_minus_cos, 1, (1 - sympy.cos(U)) / U),
)

_KNOWN_VALUES = {sympy.sin(U) / U: sympy.S.One, sympy.tan(U) / U: sympy.S.One,
                 sympy.asin(U) / U: sympy.S.One, sympy.atan(U) / U: sympy.S.One,
                 (sympy.exp(U) - 1) / U: sympy.S.One, sympy.log(1 + U) / U: sympy.S.One,
                 (1 - sympy.cos(U)) / U: sympy.S.Zero}


def _match(top: sympy.Basic, bottom: sympy.Basic, s: Solver, a, side):
    """(known form, u, scale) with top/bottom = scale * known(u) and u -> 0, or None."""
    x = s.x
    coeff, rest = top.as_independent(x, as_Add=False)
    for find_u, power, known in _KNOWN:
        u = find_u(rest)
        if u is None or not u.has(x):
            continue
        scale = sympy.cancel(coeff * u**power / bottom)
        if not scale.has(x) and scale != 0 and probe(u, x, a, side) == 0:
            return known, u, scale
    return None


def standard_limit(s: Solver, f, a, side) -> Step | None:
    """0/0 that is a constant times a standard limit (or its reciprocal).

    >>> x = sympy.Symbol("x", real=True)
    >>> standard_limit(Solver(x), sympy.sin(3*x)/x, sympy.S.Zero, "+-").result
    3
    """
    top, bottom = sympy.fraction(f)
    for n, d, flip in ((top, bottom, False), (bottom, top, True)):
        found = _match(n, d, s, a, side)
        if found is None:
            continue
        known, u, scale = found
        value = _KNOWN_VALUES[known] * scale
        return StandardLimit(s.limit_of(f, a, side), known=sympy.Limit(known, U, 0, "+-"),
                             known_value=_KNOWN_VALUES[known], inner=u, scale=scale,
                             value=1 / value if flip else value)
    return None


def standard_e_limit(s: Solver, f, a, side) -> Step | None:
    """(1 + w)^e with w -> 0 and w e -> k: the limit is e^k, from (1 + u)^(1/u) -> e.

    >>> x = sympy.Symbol("x", real=True)
    >>> standard_e_limit(Solver(x), (1 + 2/x)**x, sympy.oo, "-").result
    exp(2)
    """
    if not f.is_Pow:
        return None
    w = f.base - 1
    if probe(w, s.x, a, side) != 0:
        return None
    scale = probe(sympy.expand(w * f.exp), s.x, a, side)
    if not is_value(scale):
        scale = probe(sympy.cancel(w * f.exp), s.x, a, side)
    if not is_value(scale) or not scale.is_finite:
        return None
    return StandardLimit(s.limit_of(f, a, side), known=sympy.Limit((1 + U) ** (1 / U), U, 0, "+-"),
                         known_value=sympy.E, inner=w, scale=scale, value=sympy.exp(scale))
