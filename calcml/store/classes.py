"""Classroom mode in the store: instructors, classes with join codes, members, reports.

An instructor is a learner row with the role ``instructor`` and a password; a class has a
name, an instructor and a join code drawn with :mod:`secrets`; a learner signs up with a
class's code and becomes its member. :func:`class_report` gathers, for one class, each
member's state on each skill and the diagnosed mistakes (``AttemptRow.mistake``) counted
by learner and skill. Every function runs one transaction of the given store.

>>> import tempfile
>>> from calcml.store import open_store
>>> store = open_store(f"sqlite:///{tempfile.mkdtemp()}/calcml.db")
>>> grace = add_instructor(store, "grace", "argon2-hash")
>>> math = create_class(store, grace, "Calculus 1")
>>> ada = register_learner(store, "ada", "argon2-hash", math.join_code.lower())
>>> [x.name for x in class_report(store, math.id).learners]
['ada']
>>> store.close()
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Table, func, select, update

from calcml.errors import InputError
from calcml.store.models import ClassRow, MembershipRow, SettingRow, utcnow
from calcml.store.report import ClassReport, MistakeCount
from calcml.store.store import (
    ATTEMPTS,
    LEARNERS,
    STATES,
    Learner,
    Store,
    _check_name,
    _insert_missing,
    _learner,
    _pick,
    _state,
)

CLASSES: Table = ClassRow.__table__  # type: ignore[assignment]
MEMBERS: Table = MembershipRow.__table__  # type: ignore[assignment]
SETTINGS: Table = SettingRow.__table__  # type: ignore[assignment]
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
"""Join-code letters: no 0/O, 1/I/L, which are easily misread from a board."""
CODE_LENGTH = 8


@dataclass(frozen=True)
class Classroom:
    """A class: its name, its join code (``ABCD-EFGH``) and its instructor."""

    id: int
    name: str
    join_code: str
    instructor_id: int
    created_at: datetime


def new_join_code() -> str:
    """A fresh join code: 8 letters and digits from :data:`CODE_ALPHABET` in two groups
    of four (about 40 bits), drawn with :mod:`secrets`.

    >>> code = new_join_code()
    >>> len(code), code[4], normal_code(code.lower().replace("-", " ")) == code
    (9, '-', True)
    """
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{letters[:4]}-{letters[4:]}"


def normal_code(text: str) -> str:
    """A join code as typed (any case, spaces or hyphens anywhere) in its stored form.

    >>> normal_code(" abcd efgh ")
    'ABCD-EFGH'
    """
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{letters[:4]}-{letters[4:]}" if len(letters) == CODE_LENGTH else letters


def add_instructor(store: Store, name: str, password_hash: str) -> Learner:
    """Make ``name`` an instructor with this password (created if new). An existing
    instructor's password is replaced; a learner's account is not turned into one."""
    found = store.find_learner(_check_name(name))
    if found is not None and found.role != "instructor" and found.password_hash:
        raise InputError(f"{found.name!r} is a learner's account; choose another name for "
                         "the instructor")
    return store.set_credentials(name, password_hash, role="instructor")


def instructors(store: Store) -> list[Learner]:
    """Every instructor, by name."""
    query = select(LEARNERS).where(LEARNERS.c.role == "instructor").order_by(LEARNERS.c.name)
    return store.run(lambda c: [_learner(r) for r in c.execute(query)], write=False)


def learner_by_id(store: Store, learner_id: int) -> Learner | None:
    """The learner with this id, or ``None``."""
    query = select(LEARNERS).where(LEARNERS.c.id == learner_id)
    row = store.run(lambda c: c.execute(query).first(), write=False)
    return None if row is None else _learner(row)


def set_password_hash(store: Store, learner_id: int, password_hash: str) -> None:
    """Replace a learner's password hash (a rehash with today's parameters)."""
    statement = (update(LEARNERS).where(LEARNERS.c.id == learner_id)
                 .values(password_hash=password_hash))
    store.run(lambda c: c.execute(statement))


def create_class(store: Store, instructor: Learner, name: str) -> Classroom:
    """A new class taught by ``instructor``, with a fresh join code."""
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 100:
        raise InputError(f"class name {name!r}: give 1 to 100 characters, e.g. Calculus 1")
    if instructor.role != "instructor":
        raise InputError(f"{instructor.name!r} is not an instructor")
    for _ in range(8):
        values = {"name": cleaned, "join_code": new_join_code(),
                  "instructor_id": instructor.id, "created_at": utcnow()}
        row = store.run(lambda c, v=values: _insert_missing(c, CLASSES, v))
        if row is not None:
            return Classroom(**_pick(row, Classroom))
    raise AssertionError("eight join codes in a row were taken: the alphabet is too small")


def _class_by_code(connection: Connection, code: str) -> Classroom:
    row = connection.execute(
        select(CLASSES).where(CLASSES.c.join_code == normal_code(code))).first()
    if row is None:
        raise InputError(f"there is no class with the join code {code.strip()!r}; check "
                         "the code your instructor gave (8 letters and digits)")
    return Classroom(**_pick(row, Classroom))


def register_learner(store: Store, name: str, password_hash: str, code: str) -> Learner:
    """A new learner with this password, a member of the class whose join code is
    ``code``, in one transaction. A name already in use is refused."""
    name = _check_name(name)

    def work(connection: Connection) -> Learner:
        classroom = _class_by_code(connection, code)
        row = _insert_missing(connection, LEARNERS, {
            "name": name, "password_hash": password_hash, "role": "learner",
            "created_at": utcnow()})
        if row is None:
            raise InputError(f"the name {name!r} is taken; choose another")
        _insert_missing(connection, MEMBERS, {"class_id": classroom.id,
                                              "learner_id": row.id, "joined_at": utcnow()})
        return _learner(row)

    return store.run(work)


def join_class(store: Store, learner: Learner, code: str) -> Classroom:
    """Make ``learner`` a member of the class with this join code (again: no change)."""

    def work(connection: Connection) -> Classroom:
        classroom = _class_by_code(connection, code)
        _insert_missing(connection, MEMBERS, {"class_id": classroom.id,
                                              "learner_id": learner.id, "joined_at": utcnow()})
        return classroom

    return store.run(work)


def classes_taught(store: Store, instructor: Learner) -> list[tuple[Classroom, int]]:
    """The instructor's classes, newest first, each with its number of learners."""
    members = (select(func.count()).where(MEMBERS.c.class_id == CLASSES.c.id)
               .scalar_subquery())
    query = (select(CLASSES, members.label("members"))
             .where(CLASSES.c.instructor_id == instructor.id)
             .order_by(CLASSES.c.created_at.desc(), CLASSES.c.id.desc()))
    return store.run(lambda c: [(Classroom(**_pick(r, Classroom)), r.members)
                                 for r in c.execute(query)], write=False)


