"""Numeric integration rules: the course's integrals, orders of convergence, error estimates
and bad input."""

import json
import math

import numpy as np
import pytest
import sympy

from calcml.errors import InputError
from calcml.numeric import METHODS, Quadrature, integrate
from calcml.numeric.quad_tables import convergence_table

FIXED = [m for m in METHODS if m != "adaptive"]
x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize("method", METHODS)
def test_course_integrals_with_every_method(method):
    n = None if method == "adaptive" else 8
    half = integrate(x / 2, 1, 2, method, n)
    double = integrate("2x", 3, 4, method, n)
    if method in ("left", "right"):
        # A Riemann sum misses a triangle on each strip: (b - a) (f(b) - f(a)) / (2n).
        sign = -1 if method == "left" else 1
        assert half.estimate == pytest.approx(0.75 + sign * 0.5 / 16, abs=1e-15)
        assert double.estimate == pytest.approx(7 + sign * 2 / 16, abs=1e-14)
        assert half.error == pytest.approx(0.5 / 16, rel=1e-12)  # Richardson is exact here
    else:
        assert half.estimate == pytest.approx(0.75, abs=1e-15)
        assert double.estimate == pytest.approx(7, abs=1e-14)
        assert half.error < 1e-13


def test_trapezoid_is_exact_on_lines_and_simpson_on_cubics():
    assert integrate(lambda t: 3 * t - 1, -2, 5, "trapezoid", 1).estimate == 24.5
    assert integrate(lambda t: t ** 3, 0, 2, "simpson", 2).estimate == 4.0
    assert integrate("x^3 - x", -1, 2, "simpson", 2).error == 0.0


def test_gauss_legendre_is_exact_to_degree_2n_minus_1():
    assert integrate(lambda t: t ** 5, 0, 1, "gauss-legendre", 3).estimate == pytest.approx(
        1 / 6, abs=1e-15)
    assert abs(integrate(lambda t: t ** 6, 0, 1, "gauss-legendre", 3).estimate - 1 / 7) > 1e-5


@pytest.mark.parametrize(("method", "ns", "order"), [
    ("left", (64, 128, 256, 512), 1), ("right", (64, 128, 256, 512), 1),
    ("midpoint", (8, 16, 32, 64), 2), ("trapezoid", (8, 16, 32, 64), 2),
    ("simpson", (4, 8, 16, 32), 4)])
def test_observed_order_of_convergence(method, ns, order):
    for f, a, b, exact in [(np.exp, 0, 1, math.e - 1), (np.sin, 0, 2, 1 - math.cos(2))]:
        t = convergence_table(f, a, b, method, ns, exact=exact)
        assert t.orders[-1] == pytest.approx(order, abs=0.05)
        assert list(t.errors) == sorted(t.errors, reverse=True)


def test_romberg_and_gauss_legendre_converge_faster_than_any_fixed_order():
    romberg = convergence_table(np.exp, 0, 1, "romberg", (2, 4, 8), exact=math.e - 1)
    assert romberg.orders[1] > 5 and romberg.orders[2] > 7 and romberg.errors[-1] < 1e-9
    gauss = convergence_table(np.exp, 0, 1, "gauss-legendre", (1, 2, 3, 4), exact=math.e - 1)
    assert all(o > 7 for o in gauss.orders[1:]) and gauss.errors[-1] < 1e-8


@pytest.mark.parametrize("method", FIXED)
def test_error_estimate_tracks_the_true_error(method):
    n = 4 if method == "gauss-legendre" else 16
    r = integrate(np.cos, 0, 1.5, method, n)
    true = abs(r.estimate - math.sin(1.5))
    assert true <= r.error * 1.1 + 1e-15 and r.error <= true * 10 + 1e-15


@pytest.mark.parametrize("method", METHODS)
def test_reversed_bounds_give_the_negative(method):
    n = None if method == "adaptive" else 8
    forward, backward = (integrate(np.exp, lo, hi, method, n) for lo, hi in ((0, 1), (1, 0)))
    assert backward.estimate == -forward.estimate and backward.a == 1 and backward.b == 0
    assert integrate(np.exp, 2, 2, method, n).estimate == 0.0


