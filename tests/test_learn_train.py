"""The training loop: divergence, early stopping, seeds, recording, CSV, bad arguments."""

import csv
import io

import numpy as np
import pytest

from calcml.errors import CalcmlError, InputError
from calcml.learn import (
    GD,
    MLP,
    SGD,
    Adam,
    Line,
    LinearRegression,
    StepLR,
    TrainingDiverged,
    datasets,
    mse,
    recorder,
    softmax_cross_entropy,
    train,
)
from calcml.learn import progress as progress_module

X, Y = datasets.course_regression()


def fit(lr=0.01, epochs=20, **kw):
    model = Line(m=0.9, b=0.1)
    kw.setdefault("quiet", True)
    return model, train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=lr),
                        epochs=epochs, **kw)


def test_divergence_names_epoch_and_learning_rate():
    with pytest.raises(TrainingDiverged) as info:
        fit(lr=0.5, epochs=1000)
    err = info.value
    assert isinstance(err, CalcmlError)
    epoch = len(err.history) - 1
    assert not np.isfinite(err.history.cost[-1])
    assert np.isfinite(err.history.cost[-2])
    assert f"at epoch {epoch} with lr=0.5" in str(err)
    assert "try a smaller learning rate such as lr=0.05" in str(err)
    # the cost grows by a constant factor each epoch: the same count by hand
    m, b, k = 0.9, 0.1, 0
    with np.errstate(all="ignore"):
        while np.isfinite(np.mean((m * X + b - Y) ** 2)):
            err_ = m * X + b - Y
            m, b, k = m - 0.5 * 2 * np.mean(err_ * X), b - 0.5 * 2 * np.mean(err_), k + 1
    assert k == epoch


def test_early_stopping():
    _, full = fit(epochs=3000)
    model, history = fit(epochs=3000, tol=1e-9, patience=3)
    assert len(history) < 3000
    assert history.stopped is not None and "tol=1e-09" in history.stopped
    assert history.stopped.startswith(f"early stop at epoch {len(history) - 1}")
    assert history.final_cost == history.cost[-1]
    best = history.cost[-4]
    assert all(best - 1e-9 <= c < best for c in history.cost[-3:])
    assert history.cost[-1] == pytest.approx(full.cost[-1], abs=1e-6)
    assert model.m.item() == history.params[-1]["m"]
    assert fit(epochs=50)[1].stopped is None


def test_seed_fixes_the_shuffles():
    def run(seed):
        model = LinearRegression(1)
        return train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                     epochs=5, batch_size=3, seed=seed, quiet=True)

    a, b, c = run(1), run(1), run(2)
    assert a.cost == b.cost
    assert all(np.array_equal(p["w"], q["w"]) for p, q in zip(a.params, b.params, strict=True))
    assert a.cost[0] == c.cost[0] and a.cost[1:] != c.cost[1:]


def test_minibatch_history_holds_full_batch_gradients():
    model = LinearRegression(1)
    history = train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                    epochs=4, batch_size=2, quiet=True)
    for params, grads, c in zip(history.params, history.grads, history.cost, strict=True):
        err = X * params["w"][0] + params["b"] - Y
        assert c == pytest.approx(np.mean(err ** 2), rel=1e-13)
        assert grads["w"][0] == pytest.approx(2 * np.mean(err * X), rel=1e-12)
        assert grads["b"] == pytest.approx(2 * np.mean(err), rel=1e-12)


def test_recording_rule_for_big_models():
    data = datasets.digits()
    net = MLP([64, 16, 10])
    assert net.n_parameters() > 100
    kw = dict(cost=softmax_cross_entropy, epochs=2, batch_size=256, quiet=True)
    h = train(net, data.x_train, data.y_train, optimizer=Adam(net.parameters()), **kw)
    assert h.params == [] and h.grads == [] and len(h.cost) == 2
    assert h.to_csv().splitlines()[0] == "epoch,cost,lr,train_accuracy"
    h = train(net, data.x_train, data.y_train, optimizer=Adam(net.parameters()),
              record="all", **kw)
    assert h.params[0]["W1"].shape == (64, 16) and h.grads[1]["b2"].shape == (10,)
    with pytest.raises(KeyError, match="record='all'"):
        fit(epochs=1, record="cost")[1].param("m")


def test_csv_and_rows(tmp_path):
    _, history = fit(epochs=3)
    path = tmp_path / "h.csv"
    text = history.to_csv(path)
    assert path.read_text() == text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == ["epoch", "cost", "lr", "m", "b", "grad_m", "grad_b"]
    assert float(rows[1]["m"]) == pytest.approx(0.9 - 0.01 * 36.305, rel=1e-14)
    assert history.to_rows()[2]["epoch"] == 2
    assert repr(history).startswith("<History of 3 epochs, final cost")


