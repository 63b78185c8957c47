"""Lesson 2's skills: limits by substitution, factoring, the conjugate, at infinity, from
one side, limits that do not exist, and classifying a point of discontinuity.

Each generator picks the answer first and builds a function with that limit, so the
numbers stay small and the work can be done by hand.
"""

from __future__ import annotations

import random
from typing import Any

import sympy
from sympy import Abs, oo, sqrt

import calcml
from calcml.exercises.generators.prompting import exercise, nonzero, prompt, rng
from calcml.exercises.kinds.limit import worked_limit
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text

x = sympy.Symbol("x", real=True)
_SIDES = {"+": "from the right", "-": "from the left"}


def _limit_exercise(skill: str, seed: int, level: int, f: sympy.Expr, a: sympy.Expr,
                    direction: str, answer: sympy.Basic, hints: tuple[str, str]) -> Exercise:
    task = {"kind": "limit", "expr": to_text(f), "var": "x", "point": to_text(a),
            "direction": direction}
    shown = sympy.Limit(f, x, a, direction if a.is_finite else ("-" if a == oo else "+"))
    side = f" ({_SIDES[direction]})" if direction in _SIDES else ""
    question = prompt("Find ", shown, f"{side}. Answer with a number, oo, -oo, or DNE if "
                      "the limit does not exist.")
    return exercise(skill, seed, level, question=question, task=task, answer=answer,
                    answer_text=to_text(answer), hints=hints,
                    make_solution=lambda: worked_limit(task))


@register(Skill("limit-substitution", "Limits by direct substitution", 2,
                description="Where f is continuous, the limit is the value f(a)."))
def limit_substitution(seed: int, level: int) -> Exercise:
    """A limit that substitution settles: a quadratic (level 1), a quotient whose
    bottom is not 0 there (2), a sum with a square root (3).

    >>> ex = limit_substitution(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('(x² + 3)/(x + 4)', '7/6')
    """
    r = rng("limit-substitution", seed, level)
    a = sympy.Integer(r.randint(-3, 3))
    if level == 1:
        f = nonzero(r, -3, 3) * x**2 + r.randint(-5, 5) * x + r.randint(-9, 9)
    elif level == 2:
        q = r.choice([n for n in range(-5, 6) if n != -a])
        f = (x**2 + r.randint(-9, 9)) / (x + q)
    else:
        s = r.randint(1, 5)
        f = nonzero(r, -4, 4) * x + sqrt(x + s**2 - a)
    hints = ("Direct substitution: where f is continuous at a, lim f(x) = f(a).",
             f"Check that nothing goes wrong at x = {a} (no division by 0, no square root "
             f"of a negative number), then put x = {a} into f.")
    return _limit_exercise("limit-substitution", seed, level, f, a, "+-", f.subs(x, a), hints)


@register(Skill("limit-factoring", "Limits by factoring and cancelling", 2,
                ("limit-substitution",),
                "Substitution gives 0/0: factor, cancel the common factor, substitute."))
def limit_factoring(seed: int, level: int) -> Exercise:
    """0/0 from a common factor: (x^2 - a^2)/(x - a) (level 1), a quadratic over
    x - a (2), a quadratic over a quadratic (3).

    >>> ex = limit_factoring(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('(x² − 16)/(x − 4)', '8')
    """
    r = rng("limit-factoring", seed, level)
    a = nonzero(r, -6, 6)
    b = r.choice([n for n in range(-6, 7) if n != a])
    if level == 1:
        f, answer = (x**2 - a**2) / (x - a), sympy.Integer(2 * a)
    elif level == 2:
        f, answer = sympy.expand((x - a) * (x - b)) / (x - a), sympy.Integer(a - b)
    else:
        k, c = nonzero(r, -3, 3), r.choice([n for n in range(-6, 7) if n not in (a, b)])
        f = sympy.expand(k * (x - a) * (x - b)) / sympy.expand((x - a) * (x - c))
        answer = sympy.Rational(k * (a - b), a - c)
    hints = ("Factor and cancel: when substitution gives 0/0, the top and the bottom share "
             "a factor (x - a); cancel it, then substitute.",
             f"Substituting x = {a} gives 0/0, so x - ({a}) is a factor of the top and of "
             "the bottom.")
    return _limit_exercise("limit-factoring", seed, level, f, sympy.Integer(a), "+-", answer,
                           hints)


@register(Skill("limit-conjugate", "Limits with a square root: the conjugate", 2,
                ("limit-factoring",),
                "Multiply top and bottom by the conjugate to clear a square root."))
def limit_conjugate(seed: int, level: int) -> Exercise:
    """0/0 from a square root: (sqrt(x + c) - d)/(x - a) (levels 1 and 2), and
    upside down (3).

    >>> ex = limit_conjugate(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('(√(x + 8) − 3)/(x − 1)', '1/6')
    """
    r = rng("limit-conjugate", seed, level)
    d = r.randint(1, 4 if level > 1 else 5)
    a = d**2 if level == 1 else r.choice([n for n in range(-3, 7) if n != d**2])
    root = sqrt(x + d**2 - a) - d
    k = r.randint(1, 4) if level == 1 else 1
    if level < 3:
        f, answer = k * root / (x - a), sympy.Rational(k, 2 * d)
    else:
        f, answer = (x - a) / root, sympy.Integer(2 * d)
    hints = ("Multiply by the conjugate: (sqrt(u) - d)(sqrt(u) + d) = u - d^2 clears the "
             "square root.",
             f"Multiply the top and the bottom by sqrt({to_text(x + d**2 - a)}) + {d}; "
             f"the factor x - ({a}) then cancels.")
    return _limit_exercise("limit-conjugate", seed, level, f, sympy.Integer(a), "+-", answer,
                           hints)


