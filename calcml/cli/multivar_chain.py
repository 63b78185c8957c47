"""The multivariable chain-rule family: ``calcml chain`` (the partial-derivative chain rule
through a tree of variables, worked; the single-variable chain rule is a step of ``calcml
diff``) and ``calcml three-ways`` (a gradient symbolically, by autodiff and by finite
differences)."""

from typing import Annotated

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
    _emit,
    _emit_table,
    _read,
    _save,
    _table_format,
    app,
)
from calcml.frontend import multivar as shared

With = Annotated[str, typer.Option(
    "--with", "-w", help="The intermediate variables, e.g. 'x=cos(t), y=sin(t)'.")]
ChainVar = Annotated[str, typer.Option(
    "--var", "-v", help="The variable to differentiate by; several as 's, t'.")]
ChainAt = Annotated[str | None, typer.Option(
    "--at", "-a", help="Evaluate at a point, e.g. 't=1' or 's=1, t=2'.")]


@app.command("chain")
def chain_cmd(expr: Expr, inner: With, var: ChainVar = "t", at: ChainAt = None,
              steps: Steps = False, fmt: Fmt = Format.text, plot: Plot = None,
              timeout: Timeout = 5.0, detail: DetailOpt = Detail.normal,
              ascii: Ascii = False) -> None:
    """The partial-derivative chain rule: dz/dt = ∂z/∂x dx/dt + ∂z/∂y dy/dt, worked.

    Example: calcml chain "x^2 - y^2" --with "x=cos(t), y=sin(t)" --var t --steps
    """
    solution = shared.chain(_read(expr), inner, var, at, timeout)
    _emit(solution, fmt, steps, detail=detail, ascii=ascii)
    if at is not None and fmt is Format.text and not steps:
        values = ", ".join(f"{v:.10g}" for v in solution.to_dict()["value_float"])
        typer.echo(f"about {values}")
    if plot:
        from calcml.plot.multivar_chain import plot_chain_tree

        _save(plot_chain_tree(solution), plot)


@app.command("three-ways")
def three_ways_cmd(expr: Expr, at: Annotated[str, typer.Option(
                       "--at", "-a", help="The point, e.g. 'x=2, y=3'.")],
                   vars: Annotated[str | None, typer.Option(
                       "--vars", help="The variables in order, e.g. 'r, l' (default: all).")]
                   = None,
                   fmt: Fmt = Format.text) -> None:
    """The gradient three ways (symbolic, autodiff, finite differences), compared.

    Example: calcml three-ways "x^2 - y^2" --at "x=2, y=3"
    """
    _table_format(fmt)
    _emit_table(shared.three_ways(_read(expr), at, vars), fmt)
