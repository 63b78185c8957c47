"""Words for the basic integration rules (the table of integrals), registered with
:func:`calcml.steps.explain.explains`. Literal text holds no TeX special
characters: every piece of math goes through a ``{slot}``."""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation
from calcml.steps.integrals import rules as s

_N = sympy.Symbol("n")
_T = sympy.Symbol("t")


def _integral(f: sympy.Expr, x: sympy.Symbol) -> sympy.Integral:
    return sympy.Integral(f, x)


@explains(s.ConstantIntegralRule)
def _constant_integral_rule(step: s.ConstantIntegralRule) -> Explanation:
    return Explanation("{c} does not depend on {x}: the integral of a constant is the "
                       "constant times the variable, {r}. (Check: the derivative of {r} "
                       "is {c}.)", {"c": step.integrand, "x": step.var, "r": step.result})


@explains(s.PowerIntegralRule)
def _power_integral_rule(step: s.PowerIntegralRule) -> Explanation:
    x = step.var
    return Explanation("Power rule for integrals, {lhs} = {rhs} for n other than -1: "
                       "raise the power by one to {m} and divide by the new power, "
                       "giving {r}. It undoes the power rule for derivatives.",
                       {"lhs": _integral(x**_N, x), "rhs": x ** (_N + 1) / (_N + 1),
                        "m": step.exponent + 1, "r": step.result})


@explains(s.ReciprocalRule)
def _reciprocal_rule(step: s.ReciprocalRule) -> Explanation:
    u = step.base
    return Explanation("The power rule fails for the power -1 (it would divide by 0); "
                       "instead {lhs} = {rhs}. The absolute value matters: ln is only "
                       "defined for positive numbers, and {rhs} has derivative {d} on both "
                       "sides of 0.",
                       {"lhs": _integral(1 / u, u) if u.is_Symbol else step.expression,
                        "rhs": step.result, "d": 1 / u})


@explains(s.NestedPowerRule)
def _nested_power_rule(step: s.NestedPowerRule) -> Explanation:
    return Explanation("A power of a power of {x} is {x} to a single power, {n}; the "
                       "power rule then gives {r}.",
                       {"x": step.base, "n": step.exponent, "r": step.result})


@explains(s.ExpIntegralRule)
def _exp_integral_rule(step: s.ExpIntegralRule) -> Explanation:
    if step.base == sympy.E:
        return Explanation("{f} is its own derivative, so it is also its own integral: "
                           "{lhs} = {f}.", {"f": step.integrand, "lhs": step.expression})
    return Explanation("Exponential rule, {lhs} = {rhs}: divide by the natural logarithm "
                       "of the base {a}.",
                       {"lhs": _integral(_T**step.var, step.var),
                        "rhs": _T**step.var / sympy.log(_T), "a": step.base})


@explains(s.KnownAntiderivative)
def _known_antiderivative(step: s.KnownAntiderivative) -> Explanation:
    u = step.var
    return Explanation("From the table of basic integrals, {lhs} = {rhs}, since the "
                       "derivative of {rhs} is {f}.",
                       {"lhs": _integral(step.pattern(u), u),
                        "rhs": step.antiderivative(u), "f": step.pattern(u)})


@explains(s.ArctanRule)
def _arctan_rule(step: s.ArctanRule) -> Explanation:
    return Explanation("A constant over a sum of squares integrates to an inverse "
                       "tangent: {lhs} = {rhs}, with k = {k}.",
                       {"lhs": _integral(1 / (_T**2 + sympy.Symbol("k") ** 2), _T),
                        "rhs": sympy.atan(_T / sympy.Symbol("k")) / sympy.Symbol("k"),
                        "k": step.scale})


@explains(s.ReciprocalSqrtQuadraticRule)
def _reciprocal_sqrt_quadratic_rule(step: s.ReciprocalSqrtQuadraticRule) -> Explanation:
    return Explanation("One over the square root of a quadratic with a positive leading "
                       "coefficient integrates to a logarithm: {r}.", {"r": step.result})


@explains(s.SqrtQuadraticRule)
def _sqrt_quadratic_rule(step: s.SqrtQuadraticRule) -> Explanation:
    return Explanation("The square root of a quadratic has a standard antiderivative "
                       "(found by a trigonometric substitution once and for all): {r}.",
                       {"r": step.result})


@explains(s.SqrtQuadraticDenomRule)
def _sqrt_quadratic_denom_rule(step: s.SqrtQuadraticDenomRule) -> Explanation:
    return Explanation("A polynomial over the square root of {q}: a reduction formula "
                       "lowers the power of the numerator {p} one step at a time, leaving "
                       "a basic inverse sine or logarithm form. Result: {r}.",
                       {"q": step.quadratic, "p": step.numerator, "r": step.result})


@explains(s.SpecialFunctionRule)
def _special_function_rule(step: s.SpecialFunctionRule) -> Explanation:
    return Explanation(f"{{f}} has no antiderivative made of elementary functions. "
                       f"Mathematicians named its integral a special function, "
                       f"{step.function}, defined by this very integral; the answer is "
                       "{r}.", {"f": step.integrand, "r": step.result})


@explains(s.SympyRule)
def _sympy_rule(step: s.SympyRule) -> Explanation:
    return Explanation(f"SymPy's rule {step.name} applies here (calcml has no words of "
                       "its own for it): the antiderivative is {r}.", {"r": step.result})
