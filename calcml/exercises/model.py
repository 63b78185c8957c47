"""What practice is made of: skills, exercises, and the feedback on a learner's answer.

A :class:`Skill` is one thing a learner can practise (factoring a limit, the quotient
rule, one gradient-descent step), with the lesson it belongs to and the skills it
builds on. Its generator turns a seed and a level into an :class:`Exercise`; the
learner's text and the exercise's ``task`` go to ``check``, which returns
:class:`Feedback`. The registry here is the one list of skills: generators register
themselves with :func:`register`, and everything else (the store's mastery, the next
exercise, the CLI, the web app, the notebooks) reads :func:`skills`.

The registry knows nothing of its registrants: the package :mod:`calcml.exercises` hands
it a loader (:func:`on_first_read`) that imports the task kinds, the buggy rules and the
generators the first time the registry is read.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from calcml.errors import InputError

LEVELS = (1, 2, 3)


@dataclass(frozen=True)
class Skill:
    """One practisable skill.

    ``id`` is a short kebab-case name (``"limit-factoring"``); ``lesson`` the course
    lesson (1 to 8) it belongs to; ``prerequisites`` the ids of the skills it builds on.
    """

    id: str
    title: str
    lesson: int
    prerequisites: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class Prompt:
    """An exercise's question in the three forms a front end needs."""

    text: str
    latex: str
    html: str


@dataclass(frozen=True)
class Exercise:
    """One generated exercise.

    ``task`` is a JSON-ready dict that ``check`` takes with the learner's text;
    ``answer`` the right answer as a SymPy value or number; ``answer_text`` the answer as
    a learner would type it (``check`` accepts it); ``hints`` go from the rule, to the
    set-up, to the first line of the worked solution. ``solution()`` builds the engines'
    worked solution on demand (it may take a moment).
    """

    skill: str
    seed: int
    level: int
    prompt: Prompt
    task: dict[str, Any]
    answer: Any
    answer_text: str
    hints: tuple[str, ...]
    make_solution: Callable[[], Any] = field(repr=False, compare=False)

    def solution(self) -> Any:
        """The worked solution from the engines (a :class:`calcml.steps.Solution` or
        another result object that renders itself)."""
        return self.make_solution()


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer.

    ``mistake`` is a catalogue id (see ``calcml.exercises.catalogue``) when the wrong
    answer matches a known misconception, else ``None``; it is always ``None`` when
    ``correct``. ``step`` is where the mistake lies: a description of the step of the
    worked solution that the mistaken rule gets wrong. ``parsed`` is the learner's answer
    as read (a SymPy value), or ``None`` when it could not be read, in which case
    ``message`` carries the parse error with its caret. ``checked`` is ``False`` when no
    verdict was reached (the answer could not be read, or checking ran out of time): such
    an answer is neither right nor wrong, and is not counted as an attempt.
    """

    correct: bool
    message: str
    mistake: str | None = None
    step: str | None = None
    parsed: Any = None
    checked: bool = True

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the parsed answer as text."""
        return {"correct": self.correct, "message": self.message, "mistake": self.mistake,
                "step": self.step, "parsed": None if self.parsed is None else str(self.parsed),
                "checked": self.checked}


Generator = Callable[[int, int], Exercise]
"""``generator(seed, level) -> Exercise``: the same seed and level give the same exercise."""

_SKILLS: dict[str, Skill] = {}
_GENERATORS: dict[str, Generator] = {}


def register(skill: Skill) -> Callable[[Generator], Generator]:
    """Register ``skill`` with the decorated generator; a second registration is an error."""

    def decorate(generator: Generator) -> Generator:
        if skill.id in _SKILLS:
            raise ValueError(f"skill {skill.id!r} is registered twice")
        if not 1 <= skill.lesson <= 8:
            raise ValueError(f"skill {skill.id!r}: lesson must be 1 to 8, not {skill.lesson}")
        _SKILLS[skill.id] = skill
        _GENERATORS[skill.id] = generator
        return generator

    return decorate


def import_all(package: str, path: Iterable[str]) -> None:
    """Import every module of ``package`` (whose ``__path__`` is ``path``), in name order."""
    for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
        importlib.import_module(f"{package}.{info.name}")


_LOADERS: list[Callable[[], None]] = []
_LOADING = threading.RLock()  # other threads wait while one runs the loaders


def on_first_read(loader: Callable[[], None]) -> None:
    """Run ``loader`` once, before the registry is first read: it imports the modules that
    register skills, task kinds and mistakes (so that reading needs no import of them here).

    >>> on_first_read(lambda: None)
    """
    with _LOADING:
        _LOADERS.append(loader)


def _load() -> None:
    """Run the loaders not yet run, in the order they were handed over; a thread that reads
    while another loads waits until the registry is full."""
    with _LOADING:
        while _LOADERS:
            _LOADERS.pop(0)()


def _depth(skill: Skill, seen: frozenset[str] = frozenset()) -> int:
    """The length of the longest chain of registered prerequisites below ``skill``."""
    below = [_SKILLS[p] for p in skill.prerequisites if p in _SKILLS and p not in seen]
    return max((1 + _depth(p, seen | {skill.id}) for p in below), default=0)


def skills() -> list[Skill]:
    """Every skill, in lesson order; within a lesson, a skill comes after the skills it
    builds on (then in the order they were registered).

    >>> [s.id for s in skills() if s.lesson == 2][:2]
    ['limit-substitution', 'limit-factoring']
    """
    _load()
    return sorted(_SKILLS.values(), key=lambda s: (s.lesson, _depth(s)))


