"""Lesson 8 practice, integrals: the basic rules, the fundamental theorem, u-substitution,
integration by parts, and the trapezoid and Simpson rules by hand.

Every generator chooses the answer first (an antiderivative with small whole or simple
fractional coefficients, or a definite integral's value) and builds the integrand from
it, so the answer is one a learner reaches by hand. The worked solution is the engine's
(:func:`calcml.integral`), and the last hint is its first line.

>>> from calcml.exercises import generate
>>> ex = generate("integral-definite", seed=0, level=1)
>>> ex.task["kind"], "lower" in ex.task
('integral', True)
"""

from __future__ import annotations

import functools
import html
import random
from collections.abc import Sequence
from typing import Any

import sympy

from calcml.exercises.generators import prompting
from calcml.exercises.kinds.integral import solution_for
from calcml.exercises.kinds.numeric import worked_quadrature
from calcml.exercises.model import Exercise, Prompt, Skill, register
from calcml.expr.printing import to_text
from calcml.expr.tables import format_number
from calcml.numeric.quad_rules import FORMULAS
from calcml.steps.base import Step
from calcml.steps.integrals.definite import ConstantOfIntegration, FundamentalTheorem, SignedArea
from calcml.steps.render import renderer_for

X = sympy.Symbol("x", real=True)
T = sympy.Symbol("t", real=True)
Q = sympy.Rational
POWER_RULE = ("Power rule for integrals: ∫ xⁿ dx = xⁿ⁺¹/(n + 1) + C for n ≠ −1; a "
              "constant factor stays in front, and a sum is integrated term by term.")
_WRAPPERS = (ConstantOfIntegration, SignedArea, FundamentalTheorem)


def table_prompt(before: str, rows: Sequence[tuple[str, Sequence[Any]]],
                 after: str = "") -> Prompt:
    """A prompt with a small table of numbers, one named row each (samples, points).

    >>> print(table_prompt("Given:", [("t", [0, 1]), ("v", [2, 3])], "Find it.").text)
    Given:
    t  0  1
    v  2  3
    Find it.
    """
    cells = [[format_number(v) if not isinstance(v, str) else v for v in values]
             for _, values in rows]
    width = max(len(name) for name, _ in rows)
    columns = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = ["  ".join([name.ljust(width)] + [c.rjust(w) for c, w in zip(row, columns,
                                                                       strict=True)])
             for (name, _), row in zip(rows, cells, strict=True)]
    body = r" \\ ".join(" & ".join([rf"\text{{{name}}}", *row])
                        for (name, _), row in zip(rows, cells, strict=True))
    latex = (rf"{before} $\begin{{array}}{{l|{'c' * len(columns)}}}{body}\end{{array}}$ "
             rf"{after}").strip()
    trs = "".join(f"<tr><th>{html.escape(name)}</th>"
                  + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
                  for (name, _), row in zip(rows, cells, strict=True))
    return Prompt(text="\n".join([before, *lines, after]).strip(), latex=latex,
                  html=f"<p>{html.escape(before)}</p><table>{trs}</table>"
                       f"<p>{html.escape(after)}</p>")


def first_line(step: Step) -> str:
    """The words of the first step that does the work (below "+ C", the signed-area
    reading and the fundamental theorem, which come back to it at the end)."""
    while isinstance(step, _WRAPPERS) and step.substeps:
        step = step.substeps[0]
    return renderer_for("text").explanation(step)


def integral_exercise(skill: str, seed: int, level: int, f: sympy.Expr, x: sympy.Symbol,
                      answer: sympy.Expr, hints: Sequence[str],
                      bounds: tuple[Any, Any] | None = None) -> Exercise:
    """An exercise on the integral of ``f`` (with ``bounds``, a definite one) whose right
    answer is ``answer``; ``hints`` are the rule and the set-up, the engine's first line
    comes third."""
    task: dict[str, Any] = {"kind": "integral", "expr": to_text(f), "var": x.name}
    if bounds is None:
        question = prompting.prompt("Find ", sympy.Integral(f, x),
                                    ". Include the constant of integration, + C.")
        answer_text = f"{to_text(answer)} + C"
    else:
        task |= {"lower": to_text(bounds[0]), "upper": to_text(bounds[1]),
                 "tolerance": 0.0005}
        question = prompting.prompt("Evaluate ", sympy.Integral(f, (x, *bounds)),
                                    ". Give the exact value, or a decimal to 3 places.")
        answer_text = to_text(answer)
    sol = solution_for(task)
    return Exercise(skill=skill, seed=seed, level=level, prompt=question, task=task,
                    answer=answer, answer_text=answer_text,
                    hints=(*hints, f"The worked solution starts: {first_line(sol.step)}"),
                    make_solution=functools.partial(solution_for, task))


