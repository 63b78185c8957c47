"""What the instructor's pages show, from a class report: skills and mistakes by their
human names (the exercises' registry), the learner × skill mastery grid, the most frequent
diagnosed mistakes per skill and per learner, and one learner's recent answers."""

from __future__ import annotations

from typing import Any

from calcml.exercises import catalogue, skills
from calcml.exercises.mastery import PARAMETERS
from calcml.store import Attempt, SkillState
from calcml.store.report import ClassReport

RECENT = 50


def skill_titles() -> dict[str, Any]:
    """Every skill by id, in the course's order."""
    return {skill.id: skill for skill in skills()}


def mistake_named(mistake_id: str) -> dict[str, str]:
    """A diagnosed mistake's title and one-sentence explanation (its id if unknown).

    >>> mistake_named("removable-discontinuity-called-dne")["title"]
    'A hole in the graph taken for a limit that does not exist'
    """
    found = {m.id: m for m in catalogue()}.get(mistake_id)
    if found is None:
        return {"id": mistake_id, "title": mistake_id, "message": ""}
    return {"id": mistake_id, "title": found.title, "message": found.message}


def cell(state: SkillState | None) -> dict[str, Any]:
    """One grid cell: the mastery as a percentage and its kind (mastered, learning, or
    not tried), with the counts for a tooltip.

    >>> cell(SkillState("limit-factoring", 0.96, attempts=4, correct=3))["text"]
    '96%'
    >>> cell(None)["kind"]
    'none'
    """
    if state is None:
        return {"text": "–", "kind": "none", "note": "not tried yet"}
    kind = "mastered" if state.p_mastery >= PARAMETERS.threshold else "learning"
    return {"text": f"{round(state.p_mastery * 100)}%", "kind": kind,
            "note": f"{state.attempts} answers, {state.correct} right"}


def report_view(report: ClassReport) -> dict[str, Any]:
    """The class page's data: columns (skills tried, in course order), rows (learners with
    their cells and most frequent mistakes), and the most frequent mistakes by skill."""
    known = skill_titles()
    tried = report.skills()
    columns = [{"id": s.id, "title": s.title, "lesson": s.lesson}
               for s in known.values() if s.id in tried]
    columns += [{"id": s, "title": s, "lesson": None} for s in sorted(tried - set(known))]
    by_learner = report.frequent_by_learner()
    rows = [{"learner": learner,
             "cells": [cell(report.states.get((learner.id, c["id"]))) for c in columns],
             "mistakes": [{**mistake_named(m), "times": n}
                          for m, n in by_learner.get(learner.id, [])]}
            for learner in report.learners]
    titles = {c["id"]: c["title"] for c in columns}
    by_skill = [{"skill": titles.get(skill, skill),
                 "mistakes": [{**mistake_named(m), "times": n, "learners": k}
                              for m, n, k in found]}
                for skill, found in sorted(report.frequent_by_skill().items(),
                                           key=lambda item: _order(known, item[0]))]
    return {"columns": columns, "rows": rows, "by_skill": by_skill}


def learner_view(states: list[SkillState], attempts: list[Attempt]) -> dict[str, Any]:
    """One learner's page: their mastery per skill tried and their latest answers (newest
    first), each with its verdict and diagnosis by name."""
    known = skill_titles()
    mastery = [{"skill": getattr(known.get(s.skill), "title", s.skill), **cell(s)}
               for s in sorted(states, key=lambda s: _order(known, s.skill))]
    recent = [{"when": a.created_at.strftime("%Y-%m-%d %H:%M UTC"),
               "skill": getattr(known.get(a.skill), "title", a.skill), "answer": a.answer,
               "correct": a.correct,
               "mistake": mistake_named(a.mistake)["title"] if a.mistake else None}
              for a in reversed(attempts[-RECENT:])]
    return {"mastery": mastery, "recent": recent}


def _order(known: dict[str, Any], skill: str) -> tuple[int, str]:
    ids = list(known)
    return (ids.index(skill), "") if skill in known else (len(ids), skill)
