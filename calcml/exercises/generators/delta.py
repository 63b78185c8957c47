"""Lesson 3's delta method: the slope of the secant PQ, and the slope at P that the
secant slopes approach as Δx shrinks (the Δx table)."""

from __future__ import annotations

from typing import Any

import sympy

from calcml.exercises.kinds.value import task_expr, task_number, value_problem
from calcml.numeric.delta import delta_table, secant


@value_problem("secant-slope", "the slope of the secant PQ, a number")
def secant_slope(task: dict[str, Any]) -> sympy.Expr:
    """(f(q) - f(p)) / (q - p) for the task's ``expr``, ``p`` and ``q``, by the delta
    method's secant.

    >>> secant_slope({"expr": "x^2 + 2x + 2", "var": "x", "p": 2, "q": 5})
    9
    """
    f, x = task_expr(task)
    return secant(f, task_number(task, "p"), task_number(task, "q"), x, timeout=None).slope


@value_problem("slope-at-point", "the slope of the curve at P, a number")
def slope_at_point(task: dict[str, Any]) -> sympy.Expr:
    """The number the secant slopes of the Δx table approach at x = ``at``.

    >>> slope_at_point({"expr": "x^2 + 2x + 2", "var": "x", "at": 2})
    6
    """
    f, x = task_expr(task)
    return delta_table(f, task_number(task, "at"), var=x, timeout=None).derivative
