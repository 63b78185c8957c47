"""Test set-up: under CI, Hypothesis draws the same examples every run (reproducible);
the ``torch`` fixture gives PyTorch, or skips the test with a reason when it is absent;
``calcml`` runs the command in this process."""

import os
import sys

import pytest
from hypothesis import settings

from calcml.cli import main

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the test oracle for gradients; absent, the test is skipped, saying why."""
    return pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")

@pytest.fixture
def calcml(monkeypatch, capsys):
    """Run the calcml command in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("MPLBACKEND", "Agg")

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["calcml", *args])
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code or 0
        out = capsys.readouterr()
        return code, out.out, out.err
    return run


# A real PostgreSQL server for the store's and the web app's tests (tests/postgres.py).
pytest_plugins = ["postgres"]
