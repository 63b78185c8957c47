"""Lessons 5 and 7 practice: autodiff by hand, cost gradients, a gradient-descent step and
a backpropagation δ.

The numbers are chosen so that every answer is a whole number or a short decimal a
learner reaches by hand (or, on the course's data set, a value rounded as the prompt
says); the answers come from the engines through the value problems of
:mod:`calcml.exercises.kinds.learning`, and each exercise's worked solution is the
engines' own: the autodiff trace, the cost gradient's Solution, the step checked by
:class:`calcml.learn.GD`, the backward pass checked by autodiff.

>>> from calcml.exercises import generate
>>> generate("quadratic-cost-gradient", seed=0, level=1).task["problem"]
'quadratic-cost-gradient'
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sympy

import calcml
from calcml.exercises.generators.multivar import compose, first_line, nonzero, seeded
from calcml.exercises.kinds.learning import (
    autodiff_line,
    backprop_delta,
    cost_gradient,
    cost_solution,
    decimal_text,
    gd_step,
    line_worked,
    network_backprop,
    step_gradient,
    worked_backprop,
    worked_step,
)
from calcml.exercises.model import Exercise, Prompt, Skill, register
from calcml.learn import datasets

HALVES = [sympy.Rational(k, 2) for k in range(-5, 6) if k]
COURSE_X, COURSE_Y = (tuple(int(v) if float(v).is_integer() else float(v) for v in a)
                      for a in datasets.course_regression())
"""The course's data set, as plain JSON numbers (x = 0 to 7 as whole numbers)."""
COST_RULE = ("Chain rule through ŷ = m x + b: ∂C/∂ŷ = 2(ŷ − y), ∂ŷ/∂m = x and ∂ŷ/∂b = 1, "
             "so ∂C/∂m = 2x(ŷ − y) and ∂C/∂b = 2(ŷ − y).")
MSE_RULE = ("The derivative of a mean is the mean of the derivatives: ∂C/∂m = (2/n) Σ (ŷᵢ − "
            "yᵢ) xᵢ and ∂C/∂b = (2/n) Σ (ŷᵢ − yᵢ).")
STEP_RULE = "Gradient descent steps downhill: m_new = m − lr·∂C/∂m, b_new = b − lr·∂C/∂b."


def value_exercise(skill: str, seed: int, level: int, prompt: Prompt, task: dict[str, Any],
                   answer: Any, hints: tuple[str, ...], make_solution: Callable[[], Any],
                   rounding: int | None = None) -> Exercise:
    """An Exercise on a value task; with ``rounding`` the answer text is rounded to that
    many places (the task's tolerance allows it)."""
    values = answer if isinstance(answer, tuple) else (answer,)
    if rounding is None:
        texts = [decimal_text(v) for v in values]
    else:
        unit = Decimal(1).scaleb(-rounding)
        texts = [str(Decimal(str(sympy.Float(v, 30))).quantize(unit, ROUND_HALF_UP))
                 for v in values]
    answer_text = texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"
    return Exercise(skill=skill, seed=seed, level=level, prompt=prompt, task=task,
                    answer=answer, answer_text=answer_text, hints=hints,
                    make_solution=make_solution)


@functools.cache
def cost_first_line(cost: str) -> str:
    """The first line of the worked cost gradient; it does not depend on the data, so it
    is worked out once, from the formulas alone."""
    solution = calcml.mse_gradient() if cost == "mse" else calcml.quadratic_cost_gradient()
    return first_line(solution)


def _factor(number: str) -> str:
    """A number as a factor in a product: a negative one in brackets."""
    return f"({number})" if number.startswith("-") else number


def _line_numbers(rng: random.Random, level: int) -> dict[str, Any]:
    m = float(rng.choice(HALVES)) if level == 3 else nonzero(rng, -3, 3)
    return {"m": m, "x": nonzero(rng, -4, 4), "b": rng.randint(-5, 5),
            "t": rng.randint(-5, 5)}


LINE_ASKS = {1: ["y", "C"], 2: ["C", "dC/dy", "dC/db"], 3: ["dC/dm", "dC/dx"]}
LINE_RULE = ("Forward pass: work out each node from its inputs, first to last. Backward "
             "pass: start from dC/dC = 1 and go back along the edges; a node's adjoint is "
             "the adjoint of the node it feeds times the local derivative, e.g. "
             "dC/dy = dC/de·∂e/∂y.")


