"""Lessons 6 and 7 practice: partial derivatives, partials at a point, the
partial-derivative chain rule, the gradient, second partials and the Hessian.

Each generator draws a function from small-integer templates whose derivatives a learner
reaches by hand, and a point of small integers; the answer and the worked solution come
from the engines (:func:`calcml.partial`, :func:`calcml.gradient`, :func:`calcml.hessian`,
:func:`calcml.chain_rule`) through the task kinds of
:mod:`calcml.exercises.kinds.multivar`.

>>> from calcml.exercises import generate
>>> ex = generate("partial-derivatives", seed=3, level=2)
>>> ex.task["kind"], ex.answer_text == ex.answer_text.strip()
('partial', True)
"""

from __future__ import annotations

import html
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy

import calcml
from calcml.exercises.kinds.multivar import (
    solve_chain,
    solve_gradient,
    solve_hessian,
    solve_partial,
)
from calcml.exercises.model import Exercise, Prompt, Skill, register
from calcml.expr.printing import to_latex, to_mathml, to_text
from calcml.steps.base import Solution
from calcml.steps.render import TextRenderer, renderer_for

X, Y, Z, T, R, L = sympy.symbols("x y z t r l", real=True)
HOLD = ("Partial derivative: differentiate by one variable and hold every other variable "
        "constant, as if it were a number: ∂/∂x (y^3) = 0 and ∂/∂x (x^2 y^3) = 2x·y^3.")


@dataclass(frozen=True)
class Notation:
    """Notation that SymPy's printers do not write the way a textbook does."""

    text: str
    latex: str


Piece = str | Notation | sympy.Basic


def compose(*pieces: Piece) -> Prompt:
    r"""A prompt from words (str), notation and SymPy maths (a matrix by rows in the text):
    plain text, LaTeX (words as text, maths between $ signs) and HTML with MathML.

    >>> p = compose("Find ", Notation("∂f/∂x", r"\frac{\partial f}{\partial x}"),
    ...             " for f = ", X**2 * Y, ".")
    >>> p.text
    'Find ∂f/∂x for f = x²y.'
    >>> print(p.latex)
    Find $\frac{\partial f}{\partial x}$ for f = $x^{2} y$.
    """
    text, latex, markup = [], [], []
    for piece in pieces:
        if isinstance(piece, str):
            text.append(piece)
            latex.append(latex_words(piece))
            markup.append(html.escape(piece))
        elif isinstance(piece, Notation):
            text.append(piece.text)
            latex.append(f"${piece.latex}$")
            markup.append(f'<span class="math">{html.escape(piece.text)}</span>')
        else:
            text.append(TextRenderer().math(piece))
            latex.append(f"${to_latex(piece)}$")
            markup.append(to_mathml(piece))
    return Prompt(text="".join(text), latex="".join(latex), html=f"<p>{''.join(markup)}</p>")


_LATEX_SPECIAL = {c: "\\" + c for c in "#%&_{}"} | {
    "\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}", "$": r"\$"}
_LATEX_UNICODE = {
    "−": "-", "·": r"\cdot", "²": "^2", "∂": r"\partial", "ŷ": r"\hat{y}", "Σ": r"\sum",
    "δ": r"\delta", "θ": r"\theta", "∇": r"\nabla", "⊙": r"\odot", "ᵀ": "^T", "₁": "_1",
    "₂": "_2", "ᵢ": "_i", "≤": r"\le"}


def latex_words(words: str) -> str:
    r"""Words for LaTeX text: special characters escaped, the few mathematical characters
    the prompts use set as inline maths.

    >>> print(latex_words("C = (ŷ − y)² and 50%"))
    C = ($\hat{y}$ $-$ y)$^2$ and 50\%
    """
    out = []
    for c in words:
        if c in _LATEX_UNICODE:
            out.append(f"${_LATEX_UNICODE[c]}$")
        else:
            out.append(_LATEX_SPECIAL.get(c, c))
    return "".join(out)


def seeded(skill: str, seed: int, level: int) -> random.Random:
    """The generator's own random source: the same skill, seed and level, the same draws.

    >>> seeded("gradient", 1, 2).random() == seeded("gradient", 1, 2).random()
    True
    """
    return random.Random(f"{skill}:{seed}:{level}")


def first_line(solution: Solution) -> str:
    """The first rule a learner writes down: the worked solution's first leaf step.

    >>> first_line(calcml.partial("x^2 y", "x"))
    'First line of the worked solution: Power rule: d/dx (x²) = 2x'
    """
    leaf = next(s for s in solution.step.walk() if not s.substeps)
    claim = renderer_for("text").equation(leaf.expression, leaf.result)
    return f"First line of the worked solution: {leaf.rule}: {claim}"


