"""Single-variable commands, shared by the CLI and the web: diff, tangent, slope, limit,
continuity."""

from __future__ import annotations

from typing import Any

from calcml.errors import InputError


def diff(expr: str, var: str = "x", order: int = 1, timeout: float = 5.0) -> Any:
    """The derivative of ``expr``, worked (``calcml diff``).

    >>> diff("x^3", order=2).result
    6*x
    """
    from calcml.symbolic.derivatives.derivative import derivative

    return derivative(expr, var, order, timeout=timeout)


def tangent(expr: str, at: str, var: str = "x", timeout: float = 5.0) -> Any:
    """The slope at ``at`` and the tangent line there (``calcml tangent``).

    >>> tangent("x^2 + 2x + 2", "2").to_dict()["slope"]
    '6'
    """
    from calcml.symbolic.derivatives.tangent import tangent as tangent_line

    return tangent_line(expr, at, var, timeout=timeout)


def slope(expr: str, at: str, var: str = "x", deltas: str | None = None,
          timeout: float = 5.0) -> Any:
    """The delta method's table of secant slopes as Δx shrinks (``calcml slope``).

    >>> slope("x^2 + 2x + 2", "2", deltas="1").to_dict()["rows"]
    [[1, 3, 17, 7, 1]]
    """
    from calcml.numeric.delta import DEFAULT_DELTAS, delta_table

    steps = numbers(deltas, "--deltas") if deltas else DEFAULT_DELTAS
    return delta_table(expr, at, steps, var=var, timeout=timeout)


def numbers(text: str, option: str) -> list:
    """1 to 30 comma-separated numbers, each read by the safe parser.

    >>> numbers("1, 0.5", "--deltas")
    [1, 1/2]
    """
    from calcml.expr.parser import parse

    parts = [p.strip() for p in text.split(",")]
    if not all(parts) or len(parts) > 30:
        raise InputError(f"{option} takes 1 to 30 comma-separated numbers, got {text!r}")
    return [parse(p) for p in parts]


def limit(expr: str, at: str, var: str = "x", side: str = "+-", timeout: float = 5.0) -> Any:
    """The limit as ``var`` approaches ``at`` from ``side`` (``calcml limit``).

    >>> limit("(x^2 - 1)/(x - 1)", "1").result
    2
    """
    from calcml.symbolic.limits.limit import limit as find_limit

    return find_limit(expr, var, at, side, timeout=timeout)


def continuity(expr: str, var: str = "x", at: str | None = None, on: str = "-10,10",
               timeout: float = 5.0) -> Any:
    """Continuity at ``at`` (a Solution), or the discontinuities on the interval ``on``
    (a list), as ``calcml continuity`` reports them.

    >>> [str(d) for d in continuity("1/x", on="-1,1")]
    ['x = 0: infinite discontinuity (from the left −∞, from the right ∞, f(0) undefined)']
    """
    from calcml.symbolic.limits.continuity import continuity as continuous_at
    from calcml.symbolic.limits.continuity import discontinuities

    if at is not None:
        return continuous_at(expr, var, at, timeout=timeout)
    bounds = numbers(on, "--on")
    if len(bounds) != 2:
        raise InputError(f"--on takes an interval as two numbers 'a,b', got {on!r}")
    return discontinuities(expr, var, tuple(bounds), timeout=timeout)
