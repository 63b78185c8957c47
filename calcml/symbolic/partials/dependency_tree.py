"""The dependency tree of a composition: which variable depends on which, read and checked.

z = f(x, y) with x = g(t), y = h(t) is a directed graph z → x, z → y, x → t, y → t. This
module reads what a user gives (text or SymPy), refuses cycles, unknown names and a
variable nothing depends on, and lists the paths from the output down to a variable.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx
import sympy

from calcml.errors import InputError, ParseError
from calcml.expr.coerce import as_expr
from calcml.expr.values import split_top_level
from calcml.steps.partials.multivar_chain import Rate

MAX_PATHS = 200
MAX_INTERMEDIATES = 30


def read_assignments(text: str, what: str = "--with") -> dict[str, str]:
    """``"x = cos(t), y = sin(t)"`` as ``{"x": "cos(t)", "y": "sin(t)"}``, checked; only
    the commas outside brackets separate pairs.

    >>> read_assignments("x=cos(t), y=sin(t)")
    {'x': 'cos(t)', 'y': 'sin(t)'}
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{what} is empty; write name=expression pairs separated by commas, "
                         "e.g. 'x=cos(t), y=sin(t)'")
    pairs: dict[str, str] = {}
    for part in split_top_level(text, what):
        name, eq, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not eq or not name or not value:
            raise InputError(f"{what}: {part!r} is not name=expression; write e.g. 'x=cos(t)'")
        if not name.isidentifier():
            raise InputError(f"{what}: {name!r} is not a variable name; use a name such as x")
        if name in pairs:
            raise InputError(f"{what} gives {name} twice; give each variable once")
        pairs[name] = value
    return pairs


def _real(expr: sympy.Expr) -> sympy.Expr:
    """Every symbol replaced by the real symbol of its name (the parser's kind)."""
    return expr.xreplace({s: sympy.Symbol(s.name, real=True) for s in expr.free_symbols
                          if isinstance(s, sympy.Symbol)})


def _name(key: object, what: str) -> sympy.Symbol:
    name = key.name if isinstance(key, sympy.Symbol) else key
    if not isinstance(name, str) or not name.isidentifier():
        raise InputError(f"{what} must be a variable name such as x, not {key!r}")
    return sympy.Symbol(name, real=True)


def _expression(value: object, name: str) -> sympy.Expr:
    try:
        expr = as_expr(value)
    except ParseError as err:
        raise ParseError(f"in the definition of {name}: {err.message}", err.text, err.column,
                         err.hint) from None
    if not isinstance(expr, sympy.Expr):
        raise InputError(f"{name} must be an expression such as cos(t), not {expr}")
    return _real(expr)


@dataclass(frozen=True)
class Dependencies:
    """The output, its definition and those of the intermediate variables, as a graph."""

    output: sympy.Symbol
    definitions: dict[sympy.Symbol, sympy.Expr]
    variables: tuple[sympy.Symbol, ...]
    graph: nx.DiGraph = field(compare=False)

    @property
    def intermediates(self) -> tuple[sympy.Symbol, ...]:
        """The variables defined in between, top down."""
        order = [v for v in nx.topological_sort(self.graph) if v in self.definitions]
        return tuple(v for v in order if v != self.output)

    @property
    def composed(self) -> sympy.Expr:
        """The output written in the bottom variables alone (substitution first)."""
        expr = self.definitions[self.output]
        for v in self.intermediates:
            expr = expr.xreplace({v: self.definitions[v]})
        return expr

    def is_partial(self, top: sympy.Symbol) -> bool:
        """∂ rather than d: ``top`` depends directly on more than one variable."""
        return len(list(self.graph.successors(top))) > 1

    def rate(self, top: sympy.Symbol, bottom: sympy.Symbol) -> Rate:
        """The rate along the edge top → bottom, ∂top/∂bottom or dtop/dbottom."""
        return Rate(top, bottom, self.is_partial(top), level=self.graph.nodes[top]["level"])

    def output_rate(self, var: sympy.Symbol, at=()) -> Rate:
        """dz/dt, or ∂z/∂t when z depends on more than one bottom variable."""
        leaves = [n for n in nx.descendants(self.graph, self.output)
                  if self.graph.out_degree(n) == 0]
        return Rate(self.output, var, len(leaves) > 1, at=at)

    def paths(self, var: sympy.Symbol) -> list[list[sympy.Symbol]]:
        """Every path from the output down to ``var``, each a list of variables."""
        found = list(itertools.islice(
            nx.all_simple_paths(self.graph, self.output, var), MAX_PATHS + 1))
        if len(found) > MAX_PATHS:
            raise InputError(f"more than {MAX_PATHS} paths lead from {self.output} to {var}; "
                             "substitute some intermediate variables first")
        return sorted(found, key=lambda p: [str(v) for v in p])


