"""Test set-up: under CI, Hypothesis draws the same examples every run (reproducible);
the ``torch`` fixture gives PyTorch, or skips the test with a reason when it is absent."""

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def torch():
    """PyTorch, the test oracle for gradients; absent, the test is skipped, saying why."""
    return pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")

# A real PostgreSQL server for the store's and the web app's tests (tests/postgres.py).
pytest_plugins = ["postgres"]
