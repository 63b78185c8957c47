"""The same gradient in calcml and in each installed framework, side by side.

A function is written once: with arithmetic operators only (``lambda x: x ** 2``), or with
an extra parameter named ``ops`` through which it reaches the functions every engine has
under the same names (``lambda x, ops: ops.sum(ops.tanh(x))``). :func:`compare` hands each
engine its own tensors and its own ``ops``, differentiates with the engine's own machinery
(``Tensor.backward``, ``torch.autograd``, ``jax.grad``, ``tf.GradientTape``), all in
float64, and reports the largest difference from calcml. Frameworks are imported only
inside :func:`compare`, and a missing one is reported with the command that installs it.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import numpy as np

from calcml.autodiff.functions import Operand
from calcml.errors import InputError

OPS_NAMES = ("exp", "log", "sin", "cos", "tanh", "sqrt", "sigmoid", "relu", "sum", "mean")

# engine key: (display name, module to look for, pip extra)
FRAMEWORKS: dict[str, tuple[str, str, str]] = {
    "torch": ("PyTorch", "torch", "torch"),
    "jax": ("JAX", "jax", "jax"),
    "tensorflow": ("TensorFlow", "tensorflow", "tensorflow"),
}


def parameter_names(fun: Callable[..., Any], n: int) -> list[str]:
    """Names for ``n`` arguments of ``fun``: its own parameter names, ``ops`` left out.

    >>> parameter_names(lambda m, x, b: m * x + b, 3)
    ['m', 'x', 'b']
    """
    try:
        params = list(inspect.signature(fun).parameters.values())
    except (TypeError, ValueError):
        return [f"x{i}" for i in range(n)]
    positional = [p for p in params if p.name != "ops" and p.kind in (
        p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return [p.name for p in positional[:n]] + [f"x{i}" for i in range(len(positional), n)]
    required = [p for p in positional if p.default is p.empty]
    if not len(required) <= n <= len(positional):
        names = ", ".join(p.name for p in positional) or "no arguments"
        raise InputError(f"{_name(fun)} takes {len(required)} argument(s) ({names}) but "
                         f"{n} value(s) were given: pass one value per parameter")
    return [p.name for p in positional[:n]]


def wants_ops(fun: Callable[..., Any]) -> bool:
    """Whether ``fun`` has a parameter named ``ops`` (the shared function namespace).

    >>> wants_ops(lambda x, ops: ops.tanh(x)), wants_ops(lambda x: x ** 2)
    (True, False)
    """
    try:
        return "ops" in inspect.signature(fun).parameters
    except (TypeError, ValueError):
        return False


def call(fun: Callable[..., Any], args: Sequence[Any], ops: SimpleNamespace) -> Any:
    """``fun(*args)``, with ``ops=ops`` added when ``fun`` asks for it.

    >>> call(lambda x, ops: ops.sum(x), [np.arange(3.0)], numpy_ops())
    np.float64(3.0)
    """
    return fun(*args, ops=ops) if wants_ops(fun) else fun(*args)


def numpy_ops() -> SimpleNamespace:
    """The ``ops`` namespace on plain NumPy (no gradients; for evaluating a function).

    >>> float(numpy_ops().sigmoid(0.0))
    0.5
    """
    return SimpleNamespace(exp=np.exp, log=np.log, sin=np.sin, cos=np.cos, tanh=np.tanh,
                           sqrt=np.sqrt, sigmoid=lambda x: 1.0 / (1.0 + np.exp(-x)),
                           relu=lambda x: np.maximum(x, 0.0), sum=np.sum, mean=np.mean)


def calcml_ops() -> SimpleNamespace:
    """The ``ops`` namespace on calcml's autodiff functions.

    >>> from calcml.autodiff.tensor import Tensor
    >>> calcml_ops().sum(Tensor([1.0, 2.0])).item()
    3.0
    """
    from calcml.autodiff import functions as F

    return SimpleNamespace(exp=F.exp, log=F.log, sin=F.sin, cos=F.cos, tanh=F.tanh,
                           sqrt=F.sqrt, sigmoid=F.sigmoid, relu=F.relu,
                           sum=lambda x: x.sum(), mean=F.mean)


def as_arguments(args: Sequence[Any]) -> list[np.ndarray]:
    """The points to differentiate at, as float64 arrays; an error names a bad one.

    >>> as_arguments([5, [1, 2]])[1]
    array([1., 2.])
    """
    if not args:
        raise InputError("give the point to differentiate at: one value per argument, "
                         "e.g. compare(lambda x: x ** 2, 5.0)")
    out = []
    for i, a in enumerate(args):
        value = a.data if isinstance(a, Operand) else a
        try:
            arr = np.array(value, dtype=np.float64)
        except (TypeError, ValueError):
            raise InputError(f"argument {i + 1} ({value!r}) is not a number or an array of "
                             "numbers") from None
        if not np.all(np.isfinite(arr)):
            raise InputError(f"argument {i + 1} ({value!r}) has a nan or inf: pass finite "
                             "numbers")
        out.append(arr)
    return out


@dataclass(frozen=True)
class EngineResult:
    """One engine's value and gradients (one array per argument), or why it has none."""

    engine: str
    version: str
    value: float | None = None
    grads: tuple[np.ndarray, ...] | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """Whether this engine produced a gradient."""
        return self.grads is not None


