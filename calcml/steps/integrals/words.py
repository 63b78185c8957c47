"""Explanations for a learner of the integral step family (one ``@explains`` function each).

The family's step classes live beside this module (:mod:`calcml.steps.integrals.rules`,
:mod:`calcml.steps.integrals.methods`, :mod:`calcml.steps.integrals.definite`); the words
of the basic rules are in :mod:`calcml.steps.integrals.table_words`, the rest here. All of them
are registered with :func:`calcml.steps.explain.explains`.
"""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation
from calcml.steps.integrals import definite as d
from calcml.steps.integrals import methods as m

_U, _V, _DU, _DV = sympy.symbols("u v du dv")


@explains(m.ConstantMultipleIntegralRule)
def _constant_multiple_integral_rule(step: m.ConstantMultipleIntegralRule) -> Explanation:
    return Explanation("Constant multiple rule: the constant {c} moves outside the "
                       "integral, {lhs} = {rhs}; integrate {g} and multiply by {c}.",
                       {"c": step.constant, "g": step.other, "lhs": step.expression,
                        "rhs": step.constant * sympy.Integral(step.other, step.var)})


@explains(m.SumIntegralRule)
def _sum_integral_rule(step: m.SumIntegralRule) -> Explanation:
    return Explanation("Sum rule: the integral of a sum is the sum of the integrals; "
                       "integrate the {k} terms one at a time and add the results.",
                       {"k": sympy.Integer(len(step.term_steps))})


@explains(m.USubstitution)
def _u_substitution(step: m.USubstitution) -> Explanation:
    return Explanation("u-substitution: let {u} = {g}. Then d{u} = {dg} d{x}, and the "
                       "integral becomes {new}, an integral in {u} alone. Integrate it, "
                       "then put {u} = {g} back.",
                       {"u": step.u_var, "g": step.u_func, "dg": step.du, "x": step.var,
                        "new": step.substep.expression})


@explains(m.IntegrationByParts)
def _integration_by_parts(step: m.IntegrationByParts) -> Explanation:
    return Explanation(f"Integration by parts, {{lhs}} = {{rhs}}. Choose u = {{u}} and "
                       f"dv = {{dv}} d{{x}}: {step.choice}. Then du = {{du}} d{{x}} and "
                       "v = {v}, so the integral is {uv} minus the integral of {vdu}.",
                       {"lhs": sympy.Integral(_U, _V), "rhs": _U * _V - sympy.Integral(
                           _V, _U), "u": step.u, "dv": step.dv, "x": step.var,
                        "du": step.du, "v": step.v_step.result,
                        "uv": step.u * step.v_step.result,
                        "vdu": step.v_step.result * step.du})


@explains(m.PartsRound)
def _parts_round(step: m.PartsRound) -> Explanation:
    return Explanation("Parts with u = {u} and dv = {dv} d{x}: du = {du} d{x}, v = {v}; "
                       "the term {uv} comes out, and the integral that is left goes to "
                       "the next round.",
                       {"u": step.u, "dv": step.dv, "x": step.var, "du": step.du,
                        "v": step.v_step.result, "uv": step.result})


@explains(m.CyclicParts)
def _cyclic_parts(step: m.CyclicParts) -> Explanation:
    return Explanation("Integrate by parts twice and the original integral I comes "
                       "back, multiplied by {c}. Move it to the left side: "
                       "(1 - ({c})) I = {terms}, so I = {r}.",
                       {"c": step.coefficient, "r": step.result,
                        "terms": sympy.Add(*((-1) ** i * r.result
                                             for i, r in enumerate(step.rounds)))})


@explains(m.RewriteIntegrand)
def _rewrite_integrand(step: m.RewriteIntegrand) -> Explanation:
    return Explanation(f"Rewrite the integrand, {{f}} = {{g}}: {step.reason}.",
                       {"f": step.integrand, "g": step.rewritten})


@explains(m.PartialFractions)
def _partial_fractions(step: m.PartialFractions) -> Explanation:
    return Explanation("Partial fractions: factor the denominator and split the "
                       "fraction into simple ones, {f} = {g}; each simple fraction "
                       "integrates to a logarithm (or an inverse tangent).",
                       {"f": step.integrand, "g": step.rewritten})


@explains(m.CompleteSquare)
def _complete_square(step: m.CompleteSquare) -> Explanation:
    return Explanation("Complete the square: {f} = {g}, a form with a known integral.",
                       {"f": step.integrand, "g": step.rewritten})


@explains(m.TrigSubstitution)
def _trig_substitution(step: m.TrigSubstitution) -> Explanation:
    return Explanation("Trigonometric substitution: let {x} = {s}. The identity "
                       "1 + tan^2 = sec^2 (or sin^2 + cos^2 = 1) removes the square root "
                       "and the integral becomes {new}. Integrate in {t}, then draw the "
                       "right triangle that {x} = {s} describes to write the answer in "
                       "{x} again: {r}" + ("." if step.holds_where == sympy.true else
                                           ", which holds where {w} (the triangle takes "
                                           "an angle between 0 and a right angle)."),
                       {"x": step.var, "s": step.x_in_theta, "t": step.theta,
                        "new": sympy.Integral(step.rewritten, step.theta),
                        "r": step.result, "w": step.holds_where})


