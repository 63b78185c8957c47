"""Jacobians and Hessians, worked step by step and checked against ``sympy.diff``.

>>> jacobian("x*y, x + y", "x, y").result
Matrix([
[y, x],
[1, 1]])
>>> hessian("x^2 - y^2").result
Matrix([
[2,  0],
[0, -2]])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sympy

from calcml.errors import InputError
from calcml.expr.values import split_top_level
from calcml.steps.base import Check
from calcml.steps.partials.rules import (
    ClairautSymmetry,
    HessianMatrix,
    JacobianMatrix,
    SecondPartial,
)
from calcml.steps.typed import restate_as_typed
from calcml.symbolic.derivatives.check import same_derivative
from calcml.symbolic.partials.common import (
    MultivarSolution,
    PointInput,
    VariablesInput,
    compare,
    gradient_step,
    scalar,
    solve,
    typed_scalar,
    variables,
    worked_partial,
)
from calcml.timelimit import time_limited

__all__ = ["hessian", "hessian_matrix", "jacobian", "jacobian_matrix"]


@time_limited("the Jacobian")
def jacobian_matrix(exprs: str | Sequence[str | sympy.Basic] | sympy.MatrixBase,
                    vars: VariablesInput, *, at: PointInput = None) -> MultivarSolution:
    """The Jacobian of the functions ``exprs`` (m x n ``ImmutableMatrix``): row i holds the
    partial derivatives of the i-th function by ``vars`` in order, worked symbolically.
    Also called :func:`jacobian`; not the autodiff transform
    :func:`calcml.autodiff.jacobian`, which returns a function of arrays.

    ``exprs`` is a list of math text or SymPy expressions, a SymPy vector, or text with
    the functions separated by commas; ``vars`` as in :func:`gradient` (None: every
    symbol, sorted by name). ``at`` evaluates at a point.

    >>> sol = jacobian(["r cos(t)", "r sin(t)"], ["r", "t"], at="r=2, t=0")
    >>> sol.result
    Matrix([
    [1, 0],
    [0, 2]])
    """
    fs = _functions(exprs)
    xs = variables(vars, fs)
    step = JacobianMatrix(functions=fs, variables=xs,
                          rows=tuple(gradient_step(f, xs) for f in fs))
    expected = sympy.ImmutableMatrix([[sympy.diff(f, x) for x in xs] for f in fs])
    check = compare(step.result, expected, xs[0], fs, "sympy.diff, entry by entry")
    return solve(step.expression, step, (check,), xs, at, sympy.ImmutableMatrix(fs),
                 "the Jacobian")


@time_limited("the Hessian")
def hessian_matrix(expr: str | sympy.Basic, vars: VariablesInput = None, *,
                   at: PointInput = None) -> MultivarSolution:
    """The Hessian of ``expr`` (n x n ``ImmutableMatrix``): entry (i, j) differentiates by
    the i-th variable, then by the j-th, worked symbolically. Also called :func:`hessian`;
    not the autodiff transform :func:`calcml.autodiff.hessian`, which returns a function of
    arrays.

    The steps work out the gradient, then each first partial again by every variable, then
    compare the mixed partials (Clairaut's symmetry; also a Check). ``vars`` and ``at``
    as in :func:`gradient`. A second Check compares with ``sympy.diff``.

    >>> sol = hessian("x^3 y + y^2", at="x=1, y=2")
    >>> sol.symbolic.tolist(), sol.result.tolist()
    ([[6*x*y, 3*x**2], [3*x**2, 2]], [[12, 3], [3, 2]])
    >>> [c.agreed for c in sol.checks]
    [True, True]
    """
    parsed = typed_scalar(expr, "a Hessian")
    f = parsed.value
    xs = variables(vars, [f])
    grad = gradient_step(f, xs)
    second = tuple(SecondPartial(function=f, first_var=a, second_var=b, first=g.result,
                                 substep=worked_partial(g.result, b))
                   for a, g in zip(xs, grad.partials, strict=True) for b in xs)
    symmetry = _symmetry(f, xs, second)
    step = HessianMatrix(function=f, variables=xs, gradient=grad, second=second,
                         symmetry=symmetry)
    checks = (compare(step.result, _sympy_hessian(f, xs), xs[0], [f] * len(xs),
                      "sympy.diff, entry by entry"),)
    if symmetry is not None:
        checks += (Check("Clairaut symmetry of the mixed partials", symmetry.agreed,
                         detail="each mixed partial is the same in both orders"
                         if symmetry.agreed else "a mixed partial differs between orders"),)
    return restate_as_typed(parsed, solve(step.expression, step, checks, xs, at, f,
                                          "the Hessian"))


# The names calcml has documented since the start; the same functions.
jacobian = jacobian_matrix
hessian = hessian_matrix


def _sympy_hessian(f: sympy.Expr, xs: tuple[sympy.Symbol, ...]) -> sympy.ImmutableMatrix:
    """SymPy's second partials: the upper triangle differentiated, the lower mirrored."""
    first = [sympy.diff(f, x) for x in xs]
    n = len(xs)
    upper = {(i, j): sympy.diff(first[i], xs[j]) for i in range(n) for j in range(i, n)}
    return sympy.ImmutableMatrix(n, n, lambda i, j: upper[min(i, j), max(i, j)])


def _symmetry(f: sympy.Expr, xs: tuple[sympy.Symbol, ...],
              second: tuple[SecondPartial, ...]) -> ClairautSymmetry | None:
    """The mixed partials in both orders, compared; None with a single variable."""
    n = len(xs)
    compared = []
    for i in range(n):
        for j in range(i + 1, n):
            a, b = second[i * n + j].result, second[j * n + i].result
            same = same_derivative(a, b, xs[i], f)[0]
            compared.append((same, (sympy.Derivative(f, xs[i], xs[j]), a, b)))
    if not compared:
        return None
    compared.sort(key=lambda c: c[0])  # a pair that differs first: the words show it
    return ClairautSymmetry(pairs=tuple(p for _, p in compared),
                            agreed=all(same for same, _ in compared))


def _functions(exprs: Any) -> tuple[sympy.Expr, ...]:
    """The functions of a Jacobian, each one scalar expression."""
    if isinstance(exprs, str):
        exprs = split_top_level(exprs, "the list of functions")
    elif isinstance(exprs, sympy.MatrixBase):
        exprs = list(exprs)
    if not isinstance(exprs, Sequence) or isinstance(exprs, str) or not exprs:
        raise InputError("a Jacobian needs a non-empty list of functions, e.g. "
                         "['x*y', 'x + y']")
    return tuple(scalar(e, f"function {i} of the Jacobian")
                 for i, e in enumerate(exprs, 1))
