"""calcml's autodiff against its peers on three tasks, each result checked before it is timed.

1. The course's line fit: 8 points, m = 0.9, b = 0.1, lr = 0.01, MSE, 1,000 full-batch
   epochs with a gradient each epoch; every contender must end at m ~ -0.468, b ~ 1.754.
2. An MLP 64-64-10 on scikit-learn's bundled digits, mini-batches of 64, 200 SGD steps;
   every contender must end with the same weights as the NumPy loop written by hand.
3. The 50x50 Hessian of sum(tanh(A x)); every contender must match the closed form.

All in float64. Frameworks that are not installed are left out (named in calcml's note).
The peers live in :mod:`benchmarks.peers`; ``run(quick=True)`` is a seconds-long smoke run
on smaller sizes that checks agreement only.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from benchmarks import peers
from benchmarks.harness import Timing, measure, timing


@dataclass(frozen=True)
class Contender:
    """One way of doing a task: its label, the module it needs, how to run it, a note.

    ``want`` is the answer it must give, where it differs from the task's (micrograd,
    which runs fewer steps); ``slow`` ones are timed once (the check run is the warm-up).
    """

    name: str
    module: str | None
    fn: Callable[[], object]
    note: str = ""
    want: object = None
    slow: bool = False

TITLE = "calcml's autodiff engine against the peers installed here"


def calcml_regression(epochs: int = peers.EPOCHS) -> tuple[float, float]:
    """The line fit in calcml, PyTorch-style: ``backward()``, update under ``no_grad()``."""
    from calcml.autodiff import Tensor, no_grad

    x, y = Tensor(peers.X), Tensor(peers.Y)
    m, b = Tensor(peers.M0, requires_grad=True), Tensor(peers.B0, requires_grad=True)
    for _ in range(epochs):
        m.grad = b.grad = None
        ((m * x + b - y) ** 2).mean().backward()
        with no_grad():
            m -= peers.LR * m.grad
            b -= peers.LR * b.grad
    return m.item(), b.item()


def calcml_mlp(task: peers.MLPTask, steps: int = peers.MLP_STEPS) -> peers.Params:
    """The MLP in calcml: ``relu``, ``logsumexp``, ``backward()``, SGD under ``no_grad()``."""
    from calcml.autodiff import Tensor, logsumexp, no_grad, relu

    params = [Tensor(p.copy(), requires_grad=True) for p in task.params]
    w1, b1, w2, b2 = params
    for step in range(steps):
        xb, yb = task.batch(step)
        z = relu(Tensor(xb) @ w1 + b1) @ w2 + b2
        for p in params:
            p.grad = None
        (logsumexp(z, axis=1) - (z * yb).sum(axis=1)).mean().backward()
        with no_grad():
            for p in params:
                p -= peers.MLP_LR * p.grad
    return [p.numpy() for p in params]


def calcml_hessian(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``calcml.autodiff.hessian`` (reverse over reverse) of ``sum(tanh(A x))``."""
    from calcml.autodiff.transforms import hessian

    return np.asarray(hessian(lambda v: (a @ v).tanh().sum())(x))


def regression_contenders(epochs: int) -> list[Contender]:
    """The line-fit contenders, ``epochs`` full-batch epochs each."""
    return [
        Contender("calcml", "calcml", lambda: calcml_regression(epochs), "Tensor.backward"),
        Contender("NumPy by hand", None, lambda: peers.regression_numpy(epochs),
                  "the floor: gradient written out"),
        Contender("PyTorch eager", "torch", lambda: peers.regression_torch(epochs),
                  "backward + optim.SGD"),
        Contender("JAX eager", "jax", lambda: peers.regression_jax(epochs), "jax.grad",
                  slow=True),
        Contender("JAX jit", "jax", lambda: peers.regression_jax(epochs, jit=True),
                  "jitted step, compiled in warm-up"),
        Contender("HIPS autograd", "autograd", lambda: peers.regression_autograd(epochs),
                  "autograd.grad"),
        Contender("micrograd", "micrograd", lambda: peers.regression_micrograd(epochs),
                  "scalar Values"),
    ]


def regression_rows(quick: bool = False) -> list[Timing]:
    """Time every installed contender on the line fit; check it against the NumPy loop."""
    epochs = 20 if quick else peers.EPOCHS
    want = peers.regression_numpy(epochs)
    if not quick and not np.allclose(want, (-0.468, 1.754), atol=5e-4):
        raise AssertionError(f"the NumPy line fit ended at {want}, not the course's m, b")
    task = f"line fit, {epochs} epochs"
    return _rows(task, regression_contenders(epochs), _pair_diff, want,
                 repeats=1 if quick else 5)


