"""The store's API: learners, attempts and per-skill state, in short transactions.

Every method runs one transaction and commits it before returning, so an attempt whose
id a caller has seen is on disk. Writes are safe under concurrent processes: names and
attempt keys are unique, a missing row is inserted with "on conflict do nothing" and
read back, a skill's state row is locked while it is updated, and a transaction that
meets a busy SQLite file or a PostgreSQL serialisation failure is run again (an
attempt's unique ``key`` makes the retry find the row instead of adding a second one).
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Row, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

from calcml.errors import InputError
from calcml.store import engine as engines
from calcml.store.models import AttemptRow, LearnerRow, SkillStateRow, utcnow

LEARNERS: Table = LearnerRow.__table__  # type: ignore[assignment]
ATTEMPTS: Table = AttemptRow.__table__  # type: ignore[assignment]
STATES: Table = SkillStateRow.__table__  # type: ignore[assignment]

T = TypeVar("T")
RETRIES = 8
_TRANSIENT_STATES = {"40001", "40P01"}  # PostgreSQL: serialisation failure, deadlock


@dataclass(frozen=True)
class Learner:
    """A learner as stored (``role`` and ``password_hash`` are for the web app)."""

    id: int
    name: str
    role: str
    created_at: datetime
    password_hash: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Attempt:
    """One recorded answer."""

    id: int
    key: str
    learner_id: int
    skill: str
    task: dict[str, Any]
    answer: str
    correct: bool
    mistake: str | None
    seconds: float | None
    seed: int | None
    level: int | None
    created_at: datetime


@dataclass(frozen=True)
class SkillState:
    """A learner's state on one skill: mastery probability, counts, review card and due."""

    skill: str
    p_mastery: float
    attempts: int = 0
    correct: int = 0
    card: dict[str, Any] | None = None
    due: datetime | None = None
    updated_at: datetime | None = None


Update = Callable[[SkillState | None], SkillState]
"""Given a skill's current state (``None`` before its first), the state to store."""


