"""Random programs with broadcasting, run in calcml and PyTorch: same values, same
gradients, same second-order (Hessian-vector) products."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calcml.autodiff as ad
from calcml.autodiff import Tensor

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")

SHAPES = [(3, 4), (4,), (3, 1), (1, 4), ()]  # any mix of these broadcasts to (3, 4)

OURS = SimpleNamespace(
    tanh=ad.tanh, sin=ad.sin, cos=ad.cos, sigmoid=ad.sigmoid, relu=ad.relu, exp=ad.exp,
    log=ad.log, sqrt=ad.sqrt, abs=ad.abs, maximum=ad.maximum,
    amax=lambda x, axis: x.max(axis=axis, keepdims=True),
    softmax=lambda x: ad.softmax(x, axis=-1), log_softmax=lambda x: ad.log_softmax(x, axis=-1))
THEIRS = SimpleNamespace(
    tanh=torch.tanh, sin=torch.sin, cos=torch.cos, sigmoid=torch.sigmoid, relu=torch.relu,
    exp=torch.exp, log=torch.log, sqrt=torch.sqrt, abs=torch.abs, maximum=torch.maximum,
    amax=lambda x, axis: torch.amax(x, dim=axis, keepdim=True),
    softmax=lambda x: torch.softmax(x, dim=-1), log_softmax=lambda x: torch.log_softmax(x, -1))

UNARY: dict[str, Callable[[Any, Any], Any]] = {
    "tanh": lambda o, a: o.tanh(a), "sin": lambda o, a: o.sin(a), "cos": lambda o, a: o.cos(a),
    "sigmoid": lambda o, a: o.sigmoid(a), "relu": lambda o, a: o.relu(a),
    "exp_tanh": lambda o, a: o.exp(o.tanh(a)), "log1p_sq": lambda o, a: o.log(a * a + 1),
    "sqrt1p_sq": lambda o, a: o.sqrt(a * a + 1), "abs": lambda o, a: o.abs(a),
    "neg": lambda o, a: -a, "square": lambda o, a: a ** 2, "cube": lambda o, a: a ** 3,
    "sum0": lambda o, a: a.sum(0, True), "mean0": lambda o, a: a.mean(0, True),
    "amax1": lambda o, a: o.amax(a, 1), "softmax": lambda o, a: o.softmax(a),
    "log_softmax": lambda o, a: o.log_softmax(a), "rsub": lambda o, a: 2.0 - a,
    "rdiv": lambda o, a: 1.0 / (a * a + 1),
}
NEEDS_MATRIX = {"sum0", "mean0", "amax1", "softmax", "log_softmax"}
BINARY: dict[str, Callable[[Any, Any, Any], Any]] = {
    "add": lambda o, a, b: a + b, "sub": lambda o, a, b: a - b, "mul": lambda o, a, b: a * b,
    "div": lambda o, a, b: a / (b * b + 1), "maximum": lambda o, a, b: o.maximum(a, b),
    "pow": lambda o, a, b: (a * a + 1) ** o.tanh(b),
}


@st.composite
def programs(draw: st.DrawFn) -> tuple[list[np.ndarray], list[tuple[str, tuple[int, ...]]]]:
    """Input arrays and a list of steps (operation, operand positions in the pool)."""
    n_in = draw(st.integers(1, 3))
    inputs = []
    for _ in range(n_in):
        shape = draw(st.sampled_from(SHAPES))
        seed = draw(st.integers(0, 2 ** 16))
        inputs.append(np.random.default_rng(seed).uniform(-2, 2, size=shape))
    steps = []
    for k in range(draw(st.integers(1, 6))):
        pool = n_in + k
        if draw(st.booleans()):
            steps.append((draw(st.sampled_from(sorted(BINARY))),
                          (draw(st.integers(0, pool - 1)), draw(st.integers(0, pool - 1)))))
        else:
            steps.append((draw(st.sampled_from(sorted(UNARY))), (draw(st.integers(0, pool - 1)),)))
    return inputs, steps


def _run(ops: Any, xs: list[Any], steps: list[tuple[str, tuple[int, ...]]], w: Any) -> Any:
    pool = list(xs)
    for name, args in steps:
        vals = [pool[i] for i in args]
        if name in BINARY:
            pool.append(BINARY[name](ops, *vals))
        elif name in NEEDS_MATRIX and len(vals[0].shape) < 2:
            pool.append(vals[0] * 1.5)  # these reductions want a matrix; keep the shape
        else:
            pool.append(UNARY[name](ops, vals[0]))
    return (pool[-1] * w).sum()


@settings(deadline=None, max_examples=60)
@given(programs(), st.integers(0, 2 ** 16))
def test_random_programs_match_pytorch(program: Any, seed: int) -> None:
    arrays, steps = program
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(3, 4))
    us = [rng.normal(size=a.shape) for a in arrays]

    xs = [Tensor(a, requires_grad=True) for a in arrays]
    loss = _run(OURS, xs, steps, w)
    loss.backward(create_graph=True)
    grads = [np.zeros(x.shape) if x.grad is None else x.grad.numpy().copy() for x in xs]
    hvp_seed = sum(((x.grad * u).sum() for x, u in zip(xs, us, strict=True)
                    if x.grad is not None), Tensor(0.0))
    for x in xs:
        x.zero_grad()
    hvps = [np.zeros_like(a) for a in arrays]
    if hvp_seed.requires_grad:
        hvp_seed.backward()
        hvps = [x.grad.numpy() if x.grad is not None else np.zeros(x.shape) for x in xs]

    ts = [torch.tensor(a, requires_grad=True) for a in arrays]
    tloss = _run(THEIRS, ts, steps, torch.tensor(w))
    tgrads = torch.autograd.grad(tloss, ts, create_graph=True, allow_unused=True)
    tgrads = [g if g is not None else torch.zeros_like(t) for g, t in zip(tgrads, ts,
                                                                            strict=True)]
    tseed = sum((g * torch.tensor(u)).sum() for g, u in zip(tgrads, us, strict=True))
    thvps = [np.zeros_like(a) for a in arrays]
    if tseed.requires_grad:
        thvps = [h.numpy(force=True) if h is not None else np.zeros_like(a) for h, a in zip(
            torch.autograd.grad(tseed, ts, allow_unused=True), arrays, strict=True)]

    np.testing.assert_allclose(loss.item(), tloss.item(), rtol=1e-10, atol=1e-10)
    for ours, theirs in zip(grads, tgrads, strict=True):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=1e-9, atol=1e-10)
    for ours, theirs in zip(hvps, thvps, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-8, atol=1e-9)


MATMUL_SHAPES = [((2, 3), (3, 4)), ((3,), (3, 4)), ((2, 3), (3,)), ((3,), (3,)),
                 ((5, 2, 3), (3, 4)), ((5, 2, 3), (5, 3, 4)), ((2, 3), (5, 3, 4)),
                 ((5, 2, 3), (3,)), ((3,), (5, 3, 4))]


@settings(deadline=None, max_examples=30)
@given(st.sampled_from(MATMUL_SHAPES), st.integers(0, 2 ** 16))
def test_matmul_shapes_match_pytorch(shapes: Any, seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = (rng.normal(size=s) for s in shapes)
    out_shape = np.matmul(a, b).shape
    w = rng.normal(size=out_shape)
    x, y = Tensor(a, requires_grad=True), Tensor(b, requires_grad=True)
    ((x @ y).tanh() * w).sum().backward()
    tx, ty = torch.tensor(a, requires_grad=True), torch.tensor(b, requires_grad=True)
    ((tx @ ty).tanh() * torch.tensor(w)).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), tx.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(y.grad.numpy(), ty.grad.numpy(), rtol=1e-10, atol=1e-12)
