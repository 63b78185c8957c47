"""The buggy rules of lessons 2-4: each wrong answer a misconception gives is named, on
hand-made tasks a person can check and on generated ones; a right answer never is."""

from __future__ import annotations

import pytest

from calcml.exercises import catalogue, check, generate
from calcml.exercises.checking import solve
from calcml.exercises.kinds.derivative import worked_derivative
from calcml.exercises.kinds.limit import worked_limit
from calcml.exercises.model import mistakes_for, task_kind
from calcml.expr.printing import to_text


def d(expr: str) -> dict:
    return {"kind": "derivative", "expr": expr, "var": "x"}


def lim(expr: str, point: str, direction: str = "+-") -> dict:
    return {"kind": "limit", "expr": expr, "var": "x", "point": point, "direction": direction}


# (mistake id, task, the wrong answer worked out by hand, the right answer)
CASES = [
    ("chain-rule-missing-inner-derivative", d("sin(3x)^2"), "2sin(3x)cos(3x)",
     "6sin(3x)cos(3x)"),
    ("chain-rule-missing-inner-derivative", d("(2x+1)^3"), "3(2x+1)^2", "6(2x+1)^2"),
    ("chain-rule-missing-inner-derivative", d("e^(x^2)"), "e^(x^2)", "2x e^(x^2)"),
    ("chain-rule-missing-inner-derivative", d("cos(5x)"), "-sin(5x)", "-5sin(5x)"),
    ("chain-rule-missing-inner-derivative", d("sqrt(x^2+1)"), "1/(2sqrt(x^2+1))",
     "x/sqrt(x^2+1)"),
    ("chain-rule-missing-inner-derivative", d("ln(x^2+4)"), "1/(x^2+4)", "2x/(x^2+4)"),
    ("power-rule-exponent-not-reduced", d("x^3"), "3x^3", "3x^2"),
    ("power-rule-exponent-not-reduced", d("5x^4"), "20x^4", "20x^3"),
    ("power-rule-exponent-not-reduced", d("x^2 + x^5"), "2x^2 + 5x^5", "2x + 5x^4"),
    ("power-rule-exponent-not-reduced", d("sqrt(x)"), "sqrt(x)/2", "1/(2sqrt(x))"),
    ("power-rule-exponent-not-reduced", d("x^(-2)"), "-2x^(-2)", "-2x^(-3)"),
    ("product-rule-as-product-of-derivatives", d("x^2 sin(x)"), "2x cos(x)",
     "2x sin(x) + x^2 cos(x)"),
    ("product-rule-as-product-of-derivatives", d("x e^x"), "e^x", "e^x + x e^x"),
    ("product-rule-as-product-of-derivatives", d("(x+1)(x^2-3)"), "2x", "3x^2 + 2x - 3"),
    ("product-rule-as-product-of-derivatives", d("x^3 ln(x)"), "3x", "3x^2 ln(x) + x^2"),
    ("product-rule-as-product-of-derivatives", d("sin(x)cos(x)"), "-cos(x)sin(x)",
     "cos(x)^2 - sin(x)^2"),
    ("quotient-rule-numerator-sign", d("x/(x+1)"), "-1/(x+1)^2", "1/(x+1)^2"),
    ("quotient-rule-numerator-sign", d("(x+2)/(x-3)"), "5/(x-3)^2", "-5/(x-3)^2"),
    ("quotient-rule-numerator-sign", d("sin(x)/x"), "(sin(x) - x cos(x))/x^2",
     "(x cos(x) - sin(x))/x^2"),
    ("quotient-rule-numerator-sign", d("x^2/(x+1)"), "-(x^2 + 2x)/(x+1)^2",
     "(x^2 + 2x)/(x+1)^2"),
    ("quotient-rule-numerator-sign", d("e^x/x"), "(e^x - x e^x)/x^2", "(x e^x - e^x)/x^2"),
    ("quotient-rule-denominator-not-squared", d("x/(x+1)"), "1/(x+1)", "1/(x+1)^2"),
    ("quotient-rule-denominator-not-squared", d("(x+2)/(x-3)"), "-5/(x-3)", "-5/(x-3)^2"),
    ("quotient-rule-denominator-not-squared", d("sin(x)/x"), "(x cos(x) - sin(x))/x",
     "(x cos(x) - sin(x))/x^2"),
    ("quotient-rule-denominator-not-squared", d("x^2/(x+1)"), "(x^2 + 2x)/(x+1)",
     "(x^2 + 2x)/(x+1)^2"),
    ("quotient-rule-denominator-not-squared", d("e^x/x"), "(x e^x - e^x)/x",
     "(x e^x - e^x)/x^2"),
    ("sign-error", d("cos(x)"), "sin(x)", "-sin(x)"),
    ("sign-error", d("3cos(x)"), "3sin(x)", "-3sin(x)"),
    ("sign-error", d("cos(2x)"), "2sin(2x)", "-2sin(2x)"),
    ("sign-error", d("sin(x) + cos(x)"), "-cos(x) + sin(x)", "cos(x) - sin(x)"),
    ("sign-error", d("x^2 + cos(x)"), "2x + sin(x)", "2x - sin(x)"),
    ("indeterminate-form-as-answer", lim("(x^2-1)/(x-1)", "1"), "0/0", "2"),
    ("indeterminate-form-as-answer", lim("(x^2-25)/(x+5)", "-5"), "undefined", "-10"),
    ("indeterminate-form-as-answer", lim("sin(x)/x", "0"), "indeterminate", "1"),
    ("indeterminate-form-as-answer", lim("(sqrt(x)-2)/(x-4)", "4"), "0/0", "1/4"),
    ("indeterminate-form-as-answer", lim("(3x^2+1)/(x^2+5)", "oo"), "oo/oo", "3"),
    ("removable-discontinuity-called-dne", lim("(x^2-1)/(x-1)", "1"), "DNE", "2"),
    ("removable-discontinuity-called-dne", lim("(x^2-25)/(x+5)", "-5"), "does not exist",
     "-10"),
    ("removable-discontinuity-called-dne", lim("(x^2-2x-8)/(x-4)", "4"), "DNE", "6"),
    ("removable-discontinuity-called-dne", lim("sin(x)/x", "0"), "dne", "1"),
    ("removable-discontinuity-called-dne", lim("(sqrt(x+5)-3)/(x-4)", "4"), "DNE", "1/6"),
    ("one-sided-only", lim("25/x", "0"), "oo", "DNE"),
    ("one-sided-only", lim("25/x", "0"), "-oo", "DNE"),
    ("one-sided-only", lim("abs(x)/x", "0"), "1", "DNE"),
    ("one-sided-only", lim("3 + 2abs(x-1)/(x-1)", "1"), "1", "DNE"),
    ("one-sided-only", lim("-4/(x+2)", "-2"), "infinity", "does not exist"),
]


