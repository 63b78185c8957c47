"""The peers calcml's autodiff is measured against, each written the way its users write it.

Three tasks, each in float64 everywhere so that every contender computes the same numbers:

1. the course's line fit (8 points, m = 0.9, b = 0.1, lr = 0.01, MSE, full-batch epochs);
2. an MLP 64-64-10 (ReLU, softmax cross entropy) on scikit-learn's bundled digits,
   mini-batches of 64, plain SGD;
3. the 50x50 Hessian of ``sum(tanh(A x))``.

Every function imports its framework lazily, so this module imports with NumPy alone.
Each returns plain NumPy results, which :mod:`benchmarks.autodiff_bench` checks against the
hand-written NumPy version (the floor) and the course's numbers.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from types import ModuleType

import numpy as np

X = np.arange(8.0)
Y = np.array([1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37])
M0, B0, LR, EPOCHS = 0.9, 0.1, 0.01, 1000

MLP_LR, MLP_BATCH, MLP_STEPS = 0.1, 64, 200
HESSIAN_N = 50

Params = list[np.ndarray]


def regression_cost(xp: ModuleType, params: Sequence) -> object:
    """MSE of the line ``m*x + b`` on the course's data, in array module ``xp``."""
    m, b = params
    return xp.mean((m * X + b - Y) ** 2)


def regression_numpy(epochs: int = EPOCHS) -> tuple[float, float]:
    """The floor: the gradient written out by hand, (2/n) sum(err * x) and (2/n) sum(err)."""
    m, b = M0, B0
    for _ in range(epochs):
        err = m * X + b - Y
        m, b = m - LR * 2.0 * np.mean(err * X), b - LR * 2.0 * np.mean(err)
    return float(m), float(b)


