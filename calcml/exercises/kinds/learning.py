"""Value problems of lessons 5 and 7, each solved by the engines.

Every task is ``{"kind": "value", "problem": <name>, ...}`` (see
:mod:`calcml.exercises.kinds.value`); numbers are JSON numbers or math text.

- ``"autodiff-line"``: the graph u = m·x, y = u + b, e = y − t, C = e² at ``m``, ``x``,
  ``b``, ``t``; ``"ask"`` lists what to give, in order: node values (``"u"``, ``"y"``,
  ``"e"``, ``"C"``) and adjoints (``"dC/de"``, ``"dC/dy"``, ``"dC/du"``, ``"dC/dm"``,
  ``"dC/db"``, ``"dC/dx"``, ``"dC/dt"``), read from :func:`calcml.autodiff.trace`.
- ``"quadratic-cost-gradient"``: (∂C/∂m, ∂C/∂b) of C = (m x + b − y)² at one point
  ``x``, ``y`` and ``m``, ``b``, by :func:`calcml.quadratic_cost_gradient`.
- ``"mse-gradient"``: (∂C/∂m, ∂C/∂b) of the mean squared error on the lists ``x``, ``y``
  at ``m``, ``b``, by :func:`calcml.mse_gradient`.
- ``"gd-step"``: (m, b) after one gradient-descent step θ − lr·∇C with rate ``lr``, from
  a given ``"gradient"`` [∂C/∂m, ∂C/∂b], or from the data ``x``, ``y`` with ``"cost"``
  ``"quadratic"`` (one point) or ``"mse"`` (a list of points).
- ``"backprop-delta"``: a 2-2-1 network z₁ = x W₁ + b₁, a₁ = relu(z₁), ŷ = a₁·w₂ + b₂
  with cost C = (ŷ − y)², by :func:`calcml.learn.backprop`; ``"ask"`` is
  ``"output-delta"`` (δ₂ = ∂C/∂ŷ), ``"hidden-delta"`` (δ₁ = ∂C/∂z₁, two numbers) or
  ``"first-row-dW1"`` (∂C/∂W₁ for the weights leaving x₁: x₁·δ₁).

>>> from calcml.exercises.checking import check
>>> check({"kind": "value", "problem": "quadratic-cost-gradient", "x": 7, "y": -1.37,
...        "m": 0.9, "b": 0.1}, "(108.78, 15.54)").correct
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

import calcml
from calcml.autodiff import Tensor, trace
from calcml.autodiff.trace import Trace, TraceNode
from calcml.errors import InputError
from calcml.exercises.kinds.value import task_number, value_problem
from calcml.learn import GD, MLP, Backprop, Line, backprop, four_steps, mse, quadratic
from calcml.numeric.functions import to_exact
from calcml.steps import Solution
from calcml.symbolic.partials.cost_gradients import decimal

GRADIENT_PROBLEMS = ("quadratic-cost-gradient", "mse-gradient")
"""Value problems whose answer is a gradient (∂C/∂m, ∂C/∂b)."""

LINE_OPERATIONS = {"u": "mul", "y": "add", "e": "sub", "C": "pow"}
LINE_INPUTS = ("m", "x", "b", "t")
BACKPROP_ASKS = ("output-delta", "hidden-delta", "first-row-dW1")


def exact(value: Any) -> sympy.Expr:
    """An engine's float (or SymPy Float) as the exact short decimal a person writes.

    >>> exact(0.1 + 0.2), exact(sympy.Float("15.54", 4))
    (3/10, 777/50)
    """
    if isinstance(value, sympy.Float):
        return sympy.Rational(str(value))
    return to_exact(round(float(value), 10))


def numbers(task: dict[str, Any], key: str) -> tuple[sympy.Expr, ...]:
    """The task's list ``key`` as exact numbers (a single number as a list of one)."""
    value = task.get(key)
    items = value if isinstance(value, list) else [value]
    if value is None or not items:
        raise InputError(f"the task needs {key!r}, a number or a list of numbers")
    return tuple(to_exact(v, key) for v in items)


