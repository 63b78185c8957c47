"""A computation as a directed acyclic graph: values flow forward, gradients flow back.

The lesson on automatic differentiation draws y = m*x + b as a graph whose inputs feed
operations; :func:`plot_graph` draws any :class:`~calcml.autodiff.trace.Trace` that way,
laid out by NetworkX in columns of topological generations (each leaf one column before
its first use), forward values on straight arrows and the gradient each edge sends back
on curved arrows in a second colour.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import networkx as nx
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from calcml.autodiff.trace import Trace
from calcml.plot.style import color, finish_figure, new_axes

KIND_COLORS = {"input": color("curve"), "constant": color("theory"),
               "operation": color("tangent"), "output": color("backward")}
FORWARD, BACKWARD = color("curve"), color("point")
_SYMBOLS = {"add": "+", "sub": "−", "mul": "×", "div": "÷", "pow": "^", "matmul": "@",
            "neg": "−"}
_BEND = 0.35


def to_networkx(trace: Trace) -> nx.MultiDiGraph:
    """The trace as a NetworkX multigraph: node attributes from the trace, one edge per input.

    Each node gets ``label``, ``kind``, ``value``, ``adjoint`` and ``layer`` (its column);
    each edge ``argnum``, ``value`` (sent forward) and ``gradient`` (sent back).

    >>> from calcml.autodiff.trace import trace
    >>> g = to_networkx(trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1))
    >>> g.number_of_nodes(), g.number_of_edges(), g.nodes[4]["layer"]
    (5, 4, 2)
    """
    graph = nx.MultiDiGraph()
    sent = {(s.node, s.argnum): s.contribution for s in trace.backward_steps}
    for n in trace.nodes:
        kind = "output" if n.id == trace.output.id else n.kind
        graph.add_node(n.id, label=n.label, kind=kind, op=n.op, value=n.value,
                       adjoint=n.adjoint)
    for n in trace.nodes:
        for k, src in enumerate(n.inputs):
            graph.add_edge(src, n.id, argnum=k, value=trace.nodes[src].value,
                           gradient=sent.get((n.id, k)))
    for layer, generation in enumerate(nx.topological_generations(graph)):
        for node in generation:
            graph.nodes[node]["layer"] = layer
    for node, data in graph.nodes(data=True):
        if graph.in_degree(node) == 0 and graph.out_degree(node) > 0:
            data["layer"] = min(graph.nodes[c]["layer"] for c in graph.successors(node)) - 1
    return graph


def plot_graph(trace: Trace, ax: Axes | None = None, path: str | Path | None = None,
               title: str | None = None, gradients: bool = True) -> Figure:
    """Draw the graph of ``trace``: values forward along the edges, gradients back.

    ``gradients=False`` draws the forward pass only. Saved to ``path`` when given.

    >>> from calcml.autodiff.trace import trace
    >>> fig = plot_graph(trace(lambda m, x, b: m * x + b, 0.9, 7.0, 0.1, output="y"))
    >>> fig.axes[0].get_title()
    'y = m·x + b as a graph: forward values and gradients'
    """
    graph = to_networkx(trace)
    layers = [d["layer"] for _, d in graph.nodes(data=True)]
    widest = max(np.bincount(layers))
    fig, ax = new_axes(ax, figsize=(max(6.4, 2.3 * (max(layers) + 1)),
                                    max(4.6, 1.6 * widest + 1.8)))
    pos = nx.multipartite_layout(graph, subset_key="layer", align="vertical")
    simple = nx.DiGraph(graph)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=1500, edgecolors="black",
                           node_color=[KIND_COLORS[d["kind"]] for _, d in graph.nodes(data=True)])
    nx.draw_networkx_labels(graph, pos, ax=ax, labels=_node_labels(graph), font_size=10,
                            font_color="white", font_weight="bold")
    nx.draw_networkx_edges(simple, pos, ax=ax, edge_color=FORWARD, width=1.8, arrowsize=16,
                           node_size=1500)
    nx.draw_networkx_edge_labels(simple, pos, ax=ax, edge_labels=_forward_labels(graph),
                                 font_color=FORWARD, font_size=9)
    if gradients:
        back = nx.DiGraph(list(_backward_labels(graph)))
        style = f"arc3,rad={_BEND}"
        nx.draw_networkx_edges(back, pos, ax=ax, edge_color=BACKWARD, width=1.5, style="--",
                               arrowsize=14, node_size=1500, connectionstyle=style)
        nx.draw_networkx_edge_labels(back, pos, ax=ax, edge_labels=_backward_labels(graph),
                                     font_color=BACKWARD, font_size=9, connectionstyle=style)
    _annotate_ends(ax, graph, pos, trace, gradients)
    ax.legend(handles=_legend_handles(graph, gradients), loc="upper center",
              bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize="small", frameon=False)
    ax.set_title(title or _default_title(trace, gradients))
    ax.margins(x=0.12, y=0.22)
    ax.set_axis_off()
    return finish_figure(fig, path)


def _node_labels(graph: nx.MultiDiGraph) -> dict[int, str]:
    labels = {}
    for node, d in graph.nodes(data=True):
        op = d["op"]
        if op is None:
            labels[node] = d["label"]
        else:
            labels[node] = f"{d['label']}\n{_SYMBOLS.get(op, op)}"
    return labels


def _forward_labels(graph: nx.MultiDiGraph) -> dict[tuple[int, int], str]:
    return {(u, v): short(d["value"]) for u, v, d in graph.edges(data=True)}


def _backward_labels(graph: nx.MultiDiGraph) -> dict[tuple[int, int], str]:
    labels: dict[tuple[int, int], list[str]] = {}
    for u, v, d in graph.edges(data=True):
        if d["gradient"] is not None:
            labels.setdefault((v, u), []).append(short(d["gradient"]))
    return {edge: " + ".join(parts) for edge, parts in labels.items()}


def _annotate_ends(ax: Axes, graph: nx.MultiDiGraph, pos: dict, trace: Trace,
                   gradients: bool) -> None:
    """The output's value (and seed gradient 1) beside it; each input's total gradient."""
    out = trace.output_name
    x, y = pos[trace.output.id]
    text = f"{out} = {short(trace.output.value)}"
    ax.annotate(text, (x, y), xytext=(0, -34), textcoords="offset points", ha="center",
                va="top", color=FORWARD, fontsize=9)
    if not gradients:
        return
    ax.annotate(f"d{out}/d{out} = 1", (x, y), xytext=(24, 0), textcoords="offset points",
                ha="left", va="center", color=BACKWARD, fontsize=9)
    grads = trace.gradients
    for node, d in graph.nodes(data=True):
        if d["kind"] == "input":
            nx_, ny_ = pos[node]
            ax.annotate(f"d{out}/d{d['label']} = {short(grads[d['label']])}", (nx_, ny_),
                        xytext=(0, -30), textcoords="offset points", ha="center", va="top",
                        color=BACKWARD, fontsize=9, fontweight="bold")


def _legend_handles(graph: nx.MultiDiGraph, gradients: bool) -> list:
    kinds = dict.fromkeys(d["kind"] for _, d in graph.nodes(data=True))
    handles: list = [Line2D([], [], color=FORWARD, lw=1.8, label="forward: value sent")]
    if gradients:
        handles.append(Line2D([], [], color=BACKWARD, lw=1.5, ls="--",
                              label="backward: gradient sent"))
    handles += [Patch(facecolor=KIND_COLORS[k], edgecolor="black", label=k)
                for k in _ordered_kinds(kinds)]
    return handles


def _ordered_kinds(kinds: Iterable[str]) -> list[str]:
    present = set(kinds)
    return [k for k in KIND_COLORS if k in present]


def _default_title(trace: Trace, gradients: bool) -> str:
    ops = [n for n in trace.nodes if n.op is not None]
    what = "forward values and gradients" if gradients else "forward values"
    if len(ops) > 4:
        return f"{trace.output_name}({', '.join(trace.names)}) as a graph: {what}"
    return f"{trace.output_name} = {_inline(trace)} as a graph: {what}"


def _inline(trace: Trace) -> str:
    """The output written out from the node expressions (for small graphs' titles)."""
    text = {n.id: n.label for n in trace.nodes if n.op is None}
    for n in trace.nodes:
        if n.op is not None:
            args = [text[k] for k in n.inputs]
            sym = {"mul": "·", "add": " + ", "sub": " - ", "pow": "^", "div": " / "}.get(n.op)
            joined = sym.join(args) if sym and len(args) == 2 else f"{n.op}({', '.join(args)})"
            text[n.id] = f"({joined})" if n.op in ("add", "sub") and n.id != trace.output.id \
                else joined
    return text[trace.output.id]


def short(value: np.ndarray | None) -> str:
    """A number for a figure (4 significant digits), a short vector, or an array's shape.

    >>> short(np.float64(6.3)), short(np.array([1.5, -2.0])), short(np.ones((2, 3)))
    ('6.3', '[1.5, -2]', '2×3 array')
    """
    if value is None:
        return "-"
    arr = np.asarray(value)
    if arr.size == 1:
        return f"{arr.item():.4g}"
    if arr.ndim == 1 and arr.size <= 3:
        return "[" + ", ".join(f"{v:.3g}" for v in arr) + "]"
    return "×".join(map(str, arr.shape)) + " array"
