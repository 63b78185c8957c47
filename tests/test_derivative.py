"""Derivatives with worked steps: the course's numbers, each rule, renderings and errors."""

from __future__ import annotations

import importlib
import importlib.util
import math
import re
from pathlib import Path

import pytest
import sympy

from calcml.errors import InputError, ParseError
from calcml.expr.functions import sigmoid, softplus
from calcml.expr.parser import parse
from calcml.expr.printing import to_text
from calcml.steps.common import SympyAnswer, Tidy
from calcml.steps.derivatives.functions import FAMILIES, FORMULAS
from calcml.steps.derivatives.words import (
    AbsRule,
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    ExponentialRule,
    ExpRule,
    GeneralPowerRule,
    HyperbolicRule,
    InverseHyperbolicRule,
    InverseTrigRule,
    LogarithmicDifferentiation,
    LogBaseRule,
    LogRule,
    PowerRule,
    ProductRule,
    QuotientRule,
    ReluRule,
    SigmoidRule,
    SoftplusRule,
    SuccessiveDerivatives,
    SumRule,
    TrigRule,
    VariableRule,
)
from calcml.steps.explain import EXPLAINER
from calcml.symbolic.derivatives.check import same_derivative
from calcml.symbolic.derivatives.derivative import derivative, derivative_steps
from calcml.symbolic.numeval import numeric_value

x = sympy.Symbol("x", real=True)


def test_course_example_derivative_and_slopes():
    sol = derivative("x^2 + 2x + 2")
    assert sol.result == 2 * x + 2
    assert sol.result.subs(x, 2) == 6
    assert sol.result.subs(x, -1) == 0
    assert sol.problem == sympy.Derivative(x**2 + 2 * x + 2, (x, 1))
    assert isinstance(sol.step, SumRule)
    assert sol.agreed and sol.checks[0].method == "sympy.diff"
    assert sol.checks[0].value == 2 * x + 2


def test_course_autodiff_example_y_equals_x_squared_at_5(torch):
    sol = derivative(x**2, x)
    assert sol.result.subs(x, 5) == 10
    t = torch.tensor(5.0, requires_grad=True)
    (t**2).backward()
    assert t.grad.item() == 10.0


def test_a_plain_symbol_means_the_parsers_real_one():
    assert derivative("x^2", sympy.Symbol("x")).result == 2 * x
    assert derivative("x^2", var="y").result == 0


def test_sympy_input_and_symbol_var():
    t = sympy.Symbol("t", real=True)
    assert derivative(t**3 - t, t).result == 3 * t**2 - 1
    assert derivative("theta^2", var="theta").result == 2 * sympy.Symbol("theta", real=True)


RULES = [
    ("5", ConstantRule, "0"),
    ("x", VariableRule, "1"),
    ("7x^3", ConstantMultipleRule, "21x²"),
    ("x^2 - 3x", SumRule, "2x − 3"),
    ("x^10", PowerRule, "10x⁹"),
    ("x^-2", PowerRule, "−2/x³"),
    ("1/x", PowerRule, "−1/x²"),
    ("sqrt(x)", PowerRule, "1/(2√x)"),
    ("x^(1/3)", PowerRule, "1/(3x^(2/3))"),
    ("x sin(x)", ProductRule, "x·cos(x) + sin(x)"),
    ("sin(x)/x", QuotientRule, "(x·cos(x) − sin(x))/x²"),
    ("sin(3x + 1)", ChainRule, "3cos(3x + 1)"),
    ("(x^2 + 1)^3", GeneralPowerRule, "6x(x² + 1)²"),
    ("sqrt(x^2 + 1)", GeneralPowerRule, "x/√(x² + 1)"),
    ("e^x", ExpRule, "eˣ"),
    ("2^x", ExponentialRule, "2ˣ·ln(2)"),
    ("ln(x)", LogRule, "1/x"),
    ("log(x, 2)", LogBaseRule, "1/(x·ln(2))"),
    ("sin(x)", TrigRule, "cos(x)"),
    ("cos(x)", TrigRule, "−sin(x)"),
    ("tan(x)", TrigRule, "tan(x)² + 1"),
    ("cot(x)", TrigRule, "−cot(x)² − 1"),
    ("sec(x)", TrigRule, "tan(x)·sec(x)"),
    ("csc(x)", TrigRule, "−cot(x)·csc(x)"),
    ("asin(x)", InverseTrigRule, "1/√(1 − x²)"),
    ("acos(x)", InverseTrigRule, "−1/√(1 − x²)"),
    ("atan(x)", InverseTrigRule, "1/(x² + 1)"),
    ("acot(x)", InverseTrigRule, "−1/(x² + 1)"),
    ("sinh(x)", HyperbolicRule, "cosh(x)"),
    ("cosh(x)", HyperbolicRule, "sinh(x)"),
    ("tanh(x)", HyperbolicRule, "1 − tanh(x)²"),
    ("coth(x)", HyperbolicRule, "−1/sinh(x)²"),
    ("sech(x)", HyperbolicRule, "−tanh(x)·sech(x)"),
    ("asinh(x)", InverseHyperbolicRule, "1/√(x² + 1)"),
    ("atanh(x)", InverseHyperbolicRule, "1/(1 − x²)"),
    ("sigmoid(x)", SigmoidRule, "(1 − sigmoid(x))·sigmoid(x)"),
    ("softplus(x)", SoftplusRule, "sigmoid(x)"),
    ("relu(x)", ReluRule, to_text(sympy.Heaviside(x, 0))),
    ("abs(x)", AbsRule, "sign(x)"),
    ("x^x", LogarithmicDifferentiation, "xˣ·(ln(x) + 1)"),
]


