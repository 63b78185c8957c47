"""The PyTorch-style Tensor: COURSE.md's numbers, the API, errors, memory, micrograd cases."""

from __future__ import annotations

import gc
import threading
import tracemalloc

import numpy as np
import pytest

from calcml.autodiff import Tensor, no_grad, relu, zero_grad
from calcml.autodiff.engine import toposort
from calcml.errors import InputError

X = np.arange(8.0)
Y = np.array([1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37])


def test_course_square_at_five_gives_ten() -> None:
    x = Tensor(5.0, requires_grad=True)
    y = x ** 2
    y.backward()
    assert x.grad.item() == 10.0
    assert isinstance(x.grad, Tensor)


def test_course_single_point_cost() -> None:
    m, b = Tensor(0.9, requires_grad=True), Tensor(0.1, requires_grad=True)
    c = (m * X[7] + b - Y[7]) ** 2
    c.backward()
    assert c.item() == pytest.approx(60.37, abs=0.01)
    assert m.grad.item() == pytest.approx(108.78, abs=0.01)
    assert b.grad.item() == pytest.approx(15.54, abs=0.01)


def test_course_batch_mse_and_gradient() -> None:
    m, b = Tensor(0.9, requires_grad=True), Tensor(0.1, requires_grad=True)
    c = ((m * X + b - Y) ** 2).mean()
    c.backward()
    assert c.item() == pytest.approx(19.68, abs=0.01)
    assert m.grad.item() == pytest.approx(36.3, abs=0.01)
    assert b.grad.item() == pytest.approx(6.26, abs=0.01)


def _fit(epochs: int) -> tuple[Tensor, Tensor, Tensor]:
    m, b = Tensor(0.9, requires_grad=True), Tensor(0.1, requires_grad=True)
    for _ in range(epochs):
        zero_grad(m, b)
        c = ((m * X + b - Y) ** 2).mean()
        c.backward()
        with no_grad():
            m -= 0.01 * m.grad
            b -= 0.01 * b.grad
    return m, b, c


def test_course_regression_thousand_epochs() -> None:
    m, b, c = _fit(1000)
    assert m.item() == pytest.approx(-0.468, abs=0.001)
    assert b.item() == pytest.approx(1.754, abs=0.001)
    assert c.item() == pytest.approx(0.0195, abs=0.0001)


def test_training_loop_memory_does_not_grow() -> None:
    _fit(50)
    gc.collect()
    tracemalloc.start()
    try:
        _fit(100)
        gc.collect()
        small = tracemalloc.get_traced_memory()[0]
        _fit(1000)
        gc.collect()
        large = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert large - small < 20_000


def test_backward_frees_the_graph_so_kept_losses_hold_no_history() -> None:
    x = Tensor([1.0, 2.0], requires_grad=True)
    loss = (x.exp() * 3).sum()
    loss.backward()
    assert loss._parents == () and loss._op == "sum"
    with pytest.raises(InputError, match="retain_graph=True"):
        loss.backward()


def test_retain_graph_allows_a_second_pass_and_grads_accumulate() -> None:
    x = Tensor(3.0, requires_grad=True)
    y = x * x
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.item() == 12.0
    x.zero_grad()
    assert x.grad is None


def test_create_graph_gives_differentiable_gradients() -> None:
    x = Tensor(2.0, requires_grad=True)
    y = x ** 3
    y.backward(create_graph=True)
    g = x.grad
    assert g.item() == 12.0 and g.requires_grad
    x.zero_grad()
    g.backward()
    assert x.grad.item() == 12.0  # d/dx 3x^2 = 6x


def test_non_scalar_backward_needs_a_seed() -> None:
    x = Tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(InputError, match=r"pass gradient= .*\.sum\(\)"):
        (x * 2).backward()
    (x * 2).backward(gradient=[1.0, 10.0])
    np.testing.assert_array_equal(x.grad.numpy(), [2.0, 20.0])
    with pytest.raises(InputError, match=r"\(3,\).*\(2,\)"):
        (x * 2).backward(gradient=[1.0, 1.0, 1.0])


def test_shape_mismatch_names_both_shapes() -> None:
    with pytest.raises(InputError, match=r"\(2,\) and \(3,\)"):
        Tensor([1.0, 2.0]) + Tensor([1.0, 2.0, 3.0])
    with pytest.raises(InputError, match=r"matmul.*\(2, 3\) and \(2,\)"):
        Tensor(np.ones((2, 3))) @ Tensor(np.ones(2))


def test_backward_without_requires_grad_explains() -> None:
    with pytest.raises(InputError, match="requires_grad=True"):
        (Tensor(1.0) * 2).backward()


