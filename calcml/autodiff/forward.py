"""Forward mode: dual numbers that carry a value and its directional derivative together.

A :class:`Dual` holds ``data`` (the primal value) and ``tangent`` (its derivative along
one direction). Every primitive pushes the tangent forward with its Jacobian-vector
product from the table in :mod:`calcml.autodiff.primitives`; composite operations need
nothing more, because they are made of primitives.

>>> x = Dual(3.0, 1.0)
>>> y = x * x + 2 * x
>>> float(y.data), float(y.tangent)
(15.0, 8.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from calcml.autodiff import primitives as P
from calcml.autodiff.functions import Operand
from calcml.autodiff.tensor import as_array
from calcml.errors import InputError


class Dual(Operand):
    """A value with a tangent: ``f(Dual(x, v))`` gives ``Dual(f(x), J_f(x) v)``.

    >>> (Dual(2.0, 1.0) ** 3).tangent
    array(12.)
    """

    __slots__ = ("data", "tangent")
    _priority = 1

    def __init__(self, data: Any, tangent: Any = None) -> None:
        self.data = as_array(data)
        if tangent is None:
            self.tangent = np.zeros_like(self.data)
            return
        self.tangent = np.asarray(as_array(tangent), dtype=np.result_type(self.data, tangent))
        if self.tangent.shape != self.data.shape:
            raise InputError(f"a tangent must have its primal's shape: the primal has shape "
                             f"{self.data.shape}, the tangent {self.tangent.shape}")

    @classmethod
    def _apply(cls, prim: P.Primitive, args: Sequence[Any], kw: dict[str, Any] | None) -> Dual:
        """Run ``prim`` on the primal values and push the tangents through its JVPs."""
        kw = kw or {}
        if any(getattr(a, "requires_grad", False) for a in args):
            raise InputError("a dual number met a Tensor that requires grad: forward mode "
                             "(jvp, jacfwd, Dual) and reverse mode do not mix; use hessian or "
                             "jacobian(grad(f)) for second derivatives")
        primals = [a.data if isinstance(a, Operand) else as_array(a) for a in args]
        out = np.asarray(prim.fwd(*primals, **kw))
        tangent = None
        for i, a in enumerate(args):
            if not isinstance(a, Dual):
                continue
            if prim.variadic:
                t = prim.jvps[0](a.tangent, out, *primals, argnum=i, **kw)
            else:
                t = prim.jvps[i](a.tangent, out, *primals, **kw)
            tangent = t if tangent is None else tangent + t
        result = _new_dual(out)
        if tangent is not None:
            result.tangent = np.array(np.broadcast_to(tangent, out.shape))
        return result

    def __repr__(self) -> str:
        return f"Dual({self.data!r}, tangent={self.tangent!r})"


def _new_dual(data: np.ndarray) -> Dual:
    d = object.__new__(Dual)
    d.data = data
    d.tangent = np.zeros_like(data)
    return d
