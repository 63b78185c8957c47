"""Explanations for a learner of the partial step family (one ``_render_<StepClass>`` each).

The family's step classes live beside this module; their words are written here and mixed
into :class:`calcml.steps.explain.Explainer`.
"""

from __future__ import annotations


class PartialExplanations:
    """Learner-facing words for the partial steps."""