def antiderivative_terms(rng: random.Random, level: int, x: sympy.Symbol) -> sympy.Expr:
    """An antiderivative F by level: one power (1), a polynomial of two or three terms
    (2), or powers with fractional or negative exponents (3); the integrand is F'.

    >>> antiderivative_terms(random.Random(0), 1, X)
    2*x**5
    """
    if level == 1:
        return rng.choice([1, 2, 3]) * x ** rng.randint(2, 5)
    if level == 2:
        powers = rng.sample([1, 2, 3, 4], rng.choice([2, 3]))
        return sympy.Add(*(prompting.nonzero(rng, -3, 3) * x ** p for p in powers))
    pool = [2 * rng.choice([1, 2]) * x ** Q(3, 2), prompting.nonzero(rng, -4, 4) / x,
            2 * rng.choice([1, 2, 3]) * sympy.sqrt(x), prompting.nonzero(rng, -2, 2) * x ** 3,
            prompting.nonzero(rng, -4, 4) / x ** 2]
    return sympy.Add(*rng.sample(pool, 2))


@register(Skill(id="integral-basic-rules", title="Antiderivatives by the basic rules",
                lesson=8, prerequisites=("derivative-power-rule", "derivative-sum-rule"),
                description="The power, constant-multiple and sum rules for "
                "integrals, and the constant of integration."))
def basic_rules(seed: int, level: int) -> Exercise:
    """∫ of a power, a polynomial, or powers with fractional and negative exponents."""
    rng = prompting.rng("integral-basic-rules", seed, level)
    x = X if level == 1 else rng.choice([X, T])
    answer = antiderivative_terms(rng, level, x)
    f = sympy.expand(sympy.diff(answer, x))
    setup = (f"Integrate one term at a time; write roots and fractions as powers of {x} "
             f"(√{x} = {x}^(1/2), 1/{x}² = {x}^(−2)) first.")
    return integral_exercise("integral-basic-rules", seed, level, f, x, answer,
                             (POWER_RULE, setup))


_SPECIAL = (  # (F, a, b) with F(b) - F(a) a clean number
    lambda k: (sympy.log(X), 1, sympy.exp(k)),
    lambda k: (sympy.exp(X), 0, sympy.log(k + 1)),
    lambda k: (sympy.sin(X), 0, sympy.pi / 2),
    lambda k: (-sympy.cos(X), 0, sympy.pi),
    lambda k: (-1 / X, 1, k + 1),
    lambda k: (Q(2, 3) * X ** Q(3, 2), 0, k ** 2),
)


def _definite_choice(rng: random.Random, level: int) -> tuple[sympy.Expr, Any, Any]:
    if level == 1:
        c = rng.choice([Q(1, 2), 1, 2, 3])
        F = rng.choice([c * X ** 2 / 2, c * X ** 3, c * X])
        a = rng.randint(0, 3)
        return F, a, a + rng.randint(1, 2)
    if level == 2:
        a = rng.randint(-2, 1)
        return antiderivative_terms(rng, 2, X), a, a + rng.randint(1, 3)
    F, a, b = rng.choice(_SPECIAL)(rng.randint(1, 3))
    return rng.choice([1, 2, 3]) * F, a, b


@register(Skill(id="integral-definite", title="Definite integrals by the fundamental "
                "theorem", lesson=8, prerequisites=("integral-basic-rules",),
                description="F(b) − F(a) for an antiderivative F."))
def definite(seed: int, level: int) -> Exercise:
    """∫ₐᵇ f dx for a power or polynomial (levels 1, 2) or e^x, 1/x, cos, sin, √x (3)."""
    rng = prompting.rng("integral-definite", seed, level)
    F, a, b = _definite_choice(rng, level)
    f = sympy.expand(sympy.diff(F, X))
    value = sympy.simplify(F.subs(X, b) - F.subs(X, a))
    hints = ("Fundamental theorem of calculus: ∫ₐᵇ f(x) dx = F(b) − F(a), where F is any "
             "antiderivative of f (no + C needed: it cancels).",
             f"Find F, then put in the upper bound {to_text(b)} and the lower bound "
             f"{to_text(a)} and subtract.")
    return integral_exercise("integral-definite", seed, level, f, X, value, hints,
                             bounds=(a, b))


_OUTER = (  # (h, H): h(u) and its antiderivative H(u)
    (sympy.cos, sympy.sin),
    (sympy.sin, lambda u: -sympy.cos(u)),
    (sympy.exp, sympy.exp),
    (lambda u: u ** 3, lambda u: u ** 4 / 4),
    (lambda u: u ** 2, lambda u: u ** 3 / 3),
    (lambda u: u ** 4, lambda u: u ** 5 / 5),
)


