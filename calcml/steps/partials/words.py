"""Explanations for a learner of the partial step family (one ``@explains`` function each).

The family's step classes live beside this module (:mod:`calcml.steps.partials.rules`);
their words are written here and registered with :func:`calcml.steps.explain.explains`.
Literal text holds no TeX special characters: all math goes through ``{slots}``.
"""

from __future__ import annotations

import sympy

from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation, approximately, slot_list, slot_pairs
from calcml.steps.partials.rules import (
    ClairautSymmetry,
    DirectionalDerivative,
    EvaluateAtPoint,
    GradientVector,
    HessianMatrix,
    HoldConstant,
    JacobianMatrix,
    SecondPartial,
    UnitVector,
)


def _constant_part(step: HoldConstant) -> tuple[str, dict[str, sympy.Basic]]:
    """Words on a term or factor of the function that the holding makes constant."""
    f, x = step.function, step.var
    terms = [t for t in sympy.Add.make_args(f) if t.free_symbols and x not in t.free_symbols]
    if terms and isinstance(f, sympy.Add):
        return "; here {t} is a constant term", {"t": terms[0]}
    factors = [c for c in sympy.Mul.make_args(f) if c.free_symbols and x not in c.free_symbols]
    if factors and isinstance(f, sympy.Mul):
        return "; here {c} is a constant factor that stays in front", {"c": sympy.Mul(*factors)}
    return "", {}


@explains(HoldConstant)
def _hold_constant(step: HoldConstant) -> Explanation:
    math = {"f": step.function, "x": step.var, "d": step.result}
    if step.var not in step.function.free_symbols:
        return Explanation("{f} does not change when {x} changes (every symbol in it is "
                           "held constant), so its partial derivative is 0.", math)
    if not step.held:
        return Explanation("{f} depends on {x} alone, so its partial derivative is the "
                           "ordinary derivative: {d}.", math)
    held, names = slot_list(step.held, "h")
    math.update(names)
    them = "it like a number" if len(step.held) == 1 else "them like numbers"
    extra, more = _constant_part(step)
    math.update(more)
    return Explanation(f"Hold {held} constant: treat {them}, whose derivative with "
                       f"respect to {{x}} is 0{extra}. Then differentiate with respect to "
                       "{x} by the single-variable rules, which give {d}.", math)


@explains(SecondPartial)
def _second_partial(step: SecondPartial) -> Explanation:
    return Explanation("Take the first partial derivative with respect to {a}, {g}, and "
                       "differentiate it again, now with respect to {b}: {d}.",
                       {"a": step.first_var, "g": step.first, "b": step.second_var,
                        "d": step.result})


@explains(GradientVector)
def _gradient_vector(step: GradientVector) -> Explanation:
    order, math = slot_list(step.variables, "v")
    math.update(f=step.function, g=step.result)
    one = "one partial derivative" if len(step.variables) > 1 else "the partial derivative"
    return Explanation(f"The gradient of {{f}} stacks {one} per variable in a column, in "
                       f"the order {order}. Each is worked out below with the other "
                       "variables held constant.", math)


@explains(JacobianMatrix)
def _jacobian_matrix(step: JacobianMatrix) -> Explanation:
    order, math = slot_list(step.variables, "v")
    math.update(m=sympy.Integer(len(step.functions)), n=sympy.Integer(len(step.variables)))
    return Explanation(f"The Jacobian has one row per function ({{m}}) and one column per "
                       f"variable ({{n}}, in the order {order}): row i is the gradient of "
                       "the i-th function laid on its side, the partial derivatives of "
                       "that function. Each row is worked out below.", math)


@explains(HessianMatrix)
def _hessian_matrix(step: HessianMatrix) -> Explanation:
    order, math = slot_list(step.variables, "v")
    math["f"] = step.function
    return Explanation(f"The Hessian of {{f}} is the matrix of its second partial "
                       f"derivatives, in the variable order {order}: the entry in row i, "
                       "column j differentiates by the i-th variable, then by the j-th. "
                       "First the gradient, then each first partial differentiated again "
                       "by every variable.", math)


@explains(ClairautSymmetry)
def _clairaut_symmetry(step: ClairautSymmetry) -> Explanation:
    example = "" if len(step.pairs) == 1 else "for each pair of variables; for example "
    words = (f"The mixed partials come out the same in both orders ({example}{{d}} = {{v}} "
             "either way), as Clairaut's theorem says they must where the second partials "
             "are continuous, so the Hessian is symmetric.")
    if not step.agreed:
        words = ("The mixed partials differ between the two orders ({d}: {v} against "
                 "{w}). Clairaut's theorem needs continuous second partials, so they "
                 "are not continuous everywhere here.")
    d, v, w = step.pairs[0]
    return Explanation(words, {"d": d, "v": v, "w": w})


@explains(UnitVector)
def _unit_vector(step: UnitVector) -> Explanation:
    return Explanation("The direction {v} has length {n}; dividing by the length gives "
                       "the unit vector {u}, so the answer is a slope per unit of distance "
                       "moved.",
                       {"v": step.expression, "n": step.length, "u": step.result})


@explains(DirectionalDerivative)
def _directional_derivative(step: DirectionalDerivative) -> Explanation:
    return Explanation("The slope of {f} in the direction of the unit vector {u} is the "
                       "dot product of the gradient with it: multiply each partial "
                       "derivative by the matching component and add, giving {d}.",
                       {"f": step.function, "u": step.unit.result, "d": step.result})


@explains(EvaluateAtPoint)
def _evaluate_at_point(step: EvaluateAtPoint) -> Explanation:
    where, math = slot_pairs(step.point)
    math.update(e=step.substep.result, v=step.value, a=approximately(step.value),
                f=step.function_value)
    each = " each entry of" if isinstance(step.value, sympy.MatrixBase) else ""
    return Explanation(f"Put {where} into{each} {{e}}: the value is {{v}}, about {{a}}. "
                       "The function itself has the value {f} there.", math)
