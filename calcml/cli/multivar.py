"""Multivariable commands: partial, grad, hessian (lessons 6 and 7)."""

from typing import Annotated, Any

import typer

from calcml.cli.app import (
    Ascii,
    Detail,
    DetailOpt,
    Expr,
    Fmt,
    Format,
    Plot,
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
from calcml.frontend import multivar as shared

At = Annotated[str | None, typer.Option(
    "--at", "-a", help="The point, e.g. x=2,y=3 (a value for every variable).")]
Vars = Annotated[str | None, typer.Option(
    "--vars", help="The variables in order, e.g. x,y (default: all, sorted by name).")]


def _show(solution, fmt: Format, steps: bool, detail: Detail = Detail.normal,
          ascii: bool = False) -> None:
    """The solution; in short text with a point, also its value as a decimal."""
    _emit(solution, fmt, steps, detail=detail, ascii=ascii)
    if fmt is Format.text and not steps and solution.point:
        from calcml.expr.printing import hang

        typer.echo(hang("  about ", _decimals(solution.value_float, ascii)) +
                   f"; the function's value there is {solution.function_value_float:.6g}")


def _decimals(value: Any, ascii: bool) -> str:
    """A value in decimals laid out as the line above it: a number, a vector (4, -6), or a
    matrix on several lines.

    >>> print(_decimals([[2.0, 0.5], [0.5, -6.0]], ascii=True))
    [  2  0.5]
    [0.5   -6]
    """
    import sympy

    from calcml.expr.printing import to_text

    if isinstance(value, float):
        return f"{value:.6g}"
    cells = [[sympy.Symbol(f"{v:.6g}") for v in row] for row in value]
    return to_text(sympy.Matrix(cells), ascii=ascii or None)


def _needs_point(plot: str | None, at: str | None, what: str) -> None:
    if plot and at is None:
        raise InputError(f"--plot draws {what} through a point: add --at, e.g. --at x=1,y=2")


@app.command("partial")
def partial_cmd(expr: Expr, var: Var = "x", at: At = None, steps: Steps = False,
                fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0,
                detail: DetailOpt = Detail.normal, ascii: Ascii = False) -> None:
    """A partial derivative: the other variables held constant (try --steps)."""
    text = _read(expr)
    _needs_point(plot, at, "the slices")
    _show_and_save(shared.partial(text, var, at, timeout), "plot_slices", plot, fmt, steps,
                   detail, ascii)


def _show_and_save(solution: Any, figure: str, plot: str | None, fmt: Format, steps: bool,
                   detail: Detail, ascii: bool) -> None:
    """Show the solution; with --plot, save its figure ``calcml.plot.<figure>``."""
    drawn = _figure(figure, solution) if plot else None
    _show(solution, fmt, steps, detail, ascii)
    if plot:
        _save(drawn, plot)


def _figure(name: str, solution: Any) -> Any:
    """The figure ``calcml.plot.<name>`` of the worked solution, drawn before anything is
    printed (so that a command never prints and then fails on its figure)."""
    from calcml import plot

    return getattr(plot, name)(solution)


@app.command("grad")
def grad_cmd(expr: Expr, variables: Vars = None, at: At = None, steps: Steps = False,
             fmt: Fmt = Format.text, plot: Plot = None,
             three_ways: Annotated[bool, typer.Option(
                 "--three-ways", help="Also compute the gradient numerically and by autodiff "
                 "at --at, and compare.")] = False,
             timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
             ascii: Ascii = False) -> None:
    """The gradient, a column of partial derivatives in a stated variable order."""
    text = _read(expr)
    result = shared.grad(text, variables, at, three_ways, timeout)
    solution, ways = result.solution, result.ways
    figure = _figure("plot_gradient_field", solution) if plot else None
    if fmt is Format.json:
        _echo_json(result.to_dict(detail.value))
    else:
        _show(solution, fmt, steps, detail, ascii)
        if ways is not None:
            typer.echo("\n" + ways.to_text())
    if plot:
        _save(figure, plot)


@app.command("hessian")
def hessian_cmd(expr: Expr, variables: Vars = None, at: At = None, steps: Steps = False,
                fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0,
                detail: DetailOpt = Detail.normal, ascii: Ascii = False) -> None:
    """The Hessian, the matrix of second partial derivatives, with Clairaut's symmetry."""
    text = _read(expr)
    _needs_point(plot, at, "the surface and its curvature")
    _show_and_save(shared.hessian(text, variables, at, timeout), "plot_surface", plot, fmt,
                   steps, detail, ascii)