class Store:
    """The progress database. Open it with :func:`open_store`.

    >>> import tempfile, pathlib
    >>> folder = tempfile.mkdtemp()
    >>> with open_store(f"sqlite:///{folder}/progress.db") as store:
    ...     ada = store.learner("ada")
    ...     attempt = store.record_attempt(ada, "power-rule", {"kind": "derivative",
    ...         "expr": "x^3", "var": "x"}, "3x^2", True)
    ...     [(a.skill, a.answer, a.correct) for a in store.attempts(ada)]
    [('power-rule', '3x^2', True)]
    """

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connections."""
        self.engine.dispose()

    def learner(self, name: str) -> Learner:
        """The learner called ``name``, created on first use."""
        name = _check_name(name)
        query = select(LEARNERS).where(LEARNERS.c.name == name)

        def work(connection: Connection) -> Learner:
            row = connection.execute(query).first()
            if row is None:
                row = _insert_missing(connection, LEARNERS, {
                    "name": name, "role": "learner", "created_at": utcnow()})
            return _learner(row or connection.execute(query).one())

        return self._run(work)

    def find_learner(self, name: str) -> Learner | None:
        """The learner called ``name``, or ``None`` (nothing is created)."""
        query = select(LEARNERS).where(LEARNERS.c.name == name)
        row = self._run(lambda c: c.execute(query).first(), write=False)
        return None if row is None else _learner(row)

    def learners(self) -> list[Learner]:
        """Every learner, by name."""
        query = select(LEARNERS).order_by(LEARNERS.c.name)
        return self._run(lambda c: [_learner(r) for r in c.execute(query)], write=False)

    def set_credentials(self, name: str, password_hash: str | None,
                        role: str | None = None) -> Learner:
        """Store a learner's password hash (made by the caller) and, if given, role."""
        learner_id = self.learner(name).id
        values: dict[str, Any] = {"password_hash": password_hash}
        if role is not None:
            values["role"] = role
        statement = (update(LEARNERS).where(LEARNERS.c.id == learner_id).values(**values)
                     .returning(LEARNERS))
        return self._run(lambda c: _learner(c.execute(statement).one()))

    def record_attempt(self, learner: Learner | str, skill: str, task: dict[str, Any],
                       answer: str, correct: bool, *, mistake: str | None = None,
                       seconds: float | None = None, seed: int | None = None,
                       level: int | None = None, update: Update | None = None,
                       key: str | None = None) -> Attempt:
        """Record one answer and, with ``update``, the skill's new state, in one
        transaction, committed before this returns. Calling again with the same ``key``
        returns the attempt already stored and changes nothing."""
        learner_id = self._id(learner)
        key = key or uuid.uuid4().hex
        values = {"key": key, "learner_id": learner_id, "skill": skill, "task": task,
                  "answer": answer, "correct": bool(correct), "mistake": mistake,
                  "seconds": seconds, "seed": seed, "level": level}

        def work(connection: Connection) -> Attempt:
            row = _insert_missing(connection, ATTEMPTS, {**values, "created_at": utcnow()})
            if row is None:
                return _attempt(connection.execute(
                    select(ATTEMPTS).where(ATTEMPTS.c.key == key)).one())
            if update is not None:
                _apply(connection, learner_id, skill, update)
            return _attempt(row)

        return self._run(work)

    def update_state(self, learner: Learner | str, skill: str, update: Update) -> SkillState:
        """Replace a skill's state by ``update(current)``, with the row locked meanwhile."""
        learner_id = self._id(learner)
        return self._run(lambda c: _apply(c, learner_id, skill, update))

    def attempts(self, learner: Learner | str, skill: str | None = None) -> list[Attempt]:
        """A learner's attempts, oldest first; only those on ``skill`` if given (none for
        a name never seen: reading creates no learner)."""
        learner_id = self._known(learner)
        if learner_id is None:
            return []
        query = select(ATTEMPTS).where(ATTEMPTS.c.learner_id == learner_id)
        if skill is not None:
            query = query.where(ATTEMPTS.c.skill == skill)
        query = query.order_by(ATTEMPTS.c.id)
        return self._run(lambda c: [_attempt(r) for r in c.execute(query)], write=False)

    def mastery(self, learner: Learner | str) -> list[SkillState]:
        """A learner's state on every skill tried, by skill id."""
        learner_id = self._known(learner)
        if learner_id is None:
            return []
        query = select(STATES).where(STATES.c.learner_id == learner_id).order_by(STATES.c.skill)
        return self._run(lambda c: [_state(r) for r in c.execute(query)], write=False)

    def _id(self, learner: Learner | str) -> int:
        return learner.id if isinstance(learner, Learner) else self.learner(learner).id

    def _known(self, learner: Learner | str) -> int | None:
        if isinstance(learner, Learner):
            return learner.id
        found = self.find_learner(learner.strip() if isinstance(learner, str) else learner)
        return None if found is None else found.id

    def run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        """``work(connection)`` in one transaction, committed, with the retries of every
        method here (for the store's other modules, such as :mod:`calcml.store.classes`)."""
        return self._run(work, write)

    def _run(self, work: Callable[[Connection], T], write: bool = True) -> T:
        """Run ``work`` in one transaction, committed; again if the database was busy.
        A read (``write=False``) on SQLite neither waits for nor holds the write lock."""
        for attempt in range(RETRIES):
            try:
                with self.engine.connect() as connection:
                    connection.execution_options(**{engines.READ_ONLY: not write})
                    with connection.begin():
                        return work(connection)
            except DBAPIError as err:
                if attempt + 1 < RETRIES and _transient(err):
                    time.sleep(random.uniform(0.01, 0.05) * 2 ** attempt)
                    continue
                if err.connection_invalidated or _transient(err):
                    raise engines.unreachable(self.engine.url, err) from None
                raise
        raise AssertionError("unreachable: the loop returns or raises")


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``, else ``CALCML_DATABASE_URL``,
    else the SQLite file in the user's data directory. A database that cannot be reached
    is an :class:`InputError` naming the URL and the reason."""
    resolved = engines.resolve_url(url)
    engine = engines.make_engine(resolved)
    try:
        engines.upgrade(engine)
    except (DBAPIError, OSError) as err:
        engine.dispose()
        raise engines.unreachable(resolved, err) from None
    return Store(engine, engines.shown(resolved))


def _check_name(name: str) -> str:
    cleaned = name.strip() if isinstance(name, str) else ""
    if not cleaned or len(cleaned) > 64 or not cleaned.isprintable():
        raise InputError(f"learner name {name!r}: give 1 to 64 printable characters, "
                         "e.g. --learner ada")
    return cleaned


def _transient(err: DBAPIError) -> bool:
    message = str(err.orig).lower()
    return ("database is locked" in message or "database table is locked" in message
            or getattr(err.orig, "sqlstate", None) in _TRANSIENT_STATES)


def _insert_missing(connection: Connection, table: Table, values: dict[str, Any]) -> Row | None:
    """Insert a row unless one with the same unique key exists: the new row, or ``None``
    when one was there already (it is left as it was)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing()
    return connection.execute(statement.returning(table)).first()


def _apply(connection: Connection, learner_id: int, skill: str, change: Update) -> SkillState:
    where = (STATES.c.learner_id == learner_id, STATES.c.skill == skill)
    row = connection.execute(select(STATES).where(*where).with_for_update()).first()
    if row is None:
        inserted = _insert_missing(connection, STATES, {
            "learner_id": learner_id, "skill": skill, **_values(change(None))})
        if inserted is not None:
            return _state(inserted)
        row = connection.execute(select(STATES).where(*where).with_for_update()).one()
    statement = (update(STATES).where(*where).values(**_values(change(_state(row))))
                 .returning(STATES))
    return _state(connection.execute(statement).one())


def _values(state: SkillState) -> dict[str, Any]:
    return {"p_mastery": state.p_mastery, "attempts": state.attempts,
            "correct": state.correct, "card": state.card, "due": state.due,
            "updated_at": utcnow()}


def _learner(row: Row) -> Learner:
    return Learner(**_pick(row, Learner))


def _attempt(row: Row) -> Attempt:
    return Attempt(**_pick(row, Attempt))


def _state(row: Row) -> SkillState:
    return SkillState(**_pick(row, SkillState))


def _pick(row: Row, record: type) -> dict[str, Any]:
    mapping = row._mapping
    return {name: mapping[name] for name in record.__dataclass_fields__}
