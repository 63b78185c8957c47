"""calcml.plot draws engine results and computes no mathematics of its own (DESIGN.md):
no module of it finds a limit, a derivative or an integral with SymPy, trains a model, or
works out a tangent; those come in as results (a Tangent, a LimitSolution, a worked
gradient, a learning-rate comparison)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import calcml.plot

PLOT = Path(calcml.plot.__file__).parent
SYMPY_CALCULUS = {"limit", "diff", "integrate"}
ENGINE_WORK = {"train", "tangent", "derivative", "limit", "integral", "descend",
               "one_sided_limits", "gradient", "hessian", "partial"}


def _modules() -> list[Path]:
    return sorted(PLOT.glob("*.py"))


def _offences(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("calcml"):
            found += [f"imports {a.name} from {node.module}" for a in node.names
                      if a.name in ENGINE_WORK]
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "sympy"
                and node.func.attr in SYMPY_CALCULUS):
            found.append(f"calls sympy.{node.func.attr}")
    return found


@pytest.mark.parametrize("module", _modules(), ids=lambda p: p.name)
def test_a_figure_module_does_no_calculus_of_its_own(module):
    assert _offences(ast.parse(module.read_text(encoding="utf-8"))) == []


def test_the_check_catches_what_it_forbids():
    source = ("import sympy\nfrom calcml.learn import train\n"
              "from calcml.symbolic.derivatives.tangent import tangent\n"
              "value = sympy.limit(x, x, 0)\n")
    assert _offences(ast.parse(source)) == [
        "imports train from calcml.learn",
        "imports tangent from calcml.symbolic.derivatives.tangent",
        "calls sympy.limit"]
