"""Costs and models: hand-derived gradients against autodiff, PyTorch and finite differences."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.errors import InputError
from calcml.learn import (
    MLP,
    Line,
    LinearRegression,
    LogisticRegression,
    ReLU,
    Sigmoid,
    Tanh,
    binary_cross_entropy,
    hand_gradient,
    mse,
    one_hot,
    quadratic,
    softmax_cross_entropy,
)

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
F = torch.nn.functional


def autodiff_gradient(cost, model, x, y):
    model.zero_grad()
    cost(model(x), y).backward()
    grads = {n: p.grad.data.copy() for n, p in model.named_parameters().items()}
    model.zero_grad()
    return grads


def assert_same(a, b, tol=1e-12):
    assert a.keys() == b.keys()
    for k in a:
        assert np.asarray(a[k]).shape == np.asarray(b[k]).shape, k
        assert np.max(np.abs(np.asarray(a[k]) - np.asarray(b[k]))) <= tol, k


def regression_data(n=12, d=3, seed=0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=n)


@pytest.mark.parametrize("cost", [quadratic, mse])
def test_line_costs_by_hand_equal_autodiff(cost):
    x, y = np.arange(8.0), np.linspace(2, -1.5, 8)
    model = Line(m=0.3, b=-0.2)
    assert_same(hand_gradient(cost, model, x, y), autodiff_gradient(cost, model, x, y))


@pytest.mark.parametrize("cost", [quadratic, mse])
def test_linear_regression_by_hand_equal_autodiff(cost):
    x, y = regression_data()
    model = LinearRegression(3, seed=1)
    assert_same(cost.gradient(model, x, y), autodiff_gradient(cost, model, x, y))


def test_logistic_regression_by_hand_equal_autodiff_and_torch():
    x, _ = regression_data(n=20, d=4)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(float)
    model = LogisticRegression(4, seed=3)
    auto = autodiff_gradient(binary_cross_entropy, model, x, y)
    assert_same(hand_gradient(binary_cross_entropy, model, x, y), auto)
    w = torch.tensor(model.w.data, requires_grad=True)
    b = torch.tensor(model.b.data, requires_grad=True)
    p = torch.sigmoid(torch.tensor(x) @ w + b)
    loss = F.binary_cross_entropy(p, torch.tensor(y))
    loss.backward()
    assert binary_cross_entropy(model(x), y).item() == pytest.approx(loss.item(), abs=1e-12)
    assert_same(auto, {"w": w.grad.numpy(), "b": b.grad.numpy()})


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
def test_mlp_softmax_cross_entropy_by_hand_equal_autodiff(activation):
    rng = np.random.default_rng(2)
    x, y = rng.normal(size=(9, 5)), rng.integers(0, 4, 9)
    model = MLP([5, 7, 6, 4], activation=activation, seed=4)
    assert_same(hand_gradient(softmax_cross_entropy, model, x, y),
                autodiff_gradient(softmax_cross_entropy, model, x, y))


def test_mlp_regressor_with_mse():
    x, y = regression_data(d=2)
    model = MLP([2, 5, 1], activation="tanh")
    assert model(x).shape == (12,)
    assert_same(mse.gradient(model, x, y), autodiff_gradient(mse, model, x, y))


def test_cost_values_against_torch():
    rng = np.random.default_rng(5)
    y_hat, y = rng.normal(size=10), rng.normal(size=10)
    assert mse(y_hat, y).item() == pytest.approx(
        F.mse_loss(torch.tensor(y_hat), torch.tensor(y)).item(), abs=1e-14)
    assert quadratic(y_hat, y).item() == pytest.approx(
        F.mse_loss(torch.tensor(y_hat), torch.tensor(y), reduction="sum").item(), abs=1e-13)
    z, labels = rng.normal(size=(6, 3)) * 5, rng.integers(0, 3, 6)
    assert softmax_cross_entropy(z, labels).item() == pytest.approx(
        F.cross_entropy(torch.tensor(z), torch.tensor(labels)).item(), abs=1e-13)


def test_softmax_derivative_against_torch():
    rng = np.random.default_rng(6)
    z, labels = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    zt = torch.tensor(z, requires_grad=True)
    F.cross_entropy(zt, torch.tensor(labels)).backward()
    assert np.max(np.abs(softmax_cross_entropy.derivative(z, labels) - zt.grad.numpy())) < 1e-15


def test_softmax_cross_entropy_is_stable_for_huge_logits():
    z = np.array([[1000.0, 0.0], [0.0, -1000.0]])
    assert softmax_cross_entropy(z, np.array([0, 1])).item() == pytest.approx(500.0)


def test_binary_cross_entropy_clips_certain_predictions():
    value = binary_cross_entropy(np.array([0.0, 1.0]), np.array([1.0, 1.0])).item()
    assert np.isfinite(value) and value == pytest.approx(-np.log(1e-12) / 2)
    assert binary_cross_entropy.derivative(np.array([0.0]), np.array([1.0]))[0] == 0.0


@pytest.mark.parametrize("act", [ReLU(), Tanh(), Sigmoid()])
def test_activation_derivatives_against_finite_differences(act):
    z = np.array([-2.0, -0.3, 0.4, 1.7])
    h = 1e-6
    numeric = (act.apply(z + h) - act.apply(z - h)) / (2 * h)
    assert np.allclose(act.derivative(z), numeric, atol=1e-8)
    assert np.allclose(act(z).numpy(), act.apply(z), atol=1e-15)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(-10, 10), min_size=2, max_size=6),
       st.floats(-3, 3), st.floats(-3, 3))
def test_mse_gradient_property(ys, m, b):
    x = np.arange(float(len(ys)))
    y = np.array(ys)
    model = Line(m=m, b=b)
    by_hand = mse.gradient(model, x, y)
    auto = autodiff_gradient(mse, model, x, y)
    for k in ("m", "b"):
        assert by_hand[k] == pytest.approx(auto[k], rel=1e-12, abs=1e-12)


def test_bad_cost_inputs_are_explained():
    with pytest.raises(InputError, match="same shape"):
        mse(np.zeros(3), np.zeros(4))
    with pytest.raises(InputError, match="labels must lie in 0..2"):
        softmax_cross_entropy(np.zeros((2, 3)), np.array([0, 3]))
    with pytest.raises(InputError, match="whole numbers"):
        one_hot(np.array([0.5]), 2)
    with pytest.raises(InputError, match=r"logits of shape \(n, classes\)"):
        softmax_cross_entropy(np.zeros(3), np.array([0, 1, 2]))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 6), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_cross_entropy_derivatives_property(n, k, seed):
    rng = np.random.default_rng(seed)
    z, labels = rng.normal(size=(n, k)) * 4, rng.integers(0, k, n)
    zt = torch.tensor(z, requires_grad=True)
    F.cross_entropy(zt, torch.tensor(labels)).backward()
    assert np.max(np.abs(softmax_cross_entropy.derivative(z, labels) - zt.grad.numpy())) < 1e-14
    p, y = rng.uniform(0.01, 0.99, n), rng.integers(0, 2, n).astype(float)
    pt = torch.tensor(p, requires_grad=True)
    F.binary_cross_entropy(pt, torch.tensor(y)).backward()
    assert np.allclose(binary_cross_entropy.derivative(p, y), pt.grad.numpy(), rtol=1e-12)
