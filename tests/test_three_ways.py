"""Three ways, one answer: symbolic, autodiff and finite-difference gradients compared,
with disagreements and missing autodiff functions reported, never hidden."""

import json

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import calcml.course.three_ways as three_ways
from calcml import autodiff as ad
from calcml.course.three_ways import gradient_three_ways
from calcml.errors import InputError
from calcml.expr.parser import parse

x, y = sympy.symbols("x y", real=True)


def test_the_course_saddle_at_its_points():
    for at, expected in [("x=3, y=0", [6, 0]), ("x=2, y=3", [4, -6]),
                         ("x=-2, y=-3", [-4, 6]), ("x=0, y=0", [0, 0])]:
        tw = gradient_three_ways("x^2 - y^2", at)
        assert tw.agreed and tw.disagreements == []
        np.testing.assert_array_equal(tw.symbolic, expected)
        np.testing.assert_allclose(tw.autodiff, expected, atol=1e-12)
        np.testing.assert_allclose(tw.finite_difference, expected, atol=1e-8)


def test_the_table_and_the_dict():
    tw = gradient_three_ways("pi r^2 l", "l=5, r=3", vars=["r", "l"])
    np.testing.assert_allclose(tw.symbolic, [2 * np.pi * 15, np.pi * 9])
    lines = tw.to_text().splitlines()
    assert lines[0] == "Gradient of πlr² at r = 3, l = 5, three ways"
    assert lines[1].split() == ["variable", "symbolic", "autodiff", "finite", "difference",
                                "max", "discrepancy"]
    assert lines[3].startswith("∂/∂r") and lines[4].startswith("∂/∂l")
    assert lines[-1].startswith("All 3 ways agree")
    data = json.loads(json.dumps(tw.to_dict()))
    assert data["variables"] == ["r", "l"] and data["agreed"] is True
    assert data["solution"]["checks"][0]["agreed"] is True
    assert len(data["table"]["rows"]) == 2
    for vars in ("r, l", sympy.symbols("r l")):
        same = gradient_three_ways("pi r^2 l", "l=5, r=3", vars=vars)
        np.testing.assert_array_equal(same.symbolic, tw.symbolic)


def test_a_function_autodiff_lacks_is_reported_in_its_column():
    tw = gradient_three_ways("atan(x) y", "x=1, y=2")
    assert tw.autodiff is None and tw.autodiff_error == "the calcml autodiff engine has no atan"
    assert tw.agreed
    text = tw.to_text()
    assert "unavailable" in text and "autodiff: the calcml autodiff engine has no atan" in text
    np.testing.assert_allclose(tw.symbolic, [1.0, np.pi / 4])


def test_a_wrong_way_is_reported_not_hidden(monkeypatch):
    monkeypatch.setitem(three_ways.AUTODIFF_FUNCTIONS, "sin", ad.cos)
    tw = gradient_three_ways("sin(x) + y^2", "x=1, y=2")
    assert not tw.agreed
    assert len(tw.disagreements) == 1 and tw.disagreements[0].startswith("∂/∂x: symbolic")
    assert "autodiff" in tw.disagreements[0] and "differ by" in tw.disagreements[0]
    assert tw.disagreements[0] in tw.to_text()
    assert tw.to_dict()["agreed"] is False


def test_a_wrong_finite_difference_is_reported(monkeypatch):
    monkeypatch.setattr(three_ways, "difference_gradient",
                        lambda f, variables, values: np.array([0.0, 4.0]))
    tw = gradient_three_ways("x^3 + y^2", "x=1, y=2")
    assert [line.split(":")[0] for line in tw.disagreements] == ["∂/∂x"]


@pytest.mark.parametrize(("expr", "at", "vars", "message"), [
    ("x y + a", "x=1, y=2", None, "a is missing"),
    ("x y + a", "x=1, y=2", ["x", "y"], "also uses a"),
    ("x^2", "x=1, y=2", None, "not one of the variables"),
    ("x^2", "y=2", None, "not one of the variables"),
    ("x^2 y", "y=2", None, "x is missing"),
    ("3", "x=1", None, "no variables"),
    ("x^2", "x=1", 7, "list of names"),
    ("x^2", "x=1", ["x", 2], "a variable is a name"),
    ("log(x)", "x=-1", None, "not defined"),
    ("sqrt(x)", "x=-1", None, "not a finite real vector"),
])
def test_bad_input_is_refused_clearly(expr, at, vars, message):
    with pytest.raises(InputError, match=message):
        gradient_three_ways(expr, at, vars)


_UNARY = [sympy.sin, sympy.cos, sympy.exp, sympy.tanh, lambda e: e**2,
          lambda e: sympy.log(1 + e**2), parse("sigmoid(x)").func]


@st.composite
def expressions(draw, depth=2):
    if depth == 0 or draw(st.booleans()):
        return draw(st.sampled_from([x, y, x * y, sympy.Integer(3)]))
    kind = draw(st.sampled_from(["add", "mul", "unary"]))
    a = draw(expressions(depth - 1))
    if kind == "unary":
        return draw(st.sampled_from(_UNARY))(a)
    b = draw(expressions(depth - 1))
    return a + b if kind == "add" else a * b


@settings(max_examples=40, deadline=None)
@given(f=expressions(), px=st.integers(-15, 15), py=st.integers(-15, 15))
def test_random_expressions_agree_three_ways(f, px, py):
    f = f + x + y
    tw = gradient_three_ways(f, {"x": px / 10, "y": py / 10}, ["x", "y"], atol=1e-6)
    expected = [float(sympy.diff(f, v).subs({x: px / 10, y: py / 10})) for v in (x, y)]
    np.testing.assert_allclose(tw.symbolic, expected, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(tw.autodiff, expected, rtol=1e-9, atol=1e-9)
    assert tw.agreed, tw.disagreements