@pytest.mark.parametrize(("text", "cls", "result"), RULES)
def test_each_rule_has_its_step_class(text, cls, result):
    f = parse(text)
    step = derivative_steps(f, x)
    assert type(step) is cls
    expected = sympy.diff(f, x)
    assert step.result == expected or (step.result - expected).equals(0)


@pytest.mark.parametrize(("text", "cls", "result"), RULES)
def test_rule_results_read_as_expected(text, cls, result):
    sol = derivative(text)
    rule_step = sol.render("json")["steps"][0]  # the method first; a tidy-up follows it
    assert rule_step["result"] == result
    assert rule_step["rule"] == cls.rule


@pytest.mark.parametrize("function", list(FORMULAS), ids=lambda f: f.__name__)
def test_formula_table_matches_sympy_for_every_function(function):
    u = sympy.Symbol("u", real=True)
    assert FORMULAS[function](u) == sympy.diff(function(u), u)
    assert function in FAMILIES


def test_check_reports_a_wrong_derivative():
    agreed, detail = same_derivative(2 * x + 1, 2 * x, x, x**2)
    assert not agreed and detail.startswith("differ at x = 0.31831")
    assert same_derivative(x * (x + 2), x**2 + 2 * x, x) == (
        True, "equal at 4 sample points (numeric comparison)")


def test_check_tells_apart_forms_that_agree_only_for_positive_x():
    agreed, detail = same_derivative(x**2 / 2, x * sympy.Abs(x) / 2, x, sympy.Abs(x))
    assert not agreed and detail.startswith("differ at x = -0.577")


def test_numeric_evaluator_matches_evalf_and_knows_the_real_domain():
    f = sigmoid(x) * sympy.asin(x / 2) + sympy.Abs(x - 1) * sympy.Heaviside(x, 0)
    for x0 in (-1.5, 0.0, 0.4, 1.9):
        expected = complex(f.subs(x, sympy.Float(x0)).evalf())
        assert numeric_value(f, {x: x0}) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    with pytest.raises(ValueError, match="not real"):
        numeric_value(sympy.asin(x), {x: 2.0}, real=True)
    with pytest.raises(ZeroDivisionError):
        numeric_value(1 / x, {x: 0.0})


def test_check_compares_only_where_the_function_is_real():
    f = sympy.Abs(sympy.asec(x))
    sol = derivative(f, x)
    assert sol.agreed and "numeric" in sol.checks[0].detail


def test_non_expression_input_is_an_input_error():
    with pytest.raises(InputError, match="expression"):
        derivative(sympy.Eq(x, 1), x)


def test_chain_rule_fields_and_explanation():
    step = derivative_steps(sympy.sin(3 * x + 1), x)
    assert isinstance(step, ChainRule)
    u = step.u_var
    assert u.name == "u"
    assert step.inner == 3 * x + 1
    assert step.outer == sympy.sin(u)
    assert step.outer_step.result == sympy.cos(u)
    assert step.inner_step.result == 3
    text = derivative(sympy.sin(3 * x + 1), x).to_text()
    assert "Let u = 3x + 1. Then d/dx (u) = 3" in text


def test_nested_chain_uses_a_new_letter_at_each_depth():
    sol = derivative("sin(cos(tan(e^(2x))))")
    letters = [s.u_var.name for s in sol.step.walk() if isinstance(s, ChainRule)]
    assert letters == ["u", "v", "w", "t"]
    assert sol.agreed


def test_chain_letter_avoids_the_functions_own_symbols():
    sol = derivative("u sin(x^3 + 1)")
    chain = next(s for s in sol.step.walk() if isinstance(s, ChainRule))
    assert chain.u_var.name == "v"
    assert sol.agreed


