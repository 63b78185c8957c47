"""Partial derivatives, gradients and directional derivatives, worked step by step.

Each partial derivative holds the other variables constant and then applies the
single-variable rules of :func:`calcml.symbolic.derivative_steps`; each result is checked
against ``sympy.diff``. Jacobians and Hessians live in :mod:`calcml.symbolic.partials.matrix`
and are exported here too.

Every function returns a :class:`MultivarSolution`: ``result`` is the symbolic answer, or
its exact value when a point is given with ``at=`` (``value_float`` gives it as floats,
``symbolic`` keeps the formula).

>>> partial("x^2 - y^2", "y").result
-2*y
>>> gradient("x^2 - y^2", at="x=2, y=3").result
Matrix([
[ 4],
[-6]])
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from calcml.errors import InputError
from calcml.expr.values import read_vector
from calcml.steps.base import Check
from calcml.steps.partials.rules import AlongDirection, DirectionalDerivative, UnitVector, column
from calcml.steps.typed import restate_as_typed
from calcml.symbolic.derivatives.check import same_derivative, tidy
from calcml.symbolic.partials.common import (
    MultivarSolution,
    PointInput,
    VariablesInput,
    compare,
    gradient_step,
    known_variable,
    scalar,
    solve,
    typed_scalar,
    variables,
    worked_partial,
)
from calcml.symbolic.partials.matrix import hessian, hessian_matrix, jacobian, jacobian_matrix
from calcml.timelimit import time_limited

__all__ = ["MultivarSolution", "directional_derivative", "gradient", "hessian",
           "hessian_matrix", "jacobian", "jacobian_matrix", "partial"]



@time_limited("the partial derivative")
def partial(expr: str | sympy.Basic, var: str | sympy.Symbol, *,
            at: PointInput = None) -> MultivarSolution:
    """∂``expr``/∂``var``, the other variables held constant, with worked steps.

    ``expr`` is math text or SymPy; ``var`` must be one of its variables. With ``at``
    (``{"x": 2, "y": 3}`` or ``"x=2, y=3"``, a value for every variable), ``result`` is
    the exact value there and ``value_float`` its float; ``function_value`` is f there.
    The check compares with ``sympy.diff``. Runs under ``timeout=`` seconds (5 default).

    >>> sol = partial("x^2 - y^2", "x", at="x=3, y=0")
    >>> sol.symbolic, sol.result, sol.function_value, sol.agreed
    (2*x, 6, 9, True)
    >>> round(partial("pi r^2 l", "r", at={"r": 3, "l": 5}).value_float, 2)
    94.25
    """
    parsed = typed_scalar(expr, "a partial derivative")
    f = parsed.value
    x = known_variable(var, f)
    step = worked_partial(f, x)
    check = compare(column([step.result]), column([sympy.diff(f, x)]), x, [f], "sympy.diff")
    return restate_as_typed(parsed, solve(sympy.Derivative(f, x), step, (check,), (x,), at,
                                          f, f"the partial derivative by {x}"))


@time_limited("the gradient")
def gradient(expr: str | sympy.Basic, vars: VariablesInput = None, *,
             at: PointInput = None) -> MultivarSolution:
    """∇``expr`` as a column (n x 1 ``ImmutableMatrix``) in the order of ``vars``, worked
    symbolically (not :func:`calcml.autodiff.grad`, the transform that returns a function
    computing gradients of arrays).

    ``vars`` (names, symbols, or text ``"x, y"``) defaults to every symbol of ``expr``
    sorted by name; a variable listed explicitly may be absent (its entry is 0), and a
    symbol left out is held constant as a parameter. ``at`` evaluates at a point, as in
    :func:`partial`.

    >>> gradient("x^2 - y^2").result.T
    Matrix([[2*x, -2*y]])
    >>> gradient("m x + b", vars="b, m").result.T
    Matrix([[1, x]])
    """
    parsed = typed_scalar(expr, "a gradient")
    f = parsed.value
    xs = variables(vars, [f])
    step = gradient_step(f, xs)
    expected = column(sympy.diff(f, x) for x in xs)
    check = compare(step.result, expected, xs[0], [f] * len(xs), "sympy.diff, entry by entry")
    return restate_as_typed(parsed, solve(step.expression, step, (check,), xs, at, f,
                                          "the gradient"))


@time_limited("the directional derivative")
def directional_derivative(expr: str | sympy.Basic, direction: str | Sequence,
                           vars: VariablesInput = None, *,
                           at: PointInput = None) -> MultivarSolution:
    """The slope of ``expr`` along ``direction`` (scaled to a unit vector): ∇f · u.

    ``direction`` has one component per variable of ``vars`` (text ``"3, 4"`` or a
    list). The check differentiates f(p + t u) by t at t = 0 with ``sympy.diff``.

    >>> sol = directional_derivative("x^2 - y^2", [3, 4], at="x=2, y=3")
    >>> sol.symbolic, sol.result
    (6*x/5 - 8*y/5, -12/5)
    """
    f = scalar(expr, "a directional derivative")
    xs = variables(vars, [f])
    v = read_vector(direction, len(xs))
    if all(c == 0 for c in v):
        raise InputError("the direction is the zero vector, which points nowhere; give a "
                         "direction with a non-zero component, e.g. 1, 0")
    unit = UnitVector(direction=v, length=sympy.sqrt(sum(c**2 for c in v)))
    grad = gradient_step(f, xs)
    dot = tidy(sympy.Add(*(g * u for g, u in zip(grad.result, unit.result, strict=True))))
    step = DirectionalDerivative(function=f, gradient=grad, unit=unit, value=dot)
    return solve(AlongDirection(f, unit.result), step, (_line_check(f, xs, unit, dot),), xs,
                 at, f, "the directional derivative")


def _line_check(f: sympy.Expr, xs: tuple[sympy.Symbol, ...], unit: UnitVector,
                mine: sympy.Expr) -> Check:
    """d/dt f(p + t u) at t = 0, by ``sympy.diff``: the slope along the line through p."""
    t = sympy.Dummy("t", real=True)
    moved = f.xreplace({x: x + t * u for x, u in zip(xs, unit.result, strict=True)})
    expected = sympy.diff(moved, t).xreplace({t: 0})
    agreed, detail = same_derivative(mine, expected, xs[0], f)
    return Check("sympy.diff of f(p + t u) by t at t = 0", agreed, value=expected,
                 detail=detail)
