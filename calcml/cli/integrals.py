"""The integral command: calcml integrate EXPR [--from A --to B] [--steps] [--numeric M]."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from calcml.cli.app import Expr, Fmt, Format, Steps, Timeout, Var, _emit, _read, app
from calcml.errors import InputError


@app.command("integrate")
def integrate_cmd(expr: Expr, var: Var = "x",
                  lower: Annotated[str | None, typer.Option(
                      "--from", help="The lower bound (with --to): a number, pi/2, -oo.")]
                  = None,
                  upper: Annotated[str | None, typer.Option(
                      "--to", help="The upper bound (with --from): a number, pi/2, oo.")]
                  = None,
                  steps: Steps = False, fmt: Fmt = Format.text,
                  numeric: Annotated[str | None, typer.Option(
                      "--numeric", help="Also integrate numerically by this method: left, "
                      "right, midpoint, trapezoid, simpson, romberg, gauss-legendre, "
                      "adaptive.")] = None,
                  n: Annotated[int | None, typer.Option(
                      "--n", help="Strips (or nodes) for --numeric.")] = None,
                  timeout: Timeout = 5.0) -> None:
    """The integral, worked: an antiderivative + C, or a definite value with --from/--to."""
    from calcml.symbolic.integral import integral

    text = _read(expr)
    _check_options(lower, upper, numeric, n)
    solution = integral(text, var, lower, upper, timeout=timeout)
    estimate = None
    if numeric is not None and not solution.diverges:
        from calcml.numeric import integrate as numeric_integrate

        estimate = numeric_integrate(solution.problem.function, lower, upper, method=numeric,
                                     n=n, var=solution.problem.limits[0][0])
    if solution.antiderivative is None and not solution.definite:
        raise InputError(f"{solution.step.reason}: {text} may have no antiderivative in "
                         "elementary functions; add --from and --to for a numeric value "
                         "of a definite integral")
    _show(solution, estimate, fmt, steps)
    if solution.diverges:
        raise InputError(f"the integral diverges (its value is {solution.result}): the "
                         "area is not finite, see the steps with --steps")


def _check_options(lower: str | None, upper: str | None, numeric: str | None,
                   n: int | None) -> None:
    if (lower is None) != (upper is None):
        raise InputError("a definite integral needs both bounds: give --from and --to, or "
                         "neither for an antiderivative")
    if numeric is not None and lower is None:
        raise InputError("--numeric integrates over an interval: add --from and --to, "
                         "e.g. --from 0 --to 1")
    if n is not None and numeric is None:
        raise InputError("--n sets the strips of a numeric rule: add --numeric, e.g. "
                         "--numeric simpson --n 8")


def _show(solution, estimate, fmt: Format, steps: bool) -> None:
    if fmt is Format.json:
        data = solution.to_dict()
        if estimate is not None:
            data["numeric"] = estimate.to_dict()
        typer.echo(json.dumps(data, indent=2))
        return
    _emit(solution, fmt, steps)
    if estimate is not None:
        exact = solution.result
        shown = f"{float(exact):.15g}" if exact.is_number else str(exact)
        typer.echo(f"\nnumeric ({estimate.method}, n = {estimate.n}): "
                   f"{estimate.estimate:.15g} (error estimate {estimate.error:.3g}, "
                   f"{estimate.evaluations} evaluations); exact value {shown}")