def line_trace(task: dict[str, Any]) -> Trace:
    """The trace of C = (m·x + b − t)² at the task's numbers.

    >>> float(line_trace({"m": 2, "x": 3, "b": 1, "t": 5}).gradients["m"])
    12.0
    """
    m, x, b, t = (float(task_number(task, k)) for k in LINE_INPUTS)
    return trace(lambda m, x, b, t: (m * x + b - t) ** 2, m, x, b, t, output="C")


def line_node(graph: Trace, name: str) -> TraceNode:
    """The node of the traced line graph that ``name`` (``"y"``, or ``"dC/dy"`` for its
    adjoint) is about."""
    label = name[4:] if name.startswith("dC/d") else name
    if label in LINE_INPUTS:
        return graph.node(label)
    if label in LINE_OPERATIONS:
        return next(n for n in graph.nodes if n.op == LINE_OPERATIONS[label])
    known = ", ".join([*LINE_INPUTS, *LINE_OPERATIONS])
    raise InputError(f"{name!r} is not in the graph; ask for a node ({known}) or its "
                     "adjoint, e.g. dC/dy")


def line_quantity(graph: Trace, name: str) -> sympy.Expr:
    """A node's value (``"y"``) or adjoint (``"dC/dy"``) in the traced line graph."""
    node = line_node(graph, name)
    return exact(node.adjoint if name.startswith("dC/d") else node.value)


LINE_MEANINGS = {"u": "u = m·x", "y": "y = u + b", "e": "e = y − t"}


@dataclass(frozen=True)
class LineWorked:
    """The autodiff trace of the line graph (``trace``), with the node names of the
    exercise: the trace numbers its inner nodes (v5, v6, ...), the prompt calls them u, y
    and e. Renders as the legend, the node table and the backward pass."""

    trace: Trace

    def legend(self) -> str:
        """Which trace node is u, y and e."""
        names = {n.op: n.label for n in self.trace.nodes}
        parts = [f"{names[LINE_OPERATIONS[k]]} is {text}" for k, text in LINE_MEANINGS.items()]
        return f"In the trace, {', '.join(parts)}; C is the output."

    def to_text(self) -> str:
        """The legend, the forward values and adjoints, and the backward pass step by step.

        >>> print(line_worked({"m": 2, "x": 3, "b": 1, "t": 5}).to_text().splitlines()[0])
        In the trace, v5 is u = m·x, v6 is y = u + b, v7 is e = y − t; C is the output.
        """
        return "\n\n".join([self.legend(), self.trace.to_text(), self.trace.backward_text()])

    def to_dict(self) -> dict[str, Any]:
        """The trace's JSON-ready dict with the legend."""
        return {**self.trace.to_dict(), "legend": self.legend()}

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the legend above the trace's table and backward pass."""
        from html import escape

        table = self.trace._repr_mimebundle_(include, exclude)["text/html"]
        return {"text/plain": self.to_text(),
                "text/html": f"<p>{escape(self.legend())}</p>{table}"}

    def __str__(self) -> str:
        return self.to_text()


def line_worked(task: dict[str, Any]) -> LineWorked:
    """The worked solution of an autodiff-line task: its trace, with the legend."""
    return LineWorked(line_trace(task))


@value_problem("autodiff-line", "the numbers asked for, in the order asked, e.g. (7, 4)")
def autodiff_line(task: dict[str, Any]) -> tuple[sympy.Expr, ...]:
    """The values and adjoints of the line graph listed in ``task["ask"]``."""
    ask = task.get("ask")
    if not isinstance(ask, list) or not ask:
        raise InputError('an autodiff-line task lists what to give, e.g. "ask": ["y", "C"]')
    graph = line_trace(task)
    return tuple(line_quantity(graph, name) for name in ask)


def cost_solution(task: dict[str, Any]) -> Solution:
    """The worked cost gradient of the task: quadratic for one point, MSE for a list."""
    if _is_batch(task):
        return calcml.mse_gradient(x=numbers(task, "x"), y=numbers(task, "y"),
                                   m=task_number(task, "m"), b=task_number(task, "b"))
    return calcml.quadratic_cost_gradient(**{k: task_number(task, k) for k in "xymb"})


