"""calcml as a user installs it: build the wheel, install it into a fresh virtual
environment, and run the command line and every lesson notebook against that install.

A file the package forgets (the grammar, a template, a data file) is caught here, because
nothing in the fresh environment can import calcml from the source tree: calcml comes
from the wheel alone (checked in the kernel and the CLI).

By default the fresh environment takes calcml's dependencies from the environment running
the tests (a ``.pth`` line to its site-packages: no network, seconds instead of minutes),
and only calcml itself from the wheel. ``CALCML_WHEEL_FULL=1`` installs
``calcml[notebooks]`` with every dependency from the package index instead (no PyTorch,
JAX or TensorFlow: the notebooks say they skip them).

The notebooks are executed here, once in the whole suite (tests/test_notebooks.py checks
their form), each with its own time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from test_notebooks import (
    PER_NOTEBOOK_SECONDS,
    SCRIPTS,
    calcml_origin,
    execute,
    widget_outputs,
)

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "calcml-wheel"


def run(*args: str | Path, cwd: Path, timeout: int = 300) -> str:
    """Run a command in ``cwd`` (never the checkout, whose calcml would be imported from
    the current directory); fail the test with its output if it fails."""
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def build_wheel(work: Path) -> Path:
    """calcml's wheel, built from a copy of the source (the checkout stays untouched)."""
    source = work / "source"
    junk = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    shutil.copytree(ROOT / "calcml", source / "calcml", ignore=junk)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
        "--quiet", "--wheel-dir", work / "dist", source, cwd=work)
    (wheel,) = (work / "dist").glob("calcml-*.whl")
    return wheel


def make_env(work: Path, wheel: Path) -> Path:
    """A fresh virtual environment with calcml from ``wheel``; returns its python."""
    env = work / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", env, cwd=work)
    python = env / "bin" / "python"
    pip = (sys.executable, "-m", "pip", "--python", python, "install", "--quiet")
    if os.environ.get("CALCML_WHEEL_FULL") == "1":
        run(*pip, f"{wheel}[notebooks]", cwd=work, timeout=900)
    else:
        purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                      cwd=work)
        Path(purelib.strip(), "calcml_dependencies.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n")
        run(*pip, "--no-deps", wheel, cwd=work)
    run(python, "-m", "ipykernel", "install", "--prefix", env, "--name", KERNEL, cwd=work)
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The fresh environment's python; its kernel is found through JUPYTER_PATH."""
    work = tmp_path_factory.mktemp("wheel")
    python = make_env(work, build_wheel(work))
    os.environ["JUPYTER_PATH"] = str(python.parent.parent / "share" / "jupyter")
    return python


def test_wheel_carries_the_grammar_and_no_tests(installed: Path, tmp_path: Path):
    files = run(installed, "-c", "import importlib.metadata as m; "
                "print('\\n'.join(str(f) for f in m.files('calcml')))", cwd=tmp_path).split()
    assert "calcml/expr/grammar.lark" in files
    assert not any(f.startswith(("tests/", "notebooks/")) for f in files)


def test_cli_runs_from_the_wheel(installed: Path, tmp_path: Path):
    calcml = installed.parent / "calcml"
    where = run(installed, "-c", "import calcml; print(calcml.__file__)", cwd=tmp_path)
    assert where.startswith(str(installed.parent.parent))
    steps = run(calcml, "diff", "x^2", "--steps", cwd=tmp_path)
    assert "2*x" in steps and "Power rule" in steps
    area = run(calcml, "integrate", "x/2", "--from", "1", "--to", "2", cwd=tmp_path)
    assert "3/4" in area


def test_kernel_imports_calcml_from_the_wheel(installed: Path, tmp_path: Path):
    assert calcml_origin(KERNEL, tmp_path).startswith(str(installed.parent.parent))


# Each cell has PER_NOTEBOOK_SECONDS (nbclient); the whole test has more: the first test of
# an xdist worker builds the environment, and under heavy load a kernel has been seen to
# sit idle for two minutes before its reply arrives (then the notebook passes, late).
@pytest.mark.timeout(PER_NOTEBOOK_SECONDS + 180)
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_notebook_runs_against_the_wheel(installed: Path, script: Path, tmp_path: Path):
    copy = tmp_path / script.with_suffix(".ipynb").name
    shutil.copy(script.with_suffix(".ipynb"), copy)
    notebook = execute(copy, KERNEL)
    shown = [o for c in notebook.cells for o in c.get("outputs", [])]
    shown += [o for outputs in widget_outputs(notebook) for o in outputs]
    assert any("image/png" in o.get("data", {}) for o in shown)  # the figures are there
