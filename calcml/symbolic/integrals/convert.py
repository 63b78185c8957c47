"""SymPy's manualintegrate rule tree turned into calcml's integral steps.

One small converter per SymPy rule class, dispatched from the flat table
:data:`CONVERTERS`; a rule class missing from the table becomes an explicit
:class:`~calcml.steps.integrals.rules.SympyRule` step that names it. SymPy's dummy
variables (its ``_u`` and ``_theta``) are shown as ordinary letters a learner can read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sympy
from sympy.integrals import manualintegrate as mi

from calcml.steps.base import Step
from calcml.steps.integrals import methods as m
from calcml.steps.integrals import rules as s
from calcml.symbolic.integrals.fractions import split_with_unknowns
from calcml.symbolic.integrals.liate import liate_class, rewrite_kind
from calcml.symbolic.integrals.rules import WorkLimitError, rule_tree

__all__ = ["CONVERTERS", "Converter", "NoRule", "to_steps"]


class NoRule(Exception):
    """The rule tree holds a DontKnowRule: the rule search found no rule for a part."""


class Converter:
    """Converts one rule tree; remembers the letters given to SymPy's dummy variables."""

    U_NAMES = ("u", "w", "v", "z", "s", "r")
    THETA_NAMES = ("theta", "phi", "alpha")

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)
        self.renames: dict[sympy.Symbol, sympy.Symbol] = {}

    def expr(self, e: sympy.Basic | int | float) -> sympy.Basic:
        """``e`` with SymPy's dummies replaced by their letters (SymPy's rules sometimes
        hold a plain Python number)."""
        if not isinstance(e, sympy.Basic):
            e = sympy.Integer(e) if isinstance(e, int) else sympy.Float(e)
        return e.xreplace(self.renames) if self.renames else e

    @contextmanager
    def letter(self, dummy: sympy.Symbol, names: tuple[str, ...]) -> Iterator[sympy.Symbol]:
        """Within the block, ``dummy`` is shown as a fresh letter, unused in the problem and
        in earlier steps (SymPy reuses one dummy for nested substitutions)."""
        name = next((n for n in names if n not in self.taken), f"{names[0]}{len(self.taken)}")
        self.taken.add(name)
        outer = self.renames.get(dummy)
        self.renames[dummy] = sympy.Symbol(name)
        try:
            yield self.renames[dummy]
        finally:
            if outer is None:
                del self.renames[dummy]
            else:
                self.renames[dummy] = outer

    def convert(self, rule: mi.Rule) -> Step:
        """The calcml step for ``rule`` and everything below it."""
        return CONVERTERS.get(type(rule), _sympy_rule)(self, rule)

    def base(self, rule: mi.Rule) -> dict:
        """The fields every integral step has: its integrand and variable."""
        return {"integrand": self.expr(rule.integrand), "var": self.expr(rule.variable)}


def to_steps(rule: mi.Rule, taken: set[str]) -> Step:
    """Convert a SymPy rule tree; ``taken`` are the names already used in the problem.

    >>> x = sympy.Symbol("x")
    >>> to_steps(mi.integral_steps(x**2, x), {"x"}).result
    x**3/3
    """
    return Converter(taken).convert(rule)


def _simple(cls: type[s.IntegralStep]) -> Callable[[Converter, mi.Rule], Step]:
    return lambda c, r: cls(**c.base(r))


def _power(c: Converter, r: mi.PowerRule) -> Step:
    return s.PowerIntegralRule(**c.base(r), base=c.expr(r.base), exponent=c.expr(r.exp))


def _nested_power(c: Converter, r: mi.NestedPowRule) -> Step:
    return s.NestedPowerRule(**c.base(r), base=c.expr(r.base), exponent=c.expr(r.exp))


def _exponential(c: Converter, r: mi.ExpRule) -> Step:
    return s.ExpIntegralRule(**c.base(r), base=c.expr(r.base))


def _reciprocal(c: Converter, r: mi.ReciprocalRule) -> Step:
    return s.ReciprocalRule(**c.base(r), base=c.expr(r.base))


def _arctan(c: Converter, r: mi.ArctanRule) -> Step:
    return s.ArctanRule(**c.base(r), numerator=c.expr(r.a), square_coefficient=c.expr(r.b),
                        constant=c.expr(r.c))