def test_general_power_rule_is_named_as_such():
    sol = derivative("(3x + 1)^5")
    assert isinstance(sol.step, GeneralPowerRule)
    assert sol.result == 15 * (3 * x + 1) ** 4
    assert "General power rule" in sol.to_text()


def test_product_rule_with_three_factors():
    step = derivative_steps(x * sympy.exp(x) * sympy.sin(x), x)
    assert isinstance(step, ProductRule) and len(step.factor_steps) == 3
    assert sympy.expand(step.result - sympy.diff(step.function, x)) == 0


def test_quotient_rule_fields():
    step = derivative_steps((x**2 + 1) / (x - 1), x)
    assert isinstance(step, QuotientRule)
    assert (step.numerator, step.denominator) == (x**2 + 1, x - 1)
    assert (step.numerator_step.result, step.denominator_step.result) == (2 * x, 1)


def test_relu_derivative_is_zero_at_the_kink_like_pytorch(torch):
    sol = derivative("relu(x)")
    for x0 in (-1.5, 0.0, 2.0):
        t = torch.tensor(x0, requires_grad=True)
        torch.relu(t).backward()
        assert float(sol.result.subs(x, x0)) == t.grad.item()
    assert "as PyTorch does" in sol.to_text()


def test_abs_derivative_is_sign_with_a_note_at_zero():
    sol = derivative("|x|")
    assert sol.result == sympy.sign(x)
    assert "no derivative" in sol.to_text()


@pytest.mark.parametrize("x0", [-2.0, -0.3, 0.0, 0.7, 3.0])
def test_ml_functions_agree_with_pytorch(x0, torch):
    for f, torch_f in ((sigmoid(x), torch.sigmoid),
                       (softplus(x), torch.nn.functional.softplus),
                       (sympy.tanh(x), torch.tanh)):
        t = torch.tensor(x0, dtype=torch.float64, requires_grad=True)
        torch_f(t).backward()
        value = float(derivative(f, x).result.subs(x, x0).evalf())
        assert value == pytest.approx(t.grad.item(), rel=1e-12)


def test_sigmoid_derivative_is_sigma_times_one_minus_sigma():
    assert derivative(sigmoid(x), x).result == sigmoid(x) * (1 - sigmoid(x))
    assert derivative(sigmoid(x), x).result.subs(x, 0) == sympy.Rational(1, 4)


@pytest.mark.parametrize("text", ["x^3 sin(x)", "e^(-x^2)", "ln(x^2 + 1)/(x + 1)",
                                  "x^sin(x)", "atan(1/x)", "sqrt(1 - x^2)"])
def test_agrees_with_central_finite_differences(text):
    sol = derivative(text)
    f = sympy.lambdify(x, sol.problem.expr, "math")
    df = sympy.lambdify(x, sol.result, "math")
    h = 1e-6
    for x0 in (0.3, 0.55, 0.8):
        assert df(x0) == pytest.approx((f(x0 + h) - f(x0 - h)) / (2 * h), rel=1e-6, abs=1e-8)


def test_tidy_step_when_simplifying_changes_the_form():
    sol = derivative(x**2 * sympy.exp(x), x)
    assert isinstance(sol.step, Tidy)
    assert sol.result == x * (x + 2) * sympy.exp(x)
    assert sol.step.substep.result == x**2 * sympy.exp(x) + 2 * x * sympy.exp(x)
    assert sol.agreed


def test_no_tidy_step_for_the_course_polynomial():
    assert not isinstance(derivative("x^2 + 2x + 2").step, Tidy)


def test_unknown_function_is_an_explicit_sympy_step():
    sol = derivative("heaviside(x)")
    assert isinstance(sol.step, SympyAnswer)
    assert sol.result == sympy.DiracDelta(x)
    assert "No rule of calcml's applies" in sol.to_text()


def test_higher_order_derivatives_are_successive():
    sol = derivative("x^4", order=3)
    assert isinstance(sol.step, SuccessiveDerivatives)
    assert sol.result == 24 * x
    assert [d.result for d in sol.step.derivations] == [4 * x**3, 12 * x**2, 24 * x]
    assert sol.problem == sympy.Derivative(x**4, (x, 3))
    assert sol.agreed
    assert sol.to_text().startswith("d³/dx³ (x⁴) = 24x")


def test_second_derivative_of_sigmoid_and_twentieth_of_exponential():
    second = derivative(sigmoid(x), x, order=2)
    assert second.agreed
    assert float(second.result.subs(x, 0).evalf()) == pytest.approx(0.0, abs=1e-15)
    assert derivative("e^(2x)", order=20).result == 2**20 * sympy.exp(2 * x)


