"""calcml.plot draws engine results and computes no mathematics of its own (DESIGN.md):
no module of it finds a limit, a derivative or an integral with SymPy, trains a model, or
works out a tangent; those come in as results (a Tangent, a LimitSolution, a worked
gradient, a learning-rate comparison, a SignedArea, a Quadrature, a ConvergenceStudy, a
RocReport, a TrapezoidSum, a ConfusionMatrix).

Nor does it read text: no module imports a parser (calcml's or SymPy's), so no text a user
typed can become an expression there, and any expression a figure compiles to draw a
curve came in inside a result. Nor does it integrate: no quadrature rule, adaptive method,
SciPy integrator or exact integral is imported. tests/test_figures_from_results.py checks
the same by drawing every integral figure with the parser, SymPy's integrate and
lambdify, and the quadrature engine made to fail."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import calcml.plot

PLOT = Path(calcml.plot.__file__).parent
SYMPY_CALCULUS = {"limit", "diff", "integrate"}
ENGINE_WORK = {"train", "tangent", "derivative", "limit", "integral", "descend",
               "one_sided_limits", "gradient", "hessian", "partial", "roc_report", "roc_curve",
               "rates", "confusion_matrix", "auc", "auc_two_ways", "trapezoids", "pair_counts",
               "roc_auc_score"}
READERS = {"parse", "parse_typed", "as_expr", "sympify", "parse_expr", "read_expression"}
QUADRATURE = {"integrate", "quad", "fixed_rule", "adaptive", "exact_integral", "simpson",
              "trapezoid", "riemann_sum", "romberg_tableau", "convergence_table",
              "convergence_study", "signed_area", "with_exact", "area_by_rectangles",
              "strip_heights", "derivative_error_table", "compare_with_quad"}
SYMPY_READERS = {"sympify", "parse_expr", "S"}


def _modules() -> list[Path]:
    return sorted(PLOT.glob("*.py"))


def _offences(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("calcml"):
            found += [f"imports {a.name} from {node.module}" for a in node.names
                      if a.name in ENGINE_WORK | READERS | QUADRATURE]
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sympy.parsing"):
            found.append(f"imports from {node.module}")
        if isinstance(node, ast.ImportFrom | ast.Import) and any(
                (name or "").startswith("scipy") for name in
                [getattr(node, "module", None), *(a.name for a in node.names)]):
            found.append("imports scipy")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "sympy"
                and node.func.attr in SYMPY_CALCULUS | SYMPY_READERS):
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


def test_the_check_catches_reading_text_and_integrating():
    source = ("import sympy\nfrom scipy import integrate\n"
              "from calcml.expr.parser import parse\n"
              "from calcml.numeric.quadrature import integrate\n"
              "from calcml.numeric.quad_tables import exact_integral\n"
              "from sympy.parsing.sympy_parser import parse_expr\n"
              "f = sympy.sympify(text)\n")
    assert _offences(ast.parse(source)) == [
        "imports scipy",
        "imports parse from calcml.expr.parser",
        "imports integrate from calcml.numeric.quadrature",
        "imports exact_integral from calcml.numeric.quad_tables",
        "imports from sympy.parsing.sympy_parser",
        "calls sympy.sympify"]
