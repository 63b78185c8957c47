"""Step classes of the integration methods that call on other steps: the constant multiple
and sum rules, u-substitution, integration by parts, rewrites of the integrand (partial
fractions, completing the square, identities) and trigonometric substitution."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, IntEnum

import sympy

from calcml.steps.base import Step
from calcml.steps.integrals.rules import IntegralStep


@dataclass(frozen=True)
class ConstantMultipleIntegralRule(IntegralStep):
    """∫ c f(x) dx = c ∫ f(x) dx: ``integrand`` = ``constant`` * ``other``; ``substep``
    integrates ``other``."""

    rule = "Constant multiple rule"
    constant: sympy.Expr
    other: sympy.Expr
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.constant * self.substep.result


@dataclass(frozen=True)
class SumIntegralRule(IntegralStep):
    """∫ (f + g) dx = ∫ f dx + ∫ g dx: one substep per term, in ``term_steps``."""

    rule = "Sum rule"
    term_steps: tuple[Step, ...]

    def eval(self) -> sympy.Basic:
        return sympy.Add(*(s.result for s in self.term_steps))


@dataclass(frozen=True)
class USubstitution(IntegralStep):
    """∫ f(g(x)) g'(x) dx = ∫ f(u) du with u = g(x): ``u_var`` is u, ``u_func`` is g(x),
    ``du`` is g'(x) (so du = g'(x) dx), and ``substep`` integrates in u; u = g(x) goes
    back in at the end."""

    rule = "u-substitution"
    u_var: sympy.Symbol
    u_func: sympy.Expr
    du: sympy.Expr
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result.xreplace({self.u_var: self.u_func})


class Liate(IntEnum):
    """The kinds of factor in the LIATE order; the factor to call u comes first."""

    LOGARITHM = 0
    INVERSE_TRIGONOMETRIC = 1
    ALGEBRAIC = 2
    TRIGONOMETRIC = 3
    EXPONENTIAL = 4


@dataclass(frozen=True)
class IntegrationByParts(IntegralStep):
    """∫ u dv = u v - ∫ v du: ``integrand`` = ``u`` * ``dv``; ``du`` is u', ``v_step``
    integrates dv to v (the first sub-result), ``assembled`` writes the formula out with
    ∫ v du still to do, a constant factor c of v du = c g dx taken out in front, and
    ``second_step`` integrates g (the second sub-result; v du itself where c is 1).
    ``u_kind`` and ``dv_kind`` are the LIATE kinds that chose u (``dv_kind`` is None where
    dv is a constant)."""

    rule = "Integration by parts"
    u: sympy.Expr
    dv: sympy.Expr
    du: sympy.Expr
    u_kind: Liate
    dv_kind: Liate | None
    v_step: Step
    assembled: PartsFormula
    second_step: Step

    def eval(self) -> sympy.Basic:
        return self.u * self.v_step.result - self.assembled.constant * self.second_step.result


@dataclass(frozen=True)
class PartsFormula(IntegralStep):
    """The parts formula with u and v in place, ∫ u dv = u v - ``constant`` ∫ ``remaining``
    dx, where ``constant`` * ``remaining`` is v du with its constant factor taken out: the
    line a textbook writes before the second integral."""

    rule = "Assemble the parts formula"
    u: sympy.Expr
    v: sympy.Expr
    constant: sympy.Expr
    remaining: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.u * self.v - self.constant * sympy.Integral(self.remaining, self.var)


@dataclass(frozen=True)
class PartsRound(IntegralStep):
    """One round of parts inside a cyclic integration, ∫ u dv = u v - ∫ v du, whose
    remaining ∫ v du is carried to the next round: ``v_step`` integrates ``dv``."""

    rule = "Parts, one round"
    u: sympy.Expr
    dv: sympy.Expr
    du: sympy.Expr
    v_step: Step

    def eval(self) -> sympy.Basic:
        return self.u * self.v_step.result

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """∫ u dv = u v - ∫ v du, the last integral left for the next round."""
        v = self.v_step.result
        return self.expression, self.u * v - sympy.Integral(v * self.du, self.var)


@dataclass(frozen=True)
class CyclicParts(IntegralStep):
    """Parts applied until the original integral I comes back: the rounds give
    I = (u₁v₁ - u₂v₂ + ...) + ``coefficient`` I, so I = (u₁v₁ - u₂v₂ + ...)/(1 - coefficient).
    ``rounds`` hold the parts rounds in order."""

    rule = "Integration by parts (cyclic)"
    rounds: tuple[Step, ...]
    coefficient: sympy.Expr

    def eval(self) -> sympy.Basic:
        terms = [(-1) ** i * r.result for i, r in enumerate(self.rounds)]
        return sympy.Add(*terms) / (1 - self.coefficient)


class IntegrandRewrite(Enum):
    """What a rewrite of an integrand does; the words for each are in the explanation."""

    PARTIAL_FRACTIONS = "partial fractions"
    SPLIT_NUMERATOR = "split the numerator"
    EXPAND = "multiply out"
    DOUBLE_ANGLE = "double-angle identity"
    TRIG_IDENTITY = "trigonometric identity"
    CANCEL = "cancel"
    EQUAL_FORM = "equal form"


@dataclass(frozen=True)
class RewriteIntegrand(IntegralStep):
    """∫ f dx = ∫ g dx where g = f written another way (``rewritten``); ``kind`` names the
    identity or algebra used; ``substep`` integrates g."""

    rule = "Rewrite the integrand"
    rewritten: sympy.Expr
    kind: IntegrandRewrite
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class PartialFractions(IntegralStep):
    """P(x)/Q(x) = A/(x - r₁) + B/(x - r₂) + ...: a rational ``integrand`` split into
    simple fractions (``rewritten``), each integrated by ``substep``. ``ansatz`` is the
    split with unknown numerators (None where it is not written out), found by the
    ``coefficient_steps`` (cover-up, or equating coefficients)."""

    rule = "Partial fractions"
    rewritten: sympy.Expr
    ansatz: sympy.Expr | None
    coefficient_steps: tuple[Step, ...]
    substep: Step

    @property
    def coefficients(self) -> dict[sympy.Symbol, sympy.Expr]:
        """The unknown numerators and their values, {A: 1, B: -1}."""
        found: dict[sympy.Symbol, sympy.Expr] = {}
        for step in self.coefficient_steps:
            found.update(step.values)
        return found

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class CoverUp(Step):
    """The cover-up rule for the numerator ``unknown`` over a simple factor ``factor`` = 0
    at x = ``root``: multiply ``fraction`` by the factor and let x approach the root;
    every other simple fraction vanishes, leaving ``unknown`` = ``covered`` at the root."""

    rule = "Cover-up rule"
    fraction: sympy.Expr
    var: sympy.Symbol
    unknown: sympy.Symbol
    factor: sympy.Expr
    root: sympy.Expr
    covered: sympy.Expr

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Limit(self.factor * self.fraction, self.var, self.root, dir="+-")

    @property
    def values(self) -> dict[sympy.Symbol, sympy.Expr]:
        return {self.unknown: self.result}

    def eval(self) -> sympy.Basic:
        return self.covered.subs(self.var, self.root)


@dataclass(frozen=True)
class EquateCoefficients(Step):
    """``fraction`` = ``ansatz``: multiplied by the ``denominator``, both sides are
    polynomials, so the coefficient of each power of x must agree; the ``equations`` solve
    for the ``unknowns``, whose ``solution`` puts the split in place."""

    rule = "Equate coefficients"
    fraction: sympy.Expr
    var: sympy.Symbol
    ansatz: sympy.Expr
    denominator: sympy.Expr
    equations: tuple[sympy.Eq, ...]
    unknowns: tuple[sympy.Symbol, ...]
    solution: tuple[sympy.Expr, ...]

    @property
    def expression(self) -> sympy.Basic:
        return self.fraction

    @property
    def values(self) -> dict[sympy.Symbol, sympy.Expr]:
        return dict(zip(self.unknowns, self.solution, strict=True))

    def eval(self) -> sympy.Basic:
        return self.ansatz.xreplace(self.values)


@dataclass(frozen=True)
class CompleteSquare(IntegralStep):
    """a + b x + c x² = c (x + b/(2c))² + a - b²/(4c): the quadratic in ``integrand``
    completed to a square (``rewritten``), so that a standard form applies."""

    rule = "Complete the square"
    rewritten: sympy.Expr
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class TrigSubstitution(IntegralStep):
    """x = ``x_in_theta`` (a sin θ, a tan θ or a sec θ) turns the square root in
    ``integrand`` into a trigonometric function of ``theta``: dx = (d/dθ ``x_in_theta``) dθ
    and the integral becomes ∫ ``rewritten`` dθ (``substep``); ``back`` (where given) puts
    θ back in terms of x, giving ``antiderivative``, which holds where ``holds_where``
    does (the x the substitution reaches)."""

    rule = "Trigonometric substitution"
    theta: sympy.Symbol
    x_in_theta: sympy.Expr
    rewritten: sympy.Expr
    substep: Step
    antiderivative: sympy.Expr
    holds_where: sympy.Basic = sympy.true
    back: Step | None = None

    @property
    def dx(self) -> sympy.Expr:
        """dx/dθ, so that dx = (this) dθ."""
        return sympy.diff(self.x_in_theta, self.theta)

    def eval(self) -> sympy.Basic:
        return self.antiderivative

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """The antiderivative, claimed where the substitution reaches (``holds_where``)."""
        return self.expression, _where(self.antiderivative, self.holds_where)


@dataclass(frozen=True)
class BackSubstitution(Step):
    """The antiderivative in θ, ``in_theta``, written in x again: θ = ``theta_in_x`` (the
    inverse of the substitution), and the trigonometric functions of θ read off the right
    triangle; ``in_x`` is the result, equal where ``holds_where`` does."""

    rule = "Back-substitution"
    in_theta: sympy.Expr
    theta: sympy.Symbol
    var: sympy.Symbol
    theta_in_x: sympy.Expr
    in_x: sympy.Expr
    holds_where: sympy.Basic = sympy.true

    @property
    def expression(self) -> sympy.Basic:
        return self.in_theta.xreplace({self.theta: self.theta_in_x})

    def eval(self) -> sympy.Basic:
        return self.in_x

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """F(θ) with θ = θ(x) equals the x form, where the substitution reaches."""
        return self.expression, _where(self.in_x, self.holds_where)


def _where(value: sympy.Expr, condition: sympy.Basic) -> sympy.Basic:
    """``value``, or a Piecewise that holds it only where ``condition`` does."""
    return value if condition == sympy.true else sympy.Piecewise((value, condition))


@dataclass(frozen=True)
class PiecewiseCases(IntegralStep):
    """The integral takes different forms for different values of a parameter:
    ``case_steps[i]`` holds where ``conditions[i]`` does (the first true condition wins)."""

    rule = "Cases"
    case_steps: tuple[Step, ...]
    conditions: tuple[sympy.Basic, ...]

    def eval(self) -> sympy.Basic:
        return sympy.Piecewise(*((s.result, c) for s, c in
                                 zip(self.case_steps, self.conditions, strict=True)))