def test_validation_metrics_for_a_regressor():
    model = Line(m=0.9, b=0.1)
    history = train(model, X[:6], Y[:6], cost=mse, optimizer=GD(model.parameters(), lr=0.01),
                    epochs=5, validation=(X[6:], Y[6:]), quiet=True)
    assert list(history.metrics) == ["test_cost"]
    p = history.params[3]
    assert history.metrics["test_cost"][3] == pytest.approx(
        np.mean((p["m"] * X[6:] + p["b"] - Y[6:]) ** 2), rel=1e-13)


def test_progress_bar_shows_only_for_long_runs(monkeypatch, capsys):
    fit(epochs=5, quiet=False)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(progress_module, "LONG_SECONDS", 0.0)  # every run counts as long
    piped = progress_module.Progress(epochs=3)
    piped.update(0, 1.0)
    assert piped.bar is None  # stderr is captured, not a terminal: no bar, no blank line
    monkeypatch.setattr(progress_module.sys.stderr, "isatty", lambda: True)
    bar = progress_module.Progress(epochs=3)
    for epoch in range(3):
        bar.update(epoch, 1.0)
    assert bar.bar is not None
    bar.close()
    assert bar.bar is None
    model = Line()
    history = train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                    epochs=3)
    assert len(history) == 3 and model.b.item() > 0


@pytest.mark.parametrize("kwargs, message", [
    (dict(epochs=0), "epochs must be a whole number"),
    (dict(batch_size=0), "batch_size must be"),
    (dict(record="some"), "record must be one of"),
    (dict(tol=-1.0), "tol is the smallest improvement"),
    (dict(patience=0), "patience is a whole number"),
    (dict(validation=(X,)), "validation is a pair"),
    (dict(schedule="step"), "schedule must be a schedule"),
])
def test_bad_training_arguments(kwargs, message):
    model = Line()
    args = dict(cost=mse, optimizer=SGD(model.parameters(), lr=0.01), epochs=2, quiet=True)
    args.update(kwargs)
    with pytest.raises(InputError, match=message):
        train(model, X, Y, **args)


def test_mismatches_are_explained():
    model, other = Line(), Line()
    with pytest.raises(InputError, match="another model's parameters"):
        train(model, X, Y, cost=mse, optimizer=SGD(other.parameters(), lr=0.1), epochs=1)
    with pytest.raises(InputError, match="GD is full-batch"):
        train(model, X, Y, cost=mse, optimizer=GD(model.parameters(), lr=0.1), epochs=1,
              batch_size=2)
    opt = SGD(model.parameters(), lr=0.1)
    with pytest.raises(InputError, match="another optimizer"):
        train(model, X, Y, cost=mse, optimizer=opt, epochs=1,
              schedule=StepLR(SGD(model.parameters(), lr=0.1), step_size=1))
    with pytest.raises(InputError, match="x has 8 samples but y has 7"):
        train(model, X, Y[:7], cost=mse, optimizer=opt, epochs=1)
    with pytest.raises(InputError, match="missing or infinite"):
        train(model, X, np.where(X == 3, np.nan, Y), cost=mse, optimizer=opt, epochs=1)
    with pytest.raises(InputError, match="expects inputs of shape"):
        LinearRegression(3)(np.zeros((2, 4)))
    with pytest.raises(InputError, match="train fits a model"):
        train("line", X, Y, cost=mse, optimizer=opt, epochs=1)


def test_big_data_is_scored_in_pieces_with_the_same_numbers():
    data = datasets.digits()
    assert len(data.y_train) > 2 * recorder.PIECE_ROWS  # several pieces
    net = MLP([64, 8, 10], activation="tanh")
    start = net.state()
    history = train(net, data.x_train, data.y_train, cost=softmax_cross_entropy,
                    optimizer=GD(net.parameters(), lr=0.5), epochs=2, record="all",
                    validation=(data.x_test, data.y_test), quiet=True)
    net.load_state(start)
    net.zero_grad()
    whole = softmax_cross_entropy(net(data.x_train), data.y_train)
    whole.backward()
    assert history.cost[0] == pytest.approx(whole.item(), rel=1e-14)
    for name, p in net.named_parameters().items():
        assert np.max(np.abs(history.grads[0][name] - p.grad.data)) < 1e-15
    test_cost = softmax_cross_entropy(net(data.x_test), data.y_test).item()
    assert history.metrics["test_cost"][0] == pytest.approx(test_cost, rel=1e-14)
    accuracy = np.mean(net.predict(data.x_train) == data.y_train)
    assert history.metrics["train_accuracy"][0] == accuracy
