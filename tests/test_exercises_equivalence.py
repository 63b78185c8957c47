"""Equivalence of answers: rewritings accepted, perturbations rejected (also at random)."""

from __future__ import annotations

import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml import DNE, parse
from calcml.exercises.equivalence import equivalent, same_numbers
from calcml.expr.functions import sigmoid

x = sympy.Symbol("x", real=True)
y = sympy.Symbol("y", real=True)


@pytest.mark.parametrize(("a", "b"), [
    ("sec(x)^2", "1 + tan(x)^2"), ("sigmoid(x)", "1/(1 + e^(-x))"),
    ("sigmoid(x)(1 - sigmoid(x))", "e^(-x)/(1 + e^(-x))^2"), ("(x+1)^2", "x^2 + 2x + 1"),
    ("6sin(3x)cos(3x)", "3sin(6x)"), ("ln(x^3)", "3ln(x)"), ("sqrt(x)/x", "1/sqrt(x)"),
    ("x^2 y", "y x^2"), ("(x^2-1)/(x-1)", "x + 1"), ("2^x ln(2)", "ln(2) e^(x ln(2))"),
    ("1/(2sqrt(x))", "0.5 x^(-1/2)"),
])
def test_equal_forms_are_accepted(a: str, b: str) -> None:
    assert equivalent(parse(a), parse(b))


@pytest.mark.parametrize(("a", "b"), [
    ("x|x|/2", "x^2/2"), ("sec(x)^2", "tan(x)^2"), ("sigmoid(x)", "1/(1 + e^x)"),
    ("x^2 y", "x y^2"), ("cos(x)", "-cos(x)"), ("ln(x)", "ln(x) + 1"), ("2x", "2"),
])
def test_different_forms_are_rejected(a: str, b: str) -> None:
    assert not equivalent(parse(a), parse(b))


def test_symbols_with_the_same_name_are_the_same_variable() -> None:
    plain = sympy.Symbol("x")
    assert equivalent(plain**2, x**2)


def test_up_to_a_constant() -> None:
    assert equivalent(parse("sin(x)^2"), parse("-cos(x)^2"), up_to_constant=True)
    assert equivalent(parse("x^2 + 7"), parse("x^2"), up_to_constant=True)
    assert not equivalent(parse("x^2 + 7"), parse("x^2"))
    assert not equivalent(parse("x^2 + x"), parse("x^2"), up_to_constant=True)


def test_infinities_and_dne_compare_by_identity() -> None:
    assert equivalent(sympy.oo, parse("infinity"))
    assert not equivalent(sympy.oo, -sympy.oo)
    assert equivalent(DNE, DNE)
    assert not equivalent(DNE, sympy.Integer(0))


def test_numbers() -> None:
    assert same_numbers(parse("0.75"), sympy.Rational(3, 4))
    assert same_numbers(sympy.sqrt(2) / 2, 1 / sympy.sqrt(2))
    assert not same_numbers(sympy.Rational(1, 3), parse("0.3"))
    assert same_numbers(sympy.Rational(1, 3), 0.3333333333)
    assert same_numbers(sympy.pi, 3.14159265)
    assert not same_numbers(sympy.pi, 3.14)
    assert same_numbers(sympy.pi, 3.14, tolerance=0.01)
    assert same_numbers((1, 2), [1, 2]) and not same_numbers((1, 2), (1, 2, 3))
    assert not same_numbers((1, 2), 1)
    assert same_numbers(sympy.oo, sympy.oo) and not same_numbers(sympy.oo, 10**9)


# Random equivalent rewritings of random expressions, and random perturbations.
_atoms = st.sampled_from([x, x + 1, 2 * x - 3, sympy.sin(x), sympy.cos(2 * x), sympy.exp(x),
                          sympy.log(x + 5), sympy.tan(x), x**2, sigmoid(x), sigmoid(2 * x)])
_coeffs = st.integers(-5, 5).filter(bool)


@st.composite
def expressions(draw) -> sympy.Expr:
    terms = []
    for _ in range(draw(st.integers(1, 3))):
        factor = draw(_atoms) ** draw(st.integers(1, 3)) * draw(_atoms)
        terms.append(draw(_coeffs) * factor)
    return sympy.Add(*terms)


