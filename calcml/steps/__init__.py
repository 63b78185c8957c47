"""The worked-solution model: steps, solutions, checks and their renderers.

Importing the package loads the renderers, the service every Solution calls by name to
print itself (see :func:`calcml.steps.base.provides`). The step checker
(:func:`verify_steps`) loads on first use, and a family's words the first time one of its
steps is explained (:mod:`calcml.steps.explain`).
"""

import importlib

from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Rewrite, SympyAnswer, Tidy
from calcml.steps.explain import EXPLAINER, Explainer, explain, explains
from calcml.steps.explain_base import Explanation
from calcml.steps.outline import DETAILS
from calcml.steps.render import render, renderer_for

__all__ = ["DETAILS", "EXPLAINER", "Check", "Explainer", "Explanation", "Rewrite", "Solution",
           "Step", "SympyAnswer", "Tidy", "explain", "explains", "render", "renderer_for",
           "verify_steps"]


def __getattr__(name: str):
    """``verify_steps`` loads the step checker on first use (PEP 562)."""
    if name == "verify_steps":
        return importlib.import_module("calcml.steps.verify").verify_steps
    raise AttributeError(f"module 'calcml.steps' has no attribute {name!r}")
