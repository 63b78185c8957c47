"""Steps of derivative rules (one class per rule) and their explanations for a learner.

The step classes live in :mod:`calcml.steps.derivatives.rules` (algebraic rules) and
:mod:`calcml.steps.derivatives.functions` (named functions); the words are here.
Literal text in a template stays free of TeX's special characters: every piece of
math goes through a ``{slot}``, so each renderer prints it in its own format.
"""

from __future__ import annotations

import sympy

from calcml.steps.derivatives.functions import (
    AbsRule,
    ExponentialRule,
    ExpRule,
    FunctionRule,
    HyperbolicRule,
    InverseHyperbolicRule,
    InverseTrigRule,
    LogBaseRule,
    LogRule,
    ReluRule,
    SigmoidRule,
    SoftplusRule,
    TrigRule,
)
from calcml.steps.derivatives.rules import (
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    GeneralPowerRule,
    LogarithmicDifferentiation,
    PowerRule,
    ProductRule,
    QuotientRule,
    SuccessiveDerivatives,
    SumRule,
    VariableRule,
)
from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation

__all__ = [
    "AbsRule", "ChainRule", "ConstantMultipleRule", "ConstantRule",
    "ExpRule", "ExponentialRule", "FunctionRule", "GeneralPowerRule", "HyperbolicRule",
    "InverseHyperbolicRule", "InverseTrigRule", "LogBaseRule", "LogRule",
    "LogarithmicDifferentiation", "PowerRule", "ProductRule", "QuotientRule", "ReluRule",
    "SigmoidRule", "SoftplusRule", "SuccessiveDerivatives", "SumRule", "TrigRule",
    "VariableRule",
]

_C, _F, _G, _H, _U, _NUM, _DEN = sympy.symbols("c f g h u N D")
_DF, _DG, _DH, _DU, _DNUM, _DDEN = sympy.symbols("f' g' h' u' N' D'")
# n is declared an integer only so that LaTeX prints d/dx, not a partial, beside it;
# the rules hold for any real n.
_N = sympy.Symbol("n", integer=True)

_SAME_AS = {
    sympy.tan: lambda u: sympy.sec(u) ** 2,
    sympy.cot: lambda u: -sympy.csc(u) ** 2,
    sympy.asec: lambda u: 1 / (sympy.Abs(u) * sympy.sqrt(u**2 - 1)),
    sympy.acsc: lambda u: -1 / (sympy.Abs(u) * sympy.sqrt(u**2 - 1)),
    sympy.tanh: lambda u: sympy.sech(u) ** 2,
    sympy.coth: lambda u: -sympy.csch(u) ** 2,
    sympy.acosh: lambda u: 1 / sympy.sqrt(u**2 - 1),
}
"""Textbook forms of derivatives whose SymPy form differs."""


def _prime(name: str) -> sympy.Symbol:
    """A generic formula's left side in Lagrange's notation, such as (f g)'."""
    return sympy.Symbol(f"({name})'")


def _d(expr: sympy.Basic, var: sympy.Symbol) -> sympy.Derivative:
    return sympy.Derivative(expr, var)


@explains(ConstantRule)
def _constant_rule(step: ConstantRule) -> Explanation:
    return Explanation("{f} does not change when {x} changes, so its rate of change, "
                       "the derivative, is 0 (constant rule).",
                       {"f": step.function, "x": step.var})


@explains(VariableRule)
def _variable_rule(step: VariableRule) -> Explanation:
    return Explanation("The variable {x} changes exactly as fast as itself, so "
                       "{d} = 1 (the power rule with n = 1).",
                       {"x": step.var, "d": _d(step.var, step.var)})


@explains(ConstantMultipleRule)
def _constant_multiple_rule(step: ConstantMultipleRule) -> Explanation:
    return Explanation("Constant multiple rule, {lhs} = {rhs}: the constant factor {c} "
                       "stays in front and multiplies the derivative of {g}, which is "
                       "{dg}.",
                       {"lhs": _prime("c f"), "rhs": _C * _DF, "c": step.constant,
                        "g": step.other, "dg": step.substep.result})


