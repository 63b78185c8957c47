"""Lesson 1 practice, orientation to calculus: the method of exhaustion (regular polygons
closing in on pi) and the two halves of calculus in one journey (the distance is the
area under the speed-time graph; the speed is the slope of the distance-time graph).

>>> from calcml.exercises import generate
>>> generate("exhaustion-polygons", seed=0, level=1).task["measure"]
'half-perimeter'
"""

from __future__ import annotations

import functools
import random

import sympy

from calcml.exercises.generators import prompting
from calcml.exercises.generators.integrals import table_prompt
from calcml.exercises.kinds.numeric import polygon_table, speed_line
from calcml.exercises.model import Exercise, Prompt, Skill, register
from calcml.expr.printing import to_text
from calcml.metrics import trapezoids
from calcml.numeric import delta_table

TOLERANCE = 0.005
NAMES = {3: "equilateral triangle", 4: "square", 6: "regular hexagon", 8: "regular octagon",
         12: "regular 12-sided polygon", 24: "regular 24-sided polygon"}
T = sympy.Symbol("t", real=True)


def _polygon_answer(sides: int, polygon: str, measure: str) -> sympy.Expr:
    n = sympy.Integer(sides)
    if polygon == "circumscribed":
        return sympy.nsimplify(n * sympy.tan(sympy.pi / n))
    if measure == "area":
        return sympy.nsimplify(n / 2 * sympy.sin(2 * sympy.pi / n))
    return sympy.nsimplify(n * sympy.sin(sympy.pi / n))


_POLYGON_LEVELS = {  # (sides, polygon, measure); every answer has a closed form
    1: [(3, "inscribed", "half-perimeter"), (4, "inscribed", "half-perimeter"),
        (6, "inscribed", "half-perimeter"), (4, "circumscribed", "half-perimeter")],
    2: [(3, "circumscribed", "half-perimeter"), (6, "circumscribed", "half-perimeter"),
        (8, "circumscribed", "half-perimeter"), (12, "circumscribed", "half-perimeter"),
        (8, "inscribed", "half-perimeter"), (12, "inscribed", "half-perimeter")],
    3: [(6, "inscribed", "area"), (8, "inscribed", "area"), (12, "inscribed", "area"),
        (24, "inscribed", "area"), (4, "circumscribed", "area"), (6, "circumscribed", "area"),
        (8, "circumscribed", "area"), (12, "circumscribed", "area")],
}


@register(Skill(id="exhaustion-polygons", title="The method of exhaustion: polygons and pi",
                lesson=1, description="Regular polygons inside and outside a circle of "
                "radius 1 pin pi between them, as Archimedes did."))
def exhaustion(seed: int, level: int) -> Exercise:
    """Half the perimeter of an inscribed polygon (1), of a circumscribed one (2), or the
    area of either (3): each a lower or upper estimate of pi."""
    rng = prompting.rng("exhaustion-polygons", seed, level)
    sides, polygon, measure = rng.choice(_POLYGON_LEVELS[level])
    task = {"kind": "value", "problem": "polygon-pi", "sides": sides, "polygon": polygon,
            "measure": measure, "tolerance": TOLERANCE}
    answer = _polygon_answer(sides, polygon, measure)
    place = "inscribed in" if polygon == "inscribed" else "circumscribed about"
    what = "half its perimeter" if measure == "half-perimeter" else "its area"
    text = (f"A {NAMES[sides]} is {place} a circle of radius 1. Find {what}: an estimate "
            "of pi from " + ("below" if polygon == "inscribed" else "above")
            + ". Give the exact value or a decimal to 2 places.")
    prompt = Prompt(text=text, latex=text, html=f"<p>{text}</p>")
    table, row = polygon_table(task)
    hints = ("Cut the polygon into equal triangles from the centre of the circle: "
             f"{sides} of them, each with its apex angle 2π/{sides} at the centre.",
             _polygon_setup(sides, polygon, measure),
             _polygon_row(sides, polygon, measure, table.counts[0], table.counts[row]))
    return Exercise(skill="exhaustion-polygons", seed=seed, level=level, prompt=prompt,
                    task=task, answer=answer, answer_text=to_text(answer), hints=hints,
                    make_solution=lambda: polygon_table(task)[0])


def _polygon_row(sides: int, polygon: str, measure: str, first: int, row: int) -> str:
    """Where the worked table (Archimedes' doubling) holds the number asked for."""
    where = (f"the worked table starts from the {NAMES[first]} and doubles the sides; "
             f"read the {polygon} column at {row} sides")
    if polygon == "inscribed" and measure == "area":
        return (f"The area of an inscribed polygon of {sides} sides equals half the "
                f"perimeter of the inscribed one of {row} sides (each kite from the centre "
                f"has diagonals 1 and one side of the {row}-gon): {where}.")
    return where[0].upper() + where[1:] + "."


def _polygon_setup(sides: int, polygon: str, measure: str) -> str:
    if polygon == "inscribed" and measure == "half-perimeter":
        return (f"Each side of the inscribed polygon is 2 sin(π/{sides}) (a chord of the "
                f"circle), so half the perimeter is {sides} sin(π/{sides}).")
    if polygon == "inscribed":
        return (f"Each triangle has two sides of length 1 with the angle 2π/{sides} "
                f"between them, so its area is (1/2) sin(2π/{sides}).")
    return (f"Each triangle has height 1 (the radius touches the side) and base "
            f"2 tan(π/{sides}); half the perimeter is {sides} tan(π/{sides}), and the "
            "area is the same number.")


