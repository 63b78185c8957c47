"""Limits a learner can follow line by line: the conjugate a learner expects with its
product and cancellation, L'Hopital's quotient simplified before substituting, only four
standard limits quoted (the others derived), hard limits at infinity within the default
time limit, and no import cycle among the limit modules.

Each answer is compared with ``sympy.limit`` and every step's claim re-checked.
"""

from __future__ import annotations

import time

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Rational, cos, exp, log, oo, sin, sqrt, tan
from test_layers import cycles_within, import_graph
from test_limit_textbook import CONJUGATE, TEXTBOOK

from calcml.errors import TimeLimitError
from calcml.steps.common import SympyAnswer
from calcml.steps.limits.rules import (
    CancelCommonFactor,
    ConjugateProduct,
    DivideByHighestPower,
    LHopitalRule,
    LimitLaw,
    LimitRewrite,
    MultiplyByConjugate,
    SimplifyQuotient,
    StandardLimit,
)
from calcml.symbolic.limits import rules as limit_rules
from calcml.symbolic.limits.conjugate import conjugate_pair
from calcml.symbolic.limits.limit import limit
from calcml.symbolic.limits.powers import divided, leading
from calcml.timelimit import run_limited

x = sympy.Symbol("x", real=True)
u = sympy.Symbol("u", real=True)
QUOTABLE = {sin(u) / u, (exp(u) - 1) / u, (1 - cos(u)) / u, (1 + u) ** (1 / u)}


def _steps(sol, cls) -> list:
    return [s for s in sol.step.walk() if isinstance(s, cls)]


def _checked(f, point, direction="+-", expected=None):
    """The worked limit, after asserting it equals sympy.limit (or ``expected``) and every
    claim of its steps is true."""
    sol = limit(f, x, point, direction)
    side = direction if sympy.sympify(point).is_finite else ("-" if point == oo else "+")
    assert sol.result == (expected if expected is not None
                          else sympy.limit(f, x, point, side))
    assert sol.agreed, sol.checks
    report = sol.verify_steps(seconds=60)
    assert report.ok, str(report)
    return sol


def test_the_conjugate_is_the_one_a_learner_expects_and_the_product_is_shown():
    sol = _checked((sqrt(x + 4) - 2) / x, 0, expected=Rational(1, 4))
    step, = _steps(sol, MultiplyByConjugate)
    assert step.conjugate == sqrt(x + 4) + 2
    product = step.product
    assert isinstance(product, ConjugateProduct)
    assert product.claim == (sympy.Mul(sqrt(x + 4) - 2, sqrt(x + 4) + 2, evaluate=False), x)
    assert (product.first, product.second) == (sqrt(x + 4), 2)
    assert (product.first_squared, product.second_squared) == (x + 4, 4)
    assert isinstance(step.cancellation, CancelCommonFactor)
    assert step.cancellation.common_factor == x
    assert step.cancellation.after == 1 / (sqrt(x + 4) + 2)
    assert step.substep.claim == (sympy.Limit(1 / (sqrt(x + 4) + 2), x, 0, "+-"), Rational(1, 4))


@pytest.mark.parametrize(("part", "conjugate", "product"), [
    (sqrt(x + 4) - 2, sqrt(x + 4) + 2, x),
    (2 - sqrt(x), 2 + sqrt(x), 4 - x),
    (x - sqrt(x**2 + 4 * x), x + sqrt(x**2 + 4 * x), -4 * x),
    (sqrt(x + 1) - sqrt(x), sqrt(x + 1) + sqrt(x), 1),
    (sqrt(x) + 1, sqrt(x) - 1, x - 1),
    (-sqrt(x) - 1, sqrt(x) - 1, 1 - x),
])
def test_the_conjugate_of_a_difference_is_the_sum_in_any_order(part, conjugate, product):
    first, second, found = conjugate_pair(part)
    assert found == conjugate
    assert sympy.expand(part * found) == product == sympy.expand(first**2 - second**2)