def regression_torch(epochs: int = EPOCHS) -> tuple[float, float]:
    """PyTorch eager, as the course writes it: ``requires_grad``, ``backward``, ``SGD``."""
    import torch

    x, y = torch.tensor(X), torch.tensor(Y)
    m = torch.tensor(M0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(B0, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([m, b], lr=LR)
    for _ in range(epochs):
        opt.zero_grad()
        torch.mean((m * x + b - y) ** 2).backward()
        opt.step()
    return m.item(), b.item()


def regression_jax(epochs: int = EPOCHS, jit: bool = False) -> tuple[float, float]:
    """JAX: ``jax.grad`` each epoch (eager), or the whole update step under ``jax.jit``."""
    import jax
    import jax.numpy as jnp

    with jax.enable_x64(True):
        step = _jax_regression_step(jit)
        params = (jnp.float64(M0), jnp.float64(B0))
        for _ in range(epochs):
            params = step(params)
        return float(params[0]), float(params[1])


@functools.cache
def _jax_regression_step(jit: bool) -> Callable:
    """One gradient step of the line fit; built once so that ``jit`` compiles once."""
    import jax
    import jax.numpy as jnp

    grad = jax.grad(lambda p: regression_cost(jnp, p))

    def step(p: tuple) -> tuple:
        g = grad(p)
        return p[0] - LR * g[0], p[1] - LR * g[1]

    return jax.jit(step) if jit else step


def regression_autograd(epochs: int = EPOCHS) -> tuple[float, float]:
    """HIPS autograd: ``autograd.grad`` of the cost over the (m, b) tuple each epoch."""
    import autograd
    import autograd.numpy as anp

    grad = autograd.grad(lambda p: regression_cost(anp, p))
    m, b = M0, B0
    for _ in range(epochs):
        gm, gb = grad((m, b))
        m, b = m - LR * gm, b - LR * gb
    return float(m), float(b)


def regression_micrograd(epochs: int = EPOCHS) -> tuple[float, float]:
    """micrograd: scalar ``Value`` nodes, one graph of 8 points per epoch."""
    from micrograd.engine import Value

    m, b = Value(M0), Value(B0)
    for _ in range(epochs):
        cost = sum(((m * float(x) + b - float(y)) ** 2 for x, y in zip(X, Y, strict=True)),
                   Value(0.0)) * (1.0 / len(X))
        m.grad, b.grad = 0.0, 0.0
        cost.backward()
        m.data -= LR * m.grad
        b.data -= LR * b.grad
    return float(m.data), float(b.data)


@dataclass(frozen=True)
class MLPTask:
    """Digits scaled to [0, 1], one-hot labels, the initial weights and the batch order."""

    inputs: np.ndarray
    onehot: np.ndarray
    params: Params
    batches: np.ndarray

    def batch(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """The inputs and one-hot labels of mini-batch ``step``."""
        idx = self.batches[step]
        return self.inputs[idx], self.onehot[idx]


def mlp_task(steps: int = MLP_STEPS, batch: int = MLP_BATCH, seed: int = 0) -> MLPTask:
    """The digits task, seeded: He-scaled first layer, small second layer, zero biases."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    rng = np.random.default_rng(seed)
    inputs = digits.data / 16.0
    onehot = np.eye(10)[digits.target]
    params = [rng.normal(0.0, math.sqrt(2.0 / 64), (64, 64)), np.zeros(64),
              rng.normal(0.0, math.sqrt(1.0 / 64), (64, 10)), np.zeros(10)]
    rounds = -(-steps * batch // len(inputs))
    order = np.concatenate([rng.permutation(len(inputs)) for _ in range(rounds)])
    return MLPTask(inputs, onehot, params, order[:steps * batch].reshape(steps, batch))


def mlp_loss(xp: ModuleType, params: Sequence, xb: np.ndarray, yb: np.ndarray) -> object:
    """Mean softmax cross entropy of the MLP 64-64-10 (ReLU hidden), in array module ``xp``."""
    w1, b1, w2, b2 = params
    z = xp.maximum(xb @ w1 + b1, 0.0) @ w2 + b2
    return xp.mean(xp.log(xp.sum(xp.exp(z), axis=1)) - xp.sum(z * yb, axis=1))


def mlp_numpy(task: MLPTask, steps: int = MLP_STEPS) -> Params:
    """The floor: forward and backward of the MLP written out by hand in NumPy."""
    w1, b1, w2, b2 = (p.copy() for p in task.params)
    for step in range(steps):
        xb, yb = task.batch(step)
        a1 = xb @ w1 + b1
        h = np.maximum(a1, 0.0)
        z = h @ w2 + b2
        p = np.exp(z)
        dz = (p / p.sum(axis=1, keepdims=True) - yb) / len(xb)
        da1 = (dz @ w2.T) * (a1 > 0)
        w2 -= MLP_LR * (h.T @ dz)
        b2 -= MLP_LR * dz.sum(axis=0)
        w1 -= MLP_LR * (xb.T @ da1)
        b1 -= MLP_LR * da1.sum(axis=0)
    return [w1, b1, w2, b2]


def mlp_torch(task: MLPTask, steps: int = MLP_STEPS) -> Params:
    """PyTorch eager on one thread: ``F.cross_entropy``, ``backward``, ``torch.optim.SGD``."""
    import torch
    import torch.nn.functional as F

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        params = [torch.tensor(p, requires_grad=True) for p in task.params]
        w1, b1, w2, b2 = params
        opt = torch.optim.SGD(params, lr=MLP_LR)
        inputs, labels = torch.tensor(task.inputs), torch.tensor(task.onehot.argmax(axis=1))
        for step in range(steps):
            idx = torch.from_numpy(task.batches[step])
            z = torch.relu(inputs[idx] @ w1 + b1) @ w2 + b2
            opt.zero_grad()
            F.cross_entropy(z, labels[idx]).backward()
            opt.step()
        return [p.detach().numpy().copy() for p in params]
    finally:
        torch.set_num_threads(threads)


def mlp_jax(task: MLPTask, steps: int = MLP_STEPS, jit: bool = False) -> Params:
    """JAX: ``jax.grad`` of the shared loss each step (eager), or the step under ``jax.jit``."""
    import jax
    import jax.numpy as jnp

    with jax.enable_x64(True):
        step = _jax_mlp_step(jit)
        params = [jnp.asarray(p) for p in task.params]
        for i in range(steps):
            params = step(params, *task.batch(i))
        return [np.asarray(p) for p in params]


@functools.cache
def _jax_mlp_step(jit: bool) -> Callable:
    """One SGD step of the MLP; built once so that ``jit`` compiles once."""
    import jax
    import jax.numpy as jnp

    grad = jax.grad(lambda p, xb, yb: mlp_loss(jnp, p, xb, yb))

    def step(p: list, xb: np.ndarray, yb: np.ndarray) -> list:
        return [w - MLP_LR * g for w, g in zip(p, grad(p, xb, yb), strict=True)]

    return jax.jit(step) if jit else step


def mlp_autograd(task: MLPTask, steps: int = MLP_STEPS) -> Params:
    """HIPS autograd: ``autograd.grad`` of the shared loss over the parameter list."""
    import autograd
    import autograd.numpy as anp

    grad = autograd.grad(lambda p, xb, yb: mlp_loss(anp, p, xb, yb))
    params = [p.copy() for p in task.params]
    for i in range(steps):
        params = [w - MLP_LR * g for w, g in zip(params, grad(params, *task.batch(i)),
                                                 strict=True)]
    return params


def _mg_exp(v: object) -> object:
    """micrograd has no ``exp``: added the way its engine adds an op (value + backward)."""
    from micrograd.engine import Value

    out = Value(math.exp(v.data), (v,), "exp")

    def _backward() -> None:
        v.grad += out.data * out.grad

    out._backward = _backward
    return out


def _mg_log(v: object) -> object:
    """micrograd has no ``log``: added the way its engine adds an op (value + backward)."""
    from micrograd.engine import Value

    out = Value(math.log(v.data), (v,), "log")

    def _backward() -> None:
        v.grad += out.grad / v.data

    out._backward = _backward
    return out


def _mg_sample_loss(w1: list, b1: list, w2: list, b2: list, x: np.ndarray,
                    label: int) -> object:
    """Cross entropy of one sample through the MLP, built of scalar ``Value`` nodes."""
    xs = [float(v) for v in x]
    h = [sum((w1[i][j] * xs[i] for i in range(64)), b1[j]).relu() for j in range(64)]
    z = [sum((w2[j][k] * h[j] for j in range(64)), b2[k]) for k in range(10)]
    return _mg_log(sum((_mg_exp(zk) for zk in z[1:]), _mg_exp(z[0]))) - z[label]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector inside, then restore it as it was."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def mlp_micrograd(task: MLPTask, steps: int) -> Params:
    """micrograd: the same MLP of scalar ``Value`` nodes, Python's cyclic GC paused per step.

    A step of 64 samples builds about 600,000 ``Value`` nodes, each in a reference cycle
    with its ``_backward`` closure; with the collector on, its full collections over that
    heap make a step about ten times slower (measured: 7.5 s against 1.0 s at 16 samples).
    """
    from micrograd.engine import Value

    w1, b1, w2, b2 = ([[Value(float(v)) for v in row] for row in np.atleast_2d(p)]
                      for p in task.params)
    b1, b2 = b1[0], b2[0]
    flat = [v for layer in (w1, [b1], w2, [b2]) for row in layer for v in row]
    for step in range(steps):
        xb, yb = task.batch(step)
        with _gc_paused():
            losses = [_mg_sample_loss(w1, b1, w2, b2, x, int(y.argmax()))
                      for x, y in zip(xb, yb, strict=True)]
            loss = sum(losses[1:], losses[0]) * (1.0 / len(losses))
            for v in flat:
                v.grad = 0.0
            loss.backward()
            for v in flat:
                v.data -= MLP_LR * v.grad
            del losses, loss
    return [np.array([[v.data for v in row] for row in w1]), np.array([v.data for v in b1]),
            np.array([[v.data for v in row] for row in w2]), np.array([v.data for v in b2])]


def hessian_task(n: int = HESSIAN_N, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A seeded ``A`` (n x n, scaled by 1/sqrt(n)) and point ``x`` for ``sum(tanh(A x))``."""
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, n)) / math.sqrt(n), rng.normal(size=n)


def hessian_numpy(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The floor, by hand: ``A^T diag(-2 tanh(u) sech(u)^2) A`` with ``u = A x``."""
    t = np.tanh(a @ x)
    return a.T @ ((-2.0 * t * (1.0 - t * t))[:, None] * a)


def hessian_torch(a: np.ndarray, x: np.ndarray, vectorize: bool = False) -> np.ndarray:
    """``torch.autograd.functional.hessian`` (row by row, or ``vectorize=True``)."""
    import torch
    from torch.autograd.functional import hessian

    at = torch.tensor(a)
    return hessian(lambda v: torch.tanh(at @ v).sum(), torch.tensor(x),
                   vectorize=vectorize).numpy()


def hessian_jax(a: np.ndarray, x: np.ndarray, jit: bool = False) -> np.ndarray:
    """``jax.hessian`` (forward-over-reverse), eager or under ``jax.jit``."""
    import jax
    import jax.numpy as jnp

    with jax.enable_x64(True):
        return np.asarray(_jax_hessian(jit)(jnp.asarray(a), jnp.asarray(x)))


@functools.cache
def _jax_hessian(jit: bool) -> Callable:
    """``jax.hessian`` in x of ``sum(tanh(A x))``; built once so that ``jit`` compiles once."""
    import jax
    import jax.numpy as jnp

    hess = jax.hessian(lambda a, v: jnp.sum(jnp.tanh(a @ v)), argnums=1)
    return jax.jit(hess) if jit else hess


def hessian_autograd(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """HIPS ``autograd.hessian``."""
    import autograd
    import autograd.numpy as anp

    return autograd.hessian(lambda v: anp.sum(anp.tanh(a @ v)))(x)
