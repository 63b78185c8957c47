"""Buggy rules for limits: the indeterminate form given as the value, a removable
discontinuity taken for a limit that does not exist, and one side taken for both."""

from __future__ import annotations

from typing import Any

import sympy

import calcml
from calcml.exercises.answers import INDETERMINATE
from calcml.exercises.kinds.limit import limit_parts, worked_limit
from calcml.exercises.model import Mistake, register_mistake


def _both_vanish(part_a: sympy.Expr, part_b: sympy.Expr, x: sympy.Symbol,
                 a: sympy.Expr) -> bool:
    """Whether substituting x = a (or letting x run to ±∞) gives 0/0 or ∞/∞."""
    if a.is_finite:
        return part_a.subs(x, a) == 0 and part_b.subs(x, a) == 0
    ends = [sympy.limit(p, x, a) for p in (part_a, part_b)]
    return all(e in (sympy.oo, -sympy.oo) for e in ends)


def substitution_form(task: dict[str, Any]) -> sympy.Basic | None:
    """The indeterminate form that substitution gives, as a learner who stops there writes
    it ("0/0"), or None when substitution gives no such form.

    >>> substitution_form({"kind": "limit", "expr": "(x^2 - 1)/(x - 1)", "point": 1})
    indeterminate
    >>> substitution_form({"kind": "limit", "expr": "x + 1", "point": 1}) is None
    True
    """
    f, x, a, _ = limit_parts(task)
    numerator, denominator = sympy.fraction(sympy.together(f))
    if not denominator.has(x) or not _both_vanish(numerator, denominator, x, a):
        return None
    return INDETERMINATE


def removable_called_dne(task: dict[str, Any]) -> sympy.Basic | None:
    """DNE, where f is undefined at the point but the limit there is a finite number.

    >>> removable_called_dne({"kind": "limit", "expr": "(x^2 - 25)/(x + 5)", "point": -5})
    DNE
    """
    _, _, a, _ = limit_parts(task)
    if not a.is_finite or substitution_form(task) is None:
        return None
    value = worked_limit(task).result
    return calcml.DNE if value.is_number and value.is_finite else None


def one_side_only(task: dict[str, Any]) -> list[sympy.Basic] | None:
    """The left-hand and the right-hand limits, where they differ and the task asks for
    the two-sided limit (which then does not exist).

    >>> one_side_only({"kind": "limit", "expr": "25/x", "point": 0})
    [-oo, oo]
    """
    _, _, a, direction = limit_parts(task)
    if direction != "+-" or not a.is_finite:
        return None
    worked = worked_limit(task)
    sides = [worked.left, worked.right]
    if worked.result is not calcml.DNE or any(s is None or s is calcml.DNE for s in sides):
        return None
    return sides


def _task(expr: str, point: str) -> dict[str, Any]:
    return {"kind": "limit", "expr": expr, "var": "x", "point": point, "direction": "+-"}


register_mistake(Mistake(
    id="indeterminate-form-as-answer", title="The indeterminate form given as the limit",
    kinds=("limit",), wrong=substitution_form,
    message="0/0 is not a value: it says that substitution does not decide the limit. "
            "Rewrite the function first (factor and cancel, or multiply by the "
            "conjugate), then substitute.",
    step="Indeterminate form: substitution gives 0/0, so rewrite the function first",
    example=(_task("(x^2-1)/(x-1)", "1"), "0/0"),
    rules=("Indeterminate form",)))

register_mistake(Mistake(
    id="removable-discontinuity-called-dne",
    title="A hole in the graph taken for a limit that does not exist",
    kinds=("limit",), wrong=removable_called_dne,
    message="f is not defined at the point, but the limit still exists: a limit is about "
            "the values near the point, not at it. Cancel the common factor and "
            "substitute.",
    step="Factor and cancel: the common factor is not 0 while x approaches the point",
    example=(_task("(x^2-25)/(x+5)", "-5"), "DNE"),
    rules=("Factor and cancel", "Multiply by the conjugate", "Standard limit")))

register_mistake(Mistake(
    id="one-sided-only", title="One side taken for the two-sided limit",
    kinds=("limit",), wrong=one_side_only,
    message="that is the limit from one side only. The two-sided limit exists only when "
            "the limits from the left and from the right are the same number; here they "
            "differ, so it does not exist (DNE).",
    step="One-sided limits: compare the limit from the left with the one from the right",
    example=(_task("25/x", "0"), "oo"),
    rules=("One-sided limits",)))
