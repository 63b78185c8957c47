"""The ``calcml`` command: thin front ends over the engines (no mathematics here).

Every module in this package registers its commands on the shared ``app``. The command
modules do without ``from __future__ import annotations``: Typer reads a command's options
from its signature, and annotations kept as text must each be compiled and evaluated first,
which tripled the time Typer takes to build the commands (every ``calcml --help`` pays it).
"""

from __future__ import annotations

import copy
import importlib
import os
import pkgutil
import sys

import typer

from calcml.cli.app import app
from calcml.errors import CalcmlError

# Commands are listed in `calcml --help` in the course's lesson order; a family not named
# here is still found, and listed after these.
LESSON_ORDER = ("single", "multivar", "multivar_chain", "learn", "integrals", "roc", "practice",
                "web", "exercises")
# Modules named with a leading underscore hold helpers the commands load when they run.
_found = {m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")} - {"app"}
for _name in [*LESSON_ORDER, *sorted(_found - set(LESSON_ORDER))]:
    if _name in _found:
        importlib.import_module(f"{__name__}.{_name}")


def app_for(args: list[str]) -> typer.Typer:
    """The app as ``calcml *args`` needs it: only the command (or group) that ``args``
    start with, when they start with one, else the whole app (for ``--help`` or a typo).

    Typer turns every command's signature into its options before it runs any, about
    1.5 ms a command; ``calcml diff`` needs one of them.

    >>> [info.name for info in app_for(["diff", "x^2"]).registered_commands]
    ['diff']
    >>> app_for(["--help"]) is app
    True
    """
    name = args[0] if args else None
    commands = [info for info in app.registered_commands if info.name == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    chosen = copy.copy(app)
    chosen.registered_commands, chosen.registered_groups = commands, groups
    return chosen


def main() -> None:
    """Entry point: user errors print a clear message and exit 2; never a traceback."""
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