@register(Skill(id="autodiff-by-hand", title="Autodiff by hand: forward values and "
                "adjoints", lesson=5, prerequisites=("derivative-chain-rule",),
                description="The line y = m x + b and its cost C = (y − t)² as a graph: "
                            "the values forward, the adjoints backward."))
def autodiff_by_hand(seed: int, level: int) -> Exercise:
    """Forward values (1), the cost and the first adjoints (2), the adjoints of m and x
    through the product node (3)."""
    rng = seeded("autodiff-by-hand", seed, level)
    task: dict[str, Any] = {"kind": "value", "problem": "autodiff-line",
                            **_line_numbers(rng, level), "ask": LINE_ASKS[level]}
    answer = autodiff_line(task)
    given = ", ".join(f"{k} = {decimal_text(sympy.Rational(str(task[k])))}" for k in "mxbt")
    prompt = compose("The graph u = m·x, y = u + b, e = y − t, C = e² computes the line "
                     f"y = m x + b and its cost. With {given}, give "
                     f"({', '.join(task['ask'])}).")
    m, x = (_factor(decimal_text(sympy.Rational(str(task[k])))) for k in "mx")
    u = decimal_text(sympy.Rational(str(task["m"])) * task["x"])
    setup = ("Forward first: u, then y, then e, then C." if level == 1 else
             "Forward first (u, y, e, C), then backward: dC/dC = 1, dC/de = 2e, then "
             "each edge back.")
    hints = (LINE_RULE, setup, f"First line of the worked solution: u = m·x = {m}·{x} = {u}")
    return value_exercise("autodiff-by-hand", seed, level, prompt, task, answer, hints,
                          lambda: line_worked(task))


def _point(rng: random.Random, level: int) -> dict[str, Any]:
    if level == 1:
        return {"x": rng.randint(1, 5), "y": rng.randint(-5, 5), "m": nonzero(rng, -3, 3),
                "b": rng.randint(-3, 3)}
    if level == 2:
        return {"x": rng.randint(1, 5), "y": rng.randint(-20, 20) / 10,
                "m": float(rng.choice(HALVES)), "b": float(rng.choice(HALVES))}
    i = rng.randrange(len(COURSE_X))
    return {"x": COURSE_X[i], "y": COURSE_Y[i], "m": 0.9, "b": 0.1}


def _line_prompt(data: str, task: dict[str, Any], cost: str | None, ask: str) -> Prompt:
    m, b = (decimal_text(sympy.Rational(str(task[k]))) for k in "mb")
    cost_clause = "" if cost is None else f", and the cost is {cost}"
    return compose(f"{data} The line ŷ = m x + b has m = {m} and b = {b}{cost_clause}. {ask}")


@register(Skill(id="quadratic-cost-gradient", title="Quadratic cost gradient at a point",
                lesson=7, prerequisites=("gradient", "autodiff-by-hand"),
                description="∂C/∂m and ∂C/∂b of C = (ŷ − y)² for one data point."))
def quadratic_cost_gradient(seed: int, level: int) -> Exercise:
    """Whole numbers (1), halves and tenths (2), a point of the course's data set with the
    course's start m = 0.9, b = 0.1 (3; x = 7 gives 108.78 and 15.54)."""
    rng = seeded("quadratic-cost-gradient", seed, level)
    task: dict[str, Any] = {"kind": "value", "problem": "quadratic-cost-gradient",
                            **_point(rng, level)}
    answer = cost_gradient(task)
    x, y = (decimal_text(sympy.Rational(str(task[k]))) for k in "xy")
    prompt = _line_prompt(f"One data point: (x, y) = ({x}, {y}).", task, "C = (ŷ − y)²",
                          "Find the gradient (∂C/∂m, ∂C/∂b).")
    hints = (COST_RULE, "First work out ŷ = m x + b at the point, then ŷ − y.",
             cost_first_line("quadratic"))
    return value_exercise("quadratic-cost-gradient", seed, level, prompt, task, answer,
                          hints, lambda: cost_solution(task))