def nonzero(rng: random.Random, low: int, high: int) -> int:
    """A whole number in [low, high] other than 0."""
    return rng.choice([k for k in range(low, high + 1) if k != 0])


def point_text(point: dict[str, int]) -> str:
    """``(x, y) = (2, 3)``."""
    return f"({', '.join(point)}) = ({', '.join(str(v) for v in point.values())})"


def exercise(skill: str, seed: int, level: int, prompt: Prompt, task: dict[str, Any],
             answer: Any, answer_text: str, hints: tuple[str, str],
             make_solution: Callable[[], Any], solution: Solution) -> Exercise:
    """An Exercise whose third hint is the first line of ``solution``."""
    return Exercise(skill=skill, seed=seed, level=level, prompt=prompt, task=task,
                    answer=answer, answer_text=answer_text,
                    hints=(*hints, first_line(solution)), make_solution=make_solution)


def polynomial(rng: random.Random, level: int) -> sympy.Expr:
    """A polynomial in x and y: separate powers (level 1), or with a product term."""
    if level == 1:
        return (nonzero(rng, -5, 5) * X ** rng.randint(2, 4) + nonzero(rng, -5, 5)
                * Y ** rng.randint(2, 4) + nonzero(rng, -5, 5) * rng.choice([X, Y]))
    return (nonzero(rng, -4, 4) * X ** rng.randint(1, 3) * Y ** rng.randint(1, 3)
            + nonzero(rng, -5, 5) * X ** rng.randint(1, 3)
            + nonzero(rng, -5, 5) * Y ** rng.randint(1, 3))


def composite(rng: random.Random) -> sympy.Expr:
    """A function of x and y with an inner function: the chain rule inside a partial."""
    a, n = nonzero(rng, -3, 3), rng.randint(2, 4)
    templates = [sympy.sin(a * X * Y), sympy.exp(a * X**2 * Y), sympy.log(X**2 + abs(a) * Y**2),
                 (X + a * Y) ** n, X**n * sympy.cos(a * Y), Y * sympy.exp(a * X)]
    return rng.choice(templates)


def _partial_symbol(var: sympy.Symbol, name: str = "f") -> Notation:
    return Notation(f"∂{name}/∂{var}", rf"\frac{{\partial {name}}}{{\partial {var}}}")


@register(Skill(id="partial-derivatives", title="Partial derivatives", lesson=6,
                prerequisites=("derivative-power-rule", "derivative-chain-rule"),
                description="∂f/∂x of a function of two variables, the other held "
                            "constant: sums, products, and functions with an inner part."))
def partial_derivatives(seed: int, level: int) -> Exercise:
    """∂f/∂x or ∂f/∂y: separate powers (1), products x^p y^q (2), an inner function (3)."""
    rng = seeded("partial-derivatives", seed, level)
    f = composite(rng) if level == 3 else polynomial(rng, level)
    var = rng.choice([X, Y])
    task = {"kind": "partial", "expr": to_text(f), "var": var.name}
    answer = solve_partial(task)
    other = Y if var == X else X
    setup = (f"Treat {other} as a number; differentiate term by term by {var}"
             + (", with the chain rule for the inner function." if level == 3 else "."))
    prompt = compose("Find ", _partial_symbol(var), " for f(x, y) = ", f, ".")
    solution = calcml.partial(f, var)
    return exercise("partial-derivatives", seed, level, prompt, task, answer, to_text(answer),
                    (HOLD, setup), lambda: calcml.partial(f, var), solution)


def _at_point(rng: random.Random, level: int
              ) -> tuple[sympy.Expr, dict[str, int], sympy.Symbol, str]:
    """A function, the point, the variable, and what to say about rounding."""
    if level < 3 or rng.random() < 0.5:
        f = (nonzero(rng, -3, 3) * X**2 + nonzero(rng, -3, 3) * Y**2 if level == 1
             else polynomial(rng, 2) if level == 2 else sympy.pi * R**2 * L)
        names = [R, L] if level == 3 else [X, Y]
        low, high = (1, 5) if level == 3 else (-3, 3)
        rounding = ("Give the exact value (with pi) or a decimal rounded to 2 places."
                    if level == 3 else "")
        return (f, {v.name: rng.randint(low, high) for v in names}, rng.choice(names),
                rounding)
    f = sympy.exp(nonzero(rng, -3, 3) * X * Y) + nonzero(rng, -3, 3) * X
    return f, {"x": 0, "y": rng.randint(-3, 3)}, X, ""


