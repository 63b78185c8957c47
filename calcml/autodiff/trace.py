"""See one computation: its graph, each node's value and adjoint, and the backward pass.

:func:`trace` evaluates a function once on Tensors named after its parameters, then walks
the graph backwards itself (with the engine's :func:`~calcml.autodiff.engine.toposort`
and :func:`~calcml.autodiff.engine.local_vjps`), keeping every adjoint and every
chain-rule product, so that the lesson's picture of y = m*x + b as a graph, with values
flowing forward and gradients flowing back, can be printed, sent to the web as JSON, or
drawn (:func:`calcml.plot.graph.plot_graph`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.autodiff.bridges import as_arguments, calcml_ops, call, parameter_names
from calcml.autodiff.engine import local_vjps, no_grad, toposort
from calcml.autodiff.tensor import Tensor
from calcml.errors import InputError

_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**", "matmul": "@"}

# The local derivative of each common primitive with respect to input 0 (a) or 1 (b).
_LOCAL_RULES = {
    ("add", 0): "1", ("add", 1): "1", ("sub", 0): "1", ("sub", 1): "-1",
    ("mul", 0): "{b}", ("mul", 1): "{a}", ("div", 0): "1/{b}", ("div", 1): "-{a}/{b}^2",
    ("pow", 0): "{b}*{a}^({b}-1)", ("pow", 1): "{a}^{b}*ln({a})", ("neg", 0): "-1",
    ("exp", 0): "exp({a})", ("log", 0): "1/{a}", ("sin", 0): "cos({a})",
    ("cos", 0): "-sin({a})", ("tanh", 0): "1 - tanh({a})^2", ("sum", 0): "1",
    ("abs", 0): "sign({a})",
}


@dataclass(frozen=True)
class TraceNode:
    """One node of the graph: an input, a constant or an operation on earlier nodes."""

    id: int
    label: str
    kind: str  # "input", "constant" or "operation"
    op: str | None
    expression: str
    inputs: tuple[int, ...]
    value: np.ndarray
    adjoint: np.ndarray | None


@dataclass(frozen=True)
class BackwardStep:
    """One chain-rule product: ``d out/d parent += d out/d node * d node/d parent``."""

    node: int
    parent: int
    argnum: int
    upstream: np.ndarray
    rule: str
    local: np.ndarray | None
    contribution: np.ndarray
    total: np.ndarray


@dataclass(frozen=True)
class Trace:
    """The graph of one evaluation with forward values and adjoints, and the backward pass.

    >>> t = trace(lambda x: x * x, 5.0, output="y")
    >>> [n.label for n in t.nodes], float(t.output.adjoint), float(t.gradients["x"])
    (['x', 'y'], 1.0, 10.0)
    """

    function: str
    output_name: str
    names: tuple[str, ...]
    nodes: tuple[TraceNode, ...]
    backward_steps: tuple[BackwardStep, ...]

    @property
    def output(self) -> TraceNode:
        """The output node (last in topological order)."""
        return self.nodes[-1]

    @property
    def value(self) -> float:
        """The function's value."""
        return float(self.output.value)

    @property
    def gradients(self) -> dict[str, np.ndarray]:
        """The gradient with respect to each argument, by parameter name (zero if unused)."""
        found = {n.label: n for n in self.nodes if n.kind == "input"}
        return {name: np.zeros_like(found[name].value) if found[name].adjoint is None
                else found[name].adjoint for name in self.names}

    def node(self, label: str) -> TraceNode:
        """The node called ``label`` (a parameter name, ``v3``, or the output's name).

        >>> float(trace(lambda m, x: m * x, 0.9, 7.0).node("m").adjoint)
        7.0
        """
        for n in self.nodes:
            if n.label == label:
                return n
        known = ", ".join(n.label for n in self.nodes)
        raise InputError(f"no node called {label!r} in this trace; its nodes are {known}")

    def to_text(self) -> str:
        """The nodes in topological order as a table: operation, inputs, value, adjoint.

        >>> print(trace(lambda x: x * x, 5.0, output="y").to_text())
        Trace of y = f(x) = 25: nodes in topological order (inputs first)
        <BLANKLINE>
        id  node  operation  inputs  value  adjoint dy/d(node)
        0   x     input              5      10
        1   y     x * x      x, x    25     1
        """
        out = self.output_name
        rows = [["id", "node", "operation", "inputs", "value", f"adjoint d{out}/d(node)"]]
        rows += [[str(n.id), n.label, n.kind if n.op is None else n.expression,
                  ", ".join(self.nodes[k].label for k in n.inputs), _fmt(n.value),
                  _fmt(n.adjoint)] for n in self.nodes]
        widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
        head = (f"Trace of {self.output_name} = {self.function}({', '.join(self.names)}) "
                f"= {_fmt(self.output.value)}: nodes in topological order (inputs first)")
        return "\n".join([head, ""] + ["  ".join(c.ljust(w) for c, w in
                                                 zip(r, widths, strict=True)).rstrip()
                                       for r in rows])

    def backward_text(self) -> str:
        """The backward pass step by step, each chain-rule product with its numbers.

        >>> print(trace(lambda m, x: m * x, 0.9, 7.0, output="y").backward_text())
        ... # doctest: +NORMALIZE_WHITESPACE
        Backward pass of y: start from dy/dy = 1 and walk the graph from the output back
        to the inputs, adding one chain-rule product per edge.
         1. y = m * x: dy/dy = 1; local ∂y/∂m = x = 7; dy/dm += dy/dy * ∂y/∂m = 1 * 7 = 7
         (so far dy/dm = 7)
         2. y = m * x: dy/dy = 1; local ∂y/∂x = m = 0.9; dy/dx += dy/dy * ∂y/∂x = 1 * 0.9
         = 0.9  (so far dy/dx = 0.9)
        Result: dy/dm = 7, dy/dx = 0.9.
        """
        out = self.output_name
        lines = [f"Backward pass of {out}: start from d{out}/d{out} = 1 and walk the graph "
                 "from the output back to the inputs, adding one chain-rule product per edge."]
        for i, s in enumerate(self.backward_steps, start=1):
            node, parent = self.nodes[s.node], self.nodes[s.parent]
            d_node, d_parent = f"d{out}/d{node.label}", f"d{out}/d{parent.label}"
            partial = f"∂{node.label}/∂{parent.label}"
            head = f"{i:>2}. {node.label} = {node.expression}: {d_node} = {_fmt(s.upstream)}"
            if s.local is not None:
                value = "" if s.rule == _fmt(s.local) else f" = {_fmt(s.local)}"
                product = (f"local {partial} = {s.rule}{value}; {d_parent} += {d_node} * "
                           f"{partial} = {_fmt(s.upstream)} * {_fmt(s.local)} = "
                           f"{_fmt(s.contribution)}")
            elif s.rule.startswith("vector-Jacobian"):
                product = f"{d_parent} += {s.rule} with {d_node} = {_fmt(s.contribution)}"
            else:
                summed = ("" if s.contribution.shape == s.upstream.shape
                          else ", summed over the broadcast axes,")
                product = (f"local {partial} = {s.rule} (elementwise); {d_parent} += "
                           f"{d_node} * {partial}{summed} = {_fmt(s.contribution)}")
            lines.append(f"{head}; {product}  (so far {d_parent} = {_fmt(s.total)})")
        grads = ", ".join(f"d{out}/d{k} = {_fmt(v)}" for k, v in self.gradients.items())
        lines.append(f"Result: {grads}.")
        return "\n".join(lines)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display from the trace's own numbers: the node table (values and
        adjoints) and the backward pass, as HTML and as text.

        The engine does not draw: in Jupyter, :mod:`calcml.notebook` puts the graph (SVG,
        values forward, adjoints back) above this table (see ``register_display`` there).

        >>> bundle = trace(lambda x: x * x, 5.0, output="y")._repr_mimebundle_()
        >>> sorted(bundle), "<td>25</td>" in bundle["text/html"]
        (['text/html', 'text/plain'], True)
        """
        from html import escape

        rows = "".join(f"<tr><td>{n.id}</td><td>{escape(n.label)}</td><td>"
                       f"{escape(n.kind if n.op is None else n.expression)}</td>"
                       f"<td>{_fmt(n.value)}</td><td>{_fmt(n.adjoint)}</td></tr>"
                       for n in self.nodes)
        head = (f"<tr><th>id</th><th>node</th><th>operation</th><th>value</th>"
                f"<th>adjoint d{escape(self.output_name)}/d(node)</th></tr>")
        html = (f'<div class="calcml-trace"><table>{head}{rows}</table>'
                f'<pre style="{_WRAP_BETWEEN_WORDS}">{escape(self.backward_text())}</pre></div>')
        return {"text/plain": f"{self.to_text()}\n\n{self.backward_text()}", "text/html": html}

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: nodes, edges (value forward, gradient back) and steps.

        >>> d = trace(lambda m, x: m * x, 0.9, 7.0).to_dict()
        >>> d["edges"][0]
        {'source': 0, 'target': 2, 'argnum': 0, 'value': 0.9, 'gradient': 7.0}
        """
        sent = {(s.node, s.argnum): s.contribution for s in self.backward_steps}
        return {
            "function": self.function, "output": self.output.id,
            "output_name": self.output_name, "names": list(self.names),
            "nodes": [{"id": n.id, "label": n.label, "kind": n.kind, "op": n.op,
                       "expression": n.expression, "inputs": list(n.inputs),
                       "value": _json(n.value), "adjoint": _json(n.adjoint)}
                      for n in self.nodes],
            "edges": [{"source": src, "target": n.id, "argnum": k,
                       "value": _json(self.nodes[src].value),
                       "gradient": _json(sent.get((n.id, k)))}
                      for n in self.nodes for k, src in enumerate(n.inputs)],
            "steps": [{"node": s.node, "parent": s.parent, "argnum": s.argnum,
                       "upstream": _json(s.upstream), "rule": s.rule, "local": _json(s.local),
                       "contribution": _json(s.contribution), "total": _json(s.total)}
                      for s in self.backward_steps]}


