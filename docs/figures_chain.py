"""The figures of the chain-rule page (docs/chain.md): dependency trees drawn by calcml.

The course's example z = x^2 - y^2 with x = cos(t), y = sin(t); a two-level nesting in
which t reaches z along three paths; and the quadratic cost C = (yhat - y)^2 with
yhat = m x + b, differentiated by the parameters b and m.
"""

from __future__ import annotations

from pathlib import Path

import sympy

from calcml.plot.multivar_chain import plot_chain_tree
from calcml.plot.style import save
from calcml.symbolic.partials.multivar_chain import chain_rule


def make(outdir: Path) -> list[Path]:
    """Draw the chain-rule figures and save them as PNG files in ``outdir``."""
    m, b, x, y, yhat = sympy.symbols("m b x y yhat", real=True)
    solutions = {
        "chain_course": chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t"),
        "chain_nested": chain_rule("x y", {"x": "u^2", "y": "u + t", "u": "sin(t)"}, "t"),
        "chain_cost": chain_rule((yhat - y) ** 2, {yhat: m * x + b}, ["b", "m"],
                                 output="C"),
    }
    return [save(plot_chain_tree(sol), outdir / f"{name}.png")
            for name, sol in solutions.items()]
