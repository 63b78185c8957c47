"""Every primitive and composite, first and second order, against independent methods.

check_grads compares reverse mode with central differences, the complex step (where the
function is analytic) and forward mode (dual numbers); at second order the Hessian by
reverse over reverse with differences and the complex step of the gradient.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import calcml.autodiff as ad
from calcml.autodiff.check import GradCheckError, check_grads
from calcml.autodiff.primitives import PRIMITIVES, Primitive
from calcml.autodiff.tensor import Tensor

RNG = np.random.default_rng(7)


def _r(*shape: int, lo: float = -1.5, hi: float = 1.5) -> np.ndarray:
    return RNG.uniform(lo, hi, size=shape)


def _sq(f: Callable[..., Any]) -> Callable[..., Any]:
    """A linear operation squared, so that its second derivative is not trivially zero."""
    return lambda *xs: f(*xs) ** 2


# primitive name -> cases (function, arguments); every row of the table appears here.
CASES: dict[str, list[tuple[Callable[..., Any], tuple[np.ndarray, ...]]]] = {
    "add": [(_sq(lambda x, y: x + y), (_r(3, 1), _r(4)))],
    "sub": [(_sq(lambda x, y: x - y), (_r(3, 4), _r(1, 4))), (_sq(lambda x: 2.0 - x), (_r(3),))],
    "mul": [(lambda x, y: x * y, (_r(2, 3), _r(3))), (lambda x: 3.0 * x * x, (_r(4),))],
    "div": [(lambda x, y: x / y, (_r(3), _r(2, 1, lo=0.5, hi=2))),
            (lambda x: 1.0 / x, (_r(3, lo=0.5, hi=2),))],
    "neg": [(_sq(lambda x: -x), (_r(3),))],
    "pow": [(lambda x, y: x ** y, (_r(3, lo=0.5, hi=2), _r(3))),
            (lambda x: x ** 3, (_r(4),)), (lambda x: 2.0 ** x, (_r(3),))],
    "matmul": [(lambda a, b: a @ b, (_r(2, 3), _r(3, 2))),
               (lambda a, x: a @ x, (_r(2, 3), _r(3))),
               (lambda x, b: x @ b, (_r(3), _r(3, 2))),
               (lambda x, y: x @ y, (_r(3), _r(3))),
               (lambda a, b: a @ b, (_r(2, 2, 3), _r(3, 2))),
               (lambda a, x: ad.tanh(a @ x), (_r(2, 2, 3), _r(3)))],
    "exp": [(lambda x: x.exp(), (_r(3),))],
    "log": [(lambda x: x.log(), (_r(3, lo=0.3, hi=3),))],
    "sin": [(lambda x: x.sin(), (_r(3),))],
    "cos": [(lambda x: x.cos(), (_r(3),))],
    "tanh": [(lambda x: x.tanh(), (_r(2, 2),))],
    "abs": [(lambda x: x.abs() * x, (np.array([-1.2, 0.7, 2.0]),))],
    "sum": [(_sq(lambda x: x.sum()), (_r(2, 3),)),
            (_sq(lambda x: x.sum(axis=0)), (_r(2, 3),)),
            (_sq(lambda x: x.sum(axis=(0, 2), keepdims=True)), (_r(2, 3, 2),))],
    "max": [(_sq(lambda x: x.max()), (np.array([0.3, 1.7, -0.2]),)),
            (_sq(lambda x: x.max(axis=1)), (np.array([[0.1, 0.9], [0.5, -0.4]]),)),
            (_sq(lambda x: x.max(axis=0, keepdims=True)), (np.array([[0.1, 0.9], [0.5, -0.4]]),))],
    "reshape": [(_sq(lambda x: x.reshape(3, 2)), (_r(2, 3),))],
    "transpose": [(_sq(lambda x: x.T), (_r(2, 3),)),
                  (_sq(lambda x: x.transpose(1, 2, 0)), (_r(2, 3, 2),))],
    "broadcast_to": [(_sq(lambda x: x.broadcast_to((2, 3))), (_r(3),))],
    "getitem": [(_sq(lambda x: x[1:, ::2]), (_r(3, 4),)),
                (_sq(lambda x: x[[0, 0, 2]]), (_r(3),)),
                (_sq(lambda x: x[np.array([True, False, True])]), (_r(3),)),
                (_sq(lambda x: x[:, 1]), (_r(2, 3),))],
    "scatter": [(_sq(lambda x: x._scatter([0, 2, 0], (4,))), (_r(3),))],
    "where": [(lambda x, y: ad.where(np.array([True, False, True]), x * x, y.sin()),
               (_r(3), _r(3)))],
    "concatenate": [(_sq(lambda x, y: ad.concatenate([x, y], axis=1)), (_r(2, 1), _r(2, 3)))],
}

COMPOSITES: dict[str, tuple[Callable[..., Any], tuple[np.ndarray, ...]]] = {
    "sigmoid": (ad.sigmoid, (_r(4, lo=-4, hi=4),)),
    "relu": (lambda x: ad.relu(x) * x, (np.array([-1.0, 0.5, 2.0]),)),
    "softmax": (lambda x: ad.softmax(x, axis=-1), (_r(2, 3),)),
    "log_softmax": (lambda x: ad.log_softmax(x, axis=0), (_r(3, 2),)),
    "logsumexp": (lambda x: ad.logsumexp(x), (_r(4),)),
    "mean": (_sq(lambda x: ad.mean(x, axis=1)), (_r(2, 3),)),
    "sqrt": (ad.sqrt, (_r(3, lo=0.5, hi=2),)),
    "clip": (lambda x: ad.clip(x, -1.0, 1.0) * x, (np.array([-1.4, 0.2, 0.9, 1.3]),)),
    "maximum": (lambda x, y: ad.maximum(x, y) * x, (np.array([0.1, 2.0]), np.array([1.0, 0.5]))),
    "stack": (_sq(lambda x, y: ad.stack([x, y], axis=1)), (_r(2), _r(2))),
    "tanh": (ad.tanh, (_r(3),)),
    "exp_log_sin_cos": (lambda x: ad.exp(x) * ad.sin(x) + ad.cos(x) * ad.log(x * x + 1), (_r(3),)),
}


def test_every_primitive_has_cases() -> None:
    assert set(CASES) == set(PRIMITIVES)


@pytest.mark.parametrize(("name", "k"), [(n, k) for n, cs in CASES.items()
                                         for k in range(len(cs))])
def test_primitive_first_and_second_order(name: str, k: int) -> None:
    fun, args = CASES[name][k]
    report = check_grads(fun, *args, order=2)
    assert report.ok
    assert {c.method for c in report.comparisons} >= {"central difference"}


@pytest.mark.parametrize("name", sorted(COMPOSITES))
def test_composite_first_and_second_order(name: str) -> None:
    fun, args = COMPOSITES[name]
    assert check_grads(fun, *args, order=2).ok


def test_analytic_functions_use_complex_step_and_forward_mode() -> None:
    report = check_grads(lambda x: (x.exp() * x.sin()).sum(), _r(3), order=2)
    methods = {(c.method, c.order) for c in report.comparisons}
    assert methods == {("central difference", 1), ("complex step", 1), ("forward mode", 1),
                       ("central difference", 2), ("complex step", 2)}
    assert report.skipped == ()


def test_a_wrong_rule_is_caught_and_located() -> None:
    bad = Primitive("bad_sin", np.sin, (lambda t, ans, x: t * np.cos(x),),
                    (lambda g, ans, x: g * 2.0,))

    def fun(x: Tensor) -> Any:
        return Tensor._apply(bad, (x,), None).sum()

    x = np.array([0.1, 0.2])
    report = check_grads(fun, x, order=1, raise_on_fail=False)
    assert not report.ok
    worst = report.worst
    assert worst.argnum == (0,) and worst.index in {((0,),), ((1,),)}
    assert worst.reverse == pytest.approx(2.0)
    with pytest.raises(GradCheckError, match="argument 0 index"):
        check_grads(fun, x, order=1)


def test_relu_and_abs_at_zero_take_gradient_zero() -> None:
    x = Tensor([0.0, 0.0], requires_grad=True)
    (ad.relu(x[0]) + x[1].abs()).backward()
    np.testing.assert_array_equal(x.grad.numpy(), [0.0, 0.0])


def test_max_ties_share_the_gradient() -> None:
    x = Tensor([2.0, 2.0, 1.0], requires_grad=True)
    x.max().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [0.5, 0.5, 0.0])


def test_softmax_is_stable_for_large_inputs() -> None:
    x = Tensor([1000.0, 1000.0, -1000.0], requires_grad=True)
    s = ad.softmax(x)
    np.testing.assert_allclose(s.numpy(), [0.5, 0.5, 0.0])
    ls = ad.log_softmax(x)
    assert np.all(np.isfinite(ls.numpy()[:2]))
    (s * np.array([1.0, 0.0, 0.0])).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [0.25, -0.25, 0.0])


def test_sigmoid_does_not_overflow() -> None:
    with np.errstate(over="raise"):
        np.testing.assert_allclose(ad.sigmoid(np.array([-800.0, 800.0])).numpy(), [0.0, 1.0])
