"""Tensor: a NumPy array that records the operations applied to it, PyTorch-style.

>>> x = Tensor(5.0, requires_grad=True)
>>> y = x ** 2
>>> y.backward()
>>> x.grad
Tensor(10.)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

from calcml.autodiff import primitives as P
from calcml.autodiff.engine import GRAD_MODE, backpropagate
from calcml.autodiff.functions import Operand, default_operand
from calcml.errors import InputError

_new = object.__new__
_next_seq = itertools.count(1).__next__  # creation order of computed nodes (for toposort)
_ndarray = np.ndarray
_F64 = np.dtype(np.float64)


def as_array(value: Any, dtype: Any = None) -> np.ndarray:
    """``value`` as a float (or complex) NumPy array: float64 unless it is already floating.

    >>> as_array([1, 2]).dtype
    dtype('float64')
    """
    if isinstance(value, Operand):
        value = value.data
    try:
        arr = np.array(value, dtype=dtype)
    except (TypeError, ValueError) as err:
        raise TypeError(f"a Tensor holds numbers, not {type(value).__name__}: {err}") from None
    if arr.dtype.kind not in "fc":
        if arr.dtype.kind not in "biu":
            raise TypeError(f"a Tensor holds numbers, not {arr.dtype} values like {value!r}")
        arr = arr.astype(_F64)
    return arr


def _constant(value: Any, dtype: np.dtype) -> Tensor:
    """A number or array that meets a Tensor in an operation, as a Tensor without gradient."""
    return _leaf(_constant_data(value, dtype))


def _constant_data(value: Any, dtype: np.dtype) -> Any:
    """The array (or NumPy-weak Python number) for a constant; keeps the Tensor's dtype."""
    if type(value) is float or type(value) is int:
        return value
    if isinstance(value, _ndarray):
        if value.dtype.kind in "fc":
            return value
        if value.dtype.kind in "biu":
            return value.astype(dtype if dtype.kind in "fc" else _F64)
    return as_array(value)


def _leaf(data: Any) -> Tensor:
    """A Tensor with no history around an array NumPy just computed."""
    t = _new(Tensor)
    t.data = data if type(data) is _ndarray else np.asarray(data)
    t.requires_grad = False
    t.grad = t.name = t._op = t._prim = t._kw = None
    t._parents = ()
    t._seq = 0
    return t


def _node(data: Any, prim: P.Primitive, parents: tuple[Tensor, ...],
          kw: dict[str, Any] | None) -> Tensor:
    """A Tensor that remembers it is ``prim`` applied to ``parents``."""
    t = _new(Tensor)
    t.data = data if type(data) is _ndarray else np.asarray(data)
    t.requires_grad = True
    t.grad = t.name = None
    t._op = prim.name
    t._prim = prim
    t._parents = parents
    t._kw = kw
    t._seq = _next_seq()
    return t


def _shape_error(prim: P.Primitive, args: Sequence[Tensor], err: Exception) -> InputError:
    shapes = " and ".join(str(a.data.shape) for a in args)
    hint = ("the last axis of the left must equal the second-to-last of the right"
            if prim is P.MATMUL else "shapes must be equal or broadcastable (NumPy's rules)")
    return InputError(f"{prim.name}: shapes {shapes} do not fit: {hint} ({err})")


def _binary(prim: P.Primitive, a: Any, b: Any) -> Any:
    """The fast path of + - * / ** @ where at least one side is a Tensor.

    A number or array on the other side becomes a Tensor only if the result is recorded.
    """
    if isinstance(a, Tensor):
        ad = a.data
        if isinstance(b, Tensor):
            bd = b.data
            record = a.requires_grad or b.requires_grad
        elif isinstance(b, Operand):
            return NotImplemented
        else:
            bd = b if type(b) is float else _constant_data(b, ad.dtype)
            record = a.requires_grad
            if record:
                b = _leaf(np.asarray(bd, dtype=ad.dtype) if type(bd) is not _ndarray else bd)
    elif isinstance(a, Operand):
        return NotImplemented
    else:
        bd = b.data
        ad = a if type(a) is float else _constant_data(a, bd.dtype)
        record = b.requires_grad
        if record:
            a = _leaf(np.asarray(ad, dtype=bd.dtype) if type(ad) is not _ndarray else ad)
    try:
        out = prim.fwd(ad, bd)
    except ValueError as err:
        raise _shape_error(prim, (_leaf(np.asarray(ad)), _leaf(np.asarray(bd))), err) from None
    if record and GRAD_MODE.enabled:
        return _node(out, prim, (a, b), None)
    return _leaf(out)


