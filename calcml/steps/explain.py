"""The registry of explanations: each step class's words, registered once, keyed on the class.

A family's words module writes one function per step class and registers it with
``@explains(StepClass)``; :func:`explain` finds the function for a step by walking its
class's method resolution order, so a subclass without words of its own borrows its
parent's. A second registration for the same class is refused: two families cannot both
claim a class, and a name shared by two classes in different families cannot mix them up.

A family's words load on first use: :data:`FAMILY_WORDS` names the words modules of each
family of step classes (a subpackage of :mod:`calcml.steps`), and the first time a step of
that family is explained, they are imported and register their words. A derivative's
worked solution never loads the words of limits or integrals. Step classes outside these
families (:mod:`calcml.steps.common`, say) register their words in their own module.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import MappingProxyType
from typing import TypeVar

from calcml.steps.base import Step
from calcml.steps.explain_base import Explanation

S = TypeVar("S", bound=Step)
Words = Callable[[S], Explanation]

_WORDS: dict[type[Step], Callable[[Step], Explanation]] = {}

REGISTERED = MappingProxyType(_WORDS)
"""Every registered step class and its words function (read only): only the families whose
words have loaded (see :func:`load_every_family`)."""

FAMILY_WORDS: dict[str, tuple[str, ...]] = {
    "calcml.steps.derivatives": ("calcml.steps.derivatives.words",),
    "calcml.steps.limits": ("calcml.steps.limits.words",),
    "calcml.steps.partials": ("calcml.steps.partials.words",
                              "calcml.steps.partials.multivar_chain_words"),
    "calcml.steps.integrals": ("calcml.steps.integrals.table_words",
                               "calcml.steps.integrals.words"),
}
"""Each family of step classes (a package) and the modules that register its words. A new
family adds itself here; its step classes then find their words on first use."""

_LOADED: set[str] = set()
"""The families whose words modules have been imported."""


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
        if parent not in _WORDS:
            load_family_of(parent)
        words = _WORDS.get(parent)
        if words is not None:
            return words
    raise TypeError(f"no explanation is written for step class {cls.__name__}")


def family_of(cls: type) -> str | None:
    """The family (a key of :data:`FAMILY_WORDS`) that step class ``cls`` belongs to, or
    None for a class that registers its words in its own module.

    >>> from calcml.steps.derivatives.rules import PowerRule
    >>> family_of(PowerRule)
    'calcml.steps.derivatives'
    """
    module = cls.__module__
    for family in FAMILY_WORDS:
        if module == family or module.startswith(family + "."):
            return family
    return None


def load_family_of(cls: type) -> None:
    """Import the words modules of ``cls``'s family, once, so that they register."""
    family = family_of(cls)
    if family is not None:
        _load(family)


def load_every_family() -> list[str]:
    """Import every family's words modules (for a complete :data:`REGISTERED`); returns
    their names.

    >>> "calcml.steps.limits.words" in load_every_family()
    True
    """
    for family in FAMILY_WORDS:
        _load(family)
    return [module for modules in FAMILY_WORDS.values() for module in modules]


def _load(family: str) -> None:
    if family not in _LOADED:
        for module in FAMILY_WORDS[family]:
            importlib.import_module(module)
        _LOADED.add(family)


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
