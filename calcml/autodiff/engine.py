"""The reverse pass: order the graph, send each node's gradient to its inputs, free as it goes.

A graph is made of :class:`~calcml.autodiff.tensor.Tensor` nodes; a non-leaf node
remembers its primitive (``_prim``, named by ``_op``), its inputs (``_parents``) and its
static options (``_kw``). :func:`toposort` orders the nodes, :func:`local_vjps` applies
one row of the primitive table and undoes broadcasting, and :func:`backpropagate` runs the
two over the whole graph.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from calcml.autodiff.primitives import Primitive
from calcml.errors import InputError

if TYPE_CHECKING:
    from calcml.autodiff.tensor import Tensor


class _GradMode:
    """Whether operations are recorded for differentiation (off inside ``no_grad``)."""

    __slots__ = ("enabled",)

    def __init__(self) -> None:
        self.enabled = True


GRAD_MODE = _GradMode()

# What a node's primitive becomes once a backward pass has freed it (its ``_op`` stays).
FREED = Primitive("freed", lambda: None, (), ())


@contextmanager
def no_grad() -> Iterator[None]:
    """Record nothing inside the block (for parameter updates and evaluation).

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(2.0, requires_grad=True)
    >>> with no_grad():
    ...     y = x * 3
    >>> y.requires_grad
    False
    """
    saved = GRAD_MODE.enabled
    GRAD_MODE.enabled = False
    try:
        yield
    finally:
        GRAD_MODE.enabled = saved


def toposort(root: Tensor) -> list[Tensor]:
    """Every node ``root`` depends on, inputs before outputs, ``root`` last.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(2.0, requires_grad=True)
    >>> [n._op for n in toposort(x * x + 1)]
    [None, 'mul', None, 'add']
    """
    order: list[Tensor] = []
    seen: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        if expanded:
            order.append(node)
            continue
        if id(node) in seen:
            continue
        seen.add(id(node))
        stack.append((node, True))
        stack.extend((p, False) for p in reversed(node._parents) if id(p) not in seen)
    return order


def unbroadcast(g: Tensor, shape: tuple[int, ...]) -> Tensor:
    """Sum ``g`` over the axes that broadcasting added or stretched, to get ``shape`` back.

    >>> from calcml.autodiff import Tensor
    >>> unbroadcast(Tensor([[1.0, 2.0], [3.0, 4.0]]), (2,)).numpy()
    array([4., 6.])
    """
    gshape = g.data.shape
    if gshape == shape:
        return g
    lead = len(gshape) - len(shape)
    if lead < 0:
        return g.reshape(shape) if g.data.size == 1 else g.broadcast_to(shape)
    axes = tuple(range(lead)) + tuple(
        i + lead for i, n in enumerate(shape) if n == 1 and gshape[i + lead] != 1)
    return g.sum(axis=axes).reshape(shape) if axes else g.reshape(shape)


def local_vjps(node: Tensor, g: Tensor) -> tuple[Tensor | None, ...]:
    """The gradient ``node`` sends to each of its parents, given its upstream gradient ``g``.

    Each entry is already un-broadcast to its parent's shape; ``None`` where the parent
    needs no gradient.

    >>> from calcml.autodiff import Tensor
    >>> x = Tensor(3.0, requires_grad=True)
    >>> y = x * 4.0
    >>> local_vjps(y, Tensor(1.0))[0].item()
    4.0
    """
    prim = node._prim
    if prim is None:
        raise InputError(f"{node!r} is a leaf: it has no parents to send a gradient to")
    if prim is FREED:
        raise InputError("this graph was freed by an earlier backward(): call "
                         "backward(retain_graph=True) the first time to go through it twice")
    parents = node._parents
    kw = node._kw or {}
    out: list[Tensor | None] = []
    for i, p in enumerate(parents):
        if not p.requires_grad:
            out.append(None)
            continue
        if prim.variadic:
            gi = prim.vjps[0](g, node, *parents, argnum=i, **kw)
        else:
            gi = prim.vjps[i](g, node, *parents, **kw)
        if gi.data.shape != p.data.shape:
            gi = unbroadcast(gi, p.data.shape)
        out.append(gi)
    return tuple(out)


def _accumulate(grads: dict[int, Tensor], node: Tensor, g: Tensor) -> None:
    key = id(node)
    old = grads.get(key)
    grads[key] = g if old is None else old + g


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
    order = toposort(root)
    wanted = None if inputs is None else {id(t) for t in inputs}
    grads: dict[int, Tensor] = {id(root): seed}
    found: dict[int, Tensor] = {}
    free = not (retain_graph or create_graph)
    saved = GRAD_MODE.enabled
    GRAD_MODE.enabled = create_graph
    try:
        for node in reversed(order):
            g = grads.pop(id(node), None)
            if g is None:
                continue
            if wanted is not None and id(node) in wanted:
                found[id(node)] = g
            if node._prim is None:
                if wanted is None and node.requires_grad:
                    node.grad = g if node.grad is None else node.grad + g
                continue
            for p, gp in zip(node._parents, local_vjps(node, g), strict=True):
                if gp is not None:
                    _accumulate(grads, p, gp)
            if free:
                node._free()
    finally:
        GRAD_MODE.enabled = saved
    if inputs is None:
        return []
    return [found[id(t)] if id(t) in found else t.zeros_like() for t in inputs]