CONJUGATE_ROWS = [(t, p, d, v) for t, p, d, v, rule in TEXTBOOK if rule == CONJUGATE] + [
    ("(sqrt(x + 1) - 1)/(sqrt(x + 4) - 2)", "0", "+-", 2),
    ("x*(sqrt(x + 1) - 1)/x^2", "0", "+-", Rational(1, 2)),
    ("(sqrt(x + 1) - 1)/(x^2 + x)", "0", "+-", Rational(1, 2)),
    ("(3 - sqrt(x + 5))/(x - 4)", "4", "+-", Rational(-1, 6)),
    ("(x^2 - 9)/(sqrt(x + 1) - 2)", "3", "+-", 24),
    ("(sqrt(1 + x) - sqrt(1 - x))/(sqrt(1 + 2*x) - 1)", "0", "+-", 1),
    ("sqrt(x)*(sqrt(x + 1) - sqrt(x))", "oo", "+-", Rational(1, 2)),
    ("x*(sqrt(x^2 + 1) - x)", "oo", "+-", Rational(1, 2)),
    ("1/(sqrt(x^2 + x) - x)", "oo", "+-", 2),
]


@pytest.mark.parametrize(("text", "point", "direction", "expected"), CONJUGATE_ROWS)
def test_a_conjugate_limit_never_falls_back_to_lhopital(text, point, direction, expected):
    sol = limit(text, "x", point, direction)
    assert sol.result == expected and sol.agreed
    assert _steps(sol, MultiplyByConjugate) and not _steps(sol, LHopitalRule)
    assert sol.verify_steps(seconds=60).ok


def test_lhopital_shows_the_quotient_of_the_derivatives_simplified():
    sol = _checked(log(x) / (1 / x), 0, "+", expected=0)
    rule, = _steps(sol, LHopitalRule)
    assert (rule.numerator_derivative.result, rule.denominator_derivative.result) == \
        (1 / x, -1 / x**2)
    assert isinstance(rule.quotient, SimplifyQuotient)
    before, after = rule.quotient.claim
    assert after == -x and sympy.simplify(before.doit() - after) == 0
    assert rule.substep.expression == sympy.Limit(-x, x, 0, "+")


def test_one_minus_cos_over_x_squared_is_derived_from_sin_u_over_u():
    sol = _checked((1 - cos(x)) / x**2, 0, expected=Rational(1, 2))
    assert _steps(sol, LHopitalRule)
    assert [s.known.args[0] for s in _steps(sol, StandardLimit)] == [sin(u) / u]


def test_tan_over_x_is_derived_from_sin_u_over_u_by_the_product_law():
    sol = _checked(tan(3 * x) / x, 0, expected=3)
    rewrite, = _steps(sol, LimitRewrite)
    assert rewrite.rewritten == sympy.Mul(sin(3 * x) / x, 1 / cos(3 * x), evaluate=False)
    law = rewrite.substep
    assert isinstance(law, LimitLaw) and law.law == "product"
    assert [part.result for part in law.parts] == [3, 1]
    standard, = _steps(sol, StandardLimit)
    assert standard.known.args[0] == sin(u) / u and standard.inner == 3 * x


@pytest.mark.parametrize(("f", "expected"), [
    (log(1 + 2 * x) / x, 2), (sympy.asin(x) / x, 1), (sympy.atan(x) / x, 1),
    (log(x + 1) / x, 1), (x / tan(x), 1),
])
def test_limits_that_are_not_among_the_four_are_derived_not_quoted(f, expected):
    sol = _checked(f, 0, expected=expected)
    assert {s.known.args[0] for s in _steps(sol, StandardLimit)} <= {sin(u) / u}


def test_no_textbook_limit_quotes_more_than_the_four_standard_limits():
    for text, point, direction, *_ in TEXTBOOK:
        sol = limit(text, "x", point, direction, timeout=30)
        assert {s.known.args[0] for s in _steps(sol, StandardLimit)} <= QUOTABLE, text


def test_a_thousandth_power_at_infinity_is_divided_without_multiplying_out():
    start = time.perf_counter()
    sol = _checked((x + 1) ** 1000 / ((x + 1) ** 1000 + 1), oo, expected=1)
    assert time.perf_counter() - start < 5
    step, = _steps(sol, DivideByHighestPower)
    assert step.power == x**1000
    assert step.rewritten.doit() == (1 + 1 / x) ** 1000 / ((1 + 1 / x) ** 1000 + x**-1000)


@pytest.mark.parametrize("f", [exp(exp(x)) / exp(x) ** 2, exp(exp(x)) / exp(x**2),
                               log(log(x)) / log(x), exp(exp(exp(x))) / exp(exp(x))])
