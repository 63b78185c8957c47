"""Value problems solved by :mod:`calcml.numeric`: a quadrature rule by hand (lesson 8),
and lesson 1's method of exhaustion and distance and speed.

Tasks (``"kind": "value"``) and their answers:

- ``"quadrature-rule"``: ``expr``, ``var``, ``lower``, ``upper``, ``rule`` (``"trapezoid"``,
  ``"simpson"`` or ``"midpoint"``) and ``n`` strips; the rule's estimate.
- ``"polygon-pi"``: a regular polygon of ``sides`` sides, ``"inscribed"`` in or
  ``"circumscribed"`` about a circle of radius 1 (``polygon``); the ``measure`` asked for,
  its ``"half-perimeter"`` or its ``"area"``. Both close in on pi.
- ``"distance-from-speed"``: a speed-time graph of straight pieces through the points
  (``times``, ``speeds``); the distance travelled, the area under the graph.
- ``"speed-from-distance"``: a distance-time graph d(t) (``expr``, ``var``); the average
  speed from ``start`` to ``end`` (the slope of the chord), or the speed at the instant
  ``at`` (the slope of the tangent).

>>> from calcml.exercises.checking import check
>>> check({"kind": "value", "problem": "polygon-pi", "sides": 6, "polygon": "inscribed",
...        "measure": "half-perimeter"}, "3").correct
True
"""

from __future__ import annotations

import math
from typing import Any

from calcml.errors import InputError
from calcml.exercises.kinds.value import task_expr, task_number, value_problem
from calcml.numeric import (
    Bracket,
    Secant,
    WorkedRule,
    archimedes_pi,
    secant,
    trapezoid,
    worked_rule,
)
from calcml.symbolic.derivatives.tangent import Tangent, tangent

RULES = ("trapezoid", "simpson", "midpoint")
POLYGONS = ("inscribed", "circumscribed")
MEASURES = ("half-perimeter", "area")


def _choice(task: dict[str, Any], key: str, options: tuple[str, ...]) -> str:
    value = task.get(key)
    if value not in options:
        raise InputError(f'the task\'s "{key}" must be one of {", ".join(options)}, '
                         f"not {value!r}")
    return value


def _whole(task: dict[str, Any], key: str, low: int, high: int) -> int:
    value = task.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InputError(f'the task\'s "{key}" must be a whole number from {low} to {high}, '
                         f"not {value!r}")
    return value


def worked_quadrature(task: dict[str, Any]) -> WorkedRule:
    """The engine's worked rule for a ``"quadrature-rule"`` task.

    >>> worked_quadrature({"expr": "x^2", "lower": 0, "upper": 2, "rule": "trapezoid",
    ...                    "n": 2}).estimate
    3.0
    """
    f, x = task_expr(task)
    rule = _choice(task, "rule", RULES)
    n = _whole(task, "n", 1, 100)
    return worked_rule(f, task_number(task, "lower"), task_number(task, "upper"), rule, n, x)


@value_problem("quadrature-rule", "the rule's estimate of the integral, a number")
def quadrature_estimate(task: dict[str, Any]) -> float:
    """The trapezoid, Simpson or midpoint estimate with the task's n strips."""
    return worked_quadrature(task).estimate


def _start(sides: int) -> tuple[int, int]:
    """(start, doublings) with start * 2^doublings == sides, start a triangle, a square
    or a hexagon; an InputError for any other number of sides."""
    for start in (3, 4, 6):
        doublings = round(math.log2(sides / start)) if sides >= start else -1
        if doublings >= 0 and start * 2 ** doublings == sides:
            return start, doublings
    raise InputError(f"a polygon here has 3, 4 or 6 sides times a power of 2 (3, 4, 6, 8, "
                     f"12, 16, 24, ...), not {sides}")


def polygon_table(task: dict[str, Any]) -> tuple[Bracket, int]:
    """The engine's exhaustion table that holds the task's polygon, and its row.

    The area of a polygon circumscribed about a circle of radius 1 is its half-perimeter
    (triangles from the centre, each of height 1); the area of an inscribed polygon of
    2m sides is the half-perimeter of the inscribed polygon of m sides (kites from the
    centre, each of diagonals 1 and one side of the m-gon).

    >>> table, row = polygon_table({"sides": 12, "polygon": "inscribed", "measure": "area"})
    >>> table.counts[row], table.lower[row]
    (6, 3.0)
    """
    sides = _whole(task, "sides", 3, 3 * 2 ** 20)
    polygon = _choice(task, "polygon", POLYGONS)
    measure = _choice(task, "measure", MEASURES)
    if measure == "area" and polygon == "inscribed":
        if sides % 2 or sides < 6:
            raise InputError("the area of an inscribed polygon is asked for 6, 8, 12, 16, "
                             f"24, ... sides, not {sides}")
        sides //= 2
    start, doublings = _start(sides)
    return archimedes_pi(doublings, start), doublings


@value_problem("polygon-pi", "the half-perimeter or area asked for, a number")
def polygon_value(task: dict[str, Any]) -> float:
    """The half-perimeter or area of a regular polygon in or about a circle of radius 1.

    >>> round(polygon_value({"sides": 4, "polygon": "circumscribed", "measure": "area"}), 9)
    4.0
    """
    table, row = polygon_table(task)
    return (table.lower if task["polygon"] == "inscribed" else table.upper)[row]


@value_problem("distance-from-speed", "the distance travelled, a number")
def distance_from_speed(task: dict[str, Any]) -> float:
    """The area under the speed-time graph through the task's points.

    >>> distance_from_speed({"times": [0, 10, 20], "speeds": [0, 20, 20]})
    300.0
    """
    times, speeds = task.get("times"), task.get("speeds")
    if not isinstance(times, list) or not isinstance(speeds, list):
        raise InputError('the task needs "times" and "speeds" as lists of numbers')
    if any(b <= a for a, b in zip(times, times[1:], strict=False)):
        raise InputError(f'the "times" must increase, got {times}')
    return trapezoid(speeds, times)


def speed_line(task: dict[str, Any]) -> Secant | Tangent:
    """The engine's chord (from ``start`` to ``end``) or tangent (at ``at``) of d(t)."""
    d, t = task_expr(task)
    if "at" in task:
        return tangent(d, task_number(task, "at"), t)
    return secant(d, task_number(task, "start"), task_number(task, "end"), t)


@value_problem("speed-from-distance", "the speed, a number")
def speed_from_distance(task: dict[str, Any]) -> Any:
    """The slope of the distance-time graph: average speed over an interval, or the speed
    at an instant.

    >>> speed_from_distance({"expr": "5t^2", "var": "t", "at": 2})
    20
    """
    return speed_line(task).slope
