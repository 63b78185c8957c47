"""Rules on sampled points against SciPy, convergence tables and the comparison with quad."""

import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate as scipy_integrate

from calcml.errors import InputError
from calcml.numeric import (
    area_by_rectangles,
    as_function,
    compare_with_quad,
    convergence_table,
    integrate,
    simpson,
    trapezoid,
    worked_rule,
)
from calcml.numeric.quad_rules import riemann_sum
from calcml.numeric.quad_tables import exact_integral

values = st.floats(-1e3, 1e3, allow_nan=False)


@st.composite
def samples(draw, least=2, distinct=False):
    n = draw(st.integers(least, 30))
    y = draw(st.lists(values, min_size=n, max_size=n))
    gaps = draw(st.lists(st.floats(0.01 if distinct else 0.0, 10), min_size=n - 1,
                         max_size=n - 1))
    x = draw(values) + np.concatenate([[0.0], np.cumsum(gaps)])
    return np.array(y), x


def _close(mine, theirs, y, x):
    scale = np.abs(y).max() * (abs(x[-1] - x[0]) + 1)
    return abs(mine - theirs) <= 1e-9 * scale + 1e-12


@settings(max_examples=150, deadline=None)
@given(samples())
def test_trapezoid_matches_scipy_on_uneven_points(data):
    y, x = data
    assert _close(trapezoid(y, x), scipy_integrate.trapezoid(y, x), y, x)
    assert _close(trapezoid(y[::-1], x[::-1]), -trapezoid(y, x), y, x)
    assert _close(trapezoid(y, dx=0.5), scipy_integrate.trapezoid(y, dx=0.5), y, x)


@settings(max_examples=150, deadline=None)
@given(samples(distinct=True))
def test_simpson_matches_scipy_for_odd_and_even_counts(data):
    y, x = data
    assert _close(simpson(y, x), scipy_integrate.simpson(y, x=x), y, x)
    assert _close(simpson(y), scipy_integrate.simpson(y), y, x)


def test_roc_curve_of_the_course_has_auc_three_quarters():
    fpr, tpr = [0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1]
    assert trapezoid(tpr, fpr) == 0.75


def test_simpson_is_exact_on_parabolas_even_with_uneven_spacing():
    x = np.array([0.0, 0.3, 1.0, 1.2, 2.0, 2.9])
    assert simpson(x ** 2, x) == pytest.approx(2.9 ** 3 / 3, rel=1e-13)
    assert simpson([1.0, 3.0], [0.0, 2.0]) == 4.0


