"""Where the store lives and how to connect to it: the URL, the engine, the migrations.

SQLite by default, in the user's data directory; PostgreSQL (psycopg 3) when
``CALCML_DATABASE_URL`` or an explicit URL names one. SQLite runs in WAL mode with full
synchronous commits (an acknowledged commit survives a crash), foreign keys on, a busy
timeout, and ``BEGIN IMMEDIATE`` for transactions that write (a writer waits for the lock
up front rather than failing half way; readers, in WAL mode, wait for nobody). The schema
is brought to the head revision of the migrations shipped in ``calcml/store/migrations``
each time a store is opened.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from calcml.errors import InputError

ENV_VAR = "CALCML_DATABASE_URL"
BUSY_SECONDS = 30.0
MIGRATIONS = Path(__file__).with_name("migrations")
READ_ONLY = "calcml_read_only"
"""Execution option: this transaction only reads (SQLite then begins it deferred)."""
_MIGRATION_LOCK = 71_101_011
"""PostgreSQL advisory-lock key that serialises concurrent migrations."""


def default_url() -> str:
    """The SQLite file in the user's data directory (created when the store is opened).

    >>> default_url().startswith("sqlite:///") and default_url().endswith("calcml.db")
    True
    """
    return f"sqlite:///{Path(platformdirs.user_data_dir('calcml')) / 'calcml.db'}"


def resolve_url(url: str | None = None) -> URL:
    """The database URL to use: ``url``, else ``CALCML_DATABASE_URL``, else
    :func:`default_url`. ``postgresql://`` and ``postgres://`` mean the psycopg 3 driver.

    >>> resolve_url("postgresql://ada@db.example/calcml").drivername
    'postgresql+psycopg'
    >>> resolve_url("mysql://x@y/z")
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: database URL 'mysql://x@y/z': calcml stores progress in SQLite ...
    """
    given = url or os.environ.get(ENV_VAR) or default_url()
    try:
        parsed = make_url(given)
    except ArgumentError:
        raise InputError(f"database URL {given!r} cannot be read; write it like "
                         "sqlite:///path/to/file.db or postgresql://user@host/dbname") from None
    backend = parsed.get_backend_name()
    if backend == "postgres" or (backend == "postgresql" and parsed.drivername in
                                 ("postgres", "postgresql")):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InputError(f"database URL {given!r}: calcml stores progress in SQLite or "
                         "PostgreSQL; use sqlite:///path/to/file.db or "
                         "postgresql://user@host/dbname")
    return parsed


def shown(url: URL) -> str:
    """The URL as it may be printed: any password hidden.

    >>> shown(resolve_url("postgresql://ada:secret@db.example/calcml"))
    'postgresql+psycopg://ada:***@db.example/calcml'
    """
    return url.render_as_string(hide_password=True)


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` set up as the module docstring says."""
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    except (NoSuchModuleError, ImportError) as err:
        raise InputError(f"cannot use the database at {shown(url)}: its driver is not "
                         f"installed ({err}); install calcml[postgres]") from None


def _sqlite_engine(url: URL) -> Engine:
    database = url.database
    if database and database != ":memory:" and not database.startswith("file:"):
        folder = Path(database).expanduser().resolve().parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise InputError(f"cannot use the database at {shown(url)}: the folder {folder} "
                             f"cannot be created ({err.strerror}); choose another path "
                             f"with --database or {ENV_VAR}") from None
    engine = create_engine(url, connect_args={"timeout": BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off: _sqlite_begin issues BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON",
                   f"busy_timeout={int(BUSY_SECONDS * 1000)}"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    read = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


def unreachable(url: URL, err: DBAPIError | OSError) -> InputError:
    """The one-line error for a database that cannot be opened."""
    reason = str(getattr(err, "orig", None) or err).strip().splitlines()
    first = reason[0] if reason else type(err).__name__
    fix = ("the path names a calcml database file" if url.get_backend_name() == "sqlite"
           else "the server is running and the URL is right")
    return InputError(f"cannot reach the database at {shown(url)}: {first}; check that "
                      f"{fix} (--database or {ENV_VAR})")


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that runs the shipped migrations on ``connection``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` in one transaction; concurrent callers take turns
    (SQLite's write lock, PostgreSQL's advisory lock).

    >>> import tempfile
    >>> engine = make_engine(resolve_url(f"sqlite:///{tempfile.mkdtemp()}/calcml.db"))
    >>> current_revision(engine) is None
    True
    >>> upgrade(engine); current_revision(engine)
    '0003'
    >>> downgrade(engine, "base"); current_revision(engine) is None
    True
    >>> engine.dispose()
    """
    with engine.begin() as connection:
        _lock(connection)
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to ``revision`` (``"base"``: no tables)."""
    with engine.begin() as connection:
        _lock(connection)
        command.downgrade(alembic_config(connection), revision)


def current_revision(engine: Engine) -> str | None:
    """The schema's revision, ``None`` for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                           {"key": _MIGRATION_LOCK})