def trace(fun: Callable[..., Any], *args: Any, output: str | None = None) -> Trace:
    """Record ``fun(*args)`` as a graph and run its backward pass, keeping every adjoint.

    Each argument becomes a Tensor that requires a gradient, named after ``fun``'s
    parameter; ``fun`` returns one number (a Tensor of size 1). ``output`` names the
    result (default: ``fun``'s name, or ``f`` for a lambda).

    >>> t = trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1, output="y")
    >>> round(t.value, 6), float(t.gradients["m"]), float(t.gradients["b"])
    (6.4, 7.0, 1.0)
    """
    point = as_arguments(args)
    names = parameter_names(fun, len(point))
    xs = [Tensor(p, requires_grad=True, name=n) for p, n in zip(point, names, strict=True)]
    root = call(fun, xs, calcml_ops())
    if not isinstance(root, Tensor) or not root.requires_grad:
        raise InputError("the function's output does not depend on its arguments: return an "
                         "expression of them, e.g. lambda m, x, b: m * x + b")
    if root.data.size != 1:
        raise InputError(f"the function returns an array of shape {root.shape}; a trace "
                         "needs one number at the end: reduce it with .sum() or .mean()")
    fname = getattr(fun, "__name__", "f")
    fname = "f" if fname == "<lambda>" else fname
    order = _ordered(toposort(root), xs)
    labels = _labels(order, output or fname)
    with no_grad():
        adjoints, steps = _backward(order, labels)
    nodes = tuple(_node(i, t, order, labels, adjoints) for i, t in enumerate(order))
    return Trace(fname, output or fname, tuple(names), nodes, tuple(steps))


