"""Practice for lessons 6 and 7: partial derivatives, gradients, Hessians, the chain rule.

Every generated exercise's own answer is accepted, its prompt renders, and its worked
solution verifies and agrees with the answer; the answers are also recomputed here with
``sympy.diff`` (independent of calcml's engines). Each buggy rule is diagnosed on
generated tasks, and answers written in other equivalent forms are accepted.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml import parse
from calcml.errors import InputError
from calcml.exercises import catalogue, generate, get_skill, skills
from calcml.exercises.checking import check
from calcml.exercises.model import Exercise
from calcml.expr.printing import to_text

SKILLS = ["partial-derivatives", "partials-at-a-point", "partial-chain-rule", "gradient",
          "hessian"]
SEEDS = range(30)
X, Y, Z, T = sympy.symbols("x y z t", real=True)


def text_of(value) -> str:
    """A value as a learner types it: an expression, (a, b), or [[a, b], [c, d]]."""
    if isinstance(value, sympy.MatrixBase):
        return "[" + ", ".join("[" + ", ".join(map(to_text, r)) + "]"
                               for r in value.tolist()) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(map(to_text, value)) + ")"
    return to_text(value)


def by_sympy(task: dict) -> object:
    """The task's answer by sympy.diff alone, from the task's text (no calcml engine)."""
    kind, at = task["kind"], task.get("at")
    point = {} if at is None else {sympy.Symbol(k, real=True): v for k, v in at.items()}
    if kind == "partial-chain":
        inner = {sympy.Symbol(k, real=True): parse(v) for k, v in task["inner"].items()}
        value = sympy.diff(parse(task["outer"]).xreplace(inner), T)
        return value.xreplace(point)
    f = parse(task["expr"])
    if kind == "partial":
        names = [task["var"]] if isinstance(task["var"], str) else task["var"]
        return sympy.diff(f, *(sympy.Symbol(n, real=True) for n in names)).xreplace(point)
    xs = [sympy.Symbol(n, real=True) for n in task["vars"]]
    if kind == "gradient":
        return tuple(sympy.diff(f, v).xreplace(point) for v in xs)
    return sympy.hessian(f, xs).xreplace(point)


def same(a, b) -> bool:
    if isinstance(a, tuple | list | sympy.MatrixBase):
        return all(same(p, q) for p, q in zip(list(a), list(b), strict=True))
    return sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0


def engine_value(ex: Exercise, solution) -> object:
    """The worked solution's answer to the exercise's question."""
    result = solution.result
    if ex.task["kind"] == "gradient":
        return tuple(result)
    if ex.task["kind"] == "partial" and ex.skill == "hessian":
        names = ex.task["var"]
        return result[["x", "y"].index(names[0]), ["x", "y"].index(names[1])]
    return result


@pytest.mark.parametrize("skill", SKILLS)
@pytest.mark.parametrize("level", [1, 2, 3])
def test_generated_exercises_check_render_and_solve(skill: str, level: int) -> None:
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        assert generate(skill, seed=seed, level=level).task == ex.task
        feedback = check(ex.task, ex.answer_text)
        assert feedback.correct, (skill, level, seed, ex.answer_text, feedback.message)
        assert feedback.mistake is None
        assert ex.prompt.text and ex.prompt.latex.count("$") % 2 == 0
        ET.fromstring(ex.prompt.html)
        assert len(ex.hints) == 3 and ex.hints[2].startswith("First line")
        assert same(ex.answer, by_sympy(ex.task)), (skill, level, seed)
        solution = ex.solution()
        assert solution.agreed
        assert same(engine_value(ex, solution), ex.answer)
        assert solution.to_text()


def test_skills_are_registered_with_lessons_and_known_prerequisites() -> None:
    known = {s.id for s in skills()}
    lessons = {"partial-derivatives": 6, "partials-at-a-point": 6, "partial-chain-rule": 6,
               "gradient": 7, "hessian": 7}
    for skill, lesson in lessons.items():
        found = get_skill(skill)
        assert found.lesson == lesson and found.title
        assert set(found.prerequisites) <= known, found.prerequisites


def test_course_numbers_for_z_equals_x2_minus_y2() -> None:
    z = "x^2 - y^2"
    assert check({"kind": "partial", "expr": z, "var": "x", "at": {"x": 2, "y": 3}},
                 "4").correct
    assert check({"kind": "partial", "expr": z, "var": "y", "at": {"x": 2, "y": 3}},
                 "-6").correct
    assert check({"kind": "gradient", "expr": z, "vars": ["x", "y"],
                  "at": {"x": -2, "y": -3}}, "(-4, 6)").correct
    assert check({"kind": "partial", "expr": z, "var": "y"}, "-2y").correct
    assert check({"kind": "partial-chain", "outer": z,
                  "inner": {"x": "cos(t)", "y": "sin(t)"}, "var": "t"},
                 "-4 sin(t) cos(t)").correct


def test_cylinder_partials_exact_or_rounded() -> None:
    task = {"kind": "partial", "expr": "pi r^2 l", "var": "r", "at": {"r": 3, "l": 5},
            "tolerance": 0.01}
    for answer in ("30pi", "94.25", "94.248"):
        assert check(task, answer).correct, answer
    assert not check(task, "94.2").correct
    assert check(task | {"var": "l"}, "28.27").correct


def test_the_course_cylinder_comes_up_at_level_3() -> None:
    found = next(ex for seed in range(400)
                 if (ex := generate("partials-at-a-point", seed=seed, level=3)).task["at"]
                 == {"r": 3, "l": 5})
    assert parse(found.task["expr"]) == parse("pi r^2 l")
    rounded = {"r": "94.25", "l": "28.27"}[found.task["var"]]
    assert check(found.task, rounded).correct
    assert found.answer in (30 * sympy.pi, 9 * sympy.pi)


@pytest.mark.parametrize(("task", "forms"), [
    ({"kind": "partial", "expr": "(x + y)^3", "var": "x"},
     ["3(x + y)^2", "3x^2 + 6xy + 3y^2"]),
    ({"kind": "partial", "expr": "3x y/4", "var": "x", "at": {"x": 5, "y": 1}},
     ["3/4", "0.75"]),
    ({"kind": "gradient", "expr": "x^2 y", "vars": ["x", "y"]},
     ["(2xy, x^2)", "[2x y, x x]", "2yx, x^2"]),
    ({"kind": "hessian", "expr": "x^2 y", "vars": ["x", "y"]},
     ["[[2y, 2x], [2x, 0]]", "((2y, 2x), (2x, 0))", "2y, 2x; 2x, 0"]),
    ({"kind": "partial", "expr": "sin(x y)", "var": ["x", "y"]},
     ["cos(x y) - x y sin(x y)", "cos(xy) - xy sin(xy)"]),
])
def test_equivalent_forms_are_accepted(task: dict, forms: list[str]) -> None:
    for form in forms:
        feedback = check(task, form)
        assert feedback.correct, (form, feedback.message)


def test_unreadable_answers_say_what_is_wrong() -> None:
    task = {"kind": "gradient", "expr": "x^2 - y^2", "vars": ["x", "y"]}
    message = check(task, "(2x, -2y, 1)").message
    assert "2 components" in message and "3 were given" in message
    caret = check(task, "(2x, -2y +)").message
    assert "^" in caret and "(2x, -2y +)" in caret
    matrix = check({"kind": "hessian", "expr": "x^2 y", "vars": ["x", "y"]}, "[2y, 2x]")
    assert not matrix.correct and "by rows" in matrix.message


def mistake(id_: str):
    return next(m for m in catalogue() if m.id == id_)


@pytest.mark.parametrize(("mistake_id", "skill", "levels"), [
    ("partial-other-variable-not-held-constant", "partial-derivatives", (1, 2, 3)),
    ("partial-other-variable-not-held-constant", "partials-at-a-point", (1, 2)),
    ("gradient-components-swapped", "gradient", (1, 2, 3)),
    ("chain-rule-one-path-only", "partial-chain-rule", (1, 2, 3)),
    ("second-partial-as-product-of-firsts", "hessian", (1, 2, 3)),
])
def test_each_mistake_is_diagnosed_on_generated_tasks(mistake_id: str, skill: str,
                                                      levels: tuple[int, ...]) -> None:
    rule = mistake(mistake_id)
    diagnosed = 0
    for level in levels:
        for seed in range(6):
            ex = generate(skill, seed=seed, level=level)
            wrong = rule.wrong(ex.task)
            if wrong is None or same(wrong, ex.answer):
                continue
            feedback = check(ex.task, text_of(wrong))
            assert not feedback.correct
            assert feedback.mistake == mistake_id, (ex.task, text_of(wrong), feedback)
            assert feedback.step == rule.step
            right = check(ex.task, ex.answer_text)
            assert right.correct and right.mistake is None
            diagnosed += 1
    assert diagnosed >= 5


def test_mistake_examples_are_diagnosed_with_their_id() -> None:
    for id_ in ("partial-other-variable-not-held-constant", "gradient-components-swapped",
                "chain-rule-one-path-only", "second-partial-as-product-of-firsts"):
        task, text = mistake(id_).example
        assert check(task, text).mistake == id_


def test_the_other_variable_mistake_is_the_product_rule_with_dy_dx_1() -> None:
    rule = mistake("partial-other-variable-not-held-constant")
    assert rule.wrong({"kind": "partial", "expr": "x^2 y", "var": "x"}) == 2 * X * Y + X**2
    assert rule.wrong({"kind": "partial", "expr": "x^2 - y^2", "var": "x"}) == 2 * X - 2 * Y
    assert rule.wrong({"kind": "partial", "expr": "x^3", "var": "x"}) is None
    assert check({"kind": "partial", "expr": "x^2 - y^2", "var": "x"}, "2x - 2y").mistake == \
        "partial-other-variable-not-held-constant"


@settings(max_examples=25, deadline=None)
@given(a=st.integers(1, 5), p=st.integers(1, 4), q=st.integers(1, 4),
       b=st.integers(-5, 5).filter(bool), shift=st.integers(1, 3))
def test_rewritten_partials_are_accepted_and_perturbed_ones_rejected(a, p, q, b, shift) -> None:
    f = a * (X + b * Y) ** p * Y**q
    task = {"kind": "partial", "expr": to_text(f), "var": "x"}
    right = sympy.diff(f, X)
    for form in (right, sympy.expand(right), sympy.factor(right)):
        assert check(task, to_text(form)).correct
    assert not check(task, to_text(right + shift)).correct
    assert not check(task, to_text(right * (1 + shift))).correct


@settings(max_examples=20, deadline=None)
@given(a=st.integers(-4, 4).filter(bool), b=st.integers(-4, 4).filter(bool),
       p=st.integers(1, 3), shift=st.integers(1, 4), square=st.booleans())
def test_rewritten_gradients_are_accepted_and_perturbed_ones_rejected(a, b, p, shift,
                                                                      square) -> None:
    f = a * X**p * (Y + b) ** 2 + b * Y
    task = {"kind": "gradient", "expr": to_text(f), "vars": ["x", "y"]}
    right = (sympy.diff(f, X), sympy.diff(f, Y))
    opening, closing = ("[", "]") if square else ("(", ")")
    for rewrite in (sympy.expand, sympy.factor):
        text = ", ".join(to_text(rewrite(c)) for c in right)
        assert check(task, f"{opening}{text}{closing}").correct
    wrong = (right[0], right[1] + shift)
    assert not check(task, text_of(wrong)).correct


@pytest.mark.parametrize(("task", "words"), [
    ({"kind": "partial", "var": "x"}, "math text"),
    ({"kind": "partial", "expr": "x^2 y", "var": "x", "at": "x=2, y=3"}, "object"),
    ({"kind": "partial", "expr": "x^2 y", "var": "x", "at": {"x": 2}}, "y"),
    ({"kind": "partial-chain", "outer": "x^2", "inner": {"x": "t^2"}}, '"var"'),
    ({"kind": "partial-chain", "outer": "x^2", "var": "t"}, "inner"),
])
def test_malformed_tasks_are_input_errors_that_say_what_to_give(task: dict, words: str) -> None:
    with pytest.raises(InputError, match=words):
        check(task, "1")
