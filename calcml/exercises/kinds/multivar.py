"""Task kinds of lessons 6 and 7: partial derivatives, gradients, Hessians and the
partial-derivative chain rule.

Each kind solves with the engines (:func:`calcml.partial`, :func:`calcml.gradient`,
:func:`calcml.hessian`, :func:`calcml.chain_rule`) and compares by equivalence:

- ``{"kind": "partial", "expr": "x^2 y", "var": "y"}``: ∂f/∂y. ``"var"`` may be a list
  of names, the order of differentiation: ``["x", "y"]`` is ∂²f/∂y∂x (by x, then by y).
  With ``"at": {"x": 2, "y": 3}`` the answer is the value there.
- ``{"kind": "gradient", "expr": "x^2 - y^2", "vars": ["x", "y"]}``: ∇f, typed as
  ``(2x, -2y)`` or ``[2x, -2y]``; with ``"at"`` its value, e.g. ``(4, -6)``.
- ``{"kind": "hessian", "expr": "x^2 y", "vars": ["x", "y"]}``: the matrix of second
  partials typed by rows, ``[[2y, 2x], [2x, 0]]`` (also ``((2y, 2x), (2x, 0))`` or
  ``2y, 2x; 2x, 0``); with ``"at"`` its value.
- ``{"kind": "partial-chain", "outer": "x^2 - y^2", "inner": {"x": "cos(t)",
  "y": "sin(t)"}, "var": "t"}``: dz/dt by the chain rule; with ``"at"`` its value.

Any task may carry ``"tolerance"``, an absolute tolerance for a value answer (for a
value rounded in the prompt).

>>> from calcml.exercises.checking import check
>>> check({"kind": "gradient", "expr": "x^2 - y^2", "vars": ["x", "y"]}, "[2x, -2y]").correct
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sympy

import calcml
from calcml.errors import InputError, ParseError
from calcml.exercises.answers import read_expression, read_number
from calcml.exercises.equivalence import equivalent, same_numbers
from calcml.exercises.model import TaskKind, register_kind

OPENING, CLOSING = "([", ")]"


def order_of(task: dict[str, Any]) -> list[str]:
    """The variables of a partial-derivative task in the order of differentiation.

    >>> order_of({"var": "x"}), order_of({"var": ["x", "y"]})
    (['x'], ['x', 'y'])
    """
    var = task.get("var")
    names = [var] if isinstance(var, str) else var
    if not isinstance(names, list) or not names or not all(isinstance(v, str) for v in names):
        raise InputError('a partial task names its variable, e.g. "var": "x", or the order '
                         'of a second partial, e.g. "var": ["x", "y"]')
    return names


def _variables(task: dict[str, Any]) -> list[str]:
    names = task.get("vars")
    if not isinstance(names, list) or len(names) < 2 or not all(isinstance(v, str)
                                                                 for v in names):
        raise InputError(f'a {task["kind"]} task lists its variables, e.g. "vars": ["x", "y"]')
    return names


def point_of(task: dict[str, Any]) -> dict[str, Any] | None:
    """The task's point ``"at"`` (an object of numbers by name), or None.

    >>> point_of({"at": {"x": 2, "y": 3}}), point_of({})
    ({'x': 2, 'y': 3}, None)
    """
    at = task.get("at")
    if at is not None and not isinstance(at, dict):
        raise InputError('the point "at" is an object of coordinates, e.g. {"x": 2, "y": 3}, '
                         f"not {at!r}")
    return at


def _restricted(at: dict[str, Any] | None, f: sympy.Expr) -> dict[str, Any] | None:
    """The coordinates of ``at`` that ``f`` uses (the engines want exactly those)."""
    if at is None:
        return None
    names = {s.name for s in f.free_symbols}
    return {k: v for k, v in at.items() if k in names}


def solve_partial(task: dict[str, Any]) -> sympy.Expr:
    """∂f/∂var (or a higher partial, in the order given) by :func:`calcml.partial`,
    symbolic or at ``task["at"]``.

    >>> solve_partial({"kind": "partial", "expr": "x^2 y", "var": ["x", "y"]})
    2*x
    """
    f = expression_of(task.get("expr"))
    *first, last = order_of(task)
    for name in first:
        if name not in {s.name for s in f.free_symbols}:
            return sympy.Integer(0)
        f = calcml.partial(f, name).symbolic
    if last not in {s.name for s in f.free_symbols}:
        return sympy.Integer(0)
    return calcml.partial(f, last, at=_restricted(point_of(task), f)).result


def expression_of(text: Any) -> sympy.Expr:
    """A task's expression: math text through the safe parser (a task may come from a
    user), or a SymPy expression as it is."""
    if isinstance(text, sympy.Expr):
        return text
    if not isinstance(text, str):
        raise InputError(f"a task's expression is math text such as x^2 y, not {text!r}")
    return calcml.parse(text)


def solve_gradient(task: dict[str, Any]) -> tuple[sympy.Expr, ...]:
    """∇f by :func:`calcml.gradient`, as a tuple in the order of ``task["vars"]``."""
    solution = calcml.gradient(expression_of(task.get("expr")), _variables(task),
                               at=point_of(task))
    return tuple(solution.result)


def solve_hessian(task: dict[str, Any]) -> sympy.ImmutableMatrix:
    """The Hessian by :func:`calcml.hessian` (rows and columns in the order of ``vars``)."""
    return calcml.hessian(expression_of(task.get("expr")), _variables(task),
                          at=point_of(task)).result


def solve_chain(task: dict[str, Any]) -> sympy.Expr:
    """dz/dvar by :func:`calcml.chain_rule`, symbolic or at ``task["at"]``."""
    inner = task.get("inner")
    if not isinstance(inner, dict) or not inner:
        raise InputError('a partial-chain task gives the inner functions, e.g. "inner": '
                         '{"x": "cos(t)", "y": "sin(t)"}')
    var = task.get("var")
    if not isinstance(var, str):
        raise InputError('a partial-chain task names the variable at the bottom, e.g. "var": "t"')
    return calcml.chain_rule(expression_of(task.get("outer")), inner, var,
                             at=point_of(task)).result


def _enclosed(text: str) -> bool:
    """Whether the first character's bracket closes at the last character."""
    if not text or text[0] not in OPENING:
        return False
    depth = 0
    for i, char in enumerate(text):
        depth += (char in OPENING) - (char in CLOSING)
        if depth == 0:
            return i == len(text) - 1
    return False


