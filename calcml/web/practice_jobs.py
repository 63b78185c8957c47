"""Practice work for a worker process: the next exercise, an answer checked and recorded,
a learner's progress. Workers open the progress store themselves (one per database URL
and process), so any worker can serve any learner: the app keeps no state of its own."""

from __future__ import annotations

import html
from typing import Any

from calcml.errors import InputError
from calcml.exercises import generate
from calcml.exercises.model import catalogue, get_skill
from calcml.exercises.practice import Practice
from calcml.store import Store, open_store
from calcml.store.models import utcnow
from calcml.web.jobs import guarded

_stores: dict[str | None, Store] = {}


def store_for(url: str | None) -> Store:
    """This process's store for ``url`` (None: CALCML_DATABASE_URL or the default file)."""
    if url not in _stores:
        _stores[url] = open_store(url)
    return _stores[url]


def exercise_data(exercise: Any) -> dict[str, Any]:
    """An exercise as a page shows it: the question (HTML with MathML) and the hints.

    >>> exercise_data(generate("limit-factoring", seed=1))["skill_title"]
    'Limits by factoring and cancelling'
    """
    skill = get_skill(exercise.skill)
    return {"skill": exercise.skill, "skill_title": skill.title, "lesson": skill.lesson,
            "seed": exercise.seed, "level": exercise.level, "prompt": exercise.prompt.html,
            "hints": list(exercise.hints), "task": exercise.task}


def solution_html(exercise: Any) -> str:
    """The exercise's worked solution as HTML (MathML), or as preformatted text."""
    worked = exercise.solution()
    if hasattr(worked, "to_html"):
        return worked.to_html()
    return f"<pre>{html.escape(worked.to_text())}</pre>"


@guarded
def next_exercise(url: str | None, learner: str, scope: str | None) -> dict[str, Any]:
    """The exercise the learner should do next within ``scope`` (a skill id, a lesson
    number, or everything), and why that skill."""
    session = Practice(store_for(url), learner)
    exercise = session.next_exercise(scope)
    data = exercise_data(exercise)
    data["reason"] = session.choice.reason if session.choice else ""
    return data


@guarded
def answer(url: str | None, learner: str, skill: str, seed: int, level: int,
           text: str) -> dict[str, Any]:
    """Check ``text`` against the exercise (skill, seed, level) and record the attempt;
    the feedback, its diagnosis, the mastery before and after, and the worked solution."""
    exercise = generate(skill, seed=seed, level=level)
    outcome = Practice(store_for(url), learner).answer(exercise, text)
    diagnosis = None
    if outcome.feedback.mistake:
        found = {m.id: m for m in catalogue()}.get(outcome.feedback.mistake)
        diagnosis = found.title if found else outcome.feedback.mistake
    return {"exercise": exercise_data(exercise), "outcome": outcome.to_dict(),
            "diagnosis": diagnosis, "answer": exercise.answer_text,
            "solution": solution_html(exercise)}


@guarded
def progress(url: str | None, learner: str) -> list[dict[str, Any]]:
    """The learner's progress on every skill, in lesson order."""
    now = utcnow()
    rows = Practice(store_for(url), learner).progress()
    return [{"skill": row.skill.id, "title": row.skill.title, "lesson": row.skill.lesson,
             "p": round(row.p_mastery, 3), "attempts": row.attempts, "correct": row.correct,
             "status": row.status(now)} for row in rows]


@guarded
def recorded_check(url: str | None, learner: str, skill: str, seed: int, level: int,
                   text: str, task: dict[str, Any] | None = None) -> dict[str, Any]:
    """``POST /api/check`` in classroom mode: the verdict ``calcml check`` prints, for the
    exercise (skill, seed, level) regenerated here, with what recording it changed. A
    ``task`` sent along must be that exercise's (a made-up task is not recorded)."""
    exercise = generate(skill, seed=seed, level=level)
    if task is not None and task != exercise.task:
        raise InputError(f'option "task": it is not the task of exercise {skill} with seed '
                         f"{seed} at level {level}; send the task calcml exercise printed "
                         "for it, or leave it out")
    outcome = Practice(store_for(url), learner).answer(exercise, text).to_dict()
    return {**outcome.pop("feedback"), **outcome}