def test_broadcast_gradients_are_summed_back_to_each_shape() -> None:
    a = Tensor(np.ones((3, 1)), requires_grad=True)
    b = Tensor(np.arange(4.0), requires_grad=True)
    (a * b).sum().backward()
    np.testing.assert_array_equal(a.grad.numpy(), np.full((3, 1), 6.0))
    np.testing.assert_array_equal(b.grad.numpy(), np.full(4, 3.0))


def test_repeated_indices_accumulate() -> None:
    x = Tensor([1.0, 2.0, 3.0], requires_grad=True)
    x[[0, 0, 2]].sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [2.0, 0.0, 1.0])


def test_no_grad_detach_and_comparisons_record_nothing() -> None:
    x = Tensor([1.0, -1.0], requires_grad=True)
    with no_grad():
        y = x * 2
    assert not y.requires_grad and y.is_leaf
    d = x.detach()
    assert not d.requires_grad and d.is_leaf
    mask = x > 0
    assert isinstance(mask, np.ndarray) and mask.dtype == bool
    np.testing.assert_array_equal(mask, [True, False])


def test_in_place_update_rules() -> None:
    w = Tensor(1.0, requires_grad=True)
    with pytest.raises(InputError, match="no_grad"):
        w -= 0.5
    with no_grad():
        w -= 0.5
    assert w.item() == 0.5 and w.requires_grad
    c = w * 2
    before = c
    c += 1  # a computed tensor: a new node, the old one is untouched
    assert c is not before and before.item() == 1.0 and c.item() == 2.0


def test_float32_on_request_and_float64_by_default() -> None:
    assert Tensor([1, 2]).dtype == np.float64
    x = Tensor([1.0, 2.0], dtype=np.float32, requires_grad=True)
    y = (x * 2.5 + 1).sum()
    assert y.dtype == np.float32
    y.backward()
    assert x.grad.dtype == np.float32


def test_repr_item_numpy_and_names() -> None:
    m = Tensor(2.0, requires_grad=True, name="m")
    assert repr(m) == "Tensor(2., requires_grad=True, name='m')"
    assert repr(m * 3) == "Tensor(6., grad_fn=<mul>)"
    assert repr(Tensor([1.0, 2.0], dtype=np.float32)) == "Tensor([1., 2.], dtype=float32)"
    assert (m * 3).item() == 6.0
    assert isinstance(Tensor([1.0]).numpy(), np.ndarray)
    with pytest.raises(InputError, match="one element"):
        Tensor([1.0, 2.0]).item()
    with pytest.raises(TypeError, match="numbers"):
        Tensor("abc")


def test_toposort_puts_inputs_first() -> None:
    x = Tensor(2.0, requires_grad=True, name="x")
    y = (x * x).exp() + x
    order = toposort(y)
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for p in node._parents:
            assert position[id(p)] < position[id(node)]
    assert order[-1] is y


def test_numpy_functions_run_primitives_or_name_the_missing_rule() -> None:
    x = Tensor([0.5, 1.0], requires_grad=True)
    np.exp(x).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.exp([0.5, 1.0]))
    with pytest.raises(InputError, match="'floor'"):
        np.floor(x)


def _micrograd_sanity(lib: str) -> tuple[float, float]:
    if lib == "torch":
        import torch

        x = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
        act = torch.relu
    else:
        x = Tensor(-4.0, requires_grad=True)
        act = relu
    z = 2 * x + 2 + x
    q = act(z) + z * x
    h = act(z * z)
    y = h + q + q * x
    y.backward()
    return y.item(), x.grad.item()


def _micrograd_more_ops(lib: str) -> tuple[float, float, float]:
    if lib == "torch":
        import torch

        a = torch.tensor(-4.0, dtype=torch.float64, requires_grad=True)
        b = torch.tensor(2.0, dtype=torch.float64, requires_grad=True)
        act = torch.relu
    else:
        a, b = Tensor(-4.0, requires_grad=True), Tensor(2.0, requires_grad=True)
        act = relu
    c = a + b
    d = a * b + b ** 3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + act(b + a)
    d = d + 3 * d + act(b - a)
    e = c - d
    f = e ** 2
    g = f / 2.0
    g = g + 10.0 / f
    g.backward()
    return g.item(), a.grad.item(), b.grad.item()


def test_micrograd_expressions_match_pytorch() -> None:
    pytest.importorskip("torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
    assert _micrograd_sanity("calcml") == pytest.approx(_micrograd_sanity("torch"), rel=1e-12)
    ours, theirs = _micrograd_more_ops("calcml"), _micrograd_more_ops("torch")
    assert ours == pytest.approx(theirs, rel=1e-12)
    assert ours[0] == pytest.approx(24.70408163265306, rel=1e-12)


def test_no_grad_is_per_thread() -> None:
    seen: dict[str, bool] = {}

    def worker() -> None:
        x = Tensor(2.0, requires_grad=True)
        seen["recorded"] = (x * x).requires_grad

    with no_grad():
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
    assert seen == {"recorded": True}
