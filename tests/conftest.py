"""Test set-up: under CI, Hypothesis draws the same examples every run (reproducible)."""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
