"""The ``"tangent"`` task kind: the tangent line to y = f(x) at x = a, answered by the
line's right-hand side (``6x - 9``) or the whole equation (``y = 6x - 9``).

A task is ``{"kind": "tangent", "expr": "x^2", "var": "x", "at": 3}``; the answer comes
from :func:`calcml.tangent`.
"""

from __future__ import annotations

from typing import Any

import sympy

import calcml
from calcml.exercises.answers import read_right_side
from calcml.exercises.equivalence import equivalent
from calcml.exercises.kinds.derivative import judge_variables
from calcml.exercises.kinds.value import task_expr, task_number
from calcml.exercises.model import TaskKind, register_kind


def solve(task: dict[str, Any]) -> sympy.Expr:
    """m x + b for the tangent line, from the tangent engine.

    >>> solve({"kind": "tangent", "expr": "x^2 + 2x + 2", "at": 2})
    6*x - 2
    """
    f, x = task_expr(task)
    return calcml.tangent(f, task_number(task, "at"), x, timeout=None).line


def read_line(task: dict[str, Any], text: str) -> sympy.Expr:
    """The line's right-hand side; a leading "y =" is allowed.

    >>> read_line({}, "y = 6x - 2")
    6*x - 2
    """
    return read_right_side(text)


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    return equivalent(a, b)


def _expected(task: dict[str, Any]) -> str:
    var = task.get("var", "x")
    return f"the tangent line, y = m{var} + b with the slope m and the intercept b"


register_kind(TaskKind(name="tangent", solve=solve, read=read_line, same=_same,
                       judge=judge_variables, expected=_expected))