@pytest.mark.parametrize(("call", "message"), [
    (lambda: trapezoid([1.0]), "at least 2"),
    (lambda: trapezoid([[1.0, 2.0]]), "flat list"),
    (lambda: trapezoid([1.0, math.nan]), "not finite"),
    (lambda: trapezoid([1.0, 2.0], [0.0]), "one finite number per value"),
    (lambda: trapezoid([1.0, 2.0, 3.0], [0.0, 2.0, 1.0]), "sorted"),
    (lambda: trapezoid([1.0, 2.0], dx=math.inf), "dx"),
    (lambda: simpson([1.0, 2.0, 3.0], [0.0, 0.0, 1.0]), "distinct"),
])
def test_bad_samples(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_riemann_sum_is_shared_with_the_method_of_exhaustion():
    edges = np.array([0.0, 0.5, 1.0])
    assert riemann_sum(edges, np.array([0.0, 0.25])) == 0.125
    assert area_by_rectangles("x^2", 0, 1, strips=(2,)).lower == (0.125,)


def test_convergence_table_of_the_trapezoid_rule_is_1_over_6n2():
    t = convergence_table("x^2", 0, 1, "trapezoid", ns=(1, 2, 4, 8))
    assert t.errors == pytest.approx([1 / (6 * n * n) for n in t.ns], rel=1e-12)
    assert t.orders == (None, 2.0, 2.0, 2.0) and t.exact == pytest.approx(1 / 3)
    text = t.to_text()
    assert "SymPy: 1/3" in text and "log2" in text and "h^2" in text
    data = json.loads(json.dumps(t.to_dict()))
    assert data["columns"] == ["n", "estimate", "error estimate", "true error", "order"]


def test_convergence_table_exact_sources():
    given = convergence_table(np.exp, 0, 1, "midpoint", (2, 4), exact="e - 1")
    assert "given" in given.to_text()
    reference = convergence_table(lambda t: np.exp(-t * t), 0, 1, "simpson", (2, 4))
    assert "calcml adaptive" in reference.to_text()
    assert reference.exact == pytest.approx(math.sqrt(math.pi) / 2 * math.erf(1), rel=1e-14)
    assert reference.orders[1] is not None


@pytest.mark.parametrize(("call", "message"), [
    (lambda: convergence_table(np.exp, 0, 1, "adaptive"), "fixed rule"),
    (lambda: convergence_table(np.exp, 0, 1, "simpson", ns=(4, 2)), "increasing"),
    (lambda: convergence_table(np.exp, 0, 1, "simpson", ns=()), "increasing"),
    (lambda: convergence_table(np.exp, 0, 1, "simpson", ns=(3, 6)), "even"),
])
def test_bad_convergence_tables(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_exact_integral_by_sympy():
    assert exact_integral(as_function("exp(-x)"), 0.0, math.inf) == (1.0, "1")
    assert exact_integral(as_function(np.exp), 0.0, 1.0) is None
    x = sympy.Symbol("x")
    assert exact_integral(as_function(sympy.exp(-x ** 2) * sympy.sin(x) ** 9), 0.0, 1.0,
                          seconds=0.05) is None


def test_compare_with_quad_side_by_side():
    c = compare_with_quad("1/sqrt(x)", 0, 1)
    rows = c.to_rows()
    assert [r["method"] for r in rows] == ["calcml adaptive", "scipy.integrate.quad"]
    assert rows[0]["estimate"] == pytest.approx(2, rel=1e-12)
    assert rows[1]["evaluations"] == scipy_integrate.quad(
        lambda t: 1 / math.sqrt(t), 0, 1, full_output=1)[2]["neval"]
    assert rows[0]["true error"] < 1e-13 and "1.49e-8" in c.to_text()
    fixed = compare_with_quad(np.exp, 0, 1, "simpson", 8, exact=math.e - 1)
    assert fixed.calcml.method == "simpson" and fixed.to_rows()[0]["evaluations"] == 17
    unknown = compare_with_quad(np.exp, 0, 1)
    assert unknown.to_rows()[0]["true error"] is None


@pytest.mark.parametrize(("method", "n"), [
    ("left", 5), ("right", 5), ("midpoint", 4), ("trapezoid", 6), ("simpson", 6),
    ("gauss-legendre", 4), ("romberg", 8)])
def test_worked_rule_adds_up_to_the_estimate(method, n):
    worked = worked_rule("exp(x) sin(x)", 0, 2, method, n)
    assert worked.estimate == pytest.approx(
        integrate("exp(x) sin(x)", 0, 2, method, n).estimate, rel=1e-13)
    rows = worked.to_rows()
    if method == "romberg":
        assert [r["strips"] for r in rows] == [1, 2, 4, 8]
        assert rows[-1]["R3 (h^8)"] == pytest.approx(worked.estimate, rel=1e-15)
    else:
        assert sum(r["weight * f(x_k)"] for r in rows) == pytest.approx(worked.estimate)
        assert sum(r["weight"] for r in rows) == pytest.approx(2.0, rel=1e-14)
    assert "exact" in worked.to_text()


def test_worked_simpson_weights_of_the_course_integral():
    rows = worked_rule("x/2", 1, 2, "simpson", 2).to_rows()
    assert [r["weight"] for r in rows] == pytest.approx([1 / 6, 4 / 6, 1 / 6])
    assert sum(r["weight * f(x_k)"] for r in rows) == pytest.approx(0.75, abs=1e-15)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: worked_rule("x", 0, 1, "adaptive"), "worked rule is one of"),
    (lambda: worked_rule("x", 0, "oo", "left"), "finite interval"),
    (lambda: worked_rule("x", 1, 1, "left"), "a < b"),
    (lambda: worked_rule("x", 0, 1, "romberg", 3), "power of 2"),
])
def test_bad_worked_rules(call, message):
    with pytest.raises(InputError, match=message):
        call()