def _batch(rng: random.Random, level: int, sizes: tuple[int, ...]) -> dict[str, Any]:
    if level == 3 and rng.random() < 0.5:
        course = rng.random() < 0.5
        m, b = (0.9, 0.1) if course else (rng.randint(-9, 9) / 10, rng.randint(-9, 9) / 10)
        return {"x": list(COURSE_X), "y": list(COURSE_Y), "m": m, "b": b}
    n = rng.choice(sizes)
    xs = rng.sample(range(-3, 6), n)
    return {"x": xs, "y": [rng.randint(-4, 6) for _ in xs], "m": nonzero(rng, -2, 3),
            "b": rng.randint(-3, 3)}


def _data_text(task: dict[str, Any]) -> str:
    xs = ", ".join(decimal_text(sympy.Rational(str(v))) for v in task["x"])
    ys = ", ".join(decimal_text(sympy.Rational(str(v))) for v in task["y"])
    return f"Data: x = [{xs}], y = [{ys}]."


@register(Skill(id="mse-gradient", title="MSE gradient on a small batch", lesson=7,
                prerequisites=("quadratic-cost-gradient",),
                description="∂C/∂m and ∂C/∂b of the mean squared error over a few points."))
def mse_gradient(seed: int, level: int) -> Exercise:
    """Two points (1), four points (2), four points or the course's eight with values
    rounded to 2 places (3; m = 0.9, b = 0.1 gives 36.3 and 6.26)."""
    rng = seeded("mse-gradient", seed, level)
    task: dict[str, Any] = {"kind": "value", "problem": "mse-gradient",
                            **_batch(rng, level, (2,) if level == 1 else (4,))}
    rounding = None
    ask = "Find the gradient (∂C/∂m, ∂C/∂b)."
    if len(task["x"]) == len(COURSE_X):
        task["tolerance"], rounding = 0.01, 2
        ask = "Find the gradient (∂C/∂m, ∂C/∂b), each rounded to 2 decimal places."
    answer = cost_gradient(task)
    prompt = _line_prompt(_data_text(task), task, "the mean squared error C = (1/n) Σ (ŷᵢ − "
                          "yᵢ)²", ask)
    hints = (MSE_RULE, "Work out each ŷᵢ = m xᵢ + b and each error ŷᵢ − yᵢ first.",
             cost_first_line("mse"))
    return value_exercise("mse-gradient", seed, level, prompt, task, answer, hints,
                          lambda: cost_solution(task), rounding)


@register(Skill(id="gradient-descent-step", title="One gradient-descent step", lesson=7,
                prerequisites=("quadratic-cost-gradient",),
                description="New m and b after one step θ − lr·∇C: from a given gradient, "
                            "from one point, and from a batch."))
def gradient_descent_step(seed: int, level: int) -> Exercise:
    """From a given gradient (1), from one point's quadratic cost (2), from a batch's MSE
    (3; the course's data from m = 0.9, b = 0.1 with lr = 0.01 gives 0.53695, 0.03735)."""
    rng = seeded("gradient-descent-step", seed, level)
    lr = rng.choice([0.5, 0.1, 0.01]) if level == 1 else 0.01
    task: dict[str, Any] = {"kind": "value", "problem": "gd-step", "lr": lr}
    if level == 1:
        task |= {"m": float(rng.choice(HALVES)), "b": float(rng.choice(HALVES)),
                 "gradient": [nonzero(rng, -9, 9), nonzero(rng, -9, 9)]}
        d_m, d_b = task["gradient"]
        data = f"The gradient of the cost is (∂C/∂m, ∂C/∂b) = ({d_m}, {d_b})."
        cost = None
    elif level == 2:
        task |= _point(rng, 1) | {"cost": "quadratic"}
        data = f"One data point: (x, y) = ({task['x']}, {task['y']})."
        cost = "C = (ŷ − y)²"
    else:
        task |= _batch(rng, 3, (2, 4)) | {"cost": "mse"}
        data, cost = _data_text(task), "the mean squared error C = (1/n) Σ (ŷᵢ − yᵢ)²"
    ask, rounding = f"Take one gradient-descent step with learning rate lr = {lr}", None
    if isinstance(task.get("x"), list) and len(task["x"]) == len(COURSE_X):
        task["tolerance"], rounding = 0.0001, 4
        ask += " and give the new (m, b), each rounded to 4 decimal places."
    else:
        ask += " and give the new (m, b)."
    answer = gd_step(task)
    prompt = _line_prompt(data, task, cost, ask)
    setup = ("Multiply each component of the gradient by lr and subtract." if level == 1 else
             "First the gradient (∂C/∂m, ∂C/∂b), then subtract lr times it.")
    d_m = decimal_text(step_gradient(task)[0])
    line = (f"First line of the worked solution: m_new = "
            f"{decimal_text(sympy.Rational(str(task['m'])))} − {lr}·({d_m})")
    return value_exercise("gradient-descent-step", seed, level, prompt, task, answer,
                          (STEP_RULE, setup, line), lambda: worked_step(task), rounding)


