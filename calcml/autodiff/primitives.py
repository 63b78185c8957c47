"""The one table of primitives: each forward function beside its derivative rules.

Every row declares, together, a primitive's NumPy forward function, its Jacobian-vector
products (forward mode, one per input, on NumPy arrays) and its vector-Jacobian products
(reverse mode, one per input). Broadcasting is undone once, in the engine, not here.

Rules receive ``g`` (the upstream gradient, shaped like the output), ``ans`` (the output)
and the inputs; static options (``axis``, ``shape``, ``index``...) arrive as keyword
arguments. A vector-Jacobian rule uses only operations that Tensors and NumPy arrays share
(operators, ``reshape``, ``transpose``, indexing, and the small dispatching helpers below),
so the engine can run it recorded on Tensors (then the gradient of a gradient can be
taken) or fast on bare arrays. Everything else (sigmoid, relu, softmax, mean, ...) is
composed from these rows in :mod:`calcml.autodiff.functions` and needs no rule of its own.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.autodiff.engine import unbroadcast
from calcml.errors import InputError

Rule = Callable[..., Any]
_ARRAY = (np.ndarray, np.generic)


@dataclass(frozen=True, slots=True)
class Primitive:
    """One operation the engine knows how to differentiate.

    ``variadic`` primitives (concatenate) take any number of inputs; their single rule
    receives ``argnum=i`` to say which input it is asked about.

    >>> PRIMITIVES["mul"].fwd(np.float64(3.0), np.float64(4.0))
    np.float64(12.0)
    """

    name: str
    fwd: Callable[..., np.ndarray]
    jvps: tuple[Rule, ...]
    vjps: tuple[Rule, ...]
    variadic: bool = False


PRIMITIVES: dict[str, Primitive] = {}


def defprim(name: str, fwd: Callable[..., np.ndarray], jvps: tuple[Rule, ...],
            vjps: tuple[Rule, ...], variadic: bool = False) -> Primitive:
    """Add a row to the table and return it.

    >>> defprim("neg", operator.neg, (lambda t, ans, x: -t,), (lambda g, ans, x: -g,)).name
    'neg'
    """
    prim = Primitive(name, fwd, jvps, vjps, variadic)
    PRIMITIVES[name] = prim
    return prim


def _not_complex(x: np.ndarray, what: str) -> None:
    """Refuse complex input where the function is not analytic (the complex step needs that)."""
    if x.dtype.kind == "c":
        raise TypeError(f"{what} is not analytic, so it takes real input only")


def _data(x: Any) -> np.ndarray:
    return x if isinstance(x, _ARRAY) else x.data


def _cos(x: Any) -> Any:
    return np.cos(x) if isinstance(x, _ARRAY) else x.cos()


def _sin(x: Any) -> Any:
    return np.sin(x) if isinstance(x, _ARRAY) else x.sin()


def _log(x: Any) -> Any:
    return np.log(x) if isinstance(x, _ARRAY) else x.log()


def _broadcast(g: Any, shape: tuple[int, ...]) -> Any:
    return _broadcast_fwd(g, shape) if isinstance(g, _ARRAY) else g.broadcast_to(shape)


def _scatter(g: Any, index: Any, shape: tuple[int, ...]) -> Any:
    return _scatter_fwd(g, index, shape) if isinstance(g, _ARRAY) else g._scatter(index, shape)


def _swap_last(t: Any) -> Any:
    """``t`` with its last two axes swapped (a matrix transpose, batched)."""
    axes = list(range(t.ndim))
    axes[-2], axes[-1] = axes[-1], axes[-2]
    return t.transpose(tuple(axes))


def _matmul_grad_left(g: Any, a: Any, b: Any) -> Any:
    """g times the transpose of d(a @ b)/da, with NumPy's promotion of 1-D operands."""
    if a.ndim == 1 and b.ndim == 1:
        return g * b
    if b.ndim == 1:
        return g.reshape(g.shape + (1,)) * b
    if a.ndim == 1:
        return (b @ g.reshape(g.shape + (1,))).reshape(g.shape[:-1] + (b.shape[-2],))
    return g @ _swap_last(b)


def _matmul_grad_right(g: Any, a: Any, b: Any) -> Any:
    """g times the transpose of d(a @ b)/db, with NumPy's promotion of 1-D operands."""
    if a.ndim == 1 and b.ndim == 1:
        return g * a
    if a.ndim == 1:
        return a.reshape((a.shape[0], 1)) * g.reshape(g.shape[:-1] + (1, g.shape[-1]))
    if b.ndim == 1 and a.ndim == 2:
        return g @ a
    if b.ndim == 1:
        return (_swap_last(a) @ g.reshape(g.shape + (1,))).reshape(g.shape[:-1]
                                                                  + (a.shape[-1],))
    return _swap_last(a) @ g


