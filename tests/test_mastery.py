"""Bayesian Knowledge Tracing against hand-computed values, the FSRS review schedule, and
the choice of the next skill."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st

from calcml.exercises.mastery import (
    BKT,
    PARAMETERS,
    after_answer,
    is_mastered,
    next_skill,
    progress,
)
from calcml.exercises.model import Skill
from calcml.store import SkillState

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
EXACT = BKT(p_init=F(1, 5), p_transit=F(3, 20), p_slip=F(1, 10), p_guess=F(1, 5))


def test_the_documented_parameters() -> None:
    assert (PARAMETERS.p_init, PARAMETERS.p_transit, PARAMETERS.p_slip, PARAMETERS.p_guess,
            PARAMETERS.threshold) == (0.2, 0.15, 0.1, 0.2, 0.95)
    for p in (F(1, 5), F(3, 5), F(9, 10)):
        for right in (True, False):
            assert abs(float(EXACT.update(p, right)) - PARAMETERS.update(float(p), right)) < 1e-15


def test_a_right_answer_by_hand() -> None:
    # Bayes: 1/5 * 9/10 / (1/5 * 9/10 + 4/5 * 1/5) = 9/17; learning: 9/17 + 8/17 * 3/20 = 3/5
    assert EXACT.update(F(1, 5), True) == F(3, 5)
    # 3/5 * 9/10 / (27/50 + 2/5 * 1/5) = 27/31; 27/31 + 4/31 * 3/20 = 138/155
    assert EXACT.update(F(3, 5), True) == F(138, 155)
    # 621/638 after Bayes; + 17/638 * 3/20 = 12471/12760 = 0.97735...: mastered
    assert EXACT.update(F(138, 155), True) == F(12471, 12760)


def test_a_wrong_answer_by_hand() -> None:
    # Bayes: 3/5 * 1/10 / (3/50 + 2/5 * 4/5) = 3/19; learning: 3/19 + 16/19 * 3/20 = 27/95
    assert EXACT.update(F(3, 5), False) == F(27, 95)
    assert abs(PARAMETERS.update(0.6, False) - 27 / 95) < 1e-15


@given(st.floats(0.001, 0.999))
def test_a_right_answer_always_counts_for_more_than_a_wrong_one(p: float) -> None:
    right, wrong = PARAMETERS.update(p, True), PARAMETERS.update(p, False)
    assert 0 < wrong < right < 1
    assert right > p


def test_three_right_answers_master_a_new_skill_and_schedule_its_first_review() -> None:
    states = [None]
    for _ in range(3):
        states.append(after_answer(states[-1], "power-rule", True, NOW))
    assert [round(s.p_mastery, 4) for s in states[1:]] == [0.6, 0.8903, 0.9774]
    assert [s.card is None for s in states[1:]] == [True, True, False]
    assert [is_mastered(s) for s in states[1:]] == [False, False, True]
    last = states[-1]
    assert (last.attempts, last.correct, last.due) == (3, 3, NOW + timedelta(days=2))


def test_reviews_spread_out_when_remembered_and_come_back_after_a_slip() -> None:
    state = None
    for _ in range(3):
        state = after_answer(state, "power-rule", True, NOW)
    remembered = after_answer(state, "power-rule", True, state.due)
    assert remembered.due - state.due == timedelta(days=11)
    slipped = after_answer(state, "power-rule", False, state.due)
    assert slipped.due - state.due == timedelta(days=1)
    assert slipped.card["stability"] < state.card["stability"]
    assert not is_mastered(slipped) and round(slipped.p_mastery, 3) == 0.867


def skill(name: str, lesson: int, *needs: str) -> Skill:
    return Skill(id=name, title=name.title(), lesson=lesson, prerequisites=needs)


LIMITS, POWER, CHAIN, PARTIAL = (skill("limits", 2), skill("power", 3), skill("chain", 4, "power"),
                                 skill("partial", 6, "power", "chain"))
SKILLS = [LIMITS, POWER, CHAIN, PARTIAL]


def state(name: str, p: float, due: datetime | None = None) -> SkillState:
    return SkillState(skill=name, p_mastery=p, attempts=3, correct=3, due=due)


def test_a_new_learner_starts_with_the_first_skill_in_lesson_order() -> None:
    choice = next_skill(SKILLS, {}, NOW)
    assert (choice.skill.id, choice.reason) == ("limits", "learn")
    assert next_skill([], {}, NOW) is None


def test_the_weakest_skill_whose_prerequisites_are_mastered_comes_next() -> None:
    states = {"limits": state("limits", 0.6), "power": state("power", 0.3)}
    assert next_skill(SKILLS, states, NOW).skill.id == "power"
    states["power"] = state("power", 0.97, due=NOW + timedelta(days=2))
    # chain is now open (p 0.2 untried) and weaker than limits (0.6); partial still waits
    assert next_skill(SKILLS, states, NOW).skill.id == "chain"
    states["chain"] = state("chain", 0.6)
    # limits and chain tie at 0.6: lesson order decides
    assert next_skill(SKILLS, states, NOW).skill.id == "limits"


def test_a_due_review_comes_before_new_learning() -> None:
    states = {"limits": state("limits", 0.97, due=NOW + timedelta(days=1)),
              "power": state("power", 0.98, due=NOW + timedelta(days=2))}
    assert next_skill(SKILLS, states, NOW).skill.id == "chain"
    later = NOW + timedelta(days=3)
    choice = next_skill(SKILLS, states, later)
    assert (choice.skill.id, choice.reason) == ("limits", "review")


def test_when_everything_is_mastered_the_soonest_review_is_practised_ahead() -> None:
    states = {s.id: state(s.id, 0.99, due=NOW + timedelta(days=5 - i))
              for i, s in enumerate(SKILLS)}
    choice = next_skill(SKILLS, states, NOW)
    assert (choice.skill.id, choice.reason) == ("partial", "ahead")


def test_prerequisites_outside_the_chosen_scope_are_not_asked_for() -> None:
    assert next_skill([PARTIAL], {}, NOW).skill.id == "partial"
    assert next_skill([CHAIN, PARTIAL], {}, NOW).skill.id == "chain"


def test_progress_rows_say_where_each_skill_stands() -> None:
    states = {"limits": state("limits", 0.97, due=NOW - timedelta(hours=1)),
              "power": state("power", 0.97, due=NOW + timedelta(days=1)),
              "chain": state("chain", 0.5)}
    rows = progress(SKILLS, states)
    assert [r.status(NOW) for r in rows] == ["review due", "mastered", "learning",
                                             "not started"]
    assert rows[3].p_mastery == 0.2 and rows[3].attempts == 0
    assert rows[1].to_dict(NOW)["due"] == "2026-12-02T09:00:00+00:00"
