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


APPROX_DIGITS = 6
"""Significant digits of the "about ..." decimal shown beside an exact value."""


def slot_list(symbols, prefix: str) -> tuple[str, dict[str, sympy.Basic]]:
    """Symbols as template text with slots (``x, y and z``), and the slots' math.

    >>> slot_list(sympy.symbols("x y"), "v")
    ('{v0} and {v1}', {'v0': x, 'v1': y})
    """
    slots = [f"{{{prefix}{i}}}" for i in range(len(symbols))]
    text = slots[0] if len(slots) == 1 else ", ".join(slots[:-1]) + " and " + slots[-1]
    return text, {f"{prefix}{i}": s for i, s in enumerate(symbols)}


def slot_pairs(pairs, prefix: str = "") -> tuple[str, dict[str, sympy.Basic]]:
    """``name = value`` pairs as template text with slots, and the slots' math.

    >>> slot_pairs([(sympy.Symbol("x"), 2)], "p")
    ('{pn0} = {pv0}', {'pn0': x, 'pv0': 2})
    """
    words, math = [], {}
    for i, (name, value) in enumerate(pairs):
        words.append(f"{{{prefix}n{i}}} = {{{prefix}v{i}}}")
        math[f"{prefix}n{i}"], math[f"{prefix}v{i}"] = name, value
    return ", ".join(words), math


def approximately(value: sympy.Basic) -> sympy.Basic:
    """A decimal approximation of a number, or of each entry of a matrix or tuple.

    >>> approximately(sympy.pi)
    3.14159
    """
    if isinstance(value, sympy.MatrixBase):
        return value.applyfunc(approximately)
    if isinstance(value, sympy.Tuple):
        return sympy.Tuple(*(approximately(v) for v in value))
    return sympy.Float(sympy.N(value, APPROX_DIGITS), APPROX_DIGITS)
