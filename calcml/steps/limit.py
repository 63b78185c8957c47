"""Steps of limit strategies (one class per strategy) and their explanations."""

from __future__ import annotations


class LimitExplanations:
    """Words for each limit strategy: ``_render_<StepClass>`` returns an Explanation."""
