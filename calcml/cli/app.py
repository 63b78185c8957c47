"""The shared pieces of the ``calcml`` command: the app, option types, output helpers.

Each command family lives in its own module in ``calcml/cli/`` and registers its
commands on ``app``; ``calcml.cli`` imports every module of the package, so adding a
family means adding one file.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from calcml.cli._values import LeanCommand, LeanGroup
from calcml.errors import InputError


class App(typer.Typer):
    """The ``calcml`` app (or a group of its commands): its commands read their plain
    options without Pydantic (see :mod:`calcml.cli._values`)."""

    def __init__(self, *, cls: type | None = None, **kwargs) -> None:
        super().__init__(cls=cls or LeanGroup, **kwargs)

    def command(self, name: str | None = None, *, cls: type | None = None, **kwargs):
        """Register a command, a :class:`~calcml.cli._values.LeanCommand` by default."""
        return super().command(name, cls=cls or LeanCommand, **kwargs)


app = App(
    name="calcml",
    help="The calculus of machine learning, computed and explained step by step.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no Rich or Markdown to load, a third of the start-up
    add_completion=False,
)


@app.callback()
def _root() -> None:
    # A root callback keeps the app a group of commands even when it is given only the one
    # command being run (see calcml.cli.app_for); its help is the app's own.
    return None


class Format(StrEnum):
    text = "text"
    latex = "latex"
    html = "html"
    json = "json"


class Detail(StrEnum):
    brief = "brief"
    normal = "normal"
    full = "full"


class Notation(StrEnum):
    operator = "operator"
    leibniz = "leibniz"
    lagrange = "lagrange"
    newton = "newton"


Expr = Annotated[str, typer.Argument(help="Math text, e.g. 'x^2 + 2x + 2'; '-' reads stdin.")]
Var = Annotated[str, typer.Option("--var", "-v", help="The variable.")]
Steps = Annotated[bool, typer.Option("--steps/--no-steps", "-s", help="Show the worked steps.")]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
DetailOpt = Annotated[Detail, typer.Option(
    "--detail", help="With --steps: brief (the equalities and their rules), normal (with the "
    "reason for each rule) or full (every step).")]
Ascii = Annotated[bool, typer.Option("--ascii", help="Plain ASCII text (x^2, not x²).")]
Plot = Annotated[str | None, typer.Option("--plot", "-p", help="Save a figure to this file.")]
Timeout = Annotated[float, typer.Option(help="Seconds allowed for the symbolic work.")]


def _read(expr: str) -> str:
    return sys.stdin.read(100_000) if expr == "-" else expr


def _emit(solution, fmt: Format, steps: bool, notation: Notation = Notation.operator,
          detail: Detail = Detail.normal, ascii: bool = False) -> None:
    """Print a Solution: its first line, or all of it with --steps at --detail, in the
    chosen format (plain ASCII text with --ascii)."""
    if fmt is Format.json:
        typer.echo(json.dumps(solution.to_dict(detail.value), indent=2))
    elif fmt is Format.text and not steps:
        # the text's first line, the problem and its answer, without the steps' words
        from calcml.steps.render import renderer_for

        typer.echo(renderer_for("text", notation.value, ascii).problem(solution))
    else:
        typer.echo(solution.render(fmt.value, notation.value, detail.value, ascii))


def _save(fig, path: str) -> None:
    from calcml.plot.style import save

    save(fig, path)
    typer.echo(f"figure saved to {path}", err=True)


Point = Annotated[str, typer.Option("--at", "-a", help="The point, e.g. 2, -1, pi/2, oo.")]


def _table_format(fmt: Format) -> None:
    if fmt not in (Format.text, Format.json):
        raise InputError("this command prints a table: use --format text or json, "
                         f"not {fmt.value}")


def _emit_table(result, fmt: Format) -> None:
    _table_format(fmt)
    if fmt is Format.json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        typer.echo(result.to_text())


