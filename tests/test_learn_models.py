"""Backprop by hand, the four steps one at a time, models, data sets, real fits."""

import time

import numpy as np
import pytest

from calcml.errors import InputError
from calcml.learn import (
    GD,
    MLP,
    Adam,
    Line,
    LinearRegression,
    LogisticRegression,
    backprop,
    binary_cross_entropy,
    datasets,
    four_steps,
    mse,
    quadratic,
    softmax_cross_entropy,
    train,
)


@pytest.fixture(scope="module")
def digits():
    return datasets.digits()


def test_backprop_deltas_and_gradients_equal_pytorch():
    torch = pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(10, 6)), rng.integers(0, 3, 10)
    net = MLP([6, 8, 5, 3], activation="tanh", seed=1)
    record = backprop(net, x, y)
    assert record.max_difference < 1e-12
    assert [r.layer for r in record.layers] == [3, 2, 1]
    ws = [torch.tensor(lin.W.data, requires_grad=True) for lin in net.linears]
    bs = [torch.tensor(lin.b.data, requires_grad=True) for lin in net.linears]
    a, zs = torch.tensor(x), []
    for i, (w, b) in enumerate(zip(ws, bs, strict=True)):
        z = a @ w + b
        z.retain_grad()
        zs.append(z)
        a = torch.tanh(z) if i < 2 else z
    torch.nn.functional.cross_entropy(a, torch.tensor(y)).backward()
    for r in record.layers:  # δ_l is ∂C/∂z_l: torch's gradient of the kept z
        i = r.layer - 1
        assert np.max(np.abs(r.delta - zs[i].grad.numpy())) < 1e-14
        assert np.max(np.abs(r.grad_W - ws[i].grad.numpy())) < 1e-14
        assert np.max(np.abs(record.gradients[f"b{r.layer}"] - bs[i].grad.numpy())) < 1e-14


def test_backprop_record_prints_layer_tables():
    rng = np.random.default_rng(1)
    record = backprop(MLP([4, 3, 2]), rng.normal(size=(5, 4)), np.array([0, 1, 1, 0, 1]))
    text = str(record)
    assert "backpropagation, output layer first" in text
    assert "(δ2 W2ᵀ) ⊙ relu'(z1)" in text
    assert "a0ᵀ δ1" in text and "5x3" in text
    assert list(record.gradients) == ["W1", "b1", "W2", "b2"]
    assert record.to_rows()[0]["layer"] == "layer 2"


def test_four_steps_one_at_a_time():
    x, y = datasets.course_regression()
    model = Line(m=0.9, b=0.1)
    steps = four_steps(model, x, y, cost=mse, optimizer=GD(model.parameters(), lr=0.01))
    with pytest.raises(InputError, match=r"step 3 \(gradient\) comes after step 2"):
        steps.gradient()
    fwd = steps.forward()
    assert fwd.y_hat.tolist() == pytest.approx((0.9 * x + 0.1).tolist())
    with pytest.raises(InputError, match=r"call \.cost\(\) first"):
        steps.step()
    cost = steps.cost()
    assert cost.value == pytest.approx(19.675475)
    grad = steps.gradient()
    assert grad.hand["m"] == pytest.approx(36.305) and grad.max_difference < 1e-12
    step = steps.step()
    assert step.after["b"] == pytest.approx(0.1 - 0.01 * 6.265)
    assert steps.epochs_done == 1
    for text in map(str, steps.epoch()):
        assert "(epoch 1)" in text
    assert "ŷ = Line(x)" in str(fwd) and "(1/n) Σ (ŷᵢ − yᵢ)²" in str(cost)


def test_four_steps_matches_train():
    x, y = datasets.course_regression()
    a, b = Line(m=0.9, b=0.1), Line(m=0.9, b=0.1)
    steps = four_steps(a, x, y, cost=mse, optimizer=GD(a.parameters(), lr=0.01))
    for _ in range(5):
        steps.epoch()
    train(b, x, y, cost=mse, optimizer=GD(b.parameters(), lr=0.01), epochs=5, quiet=True)
    assert (a.m.item(), a.b.item()) == (b.m.item(), b.b.item())


