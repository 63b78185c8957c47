"""Lesson 3's delta method: the slope of the secant PQ, and the slope at P that the
secant slopes approach as Δx shrinks (the Δx table)."""

from __future__ import annotations

import random
from typing import Any

import sympy

from calcml.exercises.generators.prompting import exercise, nonzero, prompt, rng
from calcml.exercises.kinds.value import task_expr, task_number, value_problem
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text
from calcml.numeric.delta import delta_table, secant

x = sympy.Symbol("x", real=True)


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


@register(Skill("secant-slope", "The slope of a secant line", 3, ("limit-substitution",),
                "The slope between P and Q on a curve: rise over run."))
def secant_exercise(seed: int, level: int) -> Exercise:
    """The slope of PQ on a quadratic (levels 1 and 2) or a cubic (3).

    >>> ex = secant_exercise(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('x² − 5x + 4', '0')
    """
    r = rng("secant-slope", seed, level)
    f = _function(r, level)
    p = r.randint(-3, 3)
    q = r.choice([n for n in range(-4, 7) if n != p])
    task = {"kind": "value", "problem": "secant-slope", "expr": to_text(f), "var": "x",
            "p": p, "q": q}
    answer = secant_slope(task)
    question = prompt("On the curve ", ("y", f), ", P is the point at ",
                      ("x", sympy.Integer(p)), " and Q the point at ", ("x", sympy.Integer(q)),
                      ". Find the slope of the secant line PQ.")
    hints = ("The slope of the line through P = (x_P, y_P) and Q = (x_Q, y_Q) is "
             "m = (y_Q - y_P)/(x_Q - x_P).",
             f"Work out y_P = f({p}) and y_Q = f({q}) first.")
    return exercise("secant-slope", seed, level, question=question, task=task, answer=answer,
                    answer_text=to_text(answer), hints=hints,
                    make_solution=lambda: secant(f, p, q, x))


@register(Skill("delta-method", "The delta method: the slope at a point", 3,
                ("secant-slope", "limit-factoring"),
                "The secant slopes from P to Q = P + Δx approach the slope at P."))
def delta_exercise(seed: int, level: int) -> Exercise:
    """The number the secant slopes approach at P, by the delta method.

    >>> ex = delta_exercise(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('2x² + 4x − 4', '12')
    """
    r = rng("delta-method", seed, level)
    f, a = _function(r, level), r.randint(-3, 3)
    task = {"kind": "value", "problem": "slope-at-point", "expr": to_text(f), "var": "x",
            "at": a}
    answer = slope_at_point(task)
    question = prompt("For ", ("f(x)", f), ", P is the point at ", ("x", sympy.Integer(a)),
                      f". The delta method takes Q at x = {a} + Δx for Δx = 1, 0.1, 0.01, "
                      "... What number do the slopes of PQ approach as Δx goes to 0?")
    hints = ("Delta method: the slope of PQ is (f(x + Δx) - f(x))/Δx; as Δx -> 0 it "
             "approaches the slope of the curve at P.",
             f"Simplify (f({a} + Δx) - f({a}))/Δx until Δx can be set to 0, or fill in "
             "the table for shrinking Δx.")
    return exercise("delta-method", seed, level, question=question, task=task, answer=answer,
                    answer_text=to_text(answer), hints=hints,
                    make_solution=lambda: delta_table(f, a, var=x))


def _function(r: random.Random, level: int) -> sympy.Expr:
    """A quadratic (level 1 with leading coefficient 1), or a cubic at level 3."""
    lead = 1 if level == 1 else nonzero(r, -3, 3)
    f = lead * x**2 + r.randint(-5, 5) * x + r.randint(-5, 5)
    return f + nonzero(r, -2, 2) * x**3 if level == 3 else f
