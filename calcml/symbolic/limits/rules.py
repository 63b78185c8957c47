"""The rules for indeterminate forms: each a finder ``rule(solver, f, a, side) -> Step | None``.

``FORM_RULES`` lists, for each form, the rules to try in order; the first that applies
wins. A rule builds its step and asks the solver for the limit of what it rewrote.
"""

from __future__ import annotations

from collections.abc import Callable

import sympy
from sympy import oo

from calcml.steps.base import Step
from calcml.steps.limits.rules import (
    DNE,
    DivideByHighestPower,
    ExponentViaLogarithm,
    FactorAndCancel,
    LHopitalRule,
    LimitRewrite,
    MultiplyByConjugate,
)
from calcml.symbolic.derivatives.derivative import derivative_steps
from calcml.symbolic.limits.known import standard_e_limit, standard_limit
from calcml.symbolic.limits.probe import probe
from calcml.symbolic.limits.solver import Solver

Rule = Callable[[Solver, sympy.Basic, sympy.Basic, str], Step | None]


def _quotient(f: sympy.Basic, x: sympy.Symbol) -> tuple[sympy.Basic, sympy.Basic] | None:
    n, d = sympy.fraction(f)
    return (n, d) if d.has(x) else None


def _over(top: sympy.Basic, bottom: sympy.Basic) -> sympy.Basic:
    """top/bottom written as a quotient, not simplified."""
    if bottom == 1:
        return top
    return sympy.Mul(top, sympy.Pow(bottom, -1, evaluate=False), evaluate=False)


def factor_and_cancel(s: Solver, f, a, side) -> Step | None:
    """0/0 in a rational function: factor, cancel the common factor, substitute."""
    x = s.x
    parts = _quotient(f, x)
    if parts is None or not all(p.is_polynomial(x) for p in parts):
        return None
    n, d = parts
    common = sympy.factor(sympy.gcd(n, d))
    if not common.has(x):
        return None
    cancelled = sympy.cancel(f)
    return FactorAndCancel(s.limit_of(f, a, side),
                           factored=_over(sympy.factor(n), sympy.factor(d)),
                           common_factor=common, cancelled=cancelled,
                           substep=s.solve(cancelled, a, side))


def _has_root(e: sympy.Basic) -> bool:
    """True when ``e`` holds a square root (an exponent with denominator 2), which
    multiplying by the conjugate clears."""
    return any(p.exp.is_Rational and p.exp.q == 2 for p in e.atoms(sympy.Pow))


def multiply_by_conjugate(s: Solver, f, a, side) -> Step | None:
    """A difference with a square root: multiply top and bottom by its conjugate."""
    n, d = sympy.fraction(f)
    for part in (n, d):
        if not (part.is_Add and len(part.args) == 2 and _has_root(part)):
            continue
        first, second = part.args
        conjugate = first - second
        squares = sympy.expand(first**2 - second**2)
        simplified = squares / (d * conjugate) if part is n else n * conjugate / squares
        multiplied = sympy.Mul(f, _over(conjugate, conjugate), evaluate=False)
        return MultiplyByConjugate(s.limit_of(f, a, side), conjugate=conjugate,
                                   multiplied=multiplied, simplified=simplified,
                                   substep=s.solve(simplified, a, side))
    return None


def _term(t: sympy.Basic, x: sympy.Symbol):
    """A term as (coefficient, power of x, other factors with x divided out of radicals),
    or None when a factor is not a power of x or a root of a polynomial."""
    coeff, power, rest = sympy.S.One, sympy.S.Zero, []
    for factor in sympy.Mul.make_args(t):
        if not factor.has(x):
            coeff *= factor
        elif factor == x:
            power += 1
        elif factor.is_Pow and factor.base == x and factor.exp.is_Rational:
            power += factor.exp
        elif factor.is_Pow and factor.exp.is_Rational and factor.base.is_polynomial(x):
            degree = sympy.degree(factor.base, x)
            power += degree * factor.exp
            rest.append(sympy.expand(factor.base / x**degree) ** factor.exp)
        else:
            return None
    return coeff, power, rest


def _divided(e: sympy.Basic, x: sympy.Symbol, k: sympy.Basic) -> sympy.Basic | None:
    """e / x^k with the powers of x taken into roots (valid for x > 0)."""
    terms = [_term(t, x) for t in sympy.Add.make_args(sympy.expand(e))]
    if any(t is None for t in terms):
        return None
    return sympy.Add(*(c * x ** (p - k) * sympy.Mul(*rest) for c, p, rest in terms))


