"""calcml practice [SKILL|LESSON] and calcml progress: practice in the terminal, with
answers checked and progress kept (see calcml.exercises.practice and calcml.store)."""

from typing import TYPE_CHECKING, Annotated

import typer

from calcml.cli.app import Fmt, Format, _echo_json, _table_format, app

if TYPE_CHECKING:  # the store, SQLAlchemy and fsrs load when a command runs, not for --help
    from calcml.exercises import Skill
    from calcml.exercises.mastery import SkillProgress
    from calcml.store import Store

ScopeArg = Annotated[str | None, typer.Argument(
    metavar="SKILL|LESSON", help="A skill id (e.g. integral-by-parts) or a lesson number "
    "(1-8); all skills when left out.")]
LearnerOpt = Annotated[str | None, typer.Option(
    "--learner", "-l", help="Whose progress (default: your login name).")]
DatabaseOpt = Annotated[str | None, typer.Option(
    "--database", help="Database URL (default: CALCML_DATABASE_URL, else a SQLite file "
    "in your data directory), e.g. postgresql://user@host/calcml.")]


def default_learner() -> str:
    """The login name, or ``learner`` when there is none.

    >>> bool(default_learner())
    True
    """
    import getpass

    try:
        return getpass.getuser() or "learner"
    except (KeyError, OSError):
        return "learner"


@app.command("practice")
def practice_cmd(scope: ScopeArg = None,
                 learner: LearnerOpt = None, database: DatabaseOpt = None,
                 seed: Annotated[int | None, typer.Option(
                     help="Draw the exercises from this seed: the same seed and answers "
                     "give the same exercises (a class can share them).")] = None) -> None:
    """Practise: exercises chosen by your mastery, answers checked, progress saved."""
    import random

    from calcml.cli import _console as ui
    from calcml.exercises.practice import Practice, scope_skills
    from calcml.store import open_store

    scope_skills(scope)
    with open_store(database) as store:
        session = Practice(store, learner or default_learner(), rng=random.Random(seed))
        ui.run(session, store.url, scope)


@app.command("progress")
def progress_cmd(scope: ScopeArg = None,
                 learner: LearnerOpt = None, database: DatabaseOpt = None,
                 fmt: Fmt = Format.text) -> None:
    """Mastery per skill, with the answers given and when each review is due."""
    from calcml.cli import _console as ui
    from calcml.exercises.practice import scope_skills
    from calcml.store import open_store
    from calcml.store.models import utcnow

    _table_format(fmt)
    chosen = scope_skills(scope)
    name = learner or default_learner()
    with open_store(database) as store:
        rows, found = _rows(store, name, chosen)
    now = utcnow()
    if fmt is Format.json:
        _echo_json({"learner": name, "database": store.url,
                    "skills": [r.to_dict(now) for r in rows]})
        return
    ui.progress(rows, now, name, found)


def _rows(store: "Store", name: str, chosen: "list[Skill]") -> "tuple[list[SkillProgress], bool]":
    from calcml.exercises.mastery import progress

    learner = store.find_learner(name)
    states = {} if learner is None else {s.skill: s for s in store.mastery(learner)}
    return progress(chosen, states), learner is not None
