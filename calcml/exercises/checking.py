"""Checking a learner's answer to a task: read it, compare it, and name the mistake.

:func:`check` works for every registered task kind: the kind reads the text (safely),
solves the task and decides sameness by equivalence; the catalogue's buggy rules for
that kind say which misconception a wrong answer comes from.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from calcml.errors import InputError, ParseError, TimeLimitError
from calcml.exercises.model import Feedback, Mistake, TaskKind, mistakes_for, task_kind
from calcml.steps.outline import numbered, outline
from calcml.timelimit import run_limited

CACHE_SIZE = 512
_MISSING = object()


class _Cache:
    """A small least-recently-used map from a task's JSON (and a name) to a value."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, str], compute) -> Any:
        with self.lock:
            value = self.items.get(key, _MISSING)
            if value is not _MISSING:
                self.items.move_to_end(key)
                return value
        value = compute()
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


_cache = _Cache(CACHE_SIZE)


def _key(task: dict[str, Any]) -> str:
    try:
        return json.dumps(task, sort_keys=True)
    except (TypeError, ValueError):
        raise InputError("a task must be JSON data (numbers, text, lists and objects)") from None


def solve(task: dict[str, Any]) -> Any:
    """The right answer to ``task`` (remembered for the next check of the same task).

    >>> solve({"kind": "derivative", "expr": "x^3", "var": "x"})
    3*x**2
    """
    kind = task_kind(task)
    return _cache.get((_key(task), ""), lambda: kind.solve(task))


def _wrong(mistake: Mistake, task: dict[str, Any], key: str) -> Any:
    def compute() -> Any:
        try:
            return mistake.wrong(task)
        except (ValueError, ArithmeticError):
            return None
    return _cache.get((key, mistake.id), compute)


def _find_step(step: Any, rules: tuple[str, ...]) -> tuple[str, Any] | None:
    """The first step, in reading order, whose rule is one of ``rules``, with its number
    as the worked solution prints it at the normal detail (1, 1.1, 2, ...)."""
    for number, _, line in numbered(outline(step)):
        if line.step.rule in rules:
            return number, line.step
    return None


def _where(mistake: Mistake, kind: TaskKind, task: dict[str, Any]) -> str:
    """The mistake's step, named by its number in the task's worked solution if found."""
    if kind.worked is None or not mistake.rules:
        return mistake.step
    try:
        found = _find_step(kind.worked(task).step, mistake.rules)
    except (ValueError, ArithmeticError, AttributeError):
        return mistake.step
    if found is None:
        return mistake.step
    number, step = found
    return f"step {number} of the worked solution ({step.rule}): " + (
        mistake.step.split(": ", 1)[-1])


def _diagnose(kind: TaskKind, task: dict[str, Any], value: Any, right: Any) -> Feedback:
    key = _key(task)
    for mistake in mistakes_for(kind.name):
        wrong = _wrong(mistake, task, key)
        answers = wrong if isinstance(wrong, list) else [] if wrong is None else [wrong]
        for candidate in answers:
            if not kind.same(task, candidate, right) and kind.same(task, value, candidate):
                return Feedback(correct=False, message=f"Not quite: {mistake.message}",
                                mistake=mistake.id, step=_where(mistake, kind, task),
                                parsed=value)
    wanted = kind.expected(task) if kind.expected else "the answer to the task"
    return Feedback(correct=False, parsed=value,
                    message=f"Not equal to the right answer; the task asks for {wanted}. "
                            "Go through your working again, one step at a time.")


def _verdict(kind: TaskKind, task: dict[str, Any], value: Any) -> Feedback:
    right = solve(task)
    if kind.judge is not None:
        judged = kind.judge(task, value, right)
        if judged is not None:
            if judged.correct and judged.mistake is not None:
                raise ValueError(f"task kind {kind.name!r} named a mistake on a right answer")
            return judged
    if kind.same(task, value, right):
        return Feedback(correct=True, message="Correct: your answer equals the right answer.",
                        parsed=value)
    return _diagnose(kind, task, value, right)


def check(task: dict[str, Any], answer: str, *, seconds: float = 2.0) -> Feedback:
    """The verdict on the learner's text ``answer`` to ``task``, within ``seconds``.

    A malformed task is an :class:`InputError`; an answer that cannot be read is a
    Feedback whose message points at the column; a wrong answer that a known buggy rule
    gives names that rule's catalogue id.

    >>> task = {"kind": "derivative", "expr": "sin(3x)^2", "var": "x"}
    >>> check(task, "6 sin(3x) cos(3x)").correct
    True
    >>> check(task, "3 sin(6x)").correct
    True
    >>> print(check(task, "6 sin(3x) cos(3x").message)
    missing ')' to close '(' at column 14
      6 sin(3x) cos(3x
                   ^
    hint: add ')' where the group ends
    """
    kind = task_kind(task)
    _key(task)
    read: dict[str, Any] = {}

    def work() -> Feedback:
        try:
            read["value"] = kind.read(task, answer)
        except ParseError as err:
            return Feedback(correct=False, message=str(err), checked=False)
        except InputError as err:
            return Feedback(correct=False, message=f"The answer cannot be read: {err}",
                            checked=False)
        return _verdict(kind, task, read["value"])

    try:
        return run_limited(work, seconds, "checking the answer")
    except TimeLimitError:
        return Feedback(correct=False, parsed=read.get("value"), checked=False,
                        message=f"The answer could not be checked within {seconds:g} s; "
                                "try writing it in a simpler form.")


CATALOGUE_START = ("<!-- catalogue: start. Generated from the registry by "
                   "calcml.exercises.checking.write_catalogue(); do not edit by hand. -->")
CATALOGUE_END = "<!-- catalogue: end -->"


def catalogue_markdown() -> str:
    """The catalogue of buggy rules as Markdown: for each id, an example task, the wrong
    answer a learner with that misconception types, and the feedback ``check`` gives."""
    from calcml.exercises.model import catalogue

    lines: list[str] = []
    for mistake in catalogue():
        task, wrong = mistake.example
        feedback = check(task, wrong)
        lines += [f"### `{mistake.id}`", "", f"{mistake.title}.", "",
                  f"- Task: `{json.dumps(task)}`", f"- Wrong answer: `{wrong}`",
                  f"- Feedback: {feedback.message}", f"- Step: {feedback.step}", ""]
    return "\n".join(lines)


def write_catalogue(path: str = "docs/practice.md") -> None:
    """Replace the generated catalogue section of the page at ``path`` (between its
    markers) with :func:`catalogue_markdown`."""
    with open(path, encoding="utf-8") as page:
        text = page.read()
    start, end = text.index(CATALOGUE_START), text.index(CATALOGUE_END)
    text = (text[:start + len(CATALOGUE_START)] + "\n\n" + catalogue_markdown() + "\n"
            + text[end:])
    with open(path, "w", encoding="utf-8") as page:
        page.write(text)
