"""The web app's commands: ``calcml serve`` (the pages and the JSON API, offline; with
``--classroom``, sign-in for a class) and ``calcml instructor add`` (classroom mode's
instructors)."""

import os
from typing import Annotated, Any

import typer

from calcml.cli.app import App, app
from calcml.errors import InputError

HostOpt = Annotated[str, typer.Option(
    help="The address to listen on; 127.0.0.1 serves this computer only.")]
PortOpt = Annotated[int, typer.Option(help="The port to listen on.")]
WorkersOpt = Annotated[int, typer.Option(
    help="Server processes; each computes in its own pool of worker processes.")]
DatabaseOpt = Annotated[str | None, typer.Option(
    help="Where practice progress is kept: a database URL (default: CALCML_DATABASE_URL, "
    "else a SQLite file in your data directory).")]
ClassroomOpt = Annotated[bool, typer.Option(
    "--classroom", help="Classroom mode: learners sign up with a class's join code and sign "
    "in; instructors (calcml instructor add) see their classes' mastery and mistakes.")]
PoolOpt = Annotated[int | None, typer.Option(
    help="Worker processes in each of a server process's two computing pools (default: "
    "the CPUs shared among the server processes, at least 1).")]
SecureOpt = Annotated[bool, typer.Option(
    "--secure-cookies", help="Classroom mode behind HTTPS: send the session cookie over "
    "HTTPS only.")]


@app.command("serve")
def serve_cmd(host: HostOpt = "127.0.0.1", port: PortOpt = 8000, workers: WorkersOpt = 1,
              database: DatabaseOpt = None, classroom: ClassroomOpt = False,
              secure_cookies: SecureOpt = False, pool_workers: PoolOpt = None) -> None:
    """Start the course web app: every lesson's calculators and practice, offline."""
    import uvicorn

    from calcml.store import open_store

    if not 1 <= port <= 65535:
        raise InputError(f"--port takes a port number from 1 to 65535, got {port}")
    if not 1 <= workers <= 64:
        raise InputError(f"--workers takes 1 to 64 server processes, got {workers}")
    if pool_workers is not None and not 1 <= pool_workers <= 64:
        raise InputError(f"--pool-workers takes 1 to 64 worker processes, got {pool_workers}")
    _check_address(host, port)
    with open_store(database) as store:  # a database that cannot be opened stops here
        teachers = _instructors(store) if classroom else []
    if database is not None:
        os.environ["CALCML_DATABASE_URL"] = database  # read by every server process
    if secure_cookies:
        os.environ["CALCML_SECURE_COOKIES"] = "1"
    os.environ["CALCML_SERVER_PROCESSES"] = str(workers)  # the pools share the CPUs
    os.environ["CALCML_WARM_EXAMPLES"] = "1"  # each process computes the lessons' examples
    if pool_workers is not None:
        os.environ["CALCML_POOL_WORKERS"] = str(pool_workers)
    _announce(host, port, classroom, teachers, database)
    factory = "classroom_app" if classroom else "create_app"
    uvicorn.run(f"calcml.web.app:{factory}", factory=True, host=host, port=port,
                workers=workers, log_level="warning")


def _announce(host: str, port: int, classroom: bool, teachers: list[str],
              database: str | None) -> None:
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"calcml is serving at http://{shown}:{port}/ (press Ctrl+C to stop)")
    if classroom:
        _classroom_notes(f"http://{shown}:{port}", teachers, database)
    elif host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo("note: there is no sign-in in local mode; anyone who can reach this "
                   "address can use the calculators (calcml serve --classroom signs "
                   "learners in)", err=True)


def _instructors(store: Any) -> list[str]:
    from calcml.store.classes import instructors

    return [x.name for x in instructors(store)]


def _classroom_notes(base: str, teachers: list[str], database: str | None) -> None:
    typer.echo(f"classroom mode: learners sign up at {base}/signup with their class's join "
               f"code; instructors sign in at {base}/signin and create classes at {base}/teach")
    if not teachers:
        where = f" --database {database}" if database else ""
        typer.echo(f"note: there is no instructor yet; create one with: calcml instructor "
                   f"add NAME{where}", err=True)


instructor_app = App(
    help="Instructors for classroom mode (calcml serve --classroom).", no_args_is_help=True)
app.add_typer(instructor_app, name="instructor")


@instructor_app.command("add")
def instructor_add(name: Annotated[str, typer.Argument(
                       help="The instructor's sign-in name, e.g. grace.")],
                   database: Annotated[str | None, typer.Option(
                       help="The database calcml serve --classroom uses (default: "
                       "CALCML_DATABASE_URL, else the SQLite file in your data "
                       "directory).")] = None) -> None:
    """Add an instructor (or set a new password for one); asks for the password twice."""
    from calcml.store import open_store
    from calcml.store.classes import add_instructor
    from calcml.store.passwords import check_password, hash_password

    password = typer.prompt("Password (at least 8 characters)", hide_input=True,
                            confirmation_prompt=True)
    hashed = hash_password(check_password(password))
    with open_store(database) as store:
        existed = store.find_learner(name.strip()) is not None
        made = add_instructor(store, name, hashed)
    what = "has a new password" if existed else "can now sign in"
    typer.echo(f"instructor {made.name!r} {what}; start the server with calcml serve "
               "--classroom and sign in at /signin")


@instructor_app.command("list")
def instructor_list(database: Annotated[str | None, typer.Option(
                        help="The database (default: CALCML_DATABASE_URL, else the SQLite "
                        "file in your data directory).")] = None) -> None:
    """List the instructors, one name a line."""
    from calcml.store import open_store

    with open_store(database) as store:
        for name in _instructors(store):
            typer.echo(name)


def _check_address(host: str, port: int) -> None:
    """Refuse, clearly, an address this computer cannot listen on (a port in use)."""
    import socket  # here, not for every command: a seventh of what calcml --help imports

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