Part = tuple[int, str]
"""A piece of the learner's text and where it starts in the whole text (0-based)."""


def _unwrap(part: Part) -> Part:
    """The part without its outer brackets (and surrounding spaces), if it has them."""
    start, text = part
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    if _enclosed(body):
        inner = body[1:-1]
        return start + lead + 1 + len(inner) - len(inner.lstrip()), inner.strip()
    return start + lead, body


def split_items(part: Part, separator: str = ",") -> list[Part]:
    """The pieces of ``part`` between separators outside every bracket, each stripped,
    with where it starts.

    >>> split_items((0, "log(x, 2), [1, 2]"))
    [(0, 'log(x, 2)'), (11, '[1, 2]')]
    """
    start, text = part
    pieces, depth, begin = [], 0, 0
    for i, char in enumerate(text + separator):
        depth += (char in OPENING) - (char in CLOSING)
        if char == separator and depth == 0:
            piece = text[begin:i]
            if not piece.strip():
                raise InputError(f"an entry is missing between the {separator!r} separators; "
                                 "write every entry, e.g. (1, 2)")
            pieces.append((start + begin + len(piece) - len(piece.lstrip()), piece.strip()))
            begin = i + 1
    return pieces


def _read_part(read: Callable[[str], Any], whole: str, part: Part) -> Any:
    """``read`` one piece; a parse error points at its column in the whole answer."""
    start, text = part
    try:
        return read(text)
    except ParseError as err:
        column = None if err.column is None else start + err.column
        raise ParseError(err.message, whole, column, err.hint) from None


def _reader(task: dict[str, Any]) -> Callable[[str], Any]:
    return read_number if "at" in task else read_expression


