"""JAX-style function transforms: grad, value_and_grad, jacobian (jacrev), jacfwd, hessian,
jvp and vjp, with JAX's names and signatures.

The transforms take plain numbers, NumPy arrays or Tensors and return NumPy values, as JAX
returns arrays. They nest to any order (``grad(grad(grad(f)))``): inside another
transform, or when given a Tensor that carries a graph, a transform records its own
backward pass and returns Tensors, so the outer transform can differentiate it again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from calcml.autodiff.engine import GRAD_MODE, backpropagate, toposort
from calcml.autodiff.forward import Dual
from calcml.autodiff.functions import stack
from calcml.autodiff.tensor import Tensor, as_array
from calcml.errors import InputError

ArgNums = int | Sequence[int]


class _Depth(threading.local):
    """How many reverse-mode transforms are running, one inside another (per thread)."""

    def __init__(self) -> None:
        self.level = 0


_DEPTH = _Depth()


def _argnums(argnums: ArgNums, nargs: int) -> tuple[int, ...]:
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    if not nums or any(not isinstance(i, int) for i in nums):
        raise InputError(f"argnums is an int or a tuple of ints, not {argnums!r}")
    for i in nums:
        if not -nargs <= i < nargs:
            raise InputError(f"argnums={argnums!r} asks for argument {i}, but the function "
                             f"was called with {nargs} positional argument(s)")
    return tuple(i % nargs for i in nums)


def _variable(x: Any) -> Tensor:
    """A fresh node to differentiate with respect to.

    A Tensor that already requires a gradient (an outer transform's variable) gets a new
    node on top of it, so this transform's derivative counts only paths through its own
    argument, never through the same value captured elsewhere (no perturbation confusion).
    """
    if isinstance(x, Tensor) and x.requires_grad:
        return x.reshape(x.shape)
    arr = as_array(x)
    return Tensor(arr, requires_grad=True, dtype=arr.dtype)


def _refuse_duals(args: Sequence[Any], what: str) -> None:
    """Forward mode inside another transform is not supported: say so, never drop tangents."""
    if any(isinstance(a, Dual) for a in args):
        raise InputError(f"{what} was given dual numbers (it runs inside jvp or jacfwd): "
                         "forward mode over other transforms is not supported; use hessian "
                         "or jacobian(grad(f)) (reverse over reverse) instead")


def _carries_graph(args: Sequence[Any]) -> bool:
    return _DEPTH.level > 1 or any(isinstance(a, Tensor) and a.requires_grad for a in args)


def _export(value: Any, nested: bool) -> Any:
    """A result as JAX gives it: NumPy (a NumPy scalar for 0-d); a Tensor when nested."""
    if nested:
        return value if isinstance(value, Tensor) else Tensor(value)
    data = value.data if isinstance(value, Tensor) else np.asarray(value)
    return data[()] if data.ndim == 0 else data


def _split_aux(out: Any, has_aux: bool) -> tuple[Any, Any]:
    if not has_aux:
        return out, None
    if not (isinstance(out, tuple) and len(out) == 2):
        raise InputError("with has_aux=True the function must return a pair (output, aux)")
    return out


def _export_aux(aux: Any, nested: bool) -> Any:
    """Tensors in aux (also inside tuples, lists and dicts) exported like the results."""
    if isinstance(aux, Tensor):
        return _export(aux, nested)
    if isinstance(aux, tuple | list):
        return type(aux)(_export_aux(a, nested) for a in aux)
    if isinstance(aux, dict):
        return {k: _export_aux(v, nested) for k, v in aux.items()}
    return aux


def _output(out: Any) -> Tensor:
    if isinstance(out, Dual):
        raise InputError("a reverse-mode transform got a forward-mode Dual back; do not mix "
                         "jvp/jacfwd inside grad/jacobian")
    return out if isinstance(out, Tensor) else Tensor(out)


class _Traced:
    """One evaluation of ``fun`` with fresh variables at ``nums``, grad mode on."""

    def __init__(self, fun: Callable[..., Any], args: Sequence[Any], nums: tuple[int, ...],
                 kwargs: dict[str, Any], has_aux: bool) -> None:
        self.nested = _carries_graph(args)
        call = list(args)
        self.inputs = []
        for i in nums:
            call[i] = _variable(args[i])
            self.inputs.append(call[i])
        self.out, self.aux = _split_aux(fun(*call, **kwargs), has_aux)

    def pullback(self, out: Tensor, seed: Any, retain: bool,
                 order: list[Tensor] | None = None) -> list[Tensor]:
        """Gradients of ``<seed, out>`` with respect to the inputs."""
        if not out.requires_grad:
            return [t.zeros_like() for t in self.inputs]
        seed_t = seed if isinstance(seed, Tensor) else Tensor(seed, dtype=out.dtype)
        return backpropagate(out, seed_t, inputs=self.inputs, retain_graph=retain,
                             create_graph=self.nested, order=order)


def _traced(fun: Callable[..., Any], args: Sequence[Any], nums: tuple[int, ...],
            kwargs: dict[str, Any], has_aux: bool) -> _Traced:
    _refuse_duals(args, getattr(fun, "__name__", "a transformed function"))
    saved = GRAD_MODE.enabled
    GRAD_MODE.enabled = True
    _DEPTH.level += 1
    try:
        return _Traced(fun, args, nums, kwargs, has_aux)
    finally:
        _DEPTH.level -= 1
        GRAD_MODE.enabled = saved


def _pick(values: list[Any], argnums: ArgNums) -> Any:
    return values[0] if isinstance(argnums, int) else tuple(values)


def value_and_grad(fun: Callable[..., Any], argnums: ArgNums = 0,
                   has_aux: bool = False) -> Callable[..., Any]:
    """A function returning ``(fun(*args), gradient)``; ``((value, aux), gradient)`` with aux.

    >>> value_and_grad(lambda x: x ** 2)(5.0)
    (np.float64(25.0), np.float64(10.0))
    """
    @functools.wraps(fun)
    def value_and_grad_fun(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args))
        tr = _traced(fun, args, nums, kwargs, has_aux)
        out = _output(tr.out)
        if out.data.size != 1:
            raise InputError(f"grad needs a function with a scalar output, but it returned "
                             f"shape {out.shape}: reduce the output to a scalar with .sum(), "
                             "or use jacobian")
        grads = tr.pullback(out, np.ones_like(out.data), retain=False)
        value = _export(out.reshape(()) if out.ndim else out, tr.nested)
        value = (value, _export_aux(tr.aux, tr.nested)) if has_aux else value
        return value, _pick([_export(g, tr.nested) for g in grads], argnums)

    return value_and_grad_fun


def grad(fun: Callable[..., Any], argnums: ArgNums = 0,
         has_aux: bool = False) -> Callable[..., Any]:
    """The gradient of a scalar function with respect to argument(s) ``argnums``.

    A transform: it returns a new Python function that computes gradients of NumPy values.
    The worked, symbolic gradient of a math expression is :func:`calcml.gradient`.

    >>> grad(lambda x: x ** 2)(5.0)
    np.float64(10.0)
    >>> grad(grad(grad(lambda x: x ** 4)))(1.0)
    np.float64(24.0)
    """
    vg = value_and_grad(fun, argnums, has_aux)

    @functools.wraps(fun)
    def grad_fun(*args: Any, **kwargs: Any) -> Any:
        value, g = vg(*args, **kwargs)
        return (g, value[1]) if has_aux else g

    return grad_fun


def _jac_rows(tr: _Traced, out: Tensor) -> list[Any]:
    """d out / d input for each input, shaped out.shape + input.shape (reverse mode)."""
    n = out.data.size
    rows: list[list[Any]] = [[] for _ in tr.inputs]
    seeds = np.eye(n, dtype=out.dtype).reshape((n,) + out.shape)
    order = toposort(out, grad_only=True)
    for k in range(n):
        for r, g in zip(rows, tr.pullback(out, seeds[k], retain=True, order=order),
                        strict=True):
            r.append(g)
    result = []
    for r, x in zip(rows, tr.inputs, strict=True):
        if tr.nested:
            result.append(stack(r).reshape(out.shape + x.shape) if r else
                          Tensor(np.zeros(out.shape + x.shape)))
        else:
            data = np.stack([g.data for g in r]) if r else np.zeros((0,) + x.shape)
            result.append(data.reshape(out.shape + x.shape))
    return result


def jacobian(fun: Callable[..., Any], argnums: ArgNums = 0,
             has_aux: bool = False) -> Callable[..., Any]:
    """The Jacobian by reverse mode (one backward pass per output element); JAX's jacrev.

    A transform that returns a function of arrays; the worked, symbolic Jacobian matrix of
    expressions is :func:`calcml.jacobian_matrix`.

    The result has shape ``out.shape + in.shape``. A function returning a tuple gets a
    tuple of Jacobians.

    >>> jacobian(lambda x: x * x)(np.array([1.0, 2.0]))
    array([[2., 0.],
           [0., 4.]])
    """
    @functools.wraps(fun)
    def jacobian_fun(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args))
        tr = _traced(fun, args, nums, kwargs, has_aux)
        outs = tr.out if isinstance(tr.out, tuple | list) else (tr.out,)
        jacs = [_jac_rows(tr, _output(o)) for o in outs]
        picked = [_pick([_export(j, tr.nested) for j in js], argnums) for js in jacs]
        result = tuple(picked) if isinstance(tr.out, tuple | list) else picked[0]
        return (result, _export_aux(tr.aux, tr.nested)) if has_aux else result

    return jacobian_fun


jacrev = jacobian


def hessian(fun: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., Any]:
    """The matrix of second derivatives: the Jacobian of the gradient (reverse over reverse).

    A transform that returns a function of arrays; the worked, symbolic Hessian matrix of an
    expression is :func:`calcml.hessian_matrix`.

    >>> hessian(lambda x: (x ** 3).sum())(np.array([1.0, 2.0]))
    array([[ 6.,  0.],
           [ 0., 12.]])
    """
    return jacobian(grad(fun, argnums), argnums)


def _duals(args: Sequence[Any], nums: tuple[int, ...], tangents: Sequence[Any]) -> list[Any]:
    call = list(args)
    for i, t in zip(nums, tangents, strict=True):
        call[i] = Dual(args[i], t)
    return call


def _tangent_out(out: Any) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(out, Dual):
        return out.data, out.tangent
    data = as_array(out)
    return data, np.zeros_like(data)


def jvp(fun: Callable[..., Any], primals: Sequence[Any],
        tangents: Sequence[Any]) -> tuple[Any, Any]:
    """``(fun(*primals), J @ tangents)`` in one forward pass of dual numbers (forward mode).

    >>> jvp(lambda x: x ** 3, (2.0,), (1.0,))
    (np.float64(8.0), np.float64(12.0))
    """
    if not isinstance(primals, tuple | list) or not isinstance(tangents, tuple | list):
        raise InputError("jvp(fun, primals, tangents) takes primals and tangents as tuples, "
                         "e.g. jvp(f, (x,), (v,))")
    if len(primals) != len(tangents):
        raise InputError(f"jvp got {len(primals)} primal(s) but {len(tangents)} tangent(s); "
                         "give one tangent per primal")
    _refuse_duals(primals, "jvp")
    out = fun(*[Dual(p, t) for p, t in zip(primals, tangents, strict=True)])
    value, tangent = _tangent_out(out)
    return _export(value, False), _export(tangent, False)


def jacfwd(fun: Callable[..., Any], argnums: ArgNums = 0) -> Callable[..., Any]:
    """The Jacobian by forward mode: one dual-number pass per input element.

    >>> jacfwd(lambda x: x * x)(np.array([1.0, 2.0]))
    array([[2., 0.],
           [0., 4.]])
    """
    @functools.wraps(fun)
    def jacfwd_fun(*args: Any, **kwargs: Any) -> Any:
        nums = _argnums(argnums, len(args))
        _refuse_duals(args, "jacfwd")
        result = []
        for i in nums:
            x = as_array(args[i])
            cols = []
            for k in range(x.size):
                t = np.zeros(x.size, dtype=x.dtype)
                t[k] = 1
                call = _duals(args, (i,), (t.reshape(x.shape),))
                cols.append(_tangent_out(fun(*call, **kwargs))[1])
            out_shape = cols[0].shape if cols else ()
            jac = np.stack(cols, axis=-1) if cols else np.zeros(out_shape + (0,))
            result.append(_export(jac.reshape(out_shape + x.shape), False))
        return _pick(result, argnums)

    return jacfwd_fun


def vjp(fun: Callable[..., Any], *primals: Any) -> tuple[Any, Callable[[Any], tuple]]:
    """``(fun(*primals), vjp_fun)``; ``vjp_fun(v)`` is the tuple of ``v @ J``, one per primal.

    >>> out, pull = vjp(lambda x: x * 3.0, np.array([1.0, 2.0]))
    >>> pull(np.array([1.0, 1.0]))
    (array([3., 3.]),)
    """
    tr = _traced(fun, primals, tuple(range(len(primals))), {}, False)
    out = _output(tr.out)

    def vjp_fun(cotangent: Any) -> tuple[Any, ...]:
        ct = as_array(cotangent)
        if ct.shape != out.shape:
            raise InputError(f"vjp_fun got a cotangent of shape {ct.shape}, but the output "
                             f"has shape {out.shape}; they must match")
        grads = tr.pullback(out, ct, retain=True)
        return tuple(_export(g, tr.nested) for g in grads)

    return _export(out, tr.nested), vjp_fun