def _reciprocal_sqrt(c: Converter, r: mi.ReciprocalSqrtQuadraticRule) -> Step:
    return s.ReciprocalSqrtQuadraticRule(**c.base(r), a=c.expr(r.a), b=c.expr(r.b),
                                         c=c.expr(r.c))


def _sqrt_quadratic(c: Converter, r: mi.SqrtQuadraticRule) -> Step:
    return s.SqrtQuadraticRule(**c.base(r), a=c.expr(r.a), b=c.expr(r.b), c=c.expr(r.c),
                               antiderivative=c.expr(r.eval()))


def _sqrt_quadratic_denominator(c: Converter, r: mi.SqrtQuadraticDenomRule) -> Step:
    x = c.expr(r.variable)
    degree = len(r.coeffs) - 1
    numerator = sympy.Add(*(c.expr(k) * x ** (degree - i) for i, k in enumerate(r.coeffs)))
    quadratic = c.expr(r.a + r.b * r.variable + r.c * r.variable**2)
    return s.SqrtQuadraticDenomRule(**c.base(r), numerator=numerator, quadratic=quadratic,
                                    antiderivative=c.expr(r.eval()))


def _special(c: Converter, r: mi.Rule) -> Step:
    name = type(r).__name__.removesuffix("Rule")
    return s.SpecialFunctionRule(**c.base(r), function=name, antiderivative=c.expr(r.eval()))


def _sympy_rule(c: Converter, r: mi.Rule) -> Step:
    if isinstance(r, mi.DontKnowRule):
        raise NoRule(f"no rule for {r.integrand}")
    return s.SympyRule(**c.base(r), name=type(r).__name__, antiderivative=c.expr(r.eval()))


def _constant_times(c: Converter, r: mi.ConstantTimesRule) -> Step:
    return m.ConstantMultipleIntegralRule(**c.base(r), constant=c.expr(r.constant),
                                  other=c.expr(r.other), substep=c.convert(r.substep))


def _add(c: Converter, r: mi.AddRule) -> Step:
    return m.SumIntegralRule(**c.base(r), term_steps=tuple(c.convert(t) for t in r.substeps))


def _u_substitution(c: Converter, r: mi.URule) -> Step:
    """The integrand is built from the substitution, f(g(x)) g'(x), never taken from SymPy's
    rule: there it is the integrand before a constant factor was taken out (x/(x² + 1)
    where the substitution integrates 2x/(x² + 1)), or holds SymPy's dummy u."""
    x = c.expr(r.variable)
    u_func = c.expr(r.u_func)
    names = Converter.U_NAMES[1:] if _has_parts(r.substep) else Converter.U_NAMES
    with c.letter(r.u_var, names) as u:
        substep = c.convert(r.substep)
    du = sympy.diff(u_func, x)
    integrand = substep.integrand.xreplace({u: u_func}) * du
    return m.USubstitution(integrand=integrand, var=x, u_var=u, u_func=u_func, du=du,
                           substep=substep)


def _has_parts(rule: mi.Rule) -> bool:
    """True when integration by parts is used somewhere in ``rule``: a substitution then
    takes a letter other than u, which parts needs for its own u."""
    if isinstance(rule, mi.PartsRule | mi.CyclicPartsRule):
        return True
    children = [v for v in vars(rule).values() if isinstance(v, mi.Rule)]
    children += [v for f in vars(rule).values() if isinstance(f, list | tuple)
                 for v in f if isinstance(v, mi.Rule)]
    return any(_has_parts(child) for child in children)


def _parts(c: Converter, r: mi.PartsRule) -> Step:
    """Parts as a textbook writes it: v, then the formula with a constant factor of v du
    taken out in front of the integral left, then that integral."""
    u, dv, x = c.expr(r.u), c.expr(r.dv), c.expr(r.variable)
    v_step = c.convert(r.v_step)
    constant, remaining = c.expr(r.second_step.integrand).as_coeff_Mul()
    second = _constant_out(c, r.second_step, constant, remaining, x)
    if second is None:
        constant, remaining = sympy.S.One, c.expr(r.second_step.integrand)
        second = c.convert(r.second_step)
    assembled = m.PartsFormula(**c.base(r), u=u, v=v_step.result, constant=constant,
                               remaining=remaining)
    return m.IntegrationByParts(**c.base(r), u=u, dv=dv, du=sympy.diff(u, x),
                                u_kind=liate_class(u, x),
                                dv_kind=liate_class(dv, x) if dv.has(x) else None, v_step=v_step,
                                assembled=assembled, second_step=second)


