"""Reading a learner's answers: exact numbers, vectors, limit words, and caret errors."""

from __future__ import annotations

import pytest
import sympy

from calcml import DNE
from calcml.errors import InputError, ParseError
from calcml.exercises.answers import (
    INDETERMINATE,
    read_expression,
    read_limit_value,
    read_number,
    read_numbers,
)

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(("text", "value"), [
    ("3/4", sympy.Rational(3, 4)), ("0.75", sympy.Rational(3, 4)), ("-10", -10),
    ("pi/2", sympy.pi / 2), ("2^10", 1024), ("sqrt(2)/2", sympy.sqrt(2) / 2),
    ("1e-3", sympy.Rational(1, 1000)),
])
def test_numbers_are_read_exactly(text: str, value) -> None:
    read = read_number(text)
    assert read == value
    assert not read.atoms(sympy.Float)


def test_a_number_with_a_variable_is_refused_with_a_caret() -> None:
    with pytest.raises(ParseError) as err:
        read_number("3 + x")
    assert "uses x" in str(err.value)
    assert "^" in str(err.value)


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_empty_text_asks_for_an_answer(text: str) -> None:
    with pytest.raises(ParseError, match="empty") as err:
        read_expression(text)
    assert "type an answer" in str(err.value)


def test_non_text_is_an_input_error() -> None:
    with pytest.raises(InputError):
        read_number(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "values"), [
    ("(1, 2)", (1, 2)), ("[1, 2]", (1, 2)), ("1, 2", (1, 2)),
    ("( 1 , -2/3 )", (1, -sympy.Rational(2, 3))),
    ("4", (4,)), ("(4)", (4,)), ("[4]", (4,)), ("(1+2, 2(3))", (3, 6)),
    ("(log(8, 2), 0.5)", (3, sympy.Rational(1, 2))),
])
def test_vectors_in_any_bracket(text: str, values: tuple) -> None:
    assert read_numbers(text) == tuple(sympy.sympify(v) for v in values)


def test_an_error_inside_a_vector_points_at_its_column_in_the_whole_answer() -> None:
    with pytest.raises(ParseError) as err:
        read_numbers("(1, 2 +)")
    assert err.value.column == 8
    lines = str(err.value).splitlines()
    assert lines[1] == "  (1, 2 +)"
    assert lines[2].index("^") == 2 + 7


def test_a_missing_entry_is_named() -> None:
    with pytest.raises(ParseError, match="missing between the commas") as err:
        read_numbers("(1,,2)")
    assert err.value.column == 4


@pytest.mark.parametrize(("text", "value"), [
    ("oo", sympy.oo), ("inf", sympy.oo), ("infinity", sympy.oo), ("∞", sympy.oo),
    ("+∞", sympy.oo), ("positive infinity", sympy.oo), ("Minus Infinity", -sympy.oo),
    ("-oo", -sympy.oo), ("-∞", -sympy.oo), ("-infinity", -sympy.oo),
    ("DNE", DNE), ("dne", DNE), ("does not exist", DNE), ("Does  not exist", DNE),
    ("0/0", INDETERMINATE), ("undefined", INDETERMINATE), ("Indeterminate", INDETERMINATE),
    ("-10", -10), ("1/2", sympy.Rational(1, 2)), ("e", sympy.E),
])
def test_limit_values(text: str, value) -> None:
    assert read_limit_value(text) == value


def test_a_limit_value_may_be_an_expression() -> None:
    assert read_limit_value("2x") == 2 * x


def test_indeterminate_is_distinct_from_dne_and_numbers() -> None:
    assert INDETERMINATE != DNE
    assert sympy.nan != INDETERMINATE
    assert str(INDETERMINATE) == "indeterminate"
