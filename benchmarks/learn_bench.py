"""calcml.learn's training loop against the bare engine loop, NumPy by hand and PyTorch.

Two tasks, float64 everywhere, every result checked before it is timed:

1. the course's line fit: 1,000 full-batch epochs of ``train`` (history and all: cost,
   parameters and gradients of every epoch), against the same fit written as a bare
   calcml autodiff loop, as NumPy by hand (the floor) and in PyTorch eager;
2. one epoch of the digits MLP 64-64-10 (mini-batches of 64, plain SGD) through
   ``train``, which also scores the whole training set at the start of the epoch and
   after it, against the same 28 steps (same weights, same shuffle) in the bare engine,
   NumPy by hand and PyTorch eager, all on one thread: NumPy's BLAS is limited to one
   thread as PyTorch is (on a busy machine OpenBLAS's threads made one full-data matrix
   product 35 times slower).

The peers are :mod:`benchmarks.peers` and :mod:`benchmarks.autodiff_bench`'s calcml
loops; ``calcml`` here is ``calcml.learn.train``.
"""

from __future__ import annotations

import math
import time

import numpy as np
from threadpoolctl import threadpool_limits

from benchmarks import peers
from benchmarks.autodiff_bench import Contender, _pair_diff, _params_diff, _rows, calcml_mlp
from benchmarks.autodiff_bench import calcml_regression as engine_regression
from benchmarks.harness import Timing

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


def digits_epoch_task(batch: int = peers.MLP_BATCH, samples: int = MLP_SAMPLES) -> peers.MLPTask:
    """The peers' digits task cut to ``samples``, in the order ``train(seed=SEED)`` shuffles."""
    task = peers.mlp_task(steps=samples // batch, batch=batch)
    order = np.random.default_rng(SEED).permutation(samples)
    return peers.MLPTask(task.inputs[:samples], task.onehot[:samples], task.params,
                         order.reshape(-1, batch))


def train_mlp_epoch(task: peers.MLPTask) -> peers.Params:
    """One epoch of ``train`` on the task: MLP 64-64-10, SGD, mini-batches, quiet."""
    from calcml.learn import MLP, SGD, softmax_cross_entropy, train

    net = MLP([64, 64, 10])
    net.load_state(dict(zip(net.named_parameters(), task.params, strict=True)))
    batch = task.batches.shape[1]
    train(net, task.inputs, task.onehot.argmax(axis=1), cost=softmax_cross_entropy,
          optimizer=SGD(net.parameters(), lr=peers.MLP_LR), epochs=1, batch_size=batch,
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
    return _rows(f"train line fit, {epochs} epochs", contenders, _pair_diff, want,
                 repeats=1 if quick else 7)


def mlp_rows(quick: bool = False) -> list[Timing]:
    """One digits epoch: ``train`` against the bare engine, NumPy and PyTorch."""
    task = digits_epoch_task(*((8, 64) if quick else (peers.MLP_BATCH, MLP_SAMPLES)))
    steps = len(task.batches)
    contenders = [
        Contender("calcml", "calcml", lambda: train_mlp_epoch(task),
                  "train(): MLP, SGD, cost scored on all data before and after"),
        Contender("calcml engine, bare loop", "calcml", lambda: calcml_mlp(task, steps),
                  "Tensor.backward, no history"),
        Contender("NumPy by hand", None, lambda: peers.mlp_numpy(task, steps),
                  "the floor: backward written out"),
        Contender("PyTorch eager (1 thread)", "torch", lambda: peers.mlp_torch(task, steps),
                  "optim.SGD"),
    ]
    with threadpool_limits(limits=1, user_api="blas"):
        return _rows(f"train digits MLP, 1 epoch ({steps} steps)", contenders, _params_diff,
                     peers.mlp_numpy(task, steps), repeats=1 if quick else 15)


def run(quick: bool = False) -> list[Timing]:
    """Both tasks' rows, for ``python -m benchmarks --only learn``."""
    return regression_rows(quick) + mlp_rows(quick)


def main() -> None:
    """Print this benchmark's table alone: ``python -m benchmarks.learn_bench``."""
    from benchmarks.harness import table

    start = time.perf_counter()
    print(table(run(), reference="calcml"))
    print(f"({math.ceil(time.perf_counter() - start)} s)")


if __name__ == "__main__":
    main()
