"""The reference page and the docstring examples of calcml.learn run as written."""

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import calcml.learn

PAGE = Path(__file__).resolve().parent.parent / "docs" / "learn-api.md"
MODULES = sorted(m.name for m in pkgutil.iter_modules(calcml.learn.__path__)
                 if m.name != "csvdata")


def test_reference_page_examples_run():
    result = doctest.testfile(str(PAGE), module_relative=False)
    assert result.attempted > 30 and result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(f"calcml.learn.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
