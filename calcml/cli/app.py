"""The shared pieces of the ``calcml`` command: the app, option types, output helpers.

Each command family lives in its own module in ``calcml/cli/`` and registers its
commands on ``app``, so adding a family means adding one file. The app loads those modules
the first time its commands are read (``calcml --help``, a test's runner), or, to run one
command, only the modules up to the one that registers it (:meth:`App.only`).
"""

from __future__ import annotations

import copy
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from calcml.cli._values import LeanCommand, LeanGroup
from calcml.errors import InputError

LESSON_ORDER = ("single", "multivar", "multivar_chain", "learn", "integrals", "roc", "practice",
                "web", "exercises")
"""The command modules in the course's lesson order, the order of ``calcml --help``; a
module not named here is still found, and listed after these."""


def command_modules() -> list[str]:
    """The modules of ``calcml/cli/`` that register commands, in lesson order (a leading
    underscore marks a module of helpers the commands load when they run).

    >>> command_modules()[:2]
    ['calcml.cli.single', 'calcml.cli.multivar']
    """
    found = {m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
             if not m.name.startswith("_")} - {"app"}
    return [f"calcml.cli.{name}" for name in [*LESSON_ORDER, *sorted(found - set(LESSON_ORDER))]
            if name in found]


def _loaded_first(field: str, doc: str) -> property:
    """A list of an :class:`App`'s, read once the app has loaded its command modules."""
    def read(self: App) -> list[Any]:
        self._load()
        return getattr(self, field)

    def write(self: App, value: list[Any]) -> None:
        setattr(self, field, value)

    return property(read, write, doc=doc)


class App(typer.Typer):
    """The ``calcml`` app (or a group of its commands): its commands read their plain
    options without Pydantic (see :mod:`calcml.cli._values`). Given ``modules``, it loads
    them the first time its commands are read."""

    def __init__(self, *, cls: type | None = None,
                 modules: Callable[[], list[str]] | None = None, **kwargs) -> None:
        self._modules, self._loaded, self._loading = modules, modules is None, False
        super().__init__(cls=cls or LeanGroup, **kwargs)

    def command(self, name: str | None = None, *, cls: type | None = None, **kwargs):
        """Register a command, a :class:`~calcml.cli._values.LeanCommand` by default."""
        return super().command(name, cls=cls or LeanCommand, **kwargs)

    registered_commands = _loaded_first("_commands", "Every command (Typer reads this).")
    registered_groups = _loaded_first("_groups", "Every group of commands (Typer reads this).")

    def _load(self) -> None:
        if not (self._loaded or self._loading):
            self._loaded = True  # first: the modules' decorators add to these lists
            for module in self._modules():
                importlib.import_module(module)

    def only(self, name: str | None) -> App | None:
        """The app with the one command (or group) ``name``, its modules loaded in lesson
        order up to the one that registers it; None when none does. Typer turns every
        command's signature into options before it runs one: ``calcml diff`` needs one.

        >>> [info.name for info in app.only("limit").registered_commands]
        ['limit']
        """
        self._loading = True
        try:
            for module in [] if self._loaded else self._modules():
                importlib.import_module(module)
                if any(info.name == name for info in [*self._commands, *self._groups]):
                    break
        finally:
            self._loading = False
        chosen = copy.copy(self)
        chosen._loaded = True
        chosen._commands = [info for info in self._commands if info.name == name]
        chosen._groups = [info for info in self._groups if info.name == name]
        return chosen if chosen._commands or chosen._groups else None

    def listing(self) -> App:
        """The app as its own help page needs it: each command and group by name and
        summary, none of their options read. Typer turns every command's signature into
        options before it shows a page, which was half of ``calcml --help``'s own start-up;
        the list of commands needs none of them (``calcml diff --help`` goes through
        :meth:`only` and shows every option).

        >>> [info.name for info in app.listing().registered_commands][:3]
        ['diff', 'tangent', 'slope']
        """
        self._load()
        chosen = copy.copy(self)
        chosen._loaded = True
        chosen._commands = [_summary(info) for info in self._commands]
        chosen._groups = [copy.copy(info) for info in self._groups]
        for info in chosen._groups:
            if isinstance(info.typer_instance, App):
                info.typer_instance = info.typer_instance.listing()
        return chosen


def _summary(info: Any) -> Any:
    """A command's entry in a list of commands: its name, help and flags, no options."""
    listed = copy.copy(info)
    if listed.help is None:
        listed.help = inspect.getdoc(info.callback)
    listed.callback = _listed
    return listed


def _listed() -> None:
    """Stands in for a command in a list of commands; never run (see App.listing)."""


app = App(
    modules=command_modules,
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


def _ascii_option(ctx: typer.Context, on: bool) -> bool:
    """--ascii: everything the command prints is ASCII (x^2, ->, partial), while it runs."""
    if on:
        from calcml.cli._terminal import ascii_output

        ctx.with_resource(ascii_output())
    return on


Ascii = Annotated[bool, typer.Option("--ascii", callback=_ascii_option,
                                     help="Plain ASCII text (x^2, not x²).")]
Plot = Annotated[str | None, typer.Option("--plot", "-p", help="Save a figure to this file.")]
Timeout = Annotated[float, typer.Option(help="Seconds allowed for the symbolic work.")]


def _read(expr: str) -> str:
    return sys.stdin.read(100_000) if expr == "-" else expr


def _emit(solution, fmt: Format, steps: bool, notation: Notation = Notation.operator,
          detail: Detail = Detail.normal, ascii: bool = False) -> None:
    """Print a Solution: its first line, or all of it with --steps at --detail, in the
    chosen format (plain ASCII text with --ascii)."""
    if fmt is Format.json:
        _echo_json(solution.to_dict(detail.value))
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


def _echo_json(data: Any) -> None:
    """Print plain data as indented JSON (json loads here: most commands print text)."""
    import json

    typer.echo(json.dumps(data, indent=2))


def _emit_table(result, fmt: Format) -> None:
    _table_format(fmt)
    if fmt is Format.json:
        _echo_json(result.to_dict())
    else:
        typer.echo(result.to_text())


