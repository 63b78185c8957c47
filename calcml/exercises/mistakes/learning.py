"""Buggy rules of lessons 5 and 7: cost gradients, gradient descent, backpropagation.

- ``gd-step-added-gradient``: θ + lr·∇C, a step uphill, instead of θ − lr·∇C.
- ``mse-missing-factor-2``: ∂C/∂m = (1/n) Σ (ŷᵢ − yᵢ) xᵢ without the 2 that the power
  rule brings down from (ŷᵢ − yᵢ)² (half the right gradient; in a step, half the move).
- ``mse-missing-mean``: ∂C/∂m = 2 Σ (ŷᵢ − yᵢ) xᵢ, the sum not divided by n (n times the
  right gradient); it applies to batches of two or more points.
- ``cost-gradient-missing-x``: ∂C/∂m written as 2(ŷ − y), the same as ∂C/∂b: the inner
  derivative ∂ŷ/∂m = x of ŷ = m x + b forgotten.
- ``backprop-missing-activation-derivative``: the hidden δ₁ = δ₂ w₂ᵀ without the factor
  relu'(z₁), so a unit switched off by ReLU still passes a gradient back.
- ``adjoint-missing-local-derivative``: in autodiff by hand, a node's adjoint copied from
  the node it feeds without multiplying by the local derivative: dC/dm = dC/du instead
  of dC/du·∂u/∂m = dC/du·x.

>>> from calcml.exercises.checking import check
>>> check({"kind": "value", "problem": "gd-step", "m": 1, "b": 0, "lr": 0.1,
...        "gradient": [2, -1]}, "(1.2, -0.1)").mistake
'gd-step-added-gradient'
"""

from __future__ import annotations

from typing import Any

import sympy

from calcml.exercises.kinds.learning import (
    cost_gradient,
    descend,
    exact,
    line_node,
    line_quantity,
    line_trace,
    network,
    network_backprop,
    numbers,
    step_gradient,
)
from calcml.exercises.model import Mistake, register_mistake

Pair = tuple[sympy.Expr, sympy.Expr]


def added_gradient(task: dict[str, Any]) -> Pair | None:
    """(m + lr·∂C/∂m, b + lr·∂C/∂b) for a gd-step task."""
    if task.get("problem") != "gd-step":
        return None
    return descend(task, step_gradient(task), sign=1)


def _batch(task: dict[str, Any]) -> bool:
    return task.get("problem") == "mse-gradient" or (
        task.get("problem") == "gd-step" and task.get("cost") == "mse" and "gradient" not in task)


def _scaled_gradient(task: dict[str, Any], factor: sympy.Expr) -> Pair | None:
    """The MSE gradient times ``factor``, or the step taken with it."""
    scaled = tuple(factor * g for g in cost_gradient(task))
    if task.get("problem") == "gd-step":
        return descend(task, scaled)
    return scaled


def missing_factor_2(task: dict[str, Any]) -> Pair | None:
    """Half the MSE gradient (or the step taken with half of it)."""
    return _scaled_gradient(task, sympy.Rational(1, 2)) if _batch(task) else None


def missing_mean(task: dict[str, Any]) -> Pair | None:
    """n times the MSE gradient (or the step taken with it), for n of 2 or more."""
    if not _batch(task) or len(numbers(task, "x")) < 2:
        return None
    return _scaled_gradient(task, sympy.Integer(len(numbers(task, "x"))))


def missing_x(task: dict[str, Any]) -> Pair | None:
    """(∂C/∂b, ∂C/∂b): ∂C/∂m without its factor x."""
    if task.get("problem") not in ("quadratic-cost-gradient", "mse-gradient"):
        return None
    d_b = cost_gradient(task)[1]
    return d_b, d_b


def missing_activation_derivative(task: dict[str, Any]) -> tuple[sympy.Expr, ...] | None:
    """δ₁ = δ₂ w₂ᵀ (no relu'(z₁)), or the first row of ∂C/∂W₁ built from it."""
    if task.get("problem") != "backprop-delta" or task.get("ask") == "output-delta":
        return None
    net, x, _ = network(task)
    output = network_backprop(task).layers[0]
    ungated = output.delta[0, 0] * net.linears[1].W.data[:, 0]
    if task.get("ask") == "first-row-dW1":
        ungated = x[0, 0] * ungated
    return tuple(sympy.Rational(str(round(float(v), 10))) for v in ungated)


