"""Step classes of the basic integration rules: one frozen dataclass per rule.

Every step integrates ``integrand`` with respect to ``var``; ``eval()`` builds the
antiderivative (without the constant C) from the step's own fields. The compound methods
(substitution, parts, partial fractions) are in :mod:`calcml.steps.integrals.methods`.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from calcml.steps.base import Step


@dataclass(frozen=True)
class IntegralStep(Step):
    """A step that finds an antiderivative of ``integrand`` with respect to ``var``."""

    integrand: sympy.Expr
    var: sympy.Symbol

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Integral(self.integrand, self.var)


@dataclass(frozen=True)
class ConstantIntegralRule(IntegralStep):
    """∫ c dx = c x: ``integrand`` does not depend on ``var``."""

    rule = "Constant rule"

    @property
    def trivial(self) -> bool:
        return True

    def eval(self) -> sympy.Basic:
        return self.integrand * self.var


@dataclass(frozen=True)
class PowerIntegralRule(IntegralStep):
    """∫ x^n dx = x^(n+1)/(n+1) for n ≠ -1: ``integrand`` = ``base`` ** ``exponent``."""

    rule = "Power rule"
    base: sympy.Expr
    exponent: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.base ** (self.exponent + 1) / (self.exponent + 1)


@dataclass(frozen=True)
class ReciprocalRule(IntegralStep):
    """∫ 1/x dx = ln|x|: the power rule's missing case n = -1; ``integrand`` = 1/``base``."""

    rule = "Reciprocal rule"
    base: sympy.Expr

    def eval(self) -> sympy.Basic:
        return sympy.log(sympy.Abs(self.base))


@dataclass(frozen=True)
class NestedPowerRule(IntegralStep):
    """∫ (x^a)^b dx = x (x^a)^b / (a b + 1): ``integrand`` = (``base`` ** a) ** b, and
    ``exponent`` = a b is the power of x it amounts to."""

    rule = "Power rule (nested power)"
    base: sympy.Expr
    exponent: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.base * self.integrand / (self.exponent + 1)


@dataclass(frozen=True)
class ExpIntegralRule(IntegralStep):
    """∫ a^x dx = a^x / ln a; for a = e, ∫ e^x dx = e^x: ``integrand`` = ``base`` ** x."""

    rule = "Exponential rule"
    base: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.integrand / sympy.log(self.base)


@dataclass(frozen=True)
class KnownAntiderivative(IntegralStep):
    """A row of the table of basic integrals: ``integrand`` is ``pattern`` of ``var``.

    Subclasses set ``pattern`` (the function in the table) and ``antiderivative`` (its
    integral), both functions of one variable.
    """

    pattern = staticmethod(lambda t: t)
    antiderivative = staticmethod(lambda t: t)

    def eval(self) -> sympy.Basic:
        return self.antiderivative(self.var)


@dataclass(frozen=True)
class SinRule(KnownAntiderivative):
    """∫ sin x dx = -cos x."""

    rule = "Sine rule"
    pattern = staticmethod(sympy.sin)
    antiderivative = staticmethod(lambda t: -sympy.cos(t))


@dataclass(frozen=True)
class CosRule(KnownAntiderivative):
    """∫ cos x dx = sin x."""

    rule = "Cosine rule"
    pattern = staticmethod(sympy.cos)
    antiderivative = staticmethod(sympy.sin)


@dataclass(frozen=True)
class Sec2Rule(KnownAntiderivative):
    """∫ sec² x dx = tan x."""

    rule = "Secant squared rule"
    pattern = staticmethod(lambda t: sympy.sec(t) ** 2)
    antiderivative = staticmethod(sympy.tan)


@dataclass(frozen=True)
class Csc2Rule(KnownAntiderivative):
    """∫ csc² x dx = -cot x."""

    rule = "Cosecant squared rule"
    pattern = staticmethod(lambda t: sympy.csc(t) ** 2)
    antiderivative = staticmethod(lambda t: -sympy.cot(t))


@dataclass(frozen=True)
class SecTanRule(KnownAntiderivative):
    """∫ sec x tan x dx = sec x."""

    rule = "Secant times tangent rule"
    pattern = staticmethod(lambda t: sympy.sec(t) * sympy.tan(t))
    antiderivative = staticmethod(sympy.sec)


@dataclass(frozen=True)
class CscCotRule(KnownAntiderivative):
    """∫ csc x cot x dx = -csc x."""

    rule = "Cosecant times cotangent rule"
    pattern = staticmethod(lambda t: sympy.csc(t) * sympy.cot(t))
    antiderivative = staticmethod(lambda t: -sympy.csc(t))


