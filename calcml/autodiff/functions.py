"""Operations composed from the primitives, and the operator surface Tensor and Dual share.

Nothing here has a derivative rule of its own: each function is a few primitives, so
reverse mode (Tensor) and forward mode (Dual) both differentiate it through the table in
:mod:`calcml.autodiff.primitives`. The functions accept Tensors, Duals, numbers or arrays.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from calcml.autodiff import primitives as P
from calcml.errors import InputError


def _axes_tuple(axes: tuple[Any, ...]) -> tuple[int, ...] | None:
    """``x.transpose(1, 0)`` and ``x.transpose((1, 0))`` alike; ``None`` for no axes."""
    if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], tuple | list)):
        axes = axes[0]
    return None if axes is None or len(axes) == 0 else tuple(int(a) for a in axes)


def _shape_tuple(shape: tuple[Any, ...]) -> tuple[int, ...]:
    """``x.reshape(2, 3)`` and ``x.reshape((2, 3))`` alike."""
    if len(shape) == 1 and not isinstance(shape[0], int):
        shape = shape[0]
        if type(shape) is tuple:
            return shape
    return tuple(int(n) for n in shape)


def _plain_index(index: Any) -> Any:
    """An index with any Tensor inside replaced by its array (indices carry no gradient)."""
    if isinstance(index, tuple):
        return tuple(_plain_index(i) for i in index)
    if isinstance(index, Operand):
        return index.data
    return np.asarray(index) if isinstance(index, list) else index


def _value(x: Any) -> Any:
    return x.data if isinstance(x, Operand) else x


class Operand:
    """Operators and methods common to :class:`Tensor` and :class:`Dual`.

    A subclass stores its value in ``data`` and provides ``_apply(prim, args, kw)``,
    which runs one primitive on its kind of value.

    >>> from calcml.autodiff import Tensor
    >>> (Tensor([1.0, 2.0]) * 3 - 1).numpy()
    array([2., 5.])
    """

    __slots__ = ()
    _priority = 0  # in mixed operations the higher kind runs them (Dual over Tensor)
    data: np.ndarray

    def __array_ufunc__(self, ufunc: np.ufunc, method: str, *inputs: Any, **kw: Any) -> Any:
        """NumPy functions on Operands (``np.exp(x)``, ``array * x``) run the primitives.

        A NumPy function with no derivative rule here raises an error that names it.
        """
        name = ufunc.__name__
        if method != "__call__" or kw:
            raise P.no_rule(f"{name}.{method}" if method != "__call__" else name)
        prim = _UFUNC_PRIMS.get(name)
        if prim is not None:
            return _kind(*inputs)._apply(prim, inputs, None)
        if name in _UFUNC_COMPOSITES:
            return _UFUNC_COMPOSITES[name](*inputs)
        raise P.no_rule(name)

    @classmethod
    def _apply(cls, prim: P.Primitive, args: Sequence[Any], kw: dict[str, Any] | None) -> Any:
        raise NotImplementedError

    def _un(self, prim: P.Primitive, **kw: Any) -> Any:
        return self._apply(prim, (self,), kw or None)

    def _bin(self, prim: P.Primitive, other: Any, reflected: bool = False) -> Any:
        if isinstance(other, Operand) and other._priority > self._priority:
            return NotImplemented
        return self._apply(prim, (other, self) if reflected else (self, other), None)

    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def size(self) -> int:
        return self.data.size

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    def __len__(self) -> int:
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d (scalar) value")
        return len(self.data)

    def __add__(self, o: Any) -> Any: return self._bin(P.ADD, o)
    def __radd__(self, o: Any) -> Any: return self._bin(P.ADD, o, True)
    def __sub__(self, o: Any) -> Any: return self._bin(P.SUB, o)
    def __rsub__(self, o: Any) -> Any: return self._bin(P.SUB, o, True)
    def __mul__(self, o: Any) -> Any: return self._bin(P.MUL, o)
    def __rmul__(self, o: Any) -> Any: return self._bin(P.MUL, o, True)
    def __truediv__(self, o: Any) -> Any: return self._bin(P.DIV, o)
    def __rtruediv__(self, o: Any) -> Any: return self._bin(P.DIV, o, True)
    def __pow__(self, o: Any) -> Any: return self._bin(P.POW, o)
    def __rpow__(self, o: Any) -> Any: return self._bin(P.POW, o, True)
    def __matmul__(self, o: Any) -> Any: return self._bin(P.MATMUL, o)
    def __rmatmul__(self, o: Any) -> Any: return self._bin(P.MATMUL, o, True)
    def __neg__(self) -> Any: return self._un(P.NEG)
    def __pos__(self) -> Any: return self
    def __abs__(self) -> Any: return self._un(P.ABS)

    # Comparisons give plain boolean arrays: they are not differentiable.
    def __lt__(self, o: Any) -> np.ndarray: return _real(self) < _value(o)
    def __le__(self, o: Any) -> np.ndarray: return _real(self) <= _value(o)
    def __gt__(self, o: Any) -> np.ndarray: return _real(self) > _value(o)
    def __ge__(self, o: Any) -> np.ndarray: return _real(self) >= _value(o)

    def __getitem__(self, index: Any) -> Any:
        return self._un(P.GETITEM, index=_plain_index(index))

    def exp(self) -> Any: return self._un(P.EXP)
    def log(self) -> Any: return self._un(P.LOG)
    def sin(self) -> Any: return self._un(P.SIN)
    def cos(self) -> Any: return self._un(P.COS)
    def tanh(self) -> Any: return self._un(P.TANH)
    def abs(self) -> Any: return self._un(P.ABS)
    def sqrt(self) -> Any: return self ** 0.5
    def sigmoid(self) -> Any: return sigmoid(self)
    def relu(self) -> Any: return relu(self)
    def clip(self, lo: float | None = None, hi: float | None = None) -> Any:
        return clip(self, lo, hi)
    def maximum(self, other: Any) -> Any: return maximum(self, other)
    def softmax(self, axis: int = -1) -> Any: return softmax(self, axis)
    def log_softmax(self, axis: int = -1) -> Any: return log_softmax(self, axis)

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Any:
        return self._un(P.SUM, axis=axis, keepdims=keepdims)

    def max(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Any:
        return self._un(P.MAX, axis=axis, keepdims=keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Any:
        return mean(self, axis, keepdims)

    def reshape(self, *shape: Any) -> Any:
        return self._un(P.RESHAPE, shape=_shape_tuple(shape))

    def transpose(self, *axes: Any) -> Any:
        axes_t = _axes_tuple(axes) or tuple(reversed(range(self.data.ndim)))
        return self._un(P.TRANSPOSE, axes=axes_t)

    @property
    def T(self) -> Any:
        return self.transpose()

    def broadcast_to(self, shape: tuple[int, ...]) -> Any:
        shape = tuple(shape)
        return self if shape == self.data.shape else self._un(P.BROADCAST_TO, shape=shape)

    def sum_to(self, shape: tuple[int, ...]) -> Any:
        """Sum over broadcast axes down to ``shape`` (the adjoint of ``broadcast_to``)."""
        return P.unbroadcast(self, tuple(shape))

    def _scatter(self, index: Any, shape: tuple[int, ...]) -> Any:
        return self._un(P.SCATTER, index=index, shape=shape)


def _real(x: Operand) -> np.ndarray:
    P._not_complex(x.data, "a comparison")
    return x.data


_UFUNC_PRIMS = {"add": P.ADD, "subtract": P.SUB, "multiply": P.MUL, "divide": P.DIV,
                "power": P.POW, "matmul": P.MATMUL, "negative": P.NEG, "exp": P.EXP,
                "log": P.LOG, "sin": P.SIN, "cos": P.COS, "tanh": P.TANH, "absolute": P.ABS}


def _compare(op: Any) -> Any:
    return lambda a, b: op(_real(lift(a)), _value(b))


_DEFAULT_KIND: list[type[Operand]] = []


def default_operand(cls: type[Operand]) -> type[Operand]:
    """Class decorator: plain numbers and arrays become ``cls`` (the Tensor registers itself,
    so that this module, which the Tensor builds on, never imports it back)."""
    _DEFAULT_KIND[:] = [cls]
    return cls


def lift(x: Any) -> Operand:
    """``x`` as an Operand: Tensors and Duals pass, numbers and arrays become Tensors.

    >>> lift(2.0)
    Tensor(2.)
    """
    if isinstance(x, Operand):
        return x
    return _DEFAULT_KIND[0](x)


def _kind(*xs: Any) -> Operand:
    """The argument whose class runs the operation: a Dual beats a Tensor beats a number."""
    ops = [x for x in xs if isinstance(x, Operand)]
    if not ops:
        return lift(xs[0])
    return max(ops, key=lambda x: x._priority)


def exp(x: Any) -> Any:
    """e to the x, elementwise.

    >>> exp(0.0).item()
    1.0
    """
    return lift(x).exp()


def log(x: Any) -> Any:
    """Natural logarithm, elementwise.

    >>> log(1.0).item()
    0.0
    """
    return lift(x).log()


def sin(x: Any) -> Any:
    """Sine, elementwise.

    >>> sin(0.0).item()
    0.0
    """
    return lift(x).sin()


def cos(x: Any) -> Any:
    """Cosine, elementwise.

    >>> cos(0.0).item()
    1.0
    """
    return lift(x).cos()


def tanh(x: Any) -> Any:
    """Hyperbolic tangent, elementwise (a primitive).

    >>> tanh(0.0).item()
    0.0
    """
    return lift(x).tanh()


def sqrt(x: Any) -> Any:
    """Square root as ``x ** 0.5``.

    >>> sqrt(9.0).item()
    3.0
    """
    return lift(x) ** 0.5


def abs(x: Any) -> Any:
    """Absolute value; its gradient at 0 is taken as 0.

    >>> abs(-2.0).item()
    2.0
    """
    return lift(x).abs()


def sigmoid(x: Any) -> Any:
    """The logistic function 1 / (1 + e^-x), as (1 + tanh(x/2)) / 2.

    The tanh form never overflows (1 / (1 + exp(-x)) does for x below about -709).

    >>> sigmoid(0.0).item()
    0.5
    """
    return (lift(x) * 0.5).tanh() * 0.5 + 0.5


def where(cond: Any, a: Any, b: Any) -> Any:
    """``a`` where ``cond`` holds, else ``b``; the gradient goes to the branch chosen.

    >>> where(np.array([True, False]), 1.0, 2.0).numpy()
    array([1., 2.])
    """
    cond = np.asarray(_value(cond), dtype=bool)
    kind = _kind(a, b)
    return kind._apply(P.WHERE, (a, b), {"cond": cond})


def relu(x: Any) -> Any:
    """max(x, 0); its gradient at exactly 0 is taken as 0 (as PyTorch does).

    >>> relu(np.array([-1.0, 2.0])).numpy()
    array([0., 2.])
    """
    x = lift(x)
    # x times a 0/1 mask, not where(): the same values and gradient (the mask is a
    # constant) and several times faster, as np.where stalls on a random mask; adding 0
    # turns the -0.0 of a negative x times 0 into 0.0
    return x * (_real(x) > 0).astype(x.dtype) + 0.0


def maximum(a: Any, b: Any) -> Any:
    """Elementwise larger of ``a`` and ``b``. On a tie the whole gradient goes to ``a``.

    >>> maximum(np.array([1.0, 5.0]), 3.0).numpy()
    array([3., 5.])
    """
    a, b = lift(a), b if isinstance(b, Operand) else np.asarray(b)
    return where(a >= _value(b), a, b)


def clip(x: Any, lo: float | None = None, hi: float | None = None) -> Any:
    """``x`` limited to [lo, hi]; gradient 1 inside (ends included), 0 outside.

    >>> clip(np.array([-2.0, 0.5, 3.0]), 0.0, 1.0).numpy()
    array([0. , 0.5, 1. ])
    """
    x = lift(x)
    if lo is None and hi is None:
        raise InputError("clip needs a lower bound lo, an upper bound hi, or both")
    inside = np.ones(x.shape, dtype=bool)
    if lo is not None:
        inside &= x >= lo
    if hi is not None:
        inside &= x <= hi
    return where(inside, x, np.clip(_real(x), lo, hi))


def mean(x: Any, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Any:
    """Average over ``axis`` (all axes by default): the sum divided by the count.

    >>> mean(np.array([1.0, 2.0, 6.0])).item()
    3.0
    """
    x = lift(x)
    total = x.sum(axis=axis, keepdims=keepdims)
    count = x.data.size // total.data.size if total.data.size else 1
    return total * (1.0 / count) if count else total / 0.0


def logsumexp(x: Any, axis: int = -1, keepdims: bool = False) -> Any:
    """log(sum(exp(x))) along ``axis``, computed stably by shifting by the maximum.

    The shift is a constant (its gradient would cancel anyway), so ties in the maximum
    do not matter.

    >>> round(logsumexp(np.array([1000.0, 1000.0])).item(), 6)
    1000.693147
    """
    x = lift(x)
    shift = np.max(_real(x), axis=axis, keepdims=True)
    total = (x - shift).exp().sum(axis=axis, keepdims=keepdims).log()
    return total + (shift if keepdims else np.squeeze(shift, axis=axis))


def log_softmax(x: Any, axis: int = -1) -> Any:
    """log(softmax(x)) = x - logsumexp(x), stable for large inputs.

    >>> log_softmax(np.array([0.0, 0.0])).numpy().round(4)
    array([-0.6931, -0.6931])
    """
    x = lift(x)
    return x - logsumexp(x, axis=axis, keepdims=True)


def softmax(x: Any, axis: int = -1) -> Any:
    """exp(x) / sum(exp(x)) along ``axis``, shifted by the maximum so it never overflows.

    >>> softmax(np.array([1000.0, 1000.0])).numpy()
    array([0.5, 0.5])
    """
    x = lift(x)
    e = (x - np.max(_real(x), axis=axis, keepdims=True)).exp()
    return e / e.sum(axis=axis, keepdims=True)


def concatenate(xs: Sequence[Any], axis: int = 0) -> Any:
    """Join along an existing axis; each input gets back its own slice of the gradient.

    >>> concatenate([np.array([1.0]), np.array([2.0, 3.0])]).numpy()
    array([1., 2., 3.])
    """
    if len(xs) == 0:
        raise InputError("concatenate needs at least one array")
    kind = _kind(*xs)
    ndim = np.ndim(_value(xs[0]))
    if ndim == 0:
        raise InputError("concatenate joins arrays along an axis; use stack for scalars")
    return kind._apply(P.CONCATENATE, tuple(xs), {"axis": axis % ndim})


_UFUNC_COMPOSITES = {
    "sqrt": lambda x: sqrt(x), "maximum": lambda a, b: maximum(a, b),
    "positive": lambda x: lift(x), "greater": _compare(np.greater),
    "greater_equal": _compare(np.greater_equal), "less": _compare(np.less),
    "less_equal": _compare(np.less_equal),
}


def stack(xs: Sequence[Any], axis: int = 0) -> Any:
    """Join along a new axis (each input reshaped to have it, then concatenated).

    >>> stack([np.array(1.0), np.array(2.0)]).numpy()
    array([1., 2.])
    """
    if len(xs) == 0:
        raise InputError("stack needs at least one array")
    items = [lift(x) for x in xs]
    shape = items[0].shape
    if any(t.shape != shape for t in items):
        shapes = ", ".join(str(t.shape) for t in items)
        raise InputError(f"stack needs arrays of one shape, got shapes {shapes}")
    axis = axis % (len(shape) + 1)
    new = shape[:axis] + (1,) + shape[axis:]
    return concatenate([t.reshape(new) for t in items], axis=axis)
