"""The explanation registry: words are keyed on the step class, registered once each."""

import importlib
import pkgutil
from dataclasses import dataclass

import pytest
import sympy

import calcml.steps
from calcml.steps.base import Step
from calcml.steps.derivatives.rules import PowerRule
from calcml.steps.explain import (
    FAMILY_WORDS,
    REGISTERED,
    explain,
    explains,
    family_of,
    forget,
    load_every_family,
    words_for,
)
from calcml.steps.explain_base import Explanation


def _all_step_classes() -> set[type[Step]]:
    for module in pkgutil.walk_packages(calcml.steps.__path__, "calcml.steps."):
        importlib.import_module(module.name)  # every module that may define a step class
    found, todo = set(), [Step]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _concrete(cls: type[Step]) -> bool:
    """A step class a solution can hold: it names its rule (the abstract bases keep "step")."""
    return cls.rule != "step" and cls.__module__.startswith("calcml.")


CONCRETE = sorted((c for c in _all_step_classes() if _concrete(c)),
                  key=lambda c: f"{c.__module__}.{c.__qualname__}")


def test_there_are_many_step_classes_and_every_family_registers_words():
    assert len(CONCRETE) > 90
    for module in load_every_family():
        assert any(words.__module__ == module for words in REGISTERED.values())


@pytest.mark.parametrize("cls", CONCRETE, ids=lambda c: c.__qualname__)
def test_every_concrete_step_class_resolves_to_exactly_one_explanation(cls):
    words = words_for(cls)  # loads the words of the class's family, as a renderer would
    load_every_family()  # then every family's: no other family's words may claim the class
    registered = [parent for parent in cls.__mro__ if parent in REGISTERED]
    assert registered, f"{cls.__qualname__} has no words"
    # The registered classes in its ancestry form one line of descent, so the nearest one
    # is the only candidate: no two unrelated parents both offer words.
    for nearer, farther in zip(registered, registered[1:], strict=False):
        assert issubclass(nearer, farther)
    assert words is words_for(cls) is REGISTERED[registered[0]]


@pytest.mark.parametrize("cls", CONCRETE, ids=lambda c: c.__qualname__)
def test_a_step_class_is_explained_by_its_own_familys_words_or_its_own_module(cls):
    # what makes loading a family's words on first use enough: no words live elsewhere
    load_every_family()
    owner = next(parent for parent in cls.__mro__ if parent in REGISTERED)
    home = FAMILY_WORDS.get(family_of(owner), (owner.__module__,))
    assert REGISTERED[owner].__module__ in home


def test_a_second_registration_for_a_class_is_refused():
    with pytest.raises(ValueError, match="PowerRule already has words"):
        explains(PowerRule)(lambda step: Explanation("other words"))
    x = sympy.Symbol("x")
    step = PowerRule(function=x**3, var=x, exponent=sympy.Integer(3))
    assert "power rule" in explain(step).template


def test_only_step_classes_can_be_registered():
    with pytest.raises(TypeError, match="step class"):
        explains(int)


def test_two_classes_with_one_name_keep_their_own_words():
    def make():
        @dataclass(frozen=True)
        class Twin(Step):
            rule = "Twin"
        return Twin

    first, second = make(), make()
    assert first.__name__ == second.__name__ and first is not second
    explains(first)(lambda step: Explanation("first"))
    explains(second)(lambda step: Explanation("second"))
    try:
        assert explain(first()).template == "first"
        assert explain(second()).template == "second"
    finally:
        forget(first)
        forget(second)


def test_a_subclass_without_words_of_its_own_borrows_its_parents():
    @dataclass(frozen=True)
    class Cube(PowerRule):
        rule = "Cube"

    x = sympy.Symbol("x")
    step = Cube(function=x**3, var=x, exponent=sympy.Integer(3))
    assert words_for(Cube) is REGISTERED[PowerRule]
    assert explain(step).math["n"] == 3
