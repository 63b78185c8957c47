"""Buggy rules for integrals: each gives the wrong answer a learner with one misconception
would give to any ``"integral"`` task (None where the misconception changes nothing), and
one for the trapezoid rule by hand (a ``"quadrature-rule"`` value task).

The rules that misapply one integration rule (the power rule not divided, the factor of
du forgotten) walk the engine's worked solution: the buggy rule replaces the right one
wherever that rule was used, and every other step is kept as it was. A definite integral
is then evaluated from the buggy antiderivative, F(upper) - F(lower).

>>> from calcml.exercises.checking import check
>>> check({"kind": "integral", "expr": "x*cos(x^2)", "var": "x"}, "sin(x^2) + C").mistake
'u-substitution-missing-factor'
>>> check({"kind": "integral", "expr": "2x", "var": "x", "lower": 3, "upper": 4},
...       "-7").mistake
'bounds-swapped'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

from calcml.exercises.kinds.integral import (
    C_ON_DEFINITE,
    CONSTANT,
    KIND,
    MISSING_C,
    antiderivative_solution,
    integrand,
    is_definite,
    solution_for,
    variable,
)
from calcml.exercises.kinds.numeric import worked_quadrature
from calcml.exercises.kinds.value import task_number
from calcml.exercises.model import Mistake, register_mistake
from calcml.steps.base import Step
from calcml.steps.integrals.definite import ConstantOfIntegration
from calcml.steps.integrals.methods import (
    ConstantMultipleIntegralRule,
    IntegrationByParts,
    PartialFractions,
    RewriteIntegrand,
    SumIntegralRule,
    USubstitution,
)
from calcml.steps.integrals.rules import PowerIntegralRule

Override = Callable[[Step, Callable[[Step], sympy.Expr]], sympy.Expr | None]

# How a step combines the results of its substeps; ``go`` redoes a substep (buggy or not).
_COMBINE: dict[type, Callable[[Any, Callable[[Step], sympy.Expr]], sympy.Expr]] = {
    ConstantOfIntegration: lambda s, go: go(s.substep),
    ConstantMultipleIntegralRule: lambda s, go: s.constant * go(s.substep),
    SumIntegralRule: lambda s, go: sympy.Add(*(go(t) for t in s.term_steps)),
    USubstitution: lambda s, go: go(s.substep).xreplace({s.u_var: s.u_func}),
    RewriteIntegrand: lambda s, go: go(s.substep),
    PartialFractions: lambda s, go: go(s.substep),
    IntegrationByParts: lambda s, go: s.u * go(s.v_step) - go(s.second_step),
}


def buggy_antiderivative(task: dict[str, Any], override: Override) -> sympy.Expr | None:
    """The antiderivative worked out again with ``override`` in place of the right rule
    wherever it returns a value; None when it never did (the mistake cannot happen here).

    >>> from calcml.steps.integrals.rules import PowerIntegralRule
    >>> def undivided(step, go):
    ...     if isinstance(step, PowerIntegralRule):
    ...         return step.base ** (step.exponent + 1)
    >>> buggy_antiderivative({"kind": "integral", "expr": "x^2 + 1"}, undivided)
    x**3 + x
    """
    used = []

    def go(step: Step) -> sympy.Expr:
        wrong = override(step, go)
        if wrong is not None:
            used.append(step)
            return wrong
        combine = _COMBINE.get(type(step))
        return step.result if combine is None else combine(step, go)

    anti = antiderivative_solution(task)
    if anti.antiderivative is None:
        return None
    wrong = go(anti.step)
    return wrong if used else None


def _at_bounds(task: dict[str, Any], anti: sympy.Expr | None) -> sympy.Expr | None:
    """F itself for an antiderivative task; F(upper) - F(lower) for a definite one."""
    if anti is None or not is_definite(task):
        return anti
    x, lower, upper = solution_for(task).problem.limits[0]
    if not (lower.is_finite and upper.is_finite):
        return None
    value = sympy.simplify(anti.subs(x, upper) - anti.subs(x, lower))
    return value if value.is_finite else None


def _undivided(step: Step, go: Callable[[Step], sympy.Expr]) -> sympy.Expr | None:
    if isinstance(step, PowerIntegralRule):
        return step.base ** (step.exponent + 1)
    return None


def _factor_forgotten(step: Step, go: Callable[[Step], sympy.Expr]) -> sympy.Expr | None:
    if isinstance(step, USubstitution):
        k = step.du.as_coeff_Mul()[0]
        if k != 1:
            return k * go(step.substep).xreplace({step.u_var: step.u_func})
    return None


def _missing_constant(task: dict[str, Any]) -> sympy.Expr | None:
    return None if is_definite(task) else antiderivative_solution(task).antiderivative


def _not_divided(task: dict[str, Any]) -> sympy.Expr | None:
    return _at_bounds(task, buggy_antiderivative(task, _undivided))


def _missing_factor(task: dict[str, Any]) -> sympy.Expr | None:
    return _at_bounds(task, buggy_antiderivative(task, _factor_forgotten))


def _differentiated(task: dict[str, Any]) -> sympy.Expr | None:
    slope = sympy.diff(integrand(task), variable(task))
    value = None if slope == 0 else _at_bounds(task, slope)
    return None if value == 0 else value


def _swapped(task: dict[str, Any]) -> sympy.Expr | None:
    if not is_definite(task):
        return None
    value = solution_for(task).result
    return None if value == 0 or not value.is_finite else -value


def _constant_added(task: dict[str, Any]) -> sympy.Expr | None:
    if not is_definite(task):
        return None
    value = solution_for(task).result
    return value + CONSTANT if value.is_finite else None


def _integral(expr: str, lower: str | None = None, upper: str | None = None
              ) -> dict[str, Any]:
    task = {"kind": KIND, "expr": expr, "var": "x"}
    return task if lower is None else {**task, "lower": lower, "upper": upper}


register_mistake(Mistake(
    id=MISSING_C, title="Missing constant of integration", kinds=(KIND,),
    wrong=_missing_constant,
    message=("Your antiderivative is right, but it is only one of them: add the constant "
             "of integration, + C, since every F(x) + C has the same derivative."),
    step="Add the constant of integration: the answer is F(x) + C.",
    example=(_integral("2x"), "x^2")))

register_mistake(Mistake(
    id="u-substitution-missing-factor", title="u-substitution without the factor of du",
    kinds=(KIND,), wrong=_missing_factor,
    message=("The substitution is right, but du = g'(x) dx carries a constant factor: "
             "the dx part of the integral is du divided by that constant, so the answer "
             "must be divided by it too."),
    step="u-substitution: from du = g'(x) dx, replace the dx part by du / k, k the "
         "constant in g'(x).",
    example=(_integral("x*cos(x^2)"), "sin(x^2) + C")))

register_mistake(Mistake(
    id="power-rule-integral-not-divided", title="Power rule for integrals not divided",
    kinds=(KIND,), wrong=_not_divided,
    message=("The power was raised by one but not divided by the new power: "
             "∫ xⁿ dx = xⁿ⁺¹/(n + 1) + C (check by differentiating back)."),
    step="Power rule for integrals: raise the power by one and divide by the new power.",
    example=(_integral("x^2"), "x^3 + C")))

register_mistake(Mistake(
    id="bounds-swapped", title="Bounds swapped", kinds=(KIND,), wrong=_swapped,
    message=("The sign is wrong because the bounds were swapped: a definite integral is "
             "F(upper) - F(lower), not F(lower) - F(upper)."),
    step="Fundamental theorem of calculus: F(upper bound) - F(lower bound).",
    example=(_integral("2x", "3", "4"), "-7")))

register_mistake(Mistake(
    id=C_ON_DEFINITE, title="Constant of integration on a definite integral", kinds=(KIND,),
    wrong=_constant_added,
    message=("The number is right, but a definite integral has no + C: the constant "
             "cancels in F(b) + C - (F(a) + C), so the answer is just the number."),
    step="Fundamental theorem of calculus: F(b) - F(a), where any constant cancels.",
    example=(_integral("x/2", "1", "2"), "3/4 + C")))

register_mistake(Mistake(
    id="differentiated-instead-of-integrated", title="Differentiated instead of integrated",
    kinds=(KIND,), wrong=_differentiated,
    message=("That is the derivative of the integrand, not an antiderivative: integrating "
             "goes the other way, raising powers (x² → x³/3) instead of lowering them."),
    step="The integration rules: find F with F'(x) = f(x), not f'(x).",
    example=(_integral("x^3"), "3x^2 + C")))


def _ends_full_weight(task: dict[str, Any]) -> float | None:
    if task.get("problem") != "quadrature-rule" or task.get("rule") != "trapezoid":
        return None
    values = worked_quadrature(task).table.column("f(x_k)")
    h = (task_number(task, "upper") - task_number(task, "lower")) / (len(values) - 1)
    return float(h * sum(values))


register_mistake(Mistake(
    id="trapezoid-ends-not-halved", title="Trapezoid rule without halving the ends",
    kinds=("value",), wrong=_ends_full_weight,
    message=("Every value was given the full weight h, but the trapezoid rule halves the "
             "first and last: each inside point is shared by two trapezoids, each end "
             "belongs to one, so h (f(x₀)/2 + f(x₁) + ... + f(xₙ)/2)."),
    step="The trapezoid rule's weights: h/2 at both ends, h inside.",
    example=({"kind": "value", "problem": "quadrature-rule", "expr": "x^2", "var": "x",
              "lower": 0, "upper": 2, "rule": "trapezoid", "n": 2}, "5")))