@explains(SumRule)
def _sum_rule(step: SumRule) -> Explanation:
    words = ("The expression is a sum of {k} terms, so the sum rule applies, "
             "{lhs} = {rhs}: differentiate the terms one at a time and add the results.")
    if step.has_difference:
        words += " A subtracted term stays subtracted (the difference rule)."
    return Explanation(words, {"lhs": _prime("f + g"), "rhs": _DF + _DG,
                               "k": sympy.Integer(len(step.terms))})


@explains(PowerRule)
def _power_rule(step: PowerRule) -> Explanation:
    n = step.exponent
    words = ("{f} is {x} to a constant power, so the power rule applies, {lhs} = {rhs}: "
             "bring the exponent {n} down in front and lower the power by one, giving "
             "{r}.")
    if n.is_Rational and not n.is_Integer:
        words += " (A root is a fractional power.)"
    elif n.is_negative:
        words += " (One over a power is a negative power.)"
    return Explanation(words, {"lhs": _d(step.var**_N, step.var),
                               "rhs": _N * step.var ** (_N - 1), "n": n,
                               "r": step.result, "f": step.function, "x": step.var})


@explains(ProductRule)
def _product_rule(step: ProductRule) -> Explanation:
    k = len(step.factors)
    lhs, rhs = "f g", _DF * _G + _F * _DG
    if k > 2:
        lhs, rhs = "f g h", _DF * _G * _H + _F * _DG * _H + _F * _G * _DH
    return Explanation("{f} is a product of {k} factors that each depend on {x}, so the "
                       "product rule applies, {lhs} = {rhs}: differentiate one factor at a "
                       "time, keep the others as they are, and add the results.",
                       {"lhs": _prime(lhs), "rhs": rhs, "k": sympy.Integer(k),
                        "f": step.function, "x": step.var})


@explains(QuotientRule)
def _quotient_rule(step: QuotientRule) -> Explanation:
    return Explanation("Quotient rule, since the denominator {g} depends on {x}: "
                       "{lhs} = {rhs}, with {N} = {f}, {dN} = {df}, {D} = {g} and "
                       "{dD} = {dg}.",
                       {"lhs": _prime("N/D"), "N": _NUM, "dN": _DNUM, "D": _DEN,
                        "dD": _DDEN,
                        "rhs": (_DNUM * _DEN - _NUM * _DDEN) / _DEN**2,
                        "f": step.numerator, "g": step.denominator, "x": step.var,
                        "df": step.numerator_step.result,
                        "dg": step.denominator_step.result})


@explains(ChainRule)
def _chain_rule(step: ChainRule) -> Explanation:
    return Explanation("Chain rule: {f} is an outer function of an inner one. Let "
                       "{u} = {g}. Then {du} = {dg}, and {dout} = {dfu}; put {u} back "
                       "and multiply: {outer} times {dg}.", _chain_math(step))


@explains(GeneralPowerRule)
def _general_power_rule(step: GeneralPowerRule) -> Explanation:
    math = _chain_math(step)
    math.update(lhs=_d(_U**_N, step.var), rhs=_N * _U ** (_N - 1) * _DU,
                n=step.outer.exp)
    return Explanation("General power rule, {lhs} = {rhs}: the chain rule for the "
                       "power {n} of an inner function. Let {u} = {g}. Then {du} = {dg}, "
                       "and {dout} = {dfu}; put {u} back and multiply: {outer} times "
                       "{dg}.", math)


@explains(LogarithmicDifferentiation)
def _logarithmic_differentiation(step: LogarithmicDifferentiation) -> Explanation:
    y = sympy.Symbol("y")
    return Explanation("Logarithmic differentiation: {x} is in both the base {b} and the "
                       "exponent {e}, so neither the power rule nor the exponential rule "
                       "fits. Take logarithms, {lny} = {log}, differentiate both sides, "
                       "{dlny} = {dlog}, and multiply by {y} = {f}. This holds for "
                       "{pos}, where the logarithm of the base is defined.",
                       {"x": step.var, "b": step.base, "e": step.exponent,
                        "pos": sympy.Gt(step.var, 0, evaluate=False),
                        "lny": sympy.log(y), "log": step.log_step.function,
                        "dlny": sympy.Symbol("y'") / y, "dlog": step.log_step.result,
                        "y": y, "f": step.function})


