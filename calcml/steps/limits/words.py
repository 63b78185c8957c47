"""Steps of limit strategies (one class per strategy) and their explanations.

The step classes live in :mod:`calcml.steps.limits.rules` (and
:mod:`calcml.steps.limits.continuity`); this module registers the learner-facing words, one
``@explains(StepClass)`` function each.
"""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation
from calcml.steps.limits.continuity import ContinuityConditions, Failure, FunctionValue
from calcml.steps.limits.rules import (
    DNE,
    AlgebraLine,
    AlongSequence,
    CancelCommonFactor,
    ConjugateProduct,
    DirectSubstitution,
    DivideByHighestPower,
    DoesNotExist,
    ExponentViaLogarithm,
    FactorAndCancel,
    IndeterminateForm,
    IndeterminateValue,
    InfiniteLimit,
    LHopitalRule,
    LimitLaw,
    LimitRewrite,
    LimitRewriteKind,
    LimitStep,
    MultiplyByConjugate,
    OneSidedLimits,
    Oscillation,
    PieceInForce,
    SimplifyQuotient,
    StandardLimit,
)

__all__ = ["DNE", "AlgebraLine", "AlongSequence", "CancelCommonFactor", "ConjugateProduct",
           "ContinuityConditions", "DirectSubstitution",
           "DivideByHighestPower", "DoesNotExist", "ExponentViaLogarithm", "FactorAndCancel",
           "FunctionValue", "IndeterminateForm", "IndeterminateValue", "InfiniteLimit",
           "LHopitalRule", "LimitLaw", "LimitRewrite", "LimitRewriteKind", "LimitStep",
           "MultiplyByConjugate", "OneSidedLimits", "Oscillation", "PieceInForce",
           "SimplifyQuotient", "StandardLimit"]

_LAWS = {
    "sum": "The limit of a sum is the sum of the limits of its terms",
    "product": "The limit of a product is the product of the limits of its factors",
    "quotient": "The limit of a quotient is the limit of the top over that of the bottom",
    "power": "The limit of a power is found from the limits of its base and exponent",
    "function": "The function is continuous, so the limit passes inside it",
}


def _powers(f: sympy.Basic, negative: bool) -> bool:
    """Whether ``f`` has a power of a variable with a negative (or positive) exponent."""
    return any((p.exp.is_negative if negative else p.exp.is_positive) and p.base.free_symbols
               for p in f.atoms(sympy.Pow))


_UNBOUNDED = (
    (lambda f: _powers(f, True), "a nonzero number over a quantity that tends to 0 grows "
                                 "without bound"),
    (lambda f: _powers(f, False) or f.is_Symbol, "a positive power of a quantity that grows "
                                                 "without bound grows without bound"),
    (lambda f: f.has(sympy.log), "the logarithm of a quantity that tends to 0 tends to "
                                 "{ninf}, and of one that grows without bound, to {inf}"),
    (lambda f: f.has(sympy.exp), "e to a power that grows without bound grows without "
                                 "bound"))
"""Why a part of a function grows without bound, for each kind of part it may have."""


def _parts(step: LimitStep) -> dict[str, sympy.Basic]:
    f, x, a, _ = step.limit.args
    return {"f": f, "x": x, "a": a}


def _approach(step: LimitStep) -> str:
    """How x approaches a, in words: "{x} approaches {a} from the left" and so on."""
    _, _, a, direction = step.limit.args
    if a.is_infinite or str(direction) == "+-":
        return "{x} approaches {a}"
    return "{x} approaches {a} from the " + ("right" if str(direction) == "+" else "left")


@explains(DirectSubstitution)
def _direct_substitution(step: DirectSubstitution) -> Explanation:
    math = {**_parts(step), "v": step.value}
    if not math["f"].has(math["x"]):
        return Explanation("{f} does not depend on {x}, so its limit is {v}.", math)
    if step.at_the_point:
        return Explanation("Every part of {f} has a limit at {x} = {a} and they combine "
                           "without an indeterminate form, so substitute {x} = {a}: {v}.",
                           math)
    if step.value.is_infinite:
        why = "; ".join(reason for has, reason in _UNBOUNDED if has(math["f"]))
        math.update(inf=sympy.oo, ninf=-sympy.oo)
        return Explanation(f"As {_approach(step)}, each part of {{f}} tends to a limit, some "
                           "infinite, and nothing cancels the infinite part"
                           + (f" ({why})" if why else "") + ": {v}.", math)
    exponential = ", and so does e to a large negative power" if math["f"].has(sympy.exp) \
        else ""
    return Explanation(f"As {_approach(step)}, each part of {{f}} tends to a limit, some "
                       "perhaps infinite, and the limit laws combine them (a constant "
                       f"over a quantity growing without bound tends to 0{exponential}): "
                       "{v}.", math)