@register(Skill(id="partials-at-a-point", title="Partial derivatives at a point", lesson=6,
                prerequisites=("partial-derivatives",),
                description="The slope of a slice of z = f(x, y) at a point: the value of "
                            "∂f/∂x or ∂f/∂y there."))
def partials_at_point(seed: int, level: int) -> Exercise:
    """The value of a partial derivative at a point of small integers (level 3: the
    cylinder v = π r² l, or an exponential)."""
    rng = seeded("partials-at-a-point", seed, level)
    f, at, var, rounding = _at_point(rng, level)
    task: dict[str, Any] = {"kind": "partial", "expr": to_text(f), "var": var.name, "at": at}
    if rounding:
        task["tolerance"] = 0.01
    answer = solve_partial(task)
    name = "v" if var in (R, L) else "f"
    asked = _partial_symbol(var, name)
    prompt = compose("Let ", f"{name}({', '.join(at)}) = ", f, ". Find ", asked,
                     f" at {point_text(at)}. {rounding}".rstrip())
    setup = f"First find {asked.text} as a formula, then put in {point_text(at)}."
    solution = calcml.partial(f, var, at=at)
    return exercise("partials-at-a-point", seed, level, prompt, task, answer, to_text(answer),
                    (HOLD, setup), lambda: calcml.partial(f, var, at=at), solution)


CHAIN = ("Chain rule for partial derivatives: when z depends on x and y, and both depend "
         "on t, dz/dt = ∂z/∂x·dx/dt + ∂z/∂y·dy/dt, one product for each path from z to t.")
CHAIN_OUTER = (X**2 - Y**2, X * Y, X**2 * Y, X + Y**2, X * Y**2)
CHAIN_INNER = ((sympy.cos(T), sympy.sin(T)), (T**2, sympy.exp(T)), (sympy.exp(T), T**3),
               (sympy.sin(T), T**2), (2 * T, T**2 + 1))


def _chain_functions(rng: random.Random, level: int
                     ) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """z(x, y), x(t) and y(t): linear z (1), a product (2), or a course-style pair (3)."""
    if level == 1:
        return (nonzero(rng, -4, 4) * X + nonzero(rng, -4, 4) * Y,
                nonzero(rng, -3, 3) * T**2, nonzero(rng, -3, 3) * T + rng.randint(-3, 3))
    if level == 2:
        outer = rng.choice([X * Y, X**2 * Y, X * Y**2, X**2 + X * Y])
        return outer, rng.choice([T**2, T + 1, 2 * T]), rng.choice([3 * T, T**2 - 1, T**3])
    outer, (x_t, y_t) = rng.choice(CHAIN_OUTER), rng.choice(CHAIN_INNER)
    return outer, x_t, y_t


@register(Skill(id="partial-chain-rule", title="The partial-derivative chain rule", lesson=6,
                prerequisites=("partial-derivatives", "derivative-chain-rule"),
                description="dz/dt for z = f(x, y) with x and y functions of t: one product "
                            "per path, added."))
def partial_chain_rule(seed: int, level: int) -> Exercise:
    """dz/dt at a value of t (levels 1 and 2) or as a formula in t (level 3)."""
    rng = seeded("partial-chain-rule", seed, level)
    outer, x_t, y_t = _chain_functions(rng, level)
    task: dict[str, Any] = {"kind": "partial-chain", "outer": to_text(outer),
                            "inner": {"x": to_text(x_t), "y": to_text(y_t)}, "var": "t"}
    at = None if level == 3 else {"t": rng.randint(-2, 2) if level == 1 else rng.randint(1, 2)}
    if at is not None:
        task["at"] = at
    answer = solve_chain(task)
    where = "" if at is None else f" at t = {at['t']}"
    prompt = compose("Let z = ", outer, " with x = ", x_t, " and y = ", y_t,
                     f". Find dz/dt{where} by the chain rule.")
    setup = "Find ∂z/∂x, ∂z/∂y, dx/dt and dy/dt, multiply along each path and add."
    inner = {"x": x_t, "y": y_t}

    def solve() -> Solution:
        return calcml.chain_rule(outer, inner, "t", at=at)

    return exercise("partial-chain-rule", seed, level, prompt, task, answer, to_text(answer),
                    (CHAIN, setup), solve, solve())


GRADIENT = ("The gradient collects the partial derivatives in a vector, one per variable in "
            "order: ∇f = (∂f/∂x, ∂f/∂y).")


