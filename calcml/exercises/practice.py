"""A practice session: the next exercise for a learner, and what their answer changes.

The CLI, the web app and the notebooks share this object. :meth:`Practice.next_exercise`
picks the skill (:func:`calcml.exercises.mastery.next_skill`), a fresh seed and a level
that follows the learner's mastery; :meth:`Practice.answer` checks the answer by
equivalence, records the attempt together with the skill's new mastery and review card
(one transaction, committed before it returns) and says what changed. An answer that
cannot be read is not an attempt: its feedback points at the spot and nothing is stored.

>>> import random, tempfile
>>> from calcml.store import open_store
>>> store = open_store(f"sqlite:///{tempfile.mkdtemp()}/calcml.db")
>>> session = Practice(store, "ada", rng=random.Random(1))
>>> exercise = session.next_exercise("integral-definite")
>>> outcome = session.answer(exercise, exercise.answer_text)
>>> outcome.feedback.correct, round(outcome.before, 2), round(outcome.after, 2)
(True, 0.2, 0.6)
>>> store.close()
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from calcml.errors import InputError
from calcml.exercises.checking import check
from calcml.exercises.mastery import (
    BKT,
    PARAMETERS,
    Choice,
    SkillProgress,
    after_answer,
    is_mastered,
    next_skill,
    p_mastery,
    progress,
)
from calcml.exercises.model import Exercise, Feedback, Skill, generate, get_skill, skills
from calcml.store import SkillState, Store
from calcml.store.models import utcnow

MAX_SEED = 1_000_000


@dataclass(frozen=True)
class Outcome:
    """What one answer did: the feedback, whether it was recorded (an answer that could
    not be read or checked in time is not), and the skill's mastery before and after."""

    feedback: Feedback
    recorded: bool
    skill: Skill
    before: float
    after: float
    mastered: bool
    newly_mastered: bool
    due: datetime | None
    attempt_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {"feedback": self.feedback.to_dict(), "recorded": self.recorded,
                "skill": self.skill.id, "before": round(self.before, 4),
                "after": round(self.after, 4), "mastered": self.mastered,
                "newly_mastered": self.newly_mastered, "attempt": self.attempt_id,
                "due": None if self.due is None else self.due.isoformat()}


def scope_skills(scope: str | int | None = None) -> list[Skill]:
    """The skills a scope names: all of them (``None``), one skill by id, or a lesson by
    its number (``3`` or ``"3"``). An unknown skill lists the skills; a lesson with no
    skills lists the lessons that have some.

    >>> [s.id for s in scope_skills("integral-by-parts")]
    ['integral-by-parts']
    """
    every = skills()
    if scope is None:
        return every
    if isinstance(scope, int) or str(scope).strip().isdigit():
        lesson = int(scope)
        chosen = [s for s in every if s.lesson == lesson]
        if not chosen:
            lessons = ", ".join(str(n) for n in sorted({s.lesson for s in every}))
            raise InputError(f"lesson {lesson} has no exercises; the lessons with "
                             f"exercises are {lessons}")
        return chosen
    return [get_skill(str(scope).strip())]


class Practice:
    """One learner's practice against a store (see the module docstring).

    ``rng`` draws the seeds (a fixed one makes a session repeatable); ``clock`` gives
    the time, timezone-aware (reviews fall due by it).
    """

    def __init__(self, store: Store, learner: str, *, rng: random.Random | None = None,
                 clock: Callable[[], datetime] = utcnow, bkt: BKT = PARAMETERS) -> None:
        self.store = store
        self.learner = store.learner(learner)
        self.rng = rng or random.Random()
        self.clock = clock
        self.bkt = bkt
        self.choice: Choice | None = None
        self._shown: tuple[Exercise, float] | None = None

    def states(self) -> dict[str, SkillState]:
        """The learner's stored state on each skill tried, by skill id."""
        return {state.skill: state for state in self.store.mastery(self.learner)}

    def next_exercise(self, scope: str | int | None = None) -> Exercise:
        """A new exercise on the skill to practise next within ``scope`` (a skill id, a
        lesson number, or everything); ``self.choice`` says which skill and why."""
        states = self.states()
        self.choice = next_skill(scope_skills(scope), states, self.clock(), self.bkt)
        if self.choice is None:
            raise InputError("there are no exercises to practise yet")
        skill = self.choice.skill
        level = self.bkt.level(p_mastery(states.get(skill.id), self.bkt))
        exercise = generate(skill.id, seed=self.rng.randrange(MAX_SEED), level=level)
        self._shown = (exercise, time.monotonic())
        return exercise

    def answer(self, exercise: Exercise, text: str, seconds: float | None = None) -> Outcome:
        """Check ``text`` against ``exercise``; record it and update mastery unless it
        could not be read. ``seconds`` defaults to the time since the exercise was shown."""
        feedback = check(exercise.task, text)
        skill = get_skill(exercise.skill)
        if not feedback.checked:
            p = p_mastery(self.states().get(skill.id), self.bkt)
            return Outcome(feedback, False, skill, p, p, p >= self.bkt.threshold, False, None)
        if seconds is None and self._shown is not None and self._shown[0] is exercise:
            seconds = round(time.monotonic() - self._shown[1], 3)
        seen: list[tuple[SkillState | None, SkillState]] = []
        now = self.clock()

        def update(state: SkillState | None) -> SkillState:
            seen[:] = [(state, after_answer(state, skill.id, feedback.correct, now,
                                            self.bkt))]
            return seen[0][1]

        attempt = self.store.record_attempt(
            self.learner, skill.id, exercise.task, text, feedback.correct,
            mistake=feedback.mistake, seconds=seconds, seed=exercise.seed,
            level=exercise.level, update=update)
        before, after = seen[0]
        mastered = is_mastered(after, self.bkt)
        return Outcome(feedback, True, skill, p_mastery(before, self.bkt), after.p_mastery,
                       mastered, mastered and not is_mastered(before, self.bkt), after.due,
                       attempt.id)

    def progress(self, scope: str | int | None = None) -> list[SkillProgress]:
        """The learner's progress on every skill in ``scope``, in lesson order."""
        return progress(scope_skills(scope), self.states(), self.bkt)