@pytest.mark.parametrize(("mistake", "task", "wrong", "right"), CASES)
def test_the_wrong_answer_is_named_and_the_right_one_is_not(mistake: str, task: dict,
                                                            wrong: str, right: str) -> None:
    feedback = check(task, wrong)
    assert not feedback.correct
    assert feedback.mistake == mistake, feedback.message
    assert feedback.step and feedback.message
    good = check(task, right)
    assert good.correct and good.mistake is None, good.message


def test_each_mistake_of_lessons_2_to_4_has_at_least_five_cases() -> None:
    counts = {m: sum(c[0] == m for c in CASES) for m in {c[0] for c in CASES}}
    assert len(counts) == 9 and min(counts.values()) >= 5


GENERATED = [("derivative-chain-rule", "chain-rule-missing-inner-derivative"),
             ("derivative-power-rule", "power-rule-exponent-not-reduced"),
             ("derivative-product-rule", "product-rule-as-product-of-derivatives"),
             ("derivative-quotient-rule", "quotient-rule-numerator-sign"),
             ("derivative-quotient-rule", "quotient-rule-denominator-not-squared"),
             ("derivative-product-rule", "sign-error"),
             ("limit-factoring", "indeterminate-form-as-answer"),
             ("limit-conjugate", "removable-discontinuity-called-dne"),
             ("limit-does-not-exist", "one-sided-only")]


@pytest.mark.parametrize(("skill", "mistake_id"), GENERATED)
def test_the_buggy_rules_work_on_generated_exercises(skill: str, mistake_id: str) -> None:
    mistake = next(m for m in catalogue() if m.id == mistake_id)
    diagnosed = 0
    for seed in range(12):
        task = generate(skill, seed=seed, level=1 + seed % 3).task
        wrong = mistake.wrong(task)
        kind = task_kind(task)
        for candidate in wrong if isinstance(wrong, list) else [wrong]:
            if candidate is None or kind.same(task, candidate, solve(task)):
                continue
            feedback = check(task, to_text(candidate))
            assert not feedback.correct
            diagnosed += feedback.mistake == mistake_id
    assert diagnosed >= 5


def test_a_right_answer_never_gets_a_mistake_even_where_a_rule_agrees_with_it() -> None:
    task = d("sin(x+1)^1")  # the chain rule's inner derivative is 1: buggy = right
    assert check(task, "cos(x+1)").mistake is None
    task = d("x/(x+1)^0 + x^2")
    assert check(task, "1 + 2x").correct


def test_every_catalogued_example_is_diagnosed_as_its_own_mistake() -> None:
    for mistake in catalogue():
        task, wrong = mistake.example
        assert mistake in mistakes_for(task["kind"])
        # the diagnosis is the subject here, not the speed: a busy machine gets time
        assert check(task, wrong, seconds=20).mistake == mistake.id, mistake.id
    for mistake_id in {c[0] for c in CASES}:
        task, _ = next(m.example for m in catalogue() if m.id == mistake_id)
        assert check(task, to_text(solve(task)), seconds=20).correct, mistake_id


def test_the_step_is_found_by_its_number_in_the_worked_solution() -> None:
    feedback = check(d("x^2 + x^3 sin(x)"), "2x + 3x^2 cos(x)")
    assert feedback.mistake == "product-rule-as-product-of-derivatives"
    assert feedback.step.startswith("step 1.2 of the worked solution (Product rule)")
    text = worked_derivative(d("x^2 + x^3 sin(x)")).to_text()
    assert "1.2. Product rule:" in text
    limit = check(lim("(x^2-25)/(x+5)", "-5"), "DNE")
    assert limit.step.startswith("step 2 of the worked solution (Factor and cancel)")
    assert "\n2. Factor and cancel:" in worked_limit(lim("(x^2-25)/(x+5)", "-5")).to_text()
