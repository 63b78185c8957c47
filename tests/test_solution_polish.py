"""The worked solutions' remaining printing and wording defects (issue 10), each fixed and
asserted on the claims, the structure or the markup, with the text mode pinned."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET

import pytest
import sympy
from sympy import Limit, log, sqrt

from calcml import integral, limit
from calcml.errors import InputError
from calcml.expr.printing import to_latex, to_mathml, to_text
from calcml.steps.base import Check, Outcome
from calcml.steps.limits.rules import (
    IndeterminateForm,
    IndeterminateValue,
    LHopitalRule,
    LimitRewrite,
    LimitRewriteKind,
    Quotient,
)
from calcml.steps.outline import outline
from calcml.steps.render_base import check_text

x = sympy.Symbol("x", real=True)
MATHML = "{http://www.w3.org/1998/Math/MathML}"


def _steps(solution, kind):
    return [s for s in solution.step.walk() if isinstance(s, kind)]


def _mathml(expr) -> ET.Element:
    return ET.fromstring(to_mathml(expr))


# 1. A one-sided limit keeps its side in MathML and LaTeX.

@pytest.mark.parametrize(("side", "sign"), [("+", "+"), ("-", "\u2212")])
def test_a_one_sided_limit_shows_its_side_in_mathml_and_latex(side, sign):
    lim = Limit(1 / x, x, 0, side)
    raised = _mathml(lim).find(f".//{MATHML}munder//{MATHML}msup")
    assert raised is not None
    assert [node.text for node in raised] == ["0", sign]
    assert rf"x \to 0^{side}" in to_latex(lim)


def test_a_two_sided_limit_and_one_at_infinity_have_no_side():
    for lim in (Limit(1 / x, x, 0, "+-"), Limit(1 / x, x, sympy.oo, "-")):
        assert _mathml(lim).find(f".//{MATHML}msup") is None


# 2. A product kept below a fraction bar is bracketed once.

def test_the_conjugate_quotient_is_bracketed_once_in_every_format():
    below = sympy.Mul(x, sqrt(x + 4) + 2, evaluate=False)
    quotient = sympy.Mul(x, sympy.Pow(below, -1, evaluate=False), evaluate=False)
    assert to_text(quotient, ascii=True) == "x/(x*(sqrt(x + 4) + 2))"
    assert to_text(quotient, ascii=False) == "x/(x(√(x + 4) + 2))"
    assert to_latex(quotient) == r"\frac{x}{x \left(\sqrt{x + 4} + 2\right)}"
    fraction = _mathml(quotient).find(f".//{MATHML}mfrac")
    assert [child.tag for child in fraction] == [f"{MATHML}mi", f"{MATHML}mrow"]


def test_the_worked_conjugate_prints_no_doubled_bracket():
    sol = limit("(sqrt(x+4)-2)/x", "x", 0)
    for ascii in (True, False):
        text = sol.to_text(detail="full", ascii=ascii)
        assert "((" not in text.replace("((√", "").replace("((sqrt", "")
        assert "/((" not in text


# 3. L'Hôpital's quotient of derivatives is a stacked fraction.

def test_lhopitals_quotient_is_a_stacked_fraction():
    sol = limit("x*ln(x)", "x", 0, "+")
    rule, = _steps(sol, LHopitalRule)
    assert rule.derivative_quotient == Quotient(1 / x, -1 / x**2)
    left, right = rule.equality
    assert left == rule.limit and right.args[0] == rule.derivative_quotient
    assert r"\frac{\frac{1}{x}}{- \frac{1}{x^{2}}}" in sol.to_latex(detail="brief")
    assert r"\frac{\frac{1}{x}}{- \frac{1}{x^{2}}}" in sol.to_latex()  # in the words too
    html = sol.to_html(detail="brief")
    assert "<mfrac><mfrac><mn>1</mn><mi>x</mi></mfrac>" in html
    assert to_text(rule.derivative_quotient, ascii=True) == "(1/x)/(-1/x^2)"


def test_the_claim_of_lhopitals_rule_is_still_the_limit_and_its_value():
    sol = limit("ln(x)/(x-1)", "x", 1)
    rule, = _steps(sol, LHopitalRule)
    assert rule.claim == (Limit(log(x) / (x - 1), x, 1, "+-"), 1)
    assert sol.verify_steps().ok


# 4. A check that could not finish neither agrees nor disagrees.

def test_an_unfinished_check_says_it_could_not_finish():
    check = Check.unfinished("sympy.limit", "SymPy's limit does not check this answer")
    assert check.outcome is Outcome.UNFINISHED and not check.agreed
    words = check_text(check)
    assert "DISAGREES" not in words and "could not finish in the time left" in words
    assert Check("m", True).outcome is Outcome.AGREES
    assert Check("m", False).outcome is Outcome.DISAGREES


def test_a_limit_whose_sympy_check_runs_out_of_time_says_unfinished(monkeypatch):
    from calcml.symbolic.limits.solver import Solver

    def stuck(self, f, a, side):
        time.sleep(30)

    monkeypatch.setattr(Solver, "sympy_limit", stuck)
    sol = limit("sin(x)/x", "x", 0, timeout=2.0)
    sympy_check = next(c for c in sol.checks if c.method == "sympy.limit")
    assert sympy_check.outcome is Outcome.UNFINISHED
    assert sol.to_dict()["checks"][0]["outcome"] == "unfinished"
    text = sol.to_text(ascii=True)
    assert "Check (sympy.limit) could not finish" in text and "DISAGREES" not in text


# 6. HTML numbers nested lines 1, 1.1, 1.1.1 as the text does, and is well formed.

def _html_numbers(element: ET.Element) -> list[str]:
    return [span.text for span in element.iter("span") if span.get("class") == "step-number"]


def test_html_numbers_nested_lines_as_the_text_does():
    sol = integral("x^2*sin(x)")
    page = ET.fromstring(sol.to_html(detail="full"))  # parses: well-formed markup
    numbers = _html_numbers(page)
    text = sol.to_text(detail="full", ascii=True).splitlines()
    assert numbers == [line.split()[0] for line in text if line.strip()[:1].isdigit()]
    assert "1.3.1." in numbers
    assert all(ol.get("style") == "list-style: none" for ol in page.iter("ol"))


# 7. The indeterminate form's line says what substitution gives, not the answer.

def test_the_indeterminate_form_line_names_the_form_not_the_value():
    sol = limit("(sqrt(x+4)-2)/x", "x", 0)
    first = outline(sol.step, "brief")[0]
    assert isinstance(first.step, IndeterminateForm)
    assert first.step.relation == "→" and first.step.claim is None
    assert first.equality == ((sqrt(x + 4) - 2) / x, IndeterminateValue("0/0"))
    assert sympy.Rational(1, 4) not in first.equality
    text = sol.to_text(detail="brief", ascii=False).splitlines()
    assert text[3] == "1. Indeterminate form: (√(x + 4) − 2)/x → 0/0"
    assert text[-4].endswith("= 1/4")  # the value closes the chain
    assert r"\to \frac{0}{0}" in sol.to_latex(detail="brief")
    assert sol.to_dict("brief")["steps"][0]["relation"] == "→"


def test_indeterminate_forms_print_as_a_textbook_writes_them():
    assert to_text(IndeterminateValue("oo/oo"), ascii=False) == "∞/∞"
    assert to_text(IndeterminateValue("oo/oo"), ascii=True) == "oo/oo"
    assert to_latex(IndeterminateValue("1^oo")) == r"1^{\infty}"
    assert _mathml(IndeterminateValue("0/0")).find(f"{MATHML}mfrac") is not None


# 8. Steps hold mathematics and role-named fields; the explainer holds the words.

def test_a_limit_rewrite_holds_its_kind_not_a_sentence():
    sol = limit("tan(3x)/x", "x", 0)
    rewrite, = _steps(sol, LimitRewrite)
    assert rewrite.kind is LimitRewriteKind.TANGENT_AS_SINE_OVER_COSINE
    assert not any(isinstance(getattr(rewrite, name), str) for name in vars(rewrite))
    assert "sin u / cos u" in sol.to_text(ascii=True)


def test_integral_steps_hold_why_the_search_stopped_as_data():
    from calcml.frontend.integrals import integrate
    from calcml.steps.integrals import definite as d

    sol = integral("1/(x^5 + 2)", timeout=None)
    step = sol.step
    assert isinstance(step, d.NoAntiderivative)
    assert (step.search, step.sympy_outcome, step.degree) == (
        d.SearchStop.NO_RULE, d.SympyOutcome.OVER_THE_ROOTS, 5)
    assert not any(isinstance(getattr(step, name), str) for name in vars(step))
    with pytest.raises(InputError, match="a sum over the 5 roots of the denominator"):
        integrate("1/(x^5 + 2)")


# 5. F(b) − F(a) with both values, then the value in its simplest form.

def test_a_definite_integral_shows_both_values_then_the_simplest_value():
    from calcml.steps.integrals.definite import Difference, FundamentalTheorem, SimplifyValue

    sol = integral("1/x", "x", "4/3", 2)
    assert sol.result == log(sympy.Rational(3, 2))
    theorem, = _steps(sol, FundamentalTheorem)
    simplified, = _steps(sol, SimplifyValue)
    assert theorem.equality[1] == Difference(log(2), log(sympy.Rational(4, 3)))
    assert simplified.claim == (log(2) - log(sympy.Rational(4, 3)), log(sympy.Rational(3, 2)))
    rules = [line.step.rule for line in outline(sol.step, "brief")]
    assert rules[-3:] == ["Fundamental theorem of calculus", "Simplify", "Signed area"]
    text = sol.to_text(detail="brief", ascii=True)
    assert ") dx = log(2) - log(4/3)" in text and "log(2) - log(4/3) = log(3/2)" in text
    assert sol.verify_steps().ok


@pytest.mark.parametrize(("integrand", "low", "high", "value"), [
    ("x/(x^2+1)", 1, 2, log(sympy.Rational(5, 2)) / 2),
    ("x^2 - 1", 0, 2, sympy.Rational(2, 3)),
    ("cos(x)", 0, "pi/2", sympy.Integer(1)),
])
def test_definite_values_end_in_their_simplest_form(integrand, low, high, value):
    sol = integral(integrand, "x", low, high)
    assert sol.result == value
    numeric = next(c for c in sol.checks if c.method == "scipy.integrate.quad")
    assert numeric.agreed and abs(float(numeric.value) - float(value)) < 1e-9


def test_a_negative_lower_value_is_bracketed_after_the_minus():
    from calcml.steps.integrals.definite import Difference

    shown = Difference(sympy.Integer(2), sympy.Integer(-3))
    assert to_text(shown, ascii=False) == "2 − (−3)"
    assert to_latex(shown) == r"2 - \left(-3\right)"
    row = _mathml(shown).find(f"{MATHML}mrow")
    assert [node.text for node in row if node.tag == f"{MATHML}mo"] == ["\u2212", "(", ")"]


# 12. No Python set or "value is diverges" in the words.

def test_no_python_set_or_diverges_as_a_value_in_the_words():
    sol = integral("x^2 - 1", "x", 0, 2)
    text = sol.to_text(detail="full", ascii=True)
    assert "{" not in text and "at x = 1" in text
    split = integral("1/(x-1)^2", "x", 0, 2)
    assert "{" not in split.to_text(detail="full", ascii=True)
    for bad in (integral("sin(x)", "x", 0, "oo"), integral("1/x", "x", 1, "oo")):
        assert "value is diverges" not in bad.divergence
        assert "value is diverges" not in bad.to_text(ascii=True)


# 10. Parts, second round: the constant is written once, the sub-step integrates x cos x.

def test_the_second_round_of_parts_integrates_what_the_assembled_line_leaves():
    from calcml.steps.integrals.methods import IntegrationByParts

    sol = integral("x^2*sin(x)")
    outer = sol.step.substep
    assert isinstance(outer, IntegrationByParts)
    assert (outer.assembled.constant, outer.assembled.remaining) == (-2, x * sympy.cos(x))
    assert outer.second_step.expression == sympy.Integral(x * sympy.cos(x), x)
    assert isinstance(outer.second_step, IntegrationByParts)
    assert outer.result == -x**2 * sympy.cos(x) + 2 * x * sympy.sin(x) + 2 * sympy.cos(x)
    text = sol.to_text(detail="brief", ascii=True)
    assert "int (-2*x*cos(x)) dx" not in text and "2*int (x*cos(x)) dx" in text
    assert sol.verify_steps().ok


# 11. The secant's rise over run brackets a negative number after a minus sign.

def test_the_secant_text_brackets_a_subtracted_negative_number():
    from calcml.numeric.delta import secant

    t = sympy.Symbol("t", real=True)
    line = secant(t**3 - 50 * t - 100, -3, -6)
    assert (line.p, line.q, line.slope, line.intercept) == ((-3, 23), (-6, -16), 13, 62)
    text = line.to_text()
    assert "(-16 - 23) / (-6 - (-3)) = 13" in text and "- -" not in text
    assert text.splitlines()[-1] == "line: y = 13 x + 62"
    falling = secant(-t**2, 1, 3)
    assert falling.intercept == 3 and falling.to_text().splitlines()[-1] == "line: y = -4 x + 3"
    assert secant(t**2, 1, 3).to_text().splitlines()[-1] == "line: y = 4 x - 3"


# 9. A gradient at a point is a vector, a Hessian at a point a matrix, in every format.

def test_a_hessian_at_a_point_prints_as_a_matrix_and_a_gradient_as_a_vector():
    from calcml.symbolic.partials.partial import gradient, hessian

    hess = hessian("x^2*y - 3y^2", at="x=2, y=1")
    lines = hess.to_text(ascii=False).splitlines()
    assert lines[0].startswith("⎡") and lines[1].startswith("⎣")
    assert lines[0].endswith("at (x, y) = (2, 1) = ⎡2   4⎤") and lines[1].endswith("⎣4  −6⎦")
    assert "[[" not in hess.to_text(ascii=False)
    assert r"\right|_{x = 2, y = 1} = \left[\begin{matrix}2 & 4\\4 & -6\end{matrix}\right]" \
        in hess.to_latex()
    page = ET.fromstring(hess.to_html())
    problem = page.find("p")
    assert [len(list(t.iter(f"{MATHML}mtr"))) for t in problem.iter(f"{MATHML}mtable")] == [
        2, 2]
    assert hess.to_dict()["problem"].startswith("[[")  # programs keep the list of rows
    grad = gradient("x^2*y - 3y^2", at="x=2, y=1")
    assert grad.to_text(ascii=False).splitlines()[0].endswith("at (x, y) = (2, 1) = (4, −2)")


def test_the_cli_prints_the_decimals_of_a_hessian_as_a_matrix(calcml):
    code, out, _ = calcml("hessian", "x^2*y - 3y^2", "--at", "x=2,y=1", "--ascii")
    assert code == 0 and "[[" not in out
    lines = out.splitlines()
    assert lines[2] == "  about [2   4]"
    assert lines[3] == "        [4  -6]; the function's value there is 1"


# Found trying it as a learner: MathML wrote ∂²/∂²x and dropped the bracket around a sum.

def test_mathml_derivatives_bracket_a_sum_and_raise_the_variable():
    y = sympy.Symbol("y")
    second = _mathml(sympy.Derivative(x**2 * y - 3 * y**2, (x, 2)))
    frac = second.find(f".//{MATHML}mfrac")
    below = frac[1]
    assert [node.tag for node in below] == [f"{MATHML}mo", f"{MATHML}msup"]
    assert [node.text for node in below[1]] == ["x", "2"]
    operand = second.find(f"{MATHML}mrow")[1]
    assert operand[0].text == "(" and operand[-1].text == ")"
    plain = _mathml(sympy.Derivative(sympy.sin(x), x)).find(f"{MATHML}mrow")[1]
    assert plain[0].text == "sin"


def test_the_e_limit_is_not_raised_to_the_power_one():
    from calcml.steps.limits.rules import StandardLimit

    plain, scaled = limit("(1+1/x)^x", "x", sympy.oo), limit("(1+2/x)^x", "x", sympy.oo)
    assert [_steps(s, StandardLimit)[0].scale for s in (plain, scaled)] == [1, 2]
    assert (plain.result, scaled.result) == (sympy.E, sympy.E**2)
    assert "power 1 " not in plain.to_text(ascii=True)
    assert "raised to the power 2" in scaled.to_text(ascii=True)


# Found trying it as a learner: the split integral's antiderivative was worked out once per
# piece, and ∫ from -1 to 1 of 1/x was said to diverge "by oscillation".

def test_a_split_integral_works_its_antiderivative_out_once():
    sol = integral("exp(-x^2)", "x", "-oo", "oo")
    lines = [line for line in outline(sol.step, "full")[0].children]
    rules = [line.step.rule for line in lines]
    assert rules == ["Special function", "Improper integral as a limit",
                     "Improper integral as a limit"]
    assert sol.result == sqrt(sympy.pi)


def test_infinite_pieces_of_opposite_sign_are_not_an_oscillation():
    sol = integral("1/x", "x", -1, 1)
    assert sol.diverges and "oscillation" not in sol.divergence
    assert "a piece of it is infinite" in sol.divergence
    assert "oscillation" in integral("sin(x)", "x", 0, "oo").divergence


def test_an_infinite_limit_by_substitution_gives_the_reason_that_fits():
    from calcml.steps.limits.rules import DirectSubstitution
    from calcml.steps.words import explain

    t = sympy.Symbol("t", real=True)
    for f, fits, wrong in ((log(sympy.Abs(t)), "logarithm", "over a quantity"),
                           (-1 - 1 / (t - 1), "over a quantity that tends to 0", "logarithm")):
        sol = limit(f, t, 0 if f.has(log) else 1, "-")
        step, = _steps(sol, DirectSubstitution)
        words = explain(step).template
        assert step.value.is_infinite and fits in words and wrong not in words
        assert "tends to 0)" not in words  # not the reason for a finite limit


def test_a_derivative_of_a_product_brackets_the_product_in_latex_and_mathml():
    product = sympy.Derivative(sqrt(x) * sympy.exp(x), x)
    assert to_latex(product) == r"\frac{d}{d x} \left(\sqrt{x} e^{x}\right)"
    assert to_latex(sympy.Derivative(x**2, x)) == r"\frac{d}{d x} x^{2}"
    operand = _mathml(product).find(f"{MATHML}mrow")[1]
    assert operand[0].text == "(" and operand[-1].text == ")"


def test_a_differential_of_one_is_written_du_equals_dx():
    for text in ("x*cos(x)", "1/(x+1)"):
        words = integral(text).to_text(ascii=True)
        assert "1 dx" not in words and "du = dx" in words
    assert "du = 2*x dx" in integral("x*cos(x^2)").to_text(ascii=True)
