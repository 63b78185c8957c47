"""The words of the step classes as the renderers read them, each family's loaded on first
use: :func:`explain` imports a family's words modules (named in
:data:`~calcml.steps.explain.FAMILY_WORDS`) the first time it explains one of its steps, so
a worked derivative never loads the words of limits or integrals.

:func:`load_every_family` loads them all, for a complete :data:`REGISTERED`. A new family
adds its words modules to ``FAMILY_WORDS``.
"""

from __future__ import annotations

from calcml.steps.explain import FAMILY_WORDS, REGISTERED, explain, load_every_family

__all__ = ["FAMILY_WORDS", "REGISTERED", "explain", "load_every_family"]
