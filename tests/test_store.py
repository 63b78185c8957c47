"""The progress store, on a SQLite file and on a real PostgreSQL server (tests/postgres.py):
learners, attempts, skill states, migrations, errors, concurrent writers, a killed writer."""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, inspect, text

from calcml.errors import InputError
from calcml.store import SkillState, open_store, resolve_url
from calcml.store.engine import current_revision, downgrade, make_engine, upgrade

TASK = {"kind": "derivative", "expr": "x^3", "var": "x"}
FORK = multiprocessing.get_context("fork")




def count(state: SkillState | None, correct: bool = True) -> SkillState:
    """A stand-in update: counts answers (the mastery module's real update is tested
    in test_mastery.py)."""
    old = state or SkillState(skill="power-rule", p_mastery=0.2)
    return SkillState(skill=old.skill, p_mastery=0.5, attempts=old.attempts + 1,
                      correct=old.correct + int(correct), card={"n": old.attempts + 1},
                      due=datetime(2027, 1, 1, 12, tzinfo=UTC))


def test_opening_an_empty_database_creates_the_tables_at_the_head_revision(db_url) -> None:
    with open_store(db_url) as store:
        assert current_revision(store.engine) == "0003"
        tables = set(inspect(store.engine).get_table_names())
    assert {"learners", "attempts", "skill_states", "alembic_version"} <= tables
    with open_store(db_url) as again:
        assert current_revision(again.engine) == "0003"


def test_a_learner_is_created_once_and_found_by_name(store) -> None:
    ada = store.learner("ada")
    assert store.learner("  ada ") == ada
    assert store.learner("grace").id != ada.id
    assert [x.name for x in store.learners()] == ["ada", "grace"]
    assert store.find_learner("nobody") is None
    assert ada.role == "learner" and ada.password_hash is None
    changed = store.set_credentials("ada", "$argon2id$hash", role="teacher")
    assert (changed.password_hash, changed.role) == ("$argon2id$hash", "teacher")


@pytest.mark.parametrize("name", ["", "   ", "x" * 65, "a\nb"])
def test_a_bad_learner_name_is_an_input_error(store, name: str) -> None:
    with pytest.raises(InputError, match="1 to 64 printable characters"):
        store.learner(name)


def test_an_attempt_comes_back_as_recorded(store) -> None:
    ada = store.learner("ada")
    before = datetime.now(UTC)
    first = store.record_attempt(ada, "power-rule", TASK, "3x^2", True, seconds=4.5,
                                 seed=7, level=2)
    store.record_attempt(ada, "chain-rule", TASK, "3x", False,
                         mistake="power-rule-exponent-not-reduced")
    [got] = store.attempts("ada", skill="power-rule")
    assert got == first
    assert (got.task, got.answer, got.correct, got.seconds, got.seed, got.level) == (
        TASK, "3x^2", True, 4.5, 7, 2)
    assert got.created_at.tzinfo is UTC and before <= got.created_at <= datetime.now(UTC)
    assert [a.mistake for a in store.attempts(ada)] == [None, "power-rule-exponent-not-reduced"]
    assert store.attempts(store.learner("grace")) == []
    assert store.attempts("nobody") == [] == store.mastery("nobody")
    assert store.find_learner("nobody") is None


def test_the_same_key_records_one_attempt(store) -> None:
    first = store.record_attempt("ada", "power-rule", TASK, "3x^2", True, key="k-1",
                                 update=count)
    again = store.record_attempt("ada", "power-rule", TASK, "3x^2", True, key="k-1",
                                 update=count)
    assert again == first and len(store.attempts("ada")) == 1
    assert [s.attempts for s in store.mastery("ada")] == [1]


def test_a_skill_state_is_updated_in_place(store) -> None:
    seen: list[SkillState | None] = []

    def update(state: SkillState | None) -> SkillState:
        seen.append(state)
        return count(state, correct=len(seen) != 2)

    for _ in range(3):
        store.update_state("ada", "power-rule", update)
    assert seen[0] is None
    [state] = store.mastery("ada")
    assert (state.skill, state.attempts, state.correct, state.card) == ("power-rule", 3, 2,
                                                                         {"n": 3})
    assert state.due == datetime(2027, 1, 1, 12, tzinfo=UTC)
    assert state.updated_at is not None and state.updated_at.tzinfo is UTC


def test_a_naive_datetime_is_refused(store) -> None:
    def naive(state: SkillState | None) -> SkillState:
        return SkillState(skill="s", p_mastery=0.2, due=datetime(2027, 1, 1))

    with pytest.raises(Exception, match="timezone-aware"):
        store.update_state("ada", "s", naive)
    assert store.mastery("ada") == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(tmp_path) -> None:
    with open_store(f"sqlite:///{tmp_path}/a.db") as store, store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        with pytest.raises(Exception, match="FOREIGN KEY"):
            c.execute(text("INSERT INTO skill_states (learner_id, skill, p_mastery, attempts,"
                           " correct, updated_at) VALUES (99, 's', 0.2, 0, 0, '2026-01-01')"))


