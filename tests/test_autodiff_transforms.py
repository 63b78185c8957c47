"""JAX-style transforms: values a person can check, SymPy as the oracle, nesting, errors."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import calcml.autodiff as ad
from calcml.autodiff import (
    Tensor,
    grad,
    hessian,
    jacfwd,
    jacobian,
    jacrev,
    jvp,
    value_and_grad,
    vjp,
)
from calcml.errors import InputError


def test_course_square_and_partials() -> None:
    assert grad(lambda x: x ** 2)(5.0) == 10.0
    z = grad(lambda x, y: x ** 2 - y ** 2, argnums=(0, 1))
    assert z(3.0, 0.0) == (6.0, 0.0)
    assert z(2.0, 3.0) == (4.0, -6.0)
    assert z(-2.0, -3.0) == (-4.0, 6.0)


def test_cylinder_volume_partials() -> None:
    def volume(r: Any, length: Any) -> Any:
        return np.pi * r ** 2 * length

    v, (dr, dl) = value_and_grad(volume, argnums=(0, 1))(3.0, 5.0)
    assert (v, dl, dr) == pytest.approx((141.37, 28.27, 94.25), abs=0.01)


def test_returns_numpy_like_jax() -> None:
    g = grad(lambda x: (x * x).sum())(np.array([1.0, 2.0]))
    assert isinstance(g, np.ndarray) and g.tolist() == [2.0, 4.0]
    s = grad(lambda x: x * 3)(2)
    assert isinstance(s, np.floating) and s == 3.0
    assert grad(lambda x: x * 3)(Tensor(2.0)) == 3.0


def test_has_aux_and_argnums() -> None:
    (value, aux), g = value_and_grad(lambda x: (x ** 2, "note"), has_aux=True)(3.0)
    assert (value, aux, g) == (9.0, "note", 6.0)
    g, aux = grad(lambda x, y: (x * y, y), argnums=1, has_aux=True)(2.0, 5.0)
    assert (g, aux) == (2.0, 5.0)
    assert grad(lambda x, y: x * y, argnums=-1)(2.0, 5.0) == 2.0


def test_grad_of_non_scalar_says_how_to_fix() -> None:
    with pytest.raises(InputError, match=r"reduce the output to a scalar with \.sum\(\), or "
                                         "use jacobian"):
        grad(lambda x: x * 2)(np.ones(3))
    with pytest.raises(InputError, match="argnums"):
        grad(lambda x: x, argnums=2)(1.0)
    with pytest.raises(InputError, match="pair"):
        grad(lambda x: x, has_aux=True)(1.0)


def test_constant_function_has_zero_gradient() -> None:
    assert grad(lambda x: 4.0)(1.0) == 0.0
    np.testing.assert_array_equal(jacobian(lambda x: np.ones(2))(np.ones(3)), np.zeros((2, 3)))


def test_jacobians_forward_and_reverse_agree_with_hand_values() -> None:
    def f(x: Any) -> Any:
        return ad.stack([x[0] * x[1], x[0].sin()])

    x = np.array([2.0, 3.0])
    expected = np.array([[3.0, 2.0], [np.cos(2.0), 0.0]])
    np.testing.assert_allclose(jacobian(f)(x), expected)
    np.testing.assert_allclose(jacrev(f)(x), expected)
    np.testing.assert_allclose(jacfwd(f)(x), expected)
    j0, j1 = jacobian(lambda a, b: a * b, argnums=(0, 1))(np.array([1.0, 2.0]), 3.0)
    np.testing.assert_array_equal(j0, 3.0 * np.eye(2))
    np.testing.assert_array_equal(j1, [1.0, 2.0])


def test_jvp_and_vjp() -> None:
    out, tangent = jvp(lambda x, y: x * y.sin(), (2.0, 0.5), (1.0, 0.0))
    assert (out, tangent) == pytest.approx((2 * np.sin(0.5), np.sin(0.5)))
    out, pull = vjp(lambda x: ad.tanh(x) * 2, np.array([0.0, 1.0]))
    (g,) = pull(np.array([1.0, 1.0]))
    np.testing.assert_allclose(g, 2 * (1 - np.tanh([0.0, 1.0]) ** 2))
    with pytest.raises(InputError, match="shape"):
        pull(np.ones(3))
    with pytest.raises(InputError, match="tuples"):
        jvp(lambda x: x, 1.0, 1.0)


def test_nesting_to_third_order_and_no_perturbation_confusion() -> None:
    assert grad(grad(grad(lambda x: x ** 4)))(1.0) == 24.0
    # d/dx [x * d/dy (x y)] = d/dx x^2 = 2x: the inner derivative is taken in y only.
    assert grad(lambda x: x * grad(lambda y: x * y)(x))(3.0) == 6.0
    assert grad(lambda x: grad(lambda y: y * x)(2.0))(3.0) == 1.0


def test_forward_over_reverse_is_refused_not_silently_wrong() -> None:
    with pytest.raises(InputError, match="forward mode over other transforms"):
        jacfwd(grad(lambda x: (x ** 3).sum()))(np.ones(2))
    with pytest.raises(InputError, match="do not mix"):
        jvp(lambda d: d * Tensor(2.0, requires_grad=True), (1.0,), (1.0,))


def test_transforms_accept_tensors_that_carry_a_graph() -> None:
    x = Tensor(2.0, requires_grad=True)
    g = grad(lambda t: t ** 3)(x)
    assert isinstance(g, Tensor) and g.item() == 12.0
    g.backward()
    assert x.grad.item() == 12.0


X = sympy.Symbol("x")
UNARY = [(sympy.sin, ad.sin), (sympy.cos, ad.cos), (sympy.exp, ad.exp), (sympy.tanh, ad.tanh),
         (lambda e: e ** 3, lambda e: e ** 3), (lambda e: sympy.log(e ** 2 + 1),
                                                   lambda e: ad.log(e ** 2 + 1))]
BINARY = [(lambda a, b: a + b,) * 2, (lambda a, b: a * b,) * 2, (lambda a, b: a - b,) * 2,
          (lambda a, b: a / (b ** 2 + 1),) * 2]


@st.composite
def expressions(draw: st.DrawFn, depth: int = 3) -> tuple[Any, Any]:
    """A random expression in x as a (SymPy, calcml function) pair."""
    if depth == 0 or draw(st.booleans()):
        c = draw(st.integers(-3, 3))
        return draw(st.sampled_from([(X, lambda x: x), (X + c, lambda x: x + c)]))
    if draw(st.booleans()):
        s_op, c_op = draw(st.sampled_from(UNARY))
        s, c = draw(expressions(depth - 1))
        return s_op(s), lambda x: c_op(c(x))
    s_op, c_op = draw(st.sampled_from(BINARY))
    (s1, c1), (s2, c2) = draw(expressions(depth - 1)), draw(expressions(depth - 1))
    return s_op(s1, s2), lambda x: c_op(c1(x), c2(x))


@settings(deadline=None, max_examples=40)
@given(expressions(), st.floats(-1.5, 1.5))
def test_third_derivative_matches_sympy(pair: tuple[Any, Any], x0: float) -> None:
    sym, fun = pair
    expected = [float(sympy.diff(sym, X, k).subs(X, x0)) for k in (1, 2, 3)]
    got = [grad(fun)(x0), grad(grad(fun))(x0), grad(grad(grad(fun)))(x0)]
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)


@settings(deadline=None, max_examples=25)
@given(st.lists(st.tuples(st.integers(-4, 4), st.integers(0, 3), st.integers(0, 3),
                          st.integers(0, 3)), min_size=1, max_size=5),
       st.lists(st.floats(-2, 2), min_size=3, max_size=3))
def test_hessian_of_random_polynomial_matches_sympy(terms: list[tuple[int, ...]],
                                                    point: list[float]) -> None:
    xs = sympy.symbols("a b c")
    poly = sum(c * xs[0] ** i * xs[1] ** j * xs[2] ** k for c, i, j, k in terms)

    def fun(v: Any) -> Any:
        return sum((c * v[0] ** i * v[1] ** j * v[2] ** k for c, i, j, k in terms),
                   Tensor(0.0))

    subs = dict(zip(xs, point, strict=True))
    expected = np.array(sympy.hessian(poly, xs).subs(subs), dtype=float)
    np.testing.assert_allclose(hessian(fun)(np.array(point)), expected, rtol=1e-9, atol=1e-9)


def test_hessian_of_sum_tanh_matches_sympy() -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(size=(3, 3))
    x0 = rng.normal(size=3)
    xs = sympy.symbols("x0:3")
    f = sum(sympy.tanh(sum(a[i, j] * xs[j] for j in range(3))) for i in range(3))
    expected = np.array(sympy.hessian(f, xs).subs(dict(zip(xs, x0, strict=True))), dtype=float)
    np.testing.assert_allclose(hessian(lambda x: ad.tanh(a @ x).sum())(x0), expected,
                               rtol=1e-10, atol=1e-12)


def test_hessian_with_two_arguments_gives_blocks() -> None:
    h = hessian(lambda x, y: (x * x * y).sum(), argnums=(0, 1))(np.array([1.0, 2.0]), 3.0)
    np.testing.assert_allclose(h[0][0], 6.0 * np.eye(2))
    np.testing.assert_allclose(h[0][1], [2.0, 4.0])
    np.testing.assert_allclose(h[1][0], [2.0, 4.0])
    assert h[1][1] == 0.0
