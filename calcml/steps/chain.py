"""Explanations for a learner of the chain-rule and cost-derivation step family.

The family's step classes live beside this module; their words are written here and mixed
into :class:`calcml.steps.explain.Explainer`.
"""

from __future__ import annotations


class ChainExplanations:
    """Learner-facing words for the multivariable chain rule and the cost derivations."""