@dataclass(frozen=True)
class SinhRule(KnownAntiderivative):
    """∫ sinh x dx = cosh x."""

    rule = "Hyperbolic sine rule"
    pattern = staticmethod(sympy.sinh)
    antiderivative = staticmethod(sympy.cosh)


@dataclass(frozen=True)
class CoshRule(KnownAntiderivative):
    """∫ cosh x dx = sinh x."""

    rule = "Hyperbolic cosine rule"
    pattern = staticmethod(sympy.cosh)
    antiderivative = staticmethod(sympy.sinh)


@dataclass(frozen=True)
class ArcsinRule(KnownAntiderivative):
    """∫ 1/sqrt(1 - x²) dx = asin x."""

    rule = "Inverse sine rule"
    pattern = staticmethod(lambda t: 1 / sympy.sqrt(1 - t**2))
    antiderivative = staticmethod(sympy.asin)


@dataclass(frozen=True)
class ArcsinhRule(KnownAntiderivative):
    """∫ 1/sqrt(1 + x²) dx = asinh x."""

    rule = "Inverse hyperbolic sine rule"
    pattern = staticmethod(lambda t: 1 / sympy.sqrt(1 + t**2))
    antiderivative = staticmethod(sympy.asinh)


@dataclass(frozen=True)
class ArctanRule(IntegralStep):
    """∫ a/(b x² + c) dx = a/(b k) atan(x/k) with k = sqrt(c/b): ``integrand`` has
    ``numerator`` a, ``square_coefficient`` b and ``constant`` c."""

    rule = "Inverse tangent rule"
    numerator: sympy.Expr
    square_coefficient: sympy.Expr
    constant: sympy.Expr

    @property
    def scale(self) -> sympy.Expr:
        """k = sqrt(c/b), the x at which b x² equals c."""
        return sympy.sqrt(self.constant / self.square_coefficient)

    def eval(self) -> sympy.Basic:
        k = self.scale
        return self.numerator / self.square_coefficient / k * sympy.atan(self.var / k)


@dataclass(frozen=True)
class ReciprocalSqrtQuadraticRule(IntegralStep):
    """∫ dx/sqrt(a + b x + c x²) = ln(2 sqrt(c) sqrt(a + b x + c x²) + b + 2 c x)/sqrt(c)."""

    rule = "Inverse square root of a quadratic"
    a: sympy.Expr
    b: sympy.Expr
    c: sympy.Expr

    def eval(self) -> sympy.Basic:
        a, b, c, x = self.a, self.b, self.c, self.var
        root = sympy.sqrt(a + b * x + c * x**2)
        return sympy.log(2 * sympy.sqrt(c) * root + b + 2 * c * x) / sympy.sqrt(c)


@dataclass(frozen=True)
class SqrtQuadraticRule(IntegralStep):
    """∫ sqrt(a + b x + c x²) dx, from the table of integrals of square roots of
    quadratics (the answer holds a square root and an inverse sine, or a logarithm);
    ``antiderivative`` is the table's answer for these ``a``, ``b``, ``c``."""

    rule = "Square root of a quadratic"
    a: sympy.Expr
    b: sympy.Expr
    c: sympy.Expr
    antiderivative: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.antiderivative


@dataclass(frozen=True)
class SqrtQuadraticDenomRule(IntegralStep):
    """∫ P(x)/sqrt(a + b x + c x²) dx = Q(x) sqrt(a + b x + c x²) + k ∫ dx/sqrt(...):
    the polynomial ``numerator`` P is reduced one degree at a time (a reduction formula);
    ``antiderivative`` is the result."""

    rule = "Polynomial over the square root of a quadratic"
    numerator: sympy.Expr
    quadratic: sympy.Expr
    antiderivative: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.antiderivative


@dataclass(frozen=True)
class SpecialFunctionRule(IntegralStep):
    """∫ f dx = F, where F is a named special function defined as an integral (erf, Si, Ci,
    Ei, li, the Fresnel integrals...): ``function`` names it, ``antiderivative`` is F."""

    rule = "Special function"
    function: str
    antiderivative: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.antiderivative


@dataclass(frozen=True)
class SympyRule(IntegralStep):
    """A rule of SymPy's rule search that calcml has no words for (on Heaviside or Dirac
    delta functions, orthogonal polynomials, derivatives): ``name`` is SymPy's name for
    it, ``antiderivative`` its answer."""

    rule = "SymPy rule"
    name: str
    antiderivative: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.antiderivative
