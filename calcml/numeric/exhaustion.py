"""The method of exhaustion: pinning a quantity between ever finer shapes.

Archimedes' pi: the half-perimeters of regular n-gons inscribed in and circumscribed
about a circle of radius 1 bracket pi. Starting from the hexagon (3 and 2 sqrt(3)) and
doubling the sides, no value of pi is needed:

    b_2n = 2 a_n b_n / (a_n + b_n)    (harmonic mean: the outer polygon)
    a_2n = sqrt(a_n b_2n)             (geometric mean: the inner polygon)

and after 96 sides 3.14103 < pi < 3.14271 (Archimedes: 223/71 < pi < 22/7).

An area under a curve is bracketed the same way, by rectangles under the curve (the
lower sum) and rectangles over it (the upper sum), on ever more strips.

>>> t = archimedes_pi(doublings=4)
>>> t.counts
(6, 12, 24, 48, 96)
>>> t.lower[-1] < 3.14159265 < t.upper[-1]
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import integrate

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import FunctionLike, NumericFunction, VarLike, as_function, to_number
from calcml.numeric.quad_rules import riemann_sum, sample
from calcml.numeric.quad_tables import exact_integral

# Half-perimeters (inscribed, circumscribed) of the starting polygons, radius 1: known
# by elementary geometry, so the bounds never use pi.
STARTS = {3: (1.5 * math.sqrt(3), 3 * math.sqrt(3)), 4: (2 * math.sqrt(2), 4.0),
          6: (3.0, 2 * math.sqrt(3))}
SAMPLES_PER_STRIP = 32


@dataclass(frozen=True)
class Bracket(TableResult):
    """A converging bracket: ``lower[k] <= target <= upper[k]`` at refinement ``counts[k]``
    (the number of sides or of strips)."""

    table: Table
    counts: tuple[int, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    target: float | None = None

    @property
    def gaps(self) -> tuple[float, ...]:
        """upper - lower at each refinement: how tightly the target is pinned.

        >>> [round(g, 3) for g in archimedes_pi(1).gaps]
        [0.464, 0.11]
        """
        return tuple(u - lo for lo, u in zip(self.lower, self.upper, strict=True))


@dataclass(frozen=True)
class AreaBracket(Bracket):
    """The area under ``function`` on [a, b] pinned between lower and upper sums; for each
    number of strips ``counts[k]``, ``strips[k]`` holds the strip edges and each strip's
    lowest and highest value of f (the heights of its two rectangles)."""

    function: NumericFunction | None = None
    strips: tuple[tuple[np.ndarray, np.ndarray, np.ndarray], ...] = ()


def _check_count(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or not (
            low <= value <= high):
        raise InputError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    return int(value)


def archimedes_pi(doublings: int = 4, start: int = 6) -> Bracket:
    """Inscribed and circumscribed polygons with ``start`` * 2^k sides, k = 0..doublings.

    >>> t = archimedes_pi(2)
    >>> [round(v, 4) for v in t.lower], [round(v, 4) for v in t.upper]
    ([3.0, 3.1058, 3.1326], [3.4641, 3.2154, 3.1597])
    """
    doublings = _check_count(doublings, "doublings", 0, 30)
    if start not in STARTS:
        raise InputError(f"start must be one of {sorted(STARTS)} sides (a triangle, a square "
                         f"or a hexagon), got {start!r}")
    a, b = STARTS[start]
    sides, lower, upper = [start], [a], [b]
    for _ in range(doublings):
        b = 2 * a * b / (a + b)
        a = math.sqrt(a * b)
        sides.append(2 * sides[-1])
        lower.append(a)
        upper.append(b)
    rows = [(n, lo, u, u - lo, math.pi - lo, u - math.pi)
            for n, lo, u in zip(sides, lower, upper, strict=True)]
    notes = ("inscribed = n sin(pi/n) and circumscribed = n tan(pi/n) are half-perimeters "
             "of regular n-gons about a circle of radius 1, whose half-perimeter is pi",
             f"start: {start} sides, {format_number(lower[0])} and "
             f"{format_number(upper[0])}; then b_2n = 2 a b / (a + b), a_2n = sqrt(a b_2n)",
             "Archimedes (96 sides): 223/71 = 3.14085 < pi < 22/7 = 3.14286")
    table = Table(f"Method of exhaustion: pi between polygons of {start} to {sides[-1]} sides",
                  ("sides", "inscribed", "circumscribed", "gap", "pi - inscribed",
                   "circumscribed - pi"), tuple(rows), notes, digits=10)
    return Bracket(table=table, counts=tuple(sides), lower=tuple(lower), upper=tuple(upper),
                   target=math.pi)


def strip_heights(f: FunctionLike, a: Any, b: Any, n: int, var: VarLike = None
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The strip edges and, on each of ``n`` equal strips of [a, b], the lowest and highest
    value of f (from the strip's two ends and the points between them, 33 in all).

    >>> edges, low, high = strip_heights(lambda t: t**2, 0, 1, 2)
    >>> edges.tolist(), low.tolist(), high.tolist()
    ([0.0, 0.5, 1.0], [0.0, 0.25], [0.25, 1.0])
    """
    nf = as_function(f, var)
    a, b = to_number(a, "a"), to_number(b, "b")
    if not a < b:
        raise InputError(f"the interval needs a < b, got a = {a:g}, b = {b:g}")
    n = _check_count(n, "the number of strips", 1, 100_000)
    edges = np.linspace(a, b, n + 1)
    t = np.linspace(0.0, 1.0, SAMPLES_PER_STRIP + 1)
    pts = edges[:-1, None] + (edges[1:] - edges[:-1])[:, None] * t[None, :]
    y = sample(nf, pts)
    return edges, y.min(axis=1), y.max(axis=1)


