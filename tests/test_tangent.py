"""The tangent line: the course's numbers, exact values, errors, and property tests."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import InputError
from calcml.expr.functions import to_elementary
from calcml.numeric.delta import delta_table
from calcml.symbolic.derivatives.tangent import Tangent, tangent

x = sympy.Symbol("x", real=True)
COURSE = "x^2 + 2x + 2"


def test_course_tangent_at_two():
    t = tangent(COURSE, at=2)
    assert isinstance(t, Tangent)
    assert t.point == (2, 10)
    assert (t.slope, t.intercept) == (6, -2)
    assert t.line == 6 * x - 2
    assert t.solution.result == 2 * x + 2 and t.solution.agreed
    assert "Line: y = 6x − 2" in t.to_text()
    assert str(t) == t.to_text()


def test_course_tangent_at_the_minimum_is_flat():
    t = tangent(COURSE, at=-1)
    assert t.point == (-1, 1)
    assert t.slope == 0
    assert t.line == 1


def test_slope_is_the_limit_of_the_course_secant_slopes():
    t = tangent(COURSE, at=2)

    def f(v: float) -> float:
        return v**2 + 2 * v + 2

    secants = [(f(2 + dx) - f(2)) / dx for dx in (1.0, 0.1, 1e-3, 1e-6)]
    assert secants[0] == pytest.approx(7.0) and secants[1] == pytest.approx(6.1)
    assert secants[-1] == pytest.approx(t.slope_float, abs=1e-5)


def test_exact_values_with_floats_available():
    t = tangent("sin(x)", at="pi/4")
    root2 = sympy.sqrt(2)
    assert t.point == (sympy.pi / 4, root2 / 2)
    assert t.slope == root2 / 2
    assert sympy.simplify(t.intercept - (root2 / 2 - root2 * sympy.pi / 8)) == 0
    assert t.point_float == pytest.approx((0.7853981634, 0.7071067812))
    assert t.slope_float == pytest.approx(0.7071067812)
    assert t(0.7853981634) == pytest.approx(0.7071067812)


def test_float_point_becomes_exact():
    t = tangent("sqrt(x)", at=0.25)
    assert t.point == (sympy.Rational(1, 4), sympy.Rational(1, 2))
    assert t.line == x + sympy.Rational(1, 4)


def test_relu_at_its_kink_has_no_tangent_by_the_delta_methods_rule():
    """The one rule for kinks: calcml.tangent and the delta table agree that relu has no
    derivative at 0 (slope 0 just left, 1 just right), whatever autodiff's convention."""
    with pytest.raises(InputError, match="slope just left of it is 0 and just right of it is 1"):
        tangent("relu(x)", at=0)
    assert delta_table("relu(x)", 0).derivative is None
    assert tangent("relu(x)", at=1).slope == delta_table("relu(x)", 1).derivative == 1


def test_a_python_callable_gets_the_numeric_tangent():
    t = tangent(lambda v: v**2 + 2 * v + 2, at=2)
    assert not t.exact and t.solution is None
    assert t.slope_float == pytest.approx(6, abs=1e-8)
    assert t.intercept_float == pytest.approx(-2, abs=1e-7)
    assert t(3.0) == pytest.approx(16, abs=1e-7)
    assert "central difference" in t.to_text() and t.to_dict()["derivative"] is None
    with pytest.raises(InputError, match="kink at x = 0"):
        tangent(abs, at=0)


def test_smooth_absolute_value_is_fine_at_zero():
    assert tangent("|x^3|", at=0).line == 0


@pytest.mark.parametrize(("expr", "at", "words"), [
    ("1/x", 0, "1/x is not defined or not finite at x = 0"),
    ("sqrt(x)", 0, "slope f'(x) = 1/(2√x) is not defined or not finite at x = 0"),
    ("ln(x)", -1, "not a real number at x = −1"),
    ("abs(x)", 0, "kink at x = 0"),
    ("abs(x - 1)", 1, "kink at x = 1"),
    ("a x^2", 1, "other symbols"),
    ("x^2", "y", "finite real number"),
    ("x^2", "oo", "finite real number"),
])
def test_points_without_a_tangent_name_the_point(expr, at, words):
    with pytest.raises(InputError, match=words.replace("(", r"\(").replace(")", r"\)")
                       .replace("*", r"\*").replace("^", r"\^")):
        tangent(expr, at=at)


def test_slope_agrees_with_pytorch(torch):
    t = tangent("x^3 sin(x) + e^(-x)", at=1)
    v = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    (v**3 * torch.sin(v) + torch.exp(-v)).backward()
    assert t.slope_float == pytest.approx(v.grad.item(), rel=1e-12)


polynomials = st.lists(st.integers(-5, 5), min_size=1, max_size=5).map(
    lambda cs: sum(c * x**i for i, c in enumerate(cs)))
points = st.fractions(min_value=-4, max_value=4, max_denominator=8).map(sympy.Rational)


@settings(deadline=None, max_examples=60)
@given(polynomials, points)
def test_tangent_touches_a_polynomial_to_second_order(p, x0):
    t = tangent(p, at=x0, var=x)
    assert t.line.subs(x, x0) == p.subs(x, x0)
    assert sympy.rem(sympy.expand(p - t.line), (x - x0) ** 2, x) == 0


@settings(deadline=None, max_examples=40)
@given(st.sampled_from(["sin(x)", "e^x", "x e^(-x)", "atan(x)", "sigmoid(x)", "cos(2x) + x^2"]),
       st.floats(min_value=-3, max_value=3, allow_nan=False).map(lambda v: round(v, 3)))
def test_slope_matches_central_difference(text, x0):
    t = tangent(text, at=x0)
    f = sympy.lambdify(x, to_elementary(t.solution.problem.expr), "math")
    h = 1e-6
    numeric = (f(x0 + h) - f(x0 - h)) / (2 * h)
    assert t.slope_float == pytest.approx(numeric, rel=1e-6, abs=1e-7)
    assert t(x0) == pytest.approx(t.point_float[1], abs=1e-9)


def test_latex_and_html_hold_the_tangent_line_not_only_the_derivative():
    from calcml.symbolic.derivatives.tangent import tangent as worked_tangent

    line = worked_tangent("x^2", at=3)
    latex, page = line.render("latex"), line.render("html")
    assert r"\[ y = 6 x - 9 \]" in latex and r"m = f'(3) = 6" in latex
    assert "Line: <math" in page and "<mn>9</mn>" in page
    assert line.render("json")["line"] == "6x − 9"