@explains(InfiniteLimit)
def _infinite_limit(step: InfiniteLimit) -> Explanation:
    sign = "positive" if step.denominator_sign > 0 else "negative"
    return Explanation(f"As {_approach(step)}, the numerator tends to {{n}} while the "
                       f"denominator tends to 0 through {sign} values, so the quotient "
                       "grows without bound: {v}.",
                       {**_parts(step), "n": step.numerator_value, "v": step.value})


@explains(IndeterminateForm)
def _indeterminate_form(step: IndeterminateForm) -> Explanation:
    math = {**_parts(step), "form": IndeterminateValue(step.form)}
    if math["a"].is_infinite:
        return Explanation(f"As {_approach(step)}, {{f}} takes the indeterminate form "
                           "{form}, which does not decide the limit; rewrite it first.", math)
    return Explanation("Substituting {x} = {a} gives the indeterminate form {form}, which "
                       "does not decide the limit; rewrite {f} first.", math)


@explains(FactorAndCancel)
def _factor_and_cancel(step: FactorAndCancel) -> Explanation:
    return Explanation("Factor: {f} = {p}. The common factor {c} is not 0 while {x} "
                       "approaches {a} (only at {a} itself), so cancel it: {g}.",
                       {**_parts(step), "p": step.factored, "c": step.common_factor,
                        "g": step.cancelled})


@explains(MultiplyByConjugate)
def _multiply_by_conjugate(step: MultiplyByConjugate) -> Explanation:
    return Explanation("Multiply top and bottom by the conjugate {c}, the same two terms "
                       "with the sign between them changed: {m} = {s}. A difference times "
                       "its conjugate is a difference of squares, which clears the square "
                       "root.",
                       {"c": step.conjugate, "m": step.multiplied, "s": step.simplified})


@explains(ConjugateProduct)
def _conjugate_product(step: ConjugateProduct) -> Explanation:
    math = {"p": step.before, "a2": sympy.Pow(step.first, 2, evaluate=False),
            "b2": sympy.Pow(step.second, 2, evaluate=False), "A": step.first_squared,
            "B": step.second_squared, "r": step.after}
    minus = "({B})" if step.second_squared.is_Add else "{B}"
    terms = len(sympy.Add.make_args(step.first_squared)) + \
        len(sympy.Add.make_args(step.second_squared))
    worked = "" if terms == len(sympy.Add.make_args(step.after)) else " = {r}"
    a, b = sympy.symbols("a b")
    math.update(ab=sympy.Mul(a - b, a + b, evaluate=False), squares=a**2 - b**2)
    return Explanation("Multiply out, using {ab} = {squares}: {p} = {a2} - {b2} "
                       "= {A} - " + minus + worked + ".", math)


@explains(CancelCommonFactor)
def _cancel_common_factor(step: CancelCommonFactor) -> Explanation:
    return Explanation("The factor {c} is not 0 near the point, only at it, so cancel it "
                       "top and bottom.", {"c": step.common_factor})


@explains(SimplifyQuotient)
def _simplify_quotient(step: SimplifyQuotient) -> Explanation:
    return Explanation("Simplify the quotient of the derivatives before taking its "
                       "limit.", {})


@explains(AlgebraLine)
def _algebra_line(step: AlgebraLine) -> Explanation:
    return Explanation("Rewrite {b} as {r}.", {"b": step.before, "r": step.after})


@explains(DivideByHighestPower)
def _divide_by_highest_power(step: DivideByHighestPower) -> Explanation:
    return Explanation("Divide top and bottom by {p}, the highest power of {x} in the "
                       "denominator: {r}. Each term c/{x}^k with k > 0 tends to 0.",
                       {**_parts(step), "p": step.power, "r": step.rewritten})


@explains(LHopitalRule)
def _l_hopital_rule(step: LHopitalRule) -> Explanation:
    both = "tend to 0" if step.form == "0/0" else "grow without bound"
    return Explanation(f"Top {{n}} and bottom {{d}} both {both}, so by L'Hôpital's rule "
                       "the limit is that of the quotient of their derivatives, {q}.",
                       {"n": step.numerator, "d": step.denominator,
                        "q": step.derivative_quotient})


@explains(StandardLimit)
def _standard_limit(step: StandardLimit) -> Explanation:
    math = {"k": step.known, "kv": step.known_value, "u": step.inner,
            "s": step.scale, "v": step.value}
    if step.reciprocal:
        math["t"] = step.known_value * step.scale
        times = "" if step.scale == 1 else "{s} times "
        return Explanation("Turned upside down, this is " + times + "the standard limit "
                           "{k} = {kv} with u = {u}, which tends to {t}; so the limit is one "
                           "over that: {v}.", math)
    words = "This is the standard limit {k} = {kv} with u = {u}"
    if step.known_value == sympy.E and step.scale != 1:
        words += ", raised to the power {s} (the limit of u times the exponent): {v}."
    elif step.scale == 1:
        words += "."
    else:
        words += ", times the constant {s}: {v}."
    return Explanation(words, math)


