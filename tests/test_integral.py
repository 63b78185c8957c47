"""Worked integrals: the course's values, one test per rule family, real forms, improper
integrals, checks against quad, and rendering with + C."""

import json

import pytest
import sympy
from sympy import oo

from calcml.errors import InputError
from calcml.steps.integrals.definite import DIVERGES
from calcml.steps.integrals.methods import Liate
from calcml.symbolic.integrals import integral as engine
from calcml.symbolic.integrals.check import quad

x = sympy.Symbol("x", real=True)
GENEROUS = 120.0
"""The wall-clock guard of these tests: results never depend on it (the rule search is
bounded by its work), so on a busy machine they only need room to finish."""


def integral(*args, timeout: float | None = GENEROUS):
    return engine.integral(*args, timeout=timeout)


def rules(solution) -> set[str]:
    return {type(step).__name__ for step in solution.step.walk()}


def differentiates_back(F: sympy.Expr, f: sympy.Expr) -> bool:
    """F' = f at every test point where f is real (at least two), evaluated by evalf."""
    derivative, used = sympy.diff(F, x), 0
    for point in (0.37, 0.81, 1.9, 3.3, -0.45, -1.3, -2.6):
        expected = complex(f.subs(x, point).evalf(30))
        if abs(expected.imag) > 1e-12 or expected != expected:
            continue
        got = complex(derivative.subs(x, point).evalf(30))
        if abs(got - expected) > 1e-9 * (1 + abs(expected)):
            return False
        used += 1
    return used >= 2


def test_the_course_values():
    assert integral("x/2", "x", 1, 2).result == sympy.Rational(3, 4)
    assert integral("2x", "x", 3, 4).result == 7


@pytest.mark.parametrize("text, rule", [
    ("5", "ConstantIntegralRule"), ("x^3", "PowerIntegralRule"), ("1/x", "ReciprocalRule"),
    ("3x^2", "ConstantMultipleIntegralRule"), ("x^2 + x", "SumIntegralRule"),
    ("e^x", "ExpIntegralRule"), ("2^x", "ExpIntegralRule"), ("sin(x)", "SinRule"),
    ("cos(x)", "CosRule"), ("sec(x)^2", "Sec2Rule"), ("csc(x)^2", "Csc2Rule"),
    ("sec(x) tan(x)", "SecTanRule"), ("csc(x) cot(x)", "CscCotRule"), ("sinh(x)", "SinhRule"),
    ("cosh(x)", "CoshRule"), ("1/(1 + x^2)", "ArctanRule"), ("1/sqrt(1 - x^2)", "ArcsinRule"),
    ("1/sqrt(1 + x^2)", "ArcsinhRule"), ("2x cos(x^2)", "USubstitution"),
    ("x e^x", "IntegrationByParts"), ("ln(x)", "IntegrationByParts"),
    ("e^x sin(x)", "CyclicParts"), ("1/(x*(x + 1))", "PartialFractions"),
    ("sin(x)^2", "RewriteIntegrand"), ("1/sqrt(x^2 + 2x + 5)", "CompleteSquare"),
    ("sqrt(16x^2 - 9)/x", "TrigSubstitution"), ("sqrt(1 - x^2)", "TrigSubstitution"),
    ("sqrt(x^2 + 1)", "SqrtQuadraticRule"),
    ("x^2/sqrt(9 - x^2)", "SqrtQuadraticDenomRule"), ("e^(-x^2)", "SpecialFunctionRule"),
    ("1/(x^4 + 1)", "SympyIntegrate"),
])
def test_each_rule_family_names_its_rule_and_differentiates_back(text, rule):
    solution = integral(text)
    assert rule in rules(solution)
    assert solution.agreed and solution.checks[0].method == "differentiate back"
    assert differentiates_back(solution.result, solution.problem.function)


def test_reciprocal_keeps_the_absolute_value():
    assert integral("1/x").result == sympy.log(sympy.Abs(x))


def test_parts_says_why_u_was_chosen():
    parts = next(s for s in integral("x ln(x)").step.walk()
                 if type(s).__name__ == "IntegrationByParts")
    assert parts.u == sympy.log(x) and parts.u_kind is Liate.LOGARITHM
    assert "LIATE" in integral("x e^x").to_text()


def test_u_substitution_says_let_u():
    text = integral("2x cos(x^2)").to_text()
    assert "let u = x². Then du = 2x dx" in text


def test_the_real_form_replaces_a_complex_or_one_sided_answer():
    solution = integral("sqrt(16x^2 - 9)/x")
    s = sympy.sqrt(16 * x**2 - 9)
    assert solution.result == s - 3 * sympy.atan(s / 3)
    assert "RealForm" in rules(solution) and solution.agreed
    assert not solution.result.has(sympy.I)


