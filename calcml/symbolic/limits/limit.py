"""Limits with worked steps, checked against ``sympy.limit`` and a table of values.

>>> from calcml.symbolic.limits.limit import limit
>>> x = sympy.Symbol("x", real=True)
>>> sol = limit((x**2 - 1)/(x - 1), x, 1)
>>> sol.result, sol.agreed
(2, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import oo

from calcml.errors import InputError
from calcml.expr.coerce import as_parsed, as_symbol
from calcml.expr.values import read_number
from calcml.steps.base import Check, Solution, Step
from calcml.steps.limits.rules import DNE, OneSidedLimits
from calcml.steps.typed import restate_as_typed
from calcml.symbolic.limits.budget import Clock, timed_table
from calcml.symbolic.limits.check import Row, not_real, numeric_check, same_limit
from calcml.symbolic.limits.solver import Solver
from calcml.timelimit import DEFAULT_SECONDS

RULES_SHARE = 0.7
"""The share of the time limit the worked rules may take before SymPy's answer stands in."""
SYMPY_SHARE = 0.6
"""The share of the time left that SymPy's check may take before the numbers'."""

__all__ = ["DIRECTIONS", "DNE", "LimitSolution", "limit"]

DIRECTIONS = ("+-", "+", "-")


@dataclass(frozen=True)
class LimitSolution(Solution):
    """A worked limit: the Solution plus the one-sided values and the approach table.

    ``left`` and ``right`` are the limits from each side (None for a side not asked:
    x -> oo comes from the left, x -> -oo from the right; or where f is not real, as
    left of 0 for sqrt(x), whose limit at 0 is then the one from within its domain).
    ``table`` holds the rows (x, f(x)) from the left, nearest last, then those from the
    right.
    """

    left: sympy.Basic | None = None
    right: sympy.Basic | None = None
    table: tuple[Row, ...] = ()

    def table_text(self) -> str:
        """The approach table as aligned text, one row per x.

        >>> x = sympy.Symbol("x", real=True)
        >>> print(limit(25/x, x, "oo").table_text().splitlines()[1])
                   10  2.5
        """
        lines = [f"{'x':>13}  f(x)"]
        for point, value in self.table:
            shown = "undefined" if value is None else f"{float(value):.10g}"
            lines.append(f"{float(point):>13.10g}  {shown}")
        return "\n".join(lines)


def limit(expr: str | sympy.Basic, var: str | sympy.Symbol = "x",
          point: str | sympy.Basic | int | float = 0, direction: str = "+-",
          timeout: float | None = DEFAULT_SECONDS) -> LimitSolution:
    """The limit of ``expr`` as ``var`` approaches ``point``, with worked steps and checks.

    ``direction`` is "+-" (two-sided), "+" (from the right) or "-" (from the left);
    ``point`` a number, a SymPy value, or text such as "oo", "-oo" or "pi/2". A limit
    that does not exist has the result :data:`DNE` and names its one-sided values.
    Runs under ``timeout=`` seconds (5 by default; None for no limit): the worked rules
    get most of it, SymPy's answer stands in where they do not finish, and the checks run
    in what is left, a check that could not finish saying so.

    >>> x = sympy.Symbol("x", real=True)
    >>> limit(sympy.sin(x)/x, x, 0).result
    1
    >>> sol = limit(25/x, x, 0)
    >>> sol.result, sol.left, sol.right
    (DNE, -oo, oo)
    """
    clock = Clock(timeout)
    parsed, x, a, side = clock.run(lambda: _problem(expr, var, point, direction))
    f = parsed.value
    solver = Solver(x)
    done, step = clock.attempt(lambda: solver.solve(f, a, side), RULES_SHARE)
    if not done:
        solver.depth = 0
        step = clock.run(lambda: solver.computed(f, a, side))
    return restate_as_typed(parsed, _checked(solver, f, a, side, step, clock))


def _problem(expr, var, point, direction) -> tuple:
    """(parsed, x, a, side) read from the caller's values; a limit at +-oo is one-sided."""
    parsed = as_parsed(expr)
    x = as_symbol(var, parsed.value)
    a, side = _point(point), _direction(direction)
    if a in (oo, -oo):
        side = "-" if a == oo else "+"
    return parsed, x, a, side