_REWRITES = {
    "expand": sympy.expand, "factor": sympy.factor, "together": sympy.together,
    "trigsimp": sympy.trigsimp, "expand_trig": sympy.expand_trig,
    "sec2": lambda e: e.replace(sympy.tan, lambda u: sympy.sqrt(sympy.sec(u)**2 - 1)
                                * sympy.sign(sympy.tan(u))),
    "cos2": lambda e: e.subs(sympy.cos(2 * x), 1 - 2 * sympy.sin(x)**2),
    "sigmoid": lambda e: e.replace(sigmoid, lambda u: 1 / (1 + sympy.exp(-u))),
}


@settings(max_examples=40, deadline=None)
@given(expressions(), st.sampled_from(sorted(_REWRITES)))
def test_random_rewritings_are_accepted(expr: sympy.Expr, how: str) -> None:
    assert equivalent(_REWRITES[how](expr), expr)


_PERTURB = {
    "plus one": lambda e: e + 1, "times two": lambda e: 2 * e,
    "exponent": lambda e: e.replace(lambda n: n.is_Pow and n.exp.is_Integer,
                                    lambda n: n.base ** (n.exp + 1)),
    "sign": lambda e: -e,
}


@settings(max_examples=40, deadline=None)
@given(expressions(), st.sampled_from(sorted(_PERTURB)))
def test_random_perturbations_are_rejected(expr: sympy.Expr, how: str) -> None:
    changed = _PERTURB[how](expr)
    if sympy.simplify(changed - expr) == 0:  # a perturbation that changes nothing (e = -e)
        return
    assert not equivalent(changed, expr)


def test_the_sigmoid_written_out_at_random_scales() -> None:
    for k in range(1, 6):
        assert equivalent(parse(f"{k} sigmoid({k}x)"), parse(f"{k}/(1 + e^(-{k}x))"))
        assert not equivalent(parse(f"{k} sigmoid({k}x)"), parse(f"{k}/(1 + e^({k}x))"))


def test_comparisons_are_quick() -> None:
    a, b = parse("sigmoid(x)(1 - sigmoid(x))"), parse("e^(-x)/(1 + e^(-x))^2")
    times = []
    for _ in range(20):
        start = time.perf_counter()
        equivalent(a, b)
        times.append(time.perf_counter() - start)
    assert sorted(times)[10] < 1.0


def test_an_outer_time_limit_is_not_taken_for_a_verdict() -> None:
    from calcml.errors import TimeLimitError
    from calcml.exercises.equivalence import _symbolically
    from calcml.timelimit import run_limited

    hard = parse("sin(x)^40 - (1 - cos(x)^2)^20")
    with pytest.raises(TimeLimitError, match="outer"):
        run_limited(lambda: _symbolically(hard + parse("tan(x)^31 sec(x)^17"), {"x"},
                                          False, 5.0), 0.01, "outer")


@pytest.mark.parametrize(("exact", "typed", "same"), [
    ("1/6", "0.167", True), ("1/6", "0.1667", True), ("1/6", "0.16667", True),
    ("1/6", "0.17", False), ("1/6", "0.166", False), ("1/6", "0.1666", False),
    ("pi/2", "1.571", True), ("pi/2", "1.57", True), ("pi/2", "1.6", False),
    ("pi/2", "1.5707", False), ("sqrt(2)", "1.414", True), ("sqrt(2)", "1.41421", True),
    ("2/3", "0.667", True), ("2/3", "0.666", False), ("-1/6", "-0.167", True),
    ("3/4", "0.75", True), ("3/4", "0.750", True), ("3/4", "0.751", False),
    ("61/10", "6.09", False), ("10", "10.0", True), ("10", "10.004", False),
])
def test_typed_decimals_against_exact_values(exact: str, typed: str, same: bool) -> None:
    """A decimal rounded to its last place matches an exact value whose decimals never
    end; an exact value that is itself a finite decimal must be typed exactly."""
    assert same_numbers(parse(exact), parse(typed)) is same
    assert same_numbers(parse(typed), parse(exact)) is same
