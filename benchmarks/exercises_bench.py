"""Practice: generating an exercise and checking an answer, per skill, against a bare
``sympy.simplify(a - b) == 0`` comparison as the peer.

For each registered skill and several seeds (each seed a different exercise):

- ``calcml generate``: ``generate(skill, seed, level)``, worked solution (for the hint)
  included;
- ``calcml``: ``check`` of a right answer typed in another form (multiplied out, or
  factored), the task already solved once (the usual case: a
  learner's second look at the same exercise, or many learners on one exercise);
- ``calcml, wrong answer``: ``check`` of a wrong answer (the right number plus 1, or twice
  the right expression plus 1), which also runs every buggy rule of the task's kind to
  look for a misconception;
- ``calcml, first check``: ``check`` of the right answer with the solved-task caches
  emptied, so the engine solves the task first (SymPy's own cache stays warm);
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
from calcml.errors import InputError
from calcml.exercises import check, generate, skills
from calcml.exercises import checking as checking_module
from calcml.exercises.kinds import derivative as derivative_kind
from calcml.exercises.kinds import limit as limit_kind
from calcml.expr.printing import to_text

TITLE = "practice: generate and check per skill, against bare sympy.simplify(a - b) == 0"


def _elapsed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def _scalar(text: str) -> sympy.Expr | None:
    """The answer text as one finite expression (not a word, a vector, a line's equation,
    or ±oo), or None."""
    try:
        value = parse(text.split("=")[-1])  # a tangent line may be typed as "y = ..."
    except InputError:
        return None
    return value if value.is_finite is not False else None


def _rewritten(value: sympy.Expr | None, text: str) -> str:
    """The right answer in another form a learner might type (an antiderivative stays in
    its "+ C" form)."""
    if value is None or not value.free_symbols or "C" in {s.name for s in value.free_symbols}:
        return text
    other = sympy.expand(value)
    return to_text(sympy.factor(value) if other == value else other)


def _one(skill: str, seed: int, level: int, times: dict[str, list[float]]) -> None:
    seconds, ex = _elapsed(lambda: generate(skill, seed=seed, level=level))
    times.setdefault("calcml generate", []).append(seconds)
    right = _scalar(ex.answer_text) if isinstance(ex.answer, sympy.Expr) else None
    typed = _rewritten(right, ex.answer_text)
    checking_module._cache.items.clear()
    limit_kind._worked.cache_clear()
    derivative_kind._worked.cache_clear()
    seconds, verdict = _elapsed(lambda: check(ex.task, typed))
    assert verdict.correct, (skill, seed, typed, verdict.message)
    times.setdefault("calcml, first check", []).append(seconds)
    seconds, verdict = _elapsed(lambda: check(ex.task, typed))
    assert verdict.correct
    times.setdefault("calcml", []).append(seconds)
    if right is None:
        return
    wrong = to_text(2 * right + 1 if right.free_symbols else right + 1)
    seconds, verdict = _elapsed(lambda: check(ex.task, wrong))
    assert not verdict.correct, (skill, seed, wrong)
    times.setdefault("calcml, wrong answer", []).append(seconds)
    seconds, same = _elapsed(lambda: sympy.simplify(_scalar(typed) - right) == 0)
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
