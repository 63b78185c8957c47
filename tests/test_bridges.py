"""The same gradient in calcml, PyTorch, JAX and TensorFlow; and the autodiff benchmark's
smoke run (every peer's answer checked, no timing asserted)."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import numpy as np
import pytest

from calcml.autodiff import bridges
from calcml.autodiff.bridges import compare, parameter_names, wants_ops
from calcml.errors import InputError

MODULES = {"torch": "torch", "jax": "jax", "tensorflow": "tensorflow"}


def cost(m, b, x, y):
    return (m * x + b - y) ** 2


def _check_framework(framework: str) -> None:
    """x^2 at 5, a vector function through ops, and the course's cost, against calcml."""
    square = compare(lambda x: x ** 2, 5.0, frameworks=[framework])
    engine = square.results[1]
    assert engine.ok, engine.problem
    assert float(engine.grads[0]) == 10.0 and engine.value == 25.0  # the course's demo
    assert square.max_difference == 0.0

    x = np.array([0.5, -1.0, 2.0])
    vector = compare(lambda x, ops: ops.sum(ops.tanh(x)), x, frameworks=[framework])
    np.testing.assert_allclose(vector.results[1].grads[0], 1 - np.tanh(x) ** 2, rtol=1e-12)
    assert vector.agree(1e-12)

    point = compare(cost, 0.9, 0.1, 7.0, -1.37, frameworks=[framework])
    dm, db, _, _ = point.results[1].grads
    assert float(dm) == pytest.approx(108.78) and float(db) == pytest.approx(15.54)
    assert point.agree(1e-12)


@pytest.mark.parametrize("framework", ["torch", "jax"])
def test_framework_agrees_with_calcml(framework):
    pytest.importorskip(MODULES[framework], reason=f"{framework} is not installed "
                        f"(pip install 'calcml[{framework}]')")
    _check_framework(framework)


def test_tensorflow_agrees_and_names_the_methods_it_lacks():
    """One test for TensorFlow, whose import is the slowest (once per test worker)."""
    pytest.importorskip(
        "tensorflow", reason="TensorFlow is not installed (pip install 'calcml[tensorflow]')")
    _check_framework("tensorflow")
    c = compare(lambda x, ops: ops.tanh(x).sum(), [0.5, 1.0], frameworks=["tensorflow"])
    tf = c.results[1]
    assert not tf.ok and "AttributeError" in tf.problem
    assert "write ops.sum(x) rather than x.sum()" in c.to_text()
    assert math.isnan(c.difference(tf))


def test_calcml_alone_on_the_course_numbers():
    c = compare(cost, 0.9, 0.1, 7.0, -1.37, frameworks=[])
    ref = c.reference
    assert ref.engine == "calcml" and ref.value == pytest.approx(60.3729)
    assert [float(g) for g in ref.grads[:2]] == pytest.approx([108.78, 15.54])
    assert "Only calcml ran" in c.to_text()


def test_engines_side_by_side_text():
    c = compare(lambda x: x ** 2, 5.0, frameworks=["torch", "jax"])
    text = c.to_text()
    lines = text.splitlines()
    assert lines[0] == "Gradient of f(x) at x = 5, float64 in every engine"
    assert lines[2].split() == ["engine", "version", "f", "df/dx", "max", "|diff|"]
    assert lines[3].split()[0] == "calcml" and lines[3].split()[2:4] == ["25", "10"]
    ran = [r.engine for r in c.results if r.ok]
    for r in c.results[1:]:
        if importlib.util.find_spec(MODULES[_key(r.engine)]) is not None:
            assert r.engine in ran
    assert f"All {len(ran)} engines that ran agree: largest difference from calcml 0" in text
    data = json.loads(json.dumps(c.to_dict()))
    assert data["engines"][0] == {"engine": "calcml", "version": data["engines"][0]["version"],
                                  "value": 25.0, "grads": [10.0], "difference": 0.0,
                                  "problem": None}


def test_missing_framework_names_its_install_command(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(bridges.importlib.util, "find_spec",
                        lambda name, *a: None if name == "tensorflow" else real(name, *a))
    c = compare(lambda x: 3 * x, 2.0, frameworks=["tensorflow"])
    assert c.results[1].problem == "not installed: pip install 'calcml[tensorflow]'"
    text = c.to_text()
    assert "Not installed: TensorFlow (pip install 'calcml[tensorflow]')" in text
    assert "pip install 'calcml[frameworks]'" in text


@pytest.mark.parametrize(("call", "match"), [
    (lambda: compare(lambda x: x * 2, [1.0, 2.0], frameworks=[]), "reduce it with ops.sum"),
    (lambda: compare(lambda x: x, 1.0, frameworks=["mxnet"]), "unknown framework 'mxnet'"),
    (lambda: compare(lambda x: x), "give the point"),
    (lambda: compare(lambda x: x, float("nan")), "nan or inf"),
    (lambda: compare(lambda x: 1.0, 2.0), "does not depend"),
    (lambda: compare(lambda a, b: a * b, 1.0), r"takes 2 argument\(s\) \(a, b\)"),
])
def test_errors_say_how_to_fix(call, match):
    with pytest.raises(InputError, match=match):
        call()


def test_signature_helpers():
    assert parameter_names(lambda m, x, b, ops: m, 3) == ["m", "x", "b"]
    assert parameter_names(lambda *xs: xs[0], 2) == ["x0", "x1"]
    assert parameter_names(lambda x, k=2: x, 1) == ["x"]
    assert wants_ops(lambda x, ops: x) and not wants_ops(max)


def _key(engine: str) -> str:
    return {v[0]: k for k, v in bridges.FRAMEWORKS.items()}[engine]


@pytest.fixture(scope="module")
def autodiff_bench():
    root = str(Path(__file__).resolve().parents[1])
    with pytest.MonkeyPatch.context() as mp:
        mp.syspath_prepend(root)
        from benchmarks import autodiff_bench

        yield autodiff_bench


@pytest.mark.slow
def test_benchmark_quick_run_checks_every_contender(autodiff_bench):
    rows = autodiff_bench.run(quick=True)
    tasks = {r.task for r in rows}
    assert tasks == {"line fit, 20 epochs", "MLP digits, 3 steps of 2",
                     "Hessian 10x10, sum(tanh(Ax))"}
    for r in rows:
        assert "agrees" in r.note and "DISAGREES" not in r.note, (r.task, r.contender, r.note)
        assert r.median > 0
    names = {r.contender for r in rows}
    assert {"calcml", "NumPy by hand"} <= names
    micro = [r for r in rows if r.contender == "micrograd (extrapolated)"]
    assert all("EXTRAPOLATED x3 from 1 step(s)" in r.note for r in micro)


def test_benchmark_peers_reach_the_course_line(autodiff_bench):
    from benchmarks import peers

    assert peers.regression_numpy() == pytest.approx((-0.468, 1.754), abs=5e-4)
    assert autodiff_bench.calcml_regression() == pytest.approx(peers.regression_numpy(),
                                                                abs=1e-12)
