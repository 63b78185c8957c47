"""The one reader of typed values (calcml.expr.values): numbers stay exact as typed,
every spelling of infinity is read, points and vectors come in every written form, and
bad text is a ParseError with a caret under the item at fault."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from calcml.errors import InputError, ParseError
from calcml.expr.parser import parse
from calcml.expr.values import (
    infinity_sign,
    read_float,
    read_number,
    read_point,
    read_vector,
)
from calcml.numeric.functions import to_exact, to_number

x, y, z = sympy.symbols("x y z", real=True)


@pytest.mark.parametrize(("value", "expected"), [
    ("pi/3", sympy.pi / 3), ("0.1", sympy.Rational(1, 10)), (0.1, sympy.Rational(1, 10)),
    ("1e-3", sympy.Rational(1, 1000)), (2, 2), (np.int64(7), 7),
    (np.float64(2.5), sympy.Rational(5, 2)),
    (sympy.Float(0.25), sympy.Rational(1, 4)), (Fraction(2, 3), sympy.Rational(2, 3)),
    (Decimal("1.25"), sympy.Rational(5, 4)), ("sqrt(2)", sympy.sqrt(2)),
    ("−2", -2), ("log(8, 2)", 3),
])
def test_numbers_are_exact_as_typed(value, expected):
    assert read_number(value) == expected


@pytest.mark.parametrize("text", ["oo", "inf", "infinity", "∞", "+oo", " +infinity "])
def test_every_spelling_of_infinity_is_read_as_a_bound(text):
    assert read_number(text, infinite=True) is sympy.oo
    assert read_number("-" + text.strip(), infinite=True) is sympy.S.NegativeInfinity
    assert infinity_sign(text) == 1 and infinity_sign("-" + text.strip()) == -1
    assert read_float(text, infinite=True) == math.inf


def test_infinity_is_refused_where_a_finite_number_is_needed():
    with pytest.raises(ParseError, match="infinity is not allowed here"):
        read_number("oo", "the point")
    with pytest.raises(InputError, match="must be a finite number"):
        read_float(float("inf"))
    assert infinity_sign(float("-inf")) == -1 and infinity_sign("2") == 0
    assert infinity_sign(object()) == 0


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_and_its_printed_text_are_the_same_exact_number(value):
    assert read_number(value) == read_number(repr(value))
    assert read_float(repr(value)) == value


@pytest.mark.parametrize(("point", "expected"), [
    ("x=pi/3, y=1", {x: sympy.pi / 3, y: 1}),
    ("(2, 3)", {x: 2, y: 3}),
    ("[2, -1/2]", {x: 2, y: sympy.Rational(-1, 2)}),
    ("2, 3", {x: 2, y: 3}),
    ([0.5, "pi"], {x: sympy.Rational(1, 2), y: sympy.pi}),
    ({y: 1, "x": 0.1}, {x: sympy.Rational(1, 10), y: 1}),
])
def test_points_in_every_written_form(point, expected):
    got = read_point(point, [x, y])
    assert got == expected and list(got) == [x, y]


def test_a_parse_error_in_a_point_points_into_the_whole_text():
    with pytest.raises(ParseError) as err:
        read_point("x=1, y=2 +* 3", [x, y])
    assert err.value.column == 11 and err.value.text == "x=1, y=2 +* 3"
    assert str(err.value).splitlines()[:3] == [
        "the coordinate y: unexpected '*' at column 11",
        "  x=1, y=2 +* 3",
        "            ^"]


def test_a_variable_as_a_value_is_shown_where_it_is():
    with pytest.raises(ParseError) as err:
        read_point("(1, z)", [x, y])
    assert err.value.column == 5 and "not z" in err.value.message
    assert "a value cannot contain a variable (z)" in str(err.value)


@pytest.mark.parametrize(("vector", "size", "expected"), [
    ("1, 2", 2, (1, 2)), ("(1, -2)", 2, (1, -2)),
    ("[0.5, pi, 3]", None, (sympy.Rational(1, 2), sympy.pi, 3)),
    ((1, 2, 3), 3, (1, 2, 3)), (np.array([1.5, 2.0]), 2, (sympy.Rational(3, 2), 2)),
    (sympy.Matrix([4, -6]), 2, (4, -6)),
])
def test_vectors_in_every_written_form(vector, size, expected):
    assert read_vector(vector, size) == expected


def test_vector_errors_name_the_component():
    with pytest.raises(ParseError, match="component 2 of the direction must be a finite"):
        read_vector("1, q", 2)
    with pytest.raises(InputError, match="3 components but there are 2"):
        read_vector([1, 2, 3], 2)
    with pytest.raises(InputError, match="not dict"):
        read_vector({"x": 1}, 1)


def test_the_numeric_engines_read_numbers_through_the_same_reader():
    assert to_exact("pi/2") == sympy.pi / 2 and to_exact(2.1) == sympy.Rational(21, 10)
    assert to_number("pi/2") == math.pi / 2 and to_number("-oo", infinite=True) == -math.inf
    with pytest.raises(InputError, match="must be a real number such as 2"):
        to_number(True)


def test_a_point_names_y_hat_as_it_is_typed():
    y, y_hat = sympy.Symbol("y", real=True), parse("yhat")
    for text in ("yhat=1, y=2", "y_hat=1, y=2"):
        assert read_point(text, [y, y_hat]) == {y: 2, y_hat: 1}
    assert read_point({"yhat": 1, "y": 2}, [y, y_hat]) == {y: 2, y_hat: 1}