def _is_batch(task: dict[str, Any]) -> bool:
    return task.get("problem") == "mse-gradient" or task.get("cost") == "mse"


def cost_gradient(task: dict[str, Any]) -> tuple[sympy.Expr, sympy.Expr]:
    """(∂C/∂m, ∂C/∂b) of the task's cost by the hand-derived formulas of
    :mod:`calcml.learn.costs` (fast, for checking; the worked solution,
    :func:`cost_solution`, derives them symbolically and the tests compare the two).

    >>> cost_gradient({"problem": "mse-gradient", "x": [1, 2], "y": [1, 1], "m": 1, "b": 0})
    (2, 1)
    """
    x, y = (np.array([float(v) for v in numbers(task, k)]) for k in "xy")
    if len(x) != len(y):
        raise InputError(f"x has {len(x)} values but y has {len(y)}; give one y per x")
    if not _is_batch(task) and len(x) != 1:
        raise InputError("the quadratic cost is for one point: give x and y as numbers")
    model = Line(m=float(task_number(task, "m")), b=float(task_number(task, "b")))
    gradient = (mse if _is_batch(task) else quadratic).gradient(model, x, y)
    return exact(gradient["m"]), exact(gradient["b"])


for _problem in GRADIENT_PROBLEMS:
    value_problem(_problem, "the gradient (∂C/∂m, ∂C/∂b), two numbers")(cost_gradient)


def step_gradient(task: dict[str, Any]) -> tuple[sympy.Expr, sympy.Expr]:
    """The gradient a gd-step task descends: given, or of its cost on its data."""
    if "gradient" in task:
        given = numbers(task, "gradient")
        if len(given) != 2:
            raise InputError('the gradient is two numbers, "gradient": [dC/dm, dC/db]')
        return given[0], given[1]
    if task.get("cost") not in ("quadratic", "mse"):
        raise InputError('a gd-step task gives "gradient": [dC/dm, dC/db], or data with '
                         '"cost": "quadratic" or "mse"')
    return cost_gradient(task)


def descend(task: dict[str, Any], gradient: tuple[sympy.Expr, sympy.Expr],
            sign: int = -1) -> tuple[sympy.Expr, sympy.Expr]:
    """(m, b) moved by ``sign``·lr·gradient: the step is sign -1, downhill."""
    lr = task_number(task, "lr")
    m, b = task_number(task, "m"), task_number(task, "b")
    return m + sign * lr * gradient[0], b + sign * lr * gradient[1]


@value_problem("gd-step", "the new parameters (m, b), two numbers")
def gd_step(task: dict[str, Any]) -> tuple[sympy.Expr, sympy.Expr]:
    """(m − lr·∂C/∂m, b − lr·∂C/∂b)."""
    return descend(task, step_gradient(task))


def _matrix(task: dict[str, Any], key: str, shape: tuple[int, ...]) -> np.ndarray:
    value = task.get(key)
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        array = None
    if array is None or array.shape != shape or not np.all(np.isfinite(array)):
        raise InputError(f"{key} must be numbers of shape {shape} for a 2-2-1 network, "
                         f"not {value!r}")
    return array


def network(task: dict[str, Any]) -> tuple[MLP, np.ndarray, np.ndarray]:
    """The 2-2-1 ReLU network of the task with its input row and target."""
    net = MLP([2, 2, 1], activation="relu")
    hidden, out = net.linears
    hidden.W.data = _matrix(task, "W1", (2, 2))
    hidden.b.data = _matrix(task, "b1", (2,))
    out.W.data = _matrix(task, "w2", (2,)).reshape(2, 1)
    out.b.data = _matrix(task, "b2", ()).reshape(1)
    return net, _matrix(task, "x", (2,)).reshape(1, 2), _matrix(task, "y", ()).reshape(1)


def network_backprop(task: dict[str, Any]) -> Backprop:
    """Backpropagation through the task's network for C = (ŷ − y)², checked by autodiff."""
    net, x, y = network(task)
    return backprop(net, x, y, cost=quadratic)