def _keep_shape(shape: tuple[int, ...], axis: Any) -> tuple[int, ...]:
    """The shape a reduction over ``axis`` leaves when keepdims=True."""
    if axis is None:
        return (1,) * len(shape)
    axes = (axis,) if isinstance(axis, int) else axis
    axes = {a % len(shape) for a in axes}
    return tuple(1 if i in axes else n for i, n in enumerate(shape))


def _max_weights(x: np.ndarray, axis: Any) -> np.ndarray:
    """Where the maximum is, as weights that sum to 1 along ``axis``.

    Ties share the gradient equally (as PyTorch's ``amax`` does), so the gradient stays a
    valid subgradient and no element is favoured by its position.
    """
    _not_complex(x, "max")
    mask = (x == np.max(x, axis=axis, keepdims=True)).astype(x.dtype)
    return mask / np.sum(mask, axis=axis, keepdims=True)


def _scatter_fwd(g: np.ndarray, index: Any, shape: tuple[int, ...]) -> np.ndarray:
    """Zeros of ``shape`` with ``g`` added at ``index``; repeated indices accumulate."""
    out = np.zeros(shape, dtype=g.dtype)
    np.add.at(out, index, g)
    return out


def _concat_vjp(g: Any, ans: Any, *xs: Any, axis: int, argnum: int) -> Any:
    """The slice of ``g`` that came from input ``argnum``."""
    start = sum(x.shape[axis] for x in xs[:argnum])
    index = [slice(None)] * g.ndim
    index[axis] = slice(start, start + xs[argnum].shape[axis])
    return g[tuple(index)]


def _concat_jvp(t: np.ndarray, ans: np.ndarray, *xs: np.ndarray, axis: int,
                argnum: int) -> np.ndarray:
    """The tangent of input ``argnum`` placed in its slice of the output, zeros elsewhere."""
    out = np.zeros(ans.shape, dtype=np.result_type(t, ans))
    start = sum(x.shape[axis] for x in xs[:argnum])
    index = [slice(None)] * ans.ndim
    index[axis] = slice(start, start + xs[argnum].shape[axis])
    out[tuple(index)] = t
    return out


def _where_fwd(a: np.ndarray, b: np.ndarray, cond: np.ndarray) -> np.ndarray:
    return np.where(cond, a, b)


def _sign(x: Any) -> np.ndarray:
    # abs'(0) is taken as 0 (sign(0) = 0): the subgradient in the middle of [-1, 1].
    _not_complex(_data(x), "abs")
    return np.sign(_data(x))


def _abs_fwd(x: np.ndarray) -> np.ndarray:
    _not_complex(x, "abs")
    return np.abs(x)


