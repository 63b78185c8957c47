"""Practice for lessons 5 and 7: autodiff by hand, cost gradients, a gradient-descent step
and a backpropagation δ.

Every generated exercise's own answer is accepted, its prompt renders, and its worked
solution (the engines' own) agrees with the answer; the answers are also recomputed here
from the hand formulas in plain Python (and the δs with PyTorch's autograd), and the
course's numbers (108.78, 15.54, 36.3, 6.26) come out where the generators use its data.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.exercises import catalogue, generate, get_skill, skills
from calcml.exercises.checking import check
from calcml.exercises.kinds.learning import line_quantity

SKILLS = ["autodiff-by-hand", "quadratic-cost-gradient", "mse-gradient",
          "gradient-descent-step", "backprop-delta"]
SEEDS = range(30)


def q(value) -> Fraction:
    """An exact number from a task's JSON number (0.1 as 1/10) or a SymPy number."""
    return Fraction(str(value))


def hand_gradient(task: dict) -> tuple[Fraction, Fraction]:
    """(∂C/∂m, ∂C/∂b) by the course's formulas, in exact fractions."""
    xs = task["x"] if isinstance(task["x"], list) else [task["x"]]
    ys = task["y"] if isinstance(task["y"], list) else [task["y"]]
    m, b = q(task["m"]), q(task["b"])
    errors = [m * q(x) + b - q(y) for x, y in zip(xs, ys, strict=True)]
    n = len(xs)
    return (2 * sum(e * q(x) for e, x in zip(errors, xs, strict=True)) / n,
            2 * sum(errors) / n)


def hand_line(task: dict) -> dict[str, Fraction]:
    m, x, b, t = (q(task[k]) for k in "mxbt")
    y = m * x + b
    e = y - t
    return {"u": m * x, "y": y, "e": e, "C": e * e, "dC/de": 2 * e, "dC/dy": 2 * e,
            "dC/du": 2 * e, "dC/db": 2 * e, "dC/dm": 2 * e * x, "dC/dx": 2 * e * m,
            "dC/dt": -2 * e}


def relu(z: Fraction) -> Fraction:
    return z if z > 0 else Fraction(0)


def hand_backprop(task: dict) -> dict[str, object]:
    """The 2-2-1 network's δs by the hand formulas, in exact fractions."""
    x = [q(v) for v in task["x"]]
    z1 = [x[0] * q(task["W1"][0][j]) + x[1] * q(task["W1"][1][j]) + q(task["b1"][j])
          for j in range(2)]
    w2 = [q(v) for v in task["w2"]]
    y_hat = sum(relu(z) * w for z, w in zip(z1, w2, strict=True)) + q(task["b2"])
    d2 = 2 * (y_hat - q(task["y"]))
    d1 = tuple(d2 * w * (1 if z > 0 else 0) for z, w in zip(z1, w2, strict=True))
    return {"output-delta": d2, "hidden-delta": d1,
            "first-row-dW1": tuple(x[0] * d for d in d1)}


def expected(task: dict) -> tuple:
    """The answer by hand, as a tuple of fractions."""
    problem = task["problem"]
    if problem == "autodiff-line":
        line = hand_line(task)
        return tuple(line[name] for name in task["ask"])
    if problem in ("quadratic-cost-gradient", "mse-gradient"):
        return hand_gradient(task)
    if problem == "gd-step":
        g = [q(v) for v in task["gradient"]] if "gradient" in task else hand_gradient(task)
        lr = q(task["lr"])
        return q(task["m"]) - lr * g[0], q(task["b"]) - lr * g[1]
    answer = hand_backprop(task)[task["ask"]]
    return answer if isinstance(answer, tuple) else (answer,)


def as_tuple(answer) -> tuple[Fraction, ...]:
    values = answer if isinstance(answer, tuple) else (answer,)
    return tuple(Fraction(int(v.p), int(v.q)) for v in values)


def solution_values(skill: str, task: dict, solution) -> tuple[float, ...]:
    """What the worked solution says the answer is."""
    if skill == "autodiff-by-hand":
        assert solution.legend() in solution.to_text()
        return tuple(float(line_quantity(solution.trace, name)) for name in task["ask"])
    if skill in ("quadratic-cost-gradient", "mse-gradient"):
        assert solution.agreed
        return solution.numbers["dC/dm"], solution.numbers["dC/db"]
    if skill == "gradient-descent-step":
        assert solution.agreed
        return solution.engine
    assert solution.record.max_difference < 1e-9
    output, hidden = solution.record.layers
    return {"output-delta": (output.delta[0, 0],), "hidden-delta": tuple(hidden.delta[0]),
            "first-row-dW1": tuple(hidden.grad_W[0])}[task["ask"]]


