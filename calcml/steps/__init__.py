"""The worked-solution model: steps, solutions, checks and their renderers.

Importing the package loads the services a Solution calls by name (the renderers and the
step checker, see :func:`calcml.steps.base.provides`) and every family's words.
"""

from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Rewrite, SympyAnswer, Tidy
from calcml.steps.explain import EXPLAINER, Explainer, explain, explains
from calcml.steps.explain_base import Explanation
from calcml.steps.outline import DETAILS
from calcml.steps.render import render, renderer_for
from calcml.steps.verify import verify_steps

__all__ = ["DETAILS", "EXPLAINER", "Check", "Explainer", "Explanation", "Rewrite", "Solution",
           "Step", "SympyAnswer", "Tidy", "explain", "explains", "render", "renderer_for",
           "verify_steps"]
