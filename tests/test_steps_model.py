"""The worked-solution model: steps, checks, renderers and notation."""

import json
from dataclasses import FrozenInstanceError

import pytest
import sympy

from calcml.errors import InputError
from calcml.steps import EXPLAINER, Check, Rewrite, Solution, Step, SympyAnswer, Tidy
from calcml.steps.common import RewriteKind

x = sympy.Symbol("x", real=True)
PROBLEM = sympy.Derivative(x**2 + 2 * x, x)


def _solution() -> Solution:
    answer = SympyAnswer(problem=PROBLEM, value=2 * x + 2, method="diff")
    root = Tidy(substep=answer, tidied=sympy.factor(2 * x + 2))
    return Solution(PROBLEM, root.result, root, (Check("sympy.diff", True, 2 * x + 2),))


def test_steps_are_frozen_and_eval_derives_the_result():
    sol = _solution()
    with pytest.raises(FrozenInstanceError):
        sol.step.tidied = x
    assert sol.step.eval() == sympy.factor(2 * x + 2)
    assert sol.step.substeps[0].result == 2 * x + 2
    assert [type(s).__name__ for s in sol.step.walk()] == ["Tidy", "SympyAnswer"]


def test_rewrite_passes_through_its_substep():
    inner = SympyAnswer(problem=sympy.Derivative(x * x, x), value=2 * x, method="diff")
    step = Rewrite(original=(x + 1) ** 2, rewritten=x**2 + 2 * x + 1, kind=RewriteKind.EXPAND,
                   substep=inner)
    assert step.result == 2 * x
    assert step.expression == sympy.Derivative(x * x, x)
    assert step.equality == ((x + 1) ** 2, x**2 + 2 * x + 1)
    words = EXPLAINER.explain(step)
    assert set(words.math.values()) == {(x + 1) ** 2, x**2 + 2 * x + 1}


def test_text_rendering_numbers_steps_in_reading_order_and_reports_checks():
    text = _solution().to_text(ascii=True)
    assert text.splitlines()[0] == "d/dx (x^2 + 2*x) = 2*(x + 1)"
    assert "1. Computed by SymPy:" in text and "2. Simplify: 2*x + 2 = 2*(x + 1)" in text
    assert "Check (sympy.diff) agrees" in text


@pytest.mark.parametrize(("notation", "first_line"), [
    ("leibniz", "y = x^2 + 2*x, dy/dx = 2*(x + 1)"),
    ("lagrange", "f(x) = x^2 + 2*x, f'(x) = 2*(x + 1)"),
])
def test_notation_changes_how_the_problem_is_written(notation, first_line):
    assert _solution().to_text(notation, ascii=True).splitlines()[0] == first_line


def test_second_derivative_notation():
    sol = Solution(sympy.Derivative(x**3, (x, 2)), 6 * x,
                   SympyAnswer(problem=sympy.Derivative(x**3, (x, 2)), value=6 * x,
                               method="diff"))
    assert sol.to_text("leibniz", ascii=True).startswith("y = x^3, d^2y/dx^2 = 6*x")
    assert sol.to_text("lagrange", ascii=True).startswith("f(x) = x^3, f''(x) = 6*x")
    assert r"\frac{d^{2}y}{dx^{2}}" in sol.to_latex("leibniz")


def test_latex_html_and_json_renderings():
    sol = _solution()
    latex = sol._repr_latex_()
    assert latex.startswith(r"\[") and r"\begin{array}" in latex and "enumerate" not in latex
    assert r"\text{Check (sympy.diff) agrees}" in latex
    html = sol._repr_html_()
    assert html.startswith('<div class="calcml-solution" data-detail="normal">')
    assert "<math" in html
    data = sol.to_dict()
    json.dumps(data)
    assert data["detail"] == "normal"
    assert [set(line) for line in data["steps"]] == [{"rule", "expression", "relation", "result",
                                                      "explanation", "claim", "substeps"}] * 2
    assert [line["rule"] for line in data["steps"]] == ["Computed by SymPy", "Simplify"]
    assert [(c["method"], c["agreed"]) for c in data["checks"]] == [("sympy.diff", True)]


def test_disagreeing_check_is_shown_not_hidden():
    sol = _solution()
    bad = Solution(sol.problem, sol.result, sol.step,
                   (Check("numeric", False, detail="off by 1"),))
    assert not bad.agreed
    assert "Check (numeric) DISAGREES: off by 1" in bad.to_text()
    assert r"\text{Check (numeric) DISAGREES: off by 1}" in bad.to_latex()


def test_unknown_format_and_notation_are_clear_errors():
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        _solution().render("pdf")
    with pytest.raises(InputError, match="unknown notation 'euler'"):
        _solution().to_text("euler")


def test_a_step_class_without_words_is_named():
    class Mystery(Step):
        pass

    with pytest.raises(TypeError, match="Mystery"):
        EXPLAINER.explain(Mystery())


def test_newtons_dot_notation_in_text_ascii_and_latex():
    import calcml

    sol = calcml.derivative("t^3", "t", order=2)
    assert sol.to_text("newton").splitlines()[0].startswith("y = t³, ÿ = ")
    assert sol.to_text("newton", ascii=True).splitlines()[0].startswith("y = t^3, y'' = ")
    assert r"\ddot{y}" in sol.to_latex("newton")
