"""The standard limits a learner knows by heart, matched against f = n/d or f = b^e.

Only four are quoted: sin u/u -> 1, (e^u - 1)/u -> 1, (1 - cos u)/u -> 0 as u -> 0, each
also with a constant factor (sin 3x / x = 3 * sin 3x/(3x)); and (1 + u)^(1/u) -> e, so
(1 + w)^e -> e^(lim w e) when w -> 0. Every other one is derived: tan u/u from sin u/u
and the limit laws (:func:`tangent_as_sine`); ln(1 + u)/u, asin u/u, atan u/u and
(1 - cos u)/u^2 by L'Hopital's rule.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy

from calcml.steps.base import Step
from calcml.steps.limits.rules import LimitLaw, LimitRewrite, LimitRewriteKind, StandardLimit
from calcml.symbolic.limits.probe import is_value, probe
from calcml.symbolic.limits.protocol import LimitWork

U = sympy.Symbol("u", real=True)


def _argument_of(func: type) -> Callable[[sympy.Basic], sympy.Basic | None]:
    return lambda e: e.args[0] if isinstance(e, func) else None


def _exp_minus_one(e: sympy.Basic) -> sympy.Basic | None:
    plus_one = e + 1
    return plus_one.args[0] if isinstance(plus_one, sympy.exp) else None


def _one_minus_cos(e: sympy.Basic) -> sympy.Basic | None:
    rest = 1 - e
    return rest.args[0] if isinstance(rest, sympy.cos) else None


# (how to find u in the numerator, the power of u in the known denominator, known form)
_KNOWN = (
    (_argument_of(sympy.sin), 1, sympy.sin(U) / U),
    (_exp_minus_one, 1, (sympy.exp(U) - 1) / U),
    (_one_minus_cos, 1, (1 - sympy.cos(U)) / U),
)

_KNOWN_VALUES = {sympy.sin(U) / U: sympy.S.One, (sympy.exp(U) - 1) / U: sympy.S.One,
                 (1 - sympy.cos(U)) / U: sympy.S.Zero}


def _match(top: sympy.Basic, bottom: sympy.Basic, s: LimitWork, a, side):
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


def standard_limit(s: LimitWork, f, a, side) -> Step | None:
    """0/0 that is a constant times a standard limit (or its reciprocal).

    >>> from calcml.symbolic.limits.solver import Solver
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
                             value=1 / value if flip else value, reciprocal=flip)
    return None


def standard_e_limit(s: LimitWork, f, a, side) -> Step | None:
    """(1 + w)^e with w -> 0 and w e -> k: the limit is e^k, from (1 + u)^(1/u) -> e.

    >>> from calcml.symbolic.limits.solver import Solver
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
    return StandardLimit(s.limit_of(f, a, side),
                         known=sympy.Limit((1 + U) ** (1 / U), U, 0, "+-"),
                         known_value=sympy.E, inner=w, scale=scale, value=sympy.exp(scale))


def _sines_and_cosines(e: sympy.Basic) -> tuple[sympy.Basic, sympy.Basic] | None:
    """``e`` = sines * cosines, each tan u^k written sin u^k / cos u^k; None when a tan is
    not a plain factor of ``e`` (tan inside a sum or another function)."""
    sines, cosines = [], []
    for factor in sympy.Mul.make_args(e):
        base, power = factor.as_base_exp()
        if isinstance(base, sympy.tan):
            sines.append(sympy.sin(base.args[0]) ** power)
            cosines.append(sympy.cos(base.args[0]) ** -power)
        elif factor.has(sympy.tan):
            return None
        else:
            sines.append(factor)
    return sympy.Mul(*sines), sympy.Mul(*cosines)


def tangent_as_sine(s: LimitWork, f, a, side) -> Step | None:
    """0/0 with tan u: tan u = sin u / cos u, so f is a quotient of sines times powers of
    cos u, which tend to a number other than 0; the product law then gives the limit from
    sin u/u -> 1 (tan 3x / x = (sin 3x / x) * (1 / cos 3x) -> 3 * 1).

    >>> from calcml.symbolic.limits.solver import Solver
    >>> x = sympy.Symbol("x", real=True)
    >>> tangent_as_sine(Solver(x), sympy.tan(3*x)/x, sympy.S.Zero, "+-").result
    3
    """
    split = _sines_and_cosines(f) if f.has(sympy.tan) else None
    if split is None:
        return None
    sines, cosines = split
    at_a = probe(cosines, s.x, a, side)
    if not (is_value(at_a) and at_a.is_finite and at_a != 0):
        return None
    sine_step, cosine_step = s.solve(sines, a, side), s.solve(cosines, a, side)
    if not (is_value(sine_step.result) and sine_step.result.is_finite):
        return None
    rewritten = sympy.Mul(sines, cosines, evaluate=False)
    law = LimitLaw(s.limit_of(rewritten, a, side), law="product",
                   parts=(sine_step, cosine_step),
                   value=sine_step.result * cosine_step.result)
    return LimitRewrite(s.limit_of(f, a, side), rewritten=rewritten,
                        kind=LimitRewriteKind.TANGENT_AS_SINE_OVER_COSINE,
                        substep=law)
