"""The delta method: COURSE.md's numbers for f(x) = x^2 + 2x + 2, exact and float inputs."""

import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml import tangent
from calcml.errors import InputError
from calcml.numeric import Secant, Table, as_function, delta_table, kink, secant

x = sympy.Symbol("x", real=True)
F = x**2 + 2 * x + 2


def f_py(t):
    return t**2 + 2 * t + 2


@pytest.mark.parametrize("f", [F, f_py], ids=["expression", "callable"])
def test_secant_through_2_10_and_5_37(f):
    s = secant(f, 2, 5)
    assert (s.p, s.q) == ((2, 10), (5, 37))
    assert s.slope == 9 and s.intercept == -8
    assert s(np.array([2.0, 5.0])).tolist() == [10.0, 37.0]


def test_secant_is_exact_for_expressions():
    s = secant(F, 2, 2.1)
    assert s.slope == sympy.Rational(61, 10)
    assert s.q == (sympy.Rational(21, 10), sympy.Rational(1061, 100))
    assert s.exact and "6.1" in s.to_text()


def test_secant_text_shows_the_work():
    text = secant(F, 2, 5).to_text()
    assert "(37 - 10) / (5 - 2) = 9" in text
    assert "10 - (9)(2) = -8" in text


def test_secant_with_a_callable_is_in_floats():
    s = secant(f_py, 2, 2.1)
    assert not s.exact
    assert s.slope == pytest.approx(6.1, rel=1e-12)


def test_tangent_at_the_minimum_is_flat():
    t = tangent(F, -1)
    assert t.point == (-1, 1) and t.slope == 0 and t.intercept == 1
    assert tangent(f_py, -1).slope == pytest.approx(0, abs=1e-9)
    assert tangent(F, 2).slope == 6


@pytest.mark.parametrize(("at", "derivative"), [(2, 6), (-1, 0)])
def test_delta_table_converges_to_the_derivative(at, derivative):
    t = delta_table(F, at)
    assert t.derivative == derivative
    assert [float(d) for d in t.table.column("Δx")] == [1, 0.1, 0.01, 1e-3, 1e-4, 1e-5, 1e-6]
    # For this parabola the slope of PQ is exactly f'(at) + Δx.
    assert t.slopes == tuple(derivative + d for d in t.table.column("Δx"))
    assert t.estimate == pytest.approx(derivative, abs=2e-6)
    assert t.table.column("error") == list(t.table.column("Δx"))


def test_delta_table_first_rows_match_the_course():
    t = delta_table(F, 2)
    assert t.slopes[1] == sympy.Rational(61, 10)
    assert t.point == (2, 10)
    assert t.table.rows[-1][3] == sympy.Rational(6000001, 1000000)


def test_delta_table_with_a_callable_and_exact():
    t = delta_table(f_py, 2, exact=6)
    assert t.estimate == pytest.approx(6, abs=1e-5)
    assert "error" in t.table.columns
    assert "error" not in delta_table(f_py, 2).table.columns


def test_delta_table_shows_the_algebra():
    text = delta_table(F, 2).to_text()
    assert "2x + Δx + 2" in text and "as Δx → 0" in text
    assert "tends to 6" in text
    assert "P = (2, 10)" in text


def test_delta_table_from_the_left():
    t = delta_table(F, 2, deltas=(-1, -0.1, -0.001))
    assert [float(s) for s in t.slopes] == [5, 5.9, 5.999]


def test_transcendental_function_against_sympy():
    t = delta_table(sympy.sin(x), 1)
    assert float(t.derivative) == pytest.approx(math.cos(1), rel=1e-15)
    assert t.quotient is None
    errors = [abs(float(e)) for e in t.table.column("error")]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-6


