"""Optimizers and schedules against PyTorch's on the same problem, step for step."""

import numpy as np
import pytest

from calcml.errors import InputError
from calcml.learn import (
    GD,
    SGD,
    Adam,
    ExponentialLR,
    Line,
    LinearRegression,
    Momentum,
    StepLR,
    mse,
    train,
)

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")

RNG = np.random.default_rng(0)
X = RNG.normal(size=(16, 3))
Y = X @ np.array([1.5, -2.0, 0.5]) + 0.3 + 0.1 * RNG.normal(size=16)


def torch_run(model, make_opt, make_schedule, steps, batches=None):
    """The same model trained by torch.optim; batches: index arrays per step."""
    params = [torch.tensor(p.data.copy(), requires_grad=True) for p in model.parameters()]
    opt = make_opt(params)
    schedule = make_schedule(opt) if make_schedule else None
    xt, yt = torch.tensor(X), torch.tensor(Y)
    for k in range(steps):
        idx = slice(None) if batches is None else torch.from_numpy(batches[k])
        opt.zero_grad()
        torch.mean((xt[idx] @ params[0] + params[1] - yt[idx]) ** 2).backward()
        opt.step()
        if schedule is not None:
            schedule.step()
    return [p.detach().numpy() for p in params]


CASES = {
    "sgd": (lambda p: SGD(p, lr=0.05), lambda p: torch.optim.SGD(p, lr=0.05)),
    "gd": (lambda p: GD(p, lr=0.05), lambda p: torch.optim.SGD(p, lr=0.05)),
    "sgd momentum": (lambda p: SGD(p, lr=0.02, momentum=0.8),
                     lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.8)),
    "momentum": (lambda p: Momentum(p, lr=0.02),
                 lambda p: torch.optim.SGD(p, lr=0.02, momentum=0.9)),
    "adam": (lambda p: Adam(p, lr=0.1), lambda p: torch.optim.Adam(p, lr=0.1)),
    "adam betas": (lambda p: Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6),
                   lambda p: torch.optim.Adam(p, lr=0.05, betas=(0.8, 0.99), eps=1e-6)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_optimizer_matches_torch(name):
    ours, theirs = CASES[name]
    model = LinearRegression(3, seed=1)
    want = torch_run(model, theirs, None, steps=8)
    train(model, X, Y, cost=mse, optimizer=ours(model.parameters()), epochs=8, quiet=True)
    for got, w in zip(model.parameters(), want, strict=True):
        assert np.max(np.abs(got.data - w)) < 1e-10


SCHEDULES = {
    "step": (lambda o: StepLR(o, step_size=3, gamma=0.5),
             lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5)),
    "exponential": (lambda o: ExponentialLR(o, gamma=0.8),
                    lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.8)),
}


@pytest.mark.parametrize("sched", list(SCHEDULES))
@pytest.mark.parametrize("name", ["sgd momentum", "adam"])
def test_schedules_match_torch(name, sched):
    ours, theirs = CASES[name]
    our_sched, their_sched = SCHEDULES[sched]
    model = LinearRegression(3, seed=2)
    want = torch_run(model, theirs, their_sched, steps=10)
    opt = ours(model.parameters())
    history = train(model, X, Y, cost=mse, optimizer=opt, epochs=10,
                    schedule=our_sched(opt), quiet=True)
    for got, w in zip(model.parameters(), want, strict=True):
        assert np.max(np.abs(got.data - w)) < 1e-10
    base = history.lr[0]
    if sched == "step":
        assert history.lr == [base * 0.5 ** (k // 3) for k in range(10)]
    else:
        assert history.lr == pytest.approx([base * 0.8 ** k for k in range(10)], rel=1e-14)


def test_minibatch_sgd_matches_torch_with_the_same_shuffles():
    model = LinearRegression(3, seed=3)
    rng = np.random.default_rng(7)  # train's shuffles: one permutation per epoch
    batches = [p[i:i + 5] for p in (rng.permutation(16) for _ in range(3))
               for i in range(0, 16, 5)]
    want = torch_run(model, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.5), None,
                     steps=len(batches), batches=batches)
    train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=0.05, momentum=0.5),
          epochs=3, batch_size=5, seed=7, quiet=True)
    for got, w in zip(model.parameters(), want, strict=True):
        assert np.max(np.abs(got.data - w)) < 1e-10


def test_optimizer_api():
    model = Line(m=0.9, b=0.1)
    opt = SGD(model.parameters(), lr=0.01)
    mse(model(np.arange(8.0)), np.zeros(8)).backward()
    assert model.m.grad is not None
    opt.zero_grad()
    assert model.m.grad is None and model.b.grad is None
    opt.step()  # no gradients: nothing moves
    assert (model.m.item(), model.b.item()) == (0.9, 0.1)
    assert repr(Adam(model.parameters())) == "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08)"


@pytest.mark.parametrize("make, message", [
    (lambda p: SGD(p, lr=0), "learning rate lr must be a positive number"),
    (lambda p: SGD(p, lr=float("nan")), "positive number"),
    (lambda p: SGD(p, lr=0.1, momentum=1.5), r"momentum must be a number in \[0, 1\)"),
    (lambda p: Momentum(p, lr=0.1, momentum=0), "for none use SGD"),
    (lambda p: Adam(p, betas=(0.9,)), "pair"),
    (lambda p: SGD([], lr=0.1), "no parameters"),
    (lambda p: SGD([np.zeros(2)], lr=0.1), "leaf Tensors that require grad"),
    (lambda p: StepLR(SGD(p, lr=0.1), step_size=0), "step_size"),
    (lambda p: ExponentialLR(SGD(p, lr=0.1), gamma=-1), "gamma"),
    (lambda p: StepLR("sgd", step_size=1), "pass the optimizer"),
])
def test_bad_optimizer_arguments(make, message):
    with pytest.raises(InputError, match=message):
        make(Line().parameters())
