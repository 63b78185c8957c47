"""A real PostgreSQL server for the tests, started by the fixture itself.

``postgres_server`` (session-scoped) starts a throwaway server with
:func:`benchmarks.pgserver.start_server` (``initdb`` and ``pg_ctl`` from
``/usr/lib/postgresql/*/bin`` in a temporary directory, as the ``postgres`` system user
when the tests run as root, on a free loopback port); it is stopped and removed at the
end. ``postgres_url`` gives each test a fresh, empty database and drops it afterwards.
``db_url`` runs a test twice, on a SQLite file and on PostgreSQL, and ``store`` opens it.
Without the server binaries (``scripts/system-packages.sh`` installs them; ``make test``
runs it) the tests that use these fixtures are skipped with that reason.

Registered from ``tests/conftest.py``; with pytest-xdist each worker starts its own
server (about a second).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from benchmarks.pgserver import (
    Server,
    cannot_start,
    create_database,
    drop_database,
    server_binaries,
    start_server,
    stop_server,
)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Server]:
    """The session's PostgreSQL server (skips when the binaries are not installed)."""
    reason = cannot_start()
    if reason is not None:
        pytest.skip(reason)
    binaries = server_binaries()
    assert binaries is not None
    server = start_server(binaries)
    yield server
    stop_server(binaries, server)


@pytest.fixture
def postgres_url(postgres_server: Server) -> Iterator[str]:
    """A fresh, empty database on the session's server, as a SQLAlchemy URL."""
    name = f"calcml_{uuid.uuid4().hex[:12]}"
    yield create_database(postgres_server, name)
    drop_database(postgres_server, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """The store's database URL, once for SQLite (a file) and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/calcml.db"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def store(db_url: str):
    """The store opened (and migrated) on ``db_url``."""
    from calcml.store import open_store

    with open_store(db_url) as opened:
        yield opened
