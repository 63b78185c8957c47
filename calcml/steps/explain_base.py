"""An explanation: learner-facing words with ``{name}`` slots for math."""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy


@dataclass(frozen=True)
class Explanation:
    """Words for a step. ``template`` has ``{name}`` slots filled from ``math``,
    each printed in the renderer's own format (text, LaTeX, MathML)."""

    template: str
    math: dict[str, sympy.Basic] = field(default_factory=dict)
