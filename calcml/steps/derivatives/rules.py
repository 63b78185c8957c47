"""Step classes of the algebraic derivative rules: one frozen dataclass per rule.

Every step differentiates ``function`` with respect to ``var``; ``eval()`` builds the
derivative from the step's own fields and substeps, in the same shape as ``sympy.diff``
builds it, so the two can be compared structurally. A rule that adds no field of its own
(ConstantRule, VariableRule, GeneralPowerRule) is not decorated again: it inherits its
parent's frozen dataclass methods, and every ``@dataclass`` compiles six methods, about
2 ms of each ``calcml`` start.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, reduce

import sympy

from calcml.steps.base import Step


@dataclass(frozen=True)
class DerivativeStep(Step):
    """A step that differentiates ``function`` with respect to ``var``."""

    function: sympy.Expr
    var: sympy.Symbol

    @cached_property
    def expression(self) -> sympy.Basic:
        """d/dx f, built once (the renderers and the claim both use it)."""
        return sympy.Derivative(self.function, self.var)


class ConstantRule(DerivativeStep):
    """d/dx c = 0: ``function`` does not depend on ``var``."""

    rule = "Constant rule"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sympy.Basic:
        return sympy.S.Zero


class VariableRule(DerivativeStep):
    """d/dx x = 1: ``function`` is ``var`` itself."""

    rule = "Variable rule"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sympy.Basic:
        return sympy.S.One


@dataclass(frozen=True)
class ConstantMultipleRule(DerivativeStep):
    """d/dx (c f) = c f': ``function`` = ``constant`` * ``other``; ``substep`` gives f'."""

    rule = "Constant multiple rule"
    constant: sympy.Expr
    other: sympy.Expr
    substep: Step

    @property
    def trivial(self) -> bool:
        """A constant times a plain term (3x) is plain."""
        return self.substep.trivial

    def eval(self) -> sympy.Basic:
        inner = self.substep.result
        if isinstance(self.other, sympy.Mul) and isinstance(inner, sympy.Add):
            return sympy.Add(*(self.constant * term for term in inner.args))
        return self.constant * inner


@dataclass(frozen=True)
class SumRule(DerivativeStep):
    """d/dx (f + g - h) = f' + g' - h': one substep per term, in ``term_steps``."""

    rule = "Sum rule"
    terms: tuple[sympy.Expr, ...]
    term_steps: tuple[Step, ...]

    def eval(self) -> sympy.Basic:
        return sympy.Add(*(s.result for s in self.term_steps))

    @property
    def trivial(self) -> bool:
        """A sum of two plain terms (x + 1) is plain."""
        return len(self.term_steps) <= 2 and all(s.trivial for s in self.term_steps)

    @property
    def has_difference(self) -> bool:
        """True when some term is subtracted (the difference rule at work)."""
        return any(t.could_extract_minus_sign() for t in self.terms)


@dataclass(frozen=True)
class PowerRule(DerivativeStep):
    """d/dx x^n = n x^(n-1), for any constant ``exponent`` n (negative, fractional...)."""

    rule = "Power rule"
    exponent: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.exponent * self.var ** (self.exponent - 1)


@dataclass(frozen=True)
class ProductRule(DerivativeStep):
    """(f g h)' = f' g h + f g' h + f g h': each factor differentiated in turn."""

    rule = "Product rule"
    factors: tuple[sympy.Expr, ...]
    factor_steps: tuple[Step, ...]

    def eval(self) -> sympy.Basic:
        terms = []
        for i, step in enumerate(self.factor_steps):
            d = step.result
            if d != 0:
                row = self.factors[:i] + (d,) + self.factors[i + 1:]
                terms.append(reduce(lambda a, b: a * b, row, sympy.S.One))
        return sympy.Add(*terms)


@dataclass(frozen=True)
class QuotientRule(DerivativeStep):
    """(f/g)' = (f' g - f g') / g^2, for a fraction whose denominator depends on x."""

    rule = "Quotient rule"
    numerator: sympy.Expr
    denominator: sympy.Expr
    numerator_step: Step
    denominator_step: Step

    def eval(self) -> sympy.Basic:
        f, g = self.numerator, self.denominator
        df, dg = self.numerator_step.result, self.denominator_step.result
        return (df * g - f * dg) / g**2


@dataclass(frozen=True)
class ChainRule(DerivativeStep):
    """d/dx f(g(x)) = f'(u) du/dx with u = g(x): the single-variable chain rule (lesson 4).

    The chain rule for partial derivatives through intermediate variables (lesson 6) is a
    different step, :class:`calcml.steps.partials.multivar_chain.ChainRuleFormula`, worked by
    :func:`calcml.chain_rule`.

    ``u_var`` is u, ``inner`` is g(x), ``outer`` is f(u); ``outer_step`` gives df/du and
    ``inner_step`` gives du/dx.
    """

    rule = "Chain rule"
    u_var: sympy.Symbol
    inner: sympy.Expr
    outer: sympy.Expr
    outer_step: Step
    inner_step: Step

    @property
    def outer_derivative(self) -> sympy.Basic:
        """df/du with u put back as g(x)."""
        return self.outer_step.result.xreplace({self.u_var: self.inner})

    def eval(self) -> sympy.Basic:
        return self.outer_derivative * self.inner_step.result


class GeneralPowerRule(ChainRule):
    """d/dx g(x)^n = n g(x)^(n-1) g'(x): the chain rule with the outer function u^n."""

    rule = "General power rule"


@dataclass(frozen=True)
class LogarithmicDifferentiation(DerivativeStep):
    """y = f^g with x in base and exponent: ln y = g ln f, so y' = y (g ln f)'.

    ``log_step`` differentiates ``exponent`` * ln(``base``).
    """

    rule = "Logarithmic differentiation"
    base: sympy.Expr
    exponent: sympy.Expr
    log_step: Step

    def eval(self) -> sympy.Basic:
        return self.function * self.log_step.result


@dataclass(frozen=True)
class SuccessiveDerivatives(Step):
    """The ``order``-th derivative as successive first derivatives, one step each."""

    rule = "Successive derivatives"
    function: sympy.Expr
    var: sympy.Symbol
    order: int
    derivations: tuple[Step, ...]

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Derivative(self.function, (self.var, self.order))

    def eval(self) -> sympy.Basic:
        return self.derivations[-1].result
