"""The house's import rules: no cycle inside a family of modules (docs/architecture.md).

The layers between packages are import-linter's contract in pyproject.toml (`make test`
runs `lint-imports`). An import inside a function counts; one under ``if TYPE_CHECKING:``
does not, since it never runs.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "calcml"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.Module, modules: set[str]) -> set[str]:
    """The calcml modules ``tree`` imports when it runs (``from m import name`` counts as
    importing ``m.name`` when that is a module)."""
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


@cache
def import_graph() -> nx.DiGraph:
    """Every module of calcml and the calcml modules it imports."""
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(paths)
    for name, path in paths.items():
        for target in _imported(ast.parse(path.read_text()), set(paths)) - {name}:
            graph.add_edge(name, target)
    return graph


def cycles_within(graph: nx.DiGraph, package: str) -> list[list[str]]:
    """The import cycles among the modules of ``package`` (each as a sorted list)."""
    inside = graph.subgraph(n for n in graph if n == package or n.startswith(f"{package}."))
    return [sorted(c) for c in nx.strongly_connected_components(inside) if len(c) > 1]


@pytest.mark.parametrize("package", ["calcml.steps", "calcml.autodiff", "calcml.learn",
                                     "calcml.symbolic", "calcml.numeric", "calcml.expr",
                                     "calcml.metrics", "calcml.course", "calcml.plot",
                                     "calcml.exercises"])
def test_the_modules_of_a_family_import_each_other_without_a_cycle(package: str) -> None:
    assert cycles_within(import_graph(), package) == []


def test_the_cycle_finder_sees_an_import_inside_a_function() -> None:
    tree = ast.parse("def f():\n    from calcml.b import g\n")
    assert _imported(tree, {"calcml.b", "calcml.c"}) == {"calcml.b"}
    typing_only = ast.parse("if TYPE_CHECKING:\n    from calcml.b import g\n")
    assert _imported(typing_only, {"calcml.b"}) == set()
