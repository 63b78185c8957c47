"""Explanations for a learner of the integral step family (one ``@explains`` function each).

The family's step classes live beside this module (:mod:`calcml.steps.integrals.rules`,
:mod:`calcml.steps.integrals.methods`, :mod:`calcml.steps.integrals.definite`); the words
of the basic rules are in :mod:`calcml.steps.integrals.table_words`, the rest here. All of them
are registered with :func:`calcml.steps.explain.explains`.
"""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation, slot_list
from calcml.steps.integrals import definite as d
from calcml.steps.integrals import methods as m
from calcml.steps.limits.rules import Oscillation

_U, _V, _DU, _DV = sympy.symbols("u v du dv")
_T = sympy.Symbol("theta")


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
    differential = "d{x}" if step.du == 1 else "{dg} d{x}"
    return Explanation("u-substitution: let {u} = {g}. Then d{u} = " + differential + ", and the "
                       "integral becomes {new}, an integral in {u} alone. Integrate it, "
                       "then put {u} = {g} back.",
                       {"u": step.u_var, "g": step.u_func, "dg": step.du, "x": step.var,
                        "new": step.substep.expression})


_LIATE = {m.Liate.LOGARITHM: ("L", "a logarithm"),
          m.Liate.INVERSE_TRIGONOMETRIC: ("I", "an inverse trigonometric function"),
          m.Liate.ALGEBRAIC: ("A", "an algebraic factor (a power or polynomial)"),
          m.Liate.TRIGONOMETRIC: ("T", "a trigonometric function"),
          m.Liate.EXPONENTIAL: ("E", "an exponential")}
_ORDER = ("LIATE order (Logarithmic, Inverse trigonometric, Algebraic, Trigonometric, "
          "Exponential)")


def _parts_choice(step: m.IntegrationByParts) -> str:
    """Why u was the right choice for u (and dv for dv), from their LIATE kinds."""
    letter, kind = _LIATE[step.u_kind]
    if step.dv_kind is None:
        return (f"u is {kind} ({letter}), with no simple antiderivative of its own, while its "
                "derivative is simple; dv is just the constant left over, which integrates "
                f"at once (the {_ORDER} puts {letter} first)")
    dv_letter, dv_kind = _LIATE[step.dv_kind]
    if dv_letter == letter:
        return (f"both factors are of the same LIATE kind ({letter}); u is the one whose "
                "derivative gets simpler")
    return (f"u is {kind} ({letter}), which comes before {dv_kind} ({dv_letter}) in the "
            f"{_ORDER}; differentiating u makes it simpler, and dv is easy to integrate")


@explains(m.IntegrationByParts)
def _integration_by_parts(step: m.IntegrationByParts) -> Explanation:
    constant = step.assembled.constant
    left = ("the integral left in the formula, {left}" if constant == 1 else
            "the integral left in the formula once the constant {c} of v du = {vdu} is "
            "written in front, {left}")
    return Explanation(f"Integration by parts, {{lhs}} = {{rhs}}. Choose u = {{u}} and "
                       f"dv = {{dv}} d{{x}}: {_parts_choice(step)}. Then du = "
                       f"{'' if step.du == 1 else '{du} '}d{{x}}. Two "
                       "sub-results are needed, worked out below: first v, the integral of "
                       f"dv, which is {{v}}; then {left}, which is {{second}}.",
                       {"lhs": sympy.Integral(_U, _V), "rhs": _U * _V - sympy.Integral(
                           _V, _U), "u": step.u, "dv": step.dv, "x": step.var,
                        "du": step.du, "v": step.v_step.result, "c": constant,
                        "vdu": step.v_step.result * step.du,
                        "left": sympy.Integral(step.assembled.remaining, step.var),
                        "second": step.second_step.result})


@explains(m.PartsFormula)
def _parts_formula(step: m.PartsFormula) -> Explanation:
    words = "Put u = {u} and v = {v} into the formula: {lhs} = {rhs}"
    if step.constant != 1:
        words += (", where the constant {c} of v du = {vdu} is taken out in front of the "
                  "integral before it is worked out")
    return Explanation(words + ".", {"u": step.u, "v": step.v, "lhs": step.expression,
                                     "rhs": step.result, "c": step.constant,
                                     "vdu": step.constant * step.remaining})


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


