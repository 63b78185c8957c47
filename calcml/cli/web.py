"""The web app's command: ``calcml serve`` (the pages and the JSON API, offline)."""

from __future__ import annotations

import os
import socket
from typing import Annotated

import typer

from calcml.cli.app import app
from calcml.errors import InputError


@app.command("serve")
def serve_cmd(host: Annotated[str, typer.Option(
                  help="The address to listen on; 127.0.0.1 serves this computer only.")]
              = "127.0.0.1",
              port: Annotated[int, typer.Option(help="The port to listen on.")] = 8000,
              workers: Annotated[int, typer.Option(
                  help="Server processes; each computes in its own pool of worker "
                  "processes.")] = 1,
              database: Annotated[str | None, typer.Option(
                  help="Where practice progress is kept: a database URL (default: "
                  "CALCML_DATABASE_URL, else a SQLite file in your data directory).")]
              = None) -> None:
    """Start the course web app: every lesson's calculators and practice, offline."""
    import uvicorn

    if not 1 <= port <= 65535:
        raise InputError(f"--port takes a port number from 1 to 65535, got {port}")
    if not 1 <= workers <= 64:
        raise InputError(f"--workers takes 1 to 64 server processes, got {workers}")
    from calcml.store import open_store

    _check_address(host, port)
    open_store(database).close()  # a database that cannot be opened stops here, clearly
    if database is not None:
        os.environ["CALCML_DATABASE_URL"] = database  # read by every server process
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"calcml is serving at http://{shown}:{port}/ (press Ctrl+C to stop)")
    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("note: there is no sign-in yet; anyone who can reach this address can "
                   "use the calculators", err=True)
    uvicorn.run("calcml.web.app:create_app", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def _check_address(host: str, port: int) -> None:
    """Refuse, clearly, an address this computer cannot listen on (a port in use)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        raise InputError(f"--host {host!r} is not an address of this computer: use one such "
                         "as 127.0.0.1 (this computer only) or 0.0.0.0 (every network)") from None
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as err:
        raise InputError(f"cannot listen on {host} port {port} ({err.strerror or err}): "
                         "stop the program using it, or choose another with --port") from None
