"""Worked limits: the course's limits, the approach table, DNE, the checks, renderings,
errors and the time limit, with property tests against SymPy."""

from __future__ import annotations

import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Rational, oo

from calcml.errors import InputError, TimeLimitError
from calcml.expr.printing import to_latex, to_mathml, to_text
from calcml.steps.limits.words import DNE as STEPS_DNE
from calcml.steps.limits.words import (
    FactorAndCancel,
    InfiniteLimit,
    LHopitalRule,
    OneSidedLimits,
    StandardLimit,
)
from calcml.symbolic.limits.limit import DNE, LimitSolution, limit
from calcml.symbolic.limits.oscillation import N

x = sympy.Symbol("x", real=True)


def _rules(sol: LimitSolution) -> list[str]:
    return [s.rule for s in sol.step.walk()]


# COURSE.md, lesson 2
@pytest.mark.parametrize(("f", "point", "expected"), [
    ((x**2 - 1) / (x - 1), 1, 2),
    (sympy.sin(x) / x, 0, 1),
    (25 / x, oo, 0),
    (25 / x, -oo, 0),
    ((x**2 - 1) / (x - 1), 0, 1),
    ((x**2 - 25) / (x + 5), -5, -10),
    ((x**2 - 2 * x - 8) / (x - 4), 4, 6),
])
def test_course_limits(f, point, expected):
    sol = limit(f, x, point)
    assert sol.result == expected
    assert sol.agreed
    assert sol.problem == sympy.Limit(f, x, point, "+-")


def test_course_factoring_example_shows_the_factors():
    sol = limit((x**2 - 1) / (x - 1), x, 1)
    form, factoring = sol.step, sol.step.substep
    assert form.form == "0/0"
    assert isinstance(factoring, FactorAndCancel)
    assert factoring.common_factor == x - 1
    assert factoring.cancelled == x + 1
    assert factoring.substep.rule == "Direct substitution"


def test_course_25_over_x_at_0_does_not_exist():
    sol = limit(25 / x, x, 0)
    assert sol.result is DNE
    assert (sol.left, sol.right) == (-oo, oo)
    assert isinstance(sol.step, OneSidedLimits)
    assert all(isinstance(s, InfiniteLimit) for s in (sol.step.left, sol.step.right))
    assert sol.step.left.denominator_sign == -1 and sol.step.right.denominator_sign == 1
    assert "does not exist" in sol.to_text()


def test_dne_is_one_atom_that_prints_as_dne():
    assert DNE is STEPS_DNE
    assert to_text(DNE) == "DNE" and str(DNE) == "DNE"
    assert "DNE" in to_latex(DNE) and "DNE" in to_mathml(DNE)


def test_approach_table_around_1_has_both_sides():
    sol = limit((x**2 - 1) / (x - 1), x, 1)
    points = [p for p, _ in sol.table]
    assert points[:3] == [Rational(9, 10), Rational(99, 100), Rational(999, 1000)]
    assert points[6:9] == [Rational(11, 10), Rational(101, 100), Rational(1001, 1000)]
    for point, value in sol.table:
        assert float(value) == pytest.approx(float(point) + 1, rel=1e-12)
    assert "0.999999  1.999999" in sol.table_text()


def test_approach_table_toward_infinity():
    sol = limit(25 / x, x, "oo")
    assert [p for p, _ in sol.table] == [10, 100, 1000, 10**4, 10**5, 10**6]
    assert [float(v) for _, v in sol.table] == pytest.approx([2.5, 0.25, 0.025, 2.5e-3,
                                                               2.5e-4, 2.5e-5])
    assert (sol.left, sol.right) == (0, None)


def test_approach_table_keeps_its_digits_near_the_point():
    sol = limit((1 - sympy.cos(x)) / x**2, x, 0)
    assert float(sol.table[-1][1]) == pytest.approx(0.5, abs=1e-10)