def _constant_out(c: Converter, rule: mi.Rule, constant: sympy.Expr, remaining: sympy.Expr,
                  x: sympy.Symbol) -> Step | None:
    """The steps of ∫ g dx, where v du = ``constant`` g and the constant is written once,
    in front of the integral in the assembled formula (∫ -2x cos x dx = -2 ∫ x cos x dx,
    then parts with u = x): SymPy's own steps for g where it took the constant out, else
    g searched on its own; None where that search does not finish (then the formula keeps
    v du whole)."""
    if constant == 1:
        return c.convert(rule)
    if isinstance(rule, mi.ConstantTimesRule):
        same = c.expr(rule.constant) == constant and c.expr(rule.other) == remaining
        return c.convert(rule.substep) if same else None
    try:
        inner = rule_tree(remaining, x)
    except WorkLimitError:
        return None
    if inner is None or inner.contains_dont_know():
        return None
    return c.convert(inner)


def _cyclic_parts(c: Converter, r: mi.CyclicPartsRule) -> Step:
    x = c.expr(r.variable)
    rounds = tuple(m.PartsRound(integrand=c.expr(p.u * p.dv), var=x, u=c.expr(p.u),
                                dv=c.expr(p.dv), du=sympy.diff(c.expr(p.u), x),
                                v_step=c.convert(p.v_step)) for p in r.parts_rules)
    return m.CyclicParts(**c.base(r), rounds=rounds, coefficient=c.expr(r.coefficient))


def _rewrite(c: Converter, r: mi.RewriteRule) -> Step:
    fields = dict(c.base(r), rewritten=c.expr(r.rewritten), substep=c.convert(r.substep))
    kind = rewrite_kind(r.integrand, r.rewritten, r.variable)
    if kind is m.IntegrandRewrite.PARTIAL_FRACTIONS:
        ansatz, found = split_with_unknowns(fields["integrand"], fields["var"], c.taken)
        return m.PartialFractions(**fields, ansatz=ansatz, coefficient_steps=found)
    return m.RewriteIntegrand(**fields, kind=kind)


def _complete_square(c: Converter, r: mi.CompleteSquareRule) -> Step:
    return m.CompleteSquare(**c.base(r), rewritten=c.expr(r.rewritten),
                            substep=c.convert(r.substep))


def _trig_substitution(c: Converter, r: mi.TrigSubstitutionRule) -> Step:
    fields = c.base(r)
    value = r.eval()
    if isinstance(value, sympy.Piecewise):
        value = value.args[0].expr
    with c.letter(r.theta, Converter.THETA_NAMES) as theta:
        x_in_theta = c.expr(r.func)
        substep = c.convert(r.substep)
        antiderivative = c.expr(value)
        holds = _where_substitution_holds(fields["var"], x_in_theta, theta)
        return m.TrigSubstitution(**fields, theta=theta, x_in_theta=x_in_theta,
                                  rewritten=c.expr(r.rewritten), substep=substep,
                                  antiderivative=antiderivative, holds_where=holds,
                                  back=_back(fields["var"], theta, x_in_theta,
                                             substep.result, antiderivative, holds))


_INVERSE = {sympy.sin: sympy.asin, sympy.tan: sympy.atan, sympy.sec: sympy.asec}


def _back(x: sympy.Symbol, theta: sympy.Symbol, x_in_theta: sympy.Expr,
          in_theta: sympy.Expr, in_x: sympy.Expr, holds: sympy.Basic) -> Step | None:
    """θ put back in terms of x: x = k sin θ gives θ = asin(x/k) (atan, asec alike)."""
    for trig, inverse in _INVERSE.items():
        scale = sympy.cancel(x_in_theta / trig(theta))
        if not scale.has(theta):
            return m.BackSubstitution(in_theta=in_theta, theta=theta, var=x,
                                      theta_in_x=inverse(x / scale), in_x=in_x,
                                      holds_where=holds)
    return None


