"""The figures of lesson 6 (partial derivatives) in docs/figures: the slices, the surface
and the gradient field of the course's z = x^2 - y^2 at P = (2, 3), and the cylinder
v = πr²l at r = 3, l = 5.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from calcml import gradient
from calcml.plot.multivar import plot_cylinder_rates, plot_slices
from calcml.plot.multivar_surface import plot_gradient_field, plot_surface
from calcml.plot.style import save
from calcml.symbolic.partials.common import MultivarSolution

SADDLE = "x^2 - y^2"
POINT = {"x": 2, "y": 3}


def saddle_gradient() -> MultivarSolution:
    """The course's saddle worked at P = (2, 3): what the lesson 6 figures draw.

    >>> saddle_gradient().result.T
    Matrix([[4, -6]])
    """
    return gradient(SADDLE, at=POINT)


def figures() -> dict[str, Figure]:
    """Every lesson 6 figure by file name (without the .png)."""
    return {
        "multivar_slices": plot_slices(saddle_gradient()),
        "multivar_surface": plot_surface(saddle_gradient()),
        "multivar_gradient_field": plot_gradient_field(saddle_gradient()),
        "multivar_cylinder": plot_cylinder_rates(3, 5),
    }


def make(outdir: Path) -> list[Path]:
    """Draw the lesson 6 figures and save them as PNG files in ``outdir``."""
    return [save(fig, outdir / f"{name}.png") for name, fig in figures().items()]