_REWRITES = {
    m.IntegrandRewrite.PARTIAL_FRACTIONS: "partial fractions",
    m.IntegrandRewrite.SPLIT_NUMERATOR: "split the numerator into a multiple of the "
                                        "denominator's derivative plus a constant",
    m.IntegrandRewrite.EXPAND: "multiply out, so that each term is a power of the variable",
    m.IntegrandRewrite.TRIG_IDENTITY: "a trigonometric identity turns it into a form with a "
                                      "known integral",
    m.IntegrandRewrite.CANCEL: "cancel common factors and divide out the fraction",
    m.IntegrandRewrite.EQUAL_FORM: "an equal form that a basic rule fits",
}
"""What each kind of rewrite does, in words (the double-angle identity has its own)."""


@explains(m.RewriteIntegrand)
def _rewrite_integrand(step: m.RewriteIntegrand) -> Explanation:
    math = {"f": step.integrand, "g": step.rewritten}
    if step.kind is m.IntegrandRewrite.DOUBLE_ANGLE:
        square = step.integrand.as_coeff_Mul()[1]
        sign = 1 if isinstance(square.base, sympy.cos) else -1
        math.update(lhs=square, rhs=(1 + sign * sympy.cos(2 * square.base.args[0])) / 2)
        words = ("Rewrite the integrand by the double-angle identity {lhs} = {rhs}, which "
                 "turns the square into a first power (of the cosine of twice the angle)")
        return Explanation(words + ("." if square == step.integrand else ": {f} = {g}."),
                           math)
    return Explanation(f"Rewrite the integrand, {{f}} = {{g}}: {_REWRITES[step.kind]}.", math)


@explains(m.PartialFractions)
def _partial_fractions(step: m.PartialFractions) -> Explanation:
    math = {"f": step.integrand, "g": step.rewritten, "ansatz": step.ansatz}
    if step.ansatz is None:
        return Explanation("Partial fractions: factor the denominator and split the "
                           "fraction into simple ones, {f} = {g}; each simple fraction "
                           "integrates to a logarithm (or an inverse tangent).", math)
    found = step.coefficients
    names = [f"{{n{i}}} = {{v{i}}}" for i in range(len(found))]
    for i, (name, value) in enumerate(found.items()):
        math.update({f"n{i}": name, f"v{i}": value})
    numerator, denominator = sympy.fraction(sympy.cancel(step.integrand))
    whole = sympy.div(numerator, denominator, step.var)[0]
    opening = "Partial fractions: factor the denominator and write the fraction"
    if whole != 0:
        math["q"] = whole
        opening = ("Partial fractions: the numerator's degree is not below the "
                   "denominator's, so long division first takes out the polynomial {q}; "
                   "then factor the denominator and write the rest")
    common = sympy.gcd(*sympy.fraction(sympy.together(step.integrand)))
    if common.has(step.var):
        math.update(common=common, cancelled=numerator / denominator)
        opening = ("The factor {common} is common to the numerator and the denominator: "
                   "cancelled, the fraction is {cancelled}. " + opening.replace(
                       "Partial fractions: ", "Then ").replace("Then factor", "Then, factor"))
    return Explanation(f"{opening} as simple fractions with unknown numerators, {{ansatz}}. "
                       f"The steps below find {', '.join(names)}, so {{f}} = {{g}}; each "
                       "simple fraction integrates to a logarithm (or an inverse tangent).",
                       math)


@explains(m.CoverUp)
def _cover_up(step: m.CoverUp) -> Explanation:
    return Explanation("Cover-up rule for {A}: multiply both sides by {p} and let {x} "
                       "approach {r}, the root of {p}. Every other simple fraction keeps the "
                       "factor {p} on top and vanishes there, so {A} is what is left of "
                       "the fraction with {p} covered, {c}, at {x} = {r}: {A} = {v}.",
                       {"A": step.unknown, "p": step.factor, "x": step.var, "r": step.root,
                        "c": step.covered, "v": step.result})