def _where_substitution_holds(x: sympy.Symbol, x_in_theta: sympy.Expr,
                              theta: sympy.Symbol) -> sympy.Basic:
    """x = a sec θ reaches only x > 0 (times the sign of a) with θ in [0, π/2), the range
    the right triangle assumes; a sin θ and a tan θ reach every x of the domain."""
    scale = x_in_theta / sympy.sec(theta)
    if scale.has(theta):
        return sympy.true
    return sympy.Gt(x * sympy.sign(scale), 0)


def _piecewise(c: Converter, r: mi.PiecewiseRule) -> Step:
    return m.PiecewiseCases(**c.base(r),
                            case_steps=tuple(c.convert(step) for step, _ in r.subfunctions),
                            conditions=tuple(c.expr(cond) for _, cond in r.subfunctions))


def _alternative(c: Converter, r: mi.AlternativeRule) -> Step:
    doable = [a for a in r.alternatives if not a.contains_dont_know()]
    return c.convert(min(doable or r.alternatives, key=_effort))


def _effort(rule: mi.Rule) -> int:
    """How much work a rule tree asks of a learner: its rules, a substitution counting two;
    a rational integrand split into partial fractions counts least, as in a textbook."""
    if isinstance(rule, mi.AlternativeRule):
        return min(_effort(a) for a in rule.alternatives)
    if isinstance(rule, mi.RewriteRule) and rule.integrand.is_rational_function(rule.variable) \
            and rewrite_kind(rule.integrand, rule.rewritten, rule.variable) is \
            m.IntegrandRewrite.PARTIAL_FRACTIONS:
        return 0
    children = [v for v in vars(rule).values() if isinstance(v, mi.Rule)]
    children += [v for f in vars(rule).values() if isinstance(f, list)
                 for v in f if isinstance(v, mi.Rule)]
    own = 2 if isinstance(rule, mi.URule) else 1
    return own + sum(_effort(child) for child in children)


_SPECIAL = (mi.CiRule, mi.ChiRule, mi.EiRule, mi.SiRule, mi.ShiRule, mi.LiRule, mi.ErfRule,
            mi.FresnelCRule, mi.FresnelSRule, mi.PolylogRule, mi.UpperGammaRule,
            mi.EllipticFRule, mi.EllipticERule)

CONVERTERS: dict[type, Callable[[Converter, mi.Rule], Step]] = {
    mi.ConstantRule: _simple(s.ConstantIntegralRule),
    mi.PowerRule: _power,
    mi.NestedPowRule: _nested_power,
    mi.ReciprocalRule: _reciprocal,
    mi.ExpRule: _exponential,
    mi.SinRule: _simple(s.SinRule),
    mi.CosRule: _simple(s.CosRule),
    mi.Sec2Rule: _simple(s.Sec2Rule),
    mi.Csc2Rule: _simple(s.Csc2Rule),
    mi.SecTanRule: _simple(s.SecTanRule),
    mi.CscCotRule: _simple(s.CscCotRule),
    mi.SinhRule: _simple(s.SinhRule),
    mi.CoshRule: _simple(s.CoshRule),
    mi.ArcsinRule: _simple(s.ArcsinRule),
    mi.ArcsinhRule: _simple(s.ArcsinhRule),
    mi.ArctanRule: _arctan,
    mi.ReciprocalSqrtQuadraticRule: _reciprocal_sqrt,
    mi.SqrtQuadraticRule: _sqrt_quadratic,
    mi.SqrtQuadraticDenomRule: _sqrt_quadratic_denominator,
    mi.ConstantTimesRule: _constant_times,
    mi.AddRule: _add,
    mi.URule: _u_substitution,
    mi.PartsRule: _parts,
    mi.CyclicPartsRule: _cyclic_parts,
    mi.RewriteRule: _rewrite,
    mi.CompleteSquareRule: _complete_square,
    mi.TrigSubstitutionRule: _trig_substitution,
    mi.PiecewiseRule: _piecewise,
    mi.AlternativeRule: _alternative,
    mi.DontKnowRule: _sympy_rule,
    **{cls: _special for cls in _SPECIAL},
}
"""SymPy rule class to the function that converts it (rules not listed: SympyRule)."""
