"""Explanations for a learner of the integral step family (one ``_render_<StepClass>`` each).

The family's step classes live beside this module; their words are written here and mixed
into :class:`calcml.steps.explain.Explainer`.
"""

from __future__ import annotations


class IntegralExplanations:
    """Learner-facing words for the integral steps."""