def test_four_steps_for_an_mlp_shows_norms():
    rng = np.random.default_rng(2)
    net = MLP([3, 4, 2])
    steps = four_steps(net, rng.normal(size=(12, 3)), rng.integers(0, 2, 12),
                       cost=softmax_cross_entropy, optimizer=Adam(net.parameters()))
    records = steps.epoch()
    assert "... and 2 more rows" in str(records[0])
    assert "3x4, norm" in str(records[2]) and records[2].max_difference < 1e-12


def test_models_and_parameters():
    assert list(Line().named_parameters()) == ["m", "b"]
    assert list(LinearRegression(2).named_parameters()) == ["w", "b"]
    net = MLP([5, 4, 3], activation="sigmoid")
    assert [p.shape for p in net.parameters()] == [(5, 4), (4,), (4, 3), (3,)]
    assert net.n_parameters() == 5 * 4 + 4 + 4 * 3 + 3
    state = net.state()
    net.load_state({"b2": np.ones(3)})
    assert np.array_equal(net.state()["b2"], np.ones(3))
    net.load_state(state)
    p = net.predict_proba(np.zeros((2, 5)))
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert repr(net) == "MLP([5, 4, 3], activation='sigmoid')"
    with pytest.raises(InputError, match="no parameter 'W9'"):
        net.load_state({"W9": 0})
    with pytest.raises(InputError, match="unknown activation 'gelu'"):
        MLP([2, 2], activation="gelu")
    with pytest.raises(InputError, match="too short"):
        MLP([3])
    with pytest.raises(InputError, match="parameter m must be a number"):
        Line(m="steep")
    with pytest.raises(InputError, match="parameter b must be finite"):
        Line(b=float("nan"))
    with pytest.raises(InputError, match="n_features must be a whole number"):
        LinearRegression(0)
    with pytest.raises(InputError, match="no hand-derived gradient"):
        quadratic.gradient(net.activation, np.zeros(2), np.zeros(2))


def test_data_sets():
    x, y = datasets.line(n=50, noise=0.0)
    assert np.allclose(y, -0.5 * x + 2.0)
    assert np.array_equal(datasets.line(seed=3)[1], datasets.line(seed=3)[1])
    split = datasets.breast_cancer(test_size=0.2, seed=1)
    assert split.x_train.shape == (455, 30) and split.x_test.shape == (114, 30)
    assert np.allclose(split.x_train.mean(axis=0), 0.0, atol=1e-12)
    assert np.allclose(split.x_train.std(axis=0), 1.0)
    assert set(np.unique(split.y_train)) == {0, 1} and split.y_train.dtype == np.int64
    with pytest.raises(InputError, match="test_size"):
        datasets.digits(test_size=1.5)
    with pytest.raises(InputError, match="noise"):
        datasets.line(noise=-1)


def test_logistic_regression_on_breast_cancer():
    data = datasets.breast_cancer()
    model = LogisticRegression(30)
    history = train(model, data.x_train, data.y_train, cost=binary_cross_entropy,
                    optimizer=GD(model.parameters(), lr=0.1), epochs=300,
                    validation=(data.x_test, data.y_test), quiet=True)
    p = model.predict_proba(data.x_test)
    assert p.shape == (143,) and np.all((p >= 0) & (p <= 1))
    assert np.mean(model.predict(data.x_test) == data.y_test) > 0.95
    assert history.metrics["train_accuracy"][-1] > 0.97
    assert np.array_equal(model.predict(data.x_test, threshold=0.0), np.ones(143))
    assert len(history.params) == 300  # 31 numbers: small enough to record


def test_mlp_on_digits_reaches_95_percent_fast(digits):
    net = MLP([64, 64, 10], seed=0)
    start = time.perf_counter()
    history = train(net, digits.x_train, digits.y_train, cost=softmax_cross_entropy,
                    optimizer=Adam(net.parameters(), lr=0.01), epochs=8, batch_size=32,
                    validation=(digits.x_test, digits.y_test), quiet=True)
    elapsed = time.perf_counter() - start
    accuracy = np.mean(net.predict(digits.x_test) == digits.y_test)
    assert accuracy >= 0.95, accuracy
    assert elapsed < 60.0
    assert history.metrics["test_accuracy"][-1] > 0.9
    assert history.cost[-1] < history.cost[0] / 5
