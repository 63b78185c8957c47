"""calcml.learn's training loop against the bare engine loop, NumPy by hand and PyTorch.

Two tasks, float64 everywhere, every result checked before it is timed:

1. the course's line fit: 1,000 full-batch epochs of ``train`` (history and all: cost,
   parameters and gradients of every epoch), against the same fit written as a bare
   calcml autodiff loop, as NumPy by hand (the floor) and in PyTorch eager;
2. one epoch (then five) of the digits MLP 64-64-10 (mini-batches of 64, plain SGD)
   through ``train``, which also scores the whole training set at the start of every
   epoch and after the last, against the same steps (same weights, same shuffles: 28 per
   epoch) in the bare engine,
   NumPy by hand and PyTorch eager, all on one thread: NumPy's BLAS is limited to one
   thread as PyTorch is (on a busy machine OpenBLAS's threads made one full-data matrix
   product 35 times slower).

The peers are :mod:`benchmarks.peers` and :mod:`benchmarks.autodiff_bench`'s calcml
loops; ``calcml`` here is ``calcml.learn.train``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks import peers
from benchmarks.autodiff_bench import Contender, _pair_diff, _params_diff, calcml_mlp
from benchmarks.autodiff_bench import calcml_regression as engine_regression
from benchmarks.harness import Timing, measure, timing
from calcml.learn import MLP

TITLE = "calcml.learn.train (the four-step loop with its history) against bare loops"

MLP_SAMPLES = 1792  # 28 full batches of 64 (the peers' task wants equal batches)
SEED = 0


def train_regression(epochs: int = peers.EPOCHS) -> tuple[float, float]:
    """The line fit through ``train``: Line, mse, SGD, full batch, quiet."""
    from calcml.learn import SGD, Line, mse, train

    model = Line(m=peers.M0, b=peers.B0)
    train(model, peers.X, peers.Y, cost=mse, optimizer=SGD(model.parameters(), lr=peers.LR),
          epochs=epochs, quiet=True)
    return model.m.item(), model.b.item()


def digits_task(epochs: int = 1, batch: int = peers.MLP_BATCH,
                samples: int = MLP_SAMPLES) -> peers.MLPTask:
    """The peers' digits task cut to ``samples``, in the order ``train(seed=SEED)`` shuffles
    them: one permutation per epoch from one seeded generator.
    """
    task = peers.mlp_task(steps=samples // batch, batch=batch)
    rng = np.random.default_rng(SEED)
    order = np.concatenate([rng.permutation(samples) for _ in range(epochs)])
    return peers.MLPTask(task.inputs[:samples], task.onehot[:samples], task.params,
                         order.reshape(-1, batch))


def train_mlp(task: peers.MLPTask, net: MLP, epochs: int = 1) -> peers.Params:
    """``epochs`` of ``train`` on the task: ``net`` (MLP 64-64-10) reset to the task's
    weights as the bare loops copy theirs, then SGD on mini-batches, quiet.
    """
    from calcml.learn import SGD, softmax_cross_entropy, train

    net.load_state(dict(zip(net.named_parameters(), task.params, strict=True)))
    batch = task.batches.shape[1]
    train(net, task.inputs, task.onehot.argmax(axis=1), cost=softmax_cross_entropy,
          optimizer=SGD(net.parameters(), lr=peers.MLP_LR), epochs=epochs, batch_size=batch,
          seed=SEED, quiet=True)
    return [p.data for p in net.parameters()]


def regression_rows(quick: bool = False) -> list[Timing]:
    """The line fit: ``train`` against the bare engine, NumPy and PyTorch."""
    epochs = 20 if quick else peers.EPOCHS
    want = peers.regression_numpy(epochs)
    contenders = [
        Contender("calcml", "calcml", lambda: train_regression(epochs),
                  "train(): Line, mse, SGD, full History"),
        Contender("calcml engine, bare loop", "calcml", lambda: engine_regression(epochs),
                  "Tensor.backward, no history"),
        Contender("NumPy by hand", None, lambda: peers.regression_numpy(epochs),
                  "the floor: gradient written out"),
        Contender("PyTorch eager", "torch", lambda: peers.regression_torch(epochs),
                  "backward + optim.SGD"),
    ]
    return _interleaved(f"train line fit, {epochs} epochs", contenders, _pair_diff, want,
                        repeats=1 if quick else 9)


def mlp_rows(quick: bool = False, epochs: int = 1) -> list[Timing]:
    """Digits epochs: ``train`` against the bare engine, NumPy and PyTorch."""
    task = digits_task(epochs, *((8, 64) if quick else (peers.MLP_BATCH, MLP_SAMPLES)))
    steps = len(task.batches)
    net = MLP([64, 64, 10])
    contenders = [
        Contender("calcml", "calcml", lambda: train_mlp(task, net, epochs),
                  "train(): MLP, SGD, cost scored on all data before and after"),
        Contender("calcml engine, bare loop", "calcml", lambda: calcml_mlp(task, steps),
                  "Tensor.backward, no history"),
        Contender("NumPy by hand", None, lambda: peers.mlp_numpy(task, steps),
                  "the floor: backward written out"),
        Contender("PyTorch eager (1 thread)", "torch", lambda: peers.mlp_torch(task, steps),
                  "optim.SGD"),
    ]
    with threadpool_limits(limits=1, user_api="blas"):
        return _interleaved(f"train digits MLP, {epochs} epoch(s), {steps} steps", contenders,
                            _params_diff, peers.mlp_numpy(task, steps),
                            repeats=1 if quick else 21)


def _interleaved(task: str, contenders: list[Contender],
                 distance: Callable[[object, object], float], want: object,
                 repeats: int) -> list[Timing]:
    """Check each installed contender's answer, then time them in turns, one run each per
    round, so that a busy machine slows them all alike and the ratios stay meaningful.
    """
    ready, notes, missing = [], {}, []
    for c in contenders:
        if c.module is not None and importlib.util.find_spec(c.module) is None:
            missing.append(c.name)
            continue
        err = distance(c.fn(), want)  # also the warm-up
        verdict = f"agrees (max diff {err:.1e})" if err <= 1e-8 else f"DISAGREES by {err:.2e}"
        notes[c.name] = "; ".join(filter(None, [c.note, verdict]))
        ready.append(c)
    if missing:
        notes["calcml"] += f"; not installed: {', '.join(missing)}"
    times: dict[str, list[float]] = {c.name: [] for c in ready}
    for _ in range(repeats):
        for c in ready:
            times[c.name] += measure(c.fn, repeats=1, warmup=0)
    return [timing(task, c.name, times[c.name], notes[c.name]) for c in ready]


def run(quick: bool = False) -> list[Timing]:
    """Both tasks' rows (the MLP for one epoch, then five), for ``--only learn``."""
    return regression_rows(quick) + mlp_rows(quick) + ([] if quick else mlp_rows(epochs=5))
