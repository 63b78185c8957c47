"""Points and variable lists are read exactly and safely; every bad input is a clear
InputError that says what was wrong and how to fix it."""

from __future__ import annotations

import pytest
import sympy

from calcml.errors import InputError, TimeLimitError
from calcml.expr.values import read_point, read_vector, split_top_level
from calcml.symbolic.partials.partial import (
    directional_derivative,
    gradient,
    hessian,
    jacobian,
    partial,
)

x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize(("point", "expected"), [
    ("x=2, y=3", {x: 2, y: 3}),
    ("y = -2 , x = pi/3", {x: sympy.pi / 3, y: -2}),
    ("x=1e-3,y=log(8, 2)", {x: sympy.Rational(1, 1000), y: 3}),
    ({"x": 0.1, y: "-1/2"}, {x: sympy.Rational(1, 10), y: sympy.Rational(-1, 2)}),
])
def test_points_are_read_exactly_in_variable_order(point, expected):
    got = read_point(point, [x, y])
    assert got == expected and list(got) == [x, y]


def test_vectors_and_top_level_commas():
    assert read_vector("(1, -2)", 2) == (1, -2)
    assert read_vector([sympy.Integer(3), "sqrt(2)"], 2) == (3, sympy.sqrt(2))
    assert split_top_level("a(1, 2), b", "list") == ["a(1, 2)", "b"]


@pytest.mark.parametrize(("point", "message"), [
    ("x=2", "y is missing: add e.g. y=1"),
    ({"x": 1}, "y is missing"),
    ("x=1, y=2, w=3", "w, which is not one of the variables (x, y)"),
    ("x=1, x=2, y=0", "gives x twice"),
    ("x=1, y", "each coordinate of the point is name=value"),
    ("x=1,, y=2", "empty item between commas"),
    ("", "the point is empty"),
    ("x=, y=1", "the coordinate x has no value"),
    ("x=y, y=1", "the coordinate x must be a finite real number"),
    ("x=oo, y=1", "must be a finite real number"),
    ("x=2 +* 1, y=1", "unexpected '*'"),
    ("x=__import__('os'), y=1", "the coordinate x: unexpected '_' at column 3"),
    ([1, 2, 3], "has 3 coordinates but there are 2 variables (x, y)"),
    ("(1, 2, 3)", "give one per variable in that order, or name them: x=1, y=1"),
    ("x=1, 2", "name every coordinate, or none"),
    (3.5, "the point is text such as 'x=2, y=3'"),
])
def test_bad_points_are_clear_errors(point, message):
    with pytest.raises(InputError) as err:
        read_point(point, [x, y])
    assert message in str(err.value)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: partial("x^2 - y^2", "w"), "w is not a variable of x² − y² (its variables: x, y)"),
    (lambda: partial("5", "x"), "its variables: none: it is a constant"),
    (lambda: partial("x^2", "2x"), "a variable is a name such as x"),
    (lambda: gradient("x y", vars="x, x"), "x is listed twice"),
    (lambda: gradient("x y", vars=[]), "the variable list is empty"),
    (lambda: gradient("x y", vars=""), "the variable list is empty"),
    (lambda: hessian("7"), "the expression has no variables"),
    (lambda: gradient(["x", "y"]), "needs one scalar expression"),
    (lambda: gradient(sympy.Matrix([x, y])), "needs one scalar expression"),
    (lambda: hessian(sympy.Eq(x, y)), "not Equality; for an equation pass one side"),
    (lambda: partial("x = 2", "x"), "not an equation"),
    (lambda: gradient("x y", at="x=1"), "y is missing"),
    (lambda: partial("x y", "x", at="x=1, y=2, z=3"), "z, which is not one of"),
    (lambda: jacobian([], "x"), "a non-empty list of functions"),
    (lambda: jacobian("x, y = 1", "x, y"), "unexpected '='"),
    (lambda: directional_derivative("x y", "0, 0"), "the zero vector"),
    (lambda: directional_derivative("x y", "1, 2, 3"), "3 components but there are 2"),
    (lambda: partial("1/x + y", "x", at="x=0, y=1"), "not defined at (x, y) = (0, 1)"),
    (lambda: partial("sqrt(x) y", "x", at="x=-1, y=1"), "not a real number"),
    (lambda: hessian("abs(x) y", at="x=0, y=1"), "the Hessian has no numeric value at (x, y)"),
])
def test_bad_input_is_a_clear_input_error(call, message):
    with pytest.raises(InputError) as err:
        call()
    assert message in str(err.value)


def test_an_explicit_variable_list_may_hold_parameters_constant():
    sol = gradient("a x^2 + b y", vars="x, y", at="x=1, y=2, a=3, b=4")
    assert list(sol.result) == [6, 4]
    assert [s.name for s, _ in sol.point] == ["x", "y", "a", "b"]


def test_symbols_and_text_names_mean_the_same_variable():
    plain = sympy.Symbol("x")
    assert partial("x^2 y", plain).result == 2 * x * y
    assert gradient(x**2 * y, vars=(plain, "y")).agreed


def test_the_work_runs_under_a_time_limit():
    with pytest.raises(TimeLimitError, match="the Hessian took longer"):
        hessian("(x + y)^40 * sin(x y)^30 * exp(x^2 y)", timeout=1e-4)