def _max_fwd(x: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    _not_complex(x, "max")
    return np.max(x, axis=axis, keepdims=keepdims)


def _sum_fwd(x: np.ndarray, axis: Any = None, keepdims: bool = False) -> np.ndarray:
    return np.add.reduce(x, axis, keepdims=True) if keepdims else np.add.reduce(x, axis)


def _broadcast_fwd(x: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    # np.broadcast_to costs microseconds of Python; for small arrays a copy is cheaper.
    if len(shape) and math.prod(shape) <= 4096:
        return x + np.zeros(shape, dtype=x.dtype)
    return np.broadcast_to(x, shape)


def _pow_slope(x: Any, y: Any) -> Any:
    """d(x**y)/dx = y x**(y-1), taken as 0 where y == 0 (as PyTorch does).

    Where y == 0 the exponent y-1 is replaced by 0: x**0 = 1, so 0 * x**-1 never forms
    0 * inf at x = 0 (which would break x**0, and the second derivative of x**1).
    A constant exponent 2 (squared errors) gets 2x: one operation instead of three.
    """
    if not getattr(y, "requires_grad", False) and _data(y).ndim == 0 and _data(y) == 2:
        return x * 2.0
    e = y - 1
    zero = _data(y) == 0
    if zero.any():
        e = e * ~zero
    return y * x ** e


def _expand(g: Any, x: Any, axis: Any, keepdims: bool) -> Any:
    """``g`` (a reduction's gradient) broadcast back over the reduced axes of ``x``."""
    if not keepdims and axis is not None:
        g = g.reshape(_keep_shape(x.shape, axis))
    return _broadcast(g, x.shape)


ADD = defprim("add", operator.add, (lambda t, ans, x, y: t, lambda t, ans, x, y: t),
              (lambda g, ans, x, y: g, lambda g, ans, x, y: g))
SUB = defprim("sub", operator.sub, (lambda t, ans, x, y: t, lambda t, ans, x, y: -t),
              (lambda g, ans, x, y: g, lambda g, ans, x, y: -g))
MUL = defprim("mul", operator.mul, (lambda t, ans, x, y: t * y, lambda t, ans, x, y: x * t),
              (lambda g, ans, x, y: g * y, lambda g, ans, x, y: g * x))
DIV = defprim("div", operator.truediv,
              (lambda t, ans, x, y: t / y, lambda t, ans, x, y: -t * ans / y),
              (lambda g, ans, x, y: g / y, lambda g, ans, x, y: -g * x / (y * y)))
NEG = defprim("neg", operator.neg, (lambda t, ans, x: -t,), (lambda g, ans, x: -g,))
# d(x**y)/dy = log(x) x**y is only asked for when the exponent needs a gradient, so a
# constant exponent works for x <= 0 too.
POW = defprim("pow", operator.pow,
              (lambda t, ans, x, y: t * _pow_slope(x, y),
               lambda t, ans, x, y: t * np.log(x) * ans),
              (lambda g, ans, x, y: g * _pow_slope(x, y), lambda g, ans, x, y: g * _log(x) * ans))
MATMUL = defprim("matmul", operator.matmul,
                 (lambda t, ans, a, b: t @ b, lambda t, ans, a, b: a @ t),
                 (lambda g, ans, a, b: _matmul_grad_left(g, a, b),
                  lambda g, ans, a, b: _matmul_grad_right(g, a, b)))
EXP = defprim("exp", np.exp, (lambda t, ans, x: t * ans,), (lambda g, ans, x: g * ans,))
LOG = defprim("log", np.log, (lambda t, ans, x: t / x,), (lambda g, ans, x: g / x,))
SIN = defprim("sin", np.sin, (lambda t, ans, x: t * np.cos(x),),
              (lambda g, ans, x: g * _cos(x),))
COS = defprim("cos", np.cos, (lambda t, ans, x: -t * np.sin(x),),
              (lambda g, ans, x: -g * _sin(x),))
# tanh is a primitive (not exp-composed) because it is the common activation and its
# derivative 1 - tanh^2 reuses the output; sigmoid is composed from it.
TANH = defprim("tanh", np.tanh, (lambda t, ans, x: t * (1 - ans * ans),),
               (lambda g, ans, x: g * (1 - ans * ans),))
ABS = defprim("abs", _abs_fwd, (lambda t, ans, x: t * np.sign(x),),
              (lambda g, ans, x: g * _sign(x),))
SUM = defprim("sum", _sum_fwd,
              (lambda t, ans, x, axis=None, keepdims=False: np.sum(t, axis, keepdims=keepdims),),
              (lambda g, ans, x, axis=None, keepdims=False: _expand(g, x, axis, keepdims),))
MAX = defprim("max", _max_fwd,
              (lambda t, ans, x, axis=None, keepdims=False:
               np.sum(t * _max_weights(x, axis), axis, keepdims=keepdims),),
              (lambda g, ans, x, axis=None, keepdims=False:
               _expand(g, x, axis, keepdims) * _max_weights(_data(x), axis),))
RESHAPE = defprim("reshape", lambda x, shape: x.reshape(shape),
                  (lambda t, ans, x, shape: np.reshape(t, shape),),
                  (lambda g, ans, x, shape: g.reshape(x.shape),))
TRANSPOSE = defprim("transpose", lambda x, axes: x.transpose(axes),
                    (lambda t, ans, x, axes: np.transpose(t, axes),),
                    (lambda g, ans, x, axes: g.transpose(tuple(np.argsort(axes))),))
BROADCAST_TO = defprim("broadcast_to", _broadcast_fwd,
                       (lambda t, ans, x, shape: np.broadcast_to(t, shape),),
                       (lambda g, ans, x, shape: unbroadcast(g, x.shape),))
GETITEM = defprim("getitem", lambda x, index: x[index],
                  (lambda t, ans, x, index: t[index],),
                  (lambda g, ans, x, index: _scatter(g, index, x.shape),))
SCATTER = defprim("scatter", _scatter_fwd,
                  (lambda t, ans, g, index, shape: _scatter_fwd(t, index, shape),),
                  (lambda g, ans, x, index, shape: g[index],))
WHERE = defprim("where", _where_fwd,
                (lambda t, ans, a, b, cond: np.where(cond, t, 0),
                 lambda t, ans, a, b, cond: np.where(cond, 0, t)),
                (lambda g, ans, a, b, cond: g * cond, lambda g, ans, a, b, cond: g * ~cond))
CONCATENATE = defprim("concatenate", lambda *xs, axis: np.concatenate(xs, axis=axis),
                      (_concat_jvp,), (_concat_vjp,), variadic=True)


def no_rule(name: str) -> InputError:
    """The error for an operation the engine has no derivative rule for.

    >>> str(no_rule("floor"))[:44]
    "no derivative rule for the operation 'floor'"
    """
    return InputError(f"no derivative rule for the operation {name!r}: build it from the "
                      f"primitives {', '.join(sorted(PRIMITIVES))}, or add a row to "
                      "calcml/autodiff/primitives.py")
