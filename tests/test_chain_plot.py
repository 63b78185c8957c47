"""The dependency-tree figure: nodes in levels, edges labelled with their partials."""

import pytest
from matplotlib.text import Text

from calcml.errors import InputError
from calcml.plot.multivar_chain import plot_chain_tree, tree_layout
from calcml.symbolic.derivatives.derivative import derivative
from calcml.symbolic.partials.multivar_chain import chain_rule


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].findobj(Text)]


def test_course_example_tree_has_levels_and_labelled_edges(tmp_path):
    sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t")
    fig = plot_chain_tree(sol, path=tmp_path / "tree.png")
    texts = _texts(fig)
    for label in (r"$\dfrac{\partial z}{\partial x} = 2 x$",
                  r"$\dfrac{dx}{dt} = - \sin{\left(t \right)}$",
                  r"$x = \cos{\left(t \right)}$", "$z$", "$t$"):
        assert label in texts
    pos = tree_layout(sol.tree)
    heights = {str(v): y for v, (_, y) in pos.items()}
    assert heights == {"z": 0.0, "x": -1.0, "y": -1.0, "t": -2.0}
    assert (tmp_path / "tree.png").stat().st_size > 20_000
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["output", "intermediate", "variable", "on a path to the variable"]


def test_edges_off_the_paths_are_told_apart():
    sol = chain_rule("x^2 - y^2", {"x": "s t", "y": "s + t"}, "s")
    legend = [t.get_text() for t in plot_chain_tree(sol).axes[0].get_legend().get_texts()]
    assert legend[-1] == "leads elsewhere"


def test_only_chain_rule_solutions_are_drawn():
    with pytest.raises(InputError, match="chain_rule"):
        plot_chain_tree(derivative("x^2"))
