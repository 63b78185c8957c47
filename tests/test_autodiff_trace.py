"""The trace of one computation: the course's line and cost, their adjoints, the backward
pass step by step, the JSON for the web and the graph figure."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.autodiff.tensor import Tensor
from calcml.autodiff.trace import trace
from calcml.errors import InputError
from calcml.plot.graph import plot_graph, short, to_networkx


def line(m, x, b):
    return m * x + b


def cost(m, b, x, y):
    return (m * x + b - y) ** 2


@pytest.fixture(scope="module")
def line_trace():
    return trace(line, 0.9, 7.0, 0.1, output="y")


@pytest.fixture(scope="module")
def cost_trace():
    return trace(cost, 0.9, 0.1, 7.0, -1.37, output="C")


def test_line_values_and_adjoints(line_trace):
    t = line_trace
    assert [n.label for n in t.nodes] == ["m", "x", "b", "v3", "y"]
    assert [n.kind for n in t.nodes] == ["input"] * 3 + ["operation"] * 2
    assert [n.op for n in t.nodes] == [None, None, None, "mul", "add"]
    assert t.node("v3").inputs == (0, 1)
    assert t.node("v3").value == pytest.approx(6.3)
    assert t.value == pytest.approx(6.4)
    grads = t.gradients
    assert grads["m"] == pytest.approx(7.0)  # dy/dm = x
    assert grads["b"] == pytest.approx(1.0)  # dy/db = 1
    assert grads["x"] == pytest.approx(0.9)  # dy/dx = m
    assert t.node("y").adjoint == pytest.approx(1.0)


def test_course_single_point_cost(cost_trace):
    t = cost_trace
    assert t.value == pytest.approx(60.3729)  # (6.4 + 1.37)^2
    assert t.gradients["m"] == pytest.approx(108.78)  # 2 x (y_hat - y)
    assert t.gradients["b"] == pytest.approx(15.54)  # 2 (y_hat - y)
    assert t.node("v7").value == pytest.approx(7.77)
    assert t.node("2").kind == "constant" and t.node("2").adjoint is None


def test_adjoints_agree_with_the_engine_backward_pass():
    m, b = Tensor(0.9, requires_grad=True), Tensor(0.1, requires_grad=True)
    x, y = Tensor(7.0, requires_grad=True), Tensor(-1.37, requires_grad=True)
    cost(m, b, x, y).backward()
    t = trace(cost, 0.9, 0.1, 7.0, -1.37)
    for name, leaf in zip("mbxy", (m, b, x, y), strict=True):
        assert t.gradients[name] == pytest.approx(leaf.grad.item(), rel=1e-12)


@settings(max_examples=25, deadline=None)
@given(st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5), st.floats(-5, 5))
def test_cost_gradient_matches_the_formula_and_central_differences(m, b, x, y):
    t = trace(cost, m, b, x, y)
    err = m * x + b - y
    assert t.gradients["m"] == pytest.approx(2 * x * err, abs=1e-9)
    assert t.gradients["b"] == pytest.approx(2 * err, abs=1e-9)
    h = 1e-5
    central = (cost(m + h, b, x, y) - cost(m - h, b, x, y)) / (2 * h)
    assert t.gradients["m"] == pytest.approx(central, rel=1e-6, abs=1e-6)


def test_backward_steps_in_order_with_chain_rule_numbers(cost_trace):
    steps = cost_trace.backward_steps
    labels = [(cost_trace.nodes[s.node].label, cost_trace.nodes[s.parent].label)
              for s in steps]
    assert labels == [("C", "v7"), ("v7", "v6"), ("v7", "y"), ("v6", "v5"), ("v6", "b"),
                      ("v5", "m"), ("v5", "x")]
    first, to_m = steps[0], steps[5]
    assert first.local == pytest.approx(15.54) and first.rule == "2*v7^(2-1)"
    assert to_m.upstream == pytest.approx(15.54) and to_m.local == pytest.approx(7.0)
    assert to_m.contribution == pytest.approx(108.78) and to_m.rule == "x"
    for s in steps:
        assert s.contribution == pytest.approx(s.upstream * s.local)


def test_backward_text(cost_trace, line_trace):
    text = cost_trace.backward_text()
    assert "dC/dm += dC/dv5 * ∂v5/∂m = 15.54 * 7 = 108.78" in text
    assert "local ∂v7/∂y = -1" in text
    assert text.splitlines()[-1] == ("Result: dC/dm = 108.78, dC/db = 15.54, dC/dx = 13.986, "
                                     "dC/dy = -15.54.")
    assert "dy/dm += dy/dv3 * ∂v3/∂m = 1 * 7 = 7" in line_trace.backward_text()


def test_a_reused_input_accumulates_over_two_edges():
    t = trace(lambda x: x * x, 5.0)
    assert len(t.backward_steps) == 2
    assert [s.total.item() for s in t.backward_steps] == [5.0, 10.0]
    assert t.gradients["x"] == pytest.approx(10.0)
    assert "(so far df/dx = 10)" in t.backward_text()


def test_table_text(line_trace):
    lines = line_trace.to_text().splitlines()
    assert lines[0] == ("Trace of y = line(m, x, b) = 6.4: nodes in topological order "
                        "(inputs first)")
    assert lines[2].split() == ["id", "node", "operation", "inputs", "value", "adjoint",
                                "dy/d(node)"]
    assert lines[6].split() == ["3", "v3", "m", "*", "x", "m,", "x", "6.3", "1"]


def test_json_shape(cost_trace):
    data = json.loads(json.dumps(cost_trace.to_dict()))
    assert set(data) == {"function", "output", "output_name", "names", "nodes", "edges",
                         "steps"}
    assert len(data["nodes"]) == 9 and len(data["edges"]) == 8 and len(data["steps"]) == 7
    node = data["nodes"][0]
    assert node == {"id": 0, "label": "m", "kind": "input", "op": None, "expression": "m",
                    "inputs": [], "value": 0.9, "adjoint": pytest.approx(108.78)}
    for n in data["nodes"]:  # an input's adjoint is the sum of the gradients sent to it
        sent = [e["gradient"] for e in data["edges"] if e["source"] == n["id"]]
        if n["kind"] == "input":
            assert sum(sent) == pytest.approx(n["adjoint"])
    assert data["output"] == 8 and data["nodes"][8]["value"] == pytest.approx(60.3729)


def test_course_batch_mse_with_data_as_constants():
    x = np.arange(8.0)
    y = np.array([1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37])
    t = trace(lambda m, b: ((m * x + b - y) ** 2).mean(), 0.9, 0.1, output="C")
    assert t.value == pytest.approx(19.675475)  # the course: C ~ 19.68
    assert t.gradients["m"] == pytest.approx(36.305)  # (2/n) sum((y_hat - y) x) ~ 36.3
    assert t.gradients["b"] == pytest.approx(6.265)  # (2/n) sum(y_hat - y) ~ 6.26
    assert {n.label for n in t.nodes if n.kind == "constant"} >= {"c4", "c5"}
    assert "dC/db += dC/dv7 * ∂v7/∂b, summed over the broadcast axes, = 6.265" in (
        t.backward_text())


def test_vector_function_with_ops():
    w, x = np.array([0.5, -1.0]), np.array([[1.0, 2.0], [3.0, 4.0]])
    t = trace(lambda w, x, ops: ops.sum(ops.tanh(x @ w)), w, x)
    u = x @ w
    assert t.value == pytest.approx(np.tanh(u).sum())
    np.testing.assert_allclose(t.gradients["w"], x.T @ (1 - np.tanh(u) ** 2))
    assert "vector-Jacobian product of matmul" in t.backward_text()
    assert t.to_dict()["nodes"][0]["value"] == [0.5, -1.0]


@pytest.mark.parametrize(("fun", "args", "match"), [
    (lambda x: x * 2, ([1.0, 2.0],), "reduce it with .sum()"),
    (lambda x: 3.0, (1.0,), "does not depend on its arguments"),
    (lambda m, x: m * x, (1.0,), r"takes 2 argument\(s\) \(m, x\) but 1"),
    (lambda x: x, ("seven",), "not a number"),
    (lambda x: x, (), "give the point"),
])
def test_errors_say_how_to_fix(fun, args, match):
    with pytest.raises(InputError, match=match):
        trace(fun, *args)


def test_an_unused_argument_has_gradient_zero():
    t = trace(lambda x, k: x ** 2, 3.0, [1.0, 2.0])
    assert t.gradients["x"] == pytest.approx(6.0)
    np.testing.assert_array_equal(t.gradients["k"], [0.0, 0.0])
    assert t.node("k").adjoint is None and to_networkx(t).degree(1) == 0


def test_a_function_that_returns_an_input():
    t = trace(lambda x, y: x, 2.0, 3.0)
    assert [n.label for n in t.nodes] == ["y", "x"] and t.output.label == "x"
    assert float(t.gradients["x"]) == 1.0 and float(t.gradients["y"]) == 0.0
    assert t.backward_steps == ()


def test_unknown_node_name(line_trace):
    with pytest.raises(InputError, match="its nodes are m, x, b, v3, y"):
        line_trace.node("z")


def test_networkx_layout(cost_trace):
    g = to_networkx(cost_trace)
    layers = {d["label"]: d["layer"] for _, d in g.nodes(data=True)}
    # each input one column before its first use, operations by generation
    assert layers == {"m": 0, "x": 0, "v5": 1, "b": 1, "v6": 2, "y": 2, "v7": 3, "2": 3,
                      "C": 4}
    assert g.edges[6, 7, 0]["gradient"] == pytest.approx(15.54)


def test_figure_builds_and_saves(tmp_path, cost_trace, line_trace):
    fig = plot_graph(line_trace, path=tmp_path / "line.png")
    ax = fig.axes[0]
    assert ax.get_title() == "y = m·x + b as a graph: forward values and gradients"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["forward: value sent", "backward: gradient sent", "input", "operation",
                      "output"]
    texts = {t.get_text() for t in ax.texts}
    assert {"dy/dm = 7", "dy/db = 1", "y = 6.4", "6.3"} <= texts
    assert (tmp_path / "line.png").stat().st_size > 10_000
    forward_only = plot_graph(cost_trace, gradients=False, title="cost")
    assert "dC/dm = 108.8" not in {t.get_text() for t in forward_only.axes[0].texts}


def test_short_numbers_for_figures():
    assert short(np.float64(108.78)) == "108.8"
    assert short(np.array([1.5, -2.0])) == "[1.5, -2]"
    assert short(np.ones((2, 3))) == "2×3 array"
    assert short(None) == "-"