@explains(m.PiecewiseCases)
def _piecewise_cases(step: m.PiecewiseCases) -> Explanation:
    return Explanation("The answer depends on the value of a parameter: one case per "
                       "condition, in order.", {})


@explains(d.ConstantOfIntegration)
def _constant_of_integration(step: d.ConstantOfIntegration) -> Explanation:
    return Explanation("Any constant has derivative 0, so every antiderivative is {F} "
                       "plus a constant C: the answer is {r}.",
                       {"F": step.substep.result, "r": step.result})


@explains(d.SympyIntegrate)
def _sympy_integrate(step: d.SympyIntegrate) -> Explanation:
    words = (f"No textbook rule finished the job ({step.reason}), so the antiderivative "
             "comes from SymPy's integrate (the Risch algorithm and tables), without "
             "worked steps: {r}.")
    if step.real_form_by:
        words += (f" SymPy's own form used complex numbers; this is its real form, "
                  f"found by {step.real_form_by}, and it differentiates back to the "
                  "integrand wherever the integrand is real.")
    return Explanation(words, {"r": step.result})


@explains(d.NoAntiderivative)
def _no_antiderivative(step: d.NoAntiderivative) -> Explanation:
    return Explanation(f"No antiderivative of {{f}} in elementary functions was found: "
                       f"{step.reason}. Many functions have none at all; a definite "
                       "integral of it can still be computed numerically.",
                       {"f": step.integrand})


@explains(d.RealForm)
def _real_form(step: d.RealForm) -> Explanation:
    return Explanation(f"The form above is not a real antiderivative wherever the "
                       f"integrand is real (it holds on part of the domain only). A real "
                       f"form, by {step.method}: {{G}}; it differentiates back to the "
                       "integrand on the whole domain.", {"G": step.real_form})


@explains(d.FundamentalTheorem)
def _fundamental_theorem(step: d.FundamentalTheorem) -> Explanation:
    F = step.antiderivative_step.result
    return Explanation("Fundamental theorem of calculus: with the antiderivative "
                       "F({x}) = {F}, the integral is F({b}) - F({a}) = {Fb} - ({Fa}) "
                       "= {r}.",
                       {"x": step.var, "F": F, "a": step.lower, "b": step.upper,
                        "Fa": step.at_lower, "Fb": step.at_upper, "r": step.result})


@explains(d.ImproperIntegral)
def _improper_integral(step: d.ImproperIntegral) -> Explanation:
    end = step.upper if step.at_upper_end else step.lower
    kind = "infinite" if end.is_infinite else "a point where the integrand blows up"
    words = (f"The end {{e}} is {kind}, so the integral there is a limit: replace it by "
             "{t} and let {t} approach {e}, which gives {lim} = {v}.")
    value = step.limit_step.result
    if step.result == d.DIVERGES:
        words += " The limit does not exist, so the integral diverges."
    elif value.is_infinite:
        words += " The limit is infinite: the integral diverges (the area is infinite)."
    else:
        words += " The limit is finite: the integral converges."
    return Explanation(words, {"e": end, "t": step.bound, "lim": step.limit,
                               "v": value})


@explains(d.SplitIntegral)
def _split_integral(step: d.SplitIntegral) -> Explanation:
    names = [f"{{p{i}}}" for i in range(len(step.points))]
    at = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    words = (f"Split the integral at {step.var} = {at} so that each piece is improper at "
             "one end at most; the integral converges only if every piece does.")
    if step.result == d.DIVERGES or step.result.is_infinite:
        words += " Here one piece diverges, so the whole integral diverges."
    return Explanation(words, {f"p{i}": p for i, p in enumerate(step.points)})


@explains(d.SignedArea)
def _signed_area(step: d.SignedArea) -> Explanation:
    math = {"a": step.lower, "b": step.upper, "r": step.result}
    words = ("Read as area: the integral adds the area between the curve and the x-axis "
             "above the axis and subtracts the area below it.")
    if step.roots:
        math.update(roots=sympy.FiniteSet(*step.roots),
                    parts=sympy.Tuple(*step.piece_values))
        words += (" The integrand changes sign at {roots}, so the stretches between "
                  "give {parts} (positive above the axis, negative below), which add to "
                  "{r}.")
    elif step.result.is_positive:
        words += " Here the net area is positive: {r}."
    elif step.result.is_negative:
        words += " Here more area lies below the axis than above: {r}."
    return Explanation(words, math)


@explains(d.NumericValue)
def _numeric_value(step: d.NumericValue) -> Explanation:
    opening = ("The value" if "disagreed" in step.method
               else "With no antiderivative, the value")
    return Explanation(f"{opening} is computed numerically by "
                       f"{step.method}: {{v}}, with estimated error {{e}}.",
                       {"v": step.value, "e": sympy.Float(step.error, 3)})

