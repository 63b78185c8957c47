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

import operator
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from calcml.errors import InputError

if TYPE_CHECKING:
    from calcml.autodiff.tensor import Tensor

_ARRAY = (np.ndarray, np.generic)


class _GradMode(threading.local):
    """Whether operations are recorded for differentiation (off inside ``no_grad``).

    Per thread, as in PyTorch: a ``no_grad()`` in one web worker leaves the others alone.
    """

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


_seq = operator.attrgetter("_seq")


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
    kw = node._kw
    out: list[Any] = []
    for i, p in enumerate(node._parents):
        if not p.requires_grad:
            out.append(None)
            continue
        if prim.variadic:
            gi = prim.vjps[0](g, ans, *args, argnum=i, **kw)
        elif kw:
            gi = prim.vjps[i](g, ans, *args, **kw)
        else:
            gi = prim.vjps[i](g, ans, *args)
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
                  retain_graph: bool = False, create_graph: bool = False,
                  order: list[Tensor] | None = None) -> list[Tensor]:
    """Run the reverse pass from ``root`` seeded with ``seed``.

    With ``inputs=None`` (``Tensor.backward``) the gradients accumulate into the ``.grad``
    of every leaf that requires one; otherwise they are returned, one per input (zeros
    where an input does not reach ``root``), and no ``.grad`` changes. Each adjoint is
    dropped as soon as it has been passed on, and unless ``retain_graph`` or
    ``create_graph`` the graph is freed behind the pass. With ``create_graph`` the pass
    is itself recorded, so its results can be differentiated again. ``order`` (from
    ``toposort(root, grad_only=True)``) saves sorting again when one retained graph is
    swept many times, as a Jacobian does.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(5.0, requires_grad=True)
    >>> backpropagate(x * x, Tensor(1.0), inputs=[x])[0].item()
    10.0
    """
    if order is None:
        order = toposort(root, grad_only=True)
    wanted = None if inputs is None else {id(t) for t in inputs}
    saved = GRAD_MODE.enabled
    GRAD_MODE.enabled = create_graph
    try:
        found = _reverse(order, seed if create_graph else seed.data, wanted, create_graph,
                         free=not (retain_graph or create_graph))
    finally:
        GRAD_MODE.enabled = saved
    if inputs is None:
        return []
    wrap = type(root)._wrap
    return [t.zeros_like() if id(t) not in found else
            found[id(t)] if create_graph else wrap(found[id(t)]) for t in inputs]


def _reverse(order: list[Tensor], seed: Any, wanted: set[int] | None, recorded: bool,
             free: bool) -> dict[int, Any]:
    """The loop of the reverse pass; returns the adjoints of the ``wanted`` nodes."""
    grads: dict[int, Any] = {id(order[-1]): seed}
    pop, get = grads.pop, grads.get
    found: dict[int, Any] = {}
    wrap = type(order[-1])._wrap
    for node in reversed(order):
        key = id(node)
        g = pop(key, None)
        if g is None:
            continue
        if wanted is not None and key in wanted:
            found[key] = g
        parents = node._parents
        if node._prim is None:
            if wanted is None:
                g = g if recorded else wrap(g)
                node.grad = g if node.grad is None else node.grad + g
            continue
        if recorded:
            sent = _vjps(node, g, node, parents)
        elif len(parents) == 1:
            sent = _vjps(node, g, node.data, (parents[0].data,))
        else:
            sent = _vjps(node, g, node.data, [p.data for p in parents])
        for p, gp in zip(parents, sent, strict=True):
            if gp is not None:
                k = id(p)
                old = get(k)
                grads[k] = gp if old is None else old + gp
        if free:  # drop what this node keeps alive; its _op stays for display
            node._parents = ()
            node._prim = FREED
            node._kw = None
    return found