@value_problem("backprop-delta", "the number or numbers asked for, e.g. 4 or (4, -2)")
def backprop_delta(task: dict[str, Any]) -> sympy.Expr | tuple[sympy.Expr, ...]:
    """δ₂, δ₁ or the first row of ∂C/∂W₁, as ``task["ask"]`` says."""
    ask = task.get("ask")
    if ask not in BACKPROP_ASKS:
        raise InputError(f"a backprop-delta task asks for one of {', '.join(BACKPROP_ASKS)}, "
                         f"not {ask!r}")
    record = network_backprop(task)
    output, hidden = record.layers
    if ask == "output-delta":
        return exact(output.delta[0, 0])
    if ask == "hidden-delta":
        return tuple(exact(v) for v in hidden.delta[0])
    return tuple(exact(v) for v in hidden.grad_W[0])


def decimal_text(value: sympy.Expr) -> str:
    """A number as a person writes it: 777/50 as 15.54, -4 as -4.

    >>> decimal_text(sympy.Rational(10739, 20000)), decimal_text(sympy.Integer(-4))
    ('0.53695', '-4')
    """
    return str(decimal(sympy.Rational(value)))


def pair_text(values: Any) -> str:
    """Numbers as a vector a learner types: ``(108.78, 15.54)``."""
    return "(" + ", ".join(decimal_text(v) for v in values) + ")"


def engine_step(task: dict[str, Any]) -> tuple[float, float]:
    """(m, b) after one step of :class:`calcml.learn.GD` on a :class:`calcml.learn.Line`:
    the four steps on the task's data (gradient by autodiff), or the given gradient."""
    model = Line(m=float(task_number(task, "m")), b=float(task_number(task, "b")))
    optimizer = GD(model.parameters(), lr=float(task_number(task, "lr")))
    if "gradient" in task:
        d_m, d_b = step_gradient(task)
        model.m.grad, model.b.grad = Tensor(float(d_m)), Tensor(float(d_b))
        optimizer.step()
    else:
        x, y = (np.array([float(v) for v in numbers(task, k)]) for k in "xy")
        cost = mse if task.get("cost") == "mse" else quadratic
        four_steps(model, x, y, cost=cost, optimizer=optimizer).epoch()
    return model.m.item(), model.b.item()


