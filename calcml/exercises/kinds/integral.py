"""The ``"integral"`` task kind: antiderivatives (right up to a constant, with "+ C") and
definite integrals (exact, or a decimal within a tolerance).

A task is ``{"kind": "integral", "expr": "2x", "var": "x"}`` (indefinite) or
``{"kind": "integral", "expr": "x/2", "var": "x", "lower": "1", "upper": "2"}``
(definite; an optional ``"tolerance"`` is the absolute error allowed for a decimal). The
right answer comes from the engine, :func:`calcml.integral`.

An antiderivative is right when it differs from the engine's by a constant and names a
constant of integration: a symbol that is neither the variable nor in the integrand (C,
K, ...), added on. The same antiderivative with no such symbol is the course's mistake
``missing-constant-of-integration``; a "+ C" on a definite integral's number is
``constant-on-definite-integral``.

>>> from calcml.exercises.checking import check
>>> check({"kind": "integral", "expr": "2x", "var": "x"}, "x^2 + K").correct
True
>>> check({"kind": "integral", "expr": "2x", "var": "x"}, "x^2").mistake
'missing-constant-of-integration'
>>> check({"kind": "integral", "expr": "x/2", "var": "x", "lower": "1", "upper": "2"},
...       "0.75").correct
True
"""

from __future__ import annotations

import functools
from typing import Any

import sympy

import calcml
from calcml.errors import InputError
from calcml.exercises.answers import read_expression
from calcml.exercises.equivalence import equivalent, same_numbers
from calcml.exercises.model import Feedback, TaskKind, mistakes_for, register_kind
from calcml.symbolic.integrals.integral import IntegralSolution

KIND = "integral"
MISSING_C = "missing-constant-of-integration"
C_ON_DEFINITE = "constant-on-definite-integral"
CONSTANT = sympy.Symbol("C", real=True)
"""The constant a buggy rule adds to a definite integral's value."""


def _field(task: dict[str, Any], name: str, default: str | None = None) -> str | None:
    value = task.get(name, default)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    raise InputError(f'the task\'s "{name}" must be text such as "2x" or "1", not {value!r}')


def parts(task: dict[str, Any]) -> tuple[str, str, str | None, str | None]:
    """The task's integrand, variable and bounds as text (bounds None when indefinite).

    >>> parts({"kind": "integral", "expr": "x/2", "lower": 1, "upper": "2"})
    ('x/2', 'x', '1', '2')
    """
    expr, var = _field(task, "expr"), _field(task, "var", "x")
    if not expr:
        raise InputError('an integral task needs "expr", the integrand, e.g. "2x"')
    lower, upper = _field(task, "lower"), _field(task, "upper")
    if (lower is None) != (upper is None):
        raise InputError('a definite integral task needs both "lower" and "upper"; give '
                         "neither for an antiderivative")
    return expr, var, lower, upper


def is_definite(task: dict[str, Any]) -> bool:
    """True when the task has bounds."""
    return parts(task)[2] is not None


@functools.lru_cache(maxsize=512)
def _solved(expr: str, var: str, lower: str | None, upper: str | None) -> IntegralSolution:
    return calcml.integral(expr, var, lower, upper)


def solution_for(task: dict[str, Any]) -> IntegralSolution:
    """The engine's worked solution of the task (computed once per task).

    >>> solution_for({"kind": "integral", "expr": "2x", "var": "x"}).result
    x**2
    """
    return _solved(*parts(task))


def antiderivative_solution(task: dict[str, Any]) -> IntegralSolution:
    """The engine's worked antiderivative of the task's integrand, with or without bounds."""
    expr, var, _, _ = parts(task)
    return _solved(expr, var, None, None)


def variable(task: dict[str, Any]) -> sympy.Symbol:
    """The variable of integration, as the engine's solution names it."""
    return antiderivative_solution(task).problem.limits[0][0]


def integrand(task: dict[str, Any]) -> sympy.Expr:
    """The integrand as parsed by the engine."""
    return antiderivative_solution(task).problem.function


