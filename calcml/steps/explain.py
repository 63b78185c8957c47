"""The Explainer: dispatches on the step's class to ``_render_<StepClass>``."""

from __future__ import annotations

from calcml.steps.base import Step
from calcml.steps.common import CommonExplanations
from calcml.steps.derivatives.words import DerivativeExplanations
from calcml.steps.explain_base import Explanation
from calcml.steps.integrals.words import IntegralExplanations
from calcml.steps.limits.words import LimitExplanations
from calcml.steps.partials.chain_words import ChainExplanations
from calcml.steps.partials.words import PartialExplanations


class Explainer(DerivativeExplanations, LimitExplanations, PartialExplanations,
                ChainExplanations, IntegralExplanations, CommonExplanations):
    """Learner-facing words for every step class, one ``_render_<StepClass>`` method each.

    Adding a rule means adding its step class and one method here (in the family's
    mixin); every format renderer then prints it.
    """

    def explain(self, step: Step) -> Explanation:
        for cls in type(step).__mro__:
            method = getattr(self, f"_render_{cls.__name__}", None)
            if method is not None:
                return method(step)
        raise TypeError(f"no explanation is written for step class {type(step).__name__}")


EXPLAINER = Explainer()
