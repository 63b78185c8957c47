"""Step classes of the integration methods that call on other steps: the constant multiple
and sum rules, u-substitution, integration by parts, rewrites of the integrand (partial
fractions, completing the square, identities) and trigonometric substitution."""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class IntegrationByParts(IntegralStep):
    """∫ u dv = u v - ∫ v du: ``integrand`` = ``u`` * ``dv``; ``du`` is u', ``v_step``
    integrates dv to v, ``second_step`` integrates v du; ``choice`` says why u was chosen
    (the LIATE order)."""

    rule = "Integration by parts"
    u: sympy.Expr
    dv: sympy.Expr
    du: sympy.Expr
    choice: str
    v_step: Step
    second_step: Step

    def eval(self) -> sympy.Basic:
        return self.u * self.v_step.result - self.second_step.result


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


@dataclass(frozen=True)
class RewriteIntegrand(IntegralStep):
    """∫ f dx = ∫ g dx where g = f written another way (``rewritten``); ``reason`` names the
    identity or algebra used; ``substep`` integrates g."""

    rule = "Rewrite the integrand"
    rewritten: sympy.Expr
    reason: str
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class PartialFractions(IntegralStep):
    """P(x)/Q(x) = A/(x - r₁) + B/(x - r₂) + ...: a rational ``integrand`` split into
    simple fractions (``rewritten``), each integrated by ``substep``."""

    rule = "Partial fractions"
    rewritten: sympy.Expr
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


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
    ``integrand`` into a trigonometric function of ``theta``: the integral becomes
    ∫ ``rewritten`` dθ (``substep``); a right triangle takes θ back to x in
    ``antiderivative``, which holds where ``holds_where`` does (the x the substitution
    reaches)."""

    rule = "Trigonometric substitution"
    theta: sympy.Symbol
    x_in_theta: sympy.Expr
    rewritten: sympy.Expr
    substep: Step
    antiderivative: sympy.Expr
    holds_where: sympy.Basic = sympy.true

    def eval(self) -> sympy.Basic:
        return self.antiderivative

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """The antiderivative, claimed where the substitution reaches (``holds_where``)."""
        if self.holds_where == sympy.true:
            return self.expression, self.antiderivative
        return self.expression, sympy.Piecewise((self.antiderivative, self.holds_where))


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