def get_skill(skill_id: str) -> Skill:
    """The skill with this id; an unknown id is an :class:`InputError` listing the ids.

    >>> get_skill("derivative-chain-rule").lesson
    4
    """
    _load()
    try:
        return _SKILLS[skill_id]
    except KeyError:
        known = ", ".join(s.id for s in skills())
        raise InputError(f"unknown skill {skill_id!r}; the skills are: {known}") from None


def generate(skill: str, seed: int = 0, level: int = 1) -> Exercise:
    """A new exercise for ``skill``; the same ``seed`` and ``level`` give the same one.

    >>> generate("limit-factoring", seed=1, level=2).answer_text
    '8'
    """
    get_skill(skill)
    if level not in LEVELS:
        raise InputError(f"level must be 1, 2 or 3, not {level!r}")
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise InputError(f"seed must be a whole number 0 or more, not {seed!r}")
    return _GENERATORS[skill](seed, level)


@dataclass(frozen=True)
class TaskKind:
    """How answers to one kind of task (``task["kind"]``) are read, solved and compared.

    ``solve(task)`` gives the right answer; ``read(task, text)`` reads a learner's text
    with the safe parser (raising :class:`calcml.errors.ParseError` or
    :class:`InputError`); ``same(task, a, b)`` decides whether two answers are the same
    answer to this task (by equivalence, never by string). ``judge(task, value, right)``,
    when given, is asked first and may return a verdict of its own (a right antiderivative
    written without "+ C", an indeterminate form given as the answer), or ``None``.
    ``expected(task)``, when given, says what kind of answer the task wants without giving
    it away ("the derivative, an expression in x"), for the message on a wrong answer.
    ``worked(task)``, when given, is the engines' worked solution of the task (a
    :class:`calcml.steps.Solution`), in which a diagnosed mistake's step is found.
    """

    name: str
    solve: Callable[[dict[str, Any]], Any]
    read: Callable[[dict[str, Any], str], Any]
    same: Callable[[dict[str, Any], Any, Any], bool]
    judge: Callable[[dict[str, Any], Any, Any], Feedback | None] | None = None
    expected: Callable[[dict[str, Any]], str] | None = None
    worked: Callable[[dict[str, Any]], Any] | None = None


@dataclass(frozen=True)
class Mistake:
    """A buggy rule: the wrong answer a learner with one misconception gives.

    ``wrong(task)`` returns that wrong answer for a task of one of ``kinds`` (a value
    comparable by the kind's ``same``), a list of such answers when the misconception can
    go more than one way (the left or the right side only), or ``None`` when the rule does
    not apply to the task.
    ``message`` says what went wrong in one sentence; ``step`` names the step of the
    worked solution that goes the other way; ``example`` is a task and the wrong answer
    as a learner would type it, for the documentation and the tests. ``rules`` names the
    rules (``Step.rule``, such as "Product rule") of the worked solution's steps where
    the mistake lies, so that feedback can point at the first such step by its number.
    """

    id: str
    title: str
    kinds: tuple[str, ...]
    wrong: Callable[[dict[str, Any]], Any]
    message: str
    step: str
    example: tuple[dict[str, Any], str]
    rules: tuple[str, ...] = ()


_KINDS: dict[str, TaskKind] = {}
_MISTAKES: dict[str, Mistake] = {}


def register_kind(kind: TaskKind) -> TaskKind:
    """Add a task kind; a second one of the same name is an error."""
    if kind.name in _KINDS:
        raise ValueError(f"task kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind
    return kind


def register_mistake(mistake: Mistake) -> Mistake:
    """Add a buggy rule to the catalogue; a second one with the same id is an error."""
    if mistake.id in _MISTAKES:
        raise ValueError(f"mistake {mistake.id!r} is registered twice")
    unknown = [k for k in mistake.kinds if k not in _KINDS]
    if unknown:
        raise ValueError(f"mistake {mistake.id!r} names unregistered task kinds {unknown}")
    _MISTAKES[mistake.id] = mistake
    return mistake


def catalogue() -> list[Mistake]:
    """Every buggy rule, in the order registered.

    >>> "sign-error" in [m.id for m in catalogue()]
    True
    """
    _load()
    return list(_MISTAKES.values())


def task_kind(task: Any) -> TaskKind:
    """The registered kind of ``task``; a task that is not a dict with a known ``"kind"``
    is an :class:`InputError` that lists the kinds.

    >>> task_kind({"kind": "derivative", "expr": "x^2"}).name
    'derivative'
    """
    _load()
    if not isinstance(task, dict) or not isinstance(task.get("kind"), str):
        raise InputError('a task is a JSON object with a "kind", e.g. '
                         '{"kind": "derivative", "expr": "x^2", "var": "x"}')
    try:
        return _KINDS[task["kind"]]
    except KeyError:
        raise InputError(f"unknown task kind {task['kind']!r}; the kinds are: "
                         f"{', '.join(sorted(_KINDS))}") from None


def mistakes_for(kind: str) -> list[Mistake]:
    """The buggy rules that apply to tasks of ``kind``.

    >>> [m.id for m in mistakes_for("limit")]
    ['indeterminate-form-as-answer', 'removable-discontinuity-called-dne', 'one-sided-only']
    """
    _load()
    return [m for m in _MISTAKES.values() if kind in m.kinds]