def classes_joined(store: Store, learner: Learner) -> list[Classroom]:
    """The classes ``learner`` is a member of, by name."""
    query = (select(CLASSES).join(MEMBERS, MEMBERS.c.class_id == CLASSES.c.id)
             .where(MEMBERS.c.learner_id == learner.id).order_by(CLASSES.c.name))
    return store.run(lambda c: [Classroom(**_pick(r, Classroom)) for r in c.execute(query)],
                      write=False)


def class_taught(store: Store, instructor: Learner, class_id: int) -> Classroom | None:
    """The class ``class_id`` if ``instructor`` teaches it, else ``None`` (whether it
    exists or not: another instructor's class is not shown to be there)."""
    query = select(CLASSES).where(CLASSES.c.id == class_id,
                                  CLASSES.c.instructor_id == instructor.id)
    row = store.run(lambda c: c.execute(query).first(), write=False)
    return None if row is None else Classroom(**_pick(row, Classroom))


def class_report(store: Store, class_id: int) -> ClassReport:
    """The class's members, each member's state on each skill tried, and the diagnosed
    mistakes counted by learner, skill and mistake."""
    mine = select(MEMBERS.c.learner_id).where(MEMBERS.c.class_id == class_id)
    people = select(LEARNERS).where(LEARNERS.c.id.in_(mine)).order_by(LEARNERS.c.name)
    states = select(STATES).where(STATES.c.learner_id.in_(mine))
    mistakes = (select(ATTEMPTS.c.learner_id, ATTEMPTS.c.skill, ATTEMPTS.c.mistake,
                       func.count().label("count"))
                .where(ATTEMPTS.c.learner_id.in_(mine), ATTEMPTS.c.mistake.is_not(None))
                .group_by(ATTEMPTS.c.learner_id, ATTEMPTS.c.skill, ATTEMPTS.c.mistake))

    def work(connection: Connection) -> ClassReport:
        classroom = connection.execute(select(CLASSES).where(CLASSES.c.id == class_id)).one()
        return ClassReport(
            class_name=classroom.name,
            learners=tuple(_learner(r) for r in connection.execute(people)),
            states={(r.learner_id, r.skill): _state(r) for r in connection.execute(states)},
            mistakes=tuple(MistakeCount(r.learner_id, r.skill, r.mistake, r.count)
                           for r in connection.execute(mistakes)))

    return store.run(work, write=False)


def shared_secret(store: Store, name: str = "session-key") -> str:
    """A random secret kept in the database under ``name``: made on first use, the same
    for every process that opens this store afterwards (whichever made it first)."""
    query = select(SETTINGS.c.value).where(SETTINGS.c.name == name)

    def work(connection: Connection) -> str:
        found = connection.execute(query).scalar()
        if found is None:
            _insert_missing(connection, SETTINGS, {"name": name,
                                                   "value": secrets.token_urlsafe(32)})
            found = connection.execute(query).scalar_one()
        return found

    return store.run(work)