def constant_symbols(task: dict[str, Any], value: sympy.Basic) -> set[sympy.Symbol]:
    """The symbols of ``value`` that can only be constants of integration: not the
    variable (compared by name) and not a symbol of the integrand."""
    taken = {s.name for s in integrand(task).free_symbols} | {variable(task).name}
    return {s for s in value.free_symbols if s.name not in taken}


def _solve(task: dict[str, Any]) -> sympy.Expr:
    sol = solution_for(task)
    if not is_definite(task):
        if sol.antiderivative is None:
            raise InputError(f"{parts(task)[0]} has no antiderivative in elementary "
                             "functions that calcml can find; choose another integrand")
        return sol.antiderivative
    if sol.diverges or not sol.result.is_finite:
        raise InputError(f"the integral {sol.problem} has no finite value, so there is "
                         "no number to check an answer against")
    return sol.result


def _read(task: dict[str, Any], text: str) -> sympy.Expr:
    return read_expression(text)


def _zeroed(task: dict[str, Any], value: sympy.Basic) -> sympy.Basic:
    return value.xreplace({c: 0 for c in constant_symbols(task, value)})


def _additive(task: dict[str, Any], value: sympy.Basic) -> bool:
    """True when every constant symbol of ``value`` drops out of its derivative: C is
    added on (x^2 + C), not mixed in (C x^2, e^(x + C))."""
    constants = constant_symbols(task, value)
    if not constants:
        return True
    slope = sympy.diff(value, variable(task))
    return not {s.name for s in slope.free_symbols} & {c.name for c in constants}


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    if is_definite(task):
        if bool(constant_symbols(task, a)) != bool(constant_symbols(task, b)):
            return False
        a0, b0 = _zeroed(task, a), _zeroed(task, b)
        if a0.free_symbols or b0.free_symbols:  # a parameter of the integrand, as in a x
            return equivalent(a0, b0)
        return same_numbers(a0, b0, tolerance=task.get("tolerance"))
    if not (_additive(task, a) and _additive(task, b)):
        return False
    return equivalent(_zeroed(task, a), _zeroed(task, b), up_to_constant=True)


def _mistake_feedback(mistake_id: str, value: sympy.Basic) -> Feedback:
    mistake = next(m for m in mistakes_for(KIND) if m.id == mistake_id)
    return Feedback(correct=False, message=mistake.message, mistake=mistake.id,
                    step=mistake.step, parsed=value)


def _judge_definite(task: dict[str, Any], value: sympy.Basic, right: Any) -> Feedback | None:
    x = variable(task)
    if x.name in {s.name for s in value.free_symbols}:
        return Feedback(correct=False, parsed=value, message=(
            f"A definite integral is a number, but your answer still contains {x}: "
            "put the bounds into the antiderivative, F(upper) - F(lower)."))
    if constant_symbols(task, value) and _same(task, _zeroed(task, value), right):
        return _mistake_feedback(C_ON_DEFINITE, value)
    return None


def _judge_antiderivative(task: dict[str, Any], value: sympy.Basic, right: Any
                          ) -> Feedback | None:
    constants = constant_symbols(task, value)
    if not constants:
        return _mistake_feedback(MISSING_C, value) if _same(task, value, right) else None
    if not _additive(task, value):
        names = " and ".join(sorted(c.name for c in constants))
        return Feedback(correct=False, parsed=value, message=(
            f"The constant of integration is added on at the end, F({variable(task)}) + C; "
            f"in your answer {names} changes the derivative, so it is not an "
            "antiderivative for every value of the constant."))
    return None


def _judge(task: dict[str, Any], value: Any, right: Any) -> Feedback | None:
    """The verdicts of this kind's own: a definite integral answered with x or + C in
    it, an antiderivative without its constant or with the constant mixed in."""
    if not isinstance(value, sympy.Basic):
        return None
    if is_definite(task):
        return _judge_definite(task, value, right)
    return _judge_antiderivative(task, value, right)


def _expected(task: dict[str, Any]) -> str:
    x = parts(task)[1]
    if is_definite(task):
        return "the value of the definite integral, a number"
    return f"an antiderivative, an expression in {x} with + C"


register_kind(TaskKind(name=KIND, solve=_solve, read=_read, same=_same, judge=_judge,
                       expected=_expected))