def _vector(whole: str, part: Part, size: int, read: Callable[[str], Any]) -> tuple[Any, ...]:
    items = split_items(_unwrap(part))
    if len(items) != size:
        example = ", ".join(f"a{k}" for k in range(1, size + 1))
        raise InputError(f"the answer has {size} components, one per variable, but "
                         f"{len(items)} were given; write them as ({example})")
    return tuple(_read_part(read, whole, item) for item in items)


def read_vector(text: str, size: int, read: Callable[[str], Any]) -> tuple[Any, ...]:
    """``size`` components typed as ``(a, b)``, ``[a, b]`` or ``a, b``, each read by ``read``.

    >>> read_vector("[2x, -2y]", 2, read_expression)
    (2*x, -2*y)
    """
    return _vector(text, (0, _require(text)), size, read)


def read_matrix(text: str, size: int, read: Callable[[str], Any]) -> sympy.ImmutableMatrix:
    """A ``size`` x ``size`` matrix typed by rows: ``[[a, b], [c, d]]``,
    ``((a, b), (c, d))`` or ``a, b; c, d``.

    >>> read_matrix("[[2, 0], [0, -2]]", 2, read_number).tolist()
    [[2, 0], [0, -2]]
    """
    body = _unwrap((0, _require(text)))
    if ";" in body[1]:
        rows = split_items(body, ";")
    else:
        rows = split_items(body)
        if not all(_enclosed(r) for _, r in rows):
            raise InputError("type the matrix by rows, each row in brackets, e.g. "
                             "[[a, b], [c, d]], or with semicolons between rows: a, b; c, d")
    if len(rows) != size:
        raise InputError(f"the matrix has {size} rows, one per variable, but {len(rows)} "
                         "were given")
    return sympy.ImmutableMatrix([list(_vector(text, r, size, read)) for r in rows])


def _require(text: str) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ParseError("the answer is empty", text if isinstance(text, str) else "", 1,
                         "type the entries separated by commas, e.g. (2x, -2y)")
    return text


def _same_entries(task: dict[str, Any], a: Sequence[Any], b: Sequence[Any]) -> bool:
    if len(a) != len(b):
        return False
    if "at" in task:
        return same_numbers(tuple(a), tuple(b), tolerance=task.get("tolerance"))
    return all(equivalent(p, q) for p, q in zip(a, b, strict=True))


def _same_one(task: dict[str, Any], a: Any, b: Any) -> bool:
    return _same_entries(task, (a,), (b,))


def _task_size(task: dict[str, Any]) -> int:
    return len(_variables(task))


def _wants(what: str, task: dict[str, Any], form: str) -> str:
    return f"{what}{' at the point' if 'at' in task else ''}, {form}"


def _expected_partial(task: dict[str, Any]) -> str:
    order = order_of(task)
    if "at" in task:
        return f"the value of ∂/∂{order[-1]} at the point, a number"
    return f"the partial derivative by {' then '.join(order)}, an expression"


def _expected_chain(task: dict[str, Any]) -> str:
    var = task.get("var")
    if "at" in task:
        return f"the value of the rate of change by {var} at the point, a number"
    return f"the rate of change by {var}, an expression in {var}"


register_kind(TaskKind(
    name="partial", solve=solve_partial,
    read=lambda task, text: _reader(task)(text), same=_same_one,
    expected=_expected_partial))
register_kind(TaskKind(
    name="gradient", solve=solve_gradient,
    read=lambda task, text: read_vector(text, _task_size(task), _reader(task)),
    same=_same_entries,
    expected=lambda task: _wants("the gradient", task, "one entry per variable, (a, b)")))
register_kind(TaskKind(
    name="hessian", solve=solve_hessian,
    read=lambda task, text: read_matrix(text, _task_size(task), _reader(task)),
    same=lambda task, a, b: a.shape == b.shape and _same_entries(task, list(a), list(b)),
    expected=lambda task: _wants("the Hessian", task, "typed by rows, [[a, b], [c, d]]")))
register_kind(TaskKind(
    name="partial-chain", solve=solve_chain,
    read=lambda task, text: _reader(task)(text), same=_same_one,
    expected=_expected_chain))