@pytest.mark.parametrize("skill", SKILLS)
@pytest.mark.parametrize("level", [1, 2, 3])
def test_generated_exercises_check_render_and_solve(skill: str, level: int) -> None:
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        assert generate(skill, seed=seed, level=level).task == ex.task
        feedback = check(ex.task, ex.answer_text)
        assert feedback.correct and feedback.mistake is None, (skill, seed, feedback)
        assert ex.prompt.text and ex.prompt.latex.count("$") % 2 == 0
        ET.fromstring(ex.prompt.html)
        assert len(ex.hints) == 3 and ex.hints[2].startswith("First line")
        assert as_tuple(ex.answer) == expected(ex.task), (skill, level, seed)
        solution = ex.solution()
        assert solution_values(skill, ex.task, solution) == pytest.approx(
            [float(v) for v in as_tuple(ex.answer)], abs=1e-9)
        assert solution.to_text()


def test_skills_are_registered_with_lessons_and_known_prerequisites() -> None:
    known = {s.id for s in skills()}
    for skill in SKILLS:
        found = get_skill(skill)
        assert found.lesson == (5 if skill == "autodiff-by-hand" else 7)
        assert set(found.prerequisites) <= known, found.prerequisites


def first(skill: str, level: int, test) -> object:
    """The first generated exercise (seeds 0 to 199) whose task passes ``test``."""
    for seed in range(200):
        ex = generate(skill, seed=seed, level=level)
        if test(ex.task):
            return ex
    raise AssertionError(f"no {skill} exercise at level {level} passes the test")


def test_course_single_point_gradient() -> None:
    ex = first("quadratic-cost-gradient", 3, lambda task: task["x"] == 7)
    assert ex.task | {"kind": "value"} == {"kind": "value", "problem": "quadratic-cost-gradient",
                                           "x": 7, "y": -1.37, "m": 0.9, "b": 0.1}
    assert ex.answer_text == "(108.78, 15.54)"
    assert ex.solution().numbers["C"] == pytest.approx(60.3729)


def test_course_batch_gradient_and_first_step() -> None:
    ex = first("mse-gradient", 3, lambda task: len(task["x"]) == 8 and task["m"] == 0.9
               and task["b"] == 0.1)
    assert check(ex.task, "(36.3, 6.26)").correct
    assert check(ex.task, "(36.305, 6.265)").correct
    assert not check(ex.task, "(36.2, 6.26)").correct
    numbers = ex.solution().numbers
    assert (round(numbers["dC/dm"], 2), round(numbers["dC/db"], 2)) == (36.3, 6.26)
    assert round(numbers["C"], 2) == 19.68
    step = first("gradient-descent-step", 3, lambda task: len(task["x"]) == 8
                 and task["m"] == 0.9 and task["b"] == 0.1)
    assert step.answer_text == "(0.5370, 0.0374)"
    assert check(step.task, "(0.53695, 0.03735)").correct
    assert check(step.task, "(0.537, 0.0374)").correct
    assert not check(step.task, "(0.5367, 0.0374)").correct


def test_autodiff_of_y_equals_mx_plus_b_matches_the_trace() -> None:
    task = {"kind": "value", "problem": "autodiff-line", "m": 0.9, "x": 7, "b": 0.1,
            "t": -1.37, "ask": ["y", "dC/dm", "dC/db"]}
    assert check(task, "(6.4, 108.78, 15.54)").correct


def test_backprop_deltas_agree_with_pytorch() -> None:
    torch = pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
    for level in (1, 2, 3):
        for seed in range(10):
            task = generate("backprop-delta", seed=seed, level=level).task
            x = torch.tensor([task["x"]], dtype=torch.float64)
            w1 = torch.tensor(task["W1"], dtype=torch.float64, requires_grad=True)
            b1 = torch.tensor(task["b1"], dtype=torch.float64)
            w2 = torch.tensor(task["w2"], dtype=torch.float64)
            z1 = x @ w1 + b1
            z1.retain_grad()
            y_hat = torch.relu(z1) @ w2 + task["b2"]
            y_hat.retain_grad()
            ((y_hat - task["y"]) ** 2).sum().backward()
            torch_answer = {"output-delta": (y_hat.grad.item(),),
                            "hidden-delta": tuple(z1.grad[0].tolist()),
                            "first-row-dW1": tuple(w1.grad[0].tolist())}[task["ask"]]
            answer = as_tuple(generate("backprop-delta", seed=seed, level=level).answer)
            assert torch_answer == pytest.approx([float(v) for v in answer])


def mistake(id_: str):
    return next(m for m in catalogue() if m.id == id_)


def text_of(values) -> str:
    values = values if isinstance(values, tuple) else (values,)
    texts = [str(Fraction(int(v.p), int(v.q))) for v in values]
    return texts[0] if len(texts) == 1 else "(" + ", ".join(texts) + ")"


