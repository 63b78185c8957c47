"""The ``calcml`` command: thin front ends over the engines (no mathematics here).

Every module in this package registers its commands on the shared ``app``.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

from calcml.cli.app import app
from calcml.errors import CalcmlError

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "app":
        importlib.import_module(f"{__name__}.{_module.name}")


def main() -> None:
    """Entry point: user errors print a clear message and exit 2; never a traceback."""
    try:
        app()
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
