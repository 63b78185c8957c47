"""Single-variable commands: diff, tangent, slope, limit, continuity."""

from typing import Annotated, Any

import typer

from calcml.cli.app import (
    Ascii,
    Detail,
    DetailOpt,
    Expr,
    Fmt,
    Format,
    Notation,
    Plot,
    Point,
    Steps,
    Timeout,
    Var,
    _echo_json,
    _emit,
    _emit_table,
    _read,
    _save,
    _table_format,
    app,
)
from calcml.errors import InputError
from calcml.frontend import single as shared
from calcml.frontend import to_json


@app.command("diff")
def diff_cmd(expr: Expr, var: Var = "x",
             order: Annotated[int, typer.Option("--order", "-n", help="Which derivative.")] = 1,
             steps: Steps = False, fmt: Fmt = Format.text,
             notation: Annotated[Notation, typer.Option(help="How d/dx is written.")]
             = Notation.operator,
             plot: Annotated[str | None, typer.Option(
                 "--plot", "-p", help="Save the curve with secants and tangent at --at.")]
             = None,
             at: Annotated[str | None, typer.Option(
                 "--at", "-a", help="Where to draw the tangent for --plot.")] = None,
             timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
             ascii: Ascii = False) -> None:
    """The derivative, with the rules that produce it (try --steps)."""
    text = _read(expr)
    if plot and at is None:
        raise InputError("--plot draws the tangent at a point: add --at, e.g. --at 2")
    solution = shared.diff(text, var, order, timeout)
    figure = _secants_figure(shared.slope(text, at, var, "3, 2, 1, 0.1", timeout)) \
        if plot else None
    _emit(solution, fmt, steps, notation, detail, ascii)
    if plot:
        _save(figure, plot)


def _secants_figure(result: Any) -> Any:
    """The delta method's figure of a tangent or of a table of secants (drawn before
    anything is printed, so that a command never prints and then fails on its figure)."""
    from calcml.plot.delta import plot_secants

    return plot_secants(result)


@app.command("tangent")
def tangent_cmd(expr: Expr, at: Point, var: Var = "x", steps: Steps = False,
                fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0,
                detail: DetailOpt = Detail.normal, ascii: Ascii = False) -> None:
    """The slope at a point and the tangent line there, y = m x + b."""
    text = _read(expr)
    line = shared.tangent(text, at, var, timeout)
    figure = _secants_figure(line) if plot else None
    if fmt is Format.json:
        _echo_json(line.to_dict())
    elif fmt is Format.text:
        typer.echo(line.to_text())
        if steps:
            typer.echo("\nThe derivative, worked:\n"
                       + line.solution.to_text(detail=detail.value, ascii=ascii))
    else:
        typer.echo(line.render(fmt.value))
    if plot:
        _save(figure, plot)


@app.command("slope")
def slope_cmd(expr: Expr, at: Point, var: Var = "x",
              deltas: Annotated[str | None, typer.Option(
                  help="Comma-separated Δx values, e.g. 1,0.1,0.01.")] = None,
              fmt: Fmt = Format.text, plot: Plot = None, timeout: Timeout = 5.0) -> None:
    """The delta method: secant slopes from P to Q as Δx shrinks toward 0."""
    _table_format(fmt)
    text = _read(expr)
    table = shared.slope(text, at, var, deltas, timeout)
    figure = _secants_figure(table) if plot else None
    _emit_table(table, fmt)
    if plot:
        _save(figure, plot)


@app.command("limit")
def limit_cmd(expr: Expr, at: Point, var: Var = "x",
              side: Annotated[str, typer.Option(
                  "--dir", "-d", help="+- (both sides), + (from the right), - (from the left).")]
              = "+-",
              steps: Steps = False, fmt: Fmt = Format.text,
              table: Annotated[bool, typer.Option(help="Show the approaching table.")] = False,
              plot: Plot = None, timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
              ascii: Ascii = False) -> None:
    """The limit, with the strategy that finds it and the numbers that approach it."""
    from calcml.expr.printing import to_text
    from calcml.steps.limits.rules import DNE

    text = _read(expr)
    solution = shared.limit(text, at, var, side, timeout)
    figure = _limit_figure(solution) if plot else None
    _emit(solution, fmt, steps, detail=detail, ascii=ascii)
    if fmt is Format.text and not steps and solution.result == DNE:
        typer.echo(f"  from the left: {to_text(solution.left)}, "
                   f"from the right: {to_text(solution.right)}")
    if table and fmt is Format.text:
        typer.echo("\n" + solution.table_text())
    if plot:
        _save(figure, plot)


def _limit_figure(solution: Any) -> Any:
    """The figure of a worked limit, drawn before anything is printed."""
    from calcml.plot.limits import plot_limit

    return plot_limit(solution)


@app.command("continuity")
def continuity_cmd(expr: Expr, var: Var = "x",
                   at: Annotated[str | None, typer.Option(
                       "--at", "-a", help="Check continuity at this point.")] = None,
                   on: Annotated[str, typer.Option(
                       help="List and classify discontinuities on this interval, 'a,b'.")]
                   = "-10,10",
                   steps: Steps = False, fmt: Fmt = Format.text,
                   plot: Annotated[str | None, typer.Option(
                       "--plot", "-p", help="Save the graph near --at (hole, jump or "
                       "asymptote) to this file.")] = None,
                   timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
                   ascii: Ascii = False) -> None:
    """Continuity at a point (--at), or the discontinuities on an interval (--on a,b)."""
    text = _read(expr)
    if plot and at is None:
        raise InputError("--plot draws the graph near a point: add --at, e.g. --at 0")
    if at is None:
        _table_format(fmt)
    found = shared.continuity(text, var, at, on, timeout)
    if at is not None:
        figure = _limit_figure(shared.limit(text, at, var, "+-", timeout)) if plot else None
        _emit(found, fmt, steps, detail=detail, ascii=ascii)
        if plot:
            _save(figure, plot)
        return
    if fmt is Format.json:
        _echo_json(to_json(found))
    else:
        typer.echo("\n".join(str(d) for d in found) or f"no discontinuities on [{on}]")