def _substitution_choice(rng: random.Random, level: int
                         ) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """(inner g, the integrand: a multiple of h(g) times the rest of du, the answer)."""
    h, H = rng.choice(_OUTER)
    if level == 1:
        g = rng.choice([2, 3, 4]) * X + rng.choice([0, 1, -1])
        return g, h(g), H(g) / sympy.diff(g, X)
    if level == 2:
        g = rng.choice([X ** 2 + 1, X ** 3 + 1, X ** 2 + 3, X ** 2 - 2])
        g = X ** rng.choice([2, 3]) if h in (sympy.cos, sympy.sin, sympy.exp) else g
        rest = sympy.diff(g, X) / sympy.diff(g, X).as_coeff_Mul()[0]
        return g, rest * h(g), H(g) / sympy.diff(g, X).as_coeff_Mul()[0]
    g = rng.choice([X ** 2 + 1, X ** 3 + 2, sympy.sin(X), X ** 2 + 4])
    if g == sympy.sin(X):  # sin^n x cos x or e^(sin x) cos x, not sin(sin x)
        h, H = rng.choice(_OUTER[2:])
    elif rng.random() < 0.3 and g in (X ** 2 + 1, X ** 2 + 4):  # g > 0: ln g, no |g|
        h, H = (lambda u: 1 / u), sympy.log
    k = sympy.diff(g, X).as_coeff_Mul()[0]
    m = k * rng.choice([1, 2, 3])
    rest = sympy.diff(g, X) / k
    return g, m * rest * h(g), m / k * H(g)


@register(Skill(id="integral-u-substitution", title="Integrals by u-substitution",
                lesson=8, prerequisites=("integral-basic-rules", "derivative-chain-rule"),
                description="∫ h(g(x)) g′(x) dx = ∫ h(u) du with u = g(x), minding the "
                "constant factor of du."))
def u_substitution(seed: int, level: int) -> Exercise:
    """A linear inner function (1), x² or x³ inside with du short of a constant (2), or
    a multiple of du, sin x inside, or 1/u outside (3)."""
    rng = prompting.rng("integral-u-substitution", seed, level)
    g, f, answer = _substitution_choice(rng, level)
    hints = ("u-substitution: when the integrand is h(g(x)) times g′(x) (up to a constant "
             "factor), let u = g(x), so du = g′(x) dx and the integral is ∫ h(u) du.",
             f"Try u = {to_text(g)}: then du = {to_text(sympy.diff(g, X))} dx. Solve for "
             "the part of the integrand that goes with dx.")
    return integral_exercise("integral-u-substitution", seed, level, f, X, answer, hints)


def _parts_choice(rng: random.Random, level: int
                  ) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """(u, dv, answer) for ∫ u dv."""
    if level == 3:
        n = rng.randint(0, 3)
        if rng.random() < 0.6:
            p = n + 1
            return sympy.log(X), X ** n, X ** p * sympy.log(X) / p - X ** p / p ** 2
        dv = rng.choice([sympy.exp(X), sympy.sin(X)])
        answer = {sympy.exp(X): sympy.exp(X) * (X ** 2 - 2 * X + 2),
                  sympy.sin(X): -X ** 2 * sympy.cos(X) + 2 * X * sympy.sin(X)
                  + 2 * sympy.cos(X)}[dv]
        return X ** 2, dv, answer
    k = 1 if level == 1 else rng.choice([1, 2, 3])
    b = 0 if level == 1 or k != 1 else rng.choice([1, 2, -1])
    u = rng.choice([1, 2, 3, 4]) * X if level == 1 else X + b
    kind = rng.choice(["exp", "sin", "cos"])
    dv = {"exp": sympy.exp(k * X), "sin": sympy.sin(k * X), "cos": sympy.cos(k * X)}[kind]
    du = sympy.diff(u, X)  # a constant: one round of parts
    answer = {"exp": sympy.exp(k * X) * (u / k - du / k ** 2),
              "sin": -u * sympy.cos(k * X) / k + du * sympy.sin(k * X) / k ** 2,
              "cos": u * sympy.sin(k * X) / k + du * sympy.cos(k * X) / k ** 2}[kind]
    return u, dv, answer


@register(Skill(id="integral-by-parts", title="Integration by parts", lesson=8,
                prerequisites=("integral-basic-rules", "derivative-product-rule",
                               "derivative-exp-log"),
                description="∫ u dv = u v − ∫ v du, with u chosen by LIATE."))