@dataclass(frozen=True)
class Comparison:
    """The gradient of one function at one point in every engine, against calcml's.

    >>> c = compare(lambda x: x ** 2, 5.0, frameworks=[])
    >>> c.names, c.reference.value, c.max_difference
    (('x',), 25.0, 0.0)
    """

    function: str
    names: tuple[str, ...]
    point: tuple[np.ndarray, ...]
    results: tuple[EngineResult, ...]

    @property
    def reference(self) -> EngineResult:
        """calcml's result, the one the others are measured against."""
        return self.results[0]

    def difference(self, result: EngineResult) -> float:
        """Largest absolute difference of ``result``'s gradients from calcml's.

        >>> c = compare(lambda x: 3 * x, 1.0, frameworks=[])
        >>> c.difference(c.reference)
        0.0
        """
        if not result.ok:
            return float("nan")
        return max((float(np.max(np.abs(a - b), initial=0.0))
                    for a, b in zip(result.grads, self.reference.grads, strict=True)),
                   default=0.0)

    @property
    def max_difference(self) -> float:
        """Largest absolute gradient difference from calcml over the engines that ran."""
        return max((self.difference(r) for r in self.results[1:] if r.ok), default=0.0)

    def agree(self, tol: float = 1e-9) -> bool:
        """Whether every engine that ran agrees with calcml within ``tol`` (absolute).

        >>> compare(lambda x: x ** 3, 2.0, frameworks=[]).agree()
        True
        """
        return self.max_difference <= tol

    def to_text(self, tol: float = 1e-9) -> str:
        """A table of values and gradients per engine, and which frameworks are missing.

        >>> print(compare(lambda x: x ** 2, 5.0, frameworks=[]).to_text())
        Gradient of f(x) at x = 5, float64 in every engine
        <BLANKLINE>
        engine  version  f   df/dx  max |diff|
        calcml  0.1.0    25  10     (reference)
        <BLANKLINE>
        Only calcml ran: no framework to compare with.
        """
        return _comparison_text(self, tol)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict of the same content.

        >>> compare(lambda x: x ** 2, 5.0, frameworks=[]).to_dict()["engines"][0]["grads"]
        [10.0]
        """
        return {
            "function": self.function, "names": list(self.names),
            "point": [p.tolist() for p in self.point],
            "max_difference": self.max_difference,
            "engines": [{"engine": r.engine, "version": r.version, "value": r.value,
                         "grads": None if r.grads is None else [g.tolist() for g in r.grads],
                         "difference": None if not r.ok else self.difference(r),
                         "problem": r.problem} for r in self.results]}


def compare(fun: Callable[..., Any], *args: Any,
            frameworks: Sequence[str] | None = None) -> Comparison:
    """The gradient of ``fun`` at ``args`` in calcml and in each installed framework.

    ``fun`` returns one number; it uses operators only, or takes a parameter ``ops`` with
    the functions :data:`OPS_NAMES` (``ops.sum(ops.tanh(x))``). ``frameworks`` picks among
    ``"torch"``, ``"jax"`` and ``"tensorflow"`` (all by default); a missing one is listed
    with its install command. Constants inside ``fun`` are numbers; pass data arrays as
    arguments (each framework then gets them as its own tensors).

    >>> c = compare(lambda x: x ** 2, 5.0, frameworks=[])
    >>> c.reference.engine, float(c.reference.grads[0])
    ('calcml', 10.0)
    """
    chosen = list(FRAMEWORKS) if frameworks is None else list(frameworks)
    unknown = [f for f in chosen if f not in FRAMEWORKS]
    if unknown:
        raise InputError(f"unknown framework {unknown[0]!r}: choose from "
                         f"{', '.join(FRAMEWORKS)}")
    point = as_arguments(args)
    names = parameter_names(fun, len(point))
    results = [_run_calcml(fun, point)]
    results += [_run_framework(key, fun, point) for key in chosen]
    return Comparison(_name(fun), tuple(names), tuple(point), tuple(results))


def _name(fun: Callable[..., Any]) -> str:
    name = getattr(fun, "__name__", "f")
    return "f" if name == "<lambda>" else name


def _scalar_check(shape: tuple[int, ...]) -> None:
    if int(np.prod(shape)) != 1:
        raise InputError(f"the function returns an array of shape {shape}; a gradient needs "
                         "one number: reduce it with ops.sum(...) or ops.mean(...)")


def _run_calcml(fun: Callable[..., Any], point: list[np.ndarray]) -> EngineResult:
    from calcml.autodiff.tensor import Tensor

    xs = [Tensor(p, requires_grad=True) for p in point]
    out = call(fun, xs, calcml_ops())
    if not isinstance(out, Tensor) or not out.requires_grad:
        raise InputError("the function's output does not depend on its arguments: return an "
                         "expression of them, e.g. lambda x: x ** 2")
    _scalar_check(out.shape)
    out.backward()
    grads = tuple(np.zeros_like(p) if x.grad is None else np.array(x.grad.data)
                  for x, p in zip(xs, point, strict=True))
    return EngineResult("calcml", _version("calcml"), float(out.item()), grads)


def _run_framework(key: str, fun: Callable[..., Any],
                   point: list[np.ndarray]) -> EngineResult:
    display, module, extra = FRAMEWORKS[key]
    if importlib.util.find_spec(module) is None:
        return EngineResult(display, "", problem=f"not installed: pip install 'calcml[{extra}]'")
    runner = {"torch": _run_torch, "jax": _run_jax, "tensorflow": _run_tensorflow}[key]
    try:
        value, grads = runner(fun, point)
    except InputError:
        raise
    except Exception as err:  # the user's function failed inside a foreign framework
        hint = (" (write ops.sum(x) rather than x.sum(), and likewise for other methods, to "
                "run in every engine)" if isinstance(err, AttributeError) else "")
        return EngineResult(display, _version(module),
                            problem=f"{type(err).__name__}: {err}{hint}")
    return EngineResult(display, _version(module), value,
                        tuple(np.zeros_like(p) if g is None else np.array(g, dtype=np.float64)
                              for g, p in zip(grads, point, strict=True)))


def _run_torch(fun: Callable[..., Any], point: list[np.ndarray]) -> tuple[float, list]:
    import torch

    ops = SimpleNamespace(exp=torch.exp, log=torch.log, sin=torch.sin, cos=torch.cos,
                          tanh=torch.tanh, sqrt=torch.sqrt, sigmoid=torch.sigmoid,
                          relu=torch.relu, sum=torch.sum, mean=torch.mean)
    xs = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in point]
    out = call(fun, xs, ops)
    _scalar_check(tuple(out.shape))
    grads = torch.autograd.grad(out, xs, allow_unused=True)
    return out.item(), [None if g is None else g.numpy() for g in grads]


def _run_jax(fun: Callable[..., Any], point: list[np.ndarray]) -> tuple[float, list]:
    import jax
    import jax.numpy as jnp

    ops = SimpleNamespace(exp=jnp.exp, log=jnp.log, sin=jnp.sin, cos=jnp.cos, tanh=jnp.tanh,
                          sqrt=jnp.sqrt, sigmoid=jax.nn.sigmoid, relu=jax.nn.relu,
                          sum=jnp.sum, mean=jnp.mean)
    with jax.enable_x64(True):
        xs = [jnp.asarray(p) for p in point]
        _scalar_check(jnp.shape(call(fun, xs, ops)))
        value, grads = jax.value_and_grad(lambda *v: call(fun, v, ops),
                                          argnums=tuple(range(len(xs))))(*xs)
        return float(value), [np.asarray(g) for g in grads]


def _run_tensorflow(fun: Callable[..., Any], point: list[np.ndarray]) -> tuple[float, list]:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    import tensorflow as tf

    ops = SimpleNamespace(exp=tf.exp, log=tf.math.log, sin=tf.sin, cos=tf.cos, tanh=tf.tanh,
                          sqrt=tf.sqrt, sigmoid=tf.sigmoid, relu=tf.nn.relu,
                          sum=tf.reduce_sum, mean=tf.reduce_mean)
    xs = [tf.constant(p, dtype=tf.float64) for p in point]
    with tf.GradientTape() as tape:
        for x in xs:
            tape.watch(x)
        out = call(fun, xs, ops)
    _scalar_check(tuple(out.shape))
    grads = tape.gradient(out, xs)
    return float(out.numpy()), [None if g is None else g.numpy() for g in grads]


def _version(module: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    dist = {"tensorflow": "tensorflow-cpu"}.get(module, module)
    for name in (module, dist):
        try:
            return version(name)
        except PackageNotFoundError:
            continue
    return "?"


def _fmt(a: np.ndarray | float | None) -> str:
    if a is None:
        return "-"
    arr = np.asarray(a)
    if arr.size == 1:
        return f"{arr.item():.10g}"
    return np.array2string(arr, precision=6, separator=", ", max_line_width=60)


def _comparison_text(c: Comparison, tol: float) -> str:
    at = ", ".join(f"{n} = {_fmt(p)}" for n, p in zip(c.names, c.point, strict=True))
    head = ["engine", "version", c.function, *(f"d{c.function}/d{n}" for n in c.names),
            "max |diff|"]
    rows = [head]
    for i, r in enumerate(c.results):
        if not r.ok:
            continue
        diff = "(reference)" if i == 0 else f"{c.difference(r):.3g}"
        rows.append([r.engine, r.version, _fmt(r.value), *map(_fmt, r.grads), diff])
    widths = [max(len(line) for row in rows for line in row[k].splitlines()) for k in
              range(len(head))]
    lines = [f"Gradient of {c.function}({', '.join(c.names)}) at {at}, float64 in every "
             "engine", ""]
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
              for row in rows]
    ran = [r for r in c.results if r.ok]
    if len(ran) == 1:
        lines += ["", "Only calcml ran: no framework to compare with."]
    else:
        verdict = "agree" if c.agree(tol) else "DISAGREE"
        lines += ["", f"All {len(ran)} engines that ran {verdict}: largest difference from "
                  f"calcml {c.max_difference:.3g} (tolerance {tol:g})."]
    missing = [r for r in c.results if not r.ok and r.problem.startswith("not installed")]
    failed = [r for r in c.results if not r.ok and r not in missing]
    if missing:
        lines.append("Not installed: " + "; ".join(f"{r.engine} ({r.problem[15:]})"
                                                   for r in missing))
        lines.append("Install all three at once: pip install 'calcml[frameworks]'")
    lines += [f"{r.engine} could not run the function: {r.problem}" for r in failed]
    return "\n".join(lines)
