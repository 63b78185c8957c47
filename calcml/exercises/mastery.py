"""Mastery and review: Bayesian Knowledge Tracing per skill, spaced repetition with FSRS.

**Bayesian Knowledge Tracing** (Corbett and Anderson, 1995) keeps, for each learner and
skill, the probability ``p`` that the skill is known. An answer updates it in two
moves: Bayes' rule given the answer (a learner who knows the skill still slips with
probability ``p_slip``; one who does not may get it right anyway with probability
``p_guess``), then the chance ``p_transit`` of learning the skill from this exercise:

    right:  p' = p(1 - slip) / (p(1 - slip) + (1 - p) guess)
    wrong:  p' = p slip / (p slip + (1 - p)(1 - guess))
    then:   p'' = p' + (1 - p') transit

A skill is *mastered* when ``p >= threshold``. With the parameters here (``p_init`` 0.2,
``p_transit`` 0.15, ``p_slip`` 0.1, ``p_guess`` 0.2, ``threshold`` 0.95) three right
answers in a row take a new skill from 0.2 to 0.6, 0.890 and 0.977: mastered.

**Review.** From the answer that first masters a skill on, the skill has an FSRS card
(the ``fsrs`` package: Free Spaced Repetition Scheduler). Every later answer reviews the
card, a right answer as ``Good`` and a wrong one as ``Again``, and the card's ``due``
time says when the skill should be practised again (2 days after mastery, then about 11,
and longer each time it is remembered; sooner after a slip). Learning steps of minutes
and random fuzz are switched off: a skill's review is a matter of days, and the same
answers give the same schedule.

**The next skill** (:func:`next_skill`): among the skills whose prerequisites are
mastered, a mastered skill whose review is due comes first; else the weakest skill not
yet mastered (lowest ``p``, ties in lesson order); else, when everything is mastered and
nothing is due, the review due soonest.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

from calcml.exercises.model import Skill
from calcml.store import SkillState


@dataclass(frozen=True)
class BKT:
    """Bayesian Knowledge Tracing parameters (see the module docstring).

    >>> round(BKT().update(0.2, True), 6)
    0.6
    >>> round(BKT().update(0.6, False), 6)
    0.284211
    """

    p_init: float = 0.2
    p_transit: float = 0.15
    p_slip: float = 0.1
    p_guess: float = 0.2
    threshold: float = 0.95

    def update(self, p: float, correct: bool) -> float:
        """The probability the skill is known after one answer, from ``p`` before it."""
        if correct:
            known, unknown = p * (1 - self.p_slip), (1 - p) * self.p_guess
        else:
            known, unknown = p * self.p_slip, (1 - p) * (1 - self.p_guess)
        posterior = known / (known + unknown)
        return posterior + (1 - posterior) * self.p_transit

    def level(self, p: float) -> int:
        """The exercise level for a learner at ``p``: 1 below 0.5, 2 below 0.8, else 3.

        >>> [BKT().level(p) for p in (0.2, 0.6, 0.9)]
        [1, 2, 3]
        """
        return 1 if p < 0.5 else 2 if p < 0.8 else 3


PARAMETERS = BKT()
SCHEDULER = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)


def p_mastery(state: SkillState | None, bkt: BKT = PARAMETERS) -> float:
    """The mastery probability of a state, ``p_init`` for a skill never tried.

    >>> p_mastery(None), p_mastery(SkillState(skill="gradient", p_mastery=0.6))
    (0.2, 0.6)
    """
    return bkt.p_init if state is None else state.p_mastery


def is_mastered(state: SkillState | None, bkt: BKT = PARAMETERS) -> bool:
    """Whether the skill is mastered (``p >= threshold``).

    >>> is_mastered(SkillState(skill="gradient", p_mastery=0.95)), is_mastered(None)
    (True, False)
    """
    return p_mastery(state, bkt) >= bkt.threshold


def after_answer(state: SkillState | None, skill: str, correct: bool, now: datetime,
                 bkt: BKT = PARAMETERS) -> SkillState:
    """The skill's state after one answer at ``now``: BKT, the counts, the review card.

    >>> from datetime import datetime, UTC
    >>> now = datetime(2026, 12, 1, tzinfo=UTC)
    >>> state = None
    >>> for _ in range(3):
    ...     state = after_answer(state, "power-rule", True, now)
    >>> round(state.p_mastery, 3), state.attempts, state.due.date()
    (0.977, 3, datetime.date(2026, 12, 3))
    """
    p = bkt.update(p_mastery(state, bkt), correct)
    card = _review(state.card if state else None, correct, p >= bkt.threshold, now)
    return SkillState(skill=skill, p_mastery=p,
                      attempts=(state.attempts if state else 0) + 1,
                      correct=(state.correct if state else 0) + int(correct),
                      card=card, due=None if card is None else datetime.fromisoformat(
                          card["due"]))


def _review(card: dict[str, Any] | None, correct: bool, mastered: bool,
            now: datetime) -> dict[str, Any] | None:
    """The FSRS card after this answer; a skill gets its card when first mastered."""
    if card is None and not mastered:
        return None
    current = Card(card_id=1, due=now) if card is None else Card.from_dict(card)
    reviewed, _ = SCHEDULER.review_card(current, Rating.Good if correct else Rating.Again,
                                        review_datetime=now)
    return dict(reviewed.to_dict())


@dataclass(frozen=True)
class Choice:
    """The skill to practise next and why: ``"review"`` (mastered, review due),
    ``"learn"`` (not yet mastered) or ``"ahead"`` (all mastered, nothing due)."""

    skill: Skill
    reason: str


def next_skill(skills: Sequence[Skill], states: Mapping[str, SkillState], now: datetime,
               bkt: BKT = PARAMETERS) -> Choice | None:
    """What to practise next among ``skills`` (in lesson order), given the learner's
    ``states`` by skill id; ``None`` only when ``skills`` is empty. Prerequisites outside
    ``skills`` are not asked for: a learner who picks a lesson may start it.

    >>> from datetime import datetime, UTC
    >>> a, b = Skill("a", "A", 1), Skill("b", "B", 1, prerequisites=("a",))
    >>> next_skill([a, b], {}, datetime(2026, 12, 1, tzinfo=UTC))
    Choice(skill=Skill(id='a', ...), reason='learn')
    """
    ids = {skill.id for skill in skills}
    order = {skill.id: i for i, skill in enumerate(skills)}
    ready = [s for s in skills
             if all(is_mastered(states.get(p), bkt) for p in s.prerequisites if p in ids)]
    mastered = [s for s in ready if is_mastered(states.get(s.id), bkt)]
    learning = [s for s in ready if not is_mastered(states.get(s.id), bkt)]
    due = [s for s in mastered if _due(states.get(s.id), now) <= now]
    if due:
        return Choice(min(due, key=lambda s: (_due(states.get(s.id), now), order[s.id])),
                      "review")
    if learning:
        return Choice(min(learning, key=lambda s: (p_mastery(states.get(s.id), bkt),
                                                   order[s.id])), "learn")
    if mastered:
        return Choice(min(mastered, key=lambda s: (_due(states.get(s.id), now),
                                                   order[s.id])), "ahead")
    return Choice(skills[0], "learn") if skills else None


def _due(state: SkillState | None, now: datetime) -> datetime:
    return state.due if state is not None and state.due is not None else now


@dataclass(frozen=True)
class SkillProgress:
    """One row of a learner's progress: a skill, its mastery and its review."""

    skill: Skill
    p_mastery: float
    attempts: int
    correct: int
    mastered: bool
    due: datetime | None

    def status(self, now: datetime) -> str:
        """``not started``, ``learning``, ``mastered`` or ``review due``."""
        if self.attempts == 0:
            return "not started"
        if not self.mastered:
            return "learning"
        return "review due" if self.due is not None and self.due <= now else "mastered"

    def to_dict(self, now: datetime) -> dict[str, Any]:
        """JSON-ready."""
        return {"skill": self.skill.id, "title": self.skill.title,
                "lesson": self.skill.lesson, "p_mastery": round(self.p_mastery, 4),
                "attempts": self.attempts, "correct": self.correct,
                "mastered": self.mastered, "status": self.status(now),
                "due": None if self.due is None else self.due.isoformat()}


def progress(skills: Sequence[Skill], states: Mapping[str, SkillState],
             bkt: BKT = PARAMETERS) -> list[SkillProgress]:
    """Every skill's progress row, in the order of ``skills`` (untried ones at p_init).

    >>> from datetime import datetime, UTC
    >>> rows = progress([Skill("gradient", "The gradient", 7)], {})
    >>> rows[0].p_mastery, rows[0].status(datetime(2026, 12, 1, tzinfo=UTC))
    (0.2, 'not started')
    """
    rows = []
    for skill in skills:
        state = states.get(skill.id)
        rows.append(SkillProgress(
            skill=skill, p_mastery=p_mastery(state, bkt),
            attempts=state.attempts if state else 0, correct=state.correct if state else 0,
            mastered=is_mastered(state, bkt), due=state.due if state else None))
    return rows