def test_sigmoid_derivatives_at_zero_follow_from_its_odd_symmetry():
    # sigma(x) = 1/2 + tanh(x/2)/2 = 1/2 + x/4 - x^3/48 + ...: even orders vanish at 0.
    third = derivative(sigmoid(x), x, order=3)
    assert third.agreed and third.result.subs(x, 0) == sympy.Rational(-1, 8)
    twentieth = derivative(sigmoid(x), x, order=20, timeout=None)
    assert twentieth.agreed and twentieth.result.subs(x, 0) == 0
    assert sympy.Poly(twentieth.result.subs(sigmoid(x), sympy.Symbol("s"))).degree() == 21


@pytest.mark.parametrize("order", [0, -1, 2.5, 21, 10**9, True, "2", None])
def test_bad_order_says_how_to_fix_it(order):
    with pytest.raises(InputError, match="order=1"):
        derivative("x^2", order=order)


@pytest.mark.parametrize("var", ["2x", "x y", "", 3])
def test_bad_variable_is_an_input_error(var):
    with pytest.raises(InputError, match="variable"):
        derivative("x^2", var=var)


def test_bad_text_is_a_parse_error():
    with pytest.raises(ParseError):
        derivative("x^^2")


def test_runs_without_a_time_limit_too():
    assert derivative("x^2", timeout=None).result == 2 * x


def test_renderings_in_every_format_and_notation():
    sol = derivative("sin(3x + 1)")
    assert sol.to_text().startswith("d/dx (sin(3x + 1)) = 3cos(3x + 1)")
    latex = sol.to_latex()
    assert r"\frac{d}{d x}" in latex and r"\text{Chain rule: }" in latex
    assert "<math" in sol.to_html() and "<strong>Chain rule</strong>" in sol.to_html()
    data = sol.to_dict()
    assert set(data) == {"problem", "result", "result_latex", "detail", "steps", "checks"}
    assert set(data["steps"][0]) == {"rule", "expression", "relation", "result",
                                     "explanation", "claim", "substeps"}
    assert data["checks"][0]["agreed"] is True
    assert "dy/dx = 3cos(3x + 1)" in sol.to_text("leibniz")
    assert "f'(x) = 3cos(3x + 1)" in sol.to_text("lagrange")


_TEX_SPECIAL = re.compile(r"[\^_{}\\$%&#<>|~]")


def _corpus() -> tuple[str, ...]:
    """The benchmark's corpus, loaded by path (benchmarks/ is not an installed package)."""
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "derivative_corpus.py"
    spec = importlib.util.spec_from_file_location("derivative_corpus", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DERIVATIVES


def _all_steps():
    for text in _corpus()[::3]:
        yield from derivative(text).step.walk()


def test_explanation_words_need_no_escaping_in_latex():
    for step in _all_steps():
        words = EXPLAINER.explain(step)
        literal = words.template.format(**dict.fromkeys(words.math, ""))
        assert not _TEX_SPECIAL.search(literal), (type(step).__name__, literal)


def test_every_step_class_renders_in_all_formats():
    seen = set()
    for text in ("x^2 sin(x) + e^x/x - 3 ln(x) + 2^x + log(x, 3) + atan(x) + cosh(x)",
                 "sigmoid(x) + softplus(x) + relu(x) + |x| + x^x + (x + 1)^3 + heaviside(x)"):
        sol = derivative(text)
        seen |= {type(s).__name__ for s in sol.step.walk()}
        for fmt in ("text", "latex", "html", "json"):
            assert sol.render(fmt)
    assert len(seen) >= 20


def test_corpus_all_agree_with_sympy():
    corpus = _corpus()
    assert len(corpus) == 200
    fallbacks = 0
    for text in corpus:
        sol = derivative(text)
        assert sol.agreed, text
        fallbacks += isinstance(sol.step, SympyAnswer)
    assert fallbacks == 1


def test_constant_multiple_with_a_parameter():
    a = sympy.Symbol("a", real=True)
    sol = derivative(a * x**3, x)
    assert sol.result == 3 * a * x**2
    assert sol.step.constant == a
    assert math.isclose(float(sol.result.subs({a: 2, x: 1})), 6.0)


@pytest.mark.parametrize(("text", "simplest"), [
    ("sqrt(x^2+1)/x", -1 / (x**2 * sympy.sqrt(x**2 + 1))),
    ("(x^2-1)/(x-1)", sympy.Integer(1)),
    ("(x+1)/(x-1)", -2 / (x - 1) ** 2),
])
def test_the_answer_is_over_one_denominator_when_that_is_simpler(text, simplest):
    sol = derivative(text)
    assert sol.result == simplest
    assert sympy.simplify(sol.result - sympy.diff(parse(text), x)) == 0
