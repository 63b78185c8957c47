"""Derivatives with worked steps, checked against ``sympy.diff``.

>>> from calcml.symbolic.derivatives.derivative import derivative
>>> x = sympy.Symbol("x", real=True)
>>> derivative(x**2 + 2*x + 2, x).result
2*x + 2
"""

from __future__ import annotations

import numbers

import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_parsed, as_symbol
from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Tidy
from calcml.steps.derivatives.rules import SuccessiveDerivatives
from calcml.steps.typed import restate_as_typed
from calcml.symbolic.derivatives.check import multiply_out, same_derivative, tidy
from calcml.symbolic.derivatives.rules import derivative_steps
from calcml.timelimit import time_limited

__all__ = ["derivative", "derivative_steps"]

MAX_ORDER = 20


@time_limited("the derivative")
def derivative(expr: str | sympy.Basic, var: str | sympy.Symbol = "x",
               order: int = 1) -> Solution:
    """The ``order``-th derivative of ``expr`` in ``var``, with worked steps and a check.

    ``expr`` is math text or a SymPy expression; ``var`` a name or a Symbol. The
    solution's ``checks`` hold the comparison with ``sympy.diff``. Runs under
    ``timeout=`` seconds (5 by default).

    >>> x = sympy.Symbol("x", real=True)
    >>> sol = derivative(sympy.sin(3*x + 1), x)
    >>> sol.result, sol.step.rule, sol.agreed
    (3*cos(3*x + 1), 'Chain rule', True)
    >>> derivative(x**3, x, order=2).result
    6*x
    """
    parsed = as_parsed(expr)
    f = parsed.value
    if not isinstance(f, sympy.Expr):
        raise InputError(f"a derivative needs an expression such as x^2 + 1, not a "
                         f"{type(f).__name__}; pass one side of an equation")
    x = _variable(var, f)
    n = _order(order)
    expected = _sympy_answer(f, x, n)
    step = _derive(f, x) if n == 1 else _successive(f, x, n)
    agreed, detail = same_derivative(step.result, expected, x, f)
    check = Check("sympy.diff", agreed, value=expected, detail=detail)
    return restate_as_typed(parsed, Solution(problem=sympy.Derivative(f, (x, n)),
                                             result=step.result, step=step, checks=(check,)))


def _sympy_answer(f: sympy.Expr, x: sympy.Symbol, n: int) -> sympy.Expr:
    """SymPy's own derivative, the check's value. Higher orders go one order at a time,
    multiplied out in between: ``sympy.diff(f, x, n)`` alone can grow as 2^n terms."""
    expected = sympy.diff(f, x)
    for _ in range(n - 1):
        expected = sympy.diff(multiply_out(expected), x)
    return expected


def _derive(f: sympy.Expr, x: sympy.Symbol, thorough: bool = False) -> Step:
    """The first derivative's steps, with a final Tidy step when tidying changes the form."""
    step = derivative_steps(f, x)
    tidied = tidy(step.result, thorough)
    if tidied != step.result:
        return Tidy(substep=step, tidied=tidied)
    return step


def _successive(f: sympy.Expr, x: sympy.Symbol, n: int) -> SuccessiveDerivatives:
    """Differentiate ``n`` times, each derivation worked on the tidied result before it."""
    derivations = [_derive(f, x, thorough=True)]
    for _ in range(n - 1):
        derivations.append(_derive(derivations[-1].result, x, thorough=True))
    return SuccessiveDerivatives(function=f, var=x, order=n, derivations=tuple(derivations))


def _variable(var: str | sympy.Symbol, f: sympy.Basic) -> sympy.Symbol:
    """The symbol to differentiate by; a Symbol not in ``f`` but named like one of its
    symbols (x versus the parser's real x) means that one."""
    if isinstance(var, sympy.Symbol) and var not in f.free_symbols:
        return as_symbol(var.name, f)
    if isinstance(var, sympy.Symbol | str):
        return as_symbol(var, f)
    raise InputError(f"the variable must be a name such as x, not {var!r}; "
                     "pass var='x' or a SymPy Symbol")


def _order(order: object) -> int:
    if isinstance(order, bool) or not isinstance(order, numbers.Integral | sympy.Integer):
        raise InputError(f"the order of a derivative is a whole number from 1 to {MAX_ORDER}, "
                         f"not {order!r}; for the first derivative pass order=1")
    n = int(order)
    if not 1 <= n <= MAX_ORDER:
        raise InputError(f"the order of a derivative must be from 1 to {MAX_ORDER}, not {n}; "
                         "for the first derivative pass order=1")
    return n