BACKPROP_RULE = ("Backpropagation: the output's δ₂ = ∂C/∂ŷ = 2(ŷ − y); a hidden layer's "
                 "δ₁ = (δ₂ w₂ᵀ) ⊙ relu'(z₁), where relu'(z) is 1 for z > 0 and 0 otherwise; "
                 "a weight's gradient is its input times the δ of the unit it feeds.")
ASK_BY_LEVEL = {1: ("output-delta", "δ₂ = ∂C/∂ŷ"),
                2: ("hidden-delta", "δ₁ = (∂C/∂z₁₁, ∂C/∂z₁₂)"),
                3: ("first-row-dW1", "the gradient of the two weights leaving x₁, "
                                     "(∂C/∂W₁[1,1], ∂C/∂W₁[1,2])")}


def _network(rng: random.Random) -> dict[str, Any]:
    return {"W1": [[rng.randint(-2, 2) for _ in range(2)] for _ in range(2)],
            "b1": [rng.randint(-1, 1) for _ in range(2)],
            "w2": [nonzero(rng, -2, 2) for _ in range(2)], "b2": rng.randint(-1, 1),
            "x": [nonzero(rng, -2, 2) for _ in range(2)], "y": rng.randint(-3, 3)}


def _suits(task: dict[str, Any], level: int) -> bool:
    """Whether the drawn network makes a good exercise: δ₂ ≠ 0, hidden units active at
    level 2, exactly one switched off (z < 0) at level 3."""
    output, hidden = network_backprop(task).layers
    z = hidden.z[0]
    if output.delta[0, 0] == 0 or (z == 0).any():
        return False
    return level == 1 or (level == 2 and (z > 0).all()) or (level == 3 and (z > 0).sum() == 1)


@register(Skill(id="backprop-delta", title="A backpropagation δ in a 2-2-1 network",
                lesson=7, prerequisites=("partial-chain-rule", "quadratic-cost-gradient"),
                description="δ of the output, δ of the hidden layer, and the gradient of "
                            "first-layer weights, in a 2-2-1 ReLU network."))
def backprop_delta_skill(seed: int, level: int) -> Exercise:
    """The output δ (1), the hidden δ with both units active (2), the weights leaving x₁
    with one hidden unit switched off by ReLU (3)."""
    rng = seeded("backprop-delta", seed, level)
    ask, asked = ASK_BY_LEVEL[level]
    task: dict[str, Any] = {"kind": "value", "problem": "backprop-delta", "ask": ask}
    task |= _network(rng)
    while not _suits(task, level):
        task |= _network(rng)
    answer = backprop_delta(task)
    prompt = compose(
        "A 2-2-1 network: z₁ = x W₁ + b₁, a₁ = relu(z₁), ŷ = a₁·w₂ + b₂, cost C = (ŷ − y)². "
        "Row i of W₁ holds the weights leaving input xᵢ. Take x = ", sympy.Tuple(*task["x"]),
        ", W₁ = ", sympy.Matrix(task["W1"]), ", b₁ = ", sympy.Tuple(*task["b1"]),
        ", w₂ = ", sympy.Tuple(*task["w2"]), f", b₂ = {task['b2']} and y = {task['y']}. "
        f"Find {asked}.")
    worked = worked_backprop(task)
    hints = (BACKPROP_RULE, "Run the forward pass first: z₁, a₁, then ŷ.",
             f"First line of the worked solution: {worked.lines()[0]}")
    return value_exercise("backprop-delta", seed, level, prompt, task, answer, hints,
                          lambda: worked_backprop(task))