def by_parts(seed: int, level: int) -> Exercise:
    """c x e^x, c x sin x, c x cos x (1); with k x inside or x + b outside (2);
    xⁿ ln x, x² e^x, x² sin x (3, twice by parts for x²)."""
    rng = prompting.rng("integral-by-parts", seed, level)
    u, dv, answer = _parts_choice(rng, level)
    hints = ("Integration by parts: ∫ u dv = u v − ∫ v du. Choose u by LIATE "
             "(logarithm, inverse trig, algebraic, trig, exponential): the one that "
             "gets simpler when differentiated.",
             f"Take u = {to_text(u)} and dv = {to_text(dv)} dx; find du and v.")
    return integral_exercise("integral-by-parts", seed, level, u * dv, X, answer, hints)


_QUADRATURE_3 = [(1 / X, 1, 5, "simpson", 4), (X ** 4, 0, 4, "simpson", 4),
                 (2 ** X, 0, 4, "simpson", 4), (X ** 4, 0, 2, "simpson", 2),
                 (1 / (1 + X ** 2), 0, 2, "simpson", 2), (1 / X, 1, 3, "trapezoid", 4)]


def _quadrature_choice(rng: random.Random, level: int) -> tuple[sympy.Expr, int, int, str,
                                                                 int]:
    """(f, a, b, rule, n): a quadratic on whole-number points, trapezoids with 2 strips
    (1); a cubic or 2^x with 4 strips or Simpson's 2 (2); Simpson's 4 strips, 1/x or a
    quartic (3)."""
    if level == 3:
        return rng.choice(_QUADRATURE_3)
    if level == 1:
        h = rng.choice([1, 2])
        a = 0 if h == 2 else rng.randint(0, 2)
        f = rng.randint(1, 3) * X ** 2 + rng.randint(-2, 2) * X + rng.randint(0, 3)
        return f, a, a + 2 * h, "trapezoid", 2
    a = rng.randint(0, 2)
    f = rng.choice([X ** 3 + prompting.nonzero(rng, -3, 3) * X, 2 ** X,
                    rng.randint(1, 2) * X ** 3 - X ** 2])
    rule, n = rng.choice([("trapezoid", 4), ("simpson", 2), ("simpson", 4)])
    return f, a, a + n, rule, n


def _rule_value(f: sympy.Expr, a: int, b: int, rule: str, n: int) -> sympy.Expr:
    """The rule's estimate in exact arithmetic: the answer, chosen before the engine."""
    h = sympy.Rational(b - a, n)
    ys = [f.subs(X, a + k * h) for k in range(n + 1)]
    if rule == "trapezoid":
        return h * (ys[0] / 2 + sum(ys[1:-1]) + ys[-1] / 2)
    weights = [1] + [4 if k % 2 else 2 for k in range(1, n)] + [1]
    return h / 3 * sum(w * y for w, y in zip(weights, ys, strict=True))


@register(Skill(id="quadrature-by-hand", title="The trapezoid and Simpson rules by hand",
                lesson=8, prerequisites=("integral-definite",),
                description="Estimate an integral from a few values of f: the trapezoid "
                "rule and Simpson's rule with n = 2 or 4 strips."))
def quadrature(seed: int, level: int) -> Exercise:
    """An estimate by the trapezoid or Simpson rule from 3 or 5 values of f."""
    rng = prompting.rng("quadrature-by-hand", seed, level)
    f, a, b, rule, n = _quadrature_choice(rng, level)
    task = {"kind": "value", "problem": "quadrature-rule", "expr": to_text(f), "var": "x",
            "lower": a, "upper": b, "rule": rule, "n": n, "tolerance": 0.0005}
    answer = _rule_value(f, a, b, rule, n)
    name = {"trapezoid": "the trapezoid rule", "simpson": "Simpson's rule"}[rule]
    question = prompting.prompt("Estimate ", sympy.Integral(f, (X, a, b)),
                                f" by {name} with n = {n} strips. Give the estimate (not "
                                "the exact integral), exact or to 3 decimal places.")
    h = sympy.Rational(b - a, n)
    nodes = ", ".join(to_text(a + k * h) for k in range(n + 1))
    values = ", ".join(f"f({to_text(a + k * h)}) = {to_text(f.subs(X, a + k * h))}"
                       for k in range(n + 1))
    hints = (f"{name.capitalize()}: {FORMULAS[rule]}, with h = (b − a)/n.",
             f"h = ({b} − {a})/{n} = {to_text(h)}; the points are x = {nodes}.",
             f"The values of f there: {values}.")
    return Exercise(skill="quadrature-by-hand", seed=seed, level=level, prompt=question,
                    task=task, answer=answer, answer_text=to_text(answer), hints=hints,
                    make_solution=functools.partial(worked_quadrature, task))