@explains(m.EquateCoefficients)
def _equate_coefficients(step: m.EquateCoefficients) -> Explanation:
    x = step.var
    math = {"d": step.denominator, "x": x, "f": step.fraction, "ansatz": step.ansatz,
            "left": sympy.expand(sympy.cancel(step.fraction * step.denominator)),
            "right": sympy.collect(sympy.expand(sympy.cancel(step.ansatz * step.denominator)),
                                   x)}
    equations, answers = [], []
    for i, equation in enumerate(step.equations):
        math.update({f"l{i}": equation.lhs, f"r{i}": equation.rhs})
        equations.append(f"{{l{i}}} = {{r{i}}}")
    for i, (name, value) in enumerate(step.values.items()):
        math.update({f"n{i}": name, f"v{i}": value})
        answers.append(f"{{n{i}}} = {{v{i}}}")
    return Explanation("Equate coefficients: multiply both sides by {d}, so that "
                       "{left} = {right}. Two polynomials are equal only when the "
                       "coefficients of each power of {x} agree, which gives "
                       f"{'; '.join(equations)}. Solving: {', '.join(answers)}.", math)


@explains(m.CompleteSquare)
def _complete_square(step: m.CompleteSquare) -> Explanation:
    return Explanation("Complete the square: {f} = {g}, a form with a known integral.",
                       {"f": step.integrand, "g": step.rewritten})


_IDENTITIES = {sympy.sin: (1 - sympy.sin(_T) ** 2, sympy.cos(_T) ** 2),
               sympy.tan: (1 + sympy.tan(_T) ** 2, sympy.sec(_T) ** 2),
               sympy.sec: (sympy.sec(_T) ** 2 - 1, sympy.tan(_T) ** 2)}
"""The Pythagorean identity each substitution uses to take the square root away."""


@explains(m.TrigSubstitution)
def _trig_substitution(step: m.TrigSubstitution) -> Explanation:
    trig = next(f for f in _IDENTITIES if step.x_in_theta.has(f))
    before, after = (side.subs(_T, step.theta) for side in _IDENTITIES[trig])
    return Explanation("Trigonometric substitution: let {x} = {s}, so d{x} = {dx} d{t}. "
                       "Under the square root, the identity {before} = {after} removes "
                       "the root, and the integral becomes {new}. Integrate in {t} (below), "
                       "then write the answer in {x} again: {r}" +
                       ("." if step.holds_where == sympy.true else
                        ", which holds where {w} (the triangle takes an angle between 0 "
                        "and a right angle)."),
                       {"x": step.var, "s": step.x_in_theta, "t": step.theta,
                        "dx": step.dx, "before": before, "after": after,
                        "new": sympy.Integral(step.rewritten, step.theta),
                        "r": step.result, "w": step.holds_where})


@explains(m.BackSubstitution)
def _back_substitution(step: m.BackSubstitution) -> Explanation:
    t = step.theta
    math = {"t": t, "tx": step.theta_in_x, "F": step.in_theta, "r": step.result,
            "sin": sympy.sin(step.theta_in_x), "cos": sympy.cos(step.theta_in_x),
            "tan": sympy.tan(step.theta_in_x), "double": sympy.sin(2 * t),
            "product": 2 * sympy.sin(t) * sympy.cos(t)}
    words = ("Back-substitution: the substitution makes {t} = {tx}, and the right triangle "
             "with this angle gives sin {t} = {sin}, cos {t} = {cos} and tan {t} = {tan}.")
    if step.in_theta.has(sympy.sin(2 * t)):
        words += " The double-angle identity {double} = {product} writes {double} with them."
    return Explanation(words + " So {F} becomes {r}.", math)


@explains(m.PiecewiseCases)
def _piecewise_cases(step: m.PiecewiseCases) -> Explanation:
    return Explanation("The answer depends on the value of a parameter: one case per "
                       "condition, in order.", {})


@explains(d.ConstantOfIntegration)
def _constant_of_integration(step: d.ConstantOfIntegration) -> Explanation:
    return Explanation("Any constant has derivative 0, so every antiderivative is {F} "
                       "plus a constant C: the answer is {r}.",
                       {"F": step.substep.result, "r": step.result})


_SEARCH_STOPS = {
    d.SearchStop.NO_RULE: "the rule search found no rule for part of the integrand",
    d.SearchStop.WORK_LIMIT: "the rule search tried {n} sub-integrals without finishing",
    d.SearchStop.FAILED: "the rule search failed on this integrand",
    d.SearchStop.NOT_CHECKED: "the rule search's answer did not check out",
}
"""How the rule search stopped, in words ({n}: the sub-integrals it tried)."""