@dataclass(frozen=True)
class DescentStep:
    """One gradient-descent step worked out: the gradient (the cost's worked solution,
    or given), then θ − lr·∂C/∂θ for m and b; ``engine`` is what
    :class:`calcml.learn.GD` gives for the same step, as a check."""

    task: dict[str, Any]
    gradient: tuple[sympy.Expr, sympy.Expr]
    after: tuple[sympy.Expr, sympy.Expr]
    engine: tuple[float, float]
    cost: Solution | None = None

    @property
    def agreed(self) -> bool:
        """Whether calcml.learn.GD moved m and b to the same numbers."""
        return all(abs(float(a) - e) <= 1e-9 * max(1.0, abs(e))
                   for a, e in zip(self.after, self.engine, strict=True))

    def to_text(self) -> str:
        """The gradient, the two updates with their numbers, and the optimizer's check.

        >>> print(worked_step({"m": 1, "b": 0, "lr": 0.1, "gradient": [2, -1]}).to_text())
        ... # doctest: +NORMALIZE_WHITESPACE
        Gradient (given): ∇C = (∂C/∂m, ∂C/∂b) = (2, -1)
        Step downhill, θ_new = θ − lr·∂C/∂θ with lr = 0.1:
          m_new = 1 − 0.1·(2) = 0.8
          b_new = 0 − 0.1·(-1) = 0.1
        Check (calcml.learn.GD, one step) agrees: m = 0.8, b = 0.1
        """
        lr = decimal_text(task_number(self.task, "lr"))
        lines = [] if self.cost is None else [self.cost.to_text(), ""]
        source = "given" if self.cost is None else "from the cost above"
        lines += [f"Gradient ({source}): ∇C = (∂C/∂m, ∂C/∂b) = {pair_text(self.gradient)}",
                  f"Step downhill, θ_new = θ − lr·∂C/∂θ with lr = {lr}:"]
        for name, g, new in zip("mb", self.gradient, self.after, strict=True):
            old = decimal_text(task_number(self.task, name))
            lines.append(f"  {name}_new = {old} − {lr}·({decimal_text(g)}) = "
                         f"{decimal_text(new)}")
        verdict = "agrees" if self.agreed else "DISAGREES"
        lines.append(f"Check (calcml.learn.GD, one step) {verdict}: m = {self.engine[0]:.10g}, "
                     f"b = {self.engine[1]:.10g}")
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the gradient, the new parameters, the check and the text."""
        return {"gradient": [float(g) for g in self.gradient],
                "after": [float(a) for a in self.after], "engine": list(self.engine),
                "agreed": self.agreed, "text": self.to_text()}

    def __str__(self) -> str:
        return self.to_text()


def worked_step(task: dict[str, Any]) -> DescentStep:
    """The worked gradient-descent step of a gd-step task."""
    cost = None if "gradient" in task else cost_solution(task)
    gradient = step_gradient(task)
    return DescentStep(task, gradient, descend(task, gradient), engine_step(task), cost)


def _numbers_text(values: Any) -> str:
    flat = [exact(v) for v in np.ravel(values)]
    return decimal_text(flat[0]) if len(flat) == 1 else pair_text(flat)


@dataclass(frozen=True)
class BackpropWorked:
    """Backpropagation through the task's 2-2-1 network, line by line with its numbers,
    from :func:`calcml.learn.backprop` (which also compares with autodiff)."""

    task: dict[str, Any]
    record: Backprop

    def lines(self) -> list[str]:
        """The forward pass, the cost, δ₂, δ₁ and ∂C/∂W₁'s first row."""
        output, hidden = self.record.layers
        y = decimal_text(task_number(self.task, "y"))
        y_hat = _numbers_text(output.z)
        relu_slope = (hidden.z > 0).astype(float)
        return [
            f"Forward: z₁ = x W₁ + b₁ = {_numbers_text(hidden.z)}",
            f"Forward: a₁ = relu(z₁) = {_numbers_text(output.a_in)}",
            f"Forward: ŷ = a₁·w₂ + b₂ = {y_hat}",
            f"Cost: C = (ŷ − y)² = ({y_hat} − {y})² = "
            f"{_numbers_text((output.z - float(y)) ** 2)}",
            f"Output δ₂ = ∂C/∂ŷ = 2(ŷ − y) = {_numbers_text(output.delta)}",
            f"Hidden δ₁ = (δ₂ w₂ᵀ) ⊙ relu'(z₁), with relu'(z₁) = {_numbers_text(relu_slope)}: "
            f"δ₁ = {_numbers_text(hidden.delta)}",
            f"Weights leaving x₁: ∂C/∂W₁ row 1 = x₁·δ₁ = {_numbers_text(hidden.grad_W[0])}"]

    def to_text(self) -> str:
        """The lines, then the engine's layer-by-layer record and its autodiff check."""
        difference = self.record.max_difference
        check = (f"Check (autodiff of the same cost) agrees: largest difference {difference:.1e}"
                 if difference is not None and difference < 1e-9 else
                 f"Check (autodiff of the same cost) DISAGREES by {difference}")
        return "\n".join([*self.lines(), check, "", self.record.to_text()])

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the lines and the engine's record."""
        return {"lines": self.lines(), "max_difference": self.record.max_difference,
                "record": self.record.to_dict(), "text": self.to_text()}

    def __str__(self) -> str:
        return self.to_text()


def worked_backprop(task: dict[str, Any]) -> BackpropWorked:
    """The worked backward pass of a backprop-delta task.

    >>> print("\\n".join(worked_backprop({"W1": [[1, -1], [1, -1]], "b1": [0, 0],
    ...     "w2": [1, 2], "b2": 0, "x": [1, 1], "y": 1}).lines()[4:6]))
    Output δ₂ = ∂C/∂ŷ = 2(ŷ − y) = 2
    Hidden δ₁ = (δ₂ w₂ᵀ) ⊙ relu'(z₁), with relu'(z₁) = (1, 0): δ₁ = (2, 0)
    """
    return BackpropWorked(task, network_backprop(task))
