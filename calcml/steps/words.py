"""Every family's words, loaded: importing this module registers the explanation of every
step class with :func:`calcml.steps.explain.explains`.

The renderers import it, so a rendered solution always finds its words. A new family
adds its words module to ``FAMILIES``.
"""

from __future__ import annotations

from calcml.steps import common
from calcml.steps.derivatives import words as derivative_words
from calcml.steps.explain import REGISTERED, explain
from calcml.steps.integrals import table_words as integral_table_words
from calcml.steps.integrals import words as integral_words
from calcml.steps.limits import words as limit_words
from calcml.steps.partials import chain_words
from calcml.steps.partials import words as partial_words

FAMILIES = (common, derivative_words, limit_words, partial_words, chain_words,
            integral_table_words, integral_words)
"""The modules that register words, one or more per family."""

__all__ = ["FAMILIES", "REGISTERED", "explain"]
