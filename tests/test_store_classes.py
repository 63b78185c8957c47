"""Classroom mode in the store, on SQLite and on a real PostgreSQL server: the upgrade from
the previous schema keeps every row, instructors, classes and join codes, sign-up into a
class, and the class report (mastery per learner and skill, mistakes counted)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect, text

from calcml.errors import InputError
from calcml.store import SkillState, open_store
from calcml.store.classes import (
    CODE_ALPHABET,
    add_instructor,
    class_report,
    class_taught,
    classes_joined,
    classes_taught,
    create_class,
    instructors,
    join_class,
    learner_by_id,
    new_join_code,
    register_learner,
    shared_secret,
)
from calcml.store.engine import current_revision, downgrade, make_engine, resolve_url, upgrade
from calcml.store.passwords import hash_password, needs_rehash, verify_password

TASK = {"kind": "limit", "expr": "(x^2 - 1)/(x - 1)", "var": "x", "point": "1"}




def state(p: float, attempts: int, correct: int) -> SkillState:
    return SkillState(skill="limit-factoring", p_mastery=p, attempts=attempts, correct=correct)


def test_upgrading_from_the_previous_head_keeps_every_row(db_url) -> None:
    engine = make_engine(resolve_url(db_url))
    upgrade(engine, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO learners (name, role, created_at) VALUES ('ada', 'learner', "
            "'2026-12-01 10:00:00')"))
        connection.execute(text(
            "INSERT INTO attempts (key, learner_id, skill, task, answer, correct, mistake, "
            "created_at) SELECT 'k1', id, 'limit-factoring', '{}', 'DNE', false, "
            "'removable-discontinuity-called-dne', '2026-12-01 10:01:00' FROM learners"))
    upgrade(engine)
    assert current_revision(engine) == "0003"
    assert {"classes", "memberships", "settings"} <= set(inspect(engine).get_table_names())
    engine.dispose()
    with open_store(db_url) as store:
        attempts = store.attempts("ada")
        assert [(a.answer, a.mistake) for a in attempts] == [
            ("DNE", "removable-discontinuity-called-dne")]
        grace = add_instructor(store, "grace", "h")
        math = create_class(store, grace, "Calculus 1")
        join_class(store, store.learner("ada"), math.join_code)
        report = class_report(store, math.id)
        assert report.frequent_by_skill() == {
            "limit-factoring": [("removable-discontinuity-called-dne", 1, 1)]}
    engine = make_engine(resolve_url(db_url))
    downgrade(engine, "0001")
    assert "classes" not in inspect(engine).get_table_names()
    engine.dispose()


def test_a_join_code_is_eight_unambiguous_letters_from_secrets() -> None:
    codes = {new_join_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        assert not set(code.replace("-", "")) - set(CODE_ALPHABET)
        assert not set(code) & set("01OIL")


def test_an_instructor_creates_classes_and_a_learner_signs_up_with_a_code(store) -> None:
    grace = add_instructor(store, "grace", "hash-1")
    assert (grace.role, grace.password_hash) == ("instructor", "hash-1")
    assert add_instructor(store, "grace", "hash-2").password_hash == "hash-2"  # a reset
    first = create_class(store, grace, "  Calculus   1 ")
    second = create_class(store, grace, "Calculus 2")
    assert first.name == "Calculus 1" and first.join_code != second.join_code
    typed = first.join_code.lower().replace("-", " ")
    ada = register_learner(store, "ada", "hash-a", typed)
    assert (ada.role, ada.password_hash) == ("learner", "hash-a")
    assert [c.name for c in classes_joined(store, ada)] == ["Calculus 1"]
    assert join_class(store, ada, second.join_code) == second
    assert join_class(store, ada, second.join_code) == second  # joining twice: one row
    assert [(c.name, n) for c, n in classes_taught(store, grace)] == [
        ("Calculus 2", 1), ("Calculus 1", 1)]
    assert [x.name for x in instructors(store)] == ["grace"]
    assert learner_by_id(store, ada.id) == ada and learner_by_id(store, 10_000) is None


def test_sign_up_refuses_a_taken_name_a_wrong_code_and_a_learner_as_instructor(store) -> None:
    grace = add_instructor(store, "grace", "h")
    code = create_class(store, grace, "Calculus 1").join_code
    register_learner(store, "ada", "h", code)
    with pytest.raises(InputError, match="the name 'ada' is taken"):
        register_learner(store, "ada", "h2", code)
    with pytest.raises(InputError, match="no class with the join code 'ZZZZ-ZZZZ'"):
        register_learner(store, "bo", "h", "ZZZZ-ZZZZ")
    assert store.find_learner("bo") is None  # a failed sign-up leaves no learner behind
    with pytest.raises(InputError, match="is a learner's account"):
        add_instructor(store, "ada", "h")
    with pytest.raises(InputError, match="is not an instructor"):
        create_class(store, store.find_learner("ada"), "Mine")
    with pytest.raises(InputError, match="class name"):
        create_class(store, grace, "   ")


def test_an_instructor_sees_only_their_own_classes(store) -> None:
    grace, alan = add_instructor(store, "grace", "h"), add_instructor(store, "alan", "h")
    mine = create_class(store, grace, "Calculus 1")
    assert class_taught(store, grace, mine.id) == mine
    assert class_taught(store, alan, mine.id) is None
    assert class_taught(store, grace, mine.id + 100) is None
    assert classes_taught(store, alan) == []


def test_the_class_report_counts_mastery_and_mistakes_per_learner_and_skill(store) -> None:
    grace = add_instructor(store, "grace", "h")
    math, other = create_class(store, grace, "Calculus 1"), create_class(store, grace, "B")
    ada = register_learner(store, "ada", "h", math.join_code)
    bo = register_learner(store, "bo", "h", math.join_code)
    cy = register_learner(store, "cy", "h", other.join_code)
    dne, sign = "removable-discontinuity-called-dne", "limit-sign-error"
    for who, mistake in [(ada, dne), (ada, dne), (ada, sign), (bo, dne), (bo, None),
                         (cy, sign), (cy, sign), (cy, sign)]:
        store.record_attempt(who, "limit-factoring", TASK, "DNE", mistake is None,
                             mistake=mistake)
    store.update_state(ada, "limit-factoring", lambda s: state(0.35, 3, 0))
    store.update_state(bo, "limit-factoring", lambda s: state(0.6, 2, 1))
    store.update_state(cy, "limit-factoring", lambda s: state(0.1, 3, 0))
    report = class_report(store, math.id)
    assert [x.name for x in report.learners] == ["ada", "bo"]  # cy is in another class
    assert report.class_name == "Calculus 1"
    assert report.skills() == {"limit-factoring"}
    assert report.states[(ada.id, "limit-factoring")].p_mastery == 0.35
    assert report.states[(bo.id, "limit-factoring")].attempts == 2
    assert (cy.id, "limit-factoring") not in report.states
    assert report.frequent_by_skill() == {"limit-factoring": [(dne, 3, 2), (sign, 1, 1)]}
    assert report.frequent_by_learner() == {ada.id: [(dne, 2), (sign, 1)], bo.id: [(dne, 1)]}


def test_the_shared_secret_is_made_once_and_the_same_for_every_opener(db_url) -> None:
    with open_store(db_url) as first, open_store(db_url) as second:
        key = shared_secret(first)
        assert len(key) >= 40 and shared_secret(second) == key
        assert shared_secret(second, "other") != key


def test_passwords_are_argon2id_hashes_that_verify_only_the_right_password() -> None:
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$v=19$") and "correct" not in stored
    assert hash_password("correct horse battery") != stored  # a fresh salt each time
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batter")
    assert not verify_password(None, "correct horse battery")
    assert not verify_password("not a hash", "x")
    assert not needs_rehash(stored)
    with pytest.raises(InputError, match="at least 8 characters"):
        hash_password("short")


def test_the_models_describe_the_migrated_schema_exactly(store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from calcml.store.models import Base

    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
