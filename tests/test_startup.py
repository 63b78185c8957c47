"""Starting calcml loads only what is used: the heavy libraries load on first use."""

import subprocess
import sys

import pytest


def _loaded_after(statement: str) -> set[str]:
    code = (f"import sys\n{statement}\n"
            "print(' '.join(m for m in ('sympy', 'scipy', 'networkx', 'matplotlib', 'torch',"
            " 'sqlalchemy', 'fsrs', 'fastapi')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("statement", ["import calcml", "import calcml.autodiff",
                                       "from calcml.autodiff import Tensor, grad",
                                       "import calcml.cli"])
def test_the_package_the_autodiff_engine_and_the_cli_load_no_heavy_library(statement):
    # calcml --help imports calcml.cli: no engine, store or web framework until a command runs
    assert _loaded_after(statement) == set()


def test_the_cli_loads_no_numpy_rich_or_exercises_for_help():
    code = ("import sys, calcml.cli\n"
            "print(' '.join(m for m in ('numpy', 'rich', 'calcml.exercises')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == []


def test_a_public_name_loads_its_engine_on_first_use():
    assert _loaded_after("import calcml; calcml.derivative") >= {"sympy"}


def test_every_public_name_resolves_and_unknown_names_fail_clearly():
    import calcml

    for name in calcml.__all__:
        assert getattr(calcml, name) is not None
    assert set(calcml.__all__) <= set(dir(calcml))
    with pytest.raises(AttributeError, match="no attribute 'derivativ'"):
        calcml.derivativ  # noqa: B018
