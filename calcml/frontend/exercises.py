"""``calcml exercise`` and ``POST /api/exercise``: one generated exercise as data.

The CLI prints :func:`exercise`'s result with ``--format json`` and the web app returns
it from ``POST /api/exercise``, so the two give the same JSON: the question in text,
LaTeX and HTML, the task to check an answer against, the hints and, on request, the
answer and the worked solution.

>>> from calcml.frontend import to_json
>>> shown = to_json(exercise("limit-factoring", seed=1, level=2, solution=True))
>>> shown["task"]["kind"], shown["answer"]
('limit', '8')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calcml.exercises import Exercise, generate


@dataclass(frozen=True)
class ShownExercise:
    """An exercise as a front end shows it, with its solution or without."""

    exercise: Exercise
    with_solution: bool = False

    def to_dict(self) -> dict[str, Any]:
        """What ``calcml exercise ... --format json`` prints."""
        ex = self.exercise
        data: dict[str, Any] = {
            "skill": ex.skill, "seed": ex.seed, "level": ex.level,
            "prompt": {"text": ex.prompt.text, "latex": ex.prompt.latex,
                       "html": ex.prompt.html},
            "task": ex.task, "hints": list(ex.hints)}
        if self.with_solution:
            worked = ex.solution()
            data |= {"answer": ex.answer_text,
                     "solution": worked.to_dict() if hasattr(worked, "to_dict")
                     else {"text": worked.to_text()}}
        return data


def exercise(skill: str, seed: int = 0, level: int = 1, solution: bool = False
             ) -> ShownExercise:
    """The exercise on ``skill`` drawn by ``seed`` at ``level`` (1 to 3), with the answer
    and worked solution when ``solution`` is true. An unknown skill, a level outside 1
    to 3 or a negative seed is an :class:`calcml.errors.InputError` that says so.

    >>> exercise("secant-slope", seed=2).to_dict()["skill"]
    'secant-slope'
    """
    return ShownExercise(generate(skill, seed=seed, level=level), solution)