@pytest.mark.parametrize(("f", "expected", "real_side"), [
    (sympy.sqrt(x), 0, "right"), (sympy.log(x), -oo, "right"), (sympy.sqrt(-x), 0, "left"),
])
def test_a_side_outside_the_domain_is_named_not_compared(f, expected, real_side):
    sol = limit(f, x, 0)
    assert sol.result == expected
    sides = {"left": sol.left, "right": sol.right}
    assert sides.pop(real_side) == expected and sides.popitem()[1] is None
    assert sol.agreed and "is not real on the" in sol.checks[-1].detail


def test_one_sided_limits_name_their_side():
    right, left = limit(1 / x, x, 0, "+"), limit(1 / x, x, 0, "-")
    assert (right.result, right.left, right.right) == (oo, None, oo)
    assert (left.result, left.left, left.right) == (-oo, -oo, None)
    assert [p for p, _ in right.table][0] == Rational(1, 10)
    assert "from the right" in right.to_text()


def test_lhopital_shows_each_derivative_with_its_own_steps():
    sol = limit(sympy.log(x) / x, x, oo)
    rule = next(s for s in sol.step.walk() if isinstance(s, LHopitalRule))
    assert rule.numerator_derivative.result == 1 / x
    assert rule.denominator_derivative.result == 1
    assert rule.numerator_derivative.rule == "Logarithm rule"
    assert rule.form == "oo/oo"


def test_repeated_lhopital():
    sol = limit(x**3 / sympy.exp(x), x, oo)
    assert sol.result == 0
    assert _rules(sol).count("L'Hôpital's rule") == 3


def test_lhopital_then_a_standard_limit():
    sol = limit((x - sympy.sin(x)) / x**3, x, 0)
    assert sol.result == Rational(1, 6)
    assert _rules(sol).index("L'Hôpital's rule") < _rules(sol).index("Standard limit")


def test_standard_limit_names_the_known_limit():
    sol = limit(sympy.sin(3 * x) / x, x, 0)
    known = next(s for s in sol.step.walk() if isinstance(s, StandardLimit))
    u = known.known.args[1]
    assert known.known == sympy.Limit(sympy.sin(u) / u, u, 0, "+-")
    assert (known.inner, known.scale, known.value) == (3 * x, 3, 3)


def test_oscillation_does_not_exist():
    sol = limit(sympy.sin(1 / x), x, 0)
    assert sol.result is DNE and sol.left is DNE and sol.right is DNE
    assert "Oscillation" in _rules(sol)
    assert [(s.sequence, s.value) for s in sol.step.along] == [
        (1 / (N * sympy.pi), 0), (1 / (2 * N * sympy.pi + sympy.pi / 2), 1)]


def test_text_input_and_text_points():
    assert limit("(x^2 - 1)/(x - 1)", "x", "1").result == 2
    assert limit("tan(x)", "x", "pi/2", "-").result == oo
    assert limit("25/x", "x", "-oo").result == 0
    assert limit("(1 + 1/n)^n", "n", "oo").result == sympy.E


def test_a_parameter_is_carried_and_sympy_is_the_only_check():
    sol = limit("sin(k*x)/x", "x", 0)
    k = next(s for s in sol.result.free_symbols)
    assert k.name == "k" and sol.result == k
    assert [c.method for c in sol.checks] == ["sympy.limit"] and sol.agreed
    assert sol.table == ()


def test_renderings_of_a_worked_limit():
    sol = limit((x**2 - 1) / (x - 1), x, 1)
    text = sol.to_text()
    assert "0/0" in text and "Factor and cancel" in text and "x + 1" in text
    assert r"\lim_{x \to 1}" in sol.to_latex()
    assert "<math" in sol.to_html() and "Factor and cancel" in sol.to_html()
    data = sol.to_dict()
    assert data["result"] == "2"
    assert "Factor and cancel" in _dict_rules(data["steps"])
    assert [c["method"] for c in data["checks"]] == ["sympy.limit", "numeric approach"]


def _dict_rules(lines: list[dict]) -> list[str]:
    return [r for line in lines for r in [line["rule"], *_dict_rules(line["substeps"])]]