def test_table_to_dict_is_json():
    data = json.loads(json.dumps(delta_table(F, 2).to_dict()))
    assert data["rows"][1][:4] == [0.1, 2.1, 10.61, 6.1]
    assert delta_table(F, 2).to_rows()[0]["slope of PQ"] == 7
    assert isinstance(delta_table(F, 2).table, Table)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: secant(F, 2, 2), "must be different"),
    (lambda: delta_table(F, 2, deltas=(1, 0)), "Δx = 0"),
    (lambda: delta_table(F, 2, deltas=()), "at least one"),
    (lambda: delta_table(F, "two"), "number such as 2"),
    (lambda: delta_table(F, [2]), "number such as 2"),
    (lambda: delta_table((x**2 - 1) / (x - 1), 1), "where it is defined"),
    (lambda: delta_table(x * sympy.Symbol("y"), 1), "substitute numbers"),
    (lambda: secant(F, float("nan"), 1), "finite"),
    (lambda: delta_table(lambda t: 1 / t, 0), "x = 0"),
])
def test_bad_input_is_explained(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_constant_expression_broadcasts():
    g = as_function(sympy.Integer(3))
    assert g(np.zeros(4)).tolist() == [3, 3, 3, 3]
    assert delta_table(sympy.Integer(3), 1).derivative == 0


@settings(deadline=None, max_examples=25)
@given(a=st.integers(-5, 5), b=st.integers(-5, 5), c=st.integers(-5, 5),
       xp=st.integers(-10, 10), dx=st.integers(1, 10))
def test_quadratic_secant_slope_is_the_derivative_at_the_midpoint(a, b, c, xp, dx):
    f = a * x**2 + b * x + c
    s = secant(f, xp, xp + dx)
    midpoint = sympy.Rational(2 * xp + dx, 2)
    assert s.slope == sympy.diff(f, x).subs(x, midpoint)
    assert s.intercept == f.subs(x, xp) - s.slope * xp


def test_text_input_gives_the_course_numbers():
    s = secant("x^2 + 2x + 2", 2, 5)
    assert (s.slope, s.intercept) == (9, -8)
    t = delta_table("x^2 + 2*x + 2", -1)
    assert t.point == (-1, 1) and t.derivative == 0
    assert delta_table("t^2", 3).derivative == 6  # the variable is the only symbol


def test_a_kink_has_no_derivative():
    t = delta_table("abs(x)", 0, deltas=(1, -1, 0.5))
    assert t.derivative is None and [int(s) for s in t.slopes] == [1, -1, 1]
    assert "kink" in t.to_text() and t.estimate == 1
    with pytest.raises(InputError, match="kink"):
        tangent("relu(x)", 0)


@pytest.mark.parametrize("f", ["relu(x)", "abs(x)", "abs(x - 1) + x", "relu(x - 1) - x"])
def test_one_rule_for_kinks_in_the_tangent_and_the_table(f):
    """calcml.tangent and the delta table agree: no tangent and no derivative at a kink,
    for the expression and for the same function as a Python callable."""
    at = 1 if "1" in f or "2" in f else 0
    table = delta_table(f, at, deltas=(0.1, -0.1))
    assert table.derivative is None and "kink" in table.to_text()
    with pytest.raises(InputError, match="kink"):
        tangent(f, at)
    nf = as_function(f)
    assert "kink" in delta_table(nf.fn, at, deltas=(0.1,)).to_text()
    with pytest.raises(InputError, match="kink"):
        tangent(nf.fn, at)


def test_relu_slopes_just_left_and_right_are_0_and_1():
    assert kink(as_function("relu(x)"), 0).startswith(
        "f has a kink at x = 0: the slope just left of it is 0 and just right of it is 1")
    assert kink(as_function(lambda v: max(v, 0.0)), 0).startswith("f has a kink at x = 0")
    assert kink(as_function("relu(x)"), 1) == kink(as_function("x^3"), 0) == ""


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=4), st.integers(-3, 3))
def test_tangent_slope_is_the_tables_derivative(coefficients, at):
    """A polynomial's tangent slope (worked rules) is the delta table's exact derivative,
    and the callable's central-difference tangent agrees to 1e-6."""
    p = sum(c * x**k for k, c in enumerate(coefficients))
    if not p.free_symbols:
        p = p + x
    t = tangent(p, at, var=x)
    assert t.slope == delta_table(p, at, deltas=(1,)).derivative
    callable_slope = tangent(sympy.lambdify(x, p), at).slope_float
    assert callable_slope == pytest.approx(float(t.slope), abs=1e-6 * (1 + abs(float(t.slope))))


def test_a_tables_secants_are_the_secant_lines():
    table = delta_table(F, 2, deltas=(3, 0.1))
    assert table.secants == (secant(F, 2, 5), secant(F, 2, sympy.Rational(21, 10)))
    assert isinstance(table.secants[0], Secant) and table.secants[0].intercept == -8
    assert delta_table("sqrt(x)", 0, deltas=(1,)).derivative is None


def test_points_may_be_math_text():
    t = delta_table("sin(x)", "pi/2", deltas=(0.1,))
    assert t.point == (sympy.pi / 2, 1) and t.derivative == 0
    assert secant(F, "1/2", "5/2").slope == 5  # the midpoint slope 2 * 3/2 + 2
    with pytest.raises(InputError, match="number such as 2"):
        delta_table(F, "y")