@explains(SuccessiveDerivatives)
def _successive_derivatives(step: SuccessiveDerivatives) -> Explanation:
    return Explanation("The derivative of order {n} is the derivative taken {n} times: "
                       "each step differentiates the result of the one before.",
                       {"n": sympy.Integer(step.order)})


@explains(ExpRule)
def _exp_rule(step: ExpRule) -> Explanation:
    return Explanation("The exponential {f} is its own derivative: {d} = {f}.",
                       {"f": step.function, "d": step.expression})


@explains(LogRule)
def _log_rule(step: LogRule) -> Explanation:
    return Explanation("The derivative of the natural logarithm {f} is {r}, for {pos}, "
                       "where {f} is defined.",
                       {"f": step.function, "r": step.result,
                        "pos": sympy.Gt(step.var, 0, evaluate=False)})


@explains(SigmoidRule)
def _sigmoid_rule(step: SigmoidRule) -> Explanation:
    return Explanation("The sigmoid's derivative is the sigmoid times one minus itself: "
                       "{d} = {r}. Backpropagation through a sigmoid needs only its "
                       "output.", {"d": step.expression, "r": step.result})


@explains(SoftplusRule)
def _softplus_rule(step: SoftplusRule) -> Explanation:
    x = step.var
    return Explanation("{f} = {g}; its derivative is {e}, which is the sigmoid {r}.",
                       {"f": step.function, "g": sympy.log(1 + sympy.exp(x)),
                        "e": sympy.exp(x) / (1 + sympy.exp(x)), "r": step.result})


@explains(ReluRule)
def _relu_rule(step: ReluRule) -> Explanation:
    return Explanation("{f} = {m} has slope 0 for negative {x} and slope 1 for positive "
                       "{x}: its derivative is the step {r}. At the kink {x} = 0 there is "
                       "no derivative; calcml takes it as 0 there, as PyTorch does.",
                       {"f": step.function, "m": sympy.Max(0, step.var, evaluate=False),
                        "x": step.var, "r": step.result})


@explains(AbsRule)
def _abs_rule(step: AbsRule) -> Explanation:
    return Explanation("{f} has slope -1 for negative {x} and slope 1 for positive {x}: "
                       "its derivative is {r}. At {x} = 0, the corner of the V, it has "
                       "no derivative.", {"f": step.function, "x": step.var,
                                          "r": step.result})


@explains(ExponentialRule)
def _exponential_rule(step: ExponentialRule) -> Explanation:
    return Explanation("Exponential rule for a constant base {a}: {f} changes in "
                       "proportion to itself, by the factor {ln}, so {d} = {r}.",
                       {"a": step.base, "f": step.function, "ln": sympy.log(step.base),
                        "d": step.expression, "r": step.result})


@explains(LogBaseRule)
def _log_base_rule(step: LogBaseRule) -> Explanation:
    x = step.var
    return Explanation("A logarithm to base {b} is the natural logarithm {lnx} divided by "
                       "the constant {lnb}, so {d} = {r}.",
                       {"b": step.base, "lnb": sympy.log(step.base), "f": step.function,
                        "lnx": sympy.log(x), "d": step.expression, "r": step.result})


def _chain_math(step: ChainRule) -> dict[str, sympy.Basic]:
    u = step.u_var
    return {"f": step.function, "u": u, "g": step.inner, "du": _d(u, step.var),
            "dg": step.inner_step.result, "dout": _d(step.outer, u),
            "dfu": step.outer_step.result, "outer": step.outer_derivative}


@explains(FunctionRule)
def _known_function(step: FunctionRule) -> Explanation:
    """``d/dx f(x) = f'(x)`` from the table (the line states the fact; the words say where it
    comes from), with the textbook form where SymPy's differs; the words of the
    trigonometric, hyperbolic and inverse families."""
    words = "{f} is a known function: its derivative is read from the table of derivatives"
    math = {"f": step.function}
    same_as = _SAME_AS.get(type(step.function))
    if same_as is None:
        return Explanation(words + ".", math)
    math["alt"] = same_as(step.var)
    return Explanation(words + "; {r} is the same as {alt}.", {**math, "r": step.result})