@pytest.mark.parametrize(("method", "n", "calls"), [
    ("left", 8, 17), ("trapezoid", 8, 17), ("simpson", 8, 17), ("romberg", 8, 17),
    ("midpoint", 8, 24), ("gauss-legendre", 5, 15), ("adaptive", None, 21)])
def test_evaluation_count_is_what_f_saw(method, n, calls):
    seen = []

    def f(t):
        seen.append(np.size(t))
        return np.exp(t)

    r = integrate(f, 0, 1, method, n)
    assert r.evaluations == sum(seen) == calls


def test_scalar_only_and_constant_functions():
    assert integrate(math.exp, 0, 1).estimate == pytest.approx(math.e - 1, rel=1e-14)
    assert integrate(lambda t: 3.0, 0, 2, "simpson", 4).estimate == 6.0
    assert integrate("5", -1, 1).estimate == pytest.approx(10)


def test_text_sympy_and_named_variable():
    t = sympy.Symbol("t")
    assert integrate(sympy.sin(t), 0, sympy.pi).estimate == pytest.approx(2, rel=1e-14)
    assert integrate("u^2", 0, "3", var="u").estimate == pytest.approx(9, rel=1e-14)


def test_result_prints_and_is_json():
    r = integrate("x/2", 1, 2, "trapezoid", 4)
    assert isinstance(r, Quadrature)
    data = json.loads(json.dumps(r.to_dict()))
    assert data["estimate"] == 0.75 and data["method"] == "trapezoid" and data["n"] == 4
    text = r.to_text()
    assert "0.75" in text and "trapezoid" in text and "9 evaluations" in text
    with pytest.raises(AttributeError):
        r.estimate = 1.0


@pytest.mark.parametrize(("call", "message"), [
    (lambda: integrate(np.exp, 0, 1, "boole"), "unknown method"),
    (lambda: integrate(np.exp, 0, 1, "simpson", 3), "even"),
    (lambda: integrate(np.exp, 0, 1, "romberg", 6), "power of 2"),
    (lambda: integrate(np.exp, 0, 1, "trapezoid", 0), "whole number"),
    (lambda: integrate(np.exp, 0, 1, "trapezoid", 2.5), "whole number"),
    (lambda: integrate(np.exp, 0, 1, "trapezoid", True), "whole number"),
    (lambda: integrate(np.exp, 0, 1, "gauss-legendre", 5000), "1 to 1000"),
    (lambda: integrate(np.exp, 0, 1, "adaptive", 8), "leave n out"),
    (lambda: integrate(np.exp, 0, math.inf, "simpson", 8), "finite bounds"),
    (lambda: integrate(np.exp, "-oo", 0, "left"), "finite bounds"),
    (lambda: integrate(np.exp, math.nan, 1), "nan"),
    (lambda: integrate(np.exp, "y", 1), "real number"),
    (lambda: integrate(np.exp, 0, [1]), "real number"),
    (lambda: integrate(np.exp, 0, 1, tol=0), "tol"),
    (lambda: integrate(np.exp, 0, 1, max_evaluations=5), "max_evaluations"),
    (lambda: integrate(lambda t: np.full_like(t, np.nan), 0, 1, "midpoint", 4), "not finite"),
    (lambda: integrate(lambda t: np.full_like(t, np.nan), 0, 1), "not finite"),
    (lambda: integrate(lambda t: 1 / t, -1, 1), "not finite at x = 0"),
    (lambda: integrate("1/sqrt(x)", 0, 1, "left", 4), "not finite at x = 0"),
    (lambda: integrate("x y", 0, 1), "substitute"),
])
def test_bad_input_is_refused_clearly(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_midpoint_and_gauss_avoid_the_singular_end_point():
    mid = integrate("1/sqrt(x)", 0, 1, "midpoint", 64)
    gauss = integrate("1/sqrt(x)", 0, 1, "gauss-legendre", 64)
    assert abs(mid.estimate - 2) < 0.2 and abs(gauss.estimate - 2) < 0.05