def _reference_area(nf: NumericFunction, a: float, b: float) -> tuple[float, list[str]]:
    """The area by SymPy (exact, when it finds one quickly) and by SciPy's quad."""
    value, err = integrate.quad(lambda t: nf.value(t), a, b, limit=200)
    notes = [f"SciPy quad: {format_number(value, 15)} (estimated error {err:.1e})"]
    exact = exact_integral(nf, a, b)
    if exact is not None:
        notes.insert(0, f"SymPy: exact area = {exact[1]} = {format_number(exact[0], 15)}")
        return exact[0], notes
    return value, notes


def area_by_rectangles(f: FunctionLike, a: Any, b: Any,
                       strips: Sequence[int] = (4, 8, 16, 32, 64, 128),
                       var: VarLike = None) -> AreaBracket:
    """Lower and upper sums of f on [a, b] for each number of strips, both converging to
    the area (for a function that is positive there; below the axis the area counts
    negative).

    >>> t = area_by_rectangles(lambda v: v**2, 0, 1, strips=(2, 4))
    >>> t.lower, t.upper
    ((0.125, 0.21875), (0.625, 0.46875))
    """
    nf = as_function(f, var)
    if not strips:
        raise InputError("give at least one number of strips, e.g. strips=(4, 8, 16)")
    lower, upper, heights = [], [], []
    for n in strips:
        edges, low, high = strip_heights(nf, a, b, n)
        heights.append((edges, low, high))
        lower.append(riemann_sum(edges, low))
        upper.append(riemann_sum(edges, high))
    target, notes = _reference_area(nf, float(edges[0]), float(edges[-1]))
    rows = [(n, lo, u, u - lo, target)
            for n, lo, u in zip(strips, lower, upper, strict=True)]
    notes = [f"strip width (b - a) / n; lower sum = width * sum of each strip's lowest "
             f"value, upper sum = width * sum of its highest ({SAMPLES_PER_STRIP + 1} "
             "points a strip: exact where f only rises or only falls on each strip)",
             *notes]
    span = f"[{format_number(edges[0])}, {format_number(edges[-1])}]"
    table = Table(f"Method of exhaustion: area under {nf.title} on {span}",
                  ("strips", "lower sum", "upper sum", "gap", "area"), tuple(rows),
                  tuple(notes))
    return AreaBracket(table=table, counts=tuple(int(n) for n in strips), lower=tuple(lower),
                       upper=tuple(upper), target=target, function=nf, strips=tuple(heights))
