"""check_grads: what it compares, what it reports, and when it raises."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calcml.autodiff as ad
from calcml.autodiff.check import GradCheckError, check_grads
from calcml.autodiff.primitives import Primitive
from calcml.autodiff.tensor import Tensor
from calcml.errors import InputError


def test_report_names_methods_orders_and_places() -> None:
    report = check_grads(lambda x, y: (x * y.exp()).sum(), np.array([1.0, 2.0]), 0.5)
    assert report.ok
    text = str(report)
    assert "order 1 vs complex step" in text and "order 2 vs central difference" in text
    assert all(len(c.argnum) == c.order == len(c.index) for c in report.comparisons)


def test_order_one_only_and_vector_outputs() -> None:
    report = check_grads(lambda x: ad.softmax(x), np.array([0.2, -0.3, 1.0]), order=1)
    assert {c.order for c in report.comparisons} == {1}
    assert any("complex step" in s for s in report.skipped)  # softmax shifts by a max


def test_a_second_order_mistake_is_caught() -> None:
    # forward x^3; first derivative right (3x^2) but written with constants only, so the
    # recorded gradient has no dependence on x and the second derivative comes out 0.
    cube = Primitive("cube", lambda x: x ** 3, (lambda t, ans, x: 3 * x * x * t,),
                     (lambda g, ans, x: g * (3 * np.asarray(getattr(x, "data", x)) ** 2),))

    def fun(x: Tensor) -> Any:
        return Tensor._apply(cube, (x,), None).sum()

    report = check_grads(fun, np.array([1.0, 2.0]), raise_on_fail=False)
    failing = [c for c in report.comparisons if not c.ok]
    assert failing and {c.order for c in failing} == {2}
    assert report.worst.order == 2
    with pytest.raises(GradCheckError, match="order 2"):
        check_grads(fun, np.array([1.0, 2.0]))


def test_bad_arguments_are_explained() -> None:
    with pytest.raises(InputError, match="order is 1 or 2"):
        check_grads(lambda x: x, 1.0, order=3)
    with pytest.raises(InputError, match="at least one argument"):
        check_grads(lambda: 1.0)
    with pytest.raises(InputError, match="finite float64"):
        check_grads(lambda x: x, np.array([np.nan]))


@settings(deadline=None, max_examples=30)
@given(st.lists(st.floats(-2, 2), min_size=1, max_size=4),
       st.sampled_from(["tanh", "sigmoid", "sin_exp", "poly"]))
def test_random_points_pass(values: list[float], kind: str) -> None:
    funs = {"tanh": lambda x: ad.tanh(x * 2).sum(), "sigmoid": lambda x: ad.sigmoid(x) * x,
            "sin_exp": lambda x: ad.sin(x) * ad.exp(x / 2),
            "poly": lambda x: (x ** 3 - 2 * x * x + x).sum()}
    assert check_grads(funs[kind], np.array(values)).ok