@default_operand
class Tensor(Operand):
    """An array that remembers how it was computed, so gradients can flow back through it.

    ``data`` is the NumPy array (float64 unless ``dtype`` says otherwise), ``grad`` the
    accumulated gradient (a Tensor, after ``backward``), ``name`` an optional label.
    A computed tensor records its primitive's name in ``_op`` and its inputs in
    ``_parents``; a leaf has ``_op is None``.

    >>> m = Tensor(2.0, requires_grad=True, name="m")
    >>> (m * 3).backward()
    >>> m.grad.item()
    3.0
    """

    __slots__ = ("data", "requires_grad", "grad", "name", "_op", "_prim", "_parents", "_kw",
                 "_seq", "__weakref__")

    def __init__(self, data: Any, requires_grad: bool = False, dtype: Any = None,
                 name: str | None = None) -> None:
        self.data = as_array(data, dtype)
        if requires_grad and self.data.dtype.kind not in "fc":
            raise InputError(f"only floating-point tensors can require a gradient, "
                             f"not {self.data.dtype}")
        self.requires_grad = bool(requires_grad)
        self.grad: Tensor | None = None
        self.name = name
        self._op: str | None = None
        self._prim: P.Primitive | None = None
        self._parents: tuple[Tensor, ...] = ()
        self._kw: dict[str, Any] | None = None
        self._seq = 0

    @classmethod
    def _apply(cls, prim: P.Primitive, args: Sequence[Any], kw: dict[str, Any] | None) -> Any:
        """Run ``prim`` on ``args`` and record it if any input needs a gradient."""
        dtype = next((a.data.dtype for a in args if isinstance(a, Tensor)), _F64)
        nodes = tuple(a if isinstance(a, Tensor) else _constant(a, dtype) for a in args)
        datas = [n.data for n in nodes]
        try:
            out = prim.fwd(*datas, **kw) if kw else prim.fwd(*datas)
        except ValueError as err:
            raise _shape_error(prim, nodes, err) from None
        if GRAD_MODE.enabled and any(n.requires_grad for n in nodes):
            return _node(out, prim, nodes, kw)
        return _leaf(out)

    @staticmethod
    def _wrap(data: Any) -> Tensor:
        """A Tensor with no history around an array (the engine's way to make one)."""
        return _leaf(data)

    def _un(self, prim: P.Primitive, **kw: Any) -> Any:
        """The fast path of a one-input primitive."""
        try:
            out = prim.fwd(self.data, **kw) if kw else prim.fwd(self.data)
        except ValueError as err:
            raise _shape_error(prim, (self,), err) from None
        if self.requires_grad and GRAD_MODE.enabled:
            return _node(out, prim, (self,), kw or None)
        return _leaf(out)

    def __add__(self, o: Any) -> Any: return _binary(P.ADD, self, o)
    def __radd__(self, o: Any) -> Any: return _binary(P.ADD, o, self)
    def __sub__(self, o: Any) -> Any: return _binary(P.SUB, self, o)
    def __rsub__(self, o: Any) -> Any: return _binary(P.SUB, o, self)
    def __mul__(self, o: Any) -> Any: return _binary(P.MUL, self, o)
    def __rmul__(self, o: Any) -> Any: return _binary(P.MUL, o, self)
    def __truediv__(self, o: Any) -> Any: return _binary(P.DIV, self, o)
    def __rtruediv__(self, o: Any) -> Any: return _binary(P.DIV, o, self)
    def __pow__(self, o: Any) -> Any: return _binary(P.POW, self, o)
    def __rpow__(self, o: Any) -> Any: return _binary(P.POW, o, self)
    def __matmul__(self, o: Any) -> Any: return _binary(P.MATMUL, self, o)
    def __rmatmul__(self, o: Any) -> Any: return _binary(P.MATMUL, o, self)

    def __iadd__(self, o: Any) -> Any: return self._inplace(P.ADD, np.add, o)
    def __isub__(self, o: Any) -> Any: return self._inplace(P.SUB, np.subtract, o)
    def __imul__(self, o: Any) -> Any: return self._inplace(P.MUL, np.multiply, o)
    def __itruediv__(self, o: Any) -> Any: return self._inplace(P.DIV, np.true_divide, o)

    def _inplace(self, prim: P.Primitive, ufunc: np.ufunc, other: Any) -> Any:
        """``w -= lr * w.grad`` updates a leaf in place (under ``no_grad()`` if it requires
        grad, as in PyTorch); ``c += x`` on a computed tensor makes a new node ``c + x``,
        so the graph behind ``c`` stays intact.
        """
        if self._prim is not None:
            return _binary(prim, self, other)
        if self.requires_grad and GRAD_MODE.enabled:
            raise InputError("updating a tensor that requires grad in place would break its "
                             "gradient: do the update inside `with no_grad():`")
        value = other.data if isinstance(other, Operand) else other
        try:
            ufunc(self.data, value, out=self.data)
        except (ValueError, TypeError) as err:
            raise InputError(f"cannot update a tensor of shape {self.shape} in place with a "
                             f"value of shape {np.shape(value)}: {err}") from None
        return self

    def backward(self, gradient: Any = None, retain_graph: bool = False,
                 create_graph: bool = False) -> None:
        """Accumulate d(self)/d(leaf) into the ``.grad`` of every leaf that requires grad.

        ``gradient`` seeds a non-scalar output (the vector in a vector-Jacobian product).
        The graph is freed afterwards unless ``retain_graph``; ``create_graph`` records the
        backward pass too, so the gradients can be differentiated again.

        >>> x = Tensor(3.0, requires_grad=True)
        >>> (x * x).backward()
        >>> x.grad.item()
        6.0
        """
        if not self.requires_grad:
            raise InputError("backward() on a tensor that does not require grad: create the "
                             "inputs with requires_grad=True (and not under no_grad())")
        if gradient is None:
            if self.data.size != 1:
                raise InputError(f"backward() on an output of shape {self.shape} needs a "
                                 "gradient: pass gradient= of that shape, or reduce the "
                                 "output to a scalar with .sum()")
            seed = _leaf(np.ones(self.data.shape, self.data.dtype))
        else:
            seed = gradient if isinstance(gradient, Tensor) else Tensor(gradient)
            if seed.shape != self.shape:
                raise InputError(f"backward(): the gradient has shape {seed.shape} but the "
                                 f"output has shape {self.shape}; they must match")
        backpropagate(self, seed, retain_graph=retain_graph, create_graph=create_graph)

    @property
    def is_leaf(self) -> bool:
        """True for a tensor made directly, not computed (``Tensor(1.0).is_leaf``)."""
        return self._op is None

    def zero_grad(self) -> None:
        """Forget the accumulated gradient (``.grad`` becomes None)."""
        self.grad = None

    def detach(self) -> Tensor:
        """The same values as a new leaf outside the graph (shares memory)."""
        return _leaf(self.data)

    def requires_grad_(self, flag: bool = True) -> Tensor:
        """Mark this leaf as needing a gradient (PyTorch's spelling); returns it."""
        if self._prim is not None:
            raise InputError("requires_grad_ applies to leaves; use detach() first")
        self.requires_grad = bool(flag)
        return self

    def zeros_like(self) -> Tensor:
        """Zeros of this shape and dtype, outside any graph.

        >>> Tensor([1.0, 2.0]).zeros_like()
        Tensor([0., 0.])
        """
        return _leaf(np.zeros_like(self.data))

    def item(self) -> float:
        """The single value as a Python number."""
        if self.data.size != 1:
            raise InputError(f"item() needs a tensor with one element, not shape {self.shape}")
        return self.data.item()

    def numpy(self) -> np.ndarray:
        """The values as a NumPy array (the same memory, as in PyTorch)."""
        return self.data

    def tolist(self) -> Any:
        """The values as (nested) Python lists: ``Tensor([1.0]).tolist() == [1.0]``."""
        return self.data.tolist()

    def __float__(self) -> float:
        return float(self.item())

    def __bool__(self) -> bool:
        return bool(self.data)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.data if dtype is None else self.data.astype(dtype)

    def __repr__(self) -> str:
        body = np.array2string(self.data, separator=", ", prefix="Tensor(")
        extra = []
        if self.data.dtype != _F64:
            extra.append(f"dtype={self.data.dtype}")
        if self._op is not None:
            extra.append(f"grad_fn=<{self._op}>")
        elif self.requires_grad:
            extra.append("requires_grad=True")
        if self.name is not None:
            extra.append(f"name={self.name!r}")
        return f"Tensor({', '.join([body, *extra])})"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the repr, and (up to 64 numbers) the values and the
        gradient in LaTeX.

        >>> x = Tensor(5.0, requires_grad=True, name="x")
        >>> (x ** 2).backward()
        >>> x._repr_mimebundle_()["text/latex"]
        '$x = 5 \\\\quad \\\\text{(requires grad; grad } = 10\\\\text{)}$'
        """
        bundle = {"text/plain": repr(self)}
        if self.data.size <= 64 and self.data.dtype.kind == "f":
            name = f"{self.name} = " if self.name else ""
            if self._op is not None:
                note = f"\\text{{(computed by {self._op})}}"
            elif self.requires_grad:
                note = "\\text{(requires grad)}" if self.grad is None else (
                    f"\\text{{(requires grad; grad }} = {_latex(self.grad.data)}\\text{{)}}")
            else:
                note = ""
            body = f"{name}{_latex(self.data)}"
            bundle["text/latex"] = f"${body} \\quad {note}$" if note else f"${body}$"
        return bundle


def zero_grad(*tensors: Tensor) -> None:
    """Forget the gradients of many tensors at once (the parameters of a model).

    >>> a, b = Tensor(1.0, requires_grad=True), Tensor(2.0, requires_grad=True)
    >>> (a * b).backward()
    >>> zero_grad(a, b)
    >>> a.grad is None and b.grad is None
    True
    """
    for t in tensors:
        t.grad = None


def _latex(values: np.ndarray) -> str:
    """Numbers in LaTeX: one number as it is, a vector or matrix as a bmatrix (6 digits)."""
    arr = np.asarray(values)
    if arr.ndim == 0:
        return f"{arr.item():.6g}"
    rows = arr.reshape(1, -1) if arr.ndim == 1 else arr.reshape(arr.shape[0], -1)
    body = r" \\ ".join(" & ".join(f"{v:.6g}" for v in row) for row in rows)
    return rf"\begin{{bmatrix}} {body} \end{{bmatrix}}"