def test_a_complex_branch_is_never_shown():
    solution = integral("x/sqrt(1 - x^4)")
    assert solution.result == sympy.asin(x**2) / 2 and solution.agreed
    assert not any(step.result.has(sympy.I) for step in solution.step.walk())
    assert "acosh" not in solution.to_text()


def test_a_sympy_piecewise_answer_in_x_is_kept():
    assert integral("abs(x)", "x", -1, 2).result == sympy.Rational(5, 2)


@pytest.mark.parametrize("text, a, b, value", [
    ("1/x^2", 1, "oo", 1), ("1/sqrt(x)", 0, 1, 2), ("e^(-x)", 0, "oo", 1),
    ("e^(-x^2)", "-oo", "oo", sympy.sqrt(sympy.pi)), ("1/(1 + x^2)", "-oo", "oo", sympy.pi),
])
def test_convergent_improper_integrals_are_limits(text, a, b, value):
    solution = integral(text, "x", a, b)
    assert solution.result == value and solution.agreed
    assert "ImproperIntegral" in rules(solution)
    assert "converges" in solution.to_text()


@pytest.mark.parametrize("text, a, b, value", [
    ("1/x", 1, "oo", oo), ("1/x^2", -1, 1, oo), ("sin(x)", 0, "oo", DIVERGES),
    ("1/x", 0, 1, oo),
])
def test_divergent_integrals_say_so(text, a, b, value):
    solution = integral(text, "x", a, b)
    assert solution.result == value and solution.diverges
    assert "diverges" in solution.to_text()


@pytest.mark.parametrize("text, a, b", [
    ("x^2 - 1", 0, 2), ("sin(x)", 0, "pi"), ("x e^x", -1, 1), ("ln(x)", 1, "e"),
    ("1/(x*(x + 1))", 1, 3), ("sqrt(16x^2 - 9)/x", -3, -1), ("cos(x)^3", 0, "pi/3"),
])
def test_definite_values_agree_with_scipy_quad(text, a, b):
    solution = integral(text, "x", a, b)
    quad_check = solution.checks[-1]
    assert quad_check.method == "scipy.integrate.quad" and quad_check.agreed
    f = solution.problem.function
    value, _, _ = quad(f, x, solution.problem.limits[0][1], solution.problem.limits[0][2])
    assert float(solution.result) == pytest.approx(value, rel=1e-8, abs=1e-10)


def test_signed_area_names_where_the_sign_changes():
    solution = integral("x^2 - 1", "x", 0, 2)
    assert solution.step.roots == (1,)
    assert solution.step.piece_values == (sympy.Rational(-2, 3), sympy.Rational(4, 3))
    assert "changes sign" in solution.to_text()


def test_no_antiderivative_is_said_plainly_and_a_definite_one_is_numeric():
    solution = integral("sqrt(tan(x))")
    assert solution.antiderivative is None
    assert "No antiderivative" in solution.to_text()
    definite = integral("sqrt(tan(x))", "x", 0, 1)
    assert float(definite.result) == pytest.approx(0.7272982493435, rel=1e-9)
    assert definite.agreed and definite.checks[0].method == "mpmath.quad"


def test_rendering_shows_plus_c():
    solution = integral("x^2")
    assert solution.result == x**3 / 3
    assert solution.to_text().startswith("∫ x² dx = x³/3 + C")
    assert r"\frac{x^{3}}{3} + C" in solution.to_latex()
    assert "<mi>C</mi>" in solution.to_html()
    data = json.loads(json.dumps(solution.to_dict()))
    assert data["result"] == "x³/3 + C"
    assert data["steps"][-1]["rule"] == "Add the constant of integration"


def test_definite_rendering_has_no_constant():
    text = integral("x/2", "x", 1, 2).to_text()
    assert text.startswith("∫₁² (x/2) dx = 3/4") and "+ C" not in text
    assert "F(2) − F(1) = 1 − 1/4" in text


@pytest.mark.parametrize("args, message", [
    (("",), "empty"), (("x^",), "column"), (("x", "x", 1), "both bounds"),
    (("x", "x", "a", 2), "lower bound"), (("x", "x", 0, "zz + 1"), "upper bound"),
    (("sqrt(x)", "x", -1, 1), "not a real number"), (("x", "2y"), "variable"),
    (("x e^(-a x)", "x", 0, "oo"), "depends on the value of a"),
])
def test_bad_input_raises_input_error(args, message):
    with pytest.raises(InputError, match=message):
        integral(*args)


def test_a_parameter_stays_symbolic():
    a = sympy.Symbol("a", real=True)
    assert integral("a x", "x", 0, 1).result == a / 2
    assert integral("x y", "y").result == sympy.Symbol("x", real=True) * \
        sympy.Symbol("y", real=True) ** 2 / 2


def test_the_time_limit_is_kept():
    from calcml.errors import TimeLimitError

    with pytest.raises(TimeLimitError):
        integral("x e^x sin(x)^3 / (1 + cos(x))", timeout=0.001)
