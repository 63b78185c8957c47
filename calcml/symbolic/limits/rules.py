"""The rules for indeterminate forms: each a finder ``rule(solver, f, a, side) -> Step | None``.

``FORM_RULES`` lists, for each form, the rules to try in order; the first that applies
wins. A rule builds its step and asks the solver (a :class:`LimitWork`, passed in, never
imported) for the limit of what it rewrote.
"""

from __future__ import annotations

import sympy

from calcml.steps.base import Step
from calcml.steps.limits.rules import (
    DNE,
    ExponentViaLogarithm,
    FactorAndCancel,
    LHopitalRule,
    LimitRewrite,
    LimitRewriteKind,
    SimplifyQuotient,
)
from calcml.symbolic.derivatives.derivative import derivative_steps
from calcml.symbolic.limits.algebra import over, quotient
from calcml.symbolic.limits.conjugate import multiply_by_conjugate
from calcml.symbolic.limits.known import standard_e_limit, standard_limit, tangent_as_sine
from calcml.symbolic.limits.powers import divide_by_highest_power
from calcml.symbolic.limits.probe import probe
from calcml.symbolic.limits.protocol import LimitWork, Rule


def factor_and_cancel(s: LimitWork, f, a, side) -> Step | None:
    """0/0 in a rational function: factor, cancel the common factor, substitute."""
    x = s.x
    parts = quotient(f, x)
    if parts is None or not all(p.is_polynomial(x) for p in parts):
        return None
    n, d = parts
    common = sympy.factor(sympy.gcd(n, d))
    if not common.has(x):
        return None
    cancelled = sympy.cancel(f)
    return FactorAndCancel(s.limit_of(f, a, side),
                           factored=over(sympy.factor(n), sympy.factor(d)),
                           common_factor=common, cancelled=cancelled,
                           substep=s.solve(cancelled, a, side))


def _ratio(top: sympy.Basic, bottom: sympy.Basic, x: sympy.Symbol) -> SimplifyQuotient:
    """The line f'/g' = (the quotient written simply): cancelled where it is a rational
    function, else as SymPy's arithmetic leaves it (1/x over -1/x^2 is -x)."""
    ratio = top / bottom
    if ratio.is_rational_function(x):
        ratio = sympy.cancel(ratio)
    return SimplifyQuotient(before=over(top, bottom), after=ratio)


def lhopital(s: LimitWork, f, a, side) -> Step | None:
    """0/0 or oo/oo: the limit of f/g is that of f'/g' (each derivative worked)."""
    parts = quotient(f, s.x)
    if parts is None or s.lhopital_left <= 0:
        return None
    s.lhopital_left -= 1
    n, d = parts
    dn, dd = derivative_steps(n, s.x), derivative_steps(d, s.x)
    ratio = _ratio(dn.result, dd.result, s.x)
    form = "0/0" if probe(d, s.x, a, side) == 0 else "oo/oo"
    substep = s.solve(ratio.after, a, side)
    if substep.result is DNE:
        return None
    as_written = ratio.before == ratio.after or sympy.fraction(ratio.after) == (dn.result,
                                                                                 dd.result)
    shown = None if as_written else ratio
    return LHopitalRule(s.limit_of(f, a, side), form=form, numerator=n, denominator=d,
                        numerator_derivative=dn, denominator_derivative=dd, quotient=shown,
                        substep=substep)


def piecewise_form(s: LimitWork, f, a, side) -> Step | None:
    """|g| or sign(g) in f: write f piece by piece (|x|/x is -1 for x < 0 and 1 for x > 0)
    and take the limit of the piece in force on each side."""
    if not f.has(sympy.Abs, sympy.sign):
        return None
    pieces = sympy.piecewise_fold(f.rewrite(sympy.Piecewise))
    if not isinstance(pieces, sympy.Piecewise):
        return None
    return LimitRewrite(s.limit_of(f, a, side), rewritten=pieces,
                        kind=LimitRewriteKind.PIECEWISE,
                        substep=s.piecewise(pieces, a, side))


_SLOW_TO_ZERO = (sympy.log, sympy.asin, sympy.acos, sympy.atan)


def product_as_quotient(s: LimitWork, f, a, side) -> Step | None:
    """0*oo: write u*v as u/(1/v), keeping a logarithm on top, to reach 0/0 or oo/oo."""
    x = s.x
    zero = [t for t in f.args if t.has(x) and probe(t, x, a, side) == 0]
    if not f.is_Mul or not zero:
        return None
    small = sympy.Mul(*zero)
    large = sympy.Mul(*(t for t in f.args if t not in zero))
    top, bottom = (large, small) if large.has(*_SLOW_TO_ZERO) else (small, large)
    rewritten = over(top, 1 / bottom)
    return LimitRewrite(s.limit_of(f, a, side), rewritten=rewritten,
                        kind=LimitRewriteKind.PRODUCT_AS_QUOTIENT,
                        substep=s.solve(rewritten, a, side))


def combine_fractions(s: LimitWork, f, a, side) -> Step | None:
    """oo - oo: put the terms over a common denominator."""
    together = sympy.together(f)
    if together == f or quotient(together, s.x) is None:
        return None
    return LimitRewrite(s.limit_of(f, a, side), rewritten=together,
                        kind=LimitRewriteKind.COMMON_DENOMINATOR,
                        substep=s.solve(together, a, side))


def exponent_via_logarithm(s: LimitWork, f, a, side) -> Step | None:
    """1^oo, 0^0, oo^0: find the limit of the logarithm, e ln b, then raise e to it."""
    if not f.is_Pow:
        return None
    log_form = f.exp * sympy.log(f.base)
    return ExponentViaLogarithm(s.limit_of(f, a, side), log_limit=s.solve(log_form, a, side))


FORM_RULES: dict[str, tuple[Rule, ...]] = {
    "0/0": (piecewise_form, standard_limit, tangent_as_sine, factor_and_cancel,
            multiply_by_conjugate, lhopital),
    "oo/oo": (divide_by_highest_power, lhopital),
    "0*oo": (multiply_by_conjugate, product_as_quotient),
    "oo - oo": (multiply_by_conjugate, combine_fractions),
    "1^oo": (standard_e_limit, exponent_via_logarithm),
    "0^0": (exponent_via_logarithm,),
    "oo^0": (exponent_via_logarithm,),
}
