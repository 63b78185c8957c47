"""A class's report as the store reads it: members, states and mistake counts, with the
summaries an instructor's dashboard shows (mistake ids and skill ids are named by the
caller, from the exercises' registry: the store knows no exercises).

>>> from datetime import UTC, datetime
>>> from calcml.store.store import Learner
>>> now = datetime(2026, 12, 3, tzinfo=UTC)
>>> report = ClassReport("Calculus 1", (Learner(1, "ada", "learner", now),
...     Learner(2, "bo", "learner", now)), {}, (MistakeCount(1, "limit-factoring", "dne", 3),
...     MistakeCount(2, "limit-factoring", "dne", 1),
...     MistakeCount(2, "limit-factoring", "sign", 2)))
>>> report.frequent_by_skill()["limit-factoring"]
[('dne', 4, 2), ('sign', 2, 1)]
>>> report.frequent_by_learner()[2]
[('sign', 2), ('dne', 1)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from calcml.store.store import Learner, SkillState


@dataclass(frozen=True)
class MistakeCount:
    """How often one learner made one diagnosed mistake on one skill."""

    learner_id: int
    skill: str
    mistake: str
    count: int


@dataclass(frozen=True)
class ClassReport:
    """One class: its members by name, their states by (learner id, skill), and their
    diagnosed mistakes counted by learner, skill and mistake."""

    class_name: str
    learners: tuple[Learner, ...]
    states: dict[tuple[int, str], SkillState]
    mistakes: tuple[MistakeCount, ...]

    def skills(self) -> set[str]:
        """The skills any member has answered or been diagnosed on."""
        return {skill for _, skill in self.states} | {m.skill for m in self.mistakes}

    def frequent_by_skill(self, top: int = 3) -> dict[str, list[tuple[str, int, int]]]:
        """Per skill, its ``top`` most frequent mistakes as (mistake, times, learners),
        most frequent first (ties by mistake id)."""
        times: dict[str, Counter[str]] = defaultdict(Counter)
        people: dict[str, Counter[str]] = defaultdict(Counter)
        for row in self.mistakes:
            times[row.skill][row.mistake] += row.count
            people[row.skill][row.mistake] += 1
        return {skill: [(m, n, people[skill][m]) for m, n in _most(counts, top)]
                for skill, counts in sorted(times.items())}

    def frequent_by_learner(self, top: int = 3) -> dict[int, list[tuple[str, int]]]:
        """Per learner id, their ``top`` most frequent mistakes (over every skill) as
        (mistake, times), most frequent first."""
        times: dict[int, Counter[str]] = defaultdict(Counter)
        for row in self.mistakes:
            times[row.learner_id][row.mistake] += row.count
        return {who: _most(counts, top) for who, counts in times.items()}


def _most(counts: Counter[str], top: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
