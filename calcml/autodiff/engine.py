"""The reverse pass: order the graph, send each node's gradient to its inputs, free as it goes.

A graph is made of :class:`~calcml.autodiff.tensor.Tensor` nodes; a non-leaf node
remembers its primitive (``_prim``, named by ``_op``), its inputs (``_parents``) and its
static options (``_kw``). :func:`toposort` orders the nodes, :func:`local_vjps` applies
one row of the primitive table and undoes broadcasting, and :func:`backpropagate` runs the
two over the whole graph.

The rules in the table are written in operations that Tensors and NumPy arrays share.
When the pass itself must be differentiable (``create_graph``) they run on Tensors and are
recorded; otherwise they run on the bare arrays, which is several times faster.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from calcml.errors import InputError

if TYPE_CHECKING:
    from calcml.autodiff.tensor import Tensor

_ARRAY = (np.ndarray, np.generic)


class _GradMode:
    """Whether operations are recorded for differentiation (off inside ``no_grad``)."""

    __slots__ = ("enabled",)

    def __init__(self) -> None:
        self.enabled = True


GRAD_MODE = _GradMode()


class _Freed:
    """What a node's primitive becomes once a backward pass has freed it (``_op`` stays)."""

    name = "freed"


FREED: Any = _Freed()


class no_grad:  # noqa: N801 (PyTorch's name for the same context manager)
    """Record nothing inside the block (for parameter updates and evaluation).

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(2.0, requires_grad=True)
    >>> with no_grad():
    ...     y = x * 3
    >>> y.requires_grad
    False
    """

    __slots__ = ("_saved",)

    def __enter__(self) -> None:
        self._saved = GRAD_MODE.enabled
        GRAD_MODE.enabled = False

    def __exit__(self, *exc: object) -> None:
        GRAD_MODE.enabled = self._saved


def _seq(node: Tensor) -> int:
    return node._seq


def toposort(root: Tensor, grad_only: bool = False) -> list[Tensor]:
    """Every node ``root`` depends on, inputs before outputs, ``root`` last.

    Each computed node carries a sequence number from its creation, and a node is always
    created after its inputs, so sorting the reachable nodes by it is a topological order
    (PyTorch orders its backward pass the same way). Leaves have number 0 and come first.
    With ``grad_only`` the nodes that need no gradient (constants) are left out.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(2.0, requires_grad=True)
    >>> [n._op for n in toposort(x * x + 1)][-2:]
    ['mul', 'add']
    """
    found = {id(root): root}
    stack = [root]
    while stack:
        for p in stack.pop()._parents:
            if id(p) not in found and (p.requires_grad or not grad_only):
                found[id(p)] = p
                stack.append(p)
    return sorted(found.values(), key=_seq)


def unbroadcast(g: Any, shape: tuple[int, ...]) -> Any:
    """Sum ``g`` over the axes that broadcasting added or stretched, to get ``shape`` back.

    Works on Tensors (recorded) and on NumPy arrays alike.

    >>> unbroadcast(np.array([[1.0, 2.0], [3.0, 4.0]]), (2,))
    array([4., 6.])
    """
    gshape = g.shape
    if gshape == shape:
        return g
    raw = isinstance(g, _ARRAY)
    lead = len(gshape) - len(shape)
    if lead < 0:
        return np.broadcast_to(g, shape) if raw else g.broadcast_to(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and gshape[i + lead] != 1)
    if axes:
        g = np.add.reduce(g, axes) if raw else g.sum(axis=axes)
    return g if g.shape == shape else g.reshape(shape)


def _vjps(node: Tensor, g: Any, ans: Any, args: Sequence[Any]) -> list[Any]:
    """The parents' gradients by the node's rule, on Tensors or on bare arrays alike."""
    prim = node._prim
    if prim is FREED:
        raise InputError("this graph was freed by an earlier backward(): call "
                         "backward(retain_graph=True) the first time to go through it twice")
    kw = node._kw or {}
    out: list[Any] = []
    for i, p in enumerate(node._parents):
        if not p.requires_grad:
            out.append(None)
            continue
        if prim.variadic:
            gi = prim.vjps[0](g, ans, *args, argnum=i, **kw)
        else:
            gi = prim.vjps[i](g, ans, *args, **kw)
        if gi.shape != p.data.shape:
            gi = unbroadcast(gi, p.data.shape)
        out.append(gi)
    return out


def local_vjps(node: Tensor, g: Tensor) -> tuple[Tensor | None, ...]:
    """The gradient ``node`` sends to each of its parents, given its upstream gradient ``g``.

    Each entry is already un-broadcast to its parent's shape; ``None`` where the parent
    needs no gradient. Inside ``no_grad()`` the rule runs on bare arrays (fast);
    otherwise it is recorded, so the result can be differentiated again.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(3.0, requires_grad=True)
    >>> y = x * 4.0
    >>> local_vjps(y, Tensor(1.0))[0].item()
    4.0
    """
    if node._prim is None:
        raise InputError(f"{node!r} is a leaf: it has no parents to send a gradient to")
    if GRAD_MODE.enabled:
        return tuple(_vjps(node, g, node, node._parents))
    raw = _vjps(node, g.data, node.data, [p.data for p in node._parents])
    wrap = type(node)._wrap
    return tuple(None if r is None else wrap(r) for r in raw)


def backpropagate(root: Tensor, seed: Tensor, inputs: Sequence[Tensor] | None = None,
                  retain_graph: bool = False, create_graph: bool = False) -> list[Tensor]:
    """Run the reverse pass from ``root`` seeded with ``seed``.

    With ``inputs=None`` (``Tensor.backward``) the gradients accumulate into the ``.grad``
    of every leaf that requires one; otherwise they are returned, one per input (zeros
    where an input does not reach ``root``), and no ``.grad`` changes. Each adjoint is
    dropped as soon as it has been passed on, and unless ``retain_graph`` or
    ``create_graph`` the graph is freed behind the pass. With ``create_graph`` the pass
    is itself recorded, so its results can be differentiated again.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(5.0, requires_grad=True)
    >>> backpropagate(x * x, Tensor(1.0), inputs=[x])[0].item()
    10.0
    """
    order = toposort(root, grad_only=True)
    wrap = type(root)._wrap
    wanted = None if inputs is None else {id(t) for t in inputs}
    grads: dict[int, Any] = {id(root): seed if create_graph else seed.data}
    found: dict[int, Tensor] = {}
    saved = GRAD_MODE.enabled
    GRAD_MODE.enabled = create_graph
    try:
        for node in reversed(order):
            g = grads.pop(id(node), None)
            if g is None:
                continue
            if wanted is not None and id(node) in wanted:
                found[id(node)] = g if create_graph else wrap(g)
            if node._prim is None:
                if wanted is None:
                    g = g if create_graph else wrap(g)
                    node.grad = g if node.grad is None else node.grad + g
                continue
            args = node._parents if create_graph else [p.data for p in node._parents]
            for p, gp in zip(node._parents, _vjps(node, g, node if create_graph else node.data,
                                                  args), strict=True):
                if gp is not None:
                    old = grads.get(id(p))
                    grads[id(p)] = gp if old is None else old + gp
            if not (retain_graph or create_graph):
                node._free()
    finally:
        GRAD_MODE.enabled = saved
    if inputs is None:
        return []
    return [found[id(t)] if id(t) in found else t.zeros_like() for t in inputs]
