"""The ``"value"`` task kind: a numeric answer (a number or a vector of numbers).

A value task names a registered problem and carries its inputs, e.g.
``{"kind": "value", "problem": "secant-slope", "expr": "x^2 + 2x + 2", "var": "x",
"p": 2, "q": 5}``, and optionally an absolute ``"tolerance"``. Each problem registers
its solver with :func:`value_problem` in the module of the skills that use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

from calcml.errors import InputError
from calcml.exercises.answers import read_numbers
from calcml.exercises.equivalence import same_numbers
from calcml.exercises.model import TaskKind, register_kind
from calcml.expr.coerce import as_expr, as_symbol
from calcml.numeric.functions import to_exact

Solver = Callable[[dict[str, Any]], Any]
_PROBLEMS: dict[str, Solver] = {}
_DESCRIPTIONS: dict[str, str] = {}


def value_problem(name: str, wants: str = "a number") -> Callable[[Solver], Solver]:
    """Register ``solve(task) -> number or tuple of numbers`` for value tasks whose
    ``"problem"`` is ``name``; ``wants`` says what the answer is ("the slope, a number").

    >>> from calcml.exercises.checking import check
    >>> check({"kind": "value", "problem": "secant-slope", "expr": "x^2 + 2x + 2",
    ...        "var": "x", "p": 2, "q": 5}, "9").correct
    True
    """
    def decorate(solve: Solver) -> Solver:
        if name in _PROBLEMS:
            raise ValueError(f"value problem {name!r} is registered twice")
        _PROBLEMS[name] = solve
        _DESCRIPTIONS[name] = wants
        return solve
    return decorate


def problem_names() -> list[str]:
    """The registered value problems, sorted."""
    return sorted(_PROBLEMS)


def task_number(task: dict[str, Any], key: str) -> sympy.Expr:
    """The exact number ``task[key]`` (a JSON number or math text such as "pi/2")."""
    if key not in task:
        raise InputError(f"the task needs a {key!r} entry")
    return to_exact(task[key], key)


def task_expr(task: dict[str, Any], key: str = "expr") -> tuple[sympy.Expr, sympy.Symbol]:
    """The task's expression (math text) and its variable (``task["var"]``, default x)."""
    text = task.get(key)
    if not isinstance(text, str):
        raise InputError(f'the task needs {key!r} as math text, e.g. "x^2 + 1"')
    expr = as_expr(text)
    return expr, as_symbol(task.get("var", "x"), expr)


def _problem(task: dict[str, Any]) -> Solver:
    name = task.get("problem")
    try:
        return _PROBLEMS[name]
    except (KeyError, TypeError):
        raise InputError(f"unknown value problem {name!r}; the problems are: "
                         f"{', '.join(problem_names())}") from None


def _as_tuple(value: Any) -> tuple:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


def _solve(task: dict[str, Any]) -> tuple:
    tolerance = task.get("tolerance")
    if tolerance is not None and (isinstance(tolerance, bool)
                                  or not isinstance(tolerance, int | float) or tolerance < 0):
        raise InputError(f"a tolerance is a number 0 or more, not {tolerance!r}")
    return _as_tuple(_problem(task)(task))


def _read(task: dict[str, Any], text: str) -> tuple:
    return read_numbers(text)


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    return same_numbers(_as_tuple(a), _as_tuple(b), tolerance=task.get("tolerance"))


def _expected(task: dict[str, Any]) -> str:
    return _DESCRIPTIONS.get(task.get("problem"), "a number")


register_kind(TaskKind(name="value", solve=_solve, read=_read, same=_same,
                       expected=_expected))