def test_dne_renders_in_every_format():
    sol = limit(sympy.Abs(x) / x, x, 0)
    assert (sol.result, sol.left, sol.right) == (DNE, -1, 1)
    assert sol.to_dict()["result"] == "DNE"
    assert r"\text{DNE}" in sol.to_latex()
    assert "DNE" in sol.to_html()


def test_sympy_answer_where_no_rule_applies():
    sol = limit(sympy.gamma(x) * x, x, 0)
    assert sol.result == 1
    assert "Computed by SymPy" in _rules(sol)
    assert sol.agreed


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"direction": "left"}, "direction"),
    ({"point": "y"}, "real number"),
    ({"point": sympy.I}, "real number"),
    ({"var": "2x"}, "variable"),
])
def test_bad_input_is_a_clear_error(kwargs, message):
    args = {"expr": 1 / x, "var": "x", "point": 0, "direction": "+-"} | kwargs
    with pytest.raises(InputError, match=message):
        limit(**args)


@pytest.mark.parametrize("f", [x * sympy.cos(x), sympy.log(x**2 + 1)**2 * sympy.sin(x)**3])
def test_no_rule_and_no_usable_sympy_answer_is_a_clear_error(f):
    with pytest.raises(InputError, match=f"x -> {to_text(oo)}") as err:
        limit(f, x, oo)
    assert "simpler expression" in str(err.value)


def test_a_hard_limit_ends_in_a_time_limit_error_not_a_hang():
    hard = (sympy.sin(sympy.tan(x)) - sympy.tan(sympy.sin(x))) / x**7
    start = time.perf_counter()
    with pytest.raises(TimeLimitError, match="the limit took longer"):
        limit(hard, x, 0, timeout=0.3)
    assert time.perf_counter() - start < 3


@settings(deadline=None, max_examples=25)
@given(st.lists(st.integers(-5, 5), min_size=2, max_size=4),
       st.integers(-3, 3), st.integers(-3, 3))
def test_removable_zero_of_a_polynomial_cancels_like_sympy(coeffs, root, shift):
    """(x - r) p(x) / ((x - r)(x - s)) at r: factor and cancel gives SymPy's value."""
    p = sum(c * x**k for k, c in enumerate(coeffs))
    s = root + shift if shift else root + 7
    f = sympy.expand((x - root) * p) / sympy.expand((x - root) * (x - s))
    sol = limit(f, x, root)
    assert sol.result == p.subs(x, root) / (root - s) == sympy.limit(f, x, root, "+-")
    assert sol.agreed


@settings(deadline=None, max_examples=25)
@given(st.integers(1, 4), st.integers(1, 4), st.integers(-5, 5).filter(bool),
       st.integers(-5, 5).filter(bool), st.sampled_from([oo, -oo]))
def test_rational_functions_at_infinity_agree_with_sympy(m, n, a, b, point):
    f = (a * x**m + x - 1) / (b * x**n + 3)
    sol = limit(f, x, point)
    assert sol.result == sympy.limit(f, x, point)
    assert sol.agreed


@settings(deadline=None, max_examples=20)
@given(st.integers(1, 6), st.integers(1, 6))
def test_standard_limit_scaled_arguments(k, m):
    sol = limit(sympy.sin(k * x) / (m * x), x, 0)
    assert sol.result == Rational(k, m) == sympy.limit(sympy.sin(k * x) / (m * x), x, 0)


@settings(deadline=None, max_examples=25)
@given(st.integers(-9, 9).filter(bool), st.integers(-4, 4), st.integers(1, 4),
       st.sampled_from(["+", "-"]))
def test_infinite_one_sided_limits_follow_the_sign_rule(c, a, n, side):
    """c/(x - a)^n from one side: the sign of c times the sign of (x - a)^n there."""
    sol = limit(c / (x - a)**n, x, a, side)
    sign = (1 if c > 0 else -1) * (1 if side == "+" or n % 2 == 0 else -1)
    assert sol.result == sign * oo == sympy.limit(c / (x - a)**n, x, a, side)
    assert isinstance(sol.step, InfiniteLimit) and sol.agreed
