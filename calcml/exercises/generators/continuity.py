"""Lesson 2's classification of a point: continuous, or a removable, jump or infinite
discontinuity. The kind is chosen first, then a function with that kind of point."""

from __future__ import annotations

import random

import sympy
from sympy import Abs

import calcml
from calcml.exercises.generators.prompting import exercise, nonzero, prompt, rng
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text

x = sympy.Symbol("x", real=True)
_KINDS_BY_LEVEL = {1: ("continuous", "removable"), 2: ("jump", "infinite"),
                   3: ("continuous", "removable", "jump", "infinite")}


def _function(r: random.Random, kind: str, a: int, level: int) -> sympy.Expr:
    """A function with a point of ``kind`` at x = a (harder forms at level 3)."""
    k, b = nonzero(r, -4, 4), r.choice([n for n in range(-5, 6) if n != a])
    hard = level == 3
    if kind == "continuous":
        return (x**2 - b**2) / (x - b) + k * x if hard else k * x**2 + b
    if kind == "removable":
        if hard:
            return sympy.expand((x - a) * (x - b)) / sympy.expand(k * (x - a))
        return (x**2 - a**2) / (x - a)
    if kind == "jump":
        return k * sympy.Heaviside(x - a) + x if hard else k * Abs(x - a) / (x - a)
    return k / ((x - a) * (x - b)) if hard else k / (x - a) ** r.randint(1, 2)


@register(Skill("continuity-classification", "Continuity and kinds of discontinuity", 2,
                ("limit-factoring", "limit-one-sided"),
                "Continuous, or a removable, jump or infinite discontinuity."))
def continuity_classification(seed: int, level: int) -> Exercise:
    """Continuous or removable (level 1), a jump or infinite (2), any of the four
    in harder forms (3).

    >>> ex = continuity_classification(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('3/(x − 3)²', 'infinite')
    """
    r = rng("continuity-classification", seed, level)
    kind, a = r.choice(_KINDS_BY_LEVEL[level]), nonzero(r, -4, 4)
    f = _function(r, kind, a, level)
    task = {"kind": "continuity", "expr": to_text(f), "var": "x", "at": a}
    question = prompt("Is ", ("f(x)", f), " continuous at ", ("x", sympy.Integer(a)),
                      "? If it is not, what kind of discontinuity is there? Answer "
                      "continuous, removable, jump or infinite.")
    hints = ("f is continuous at a when f(a) is defined, the limit as x approaches a "
             "exists, and the two are equal. Otherwise: equal one-sided limits make a "
             "removable break, different finite ones a jump, an infinite one an infinite "
             "discontinuity.",
             f"Work out f({a}) and the limits as x approaches {a} from the left and from "
             "the right.")
    return exercise("continuity-classification", seed, level, question=question, task=task,
                    answer=kind, answer_text=kind, hints=hints,
                    make_solution=lambda: calcml.continuity(f, x, a))
