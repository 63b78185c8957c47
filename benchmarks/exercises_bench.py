"""Practice: generating an exercise and checking an answer, per skill, against a bare
``sympy.simplify(a - b) == 0`` comparison as the peer.

For each registered skill and several seeds (each seed a different exercise):

- ``calcml generate``: ``generate(skill, seed, level)``, worked solution (for the hint)
  included;
- ``calcml``: ``check`` of a right answer typed in another form (multiplied out, or
  combined over one denominator), the task already solved once (the usual case: a
  learner's second look at the same exercise, or many learners on one exercise);
- ``calcml, wrong answer``: ``check`` of a wrong answer (the right one plus 1), which also
  runs every buggy rule of the task's kind to look for a misconception;
- ``calcml, first check``: ``check`` of the right answer with the solved-task cache
  emptied, so the engine solves the task first;
- ``sympy simplify``: the peer, ``simplify(parse(answer) - right) == 0`` on the same text,
  given the right answer for free, with no diagnosis and no time limit (only for
  answers that are one expression).

The goal is a p95 under 200 ms for checking a typical answer. Every verdict is checked
before it is timed.
"""

from __future__ import annotations

import time

import sympy

from benchmarks.harness import Timing, timing
from calcml import parse
from calcml.exercises import check, generate, skills
from calcml.exercises import checking as checking_module
from calcml.expr.printing import to_text

TITLE = "practice: generate and check per skill, against bare sympy.simplify(a - b) == 0"


def _elapsed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _scalar(answer: object) -> bool:
    """Whether ``answer`` is one finite expression or number (not a word, a vector or ±oo)."""
    return (isinstance(answer, sympy.Expr) and not isinstance(answer, sympy.MatrixBase)
            and answer.is_finite is not False)


def _rewritten(answer: object, text: str) -> str:
    """The right answer in another form a learner might type."""
    if _scalar(answer) and answer.free_symbols:
        other = sympy.expand(answer)
        other = sympy.together(answer) if other == answer else other
        return to_text(other)
    return text


def _wrong(answer: object) -> str | None:
    if _scalar(answer):
        return to_text(answer + 1)
    return None


def _one(skill: str, seed: int, level: int, times: dict[str, list[float]]) -> None:
    seconds, ex = _elapsed(lambda: generate(skill, seed=seed, level=level))
    times.setdefault("calcml generate", []).append(seconds)
    typed = _rewritten(ex.answer, ex.answer_text)
    checking_module._cache.items.clear()
    seconds, verdict = _elapsed(lambda: check(ex.task, typed))
    assert verdict.correct, (skill, seed, typed, verdict.message)
    times.setdefault("calcml, first check", []).append(seconds)
    seconds, verdict = _elapsed(lambda: check(ex.task, typed))
    assert verdict.correct
    times.setdefault("calcml", []).append(seconds)
    wrong = _wrong(ex.answer)
    if wrong is not None:
        seconds, verdict = _elapsed(lambda: check(ex.task, wrong))
        assert not verdict.correct, (skill, seed, wrong)
        times.setdefault("calcml, wrong answer", []).append(seconds)
    if _scalar(ex.answer):
        seconds, same = _elapsed(lambda: sympy.simplify(parse(typed) - ex.answer) == 0)
        assert same, (skill, seed, typed)
        times.setdefault("sympy simplify", []).append(seconds)


def run(quick: bool) -> list[Timing]:
    seeds = range(3 if quick else 12)
    rows: list[Timing] = []
    for skill in skills():
        times: dict[str, list[float]] = {}
        for seed in seeds:
            _one(skill.id, seed, 1 + seed % 3, times)
        rows.append(timing(f"{skill.id}: generate", "calcml", times.pop("calcml generate")))
        for contender, measured in times.items():
            rows.append(timing(f"{skill.id}: check", contender, measured))
    return rows
