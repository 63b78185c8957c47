"""Finite differences, the complex step and Richardson, against exact derivatives."""

import math

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import InputError
from calcml.expr.functions import sigmoid, softplus
from calcml.numeric import (
    backward_difference,
    best_step,
    central_difference,
    complex_step,
    default_step,
    derivative,
    derivative_error_table,
    forward_difference,
    richardson,
    richardson_table,
    theory_step,
)

x = sympy.Symbol("x", real=True)
EPS = np.finfo(float).eps


def error(method, f, at, exact, h):
    return abs(derivative(f, at, method, h) - exact)


@pytest.mark.parametrize(("method", "ratio"), [("forward", 2), ("backward", 2),
                                               ("central", 4), ("richardson", 16)])
def test_halving_h_cuts_the_error_by_2_to_the_order(method, ratio):
    h = 0.02 if method != "richardson" else 0.1
    e1, e2 = error(method, np.exp, 0.5, math.exp(0.5), h), error(
        method, np.exp, 0.5, math.exp(0.5), h / 2)
    assert e1 / e2 == pytest.approx(ratio, rel=0.05)


def test_hand_checked_values():
    assert forward_difference(lambda t: t**2, 3.0, h=0.5) == 6.5
    assert backward_difference(lambda t: t**2, 3.0, h=0.5) == 5.5
    assert central_difference(lambda t: t**2, 3.0, h=0.5) == 6.0
    assert central_difference(lambda t: t**3, 1.0, h=0.5) == 3.25  # 3 + h^2


def test_course_example_y_equals_x_squared_at_5():
    for method in ("forward", "backward", "central", "richardson", "complex"):
        assert derivative(x**2, 5, method) == pytest.approx(10, abs=1e-6)


@pytest.mark.parametrize("f", [sympy.sin(x) * sympy.exp(x), sigmoid(x), softplus(x),
                               sympy.log(1 + x**2), sympy.atan(x) / (2 + x)])
def test_complex_step_matches_sympy_to_1e_15(f):
    for at in (-1.3, 0.2, 2.0):
        exact = float(sympy.diff(f, x).subs(x, at))
        assert complex_step(f, at) == pytest.approx(exact, rel=2e-15, abs=1e-16)


def test_methods_agree_with_pytorch_autograd(torch):
    t = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    (torch.tanh(t) * torch.sigmoid(3 * t)).backward()
    f = sympy.tanh(x) * sigmoid(3 * x)
    assert complex_step(f, 0.7) == pytest.approx(t.grad.item(), rel=1e-14)
    assert central_difference(f, 0.7) == pytest.approx(t.grad.item(), rel=1e-9)
    assert richardson(f, 0.7) == pytest.approx(t.grad.item(), rel=1e-11)


def test_richardson_tableau_is_exact_for_a_quintic():
    t = richardson_table(lambda v: v**5, 1.0, h=0.5, levels=3)
    assert t.value == pytest.approx(5.0, abs=1e-13)
    assert t.table.rows[0][1] == pytest.approx(5 + 10 * 0.25 + 0.0625)  # D(h) by hand
    assert t.table.rows[0][2] is None and "R2" in t.table.columns[3]


def test_error_table_shows_truncation_then_round_off():
    t = derivative_error_table(sympy.sin(x), 1)
    assert t.exact == pytest.approx(math.cos(1))
    fwd, cen, cpx = t.errors["forward"], t.errors["central"], t.errors["complex"]
    best_f, best_c = int(np.argmin(fwd)), int(np.argmin(cen))
    assert t.steps[best_f] in (1e-7, 1e-8, 1e-9)  # ~ sqrt(eps)
    assert t.steps[best_c] in (1e-4, 1e-5, 1e-6)  # ~ eps^(1/3)
    assert fwd[0] > fwd[best_f] < fwd[-1] and cen[0] > cen[best_c] < cen[-1]
    assert cpx[7:].max() < 2e-16  # no round-off for the complex step
    assert len(t.to_rows()) == 16 and "eps" in t.to_text()


def test_best_step_against_theory():
    t = best_step(sympy.exp(x), 1)
    rows = {r[0]: r for r in t.rows}
    for method in ("forward", "central", "richardson"):
        _, h, err, h_theory, _ = rows[method]
        assert h_theory / 30 < h < h_theory * 30
    assert rows["forward"][2] > rows["central"][2] > rows["complex"][2]
    assert theory_step("forward")[0] == pytest.approx(math.sqrt(EPS))
    assert theory_step("central")[0] == pytest.approx(EPS ** (1 / 3))


def test_default_steps():
    assert default_step("forward", 100.0) == pytest.approx(100 * math.sqrt(EPS))
    assert default_step("complex") == 1e-20


def test_error_table_with_a_callable_needs_exact():
    with pytest.raises(InputError, match="exact="):
        derivative_error_table(np.sin, 1.0)
    t = derivative_error_table(np.sin, 1.0, exact=math.cos(1.0), steps=(1e-3,))
    assert t.errors["central"][0] == pytest.approx(math.cos(1) * 1e-6 / 6, rel=1e-3)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: complex_step(math.sin, 1.0), "math.sin"),
    (lambda: complex_step(abs(x), 1.0), "real number for complex input"),
    (lambda: derivative(np.sin, 1.0, "sideways"), "unknown method"),
    (lambda: forward_difference(np.sin, 1.0, h=-0.1), "positive"),
    (lambda: forward_difference(np.sin, 1e8, h=1e-12), "too small"),
    (lambda: richardson(np.sin, 1.0, levels=0), "levels"),
    (lambda: central_difference(sympy.log(x), 0.0), "not defined"),
    (lambda: derivative_error_table(np.sin, 1.0, exact=1, steps=()), "non-empty"),
])
def test_bad_input_is_explained(call, message):
    with pytest.raises(InputError, match=message):
        call()


@settings(deadline=None, max_examples=30)
@given(coeffs=st.lists(st.integers(-4, 4), min_size=1, max_size=6),
       at=st.floats(-2, 2))
def test_polynomials_complex_step_and_richardson_agree_with_sympy(coeffs, at):
    f = sum(c * x**k for k, c in enumerate(coeffs))
    exact = float(sympy.diff(f, x).subs(x, at))
    scale = max(1.0, sum(abs(c) * k * 2 ** k for k, c in enumerate(coeffs)))
    assert complex_step(f, at) == pytest.approx(exact, abs=1e-14 * scale)
    assert richardson(f, at, h=0.5) == pytest.approx(exact, abs=1e-9 * scale)


def test_text_input():
    assert complex_step("sigmoid(x)", 0) == pytest.approx(0.25, abs=1e-16)
    assert central_difference("x^2", 5) == pytest.approx(10, abs=1e-8)
