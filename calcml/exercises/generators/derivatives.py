"""Lesson 3's differentiation rules (constant, power, constant multiple, sum), the
exponential and logarithm rules, and the tangent line at a point.

Coefficients are chosen so that the derivative has whole-number (or simple fraction)
coefficients; the worked solution and the answer come from the derivative engine.
"""

from __future__ import annotations

import random

import sympy
from sympy import Rational, exp, log, sqrt

import calcml
from calcml.exercises.generators.prompting import exercise, nonzero, prompt, rng
from calcml.exercises.kinds.derivative import worked_derivative
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text

x = sympy.Symbol("x", real=True)


def derivative_exercise(skill: str, seed: int, level: int, f: sympy.Expr,
                        hints: tuple[str, str]) -> Exercise:
    """A "differentiate f" exercise; the answer and worked solution from the engine."""
    task = {"kind": "derivative", "expr": to_text(f), "var": "x"}
    worked = worked_derivative(task)
    question = prompt("Differentiate ", ("f(x)", f), ": find f'(x).")
    return exercise(skill, seed, level, question=question, task=task, answer=worked.result,
                    answer_text=to_text(worked.result), hints=hints,
                    make_solution=lambda: worked)


def _power_term(r: random.Random, level: int) -> sympy.Expr:
    c = nonzero(r, -9, 9)
    if level == 1:
        return c * x ** r.randint(2, 7) if r.random() < 0.85 else sympy.Integer(c)
    if level == 2:
        return c / x ** r.randint(1, 4)
    q = r.choice([2, 3])
    p = r.choice([n for n in range(-3, 6) if n % q and n != 0])
    return nonzero(r, -3, 3) * q * x ** Rational(p, q)


@register(Skill("derivative-power-rule", "Constant, power and constant-multiple rules", 3,
                ("delta-method",), "d/dx c = 0, d/dx x^n = n x^(n-1), (c f)' = c f'."))
def power_rule(seed: int, level: int) -> Exercise:
    """c x^n or a constant (level 1), c/x^n (2), a fractional power (3).

    >>> ex = power_rule(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('−4/x⁴', '16/x⁵')
    """
    f = _power_term(rng("derivative-power-rule", seed, level), level)
    hints = ("Power rule: d/dx x^n = n x^(n-1) for any constant n; a constant factor "
             "stays in front, and the derivative of a constant is 0.",
             "Write roots and fractions as powers of x first (1/x^2 = x^(-2), "
             "sqrt(x) = x^(1/2)), then bring the exponent down and lower it by one.")
    return derivative_exercise("derivative-power-rule", seed, level, f, hints)


@register(Skill("derivative-sum-rule", "The sum rule", 3, ("derivative-power-rule",),
                "(f + g)' = f' + g': differentiate term by term."))
def sum_rule(seed: int, level: int) -> Exercise:
    """A polynomial (level 1), plus c/x (2), plus a root and c/x^2 (3).

    >>> ex = sum_rule(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('−2x⁵ − 6x³ − 7x + 6 + 3/x', '−10x⁴ − 18x² − 7 − 3/x²')
    """
    r = rng("derivative-sum-rule", seed, level)
    degrees = r.sample(range(1, 6), r.randint(2, 3))
    f = sum(nonzero(r, -7, 7) * x**n for n in degrees) + r.randint(-9, 9)
    if level == 2:
        f += nonzero(r, -6, 6) / x
    elif level == 3:
        f += 2 * nonzero(r, -4, 4) * sqrt(x) + nonzero(r, -5, 5) / x**2
    hints = ("Sum rule: (f + g)' = f' + g'. Differentiate each term on its own and add the "
             "results; a constant term has derivative 0.",
             "Write each term as c x^n and use the power rule on it.")
    return derivative_exercise("derivative-sum-rule", seed, level, f, hints)