def test_migrations_go_down_to_nothing_and_up_again(db_url) -> None:
    engine = make_engine(resolve_url(db_url))
    upgrade(engine)
    downgrade(engine, "base")
    assert current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    upgrade(engine)
    assert current_revision(engine) == "0003"
    engine.dispose()
    with open_store(db_url) as store:
        assert store.record_attempt("ada", "s", TASK, "1", True).id == 1


def test_the_url_comes_from_the_environment_or_the_data_directory(tmp_path,
                                                                  monkeypatch) -> None:
    monkeypatch.delenv("CALCML_DATABASE_URL", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert resolve_url().database == str(tmp_path / "data" / "calcml" / "calcml.db")
    with open_store() as store:
        store.learner("ada")
    assert (tmp_path / "data" / "calcml" / "calcml.db").exists()
    monkeypatch.setenv("CALCML_DATABASE_URL", "postgres://u:secret@db.example:5433/calcml")
    assert resolve_url().render_as_string(hide_password=False) == (
        "postgresql+psycopg://u:secret@db.example:5433/calcml")
    assert resolve_url("sqlite:///x.db").database == "x.db"


@pytest.mark.parametrize("url, words", [
    ("postgresql://calcml:pw@127.0.0.1:1/calcml",
     "cannot reach the database at postgresql+psycopg://calcml:***@127.0.0.1:1/calcml: "),
    ("sqlite:////proc/no/such/calcml.db", "cannot use the database at sqlite:////proc/no/such"),
    ("oracle://scott@host/db", "calcml stores progress in SQLite or PostgreSQL"),
    ("sqlite:///{tmp}/notes.txt", "notes.txt: file is not a database; check that the path "
     "names a calcml database file (--database or CALCML_DATABASE_URL)"),
    ("not a url", "cannot be read; write it like sqlite:///"),
])
def test_a_database_that_cannot_be_used_is_one_clear_line(url: str, words: str,
                                                           tmp_path) -> None:
    (tmp_path / "notes.txt").write_text("not a database, just some notes\n" * 200)
    with pytest.raises(InputError) as caught:
        open_store(url.format(tmp=tmp_path))
    message = str(caught.value)
    assert words in message and "\n" not in message and "pw" not in message


def _crowd(url: str, worker: int, n: int) -> None:
    with open_store(url) as store:
        crowd = store.learner("crowd")
        for i in range(n):
            right = i % 3 != 0
            store.record_attempt(crowd, "power-rule", {"worker": worker, "i": i}, str(i),
                                 right, update=functools.partial(count, correct=right))


def test_eight_processes_lose_and_duplicate_nothing(db_url) -> None:
    # The database starts empty: the eight also race to create the schema and the learner.
    workers = [FORK.Process(target=_crowd, args=(db_url, w, 500)) for w in range(8)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
    assert [p.exitcode for p in workers] == [0] * 8
    with open_store(db_url) as store:
        attempts = store.attempts("crowd")
        [state] = store.mastery("crowd")
        assert len(store.learners()) == 1
    pairs = [(a.task["worker"], a.task["i"]) for a in attempts]
    assert len(pairs) == 4000 and set(pairs) == {(w, i) for w in range(8) for i in range(500)}
    assert len({a.id for a in attempts}) == len({a.key for a in attempts}) == 4000
    assert (state.attempts, state.correct) == (4000, 8 * 333)


def _writer(url: str, acks) -> None:
    with open_store(url) as store:
        ada = store.learner("ada")
        for i in range(100_000):
            attempt = store.record_attempt(ada, "power-rule", {"i": i}, str(i), True,
                                           update=count)
            acks.send(attempt.id)


def test_a_writer_killed_mid_write_loses_no_acknowledged_attempt(db_url) -> None:
    open_store(db_url).close()
    receiver, sender = FORK.Pipe(duplex=False)
    child = FORK.Process(target=_writer, args=(db_url, sender))
    child.start()
    acknowledged = [receiver.recv() for _ in range(150)]
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    while receiver.poll(0.2):
        acknowledged.append(receiver.recv())
    assert child.exitcode == -signal.SIGKILL
    with open_store(db_url) as store:
        stored = [a.id for a in store.attempts("ada")]
        [state] = store.mastery("ada")
    assert set(acknowledged) <= set(stored) and len(stored) - len(acknowledged) <= 1
    assert state.attempts == len(stored)
    if db_url.startswith("sqlite"):
        engine = create_engine(db_url)
        with engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        engine.dispose()


def test_times_round_trip_in_utc(store) -> None:
    later = datetime(2027, 3, 1, 9, 30, tzinfo=UTC) + timedelta(hours=5)
    store.update_state("ada", "s", lambda s: SkillState(skill="s", p_mastery=0.9, due=later))
    assert store.mastery("ada")[0].due == later
