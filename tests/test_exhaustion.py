"""The method of exhaustion: Archimedes' bounds on pi and rectangles under a curve."""

import json
import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from calcml.errors import InputError
from calcml.numeric import archimedes_pi, area_by_rectangles, strip_heights

x = sympy.Symbol("x", real=True)


def test_archimedes_96_gon_lies_inside_his_bounds():
    t = archimedes_pi(doublings=4)
    assert t.counts == (6, 12, 24, 48, 96)
    assert 223 / 71 < t.lower[-1] < math.pi < t.upper[-1] < 22 / 7
    assert round(t.lower[-1], 5) == 3.14103 and round(t.upper[-1], 5) == 3.14271


@pytest.mark.parametrize("start", [3, 4, 6])
def test_recurrence_agrees_with_trigonometry(start):
    t = archimedes_pi(doublings=6, start=start)
    for n, lo, up in zip(t.counts, t.lower, t.upper, strict=True):
        assert lo == pytest.approx(n * math.sin(math.pi / n), rel=1e-13)
        assert up == pytest.approx(n * math.tan(math.pi / n), rel=1e-13)


def test_bounds_bracket_pi_and_the_gap_shrinks_by_about_4():
    t = archimedes_pi(doublings=20)
    assert all(lo <= math.pi <= up for lo, up in zip(t.lower, t.upper, strict=True))
    ratios = [a / b for a, b in zip(t.gaps, t.gaps[1:], strict=False)]
    assert all(r == pytest.approx(4, rel=0.2) for r in ratios[:12])
    assert t.gaps[-1] < 1e-10
    assert list(t.lower) == sorted(t.lower) and list(t.upper) == sorted(t.upper, reverse=True)


def test_pi_table_prints_and_is_json():
    t = archimedes_pi(1)
    assert "3.464101615" in t.to_text() and "22/7" in t.to_text()
    data = json.loads(json.dumps(t.to_dict()))
    assert data["rows"][0][:3] == [6, 3.0, pytest.approx(2 * math.sqrt(3))]


def test_area_of_x_squared_has_the_textbook_sums():
    t = area_by_rectangles(x**2, 0, 1, strips=(2, 4, 10))
    for n, lo, up in zip(t.counts, t.lower, t.upper, strict=True):
        assert lo == pytest.approx((n - 1) * n * (2 * n - 1) / (6 * n**3))
        assert up == pytest.approx(n * (n + 1) * (2 * n + 1) / (6 * n**3))
    assert t.target == pytest.approx(1 / 3)
    assert "exact area = 1/3" in t.to_text()


def test_course_integrals_are_bracketed():
    half = area_by_rectangles(x / 2, 1, 2)
    assert half.target == 0.75
    assert all(lo < 0.75 < up for lo, up in zip(half.lower, half.upper, strict=True))
    assert area_by_rectangles(2 * x, 3, 4, strips=(1000,)).lower[0] == pytest.approx(7, 1e-3)


def test_non_monotone_function_against_scipy():
    t = area_by_rectangles(np.sin, 0, math.pi, strips=(4, 64, 1024))
    assert t.target == pytest.approx(2.0)
    assert all(lo <= 2 <= up for lo, up in zip(t.lower, t.upper, strict=True))
    assert t.gaps[-1] < 0.01 and "SciPy quad" in t.to_text()


def test_callable_that_is_not_vectorised():
    t = area_by_rectangles(lambda v: math.exp(v), 0, 1, strips=(8,))
    assert t.lower[0] < math.e - 1 < t.upper[0]


def test_strip_heights():
    edges, low, high = strip_heights(lambda t: -t, 0, 2, 2)
    assert edges.tolist() == [0, 1, 2] and low.tolist() == [-1, -2] and high.tolist() == [0, -1]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: archimedes_pi(doublings=-1), "doublings"),
    (lambda: archimedes_pi(start=5), "start"),
    (lambda: area_by_rectangles(x, 2, 1), "a < b"),
    (lambda: area_by_rectangles(x, 0, 1, strips=(0,)), "strips"),
    (lambda: area_by_rectangles(x, 0, 1, strips=()), "at least one"),
    (lambda: area_by_rectangles(1 / x, -1, 1, strips=(2,)), "not finite"),
])
def test_bad_input_is_explained(call, message):
    with pytest.raises(InputError, match=message):
        call()


@settings(deadline=None, max_examples=20)
@given(c=st.lists(st.floats(-3, 3), min_size=1, max_size=4), a=st.floats(-2, 1),
       width=st.floats(0.1, 3), n=st.integers(1, 50))
def test_lower_sum_below_quad_below_upper_sum(c, a, width, n):
    def f(v):
        return sum(ck * np.asarray(v) ** k for k, ck in enumerate(c)) + 0 * np.asarray(v)

    t = area_by_rectangles(f, a, a + width, strips=(n, 4 * n))
    exact, _ = integrate.quad(f, a, a + width)
    slack = 1e-9 * (1 + abs(exact))
    for lo, up in zip(t.lower, t.upper, strict=True):
        assert lo - slack <= exact <= up + slack
    assert t.gaps[1] <= t.gaps[0] + slack


def test_text_input():
    t = area_by_rectangles("x/2", 1, 2, strips=(4,))
    assert (t.lower[0], t.upper[0], t.target) == (0.6875, 0.8125, 0.75)
