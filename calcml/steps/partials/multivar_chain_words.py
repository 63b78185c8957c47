"""Explanations for a learner of the multivariable chain-rule and cost-derivation steps
(not the single-variable ``ChainRule`` step, whose words are in the derivatives family).

The family's step classes live beside this module
(:mod:`calcml.steps.partials.multivar_chain`); their words are written here and registered
with :func:`calcml.steps.explain.explains`.
"""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation, approximately, slot_list, slot_pairs
from calcml.steps.partials.multivar_chain import (
    ChainProducts,
    ChainRuleFormula,
    ChainRuleSeveral,
    DerivativeIntoSum,
    EdgePartial,
    EvaluateAt,
    EvaluateWithData,
    MultivariableChainRule,
    SubstituteBack,
    WorkedNumber,
)


@explains(EdgePartial)
def _edge_partial(step: EdgePartial) -> Explanation:
    rate = step.rate
    math = {"r": rate, "v": rate.top, "w": rate.bottom, "f": step.function,
            "d": step.result}
    if rate.partial:
        return Explanation("{r}: differentiate {v} = {f} with respect to {w}, holding every "
                           "other variable constant, which gives {d}.", math)
    return Explanation("{r}: {v} = {f} depends on {w} alone, so this is an ordinary "
                       "derivative, {d}.", math)


@explains(ChainRuleFormula)
def _chain_rule_formula(step: ChainRuleFormula) -> Explanation:
    k = len(step.paths)
    defs, math = slot_pairs(step.definitions, "d")
    math.update(z=step.rate.top, t=step.rate.bottom, lhs=step.rate, rhs=step.result,
                k=sympy.Integer(k))
    paths = "one path" if k == 1 else "{k} paths"
    return Explanation(f"With {defs}, {{z}} depends on {{t}} along {paths} down the "
                       "dependency tree. The chain rule adds one term per path, each the "
                       "product of the rates of change along it: {lhs} = {rhs}.", math)


@explains(ChainProducts)
def _chain_products(step: ChainProducts) -> Explanation:
    rates, math = slot_pairs(step.rates, "r")
    math["m"] = step.result
    return Explanation(f"Put in the partial derivatives worked out above, {rates}, and "
                       "multiply along each path: {m}.", math)


@explains(SubstituteBack)
def _substitute_back(step: SubstituteBack) -> Explanation:
    defs, math = slot_pairs(step.definitions, "d")
    math["r"] = step.result
    return Explanation(f"Write the intermediate variables in terms of the variables below "
                       f"them, {defs}, so that the answer is in the variables the question "
                       "asks about: {r}.", math)


@explains(MultivariableChainRule)
def _multivariable_chain_rule(step: MultivariableChainRule) -> Explanation:
    rate = step.formula.rate
    return Explanation("{z} depends on {t} through intermediate variables, so the "
                       "partial-derivative chain rule finds {r}: write the formula, work "
                       "out the partial derivative on each edge of the tree, multiply "
                       "along each path and add, then substitute back.",
                       {"z": rate.top, "t": rate.bottom, "r": rate})


@explains(ChainRuleSeveral)
def _chain_rule_several(step: ChainRuleSeveral) -> Explanation:
    rates = [d.expression for d in step.derivations]
    text, math = slot_list(rates, "r")
    return Explanation(f"One partial derivative for each variable, {text}, each worked "
                       "out in turn below.", math)


@explains(EvaluateAt)
def _evaluate_at(step: EvaluateAt) -> Explanation:
    where, math = slot_pairs(step.point, "p")
    math.update(v=step.value, a=approximately(step.value))
    return Explanation(f"Evaluate at {where}: the value is {{v}}, about {{a}}.", math)


@explains(DerivativeIntoSum)
def _derivative_into_sum(step: DerivativeIntoSum) -> Explanation:
    term = step.term_step
    return Explanation("The derivative of a sum is the sum of the derivatives of its "
                       "terms (the sum rule, which holds for any number {n} of terms), so "
                       "the derivative moves inside the sum. Every term has the same form; "
                       "for one term, {dt} = {r}.",
                       {"n": step.total.limits[0][2], "dt": term.expression,
                        "r": term.result})


@explains(EvaluateWithData)
def _evaluate_with_data(step: EvaluateWithData) -> Explanation:
    given, math = slot_pairs(step.values, "g")
    math.update(f=step.expression, v=step.value)
    return Explanation(f"Put in the numbers, {given}: {{f}} comes to {{v}}.", math)


@explains(WorkedNumber)
def _worked_number(step: WorkedNumber) -> Explanation:
    given, math = slot_pairs(step.values, "g")
    math.update(q=step.quantity, f=step.formula, v=step.value)
    if step.formula == step.quantity:
        return Explanation(f"With {given}, {{q}} comes to {{v}}.", math)
    return Explanation(f"{{q}} = {{f}}; with {given} this comes to {{v}}.", math)
