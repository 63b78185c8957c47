"""Every runnable example in calcml's docstrings runs and prints what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import calcml

MODULES = sorted(m.name for m in pkgutil.walk_packages(calcml.__path__, "calcml."))


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_of(name: str) -> None:
    module = importlib.import_module(name)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    assert doctest.testmod(module, optionflags=flags).failed == 0


def test_every_module_is_found() -> None:
    assert {"calcml.learn.training", "calcml.metrics.ranking",
            "calcml.symbolic.integrals.integral", "calcml.autodiff.engine",
            "calcml.cli.single"} <= set(MODULES)
