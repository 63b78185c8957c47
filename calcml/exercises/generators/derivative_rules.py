"""Lesson 4's rules: the product, quotient and chain rules (with the general power rule).

Each generator picks the parts (u and v, or the outer and inner functions) and builds
f from them; the answer and the worked solution come from the derivative engine.
"""

from __future__ import annotations

import random

import sympy
from sympy import cos, exp, log, sin, sqrt

from calcml.exercises.generators.derivatives import derivative_exercise
from calcml.exercises.generators.prompting import nonzero, rng
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text

x = sympy.Symbol("x", real=True)


def _factors(r: random.Random, level: int) -> tuple[sympy.Expr, sympy.Expr]:
    n, a, b = r.randint(1, 3), nonzero(r, -5, 5), nonzero(r, -5, 5)
    if level == 1:
        return nonzero(r, -4, 4) * x**n, r.choice([sin(x), cos(x), exp(x)])
    if level == 2:
        return r.choice([(x + a, nonzero(r, -3, 3) * x**2 + b), (x**n, log(x)),
                         (x**2 + a, exp(x))])
    return r.choice([(exp(x), sin(x)), (x**n, cos(x)), (sin(x), cos(x)),
                     (x**2 + a * x, log(x))])


@register(Skill("derivative-product-rule", "The product rule", 4, ("derivative-sum-rule",),
                "(u v)' = u' v + u v'."))
def product_rule(seed: int, level: int) -> Exercise:
    """c x^n times sin, cos or e^x (level 1), two polynomials, x^n ln(x) or
    (x^2 + a) e^x (2), products of two transcendental factors (3).

    >>> ex = product_rule(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('(x + 2)(2x² + 2)', '6x² + 8x + 2')
    """
    u, v = _factors(rng("derivative-product-rule", seed, level), level)
    hints = ("Product rule: (u v)' = u' v + u v'. Differentiate one factor at a time, "
             "keep the other as it is, and add.",
             f"Here u = {to_text(u)} and v = {to_text(v)}; work out u' and v' first.")
    return derivative_exercise("derivative-product-rule", seed, level, u * v, hints)


def _fraction(r: random.Random, level: int) -> tuple[sympy.Expr, sympy.Expr]:
    a = r.randint(-5, 5)
    b = r.choice([n for n in range(-5, 6) if n != a])
    if level == 1:
        return x + a, x + b
    if level == 2:
        return r.choice([(x**2 + a, x + b), (x, x**2 + abs(b) + 1), (2 * x + a, x - b)])
    return r.choice([(sin(x), x), (exp(x), x + b), (log(x), x), (x**2, exp(x) + abs(a))])


@register(Skill("derivative-quotient-rule", "The quotient rule", 4,
                ("derivative-product-rule",), "(u/v)' = (u' v - u v')/v^2."))
def quotient_rule(seed: int, level: int) -> Exercise:
    """(x + a)/(x + b) (level 1), quadratic or linear over linear or quadratic (2),
    sin(x)/x, e^x/(x + b), ln(x)/x, x^2/(e^x + a) (3).

    >>> ex = quotient_rule(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('2x/(x + 2)', '4/(x + 2)²')
    """
    u, v = _fraction(rng("derivative-quotient-rule", seed, level), level)
    hints = ("Quotient rule: (u/v)' = (u' v - u v')/v^2: the top's derivative comes first, "
             "and the bottom is squared.",
             f"Here u = {to_text(u)} (the top) and v = {to_text(v)} (the bottom).")
    return derivative_exercise("derivative-quotient-rule", seed, level, u / v, hints)


def _composite(r: random.Random, level: int) -> tuple[sympy.Expr, sympy.Expr]:
    a, b, n = nonzero(r, -4, 4), nonzero(r, -5, 5), r.randint(2, 5)
    if level == 1:
        inner = a * x + b
        return inner**n, inner
    if level == 2:
        inner = r.choice([a * x + b, a * x**2])
        outer = r.choice([sin, cos, exp])
        return outer(inner), inner
    inner = x**2 + abs(b)
    return r.choice([(inner**n, inner), (sin(abs(a) * x) ** n, sin(abs(a) * x)),
                     (sqrt(inner), inner), (exp(sin(x)), sin(x)), (log(inner), inner)])


@register(Skill("derivative-chain-rule", "The chain rule and the general power rule", 4,
                ("derivative-power-rule", "derivative-sum-rule"),
                "d/dx f(g(x)) = f'(g(x)) g'(x); d/dx u^n = n u^(n-1) u'."))
def chain_rule(seed: int, level: int) -> Exercise:
    """(ax + b)^n (level 1), sin, cos or e of a linear or quadratic (2), general
    powers, roots, e^(sin x), ln of a quadratic (3).

    >>> ex = chain_rule(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('cos(x²)', '−2x·sin(x²)')
    """
    f, inner = _composite(rng("derivative-chain-rule", seed, level), level)
    hints = ("Chain rule: d/dx f(g(x)) = f'(g(x)) g'(x): differentiate the outer function, "
             "keep the inside as it is, then multiply by the derivative of the inside. For "
             "a power, d/dx u^n = n u^(n-1) u' (the general power rule).",
             f"The inner function is u = {to_text(inner)}, with u' = "
             f"{to_text(sympy.diff(inner, x))}.")
    return derivative_exercise("derivative-chain-rule", seed, level, f, hints)
