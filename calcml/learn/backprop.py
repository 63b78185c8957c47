"""Backpropagation made visible: an MLP's backward pass, layer by layer, by hand.

The forward pass is redone in plain NumPy, keeping every layer's z and a:
z_l = a_{l−1} W_l + b_l and a_l = f(z_l), with a_0 = x. The backward pass then
computes each layer's error signal δ_l = ∂C/∂z_l with the matrix formulas of the lesson:

- output layer: δ_L = dC/dz_L, from the cost (for softmax cross entropy on logits,
  δ_L = (softmax(z_L) − onehot(y)) / n);
- hidden layers: δ_l = (δ_{l+1} W_{l+1}ᵀ) ⊙ f'(z_l);
- weights and biases: ∂C/∂W_l = a_{l−1}ᵀ δ_l and ∂C/∂b_l = Σ over samples of δ_l.

:func:`backprop` returns the whole pass as a printable record, beside the gradients the
autodiff engine computes for the same cost, and the largest difference between them.

>>> import numpy as np
>>> from calcml.learn import MLP
>>> rng = np.random.default_rng(0)
>>> record = backprop(MLP([4, 5, 3]), rng.normal(size=(6, 4)), np.array([0, 1, 2, 0, 1, 2]))
>>> record.max_difference < 1e-12
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from calcml.expr.tables import Table, TableResult, table
from calcml.learn.costs import Cost, softmax_cross_entropy

if TYPE_CHECKING:
    from calcml.learn.modules import MLP


@dataclass(frozen=True)
class LayerRecord:
    """One layer of the backward pass: its error signal and its gradients.

    ``delta`` is δ_l = ∂C/∂z_l (samples × units); ``a_in`` the layer's input a_{l−1};
    ``delta_formula`` how δ_l was computed.
    """

    layer: int
    a_in: np.ndarray
    z: np.ndarray
    delta: np.ndarray
    grad_W: np.ndarray
    grad_b: np.ndarray
    delta_formula: str

    def table(self) -> Table:
        """Shapes and norms of what this layer computed."""
        n = self.layer
        rows = [(f"a{n - 1}", "input to the layer", self.a_in.shape, _norm(self.a_in)),
                (f"z{n}", f"a{n - 1} W{n} + b{n}", self.z.shape, _norm(self.z)),
                (f"δ{n}", self.delta_formula, self.delta.shape, _norm(self.delta)),
                (f"∂C/∂W{n}", f"a{n - 1}ᵀ δ{n}", self.grad_W.shape, _norm(self.grad_W)),
                (f"∂C/∂b{n}", f"Σ δ{n} over samples", self.grad_b.shape, _norm(self.grad_b))]
        return table(f"layer {n}", ["quantity", "formula", "shape", "norm"],
                     [(q, f, "x".join(map(str, s)) or "scalar", v) for q, f, s, v in rows])


def _norm(a: np.ndarray) -> float:
    return float(np.linalg.norm(a))


@dataclass(frozen=True)
class Backprop(TableResult):
    """The backward pass, output layer first, with the gradients it produced.

    ``autodiff`` holds the engine's gradients and ``max_difference`` the largest
    absolute difference from the hand-computed ones (None when not compared).
    """

    layers: tuple[LayerRecord, ...]
    gradients: dict[str, np.ndarray]
    autodiff: dict[str, np.ndarray] | None = None
    max_difference: float | None = None

    @property
    def table(self) -> Table:  # type: ignore[override]
        """A summary: one row per layer, from the output back to the input."""
        rows = [(f"layer {r.layer}", r.delta_formula, "x".join(map(str, r.delta.shape)),
                 _norm(r.delta), _norm(r.grad_W), _norm(r.grad_b)) for r in self.layers]
        notes = [f"hand-written backprop vs autodiff: largest difference "
                 f"{self.max_difference:.2e}"] if self.max_difference is not None else []
        return table("backpropagation, output layer first",
                     ["layer", "δ", "δ shape", "‖δ‖", "‖∂C/∂W‖", "‖∂C/∂b‖"], rows, notes)

    def to_text(self) -> str:
        """The summary, then each layer's own table."""
        return "\n\n".join([self.table.to_text()] + [r.table().to_text() for r in self.layers])


def forward_by_hand(model: MLP, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The MLP's forward pass in NumPy: the lists a_0..a_{L−1} (layer inputs) and z_1..z_L."""
    a_in, zs = [], []
    a = np.asarray(x, dtype=np.float64).reshape(-1, model.sizes[0])
    for i, layer in enumerate(model.linears):
        a_in.append(a)
        z = a @ layer.W.data + layer.b.data
        zs.append(z)
        if i < len(model.linears) - 1:
            a = model.activation.apply(z)
    return a_in, zs


def backward_by_hand(model: MLP, x: Any, d_out: np.ndarray) -> Backprop:
    """The backward pass from dC/d(output) down to every W_l and b_l, by the formulas.

    Examples
    --------
    >>> from calcml.learn import MLP
    >>> net = MLP([2, 3, 2])
    >>> record = backward_by_hand(net, np.ones((1, 2)), np.array([[0.5, -0.5]]))
    >>> sorted(record.gradients)
    ['W1', 'W2', 'b1', 'b2']
    """
    a_in, zs = forward_by_hand(model, x)
    delta = np.asarray(d_out, dtype=np.float64).reshape(zs[-1].shape)
    act = model.activation.name
    formula = "dC/dz (from the cost)"
    layers, grads = [], {}
    for i in range(len(zs) - 1, -1, -1):
        n = i + 1
        record = LayerRecord(n, a_in[i], zs[i], delta, a_in[i].T @ delta,
                             delta.sum(axis=0), formula)
        layers.append(record)
        grads[f"W{n}"], grads[f"b{n}"] = record.grad_W, record.grad_b
        if i > 0:
            delta = (delta @ model.linears[i].W.data.T) * model.activation.derivative(zs[i - 1])
            formula = f"(δ{n} W{n}ᵀ) ⊙ {act}'(z{i})"
    ordered = {k: grads[k] for k in sorted(grads, key=lambda k: (int(k[1:]), k[0] == "b"))}
    return Backprop(tuple(layers), ordered)


def backprop(model: MLP, x: Any, y: Any, cost: Cost = softmax_cross_entropy) -> Backprop:
    """Backpropagation through ``model`` for ``cost`` on (x, y), checked against autodiff.

    δ_L comes from the cost's hand-derived derivative; the record also holds the autodiff
    gradients of the same cost and their largest difference from the hand-made ones.
    """
    _, zs = forward_by_hand(model, x)
    out = zs[-1] if model.is_classifier else zs[-1].reshape(-1)
    delta_out = cost.derivative(out, y)
    record = backward_by_hand(model, x, delta_out)
    model.zero_grad()
    cost(model(x), y).backward()
    auto = {name: p.grad.data.copy() for name, p in model.named_parameters().items()}
    model.zero_grad()
    first = record.layers[0]
    named = LayerRecord(first.layer, first.a_in, first.z, first.delta, first.grad_W,
                        first.grad_b, f"{cost.derivative_formula} (δ = dC/dz{first.layer})")
    diff = max(float(np.max(np.abs(record.gradients[k] - auto[k]))) for k in auto)
    return Backprop((named, *record.layers[1:]), record.gradients, auto, diff)