_SYMPY_OUTCOMES = {
    d.SympyOutcome.OVER_THE_ROOTS: "the antiderivative is a sum over the {n} roots of the "
                                   "denominator, which cannot be factored over the rationals "
                                   "(a RootSum, with no real form calcml can show)",
    d.SympyOutcome.FAILED: "SymPy's integrate failed",
    d.SympyOutcome.NONE_FOUND: "SymPy's integrate found none either",
    d.SympyOutcome.ROOT_SUM: "SymPy's integrate gave only a sum over the roots of a "
                             "polynomial (a RootSum), which has no real form calcml can show",
    d.SympyOutcome.NOT_REAL: "SymPy's integrate gave no real antiderivative",
}
"""What SymPy's integrate gave, in words ({n}: the degree of the denominator)."""

_REAL_FORMS = {
    d.RealFormKind.LOG_ABS: "logarithms of absolute values, ln|g| in place of ln g",
    d.RealFormKind.ARCTANGENT: "inverse trigonometric functions written as arctangents, "
                               "which hold on both sides of the domain",
    d.RealFormKind.REAL_BRANCH: "the branch of SymPy's piecewise answer that is real",
    d.RealFormKind.REAL_PART: "the real part",
}
"""How a real form was found, in words."""


def search_stop_words(step: d.SympyIntegrate | d.NoAntiderivative) -> str:
    """Why no textbook rule gave the antiderivative, in plain words (no math slots), for an
    explanation or an error message.

    >>> x = sympy.Symbol("x")
    >>> search_stop_words(d.NoAntiderivative(integrand=1 / (x**5 + 2), var=x,
    ...     search=d.SearchStop.NO_RULE, sympy_outcome=d.SympyOutcome.OVER_THE_ROOTS,
    ...     degree=5)).split(", and ")[1].split(", which")[0]
    'the antiderivative is a sum over the 5 roots of the denominator'
    """
    words = _SEARCH_STOPS[step.search].format(n=step.sub_integrals)
    if isinstance(step, d.NoAntiderivative):
        words += ", and " + _SYMPY_OUTCOMES[step.sympy_outcome].format(n=step.degree)
    return words


@explains(d.SympyIntegrate)
def _sympy_integrate(step: d.SympyIntegrate) -> Explanation:
    words = (f"No textbook rule finished the job ({search_stop_words(step)}), so the "
             "antiderivative comes from SymPy's integrate (the Risch algorithm and tables), "
             "without worked steps: {r}.")
    if step.real_form is not None:
        words += (f" SymPy's own form used complex numbers; this is its real form, "
                  f"found by {_REAL_FORMS[step.real_form]}, and it differentiates back to "
                  "the integrand wherever the integrand is real.")
    return Explanation(words, {"r": step.result})


@explains(d.NoAntiderivative)
def _no_antiderivative(step: d.NoAntiderivative) -> Explanation:
    return Explanation(f"No antiderivative of {{f}} in elementary functions was found: "
                       f"{search_stop_words(step)}. Many functions have none at all; a "
                       "definite integral of it can still be computed numerically.",
                       {"f": step.integrand})


@explains(d.RealForm)
def _real_form(step: d.RealForm) -> Explanation:
    return Explanation(f"The form above is not a real antiderivative wherever the "
                       f"integrand is real (it holds on part of the domain only). A real "
                       f"form, by {_REAL_FORMS[step.kind]}: {{G}}; it differentiates back "
                       "to the integrand on the whole domain.", {"G": step.real_form})


@explains(d.FundamentalTheorem)
def _fundamental_theorem(step: d.FundamentalTheorem) -> Explanation:
    F = step.antiderivative_step.result
    return Explanation("With the antiderivative F({x}) = {F}, the integral is the change "
                       "in F from {a} to {b}: F({b}) - F({a}) = {d}.",
                       {"x": step.var, "F": F, "a": step.lower, "b": step.upper,
                        "d": step.equality[1]})


@explains(d.SimplifyValue)
def _simplify_value(step: d.SimplifyValue) -> Explanation:
    math = {"d": step.equality[0], "v": step.value}
    logs = [len(e.atoms(sympy.log)) for e in (step.substep.result, step.value)]
    if logs[1] < logs[0]:
        return Explanation("Combine the logarithms, using ln a - ln b = ln(a/b) and "
                           "k ln a = ln(a^k): {d} = {v}.", math)
    return Explanation("Work out {d}: {v}.", math)


