"""The ``"limit"`` task kind: the limit of an expression, answered by a value, ±∞ or DNE.

A task is ``{"kind": "limit", "expr": "25/x", "var": "x", "point": "0",
"direction": "+"}`` (``direction`` "+-" for two-sided, the default, "+" from the right,
"-" from the left; ``point`` may be "oo" or "-oo"). The right answer comes from
:func:`calcml.limit`; a learner may write DNE, ∞/oo/infinity or -∞.
"""

from __future__ import annotations

import functools
from typing import Any

import sympy

import calcml
from calcml.errors import InputError
from calcml.exercises.answers import read_limit_value, stray_variables
from calcml.exercises.equivalence import equivalent
from calcml.exercises.kinds.value import task_expr
from calcml.exercises.model import Feedback, TaskKind, register_kind
from calcml.expr.coerce import as_expr
from calcml.symbolic.limits.limit import LimitSolution

DIRECTIONS = {"+-": "", "+": " from the right", "-": " from the left"}


def limit_parts(task: dict[str, Any]) -> tuple[sympy.Expr, sympy.Symbol, sympy.Expr, str]:
    """The task's function, variable, point and direction, checked.

    >>> limit_parts({"kind": "limit", "expr": "25/x", "point": "-oo"})
    (25/x, x, -oo, '+-')
    """
    f, x = task_expr(task)
    point = task.get("point", 0)
    if isinstance(point, bool) or not isinstance(point, str | int | float):
        raise InputError(f'the task\'s "point" is a number or text such as "oo", not {point!r}')
    a = as_expr(str(point) if not isinstance(point, str) else point)
    if a.free_symbols:
        raise InputError(f"a limit's point is a number or oo, not {point!r}")
    direction = task.get("direction", "+-")
    if direction not in DIRECTIONS:
        raise InputError(f'the direction is "+-" (both sides), "+" or "-", not {direction!r}')
    return f, x, a, direction


@functools.lru_cache(maxsize=256)
def _worked(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, direction: str) -> LimitSolution:
    return calcml.limit(f, x, a, direction, timeout=None)


def worked_limit(task: dict[str, Any]) -> LimitSolution:
    """The limit engine's worked solution for the task, worked out once per task (the
    right answer, the buggy rules and the exercise's hints all read it).

    >>> worked_limit({"kind": "limit", "expr": "25/x", "point": "0"}).left
    -oo
    """
    return _worked(*limit_parts(task))


def solve(task: dict[str, Any]) -> sympy.Basic:
    """The limit the task asks for, from the limit engine.

    >>> solve({"kind": "limit", "expr": "(x^2 - 25)/(x + 5)", "point": "-5"})
    -10
    >>> solve({"kind": "limit", "expr": "25/x", "point": "0"})
    DNE
    """
    return worked_limit(task).result


def _read(task: dict[str, Any], text: str) -> sympy.Basic:
    return read_limit_value(text)


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    return equivalent(a, b)


def _judge(task: dict[str, Any], value: Any, right: Any) -> Feedback | None:
    f, x, _, _ = limit_parts(task)
    message = stray_variables(value, {s.name for s in f.free_symbols} - {x.name})
    if message is None:
        return None
    return Feedback(correct=False, parsed=value, message=message + " A limit's value does "
                    f"not depend on {task.get('var', 'x')}: it is what the function "
                    "approaches.")


def _expected(task: dict[str, Any]) -> str:
    return "the value of the limit: a number, oo, -oo, or DNE when it does not exist"


register_kind(TaskKind(name="limit", solve=solve, read=_read, same=_same, judge=_judge,
                       expected=_expected, worked=worked_limit))
