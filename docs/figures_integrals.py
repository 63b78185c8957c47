"""The figures of docs/numeric-integration.md: signed area, the rules' shapes, convergence.

The area is that of x^3 - x on [-1, 2] (above and below the axis); the rules are drawn for
f(x) = exp(x/2) + sin(3x) on [0, 3], whose exact integral SymPy finds
(2 e^(3/2) - 5/3 - cos(9)/3 = 7.6004...).
"""

from __future__ import annotations

from pathlib import Path

from calcml.numeric import convergence_study, integrate, signed_area, with_exact
from calcml.plot.integrals import plot_area, plot_convergence, plot_rule
from calcml.plot.style import new_panels, save

CURVE, A, B = "exp(x/2) + sin(3x)", 0, 3


def _riemann() -> object:
    """Left, midpoint and right sums side by side, 6 strips each."""
    fig, axes = new_panels(3, figsize=(16.5, 5.0))
    for ax, method in zip(axes, ("left", "midpoint", "right"), strict=True):
        plot_rule(with_exact(integrate(CURVE, A, B, method, 6)), ax=ax)
        ax.title.set_fontsize("medium")
    fig.suptitle("Riemann sums with 6 strips: the height of each rectangle is f at the "
                 "left end, the midpoint or the right end of its strip")
    return fig


def make(outdir: Path) -> list[Path]:
    """Draw the integration figures and save them as PNG files in ``outdir``."""
    figures = {
        "integral_area": plot_area(signed_area("x^3 - x", -1, 2)),
        "integral_riemann": _riemann(),
        "integral_trapezoid": plot_rule(with_exact(integrate(CURVE, A, B, "trapezoid", 6))),
        "integral_simpson": plot_rule(with_exact(integrate(CURVE, A, B, "simpson", 4))),
        "integral_convergence": plot_convergence(convergence_study(CURVE, A, B)),
    }
    return [save(fig, outdir / f"{name}.png") for name, fig in figures.items()]