_REWRITES = {
    LimitRewriteKind.PIECEWISE: "each absolute value (or sign) written piece by piece, one "
                                "formula per interval",
    LimitRewriteKind.PRODUCT_AS_QUOTIENT: "a product that is 0 times infinity, written as a "
                                          "quotient",
    LimitRewriteKind.COMMON_DENOMINATOR: "a difference of two infinite terms, put over one "
                                         "denominator",
    LimitRewriteKind.TANGENT_AS_SINE_OVER_COSINE: "tan u = sin u / cos u, and cos u tends to "
                                                  "a number other than 0",
}
"""What each kind of rewrite of a limit's function does, in words."""


@explains(LimitRewrite)
def _limit_rewrite(step: LimitRewrite) -> Explanation:
    return Explanation(f"Rewrite {{f}} as {{r}}: {_REWRITES[step.kind]}.",
                       {**_parts(step), "r": step.rewritten})


@explains(ExponentViaLogarithm)
def _exponent_via_logarithm(step: ExponentViaLogarithm) -> Explanation:
    log_form = step.log_limit.expression.args[0]
    return Explanation("Let y = {f}. Then ln y = {g}, whose limit L = {L} is found "
                       "below; since y = e^(ln y), the limit is e^L = {v}.",
                       {**_parts(step), "g": log_form, "L": step.log_limit.result,
                        "v": step.result})


@explains(OneSidedLimits)
def _one_sided_limits(step: OneSidedLimits) -> Explanation:
    math = {"l": step.left.result, "r": step.right.result, "v": step.result}
    words = "From the left the limit is {l}; from the right it is {r}. "
    if step.result is DNE:
        words += "The two sides differ, so the two-sided limit does not exist."
    else:
        words += "They agree, so the limit is {v}."
    return Explanation(words, math)


@explains(LimitLaw)
def _limit_law(step: LimitLaw) -> Explanation:
    return Explanation(f"{_LAWS[step.law]}; each part's limit is found below, and "
                       "together they give {v}.", {"v": step.value})


@explains(Oscillation)
def _oscillation(step: Oscillation) -> Explanation:
    math = {**_parts(step), "lo": step.low, "hi": step.high}
    if len(step.along) == 2:
        first, second = step.along
        math.update(s1=first.sequence, s2=second.sequence, v1=first.value,
                    v2=second.value)
        return Explanation(f"As {_approach(step)}, {{f}} keeps swinging between {{lo}} "
                           "and {hi}: along {x} = {s1} it tends to {v1}, along {x} = {s2} "
                           "to {v2}, though both sequences tend to {a}. A limit would "
                           "have to be the same along every sequence, so the limit "
                           "does not exist.", math)
    return Explanation(f"As {_approach(step)}, {{f}} keeps swinging between {{lo}} and "
                       "{hi} and never settles, so the limit does not exist.", math)


@explains(AlongSequence)
def _along_sequence(step: AlongSequence) -> Explanation:
    return Explanation("Put {x} = {s}, which tends to {a} as the whole number n grows: "
                       "f({s}) = {fn}, which tends to {v}.",
                       {"x": step.var, "s": step.sequence, "a": step.point,
                        "fn": step.limit.args[0], "v": step.value})


@explains(PieceInForce)
def _piece_in_force(step: PieceInForce) -> Explanation:
    _, _, a, direction = step.limit.args
    where = {"+": "just to the right of", "-": "just to the left of"}.get(
        str(direction), "on both sides near")
    if a.is_infinite:
        where = "for large enough values of" if a == sympy.oo else "for values far below"
    case = ("the remaining case" if step.condition == sympy.true
            else "where {c} holds")
    return Explanation(f"{where.capitalize()} {{a}}, the definition in force is {{p}} "
                       f"({case}), so the limit is that of this piece.",
                       {"a": a, "p": step.piece, "c": step.condition})


@explains(FunctionValue)
def _function_value(step: FunctionValue) -> Explanation:
    math = {"f": step.function, "x": step.var, "a": step.point, "v": step.value}
    if step.defined:
        return Explanation("Substitute {x} = {a} into f({x}) = {f}: the value is {v}.",
                           math)
    return Explanation("Substituting {x} = {a} into f({x}) = {f} gives no real number, "
                       "so f is not defined at {a}.", math)


_FAILURES = {
    Failure.UNDEFINED: "f(a) is not defined",
    Failure.NO_LIMIT: "the limit does not exist",
    Failure.INFINITE_LIMIT: "the limit is infinite, not a number",
    Failure.UNEQUAL: "the limit is not equal to f(a)",
}


@explains(ContinuityConditions)
def _continuity_conditions(step: ContinuityConditions) -> Explanation:
    math = {"x": step.var, "a": step.point, "v": step.value_step.result,
            "L": step.limit_step.result}
    if step.result == sympy.true:
        return Explanation("All three conditions hold: f({a}) = {v} is defined, the "
                           "limit as {x} approaches {a} exists, and the two are equal, "
                           "so f is continuous at {a}.", math)
    return Explanation(f"f is not continuous at {{a}}: {_FAILURES[step.failure()]}.", math)