def mlp_contenders(task: peers.MLPTask, steps: int, micro_steps: int) -> list[Contender]:
    """The MLP contenders; micrograd runs ``micro_steps`` and is scaled up to ``steps``."""
    scale = steps / micro_steps
    micro_want = peers.mlp_numpy(task, micro_steps)
    return [
        Contender("calcml", "calcml", lambda: calcml_mlp(task, steps), "Tensor.backward"),
        Contender("NumPy by hand", None, lambda: peers.mlp_numpy(task, steps),
                  "the floor: backward written out"),
        Contender("PyTorch eager (1 thread)", "torch", lambda: peers.mlp_torch(task, steps),
                  "torch.set_num_threads(1), optim.SGD"),
        Contender("JAX eager", "jax", lambda: peers.mlp_jax(task, steps), "jax.grad",
                  slow=True),
        Contender("JAX jit", "jax", lambda: peers.mlp_jax(task, steps, jit=True),
                  "jitted step, compiled in warm-up"),
        Contender("HIPS autograd", "autograd", lambda: peers.mlp_autograd(task, steps),
                  "autograd.grad"),
        Contender("micrograd (extrapolated)", "micrograd",
                  lambda: peers.mlp_micrograd(task, micro_steps),
                  f"EXTRAPOLATED x{scale:g} from {micro_steps} step(s); GC paused per step",
                  micro_want, slow=True),
    ]


def mlp_rows(quick: bool = False) -> list[Timing]:
    """Time every installed contender on the digits MLP; check weights against NumPy's."""
    steps, batch, micro = (3, 2, 1) if quick else (peers.MLP_STEPS, peers.MLP_BATCH, 1)
    task = peers.mlp_task(steps, batch)
    label = f"MLP digits, {steps} steps of {batch}"
    rows = _rows(label, mlp_contenders(task, steps, micro), _params_diff,
                 peers.mlp_numpy(task, steps), repeats=1 if quick else 3)
    return [_scaled(r, steps / micro) if r.contender.startswith("micrograd") else r
            for r in rows]


def hessian_contenders(a: np.ndarray, x: np.ndarray) -> list[Contender]:
    """The Hessian contenders."""
    return [
        Contender("calcml", "calcml", lambda: calcml_hessian(a, x), "reverse over reverse"),
        Contender("NumPy by hand", None, lambda: peers.hessian_numpy(a, x),
                  "the floor: closed form"),
        Contender("torch hessian", "torch", lambda: peers.hessian_torch(a, x),
                  "autograd.functional.hessian"),
        Contender("torch hessian vectorize", "torch",
                  lambda: peers.hessian_torch(a, x, vectorize=True), "vectorize=True"),
        Contender("jax.hessian", "jax", lambda: peers.hessian_jax(a, x), "fwd over rev, eager"),
        Contender("jax.hessian jit", "jax", lambda: peers.hessian_jax(a, x, jit=True),
                  "compiled in warm-up"),
        Contender("HIPS autograd.hessian", "autograd", lambda: peers.hessian_autograd(a, x),
                  ""),
    ]


def hessian_rows(quick: bool = False) -> list[Timing]:
    """Time every installed contender on the tanh Hessian; check it against the closed form."""
    n = 10 if quick else peers.HESSIAN_N
    a, x = peers.hessian_task(n)
    return _rows(f"Hessian {n}x{n}, sum(tanh(Ax))", hessian_contenders(a, x),
                 lambda got, want: float(np.max(np.abs(got - want))),
                 peers.hessian_numpy(a, x), repeats=1 if quick else 20)


def run(quick: bool = False) -> list[Timing]:
    """Every task's rows, for ``python -m benchmarks`` (``quick``: small sizes, one run)."""
    return regression_rows(quick) + mlp_rows(quick) + hessian_rows(quick)


def _rows(task: str, contenders: list[Contender], distance: Callable[[object, object], float],
          want: object, repeats: int) -> list[Timing]:
    """Check each installed contender's answer, then time it; missing ones named in a note."""
    rows, missing = [], []
    for c in contenders:
        if c.module is not None and importlib.util.find_spec(c.module) is None:
            missing.append(c.name)
            continue
        err = distance(c.fn(), want if c.want is None else c.want)  # also the warm-up
        verdict = f"agrees (max diff {err:.1e})" if err <= 1e-8 else f"DISAGREES by {err:.2e}"
        times = measure(c.fn, repeats=1 if c.slow else repeats, warmup=0)
        rows.append(timing(task, c.name, times, "; ".join(filter(None, [c.note, verdict]))))
    if missing:
        rows = [_noted(r, f"not installed: {', '.join(missing)}") if r.contender == "calcml"
                else r for r in rows]
    return rows


def _pair_diff(got: object, want: object) -> float:
    return float(max(abs(g - w) for g, w in zip(got, want, strict=True)))


def _params_diff(got: object, want: object) -> float:
    return max(float(np.max(np.abs(g - w))) for g, w in zip(got, want, strict=True))


def _scaled(row: Timing, factor: float) -> Timing:
    return Timing(row.task, row.contender, row.median * factor, row.p95 * factor,
                  row.repeats, row.note)


def _noted(row: Timing, extra: str) -> Timing:
    return Timing(row.task, row.contender, row.median, row.p95, row.repeats,
                  f"{row.note}; {extra}")