def dependencies(outer: str | sympy.Basic, inner: Mapping, var: object,
                 output: str = "z") -> Dependencies:
    """Read and check a composition: ``outer`` in the names of ``inner``, which map names
    to expressions, differentiated by ``var`` (a name or a list of names).

    >>> deps = dependencies("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t")
    >>> sorted(str(v) for v in deps.graph.successors(deps.output))
    ['x', 'y']
    """
    out = _name(output, "the output's name")
    if not isinstance(inner, Mapping) or not inner:
        raise InputError("the inner functions are a mapping of names to expressions, e.g. "
                         "{'x': 'cos(t)', 'y': 'sin(t)'}")
    if len(inner) > MAX_INTERMEDIATES:
        raise InputError(f"at most {MAX_INTERMEDIATES} intermediate variables, "
                         f"got {len(inner)}")
    definitions = {out: _expression(outer, str(out))}
    for key, value in inner.items():
        name = _name(key, "an intermediate variable")
        if name in definitions:
            raise InputError(f"{name} is defined twice (or is the output's name); "
                             "give each variable one definition")
        definitions[name] = _expression(value, str(name))
    graph = _graph(out, definitions)
    variables = _variables(var, graph, out, definitions)
    return Dependencies(output=out, definitions=definitions, variables=variables, graph=graph)


def _graph(out: sympy.Symbol, definitions: dict) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_node(out)
    for v, expr in definitions.items():
        for w in sorted(expr.free_symbols, key=str):
            graph.add_edge(v, w)
    _refuse_cycles(graph)
    unused = [v for v in definitions if v != out and v not in nx.descendants(graph, out)]
    if unused:
        names = ", ".join(map(str, unused))
        raise InputError(f"{out} does not depend on {names}: each intermediate variable must "
                         f"appear in {out}'s expression or in another one's (check the names)")
    _levels(graph, out, definitions)
    return graph


def _refuse_cycles(graph: nx.DiGraph) -> None:
    try:
        cycle = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return
    names = [str(u) for u, _ in cycle] + [str(cycle[0][0])]
    if len(cycle) == 1:
        raise InputError(f"{names[0]} is defined in terms of itself; define each "
                         "intermediate variable by variables below it")
    raise InputError("the definitions go round in a cycle: " + " depends on ".join(names)
                     + "; define each intermediate variable by variables below it")


def _levels(graph: nx.DiGraph, out: sympy.Symbol, definitions: dict) -> None:
    """Level 0 for the output, the longest path down for the others, the bottom
    variables all on the last level; each node's ``kind`` too."""
    level = {out: 0}
    for v in nx.topological_sort(graph):
        for w in graph.successors(v):
            level[w] = max(level.get(w, 0), level[v] + 1)
    bottom = max(level.values())
    for v in graph.nodes:
        kind = "output" if v == out else ("intermediate" if v in definitions else "variable")
        graph.nodes[v]["kind"] = kind
        graph.nodes[v]["level"] = bottom if kind == "variable" else level[v]
        graph.nodes[v]["expression"] = definitions.get(v)


def _variables(var: object, graph: nx.DiGraph, out: sympy.Symbol,
               definitions: dict) -> tuple[sympy.Symbol, ...]:
    names = [var] if isinstance(var, str | sympy.Symbol) else var
    if not isinstance(names, Sequence) or not names:
        raise InputError("the variable to differentiate by is a name such as t, or a list "
                         "of names such as ['s', 't']")
    chosen = tuple(dict.fromkeys(_name(v, "the variable to differentiate by") for v in names))
    for v in chosen:
        if v == out or v in definitions:
            raise InputError(f"{v} is defined in terms of other variables; differentiate by a "
                             "variable at the bottom of the tree, one with no definition")
        if v not in graph:
            bottom = sorted(str(n) for n in graph if graph.out_degree(n) == 0)
            raise InputError(f"nothing depends on {v}: {out} is a function of "
                             f"{', '.join(bottom) or 'no variable'}; choose one of those")
    return chosen