def missing_local_derivative(task: dict[str, Any]) -> tuple[sympy.Expr, ...] | None:
    """Each asked adjoint replaced by the adjoint of the node it feeds (no local factor)."""
    if task.get("problem") != "autodiff-line":
        return None
    graph = line_trace(task)
    wrong = []
    for name in task["ask"]:
        if not name.startswith("dC/d"):
            wrong.append(line_quantity(graph, name))
            continue
        node = line_node(graph, name)
        consumer = next(n for n in graph.nodes if node.id in n.inputs)
        wrong.append(exact(consumer.adjoint))
    return tuple(wrong)


register_mistake(Mistake(
    id="gd-step-added-gradient", title="Stepped up the gradient instead of down", kinds=("value",),
    wrong=added_gradient,
    message="The gradient points uphill, where the cost grows: subtract it, "
            "θ_new = θ − lr·∂C/∂θ, to go down.",
    step="the gradient-descent update θ − lr·∇C",
    example=({"kind": "value", "problem": "gd-step", "m": 1, "b": 0, "lr": 0.1,
              "gradient": [2, -1]}, "(1.2, -0.1)")))

register_mistake(Mistake(
    id="mse-missing-factor-2", title="MSE gradient without the factor 2", kinds=("value",),
    wrong=missing_factor_2,
    message="The power rule brings the 2 of (ŷᵢ − yᵢ)² down: ∂C/∂m = (2/n) Σ (ŷᵢ − yᵢ) xᵢ "
            "and ∂C/∂b = (2/n) Σ (ŷᵢ − yᵢ).",
    step="the chain rule on one term (ŷᵢ − yᵢ)²",
    example=({"kind": "value", "problem": "mse-gradient", "x": [1, 2], "y": [1, 1],
              "m": 1, "b": 0}, "(1, 0.5)")))

register_mistake(Mistake(
    id="mse-missing-mean", title="MSE gradient summed, not averaged", kinds=("value",),
    wrong=missing_mean,
    message="The mean squared error averages over the n points, so its gradient keeps the "
            "1/n: ∂C/∂m = (2/n) Σ (ŷᵢ − yᵢ) xᵢ.",
    step="the constant factor 1/n in front of the sum",
    example=({"kind": "value", "problem": "mse-gradient", "x": [1, 2], "y": [1, 1],
              "m": 1, "b": 0}, "(4, 2)")))

register_mistake(Mistake(
    id="cost-gradient-missing-x", title="Cost gradient without the factor x of ∂ŷ/∂m",
    kinds=("value",), wrong=missing_x,
    message="ŷ = m x + b changes by x when m grows by 1, so ∂C/∂m carries the factor x: "
            "∂C/∂m = 2x(ŷ − y), while ∂C/∂b = 2(ŷ − y).",
    step="the inner derivative ∂ŷ/∂m = x in the chain rule",
    example=({"kind": "value", "problem": "quadratic-cost-gradient", "x": 3, "y": 1, "m": 1,
              "b": 0}, "(4, 4)")))

register_mistake(Mistake(
    id="backprop-missing-activation-derivative",
    title="Hidden δ without the activation's derivative", kinds=("value",),
    wrong=missing_activation_derivative,
    message="The error passes back through the activation too: δ₁ = (δ₂ w₂ᵀ) ⊙ relu'(z₁), "
            "so a unit with z ≤ 0 gets δ = 0.",
    step="the hidden layer's δ₁ = (δ₂ w₂ᵀ) ⊙ f'(z₁)",
    example=({"kind": "value", "problem": "backprop-delta", "W1": [[1, -1], [1, -1]],
              "b1": [0, 0], "w2": [1, 2], "b2": 0, "x": [1, 1], "y": 1,
              "ask": "hidden-delta"}, "(2, 4)")))

register_mistake(Mistake(
    id="adjoint-missing-local-derivative",
    title="Adjoint passed back without the local derivative", kinds=("value",),
    wrong=missing_local_derivative,
    message="Going back along an edge multiplies by that edge's local derivative: "
            "dC/dm = dC/du·∂u/∂m = dC/du·x, and dC/dx = dC/du·m.",
    step="the chain-rule product on each edge of the backward pass",
    example=({"kind": "value", "problem": "autodiff-line", "m": 2, "x": 3, "b": 1, "t": 5,
              "ask": ["dC/dm", "dC/dx"]}, "(4, 4)")))
