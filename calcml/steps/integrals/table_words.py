"""Words for the basic integration rules (the table of integrals); mixed into
:class:`calcml.steps.integrals.words.IntegralExplanations`. Literal text holds no TeX special
characters: every piece of math goes through a ``{slot}``."""

from __future__ import annotations

import sympy

from calcml.steps.explain_base import Explanation
from calcml.steps.integrals import rules as s

_N = sympy.Symbol("n")
_T = sympy.Symbol("t")


def _integral(f: sympy.Expr, x: sympy.Symbol) -> sympy.Integral:
    return sympy.Integral(f, x)


class BasicIntegralWords:
    """Words for each rule of the table of basic integrals."""

    def _render_ConstantIntegralRule(self, step: s.ConstantIntegralRule) -> Explanation:
        return Explanation("{c} does not depend on {x}: the integral of a constant is the "
                           "constant times the variable, {r}. (Check: the derivative of {r} "
                           "is {c}.)", {"c": step.integrand, "x": step.var, "r": step.result})

    def _render_PowerIntegralRule(self, step: s.PowerIntegralRule) -> Explanation:
        x = step.var
        return Explanation("Power rule for integrals, {lhs} = {rhs} for n other than -1: "
                           "raise the power by one to {m} and divide by the new power, "
                           "giving {r}. It undoes the power rule for derivatives.",
                           {"lhs": _integral(x**_N, x), "rhs": x ** (_N + 1) / (_N + 1),
                            "m": step.exponent + 1, "r": step.result})

    def _render_ReciprocalRule(self, step: s.ReciprocalRule) -> Explanation:
        u = step.base
        return Explanation("The power rule fails for the power -1 (it would divide by 0); "
                           "instead {lhs} = {rhs}. The absolute value matters: ln is only "
                           "defined for positive numbers, and {rhs} has derivative {d} on both "
                           "sides of 0.",
                           {"lhs": _integral(1 / u, u) if u.is_Symbol else step.expression,
                            "rhs": step.result, "d": 1 / u})

    def _render_NestedPowerRule(self, step: s.NestedPowerRule) -> Explanation:
        return Explanation("A power of a power of {x} is {x} to a single power, {n}; the "
                           "power rule then gives {r}.",
                           {"x": step.base, "n": step.exponent, "r": step.result})

    def _render_ExpIntegralRule(self, step: s.ExpIntegralRule) -> Explanation:
        if step.base == sympy.E:
            return Explanation("{f} is its own derivative, so it is also its own integral: "
                               "{lhs} = {f}.", {"f": step.integrand, "lhs": step.expression})
        return Explanation("Exponential rule, {lhs} = {rhs}: divide by the natural logarithm "
                           "of the base {a}.",
                           {"lhs": _integral(_T**step.var, step.var),
                            "rhs": _T**step.var / sympy.log(_T), "a": step.base})

    def _render_KnownAntiderivative(self, step: s.KnownAntiderivative) -> Explanation:
        u = step.var
        return Explanation("From the table of basic integrals, {lhs} = {rhs}, since the "
                           "derivative of {rhs} is {f}.",
                           {"lhs": _integral(step.pattern(u), u),
                            "rhs": step.antiderivative(u), "f": step.pattern(u)})

    def _render_ArctanRule(self, step: s.ArctanRule) -> Explanation:
        return Explanation("A constant over a sum of squares integrates to an inverse "
                           "tangent: {lhs} = {rhs}, with k = {k}.",
                           {"lhs": _integral(1 / (_T**2 + sympy.Symbol("k") ** 2), _T),
                            "rhs": sympy.atan(_T / sympy.Symbol("k")) / sympy.Symbol("k"),
                            "k": step.scale})

    def _render_ReciprocalSqrtQuadraticRule(self, step) -> Explanation:
        return Explanation("One over the square root of a quadratic with a positive leading "
                           "coefficient integrates to a logarithm: {r}.", {"r": step.result})

    def _render_SqrtQuadraticRule(self, step: s.SqrtQuadraticRule) -> Explanation:
        return Explanation("The square root of a quadratic has a standard antiderivative "
                           "(found by a trigonometric substitution once and for all): {r}.",
                           {"r": step.result})

    def _render_SqrtQuadraticDenomRule(self, step: s.SqrtQuadraticDenomRule) -> Explanation:
        return Explanation("A polynomial over the square root of {q}: a reduction formula "
                           "lowers the power of the numerator {p} one step at a time, leaving "
                           "a basic inverse sine or logarithm form. Result: {r}.",
                           {"q": step.quadratic, "p": step.numerator, "r": step.result})

    def _render_SpecialFunctionRule(self, step: s.SpecialFunctionRule) -> Explanation:
        return Explanation(f"{{f}} has no antiderivative made of elementary functions. "
                           f"Mathematicians named its integral a special function, "
                           f"{step.function}, defined by this very integral; the answer is "
                           "{r}.", {"f": step.integrand, "r": step.result})

    def _render_SympyRule(self, step: s.SympyRule) -> Explanation:
        return Explanation(f"SymPy's rule {step.name} applies here (calcml has no words of "
                           "its own for it): the antiderivative is {r}.", {"r": step.result})
