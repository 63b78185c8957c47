"""Multivariable commands: partial, grad, hessian (lessons 6 and 7)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from calcml.cli.app import Expr, Fmt, Format, Plot, Steps, Timeout, Var, _emit, _read, _save, app
from calcml.errors import InputError

At = Annotated[str | None, typer.Option(
    "--at", "-a", help="The point, e.g. x=2,y=3 (a value for every variable).")]
Vars = Annotated[str | None, typer.Option(
    "--vars", help="The variables in order, e.g. x,y (default: all, sorted by name).")]


def _point(solution) -> dict[str, float]:
    """The solution's point as names and floats, for a figure."""
    return {s.name: float(v) for s, v in solution.point}


def _show(solution, fmt: Format, steps: bool) -> None:
    """The solution; in short text with a point, also its value as a decimal."""
    _emit(solution, fmt, steps)
    if fmt is Format.text and not steps and solution.point:
        value = solution.value_float
        shown = f"{value:.6g}" if isinstance(value, float) else \
            "[" + ", ".join("[" + ", ".join(f"{v:.6g}" for v in row) + "]" for row in value) + "]"
        typer.echo(f"  about {shown}; the function's value there is "
                   f"{solution.function_value_float:.6g}")


def _needs_point(plot: str | None, at: str | None, what: str) -> None:
    if plot and at is None:
        raise InputError(f"--plot draws {what} through a point: add --at, e.g. --at x=1,y=2")


@app.command("partial")
def partial_cmd(expr: Expr, var: Var = "x", at: At = None, steps: Steps = False,
                fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0) -> None:
    """A partial derivative: the other variables held constant (try --steps)."""
    from calcml.symbolic.partial import partial

    text = _read(expr)
    _needs_point(plot, at, "the slices")
    solution = partial(text, var, at=at, timeout=timeout)
    _show(solution, fmt, steps)
    if plot:
        from calcml.plot.multivar import plot_slices

        _save(plot_slices(text, _point(solution), var=solution.variables[0].name), plot)


@app.command("grad")
def grad_cmd(expr: Expr, variables: Vars = None, at: At = None, steps: Steps = False,
             fmt: Fmt = Format.text, plot: Plot = None,
             three_ways: Annotated[bool, typer.Option(
                 "--three-ways", help="Also compute the gradient numerically and by autodiff "
                 "at --at, and compare.")] = False,
             timeout: Timeout = 5.0) -> None:
    """The gradient, a column of partial derivatives in a stated variable order."""
    from calcml.symbolic.partial import gradient

    text = _read(expr)
    if three_ways and at is None:
        raise InputError("--three-ways compares the gradient at a point: add --at, "
                         "e.g. --at x=1,y=2")
    solution = gradient(text, variables, at=at, timeout=timeout)
    ways = None
    if three_ways:
        from calcml.symbolic.three_ways import gradient_three_ways

        names = [v.name for v in solution.variables]
        ways = gradient_three_ways(text, _point(solution), vars=names)
    if fmt is Format.json:
        data = solution.to_dict()
        if ways is not None:
            data["three_ways"] = ways.to_dict()
        typer.echo(json.dumps(data, indent=2))
    else:
        _show(solution, fmt, steps)
        if ways is not None:
            typer.echo("\n" + ways.to_text())
    if plot:
        from calcml.plot.multivar_surface import plot_gradient_field

        names = [v.name for v in solution.variables]
        _save(plot_gradient_field(text, at=_point(solution) or None,
                                  vars=names if len(names) == 2 else None), plot)


@app.command("hessian")
def hessian_cmd(expr: Expr, variables: Vars = None, at: At = None, steps: Steps = False,
                fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0) -> None:
    """The Hessian, the matrix of second partial derivatives, with Clairaut's symmetry."""
    from calcml.symbolic.partial import hessian

    text = _read(expr)
    _needs_point(plot, at, "the surface and its curvature")
    solution = hessian(text, variables, at=at, timeout=timeout)
    _show(solution, fmt, steps)
    if plot:
        from calcml.plot.multivar_surface import plot_surface

        _save(plot_surface(text, _point(solution)), plot)