def test_towers_at_infinity_finish_within_the_default_time_limit(f):
    start = time.perf_counter()
    sol = limit(f, x, oo)
    assert time.perf_counter() - start < 6
    assert sol.result == sympy.limit(f, x, oo)
    sympy_check = next(c for c in sol.checks if c.method == "sympy.limit")
    assert sympy_check.agreed


def test_checks_that_cannot_finish_say_so():
    sol = limit(exp(exp(exp(x))) / exp(exp(x)), x, oo)
    numeric = next(c for c in sol.checks if c.method == "numeric approach")
    assert not numeric.agreed and not numeric.finished and "in time" in numeric.detail


def test_rules_that_run_out_of_time_leave_sympys_answer(monkeypatch):
    def stuck(s, f, a, side):
        time.sleep(30)

    monkeypatch.setitem(limit_rules.FORM_RULES, "0/0", (stuck,))
    start = time.perf_counter()
    sol = limit(sin(x) / x, x, 0, timeout=1.0)
    assert time.perf_counter() - start < 1.5
    assert sol.result == 1 and isinstance(sol.step, SympyAnswer)
    assert [c.agreed for c in sol.checks] == [True, True]


@pytest.mark.parametrize("timeout", [None, 5.0])
def test_a_callers_shorter_time_limit_is_not_taken_for_the_rules_running_out(monkeypatch,
                                                                             timeout):
    def stuck(s, f, a, side):
        time.sleep(30)

    monkeypatch.setitem(limit_rules.FORM_RULES, "0/0", (stuck,))
    start = time.perf_counter()
    with pytest.raises(TimeLimitError, match="the caller"):
        run_limited(lambda: limit(sin(x) / x, x, 0, timeout=timeout), 0.5, "the caller")
    assert time.perf_counter() - start < 2


def test_the_limit_modules_import_each_other_without_a_cycle():
    assert cycles_within(import_graph(), "calcml.symbolic.limits") == []
    graph = import_graph()
    for module in ("rules", "known", "conjugate", "powers", "algebra", "protocol"):
        assert "calcml.symbolic.limits.solver" not in graph[f"calcml.symbolic.limits.{module}"]


def test_a_reciprocal_of_a_standard_limit_says_it_is_turned_over():
    sol = _checked(x / sin(3 * x), 0, expected=Rational(1, 3))
    standard, = _steps(sol, StandardLimit)
    assert (standard.reciprocal, standard.scale, standard.value) == (True, 3, Rational(1, 3))
    assert standard.claim == (sympy.Limit(x / sin(3 * x), x, 0, "+-"), Rational(1, 3))


factors = st.tuples(st.integers(-3, 3), st.integers(1, 4))
polynomials = st.builds(
    lambda c, fs, tail: c * sympy.Mul(*((x + r) ** m for r, m in fs)) + tail,
    st.integers(1, 5) | st.integers(-5, -1), st.lists(factors, min_size=1, max_size=3),
    st.sampled_from([0, 1, -x, 2 * x**2])).filter(lambda e: e != 0)  # x + (-x) is 0


@settings(deadline=None, max_examples=60)
@given(polynomials, st.integers(1, 8))
def test_leading_term_and_division_agree_with_sympys_polynomials(e, k):
    found = leading(e, x)
    poly = sympy.Poly(e, x)
    if found is not None:
        assert found == (poly.LC(), poly.degree())
    else:
        assert poly.degree() < max(leading(t, x)[1] for t in sympy.Add.make_args(e))
    assert sympy.expand(divided(e, x, k) * x**k - e) == 0


@settings(deadline=None, max_examples=60)
@given(st.integers(1, 9), st.integers(-9, 9), st.integers(1, 5), st.booleans())
def test_a_root_times_its_conjugate_has_no_root(c, r, b, flipped):
    part = sqrt(c * x + r) - b if not flipped else b - sqrt(c * x + r)
    first, second, conjugate = conjugate_pair(part)
    product = sympy.expand(part * conjugate)
    sign = -1 if flipped else 1
    assert product == sympy.expand(first**2 - second**2) == sympy.expand(sign * (c * x + r - b**2))
    assert not product.has(sqrt(c * x + r))
