"""The ``calcml`` command: thin front ends over the engines (no mathematics here).

Every module in this package registers its commands on the shared ``app``. The command
modules do without ``from __future__ import annotations``: Typer reads a command's options
from its signature, and annotations kept as text must each be compiled and evaluated first,
which tripled the time Typer takes to build the commands (every ``calcml --help`` pays it).
"""

from __future__ import annotations

import os
import sys

import typer

from calcml.cli._terminal import for_terminal
from calcml.cli.app import app
from calcml.errors import CalcmlError


def app_for(args: list[str]) -> typer.Typer:
    """The app as ``calcml *args`` needs it: only the command (or group) that ``args``
    start with, when they start with one, else the list of every command by name and
    summary (for ``--help``, no arguments or a typo). ``calcml diff`` loads and builds one
    command, not every one (see ``App.only``), and ``calcml --help`` reads no command's
    options (see ``App.listing``).

    >>> [info.name for info in app_for(["diff", "x^2"]).registered_commands]
    ['diff']
    >>> len(app_for(["--help"]).registered_commands) == len(app.registered_commands)
    True
    """
    return (app.only(args[0]) if args else None) or app.listing()


def main() -> None:
    """Entry point: user errors print a clear message and exit 2; never a traceback. Where
    the terminal cannot show Unicode, everything is printed in ASCII."""
    with for_terminal():
        _run()


def _run() -> None:
    try:
        app_for(sys.argv[1:])()
    except CalcmlError as err:
        typer.secho(f"error: {err}", fg=typer.colors.RED, err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last guard before a user's terminal
        if os.environ.get("CALCML_DEBUG"):
            raise
        typer.secho(f"internal error: {type(err).__name__}: {err}\n"
                    "This is a bug in calcml; run with CALCML_DEBUG=1 to see the traceback.",
                    fg=typer.colors.RED, err=True)
        sys.exit(3)