def _at_infinity(r: random.Random, level: int, end: sympy.Expr) -> tuple[sympy.Expr, Any]:
    p, q, s = nonzero(r, -6, 6), r.randint(-5, 5), nonzero(r, -5, 5)
    rr = nonzero(r, -4, 4)
    if level == 1:
        if r.random() < 0.3:
            return nonzero(r, -30, 30) / x ** r.randint(1, 3), sympy.Integer(0)
        return (p * x + q) / (rr * x + s), sympy.Rational(p, rr)
    if level == 2:
        return (p * x**2 + q * x + r.randint(-5, 5)) / (rr * x**2 + s), sympy.Rational(p, rr)
    if r.random() < 0.5:
        return (p * x + q) / (rr * x**2 + s), sympy.Integer(0)
    grows = sympy.sign(sympy.Rational(p, rr)) * (1 if end == oo else -1)
    return (p * x**2 + q) / (rr * x + s), grows * oo


@register(Skill("limit-at-infinity", "Limits at infinity", 2, ("limit-substitution",),
                "Divide by the highest power of x: c/x^k tends to 0."))
def limit_at_infinity(seed: int, level: int) -> Exercise:
    """A rational function as x -> oo or -oo: equal degrees (levels 1 and 2), or
    a lower or higher degree on top (3).

    >>> ex = limit_at_infinity(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('(−x² + x + 4)/(2x² − 4)', '−1/2')
    """
    r = rng("limit-at-infinity", seed, level)
    end = r.choice([oo, -oo])
    f, answer = _at_infinity(r, level, end)
    hints = ("Limits at infinity: divide the top and the bottom by the highest power of x "
             "in the denominator; every c/x^k with k > 0 tends to 0.",
             "Compare the degrees of the top and the bottom: equal degrees give the ratio "
             "of the leading coefficients.")
    return _limit_exercise("limit-at-infinity", seed, level, f, end, "+-", answer, hints)


def _one_sided(r: random.Random, level: int, a: int, side: int) -> tuple[sympy.Expr, Any]:
    k = nonzero(r, -5, 5)
    if level == 1:
        return k / (x - a), sympy.sign(k) * side * oo
    if level == 2:
        m = r.randint(-4, 4)
        return k * Abs(x - a) / (x - a) + m, sympy.Integer(m + k * side)
    if r.random() < 0.5 or a == 0:
        return k / (x - a) ** 2, sympy.sign(k) * oo
    return (x**2 - a**2) / Abs(x - a), sympy.Integer(2 * a * side)


@register(Skill("limit-one-sided", "One-sided limits", 2, ("limit-substitution",),
                "The limit as x approaches a from the left only, or from the right only."))
def limit_one_sided(seed: int, level: int) -> Exercise:
    """A limit from one side: k/(x - a) (level 1), a jump k|x - a|/(x - a) + m
    (2), an even pole or (x^2 - a^2)/|x - a| (3).

    >>> ex = limit_one_sided(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('4 − 4|x − 1|/(x − 1)', '8')
    """
    r = rng("limit-one-sided", seed, level)
    a, direction = r.randint(-4, 4), r.choice("+-")
    f, answer = _one_sided(r, level, a, 1 if direction == "+" else -1)
    hints = (f"A one-sided limit uses only the x on one side of a: x > a from the right, "
             f"x < a from the left. Here x approaches {a} {_SIDES[direction]}.",
             f"Try an x just {_SIDES[direction].split()[-1]} of {a} (such as "
             f"{a + (1 if direction == '+' else -1) * sympy.Rational(1, 1000)}): what is the "
             "sign of each part?")
    return _limit_exercise("limit-one-sided", seed, level, f, sympy.Integer(a), direction,
                           answer, hints)


def _two_sided(r: random.Random, level: int, a: int) -> tuple[sympy.Expr, Any]:
    k = nonzero(r, -5, 5)
    choice = level if level < 3 else r.choice([1, 2, 3, 4])
    if choice == 1:
        return k / (x - a), calcml.DNE
    if choice == 2:
        return k * Abs(x - a) / (x - a) + r.randint(-4, 4), calcml.DNE
    if choice == 3:
        return k / (x - a) ** 2, sympy.sign(k) * oo
    m = r.randint(-4, 4)
    return k * Abs(x - a) + m, sympy.Integer(m)


@register(Skill("limit-does-not-exist", "Limits that do not exist", 2, ("limit-one-sided",),
                "A two-sided limit exists only when both one-sided limits agree."))
def limit_does_not_exist(seed: int, level: int) -> Exercise:
    """A two-sided limit that does not exist (levels 1 and 2) or, at level 3,
    one that may exist after all (an even pole, a corner).

    >>> ex = limit_does_not_exist(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('−3 + 3|x|/x', 'DNE')
    """
    r = rng("limit-does-not-exist", seed, level)
    a = r.randint(-4, 4)
    f, answer = _two_sided(r, level, a)
    hints = ("The two-sided limit exists only when the limit from the left and the limit "
             "from the right are the same (a number, or both oo, or both -oo).",
             f"Work out the limit as x approaches {a} from the left and from the right, "
             "and compare them.")
    return _limit_exercise("limit-does-not-exist", seed, level, f, sympy.Integer(a), "+-",
                           answer, hints)
