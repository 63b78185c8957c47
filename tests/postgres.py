"""A real PostgreSQL server for the tests, started by the fixture itself.

``postgres_server`` (session-scoped) runs ``initdb`` and ``pg_ctl`` from
``/usr/lib/postgresql/*/bin`` in a temporary directory, as the ``postgres`` system user
when the tests run as root (PostgreSQL refuses to run as root), listening on a free
loopback port with its unix socket in that directory; it is stopped and removed at the
end. ``postgres_url`` gives each test a fresh, empty database and drops it afterwards.
Without the server binaries (``scripts/system-packages.sh`` installs them; ``make test``
runs it) the tests that use these fixtures are skipped with that reason.

Registered from ``tests/conftest.py``; with pytest-xdist each worker starts its own
server (about a second).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SYSTEM_USER = "postgres"


@dataclass(frozen=True)
class Server:
    """A running test server: connect as ``user`` on 127.0.0.1:``port``, no password."""

    port: int
    user: str
    directory: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def server_binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory, or ``None``."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SYSTEM_USER, "--", *command]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_owner(command), capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def start_server(binaries: Path) -> Server:
    """initdb, then pg_ctl start on a free port; a few ports are tried if one is taken."""
    directory = Path(tempfile.mkdtemp(prefix="calcml-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam(SYSTEM_USER)
        os.chown(directory, owner.pw_uid, owner.pw_gid)
    data = directory / "data"
    _run([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
          "-E", "UTF8", "--no-sync", "--no-instructions"], "initdb")
    for _ in range(5):
        port = _free_port()
        options = (f"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c max_connections=60")
        try:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "30",
                  "-l", str(directory / "server.log"), "start"], "pg_ctl start")
            return Server(port=port, user="postgres", directory=directory)
        except RuntimeError:
            continue
    log = (directory / "server.log").read_text() if (directory / "server.log").exists() else ""
    raise RuntimeError(f"PostgreSQL did not start on any of 5 ports:\n{log}")


def stop_server(binaries: Path, server: Server) -> None:
    _run([str(binaries / "pg_ctl"), "-D", str(server.directory / "data"), "-m", "immediate",
          "-w", "stop"], "pg_ctl stop")
    shutil.rmtree(server.directory, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """The session's PostgreSQL server (skips when the binaries are not installed)."""
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin; "
                    "install them with scripts/system-packages.sh (make test does)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: cannot start PostgreSQL as postgres")
    server = start_server(binaries)
    yield server
    stop_server(binaries, server)


@pytest.fixture
def postgres_url(postgres_server: Server) -> Iterator[str]:
    """A fresh, empty database on the session's server, as a SQLAlchemy URL."""
    import psycopg

    name = f"calcml_{uuid.uuid4().hex[:12]}"
    admin = f"postgresql://postgres@127.0.0.1:{postgres_server.port}/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield postgres_server.url(name)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
