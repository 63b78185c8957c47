"""The registry of explanations: each step class's words, registered once, keyed on the class.

A family's words module writes one function per step class and registers it with
``@explains(StepClass)``; :func:`explain` finds the function for a step by walking its
class's method resolution order, so a subclass without words of its own borrows its
parent's. A second registration for the same class is refused: two families cannot both
claim a class, and a name shared by two classes in different families cannot mix them up.
The families' words modules are loaded by :mod:`calcml.steps.words`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import MappingProxyType
from typing import TypeVar

from calcml.steps.base import Step
from calcml.steps.explain_base import Explanation

S = TypeVar("S", bound=Step)
Words = Callable[[S], Explanation]

_WORDS: dict[type[Step], Callable[[Step], Explanation]] = {}

REGISTERED = MappingProxyType(_WORDS)
"""Every registered step class and its words function (read only)."""


def explains(cls: type[S]) -> Callable[[Words[S]], Words[S]]:
    """Register the decorated function as the words for step class ``cls``.

    Raises ``ValueError`` when ``cls`` has words already, or ``TypeError`` when it is not
    a step class.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Shout(Step):
    ...     rule = "Shout"
    >>> @explains(Shout)
    ... def _shout(step: Shout) -> Explanation:
    ...     return Explanation("Say it loudly.")
    >>> explain(Shout()).template
    'Say it loudly.'
    >>> explains(Shout)(_shout)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: step class ...Shout already has words (_shout); a class is explained once
    >>> forget(Shout)
    """
    if not (isinstance(cls, type) and issubclass(cls, Step)):
        raise TypeError(f"@explains takes a step class, not {cls!r}")

    def register(words: Words[S]) -> Words[S]:
        if cls in _WORDS:
            raise ValueError(f"step class {cls.__module__}.{cls.__qualname__} already has "
                             f"words ({_WORDS[cls].__name__}); a class is explained once")
        _WORDS[cls] = words
        return words

    return register


def words_for(cls: type[Step]) -> Callable[[Step], Explanation]:
    """The words function that explains steps of class ``cls``: its own, or the nearest
    parent's in the method resolution order. Raises ``TypeError`` when there is none.

    >>> from calcml.steps.common import Tidy
    >>> words_for(Tidy).__name__
    '_tidy'
    """
    for parent in cls.__mro__:
        words = _WORDS.get(parent)
        if words is not None:
            return words
    raise TypeError(f"no explanation is written for step class {cls.__name__}")


def explain(step: Step) -> Explanation:
    """The learner-facing words for ``step``.

    >>> import sympy
    >>> from calcml.steps.common import Tidy, SympyAnswer
    >>> x = sympy.Symbol("x")
    >>> explain(SympyAnswer(problem=x, value=x, method="limit")).template[:24]
    "No rule of calcml's appl"
    """
    return words_for(type(step))(step)


def forget(cls: type[Step]) -> None:
    """Remove the words of ``cls`` (for a class made up in a test or an example).

    >>> forget(Step)
    """
    _WORDS.pop(cls, None)


class Explainer:
    """The registry seen as an object: ``EXPLAINER.explain(step)`` is :func:`explain`."""

    def explain(self, step: Step) -> Explanation:
        """The learner-facing words for ``step``; see :func:`explain`."""
        return explain(step)


EXPLAINER = Explainer()
