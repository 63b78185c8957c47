"""The ``"continuity"`` task kind: is f continuous at a point, and if not, what kind of
break is it? Answered by a word: continuous, removable, jump or infinite.

A task is ``{"kind": "continuity", "expr": "(x^2 - 4)/(x - 2)", "var": "x", "at": 2}``;
the answer comes from :func:`calcml.continuity` and :func:`calcml.discontinuities`.
"""

from __future__ import annotations

import re
from typing import Any

import sympy

import calcml
from calcml.errors import InputError
from calcml.exercises.answers import require_text
from calcml.exercises.kinds.value import task_expr, task_number
from calcml.exercises.model import TaskKind, register_kind

CLASSES = ("continuous", "removable", "jump", "infinite", "essential")
_SYNONYMS = {"continuous": "continuous", "removable": "removable", "hole": "removable",
             "jump": "jump", "infinite": "infinite", "asymptote": "infinite",
             "vertical asymptote": "infinite", "essential": "essential"}


def solve(task: dict[str, Any]) -> str:
    """"continuous", or the kind of discontinuity at the task's point.

    >>> solve({"kind": "continuity", "expr": "(x^2 - 4)/(x - 2)", "at": 2})
    'removable'
    >>> solve({"kind": "continuity", "expr": "x^2", "at": 2})
    'continuous'
    """
    f, x = task_expr(task)
    a = task_number(task, "at")
    if calcml.continuity(f, x, a, timeout=None).result == sympy.true:
        return "continuous"
    near = (a - sympy.Rational(1, 2), a + sympy.Rational(1, 2))
    for found in calcml.discontinuities(f, x, interval=near, timeout=None):
        if found.point == a:
            return found.kind
    raise InputError(f"the continuity of {task.get('expr')} at {a} could not be classified")


def read_class(task: dict[str, Any], text: str) -> str:
    """A learner's word for the kind of point: continuous, removable (or hole), jump,
    infinite (or asymptote); "discontinuity" and articles may be added.

    >>> read_class({}, "A removable discontinuity")
    'removable'
    """
    words = re.sub(r"[^a-z ]", " ", require_text(text).lower())
    words = " ".join(w for w in words.split() if w not in {"a", "an", "the", "discontinuity",
                                                          "it", "is", "at", "this"})
    if words in _SYNONYMS:
        return _SYNONYMS[words]
    raise InputError(f"answer with one word: {', '.join(CLASSES[:4])} (not {text.strip()!r})")


def _same(task: dict[str, Any], a: Any, b: Any) -> bool:
    return a == b


def _expected(task: dict[str, Any]) -> str:
    return "one word: continuous, removable, jump or infinite"


register_kind(TaskKind(name="continuity", solve=solve, read=read_class, same=_same,
                       expected=_expected))
