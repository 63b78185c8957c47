"""Steps of derivative rules (one class per rule) and their explanations."""

from __future__ import annotations


class DerivativeExplanations:
    """Words for each derivative rule: ``_render_<StepClass>`` returns an Explanation."""
