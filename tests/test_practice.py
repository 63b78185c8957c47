"""The practice session: exercises chosen by mastery, answers checked, recorded and traced."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest

from calcml.errors import InputError
from calcml.exercises import skills
from calcml.exercises.practice import Practice, scope_skills
from calcml.store import open_store

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def session(store, clock) -> Practice:
    return Practice(store, "ada", rng=random.Random(7), clock=clock)


def test_a_right_answer_is_recorded_with_its_exercise(session, store) -> None:
    exercise = session.next_exercise("integral-definite")
    assert (exercise.skill, exercise.level) == ("integral-definite", 1)
    assert session.choice.reason == "learn"
    outcome = session.answer(exercise, exercise.answer_text)
    assert outcome.recorded and outcome.feedback.correct
    assert (round(outcome.before, 4), round(outcome.after, 4)) == (0.2, 0.6)
    [attempt] = store.attempts("ada")
    assert attempt.id == outcome.attempt_id
    assert (attempt.skill, attempt.task, attempt.answer, attempt.correct, attempt.mistake) == (
        "integral-definite", exercise.task, exercise.answer_text, True, None)
    assert (attempt.seed, attempt.level) == (exercise.seed, 1)
    assert attempt.seconds is not None and 0 <= attempt.seconds < 60
    data = json.loads(json.dumps(outcome.to_dict()))
    assert (data["skill"], data["before"], data["after"], data["attempt"], data["due"]) == (
        "integral-definite", 0.2, 0.6, attempt.id, None)
    assert data["feedback"]["correct"] is True


def test_a_diagnosed_mistake_is_recorded_and_lowers_mastery(session, store) -> None:
    exercise = session.next_exercise("integral-definite")
    outcome = session.answer(exercise, f"-({exercise.answer_text})")
    assert not outcome.feedback.correct and outcome.feedback.mistake == "bounds-swapped"
    assert round(outcome.after, 4) == round(0.2 * 0.1 / (0.02 + 0.8 * 0.8) * 0.85 + 0.15, 4)
    assert [a.mistake for a in store.attempts("ada")] == ["bounds-swapped"]
    [state] = store.mastery("ada")
    assert (state.attempts, state.correct) == (1, 0)


def test_an_unreadable_answer_is_not_an_attempt(session, store) -> None:
    exercise = session.next_exercise("integral-definite")
    outcome = session.answer(exercise, "3 +* 4")
    assert not outcome.recorded and outcome.feedback.parsed is None
    assert "^" in outcome.feedback.message
    assert store.attempts("ada") == [] and store.mastery("ada") == []


def test_an_answer_not_checked_in_time_is_not_an_attempt(session, store, monkeypatch) -> None:
    import time

    from calcml.exercises import checking

    def slow_verdict(*args):
        end = time.perf_counter() + 10
        while time.perf_counter() < end:
            pass

    exercise = session.next_exercise("integral-definite")
    monkeypatch.setattr(checking, "_verdict", slow_verdict)
    outcome = session.answer(exercise, exercise.answer_text)
    assert not outcome.recorded and not outcome.feedback.checked
    assert "could not be checked within" in outcome.feedback.message
    assert store.attempts("ada") == [] and store.mastery("ada") == []


def test_mastery_raises_the_level_then_moves_on_then_brings_the_review_back(
        session, clock) -> None:
    levels, outcomes = [], []
    first = "integral-basic-rules"
    for _ in range(3):
        exercise = session.next_exercise(first)
        levels.append(exercise.level)
        outcomes.append(session.answer(exercise, exercise.answer_text))
    assert levels == [1, 2, 3]
    assert [o.newly_mastered for o in outcomes] == [False, False, True]
    assert outcomes[-1].due == NOW + timedelta(days=2)
    moved_on = session.next_exercise(8)
    assert moved_on.skill != first and session.choice.reason == "learn"
    clock.now = NOW + timedelta(days=2, minutes=1)
    review = session.next_exercise(8)
    assert (review.skill, review.level, session.choice.reason) == (first, 3, "review")
    progress = {row.skill.id: row for row in session.progress(8)}
    assert progress[first].status(clock.now) == "review due"


def test_the_same_random_source_gives_the_same_exercises(tmp_path) -> None:
    runs = []
    for name in ("a", "b"):
        with open_store(f"sqlite:///{tmp_path}/{name}.db") as store:
            practice = Practice(store, "ada", rng=random.Random(3), clock=Clock())
            runs.append([practice.next_exercise(8).task for _ in range(3)])
    assert runs[0] == runs[1]


def test_a_scope_is_a_skill_a_lesson_or_everything() -> None:
    assert [s.id for s in scope_skills("integral-by-parts")] == ["integral-by-parts"]
    assert {s.lesson for s in scope_skills("8")} == {8} == {s.lesson for s in scope_skills(8)}
    assert scope_skills() == skills()
    with pytest.raises(InputError, match="unknown skill 'integration'; the skills are: .*"
                       "integral-by-parts"):
        scope_skills("integration")
    with pytest.raises(InputError, match="lesson 42 has no exercises; the lessons with "
                       r"exercises are 1, .*8"):
        scope_skills(42)