def _speed_graph(rng: random.Random, level: int) -> tuple[list[int], list[int]]:
    """Times (s) and speeds (m/s) of a speed-time graph made of straight pieces."""
    if level == 1:
        v, t = rng.choice([5, 10, 12, 15, 20]), rng.choice([4, 6, 8, 10])
        return [0, t], [v, v]
    if level == 2:
        v0, v1 = rng.choice([(0, 10), (0, 20), (4, 12), (10, 20), (20, 6)])
        return [0, rng.choice([4, 6, 10])], [v0, v1]
    up, cruise, down = rng.choice([2, 4, 6]), rng.choice([5, 10, 15]), rng.choice([2, 4])
    v = rng.choice([6, 10, 12])
    return [0, up, up + cruise, up + cruise + down], [0, v, v, 0]


@register(Skill(id="distance-from-speed", title="Distance as the area under speed-time",
                lesson=1, description="The distance travelled is the area under the "
                "speed-time graph: integral calculus in one picture."))
def distance(seed: int, level: int) -> Exercise:
    """A constant speed: a rectangle (1); a steady change of speed: a trapezoid (2);
    speeding up, cruising and braking: three pieces (3)."""
    rng = prompting.rng("distance-from-speed", seed, level)
    times, speeds = _speed_graph(rng, level)
    task = {"kind": "value", "problem": "distance-from-speed", "times": times,
            "speeds": speeds}
    answer = sympy.Integer(sum((times[i + 1] - times[i]) * (speeds[i] + speeds[i + 1])
                               for i in range(len(times) - 1))) / 2
    prompt = table_prompt("A cyclist's speed-time graph is made of straight lines "
                          "through these points:", [("time t (s)", times),
                                                    ("speed v (m/s)", speeds)],
                          "How far does the cyclist travel, in metres?")
    hints = ("The distance travelled is the area under the speed-time graph (speed × "
             "time for each piece).",
             "Split the area at each point of the graph into rectangles, triangles or "
             "trapezoids: a trapezoid's area is its width × the average of its two heights.",
             f"The first piece, from t = {times[0]} to t = {times[1]} s: width "
             f"{times[1] - times[0]}, heights {speeds[0]} and {speeds[1]}.")
    return Exercise(skill="distance-from-speed", seed=seed, level=level, prompt=prompt,
                    task=task, answer=answer, answer_text=to_text(answer), hints=hints,
                    make_solution=functools.partial(trapezoids, times, speeds))


def _distance_law(rng: random.Random, level: int
                  ) -> tuple[sympy.Expr, dict[str, int], sympy.Expr]:
    """(d(t), the times asked about, the speed): a straight line (1), a curve averaged
    over an interval (2), a curve at an instant (3)."""
    if level == 1:
        v, d0 = rng.choice([3, 5, 8, 12, 15]), rng.choice([0, 10, 20, 50])
        a = rng.randint(0, 4)
        return v * T + d0, {"start": a, "end": a + rng.randint(2, 5)}, sympy.Integer(v)
    k = rng.choice([1, 2, 3, 5])
    c = rng.choice([0, 2, 4]) if level == 3 else 0
    d = k * T ** 2 + c * T
    if level == 2:
        a = rng.randint(0, 3)
        b = a + rng.randint(1, 3)
        return d, {"start": a, "end": b}, sympy.Integer(k * (a + b) + c)
    at = rng.randint(1, 5)
    return d, {"at": at}, sympy.Integer(2 * k * at + c)


@register(Skill(id="speed-from-distance", title="Speed as the slope of distance-time",
                lesson=1, description="The speed is the slope of the distance-time graph: "
                "differential calculus in one picture."))
def speed(seed: int, level: int) -> Exercise:
    """The average speed on a straight graph (1) or a curved one (2), and the speed at an
    instant, the slope of the tangent (3)."""
    rng = prompting.rng("speed-from-distance", seed, level)
    d, times, answer = _distance_law(rng, level)
    task = {"kind": "value", "problem": "speed-from-distance", "expr": to_text(d),
            "var": "t", **times}
    if "at" in times:
        ask = f", in metres per second, at the instant t = {times['at']} s."
        setup = (f"Take a second time just after {times['at']} s, t = {times['at']} + Δt: "
                 "the average speed over that short time tends to the speed at the instant.")
        solution = functools.partial(delta_table, d, times["at"], var=T)
    else:
        ask = (f", in metres per second, from t = {times['start']} s to "
               f"t = {times['end']} s.")
        setup = "Average speed = distance covered / time taken = (d(end) − d(start)) / " \
                "(end − start)."
        solution = functools.partial(speed_line, task)
    prompt = prompting.prompt("A car has covered d(t) metres after t seconds, where ",
                              ("d(t)", d), f". Find its "
                              f"{'speed' if 'at' in times else 'average speed'}{ask}")
    hints = ("Speed is the slope of the distance-time graph: rise (distance) over run "
             "(time).", setup,
             f"d({list(times.values())[0]}) = {to_text(d.subs(T, list(times.values())[0]))}"
             " metres.")
    return Exercise(skill="speed-from-distance", seed=seed, level=level, prompt=prompt,
                    task=task, answer=answer, answer_text=to_text(answer), hints=hints,
                    make_solution=solution)