@explains(d.ImproperIntegral)
def _improper_integral(step: d.ImproperIntegral) -> Explanation:
    end = step.upper if step.at_upper_end else step.lower
    kind = "infinite" if end.is_infinite else "a point where the integrand blows up"
    words = (f"The end {{e}} is {kind}, so the integral there is a limit: replace it by "
             "{t} and let {t} approach {e}, which gives {lim} = {v}.")
    value = step.limit_step.result
    if step.result == d.DIVERGES and isinstance(step.limit_step, Oscillation):
        words += (" The limit does not exist: the function keeps swinging (it oscillates) "
                  "and never settles, so the integral diverges by oscillation; it has no "
                  "value, finite or infinite.")
    elif step.result == d.DIVERGES:
        words += " The limit does not exist, so the integral diverges."
    elif value.is_infinite:
        words += " The limit is infinite: the integral diverges (the area is infinite)."
    else:
        words += " The limit is finite: the integral converges."
    return Explanation(words, {"e": end, "t": step.bound, "lim": step.limit,
                               "v": value})


_REASONS = {
    ("erf", False): "erf measures the area under the bell curve from 0, scaled so that the "
                    "whole area on one side counts as 1 (and erf is odd)",
    ("arctan", False): "the tangent of an angle close to a right angle is huge, so the "
                       "inverse tangent of a huge number is close to a right angle",
    ("tanh", False): "tanh is a ratio of exponentials in which the small one vanishes",
    ("log", True): "the logarithm grows without bound, slowly: it passes any number N once "
                   "its argument passes e to the power N",
    ("exp", False): "e to a large negative power is 1 over a huge number",
    ("exp", True): "e to a large power grows without bound",
    ("power", False): "a fixed number over a growing power tends to 0",
    ("power", True): "a positive power of a growing number grows without bound",
}
"""Why each kind of part has its limit at infinity, keyed by (kind, limit is infinite)."""


@explains(d.LimitAtInfinity)
def _limit_at_infinity(step: d.LimitAtInfinity) -> Explanation:
    math = {"t": step.bound, "p": step.point, "lim": step.expression, "v": step.result}
    facts = []
    for i, (part, value, kind) in enumerate(zip(step.parts, step.part_limits, step.kinds,
                                                strict=True)):
        math.update({f"a{i}": part, f"l{i}": value})
        reason = _REASONS.get((kind, bool(value.is_infinite)), "")
        facts.append(f"{{a{i}}} tends to {{l{i}}}" + (f", because {reason}" if reason else ""))
    combine = ("So {lim} = {v}." if step.parts == (step.function,) else
               "The limit laws put these together: {lim} = {v}.")
    return Explanation(f"As {{t}} tends to {{p}}: {'; '.join(facts)}. {combine}", math)


@explains(d.KnownShape)
def _known_shape(step: d.KnownShape) -> Explanation:
    r = sympy.Symbol("r")
    return Explanation(f"Seen as a shape: the graph of {{f}} is the upper half of the circle "
                       f"of radius {{r}} centred at the origin, so the region under it from "
                       f"{{a}} to {{b}} is {step.shape} of the disc. The disc's area is "
                       f"{{formula}} = {{full}}, and {step.shape} of it is {{area}}, the "
                       "value the antiderivative gave.",
                       {"f": step.integrand, "r": step.radius, "a": step.lower,
                        "b": step.upper, "formula": sympy.pi * r**2,
                        "full": sympy.pi * step.radius**2, "area": step.area})


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
        at, points = slot_list(step.roots, "p")
        values, pieces = slot_list(step.piece_values, "v")
        math.update(x=step.var, **points, **pieces)
        where = at.replace("{p", "{x} = {p")
        words += (f" The integrand changes sign at {where}, so the stretches between "
                  f"give {values} (positive above the axis, negative below), which add to "
                  "{r}.")
    elif step.result.is_positive:
        words += " Here the net area is positive: {r}."
    elif step.result.is_negative:
        words += " Here more area lies below the axis than above: {r}."
    return Explanation(words, math)


@explains(d.NumericValue)
def _numeric_value(step: d.NumericValue) -> Explanation:
    opening = "With no antiderivative, the value"
    if step.rejected is not None:
        opening = ("F(b) - F(a) = {F} from the antiderivative disagrees with numeric "
                   "integration, so the value")
    return Explanation(f"{opening} is computed numerically by "
                       f"{step.method}: {{v}}, with estimated error {{e}}.",
                       {"v": step.value, "e": sympy.Float(step.error, 3),
                        **({} if step.rejected is None else {"F": step.rejected})})

