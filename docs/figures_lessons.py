"""The figures of lessons 1-5 in docs/figures, drawn with calcml.plot on the course's examples.

Lesson 1: the method of exhaustion (pi between polygons; the area under x^2 between lower
and upper sums). Lesson 2: a hole, a jump, a vertical asymptote and a limit at infinity.
Lesson 3: the delta method on f(x) = x^2 + 2x + 2 at P = (2, 10), and the error of numeric
derivatives. Lesson 5: the line y = mx + b, the single-point cost and the batch MSE of the
course's regression as graphs.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure

from calcml import limit, tangent
from calcml.autodiff.trace import trace
from calcml.numeric import FINE_STEPS, archimedes_pi, area_by_rectangles, derivative_error_table
from calcml.plot.delta import plot_secants, plot_zoom
from calcml.plot.exhaustion import plot_polygons, plot_rectangles
from calcml.plot.finite_diff import plot_derivative_error
from calcml.plot.graph import plot_graph
from calcml.plot.limits import plot_limit
from calcml.plot.style import save

DELTA_F = "x^2 + 2x + 2"
COURSE_X = np.arange(8.0)
COURSE_Y = np.array([1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37])


def line(m, x, b):
    """The course's line y = mx + b.

    >>> round(line(0.9, 7.0, 0.1), 6)
    6.4
    """
    return m * x + b


def cost(m, b, x, y):
    """The quadratic cost of one point, C = (mx + b - y)^2.

    >>> round(cost(0.9, 0.1, 7.0, -1.37), 2)
    60.37
    """
    return (m * x + b - y) ** 2


def mse(m, b):
    """The mean squared error of the line on the course's eight points.

    >>> round(float(mse(0.9, 0.1)), 2)
    19.68
    """
    return ((m * COURSE_X + b - COURSE_Y) ** 2).mean()


def figures() -> dict[str, Figure]:
    """Every lesson figure by file name (without the .png)."""
    return {
        "exhaustion_polygons": plot_polygons(archimedes_pi(2)),
        "exhaustion_rectangles": plot_rectangles(area_by_rectangles("x^2", 0, 1,
                                                                     strips=(4, 16, 64))),
        "limit_hole": plot_limit(limit("(x^2 - 1)/(x - 1)", "x", 1)),
        "limit_jump": plot_limit(limit("|x|/x", "x", 0)),
        "limit_asymptote": plot_limit(limit("25/x", "x", 0)),
        "limit_infinity": plot_limit(limit("25/x", "x", "oo")),
        "delta_secants": plot_secants(tangent(DELTA_F, 2)),
        "delta_zoom": plot_zoom(tangent(DELTA_F, 2)),
        "finite_diff_error": plot_derivative_error(derivative_error_table("sin(x)", 1,
                                                                          steps=FINE_STEPS)),
        "autodiff_graph_line": plot_graph(trace(line, 0.9, 7.0, 0.1, output="y")),
        "autodiff_graph_cost": plot_graph(trace(cost, 0.9, 0.1, 7.0, -1.37, output="C")),
        "autodiff_graph_mse": plot_graph(trace(mse, 0.9, 0.1, output="C")),
    }


def make(outdir: Path) -> list[Path]:
    """Draw the lesson figures and save them as PNG files in ``outdir``."""
    return [save(fig, outdir / f"{name}.png") for name, fig in figures().items()]