def divide_by_highest_power(s: Solver, f, a, side) -> Step | None:
    """oo/oo at +-oo: divide top and bottom by the highest power of x in the bottom."""
    x = s.x
    parts = _quotient(f, x)
    if parts is None or a not in (oo, -oo):
        return None
    n, d = parts
    rational = n.is_polynomial(x) and d.is_polynomial(x)
    if not rational and a == -oo:
        return None
    terms = [_term(t, x) for t in sympy.Add.make_args(sympy.expand(d))]
    if any(t is None for t in terms):
        return None
    k = max(p for _, p, _ in terms)
    top, bottom = _divided(n, x, k), _divided(d, x, k)
    if k <= 0 or top is None or bottom is None:
        return None
    rewritten = _over(top, bottom)
    return DivideByHighestPower(s.limit_of(f, a, side), power=x**k, rewritten=rewritten,
                                substep=s.solve(rewritten, a, side))


def _ratio(top: sympy.Basic, bottom: sympy.Basic, x: sympy.Symbol) -> sympy.Basic:
    ratio = top / bottom
    return sympy.cancel(ratio) if ratio.is_rational_function(x) else ratio


def lhopital(s: Solver, f, a, side) -> Step | None:
    """0/0 or oo/oo: the limit of f/g is that of f'/g' (each derivative worked)."""
    parts = _quotient(f, s.x)
    if parts is None or s.lhopital_left <= 0:
        return None
    s.lhopital_left -= 1
    n, d = parts
    dn, dd = derivative_steps(n, s.x), derivative_steps(d, s.x)
    ratio = _ratio(dn.result, dd.result, s.x)
    form = "0/0" if probe(d, s.x, a, side) == 0 else "oo/oo"
    substep = s.solve(ratio, a, side)
    if substep.result is DNE:
        return None
    return LHopitalRule(s.limit_of(f, a, side), form=form, numerator=n, denominator=d,
                        numerator_derivative=dn, denominator_derivative=dd, substep=substep)


def piecewise_form(s: Solver, f, a, side) -> Step | None:
    """|g| or sign(g) in f: write f piece by piece (|x|/x is -1 for x < 0 and 1 for x > 0)
    and take the limit of the piece in force on each side."""
    if not f.has(sympy.Abs, sympy.sign):
        return None
    pieces = sympy.piecewise_fold(f.rewrite(sympy.Piecewise))
    if not isinstance(pieces, sympy.Piecewise):
        return None
    how = "each absolute value (or sign) written piece by piece, one formula per interval"
    return LimitRewrite(s.limit_of(f, a, side), rewritten=pieces, how=how,
                        substep=s.piecewise(pieces, a, side))


_SLOW_TO_ZERO = (sympy.log, sympy.asin, sympy.acos, sympy.atan)


def product_as_quotient(s: Solver, f, a, side) -> Step | None:
    """0*oo: write u*v as u/(1/v), keeping a logarithm on top, to reach 0/0 or oo/oo."""
    x = s.x
    zero = [t for t in f.args if t.has(x) and probe(t, x, a, side) == 0]
    if not f.is_Mul or not zero:
        return None
    small = sympy.Mul(*zero)
    large = sympy.Mul(*(t for t in f.args if t not in zero))
    top, bottom = (large, small) if large.has(*_SLOW_TO_ZERO) else (small, large)
    rewritten = _over(top, 1 / bottom)
    how = "a product that is 0 times infinity, written as a quotient"
    return LimitRewrite(s.limit_of(f, a, side), rewritten=rewritten, how=how,
                        substep=s.solve(rewritten, a, side))


def combine_fractions(s: Solver, f, a, side) -> Step | None:
    """oo - oo: put the terms over a common denominator."""
    together = sympy.together(f)
    if together == f or _quotient(together, s.x) is None:
        return None
    return LimitRewrite(s.limit_of(f, a, side), rewritten=together,
                        how="a difference of two infinite terms, put over one denominator",
                        substep=s.solve(together, a, side))


def exponent_via_logarithm(s: Solver, f, a, side) -> Step | None:
    """1^oo, 0^0, oo^0: find the limit of the logarithm, e ln b, then raise e to it."""
    if not f.is_Pow:
        return None
    log_form = f.exp * sympy.log(f.base)
    return ExponentViaLogarithm(s.limit_of(f, a, side), log_limit=s.solve(log_form, a, side))


FORM_RULES: dict[str, tuple[Rule, ...]] = {
    "0/0": (piecewise_form, standard_limit, factor_and_cancel, multiply_by_conjugate,
            lhopital),
    "oo/oo": (divide_by_highest_power, lhopital),
    "0*oo": (product_as_quotient,),
    "oo - oo": (multiply_by_conjugate, combine_fractions),
    "1^oo": (standard_e_limit, exponent_via_logarithm),
    "0^0": (exponent_via_logarithm,),
    "oo^0": (exponent_via_logarithm,),
}
