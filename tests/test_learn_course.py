"""The course's regression numbers (COURSE.md), through calcml.learn and through PyTorch."""

import numpy as np
import pytest

from calcml.learn import (
    GD,
    SGD,
    History,
    Line,
    datasets,
    hand_gradient,
    mse,
    quadratic,
    train,
)


@pytest.fixture
def data():
    return datasets.course_regression()


def test_course_data(data):
    x, y = data
    assert x.dtype == y.dtype == np.float64
    assert x.shape == y.shape == (8,)
    assert x.tolist() == list(range(8))
    assert y.tolist() == [1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37]


def test_single_point_quadratic_cost(data):
    x, y = data
    model = Line(m=0.9, b=0.1)
    c = quadratic(model(x[7]), y[7])
    assert model(x[7]).item() == pytest.approx(6.4)
    assert c.item() == pytest.approx(60.3729)
    c.backward()
    assert model.m.grad.item() == pytest.approx(108.78)
    assert model.b.grad.item() == pytest.approx(15.54)
    by_hand = hand_gradient(quadratic, model, x[7], y[7])
    assert by_hand["m"] == pytest.approx(108.78)
    assert by_hand["b"] == pytest.approx(15.54)


def test_batch_mse_and_gradient(data):
    x, y = data
    model = Line(m=0.9, b=0.1)
    c = mse(model(x), y)
    assert c.item() == pytest.approx(19.68, abs=0.005)
    c.backward()
    assert model.m.grad.item() == pytest.approx(36.3, abs=0.01)
    assert model.b.grad.item() == pytest.approx(6.26, abs=0.01)
    # the closed forms (2/n) Σ (ŷ − y) x and (2/n) Σ (ŷ − y), written out here
    err = 0.9 * x + 0.1 - y
    assert model.m.grad.item() == pytest.approx(2 * np.mean(err * x), rel=1e-14)
    assert mse.gradient(model, x, y)["b"] == pytest.approx(2 * np.mean(err), rel=1e-14)


def test_thousand_epochs_of_gradient_descent(data):
    x, y = data
    model = Line(m=0.9, b=0.1)
    history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                    epochs=1000)
    assert isinstance(history, History) and len(history) == 1000
    assert model.m.item() == pytest.approx(-0.468, abs=5e-4)
    assert model.b.item() == pytest.approx(1.754, abs=5e-4)
    assert history.cost[-1] == pytest.approx(0.0195, abs=5e-5)
    assert history.final_cost == pytest.approx(0.0195, abs=5e-5)
    assert history.cost[0] == pytest.approx(19.675475)
    # the least-squares optimum by the pseudo-inverse
    m_star, b_star = np.linalg.pinv(np.column_stack([x, np.ones_like(x)])) @ y
    assert m_star == pytest.approx(-0.469, abs=5e-4)
    assert b_star == pytest.approx(1.76, abs=5e-3)
    assert abs(model.m.item() - m_star) < 0.005 and abs(model.b.item() - b_star) < 0.01


def test_history_records_start_of_epoch_values(data):
    x, y = data
    model = Line(m=0.9, b=0.1)
    history = train(model, x, y, cost=mse, optimizer=GD(model.parameters(), lr=0.01),
                    epochs=5)
    assert history.params[0] == {"m": 0.9, "b": 0.1}
    assert history.grads[0]["m"] == pytest.approx(36.305)
    for k in range(4):  # each epoch's parameters are the last ones minus lr times the gradient
        for name in ("m", "b"):
            step = history.params[k][name] - 0.01 * history.grads[k][name]
            assert history.params[k + 1][name] == pytest.approx(step, rel=1e-15)
    assert history.lr == [0.01] * 5
    assert history.param("m").shape == (5,)


def test_same_fit_through_pytorch(data):
    torch = pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
    x, y = data
    model = Line(m=0.9, b=0.1)
    history = train(model, x, y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                    epochs=1000)
    xt, yt = torch.tensor(x), torch.tensor(y)
    m = torch.tensor(0.9, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(0.1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([m, b], lr=0.01)
    costs = []
    for _ in range(1000):
        opt.zero_grad()
        c = torch.mean((m * xt + b - yt) ** 2)
        costs.append(c.item())
        c.backward()
        opt.step()
    assert model.m.item() == pytest.approx(m.item(), abs=1e-6)
    assert model.b.item() == pytest.approx(b.item(), abs=1e-6)
    assert np.allclose(history.cost, costs, rtol=0, atol=1e-6)
    assert np.max(np.abs(np.array(history.cost) - costs)) < 1e-12


def test_single_point_sgd_with_the_quadratic_cost(data):
    x, y = data
    model = Line(m=0.9, b=0.1)
    history = train(model, x, y, cost=quadratic, optimizer=SGD(model.parameters(), lr=0.01),
                    epochs=300, batch_size=1, seed=0, quiet=True)
    assert history.cost[0] == pytest.approx(8 * 19.675475)  # Σ over the points
    m, b = 0.9, 0.1  # the same steps by hand, one point at a time, the same shuffles
    rng = np.random.default_rng(0)
    for _ in range(300):
        for i in rng.permutation(8):
            err = m * x[i] + b - y[i]
            m, b = m - 0.01 * 2 * err * x[i], b - 0.01 * 2 * err
    assert model.m.item() == pytest.approx(m, abs=1e-12)
    assert model.b.item() == pytest.approx(b, abs=1e-12)
    assert abs(m + 0.47) < 0.05 and abs(b - 1.76) < 0.1
