"""The adaptive integrator against scipy.integrate.quad, its building blocks (Gauss-Kronrod
nodes, Wynn's epsilon algorithm) and how it stops when it cannot converge."""

import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate as scipy_integrate
from scipy import special

from calcml.numeric import adaptive as adaptive_module
from calcml.numeric import as_function, integrate
from calcml.numeric.adaptive import adaptive
from calcml.numeric.kronrod import Epsilon, GaussKronrod
from calcml.numeric.quad_cases import CASES


def _quad_evaluations(case):
    return scipy_integrate.quad(case.fn, case.a, case.b, full_output=1)[2]["neval"]


def _honest(result, exact):
    """The error estimate bounds the true error (or both are at round-off level)."""
    true = abs(result.estimate - exact)
    return true <= result.error or true <= 1e-14 * abs(exact)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_adaptive_meets_1e_10_within_1_5_times_quads_evaluations(case):
    r = integrate(case.fn, case.a, case.b)
    assert r.converged and r.message == ""
    assert abs(r.estimate - case.exact) <= 1e-10 * abs(case.exact)
    assert r.evaluations <= 1.5 * _quad_evaluations(case)
    assert _honest(r, case.exact)


def test_without_calcmls_shortcut_it_is_quadpack(monkeypatch):
    """With the smooth-halves shortcut off, the port takes the same steps as QUADPACK:
    quad at the same tolerance makes as many evaluations and reports the same error."""
    monkeypatch.setattr(adaptive_module, "SMOOTH", 0.0)
    same = 0
    for case in [c for c in CASES if math.isfinite(c.a) and math.isfinite(c.b)]:
        mine = integrate(case.fn, case.a, case.b)
        _, error, info = scipy_integrate.quad(case.fn, case.a, case.b, epsabs=0,
                                              epsrel=1e-10, full_output=1)[:3]
        assert mine.evaluations <= info["neval"]
        if mine.evaluations == info["neval"]:
            same += 1
            assert mine.error == pytest.approx(error, rel=0.25)
    assert same >= 15


def test_the_15_point_pair_also_works():
    r = adaptive(lambda t: np.exp(-t) / np.sqrt(t), 0.0, 4.0, 1e-10, points=15)
    assert r.status == "converged" and r.evaluations % 15 == 0
    assert r.estimate == pytest.approx(math.sqrt(math.pi) * math.erf(2), rel=1e-10)


@pytest.mark.parametrize("case", CASES[::4], ids=[c.name for c in CASES[::4]])
def test_case_text_is_the_same_function(case):
    nf = as_function(case.text)
    pts = np.linspace(0.1, 0.9, 5)
    assert np.allclose(nf(pts), case.fn(pts), rtol=1e-13)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(-2.5, 0), st.floats(-0.95, 3), st.floats(0.5, 5))
def test_random_integrands_are_accurate_with_honest_error(centre, log_width, power, shape):
    width = 10 ** log_width
    cases = [
        (lambda t: np.exp(-((t - centre) / width) ** 2), 0, 1,
         width * math.sqrt(math.pi) / 2 * (math.erf((1 - centre) / width)
                                           + math.erf(centre / width))),
        (lambda t: t ** power, 0, 1, 1 / (power + 1)),
        (lambda t: t ** shape * np.exp(-t), 0, math.inf, math.gamma(shape + 1)),
        (lambda t: 1 / ((t - centre) ** 2 + width ** 2), 0, 1,
         (math.atan((1 - centre) / width) + math.atan(centre / width)) / width),
    ]
    for f, a, b, exact in cases:
        r = integrate(f, a, b)
        assert r.converged
        assert abs(r.estimate - exact) <= 1e-10 * abs(exact)
        assert _honest(r, exact)


@pytest.mark.parametrize(("a", "b"), [(0, "oo"), ("-oo", 0), ("-oo", "oo"), (0, math.inf),
                                      (-sympy.oo, sympy.oo)])