def _gradient_function(rng: random.Random, level: int
                       ) -> tuple[sympy.Expr, list[sympy.Symbol], dict[str, int] | None]:
    if level == 1:
        f = (nonzero(rng, -3, 3) * X**2 + nonzero(rng, -3, 3) * Y**2
             + rng.randint(-3, 3) * X * Y)
        return f, [X, Y], {"x": rng.randint(-3, 3), "y": rng.randint(-3, 3)}
    if level == 2:
        return polynomial(rng, 2), [X, Y], None
    f = (nonzero(rng, -3, 3) * X * Y * Z + nonzero(rng, -3, 3) * X**2
         + nonzero(rng, -3, 3) * Y * Z**2)
    return f, [X, Y, Z], {v.name: nonzero(rng, -2, 2) for v in (X, Y, Z)}


@register(Skill(id="gradient", title="The gradient", lesson=7,
                prerequisites=("partials-at-a-point",),
                description="∇f, the vector of partial derivatives: at a point, as formulas, "
                            "and for three variables."))
def gradient(seed: int, level: int) -> Exercise:
    """∇f at a point (1), as formulas (2), for f(x, y, z) at a point (3); the components
    differ, so an answer in the wrong order is never right by accident."""
    rng = seeded("gradient", seed, level)
    while True:
        f, names, at = _gradient_function(rng, level)
        task: dict[str, Any] = {"kind": "gradient", "expr": to_text(f),
                                "vars": [v.name for v in names]}
        if at is not None:
            task["at"] = at
        answer = solve_gradient(task)
        if answer != answer[::-1]:
            break
    order = ", ".join(f"∂f/∂{v}" for v in names)
    where = "" if at is None else f" at {point_text(at)}"
    prompt = compose(f"Find the gradient ∇f{where} for f({', '.join(task['vars'])}) = ", f,
                     f". Write it as ({order}).")
    setup = f"Find {order} one at a time, holding the other variables constant."
    answer_text = "(" + ", ".join(to_text(a) for a in answer) + ")"
    solution = calcml.gradient(f, names, at=at)
    return exercise("gradient", seed, level, prompt, task, answer, answer_text,
                    (GRADIENT, setup), lambda: calcml.gradient(f, names, at=at), solution)


HESSIAN = ("Second partial derivatives: differentiate a first partial derivative again. "
           "The Hessian is the matrix of them: row i, column j differentiates by the i-th "
           "variable, then by the j-th; the mixed partials agree (Clairaut).")


@register(Skill(id="hessian", title="Second partials and the Hessian", lesson=7,
                prerequisites=("partial-derivatives",),
                description="∂²f/∂x², the mixed partial ∂²f/∂y∂x, and the whole Hessian "
                            "matrix at a point."))
def hessian(seed: int, level: int) -> Exercise:
    """A pure second partial (1), the mixed partial (2), the Hessian at a point (3)."""
    rng = seeded("hessian", seed, level)
    f = (nonzero(rng, -3, 3) * X ** rng.randint(2, 3) * Y ** rng.randint(1, 2)
         + nonzero(rng, -4, 4) * X ** rng.randint(2, 3) + nonzero(rng, -4, 4) * Y**2)
    if level < 3:
        first = rng.choice([X, Y])
        order = [first, first] if level == 1 else [X, Y]
        task: dict[str, Any] = {"kind": "partial", "expr": to_text(f),
                                "var": [v.name for v in order]}
        answer = solve_partial(task)
        answer_text = to_text(answer)
        asked = (Notation(f"∂²f/∂{first}²", rf"\frac{{\partial^2 f}}{{\partial {first}^2}}")
                 if level == 1 else Notation("∂²f/∂y∂x (by x, then by y)",
                                             r"\frac{\partial^2 f}{\partial y\,\partial x}"))
        prompt = compose("Find ", asked, " for f(x, y) = ", f, ".")
        at, first_step = None, calcml.partial(f, first)
    else:
        at = {"x": rng.randint(-2, 2), "y": rng.randint(-2, 2)}
        task = {"kind": "hessian", "expr": to_text(f), "vars": ["x", "y"], "at": at}
        answer = solve_hessian(task)
        answer_text = "[" + ", ".join("[" + ", ".join(to_text(e) for e in row) + "]"
                                      for row in answer.tolist()) + "]"
        prompt = compose("Find the Hessian of f(x, y) = ", f, f" at {point_text(at)}. Type "
                         "it by rows: [[f_xx, f_xy], [f_yx, f_yy]].")
        first_step = calcml.hessian(f, [X, Y], at=at)
    setup = "First the gradient (∂f/∂x, ∂f/∂y), then differentiate each entry again."
    return exercise("hessian", seed, level, prompt, task, answer, answer_text,
                    (HESSIAN, setup), lambda: calcml.hessian(f, [X, Y], at=at), first_step)
