"""A throwaway PostgreSQL server on loopback, for the tests and the load benchmark.

:func:`start_server` runs ``initdb`` and ``pg_ctl`` from ``/usr/lib/postgresql/*/bin`` in
a temporary directory, as the ``postgres`` system user when run as root (PostgreSQL
refuses to run as root), listening on a free port of 127.0.0.1 with its unix socket in
that directory; :func:`stop_server` stops it and removes the directory. Durability
settings are off (``fsync=off``): the data is thrown away afterwards. ``tests/postgres.py``
builds its fixtures on these functions; ``benchmarks/load.py`` uses them directly.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "postgres"


@dataclass(frozen=True)
class Server:
    """A running throwaway server: connect as ``user`` on 127.0.0.1:``port``, no password.

    >>> Server(5433, "postgres", Path("/tmp/pg")).url("calcml")
    'postgresql+psycopg://postgres@127.0.0.1:5433/calcml'
    """

    port: int
    user: str
    directory: Path

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or ``None``."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def cannot_start() -> str | None:
    """Why a server cannot be started here (no binaries, root without runuser), or None."""
    if server_binaries() is None:
        return ("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin; "
                "install them with scripts/system-packages.sh (make test does)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "running as root without runuser: cannot start PostgreSQL as postgres"
    return None


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_owner(command), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def start_server(binaries: Path, max_connections: int = 60) -> Server:
    """initdb, then pg_ctl start on a free port; a few ports are tried if one is taken."""
    directory = Path(tempfile.mkdtemp(prefix="calcml-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SYSTEM_USER)
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    data = directory / "data"
    _run([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--no-sync", "--no-instructions"], "initdb")
    for _ in range(5):
        port = free_port()
        options = (f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c full_page_writes=off -c max_connections={max_connections}")
        try:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "30",
                  "-l", str(directory / "server.log"), "start"], "pg_ctl start")
            return Server(port=port, user="postgres", directory=directory)
        except RuntimeError:
            continue
    log = (directory / "server.log").read_text() if (directory / "server.log").exists() else ""
    raise RuntimeError(f"PostgreSQL did not start on any of 5 ports:\n{log}")


def stop_server(binaries: Path, server: Server) -> None:
    """Stop the server at once and remove its directory."""
    _run([str(binaries / "pg_ctl"), "-D", str(server.directory / "data"), "-m", "immediate",
          "-w", "stop"], "pg_ctl stop")
    shutil.rmtree(server.directory, ignore_errors=True)


def admin_url(server: Server) -> str:
    """The psycopg URL of the server's maintenance database."""
    return f"postgresql://{server.user}@127.0.0.1:{server.port}/postgres"


def create_database(server: Server, name: str) -> str:
    """Create the empty database ``name``; its SQLAlchemy URL."""
    import psycopg

    with psycopg.connect(admin_url(server), autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server.url(name)


def drop_database(server: Server, name: str) -> None:
    """Drop the database ``name``, closing its connections."""
    import psycopg

    with psycopg.connect(admin_url(server), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