def _ordered(order: list[Tensor], inputs: list[Tensor]) -> list[Tensor]:
    """The engine's topological order with every input first (used or not), output last.

    Leaves depend on nothing, so moving them to the front keeps the order topological.
    """
    first = [t for t in inputs if t is not order[-1]]  # fun may return an input itself
    placed = {id(t) for t in first}
    return first + [t for t in order if id(t) not in placed]


def _labels(order: list[Tensor], output: str) -> dict[int, str]:
    labels: dict[int, str] = {}
    for i, t in enumerate(order):
        if t is order[-1] and t._op is not None:
            labels[id(t)] = output
        elif t._op is None and t.name is not None:
            labels[id(t)] = t.name
        elif t._op is None:
            labels[id(t)] = _short(t.data, i)
        else:
            labels[id(t)] = f"v{i}"
    return labels


def _node(i: int, t: Tensor, order: list[Tensor], labels: dict[int, str],
          adjoints: dict[int, np.ndarray]) -> TraceNode:
    index = {id(n): k for k, n in enumerate(order)}
    inputs = tuple(index[id(p)] for p in t._parents)
    if t._op is None:
        kind = "input" if t.requires_grad else "constant"
        expression = labels[id(t)]
    else:
        kind = "operation"
        expression = _expression(t._op, [labels[id(p)] for p in t._parents])
    return TraceNode(i, labels[id(t)], kind, t._op, expression, inputs,
                     np.array(t.data), adjoints.get(id(t)))


