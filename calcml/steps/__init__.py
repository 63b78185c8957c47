"""The worked-solution model: steps, solutions, checks and their renderers."""

from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Rewrite, SympyAnswer, Tidy
from calcml.steps.explain import EXPLAINER, Explainer, explain, explains
from calcml.steps.explain_base import Explanation
from calcml.steps.render import renderer_for

__all__ = ["Check", "EXPLAINER", "Explainer", "Explanation", "Rewrite", "Solution", "Step",
           "SympyAnswer", "Tidy", "explain", "explains", "renderer_for"]
