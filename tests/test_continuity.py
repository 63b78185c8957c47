"""Continuity by the three conditions, and discontinuities found and classified."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import oo, pi

from calcml.errors import InputError
from calcml.expr.functions import relu, sigmoid
from calcml.expr.printing import to_text
from calcml.steps.limits.continuity import UNDEFINED, ContinuityConditions, Failure
from calcml.symbolic.limits.continuity import Discontinuity, continuity, discontinuities
from calcml.symbolic.limits.limit import DNE

x = sympy.Symbol("x", real=True)


@pytest.mark.parametrize(("f", "at", "continuous", "failure"), [
    (x**2 + 2 * x + 2, 2, True, None),
    ((x**2 - 1) / (x - 1), 1, False, Failure.UNDEFINED),
    (25 / x, 0, False, Failure.UNDEFINED),
    (sympy.Abs(x), 0, True, None),
    (relu(x), 0, True, None),
    (sigmoid(x), 0, True, None),
    (sympy.sign(x), 0, False, Failure.NO_LIMIT),
    (sympy.Piecewise((x, x < 1), (2, True)), 1, False, Failure.NO_LIMIT),
    (sympy.Piecewise((x**2, x < 1), (3, sympy.Eq(x, 1)), (x, True)), 1, False,
     Failure.UNEQUAL),
    (sympy.Piecewise((x**2, x < 1), (x, True)), 1, True, None),
    (sympy.tan(x), pi / 4, True, None),
])
def test_three_conditions(f, at, continuous, failure):
    sol = continuity(f, x, at=at)
    assert isinstance(sol.step, ContinuityConditions)
    assert bool(sol.result) is continuous
    assert sol.step.failure() is failure
    if isinstance(f, sympy.Piecewise) and not continuous:
        # SymPy 1.14 gives a piecewise limit at a break as the value there (2, 3), wrongly
        sympy_check, numeric_check, *_ = sol.checks
        assert not sympy_check.agreed and "stands" in sympy_check.detail
        assert sympy_check.value == f.subs(x, at)
        assert numeric_check.agreed
    else:
        assert sol.agreed


def test_continuity_steps_show_value_and_limit():
    sol = continuity((x**2 - 1) / (x - 1), x, at=1)
    value, worked = sol.step.substeps
    assert value.value is UNDEFINED and not value.defined
    assert worked.result == 2
    text = sol.to_text()
    assert "f(1) = undefined" in text and "not continuous" in text
    assert "continuous" in sol.to_latex() and "<math" in sol.to_html()
    assert sol.to_dict()["result"] == "False"


def test_continuity_at_a_point_of_continuity_says_all_three_hold():
    sol = continuity("x^2", "x", at="3")
    assert sol.result == sympy.true
    assert "All three conditions hold" in sol.to_text()


@pytest.mark.parametrize(("f", "interval", "expected"), [
    (25 / x, (-1, 1), [(0, "infinite", -oo, oo)]),
    (sympy.sin(x) / x, (-1, 1), [(0, "removable", 1, 1)]),
    ((x**2 - 1) / (x - 1), (-5, 5), [(1, "removable", 2, 2)]),
    (sympy.sign(x - 2), (0, 5), [(2, "jump", -1, 1)]),
    (sympy.sin(1 / x), (-1, 1), [(0, "essential", DNE, DNE)]),
    (sympy.exp(1 / x), (-1, 1), [(0, "infinite", 0, oo)]),
    (sympy.floor(x), (-1, 1), [(-1, "jump", -2, -1), (0, "jump", -1, 0), (1, "jump", 0, 1)]),
    (sympy.tan(x), (0, 4), [(pi / 2, "infinite", oo, -oo)]),
    (1 / (x**2 - 4), (-5, 5), [(-2, "infinite", oo, -oo), (2, "infinite", -oo, oo)]),
    (sympy.Piecewise((x, x < 1), (2, True)), (-3, 3), [(1, "jump", 1, 2)]),
])
def test_discontinuities_are_found_and_classified(f, interval, expected):
    found = discontinuities(f, x, interval=interval)
    assert [(d.point, d.kind, d.left, d.right) for d in found] == expected


def test_kinks_are_not_discontinuities():
    assert discontinuities(sympy.Abs(x) + relu(x - 1) + sympy.Max(x, 2), x, (-5, 5)) == []


def test_log_at_the_edge_of_its_domain():
    (d,) = discontinuities(sympy.log(x), x, interval=(-1, 1))
    assert (d.point, d.kind, d.left, d.right, d.value) == (0, "infinite", None, -oo, UNDEFINED)
    assert "f is not real" in str(d)


def test_discontinuity_text():
    (d,) = discontinuities(25 / x, x, interval=(-1, 1))
    assert isinstance(d, Discontinuity)
    assert d.to_text() == (f"x = 0: infinite discontinuity (from the left {to_text(-oo)}, "
                           f"from the right {to_text(oo)}, f(0) undefined)")


def test_periodic_points_are_listed_up_to_a_cap():
    found = discontinuities(sympy.tan(x), x, interval=(-10, 10))
    assert [d.point for d in found] == [k * pi + pi / 2 for k in range(-3, 3)]
    with pytest.raises(InputError, match="smaller interval"):
        discontinuities(sympy.tan(x), x, interval=(0, 10**6))
    with pytest.raises(InputError, match="smaller interval"):
        discontinuities(sympy.tan(x), x, interval=(0, oo))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"interval": (3, 1)}, "a < b"),
    ({"interval": (1, 2, 3)}, "pair"),
    ({"interval": ("y", 1)}, "real ends"),
])
def test_bad_intervals_are_clear_errors(kwargs, message):
    with pytest.raises(InputError, match=message):
        discontinuities(1 / x, x, **kwargs)


def test_continuity_needs_a_finite_point():
    with pytest.raises(InputError, match="real number"):
        continuity(1 / x, x, at="oo")


@settings(deadline=None, max_examples=15)
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=3, unique=True))
def test_poles_of_a_rational_function_are_infinite(roots):
    f = 1 / sympy.Mul(*[(x - r) ** 2 for r in roots])
    found = discontinuities(f, x, interval=(-5, 5))
    assert [d.point for d in found] == sorted(roots)
    assert all(d.kind == "infinite" and d.left == d.right == oo for d in found)
    assert all(not continuity(f, x, at=r).result for r in roots)
