"""Practice on integrals (lesson 8) and on lesson 1's areas and slopes: every generated
exercise's own answer is accepted, its prompt renders, its worked solution builds and
agrees with the answer, and SymPy, SciPy and NumPy agree independently; the buggy rules
of the integral kind name the mistake and never a right answer."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import integrate

from calcml import parse
from calcml.errors import InputError
from calcml.exercises import check as check_answer
from calcml.exercises import generate
from calcml.exercises.checking import solve
from calcml.exercises.model import get_skill, mistakes_for, skills
from calcml.expr.printing import to_text

SEEDS = range(30)
LEVELS = (1, 2, 3)
INDEFINITE = ("integral-basic-rules", "integral-u-substitution", "integral-by-parts")
VALUE_SKILLS = ("quadrature-by-hand", "exhaustion-polygons", "distance-from-speed",
                "speed-from-distance")
MISTAKES = ("missing-constant-of-integration", "u-substitution-missing-factor",
            "power-rule-integral-not-divided", "differentiated-instead-of-integrated",
            "bounds-swapped", "constant-on-definite-integral")


def check(task: dict, answer: str):
    """The verdict, with a time limit generous enough for a loaded test machine (the
    2 s default is for a learner; these tests are about the verdicts, not the time)."""
    return check_answer(task, answer, seconds=30)


def indefinite(expr: str, var: str = "x") -> dict:
    return {"kind": "integral", "expr": expr, "var": var}


def definite(expr: str, lower: str, upper: str) -> dict:
    return {"kind": "integral", "expr": expr, "var": "x", "lower": lower, "upper": upper}


def assert_prompt_renders(ex) -> None:
    assert ex.prompt.text.strip() and ex.prompt.latex.strip()
    assert ex.prompt.latex.count("{") == ex.prompt.latex.count("}")
    root = ET.fromstring(f"<div>{ex.prompt.html}</div>")  # well-formed (X)HTML
    assert "".join(root.itertext()).strip()
    assert len(ex.hints) == 3 and all(h.strip() for h in ex.hints)


def assert_accepted(ex) -> None:
    feedback = check(ex.task, ex.answer_text)
    assert feedback.correct, (ex.task, ex.answer_text, feedback.message)
    assert feedback.mistake is None


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("skill", INDEFINITE)
def test_antiderivative_exercises(skill: str, level: int) -> None:
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        assert ex.answer_text.endswith(" + C")
        assert_prompt_renders(ex)
        assert_accepted(ex)
        x = sympy.Symbol(ex.task["var"], real=True)
        f = parse(ex.task["expr"])
        assert sympy.simplify(sympy.diff(ex.answer, x) - f) == 0  # SymPy, differentiated
        by_sympy = sympy.integrate(f, x)
        assert sympy.diff(sympy.simplify(by_sympy - ex.answer), x).simplify() == 0
        sol = ex.solution()
        assert sol.agreed
        assert sympy.diff(sympy.simplify(sol.result - ex.answer), x).simplify() == 0
        report = sol.verify_steps()  # every step's claim re-checked numerically
        assert report.ok and not report.unchecked, report


@pytest.mark.parametrize("level", LEVELS)
def test_definite_integral_exercises(level: int) -> None:
    for seed in SEEDS:
        ex = generate("integral-definite", seed=seed, level=level)
        assert_prompt_renders(ex)
        assert_accepted(ex)
        assert check(ex.task, f"{float(ex.answer):.4f}").correct
        assert not check(ex.task, f"{float(ex.answer) + 0.01:.4f}").correct
        f = sympy.lambdify(sympy.Symbol("x", real=True), parse(ex.task["expr"]), "math")
        lower, upper = (float(parse(ex.task[k])) for k in ("lower", "upper"))
        value, _ = integrate.quad(f, lower, upper)  # SciPy, independently
        assert value == pytest.approx(float(ex.answer), abs=1e-9)
        sol = ex.solution()
        assert sol.agreed and sympy.simplify(sol.result - ex.answer) == 0
        report = sol.verify_steps()
        assert report.ok and not report.unchecked, report


@pytest.mark.parametrize("skill", INDEFINITE + ("integral-definite",) + VALUE_SKILLS)
def test_the_same_seed_gives_the_same_exercise(skill: str) -> None:
    for level in LEVELS:
        a, b = generate(skill, seed=7, level=level), generate(skill, seed=7, level=level)
        assert (a.prompt, a.task, a.answer_text, a.hints) == (b.prompt, b.task,
                                                              b.answer_text, b.hints)
    tasks = {str(generate(skill, seed=s, level=2).task) for s in range(30)}
    assert len(tasks) > 1


def test_the_skills_name_their_lessons_and_existing_prerequisites() -> None:
    known = {s.id for s in skills()}
    for skill in INDEFINITE + ("integral-definite", "quadrature-by-hand"):
        assert get_skill(skill).lesson == 8
    for skill in VALUE_SKILLS[1:]:
        assert get_skill(skill).lesson == 1
    for skill in INDEFINITE + ("integral-definite",) + VALUE_SKILLS:
        assert set(get_skill(skill).prerequisites) <= known
    assert "integral-basic-rules" in get_skill("integral-u-substitution").prerequisites
    assert "derivative-power-rule" in get_skill("integral-basic-rules").prerequisites
    assert "derivative-chain-rule" in get_skill("integral-u-substitution").prerequisites


def test_the_course_integrals() -> None:
    assert solve(definite("x/2", "1", "2")) == sympy.Rational(3, 4)
    assert solve(definite("2x", "3", "4")) == 7
    for answer in ("3/4", "0.75", "6/8", "1.5/2"):
        assert check(definite("x/2", "1", "2"), answer).correct, answer
    assert not check(definite("x/2", "1", "2"), "0.7502").correct
    assert check(dict(definite("x/2", "1", "2"), tolerance=0.0005), "0.7502").correct
    assert check(definite("2x", "3", "4"), "7").correct


@pytest.mark.parametrize("task, answer", [
    (indefinite("2x"), "x^2 + C"),
    (indefinite("2x"), "x^2 + K"),
    (indefinite("2x"), "x^2 + 5 + C"),
    (indefinite("2x"), "C + x^2 - 1/2"),
    (indefinite("3x^2*(x^3+1)^4"), "(x^3+1)^5/5 + C"),
    (indefinite("3x^2*(x^3+1)^4"), "x^15/5 + x^12 + 2x^9 + 2x^6 + x^3 + C"),
    (indefinite("x*e^x"), "(x - 1) e^x + C"),
    (indefinite("x*e^x"), "x e^x - e^x + A"),
    (indefinite("2sin(x)cos(x)"), "sin(x)^2 + C"),
    (indefinite("2sin(x)cos(x)"), "-cos(x)^2 + C"),
    (indefinite("1/x"), "ln(|x|) + C"),
    (indefinite("2t", "t"), "t^2 + C"),
    (indefinite("2C", "C"), "C^2 + K"),
    (definite("x^2", "0", "3"), "9"),
    (definite("e^x", "0", "1"), "e - 1"),
    (dict(definite("e^x", "0", "1"), tolerance=0.0005), "1.718"),
    (definite("a x", "0", "2"), "2a"),
    (indefinite("a x"), "a x^2/2 + C"),
])
def test_equivalent_forms_are_accepted(task: dict, answer: str) -> None:
    feedback = check(task, answer)
    assert feedback.correct and feedback.mistake is None, (answer, feedback.message)


@pytest.mark.parametrize("task, answer", [
    (indefinite("2x"), "C x^2"),              # the constant multiplies: not + C
    (indefinite("e^x"), "e^(x + C)"),         # e^C e^x is not e^x plus a constant
    (indefinite("2x"), "x^2 + x + C"),
    (indefinite("2C", "C"), "C^2 + C"),       # C is the variable here, not a constant
    (definite("x/2", "1", "2"), "0.8"),
    (definite("a x", "0", "2"), "a"),
])
def test_wrong_answers_are_not_accepted(task: dict, answer: str) -> None:
    assert not check(task, answer).correct


def test_the_constant_of_integration_is_required() -> None:
    for task, answer in [(indefinite("2x"), "x^2"), (indefinite("2x"), "x^2 + 5"),
                         (indefinite("x*e^x"), "(x-1)e^x"),
                         (indefinite("2C", "C"), "C^2")]:
        feedback = check(task, answer)
        assert not feedback.correct
        assert feedback.mistake == "missing-constant-of-integration"
        assert "+ C" in feedback.message


def test_a_constant_that_is_not_added_on_is_explained() -> None:
    for task, answer in [(indefinite("2x"), "C x^2"), (indefinite("e^x"), "e^(x + C)")]:
        feedback = check(task, answer)
        assert not feedback.correct and feedback.mistake is None
        assert "added on at the end" in feedback.message


def test_a_definite_integral_is_a_number() -> None:
    feedback = check(definite("x/2", "1", "2"), "x^2/4")
    assert not feedback.correct and "still contains x" in feedback.message
    feedback = check(definite("x/2", "1", "2"), "3/4 + K")
    assert feedback.mistake == "constant-on-definite-integral"


def _wrong_text(task: dict, mistake_id: str) -> str | None:
    mistake = next(m for m in mistakes_for("integral") if m.id == mistake_id)
    wrong = mistake.wrong(task)
    if wrong is None:
        return None
    plus_c = "lower" not in task and mistake_id != "missing-constant-of-integration"
    return to_text(wrong) + (" + C" if plus_c else "")


MISTAKE_TASKS = {
    "missing-constant-of-integration": [indefinite(e) for e in (
        "2x", "6x^2 + 4x - 5", "x*cos(x^2)", "x*e^x", "sqrt(x)", "1/x")],
    "u-substitution-missing-factor": [indefinite(e) for e in (
        "x*cos(x^2)", "e^(3x)", "x/(x^2+1)", "3x^2*(x^3+1)^4", "sin(2x)")]
    + [definite("x*cos(x^2)", "0", "sqrt(pi/2)")],
    "power-rule-integral-not-divided": [indefinite(e) for e in (
        "x^2", "6x^2 + 4x - 5", "sqrt(x)", "3x^2*(x^3+1)^4")]
    + [definite("2x", "3", "4"), definite("x/2", "1", "2")],
    "differentiated-instead-of-integrated": [indefinite(e) for e in (
        "x^3", "6x^2 + 4x", "x*e^x", "e^(3x)", "sin(x)")] + [definite("x^2", "0", "3")],
    "bounds-swapped": [definite(e, a, b) for e, a, b in (
        ("x/2", "1", "2"), ("2x", "3", "4"), ("x^2", "0", "3"), ("e^x", "0", "1"),
        ("cos(x)", "0", "pi/2"))],
    "constant-on-definite-integral": [definite(e, a, b) for e, a, b in (
        ("x/2", "1", "2"), ("2x", "3", "4"), ("x^2", "0", "3"), ("e^x", "0", "1"),
        ("1/x", "1", "e"))],
}


@pytest.mark.parametrize("mistake_id", MISTAKES)
def test_each_mistake_is_diagnosed_and_the_right_answer_is_not(mistake_id: str) -> None:
    diagnosed = 0
    for task in MISTAKE_TASKS[mistake_id]:
        wrong = _wrong_text(task, mistake_id)
        assert wrong is not None, task
        feedback = check(task, wrong)
        assert not feedback.correct and feedback.mistake == mistake_id, (task, wrong)
        assert feedback.step
        right = check(task, solve_text(task))
        assert right.correct and right.mistake is None
        diagnosed += 1
    assert diagnosed >= 5


def solve_text(task: dict) -> str:
    return to_text(solve(task)) + ("" if "lower" in task else " + C")


@pytest.mark.parametrize("task, mistake_id, wrong", [
    (indefinite("x*cos(x^2)"), "u-substitution-missing-factor", "sin(x^2)"),
    (indefinite("6x*(x^2+1)^2"), "u-substitution-missing-factor", "2(x^2+1)^3"),
    (indefinite("x^2"), "power-rule-integral-not-divided", "x^3"),
    (indefinite("x^3"), "differentiated-instead-of-integrated", "3x^2"),
    (definite("2x", "3", "4"), "bounds-swapped", "-7"),
    (definite("x/2", "1", "2"), "power-rule-integral-not-divided", "3/2"),
])
def test_the_buggy_rules_give_the_hand_worked_wrong_answers(task, mistake_id, wrong) -> None:
    mistake = next(m for m in mistakes_for("integral") if m.id == mistake_id)
    given_wrong = mistake.wrong(task)
    assert sympy.simplify(given_wrong - parse(wrong)) == 0
    assert check(task, wrong + ("" if "lower" in task else " + C")).mistake == mistake_id


def test_the_buggy_rules_apply_only_where_they_can() -> None:
    by_id = {m.id: m for m in mistakes_for("integral")}
    assert by_id["bounds-swapped"].wrong(indefinite("2x")) is None
    assert by_id["missing-constant-of-integration"].wrong(definite("2x", "0", "1")) is None
    assert by_id["u-substitution-missing-factor"].wrong(indefinite("x^2 + 1")) is None
    assert by_id["power-rule-integral-not-divided"].wrong(indefinite("cos(x)")) is None


@pytest.mark.parametrize("mistake_id", MISTAKES)
def test_the_catalogue_examples_are_diagnosed(mistake_id: str) -> None:
    mistake = next(m for m in mistakes_for("integral") if m.id == mistake_id)
    assert check(*mistake.example).mistake == mistake_id
    assert mistake.message.endswith(".") and mistake.step


def test_generated_u_substitutions_are_diagnosed_when_the_factor_is_forgotten() -> None:
    found = 0
    for seed in range(10):
        ex = generate("integral-u-substitution", seed=seed, level=2)
        wrong = _wrong_text(ex.task, "u-substitution-missing-factor")
        if wrong is not None:
            assert check(ex.task, wrong).mistake == "u-substitution-missing-factor"
            found += 1
    assert found >= 5


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), level=st.sampled_from(LEVELS),
       shift=st.integers(-9, 9), skill=st.sampled_from(INDEFINITE))
def test_rewritten_antiderivatives_are_accepted_and_perturbed_ones_not(
        seed: int, level: int, shift: int, skill: str) -> None:
    ex = generate(skill, seed=seed, level=level)
    x = sympy.Symbol(ex.task["var"], real=True)
    for form in (sympy.expand(ex.answer), sympy.factor(ex.answer), ex.answer + shift):
        assert check(ex.task, f"{to_text(form)} + C").correct, form
    for wrong in (ex.answer + x, 2 * ex.answer, ex.answer * x):
        assert not check(ex.task, f"{to_text(wrong)} + C").correct, wrong


@pytest.mark.parametrize("task", [
    {"kind": "integral", "var": "x"}, {"kind": "integral", "expr": "x", "lower": "0"},
    {"kind": "integral", "expr": 3.5j}, {"kind": "integral", "expr": "1/x", "lower": "0",
                                          "upper": "1"},
])
def test_bad_tasks_are_input_errors(task: dict) -> None:
    with pytest.raises(InputError):
        check(task, "1")


def test_an_unreadable_answer_points_at_the_column() -> None:
    feedback = check(indefinite("2x"), "x^2 + (C")
    assert not feedback.correct and "^" in feedback.message and feedback.mistake is None


# Lesson 8's quadrature by hand and lesson 1's polygons, distances and speeds.

def _nodes(task: dict) -> tuple[np.ndarray, np.ndarray]:
    x = np.linspace(task["lower"], task["upper"], task["n"] + 1)
    f = sympy.lambdify(sympy.Symbol("x", real=True), parse(task["expr"]), "numpy")
    return x, np.asarray(f(x), dtype=float)


def _independent(ex) -> float:
    task = ex.task
    if ex.skill == "quadrature-by-hand":
        x, y = _nodes(task)
        rule = integrate.trapezoid if task["rule"] == "trapezoid" else integrate.simpson
        return float(rule(y, x=x))
    if ex.skill == "exhaustion-polygons":
        n = task["sides"]
        if task["polygon"] == "circumscribed":
            return n * math.tan(math.pi / n)
        scale = n / 2 * math.sin(2 * math.pi / n)
        return scale if task["measure"] == "area" else n * math.sin(math.pi / n)
    if ex.skill == "distance-from-speed":
        return float(np.trapezoid(task["speeds"], task["times"]))
    d, t = parse(task["expr"]), sympy.Symbol("t", real=True)
    if "at" in task:
        return float(sympy.diff(d, t).subs(t, task["at"]))
    a, b = task["start"], task["end"]
    return float((d.subs(t, b) - d.subs(t, a)) / (b - a))


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("skill", VALUE_SKILLS)
def test_value_exercises(skill: str, level: int) -> None:
    for seed in SEEDS:
        ex = generate(skill, seed=seed, level=level)
        assert_prompt_renders(ex)
        assert_accepted(ex)
        assert float(ex.answer) == pytest.approx(_independent(ex), abs=1e-9)
        assert float(solve(ex.task)[0]) == pytest.approx(float(ex.answer), abs=1e-9)
        assert str(ex.solution()).strip()


def test_polygons_pin_pi_between_them() -> None:
    def value(sides: int, polygon: str, measure: str) -> float:
        return float(solve({"kind": "value", "problem": "polygon-pi", "sides": sides,
                            "polygon": polygon, "measure": measure})[0])
    assert value(6, "inscribed", "half-perimeter") == pytest.approx(3)
    assert value(12, "inscribed", "area") == pytest.approx(3)
    assert value(4, "circumscribed", "area") == pytest.approx(4)
    assert value(96, "inscribed", "half-perimeter") < math.pi < value(
        96, "circumscribed", "half-perimeter")
    with pytest.raises(InputError):
        value(5, "inscribed", "area")


def test_the_worked_quadrature_shows_the_hand_computation() -> None:
    task = {"kind": "value", "problem": "quadrature-rule", "expr": "x^2", "var": "x",
            "lower": 0, "upper": 2, "rule": "trapezoid", "n": 2}
    assert solve(task) == (3.0,)  # (0/2 + 1 + 4/2) * 1
    assert check(task, "3").correct and not check(task, "8/3").correct
    assert check(dict(task, rule="simpson"), "8/3").correct


def _quadrature(expr: str, a: int, b: int, n: int, rule: str = "trapezoid") -> dict:
    return {"kind": "value", "problem": "quadrature-rule", "expr": expr, "var": "x",
            "lower": a, "upper": b, "rule": rule, "n": n}


def test_trapezoid_ends_not_halved_is_diagnosed() -> None:
    cases = [  # (task, h times the sum of every value, worked by hand)
        (_quadrature("x^2", 0, 2, 2), "5"),             # 1 * (0 + 1 + 4)
        (_quadrature("x^2", 0, 4, 4), "30"),            # 1 * (0 + 1 + 4 + 9 + 16)
        (_quadrature("2x + 3", 0, 4, 2), "42"),         # 2 * (3 + 7 + 11)
        (_quadrature("1/x", 1, 3, 2), "11/6"),          # 1 * (1 + 1/2 + 1/3)
        (_quadrature("x^3", 0, 2, 2), "9"),             # 1 * (0 + 1 + 8)
        (_quadrature("x^2", 0, 2, 1), "8"),             # 2 * (0 + 4)
    ]
    for task, wrong in cases:
        feedback = check(task, wrong)
        assert feedback.mistake == "trapezoid-ends-not-halved", task
        assert check(task, to_text(sympy.nsimplify(solve(task)[0]))).mistake is None
    assert next(m for m in mistakes_for("value") if m.id == "trapezoid-ends-not-halved"
                ).wrong(_quadrature("x^2", 0, 2, 2, "simpson")) is None