@pytest.mark.parametrize(("mistake_id", "skill", "levels"), [
    ("gd-step-added-gradient", "gradient-descent-step", (1, 2, 3)),
    ("mse-missing-factor-2", "mse-gradient", (1, 2)),
    ("mse-missing-factor-2", "gradient-descent-step", (3,)),
    ("mse-missing-mean", "mse-gradient", (1, 2)),
    ("cost-gradient-missing-x", "quadratic-cost-gradient", (1, 2)),
    ("cost-gradient-missing-x", "mse-gradient", (2,)),
    ("gradient-components-swapped", "quadratic-cost-gradient", (1, 2)),
    ("gradient-components-swapped", "mse-gradient", (1, 2)),
    ("backprop-missing-activation-derivative", "backprop-delta", (3,)),
    ("adjoint-missing-local-derivative", "autodiff-by-hand", (3,)),
])
def test_each_mistake_is_diagnosed_on_generated_tasks(mistake_id: str, skill: str,
                                                      levels: tuple[int, ...]) -> None:
    rule = mistake(mistake_id)
    diagnosed = 0
    for level in levels:
        for seed in range(12):
            ex = generate(skill, seed=seed, level=level)
            wrong = rule.wrong(ex.task)
            if wrong is None or as_tuple(wrong) == as_tuple(ex.answer):
                continue
            feedback = check(ex.task, text_of(wrong))
            assert not feedback.correct
            assert feedback.mistake == mistake_id, (ex.task, text_of(wrong), feedback)
            right = check(ex.task, ex.answer_text)
            assert right.correct and right.mistake is None
            diagnosed += 1
    assert diagnosed >= 5


def test_mistakes_do_not_apply_where_their_rule_does_not() -> None:
    step = {"kind": "value", "problem": "gd-step", "m": 1, "b": 0, "lr": 0.1,
            "gradient": [2, -1]}
    assert mistake("mse-missing-factor-2").wrong(step) is None
    assert mistake("mse-missing-mean").wrong(step | {"problem": "mse-gradient", "x": [1],
                                                     "y": [2]}) is None
    assert mistake("gd-step-added-gradient").wrong(step | {"problem": "mse-gradient"}) is None
    output = generate("backprop-delta", seed=0, level=1).task
    assert mistake("backprop-missing-activation-derivative").wrong(output) is None


def test_mistake_examples_are_diagnosed_with_their_id() -> None:
    for id_ in ("gd-step-added-gradient", "mse-missing-factor-2", "mse-missing-mean",
                "cost-gradient-missing-x", "backprop-missing-activation-derivative",
                "adjoint-missing-local-derivative"):
        task, text = mistake(id_).example
        feedback = check(task, text)
        assert feedback.mistake == id_ and not feedback.correct


def test_numbers_in_other_forms_are_accepted() -> None:
    task = {"kind": "value", "problem": "gd-step", "m": 1, "b": 1, "lr": 0.25,
            "gradient": [1, 3]}
    for answer in ("(0.75, 0.25)", "[3/4, 1/4]", "3/4, 0.25"):
        assert check(task, answer).correct, answer
    assert "column" in check(task, "(0.75, 0.2.5)").message or \
        "^" in check(task, "(0.75, 0.2.5)").message


@settings(max_examples=30, deadline=None)
@given(x=st.integers(-5, 5), y=st.integers(-9, 9), m=st.integers(-6, 6), b=st.integers(-6, 6),
       lr=st.sampled_from([0.5, 0.1, 0.01]))
def test_any_point_gradient_and_step_match_the_hand_formulas(x, y, m, b, lr) -> None:
    point = {"kind": "value", "problem": "quadratic-cost-gradient", "x": x, "y": y, "m": m,
             "b": b}
    d_m, d_b = hand_gradient(point)
    assert check(point, f"({d_m}, {d_b})").correct
    assert not check(point, f"({d_m + 1}, {d_b})").correct
    if d_m != d_b:
        assert check(point, f"({d_b}, {d_m})").mistake == "gradient-components-swapped"
    step = point | {"problem": "gd-step", "cost": "quadratic", "lr": lr}
    new_m, new_b = q(m) - q(lr) * d_m, q(b) - q(lr) * d_b
    assert check(step, f"[{new_m}, {new_b}]").correct
    if d_m or d_b:
        uphill = check(step, f"({q(m) + q(lr) * d_m}, {q(b) + q(lr) * d_b})")
        assert uphill.mistake == "gd-step-added-gradient"


def test_the_same_seed_gives_the_same_exercise_in_another_process() -> None:
    import json
    import os
    import subprocess
    import sys

    script = ("import json; from calcml.exercises import generate; print(json.dumps("
              f"[generate(s, seed=7, level=l).task for s in {SKILLS!r} for l in (1, 2, 3)]))")
    here = [generate(s, seed=7, level=level).task for s in SKILLS for level in (1, 2, 3)]
    for hash_seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True, env=os.environ | {"PYTHONHASHSEED": hash_seed})
        assert json.loads(out.stdout) == json.loads(json.dumps(here))
