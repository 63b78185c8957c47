"""Step classes for the derivatives of named functions: exp, log, trig, ML functions...

Each rule applies to a function of the variable itself (``sin(x)``); a function of
anything else goes through the chain rule, whose ``outer_step`` is one of these.
The formulas are declared once, in :data:`FORMULAS`, written in the form ``sympy.diff``
gives so the two compare structurally; the explanations name the textbook forms. The
:class:`FunctionRule` families add no field, so they are plain subclasses of the frozen
dataclass (a ``@dataclass`` of their own would only compile its methods again, at start-up).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy
from sympy import (
    Abs,
    Heaviside,
    acos,
    acosh,
    acot,
    acoth,
    acsc,
    asec,
    asin,
    asinh,
    atan,
    atanh,
    cos,
    cosh,
    cot,
    coth,
    csc,
    csch,
    exp,
    log,
    sec,
    sech,
    sign,
    sin,
    sinh,
    sqrt,
    tan,
    tanh,
)

from calcml.expr.functions import relu, sigmoid, softplus
from calcml.steps.derivatives.rules import DerivativeStep

FORMULAS: dict[type, Callable[[sympy.Expr], sympy.Expr]] = {
    exp: exp,
    log: lambda u: 1 / u,
    sin: cos,
    cos: lambda u: -sin(u),
    tan: lambda u: tan(u) ** 2 + 1,
    cot: lambda u: -cot(u) ** 2 - 1,
    sec: lambda u: tan(u) * sec(u),
    csc: lambda u: -cot(u) * csc(u),
    asin: lambda u: 1 / sqrt(1 - u**2),
    acos: lambda u: -1 / sqrt(1 - u**2),
    atan: lambda u: 1 / (u**2 + 1),
    acot: lambda u: -1 / (u**2 + 1),
    asec: lambda u: 1 / (u**2 * sqrt(1 - 1 / u**2)),
    acsc: lambda u: -1 / (u**2 * sqrt(1 - 1 / u**2)),
    sinh: cosh,
    cosh: sinh,
    tanh: lambda u: 1 - tanh(u) ** 2,
    coth: lambda u: -1 / sinh(u) ** 2,
    sech: lambda u: -tanh(u) * sech(u),
    csch: lambda u: -coth(u) * csch(u),
    asinh: lambda u: 1 / sqrt(u**2 + 1),
    acosh: lambda u: 1 / (sqrt(u - 1) * sqrt(u + 1)),
    atanh: lambda u: 1 / (1 - u**2),
    acoth: lambda u: 1 / (1 - u**2),
    sigmoid: lambda u: (1 - sigmoid(u)) * sigmoid(u),
    softplus: sigmoid,
    relu: lambda u: Heaviside(u, 0),
    Abs: sign,
}
"""d/du f(u) for each named function f, as a function of u."""


class FunctionRule(DerivativeStep):
    """d/dx f(x) from the table of known derivatives; subclasses name the family."""

    rule = "Derivative of a known function"

    @property
    def name(self) -> str:
        """The function's name as a learner types it (sin, log, sigmoid...)."""
        return type(self.function).__name__.lower()

    def eval(self) -> sympy.Basic:
        return FORMULAS[type(self.function)](self.var)


class ExpRule(FunctionRule):
    """d/dx e^x = e^x: the exponential is its own derivative."""

    rule = "Exponential rule"


class LogRule(FunctionRule):
    """d/dx ln x = 1/x."""

    rule = "Logarithm rule"


class TrigRule(FunctionRule):
    """The six trigonometric functions: sin' = cos, cos' = -sin, tan' = sec^2, ..."""

    rule = "Trigonometric rule"


class InverseTrigRule(FunctionRule):
    """asin' = 1/sqrt(1-x^2), acos' = -1/sqrt(1-x^2), atan' = 1/(1+x^2), ..."""

    rule = "Inverse trigonometric rule"


class HyperbolicRule(FunctionRule):
    """sinh' = cosh, cosh' = sinh, tanh' = 1 - tanh^2, and coth, sech, csch."""

    rule = "Hyperbolic rule"


class InverseHyperbolicRule(FunctionRule):
    """asinh' = 1/sqrt(x^2+1), acosh' = 1/sqrt(x^2-1), atanh' = acoth' = 1/(1-x^2)."""

    rule = "Inverse hyperbolic rule"


class SigmoidRule(FunctionRule):
    """sigma'(x) = sigma(x) (1 - sigma(x))."""

    rule = "Sigmoid rule"


class SoftplusRule(FunctionRule):
    """softplus'(x) = sigma(x): the derivative of ln(1 + e^x)."""

    rule = "Softplus rule"


class ReluRule(FunctionRule):
    """relu'(x) = 0 for x < 0, 1 for x > 0, and 0 at the kink x = 0 (as PyTorch does)."""

    rule = "ReLU rule"


class AbsRule(FunctionRule):
    """|x|' = sign(x) for x != 0; at x = 0 there is no derivative (the corner of the V)."""

    rule = "Absolute value rule"


@dataclass(frozen=True)
class ExponentialRule(DerivativeStep):
    """d/dx a^x = a^x ln a, for a constant ``base`` a > 0."""

    rule = "Exponential rule (base a)"
    base: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.function * log(self.base)


@dataclass(frozen=True)
class LogBaseRule(DerivativeStep):
    """d/dx log_b(x) = 1 / (x ln b): log_b x is ln x / ln b."""

    rule = "Logarithm rule (base b)"
    base: sympy.Expr

    def eval(self) -> sympy.Basic:
        return 1 / (self.var * log(self.base))


FAMILIES: dict[type, type[FunctionRule]] = {
    exp: ExpRule, log: LogRule, sigmoid: SigmoidRule, softplus: SoftplusRule,
    relu: ReluRule, Abs: AbsRule,
    **dict.fromkeys((sin, cos, tan, cot, sec, csc), TrigRule),
    **dict.fromkeys((asin, acos, atan, acot, asec, acsc), InverseTrigRule),
    **dict.fromkeys((sinh, cosh, tanh, coth, sech, csch), HyperbolicRule),
    **dict.fromkeys((asinh, acosh, atanh, acoth), InverseHyperbolicRule),
}
"""The step class for each function in :data:`FORMULAS`."""
