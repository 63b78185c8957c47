"""The dependency tree of the partial-derivative chain rule (lesson 6, :func:`calcml.chain_rule`;
not the single-variable ChainRule step) as a figure.

The output sits on top, the intermediate variables below it, the variables differentiated
by at the bottom; each edge is labelled with its rate of change (∂z/∂x = 2x). Edges on a
path down to a variable of the question are drawn in colour: the chain rule has one term
per such path, the product of the labels along it.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import sympy
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from calcml.errors import InputError
from calcml.expr.printing import to_latex
from calcml.plot.style import color, finish_figure, new_axes
from calcml.symbolic.partials.multivar_chain import ChainSolution

KIND_COLORS = {"output": color("backward"), "intermediate": color("tangent"),
               "variable": color("curve")}
ON_PATH, OFF_PATH = color("point"), color("theory")
NODE_SIZE = 1600
LABEL_BOX = {"boxstyle": "round,pad=0.25", "fc": "white", "ec": "0.8"}


def plot_chain_tree(solution: ChainSolution, ax: Axes | None = None,
                    path: str | Path | None = None, title: str | None = None) -> Figure:
    """Draw the dependency tree of a worked multivariable chain rule
    (:func:`calcml.symbolic.partials.multivar_chain.chain_rule`).

    Variables are nodes in levels (z, then x and y, then t), each intermediate annotated
    with its definition; each edge carries its partial derivative in math text. Saved to
    ``path`` when given.

    >>> from calcml.symbolic.partials.multivar_chain import chain_rule
    >>> sol = chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t")
    >>> fig = plot_chain_tree(sol)
    >>> fig.axes[0].get_title()
    'How z depends on t: one chain-rule term per path from z down to t'
    """
    if not isinstance(solution, ChainSolution) or solution.tree is None:
        raise InputError("plot_chain_tree draws the result of chain_rule(...); "
                         f"got {type(solution).__name__}")
    graph = solution.tree
    pos = tree_layout(graph)
    levels = max(d["level"] for _, d in graph.nodes(data=True)) + 1
    widest = max(sum(1 for _, d in graph.nodes(data=True) if d["level"] == k)
                 for k in range(levels))
    fig, ax = new_axes(ax, figsize=(max(6.4, 2.6 * widest + 1.5), 1.9 * levels + 1.2))
    on_path = _edges_on_paths(graph, solution.variables)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=NODE_SIZE, edgecolors="black",
                           node_color=[KIND_COLORS[d["kind"]] for _, d in graph.nodes(data=True)])
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=14, font_color="white",
                            labels={v: f"${to_latex(v)}$" for v in graph.nodes})
    edge_colors = [ON_PATH if e in on_path else OFF_PATH for e in graph.edges]
    nx.draw_networkx_edges(graph, pos, ax=ax, edge_color=edge_colors, width=2.0,
                           arrowsize=16, node_size=NODE_SIZE)
    nx.draw_networkx_edge_labels(graph, pos, ax=ax, edge_labels=_edge_labels(graph),
                                 font_size=12, rotate=False, label_pos=0.6, bbox=LABEL_BOX)
    _annotate_definitions(ax, graph, pos)
    ax.legend(handles=_legend_handles(graph, on_path), loc="upper center",
              bbox_to_anchor=(0.5, -0.01), ncol=5, fontsize="small", frameon=False)
    names = ", ".join(str(v) for v in solution.variables)
    out = next(v for v, d in graph.nodes(data=True) if d["kind"] == "output")
    ax.set_title(title or f"How {out} depends on {names}: one chain-rule term per path "
                          f"from {out} down to {names}")
    ax.margins(x=0.18, y=0.2)
    ax.set_axis_off()
    return finish_figure(fig, path)


def tree_layout(graph: nx.DiGraph) -> dict[sympy.Symbol, tuple[float, float]]:
    """Positions in rows by ``level`` (level 0 on top), each row centred, names in order.

    >>> g = nx.DiGraph([("z", "x"), ("z", "y")])
    >>> for v, k in (("z", 0), ("x", 1), ("y", 1)):
    ...     g.nodes[v]["level"] = k
    >>> tree_layout(g)
    {'z': (0.0, 0.0), 'x': (-0.5, -1.0), 'y': (0.5, -1.0)}
    """
    rows: dict[int, list] = {}
    for v, d in graph.nodes(data=True):
        rows.setdefault(d["level"], []).append(v)
    pos = {}
    for level, nodes in rows.items():
        nodes.sort(key=str)
        for k, v in enumerate(nodes):
            pos[v] = (k - (len(nodes) - 1) / 2, float(-level))
    return {v: pos[v] for v in graph.nodes}


def _edges_on_paths(graph: nx.DiGraph, variables: tuple[sympy.Symbol, ...]) -> set:
    """The edges that lie on a path from the output down to one of ``variables``."""
    above = set(variables)
    for v in variables:
        above |= nx.ancestors(graph, v)
    return {(a, b) for a, b in graph.edges if a in above and b in above}


def _edge_labels(graph: nx.DiGraph) -> dict:
    return {(a, b): f"${_display(d['rate'])} = {_display(d['derivative'])}$"
            for a, b, d in graph.edges(data=True)}


def _display(expr: sympy.Basic) -> str:
    """LaTeX with full-size fractions, which mathtext would otherwise shrink."""
    return to_latex(expr).replace(r"\frac", r"\dfrac")


def _annotate_definitions(ax: Axes, graph: nx.DiGraph, pos: dict) -> None:
    """Each defined variable's expression to the left of its node: x = cos(t)."""
    for v, d in graph.nodes(data=True):
        if d["expression"] is None:
            continue
        x, y = pos[v]
        ax.annotate(f"${to_latex(v)} = {to_latex(d['expression'])}$", (x, y),
                    xytext=(-30, 0), textcoords="offset points", ha="right", va="center",
                    fontsize=11, color=KIND_COLORS[d["kind"]],
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})


def _legend_handles(graph: nx.DiGraph, on_path: set) -> list:
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    handles: list = [Patch(facecolor=KIND_COLORS[k], edgecolor="black", label=k)
                     for k in KIND_COLORS if k in kinds]
    handles.append(Line2D([], [], color=ON_PATH, lw=2, label="on a path to the variable"))
    if len(on_path) < graph.number_of_edges():
        handles.append(Line2D([], [], color=OFF_PATH, lw=2, label="leads elsewhere"))
    return handles
