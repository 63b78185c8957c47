"""The ``"derivative"`` task kind: d/dx of an expression, answered by an expression.

A task is ``{"kind": "derivative", "expr": "sin(3x)^2", "var": "x"}``; the right answer
comes from :func:`calcml.derivative` and any equivalent form is accepted.
"""

from __future__ import annotations

import functools
from typing import Any

import sympy

import calcml
from calcml.exercises.answers import read_right_side, stray_variables
from calcml.exercises.equivalence import equivalent
from calcml.exercises.kinds.value import task_expr
from calcml.exercises.model import Feedback, TaskKind, register_kind
from calcml.steps import Solution


@functools.lru_cache(maxsize=256)
def _worked(f: sympy.Expr, x: sympy.Symbol) -> Solution:
    return calcml.derivative(f, x, timeout=None)


def worked_derivative(task: dict[str, Any]) -> Solution:
    """The derivative engine's worked solution for the task, worked out once per task.

    >>> worked_derivative({"kind": "derivative", "expr": "x sin(x)"}).step.rule
    'Product rule'
    """
    return _worked(*task_expr(task))


def solve(task: dict[str, Any]) -> sympy.Expr:
    """The derivative the task asks for, from the derivative engine.

    >>> solve({"kind": "derivative", "expr": "x^2 + 2x + 2", "var": "x"})
    2*x + 2
    """
    return worked_derivative(task).result


def _read(task: dict[str, Any], text: str) -> sympy.Expr:
    return read_right_side(text)


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    return equivalent(a, b)


def judge_variables(task: dict[str, Any], value: Any, right: Any) -> Feedback | None:
    """A wrong answer that uses a variable the task does not have is told so.

    >>> judge_variables({"expr": "x^2", "var": "x"}, read_right_side("2t"), None).message
    'Your answer uses t, but the answer to this task is in x only.'
    """
    f, x = task_expr(task)
    message = stray_variables(value, {s.name for s in f.free_symbols} | {x.name})
    return None if message is None else Feedback(correct=False, message=message, parsed=value)


def _expected(task: dict[str, Any]) -> str:
    var = task.get("var", "x")
    return f"the derivative d/d{var} of {task.get('expr')}, an expression in {var}"


register_kind(TaskKind(name="derivative", solve=solve, read=_read, same=_same,
                       judge=judge_variables, expected=_expected, worked=worked_derivative))
