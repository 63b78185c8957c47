"""The integral command: calcml integrate EXPR [--from A --to B] [--steps] [--numeric M]."""

from typing import Annotated

import typer

from calcml.cli.app import (
    Ascii,
    Detail,
    DetailOpt,
    Expr,
    Fmt,
    Format,
    Steps,
    Timeout,
    Var,
    _echo_json,
    _emit,
    _read,
    _save,
    app,
)
from calcml.errors import InputError
from calcml.frontend.integrals import IntegralResult, integrate


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
                  timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
                  ascii: Ascii = False, plot: Annotated[str | None, typer.Option(
                      "--plot", "-p", help="Save the area under the curve (with --from and "
                      "--to), or the shapes of the --numeric rule, to this file.")] = None
                  ) -> None:
    """The integral, worked: an antiderivative + C, or a definite value with --from/--to."""
    result = integrate(_read(expr), var, lower, upper, numeric, n, timeout)
    figure = _figure(result) if plot else None
    _show(result, fmt, steps, detail, ascii)
    if result.solution.diverges:
        raise InputError(f"{result.solution.divergence}; see the steps with --steps")
    if plot:
        _save(figure, plot)


def _figure(result: IntegralResult):
    """The area (or the rule's shapes) of the worked integral, drawn before anything is
    printed, so that a command never prints and then fails on its figure."""
    from calcml.course.integral_areas import figure_result
    from calcml.plot.integrals import plot_integral

    return plot_integral(figure_result(result.solution, result.estimate))


def _show(result: IntegralResult, fmt: Format, steps: bool, detail: Detail,
          ascii: bool) -> None:
    solution, estimate = result.solution, result.estimate
    if fmt is Format.json:
        _echo_json(result.to_dict(detail.value))
        return
    _emit(solution, fmt, steps, detail=detail, ascii=ascii)
    if estimate is not None:
        exact = solution.result
        shown = f"{float(exact):.15g}" if exact.is_number else str(exact)
        typer.echo(f"\nnumeric ({estimate.method}, n = {estimate.n}): "
                   f"{estimate.estimate:.15g} (error estimate {estimate.error:.3g}, "
                   f"{estimate.evaluations} evaluations); exact value {shown}")
