"""Every skill of lessons 2-4, at many seeds and every level: the exercise's own answer is
accepted, the answer agrees with SymPy (an independent oracle), the prompt renders, the
worked solution builds and agrees, and the same seed gives the same exercise."""

from __future__ import annotations

import json

import pytest
import sympy

from calcml import DNE, parse
from calcml.errors import InputError
from calcml.exercises import check, generate, get_skill, skills
from calcml.exercises.equivalence import equivalent, same_numbers

SKILLS = ["limit-substitution", "limit-factoring", "limit-conjugate", "limit-at-infinity",
          "limit-one-sided", "limit-does-not-exist", "continuity-classification",
          "secant-slope", "delta-method", "derivative-power-rule", "derivative-sum-rule",
          "tangent-line", "derivative-product-rule", "derivative-quotient-rule",
          "derivative-chain-rule", "derivative-exp-log"]
SEEDS = range(30)
x = sympy.Symbol("x", real=True)


def _oracle(task: dict) -> object:
    """The right answer by SymPy alone (not calcml's engines)."""
    f = parse(task["expr"])
    if task["kind"] == "derivative":
        return sympy.diff(f, x)
    if task["kind"] == "limit":
        a = parse(task["point"])
        if task["direction"] != "+-" or not a.is_finite:
            return sympy.limit(f, x, a, task["direction"] if a.is_finite else "-")
        left, right = (sympy.limit(f, x, a, d) for d in "-+")
        return left if left == right else DNE
    if task["kind"] == "tangent":
        a = task["at"]
        slope = sympy.diff(f, x).subs(x, a)
        return slope * (x - a) + f.subs(x, a)
    if task["problem"] == "secant-slope":
        p, q = task["p"], task["q"]
        return (f.subs(x, q) - f.subs(x, p)) / (q - p)
    return sympy.diff(f, x).subs(x, task["at"])


@pytest.mark.parametrize("level", [1, 2, 3])
@pytest.mark.parametrize("skill", SKILLS)
def test_each_exercise_accepts_its_own_answer(skill: str, level: int) -> None:
    tasks = set()
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        assert json.loads(json.dumps(ex.task)) == ex.task
        tasks.add(json.dumps(ex.task, sort_keys=True))
        feedback = check(ex.task, ex.answer_text)
        assert feedback.correct, (seed, ex.task, ex.answer_text, feedback.message)
        assert feedback.mistake is None
        assert ex.prompt.text and "$" in ex.prompt.latex and "<math" in ex.prompt.html
        assert len(ex.hints) >= 2 and all(h.strip() for h in ex.hints)
        if ex.task["kind"] != "continuity" and seed < 10:
            right = _oracle(ex.task)
            assert (same_numbers((ex.answer,), (right,)) if ex.task["kind"] == "value"
                    else equivalent(ex.answer, right)), (seed, ex.task, ex.answer, right)
    assert len(tasks) >= 8, "a skill should not repeat itself across seeds"


@pytest.mark.parametrize("skill", SKILLS)
def test_the_worked_solution_builds_and_agrees(skill: str) -> None:
    for level in (1, 2, 3):
        ex = generate(skill, seed=7, level=level)
        worked = ex.solution()
        assert worked.to_text().strip()
        if hasattr(worked, "agreed"):
            assert worked.agreed
        if hasattr(worked, "result") and ex.task["kind"] in ("derivative", "limit"):
            assert equivalent(worked.result, ex.answer)
        if hasattr(worked, "line"):
            assert equivalent(worked.line, ex.answer)
        if ex.task.get("problem") == "secant-slope":
            assert worked.slope == ex.answer
        if ex.task.get("problem") == "slope-at-point":
            assert worked.derivative == ex.answer
            assert abs(float(worked.estimate) - float(ex.answer)) < 1e-4
        if ex.task["kind"] == "continuity":
            assert bool(worked.result) is (ex.answer == "continuous")


@pytest.mark.parametrize("skill", SKILLS)
def test_the_same_seed_gives_the_same_exercise(skill: str) -> None:
    for level in (1, 2, 3):
        a, b = generate(skill, seed=11, level=level), generate(skill, seed=11, level=level)
        assert (a.task, a.answer_text, a.prompt, a.hints) == (b.task, b.answer_text,
                                                             b.prompt, b.hints)


def test_the_skills_are_registered_with_lessons_and_known_prerequisites() -> None:
    known = {s.id for s in skills()}
    assert set(SKILLS) <= known
    lessons = {s: get_skill(s).lesson for s in SKILLS}
    assert {lessons[s] for s in SKILLS[:7]} == {2}
    assert lessons["delta-method"] == 3 and lessons["derivative-chain-rule"] == 4
    for s in SKILLS:
        assert set(get_skill(s).prerequisites) <= known
        assert get_skill(s).title


def test_skills_come_after_their_prerequisites_within_a_lesson() -> None:
    order = [s.id for s in skills()]
    for s in skills():
        for p in s.prerequisites:
            if get_skill(p).lesson == s.lesson:
                assert order.index(p) < order.index(s.id)


@pytest.mark.parametrize(("expr", "point", "answer"), [
    ("(x^2-1)/(x-1)", "1", "2"), ("sin(x)/x", "0", "1"), ("25/x", "oo", "0"),
    ("(x^2-1)/(x-1)", "0", "1"), ("(x^2-25)/(x+5)", "-5", "-10"),
    ("(x^2-2x-8)/(x-4)", "4", "6"), ("25/x", "-oo", "0"), ("25/x", "0", "DNE"),
])
def test_the_course_limit_exercises_are_checked_right(expr: str, point: str,
                                                       answer: str) -> None:
    task = {"kind": "limit", "expr": expr, "var": "x", "point": point, "direction": "+-"}
    assert check(task, answer).correct
    assert not check(task, "3").correct


def test_the_course_delta_method_numbers() -> None:
    f = "x^2 + 2x + 2"
    assert check({"kind": "value", "problem": "secant-slope", "expr": f, "p": 2, "q": 5},
                 "9").correct
    assert check({"kind": "value", "problem": "secant-slope", "expr": f, "p": 2, "q": 2.1},
                 "6.1").correct
    assert check({"kind": "value", "problem": "slope-at-point", "expr": f, "at": 2},
                 "6").correct
    assert check({"kind": "value", "problem": "slope-at-point", "expr": f, "at": -1},
                 "0").correct
    assert check({"kind": "tangent", "expr": f, "at": 2}, "y = 6x - 2").correct


@pytest.mark.parametrize(("skill", "seed", "level"), [
    ("no-such-skill", 0, 1), ("limit-factoring", -1, 1), ("limit-factoring", 0, 4),
])
def test_bad_requests_are_input_errors(skill: str, seed: int, level: int) -> None:
    with pytest.raises(InputError):
        generate(skill, seed=seed, level=level)


def test_an_unknown_skill_lists_the_skills() -> None:
    with pytest.raises(InputError, match="limit-factoring"):
        get_skill("limits")