def _expression(op: str, args: list[str]) -> str:
    if op in _SYMBOLS and len(args) == 2:
        return f"{args[0]} {_SYMBOLS[op]} {args[1]}"
    return f"{op}({', '.join(args)})"


def _backward(order: list[Tensor], labels: dict[int, str]
              ) -> tuple[dict[int, np.ndarray], list[BackwardStep]]:
    """The reverse walk: every node's adjoint, and one step per (node, parent) product."""
    index = {id(n): k for k, n in enumerate(order)}
    root = order[-1]
    grads: dict[int, Tensor] = {id(root): Tensor(np.ones_like(root.data))}
    steps: list[BackwardStep] = []
    for node in reversed(order):
        g = grads.get(id(node))
        if g is None or node._op is None:
            continue
        sent = local_vjps(node, g)
        locals_ = _local_derivatives(node)
        names = [labels[id(p)] for p in node._parents]
        for k, (p, gp) in enumerate(zip(node._parents, sent, strict=True)):
            if gp is None:
                continue
            old = grads.get(id(p))
            grads[id(p)] = gp if old is None else old + gp
            steps.append(BackwardStep(
                index[id(node)], index[id(p)], k, np.array(g.data), _rule(node._op, k, names),
                locals_[k], np.array(gp.data), np.array(grads[id(p)].data)))
    return {key: np.array(g.data) for key, g in grads.items()}, steps


def _local_derivatives(node: Tensor) -> list[np.ndarray | None]:
    """d node/d parent for a node of one element (the VJP of a seed of 1), else None."""
    if node.data.size != 1:
        return [None] * len(node._parents)
    sent = local_vjps(node, Tensor(np.ones_like(node.data)))
    return [None if s is None else np.array(s.data) for s in sent]


def _rule(op: str, argnum: int, names: list[str]) -> str:
    rule = _LOCAL_RULES.get((op, argnum))
    if rule is None:
        return f"vector-Jacobian product of {op}"
    a = names[0]
    b = names[1] if len(names) > 1 else ""
    return rule.format(a=a, b=b)


def _short(value: np.ndarray, index: int) -> str:
    """A constant's label: its value if it is one number, else ``c<id>``."""
    arr = np.asarray(value)
    return f"{arr.item():g}" if arr.size == 1 else f"c{index}"


def _fmt(value: np.ndarray | None) -> str:
    if value is None:
        return "-"
    arr = np.asarray(value)
    if arr.size == 1:
        return f"{arr.item():.6g}"
    return np.array2string(arr, precision=4, separator=", ", threshold=8, edgeitems=2,
                           max_line_width=200).replace("\n", "")


# Long lines of the backward pass wrap between words, never inside a "dy/dm".
_WRAP_BETWEEN_WORDS = "white-space: pre-wrap; word-break: normal; overflow-wrap: break-word"


def _json(value: np.ndarray | None) -> Any:
    if value is None:
        return None
    arr = np.asarray(value)
    return arr.item() if arr.size == 1 and arr.ndim == 0 else arr.tolist()