def _checked(solver: Solver, f, a, side, step: Step, clock: Clock) -> LimitSolution:
    """Check the worked answer against SymPy and the numbers, in the time left; SymPy's
    answer replaces a worked one only where the numbers side with SymPy. With other
    symbols in f (a parameter) there are no numbers, and SymPy's is the only check."""
    x = solver.x
    numbers = not f.free_symbols - {x}
    finished, expected = clock.attempt(lambda: solver.sympy_limit(f, a, side),
                                       SYMPY_SHARE if numbers else 1.0)
    table, complete = timed_table(f, x, a, side, clock) if numbers else (((), ()), True)
    result = step.result
    numeric = _numeric(table, complete, *_real_sides(step, a, side, table))
    checks = [Check("sympy.limit", True, value=expected)]
    if not finished:
        checks = [Check.unfinished("sympy.limit", "SymPy's limit does not check this answer")]
    elif not same_limit(result, expected, side == "+-"):
        alternative = solver.computed(f, a, side)
        other = _numeric(table, complete, *_real_sides(alternative, a, side, table))
        if other.agreed and not numeric.agreed and numbers:
            checks = [Check("worked rules", False, value=result,
                            detail=f"the worked rules gave {result}, which the numbers do "
                                   "not support; the answer is SymPy's"), checks[0]]
            step, numeric = alternative, other
        else:
            checks = [Check("sympy.limit", False, value=expected,
                            detail=_disagreement(expected, result, numeric.agreed))]
    left, right = _real_sides(step, a, side, table)
    return LimitSolution(problem=sympy.Limit(f, x, a, side), result=step.result, step=step,
                         checks=(*checks, numeric) if numbers else tuple(checks), left=left,
                         right=right, table=table[0] + table[1])


def _numeric(table, complete: bool, left, right) -> Check:
    """The numeric check, saying so when the rows nearest the point ran out of time."""
    check = numeric_check(table, left, right)
    if complete:
        return check
    if not any(table):
        return Check.unfinished(check.method, "no value of f near the point could be computed "
                                              "in time")
    return Check(check.method, check.agreed, detail=check.detail + " (the rows nearer the "
                 "point could not be computed within the time limit)")


def _disagreement(expected, result, numbers_agree: bool) -> str:
    if numbers_agree:
        return (f"SymPy's limit gives {expected}; the worked rules and the numbers agree on "
                f"{result}, so that answer stands")
    return f"SymPy's limit gives {expected}; the numbers cannot tell which is right"


def _sides(step: Step, a, side: str) -> tuple[sympy.Basic | None, sympy.Basic | None]:
    """The limit from the left and from the right, as far as the problem asks."""
    split = _one_sided(step)
    if split is not None:
        return split.left.result, split.right.result
    value = step.result
    if a == oo or side == "-":
        return value, None
    if a == -oo or side == "+":
        return None, value
    return value, value


def _real_sides(step: Step, a, side: str, table) -> tuple:
    """The one-sided limits, None for a side where f is not real near a (sqrt(x) at 0:
    the limit is the one from within the domain, and the left side says so)."""
    sides = _sides(step, a, side)
    if side != "+-" or not a.is_finite:
        return sides
    return tuple(None if not_real(rows) else value
                 for rows, value in zip(table, sides, strict=True))


def _one_sided(step: Step) -> OneSidedLimits | None:
    """The one-sided limits at the end of a chain of rewrites of the same limit, if any."""
    while not isinstance(step, OneSidedLimits):
        step = getattr(step, "substep", None)
        if not isinstance(step, Step):
            return None
    return step


def _point(point) -> sympy.Basic:
    return read_number(point, "the point a limit approaches", infinite=True)


def _direction(direction: object) -> str:
    if direction not in DIRECTIONS:
        raise InputError(f"unknown direction {direction!r}: use '+-' for a two-sided limit, "
                         "'+' from the right or '-' from the left")
    return str(direction)