def _exp_log(r: random.Random, level: int) -> tuple[sympy.Expr, str]:
    a, b = nonzero(r, -5, 5), r.randint(2, 6)
    if level == 1:
        return (a * exp(x) + nonzero(r, -5, 5) * log(x) + r.randint(-5, 5) * x,
                "Use d/dx e^x = e^x and d/dx ln(x) = 1/x, term by term.")
    if level == 2:
        return r.choice([
            (exp(a * x), f"e^({a}x) has the inner function {a}x, whose derivative is {a}."),
            (log(b * x), f"ln({b}x) = ln({b}) + ln(x): the constant ln({b}) drops out."),
            (sympy.Integer(r.choice([2, 3, 10])) ** x, "d/dx b^x = b^x ln(b)."),
        ])
    inner = nonzero(r, -3, 3) * x**2 + b
    if r.random() < 0.5:
        return exp(inner), f"The inner function is u = {to_text(inner)}; d/dx e^u = e^u u'."
    return log(inner if inner.subs(x, 0) > 0 else -inner), (
        "The inner function u is inside ln; d/dx ln(u) = u'/u.")


@register(Skill("derivative-exp-log", "Exponentials and logarithms", 4,
                ("derivative-sum-rule", "derivative-chain-rule"),
                "d/dx e^x = e^x, d/dx ln(x) = 1/x, d/dx b^x = b^x ln(b)."))
def exp_log(seed: int, level: int) -> Exercise:
    """e^x and ln(x) term by term (level 1), e^(ax), ln(bx) or b^x (2), e or ln of
    a quadratic (3).

    >>> ex = exp_log(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('ln(5x)', '1/x')
    """
    f, setup = _exp_log(rng("derivative-exp-log", seed, level), level)
    hints = ("Exponential and logarithm rules: d/dx e^x = e^x, d/dx ln(x) = 1/x, "
             "d/dx b^x = b^x ln(b); with an inner function u, multiply by u'.", setup)
    return derivative_exercise("derivative-exp-log", seed, level, f, hints)


def _tangent_function(r: random.Random, level: int) -> tuple[sympy.Expr, int]:
    a = r.randint(-3, 3)
    if level == 1:
        return nonzero(r, -3, 3) * x**2 + r.randint(-5, 5) * x + r.randint(-5, 5), a
    if level == 2:
        return x**3 + r.randint(-4, 4) * x**2 + r.randint(-5, 5) * x + r.randint(-5, 5), a
    a = nonzero(r, -3, 3)
    return r.choice([
        (nonzero(r, -2, 2) * a**2 / x, a),
        (nonzero(r, -2, 2) * 2 * abs(a) * sqrt(x), a**2),
        (nonzero(r, -3, 3) * exp(x), 0),
        (nonzero(r, -3, 3) * log(x), 1),
    ])


@register(Skill("tangent-line", "The tangent line at a point", 3, ("derivative-sum-rule",),
                "y = f(a) + f'(a)(x - a): the line through P with the slope f'(a)."))
def tangent_line(seed: int, level: int) -> Exercise:
    """The tangent to a quadratic (level 1), a cubic (2), c/x, a root, e^x or ln(x)
    (3).

    >>> ex = tangent_line(1, 2)
    >>> ex.task["expr"], ex.answer_text
    ('x³ + 4x² + 3x + 3', 'y = 54x − 87')
    """
    f, a = _tangent_function(rng("tangent-line", seed, level), level)
    line = calcml.tangent(f, a, x)
    task = {"kind": "tangent", "expr": to_text(f), "var": "x", "at": a}
    question = prompt("Find the tangent line to ", ("y", f), " at ", ("x", sympy.Integer(a)),
                      ". Answer as y = m x + b.")
    hints = ("The tangent line at x = a passes through P = (a, f(a)) with the slope "
             "m = f'(a): y = m x + b with b = f(a) - m a.",
             f"Work out f({a}), then f'(x) and the slope m = f'({a}).")
    return exercise("tangent-line", seed, level, question=question, task=task,
                    answer=line.line, answer_text=f"y = {to_text(line.line)}", hints=hints,
                    make_solution=lambda: line)