def test_infinite_bounds_by_change_of_variables(a, b):
    r = integrate("exp(-x^2)", a, b)
    full = float(a in ("-oo",) or a == -sympy.oo) + float(b in ("oo", math.inf, sympy.oo))
    assert r.estimate == pytest.approx(full * math.sqrt(math.pi) / 2, rel=1e-12)
    assert r.converged


def test_reversed_infinite_interval_and_its_json():
    r = integrate(np.exp, 0, "-oo")
    assert r.estimate == pytest.approx(-1, rel=1e-12)
    assert json.loads(json.dumps(r.to_dict(), allow_nan=False))["b"] == "-oo"


def test_budget_ends_with_a_warning_not_a_hang():
    r = integrate(lambda t: np.sin(1 / t), 0, 1, max_evaluations=2000)
    assert not r.converged and "budget" in r.message and r.evaluations <= 2000
    assert abs(r.estimate - 0.5040670619069283) < 0.01
    assert "warning: did not converge" in r.to_text()
    assert r.to_dict()["converged"] is False


@pytest.mark.parametrize(("f", "a", "b"), [(lambda t: 1 / t, 0, 1), (np.sin, 0, math.inf),
                                           (lambda t: t, 0, math.inf)])
def test_divergent_integrals_are_flagged(f, a, b):
    r = integrate(f, a, b)
    assert not r.converged and r.message


def test_zero_integral_converges_on_round_off():
    r = integrate(np.sin, 0, 2 * math.pi)
    assert r.converged and abs(r.estimate) < 1e-13


def test_tolerance_is_relative():
    loose = integrate(lambda t: np.cos(30 * t) * t, 0, 3, tol=1e-4)
    tight = integrate(lambda t: np.cos(30 * t) * t, 0, 3, tol=1e-13)
    exact = (3 * math.sin(90) / 30) + (math.cos(90) - 1) / 900
    assert abs(loose.estimate - exact) < 1e-4 * abs(exact)
    assert abs(tight.estimate - exact) < 1e-13 * abs(exact) + 1e-16
    assert loose.evaluations < tight.evaluations


@pytest.mark.parametrize(("points", "gauss", "degree"), [(21, 10, 31), (15, 7, 22)])
def test_gauss_kronrod_pairs(points, gauss, degree):
    gk = GaussKronrod.of(points)
    nodes, _ = np.polynomial.legendre.leggauss(gauss)
    assert np.allclose(np.sort(gk.nodes[gk.gauss_weights > 0]), nodes, atol=1e-15)
    for d in range(degree + 1):
        exact = (1 - (-1) ** (d + 1)) / (d + 1)
        assert gk.weights @ gk.nodes ** d == pytest.approx(exact, abs=1e-14)
        if d < 2 * gauss:
            assert gk.gauss_weights @ gk.nodes ** d == pytest.approx(exact, abs=1e-14)


def test_epsilon_algorithm_sums_a_slow_series():
    # Partial sums of 1 - 1/3 + 1/5 - ... crawl towards pi/4 (error ~ 1/(4n)).
    table = Epsilon()
    partial = np.cumsum([(-1) ** k / (2 * k + 1) for k in range(16)])
    results = [table.add(float(s)) for s in partial]
    assert abs(partial[-1] - math.pi / 4) > 0.015
    assert abs(results[-1][0] - math.pi / 4) < 1e-11 and results[-1][1] < 1e-9
    assert all(abs(v - math.pi / 4) <= e for v, e in results)


def test_epsilon_is_exact_on_a_geometric_sequence():
    table = Epsilon()
    results = [table.add(1 - 0.5 ** k) for k in range(1, 12)]
    assert results[4] == (1.0, pytest.approx(0, abs=1e-14))
    assert all(abs(v - 1) <= e for v, e in results)


def test_singular_and_special_function_integrals():
    assert integrate("log(x)^2", 0, 1).estimate == pytest.approx(2, rel=1e-12)
    assert integrate(lambda t: special.erf(t), 0, 2).estimate == pytest.approx(
        2 * special.erf(2) + (math.exp(-4) - 1) / math.sqrt(math.pi), rel=1e-12)
