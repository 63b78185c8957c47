"""The partial-derivative chain rule, worked step by step and checked by substitution.

This is the chain rule of several variables (lesson 6), through a tree of intermediate
variables; the single-variable chain rule d/dx f(g(x)) is the derivative step
:class:`calcml.steps.derivatives.rules.ChainRule`.

z = x^2 - y^2 with x = cos(t), y = sin(t): dz/dt = ∂z/∂x dx/dt + ∂z/∂y dy/dt
= 2x(-sin t) + (-2y) cos t = -4 sin(t) cos(t).

>>> chain_rule("x^2 - y^2", {"x": "cos(t)", "y": "sin(t)"}, "t").result
-4*sin(t)*cos(t)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import sympy

from calcml.errors import InputError
from calcml.expr.printing import to_latex, to_text
from calcml.expr.values import read_point
from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Rewrite, RewriteKind, Tidy
from calcml.steps.partials.multivar_chain import (
    ChainProducts,
    ChainRuleFormula,
    ChainRuleSeveral,
    EdgePartial,
    EvaluateAt,
    MultivariableChainRule,
    SubstituteBack,
)
from calcml.symbolic.derivatives.check import same_derivative, tidy
from calcml.symbolic.derivatives.rules import derivative_steps
from calcml.symbolic.partials.dependency_tree import Dependencies, dependencies
from calcml.timelimit import time_limited

__all__ = ["ChainSolution", "chain_rule"]


@dataclass(frozen=True)
class ChainSolution(Solution):
    """A chain-rule Solution that also carries the dependency tree.

    ``tree`` is a NetworkX DiGraph (nodes have ``kind``, ``level``, ``expression``; edges
    ``rate`` and ``derivative``); ``derivatives`` the symbolic results, one per variable;
    ``point`` the point of ``at=`` (empty without one).
    """

    tree: nx.DiGraph | None = field(default=None, compare=False)
    derivatives: tuple[sympy.Expr, ...] = ()
    point: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()

    @property
    def variables(self) -> tuple[sympy.Symbol, ...]:
        """The variables differentiated by, in the order asked."""
        rates = self.problem if isinstance(self.problem, sympy.Tuple) else (self.problem,)
        return tuple(r.bottom for r in rates)

    def tree_dict(self) -> dict[str, Any]:
        """The dependency tree as JSON-ready data: nodes (name, kind, level, expression)
        and edges (from, to, rate, derivative, and the LaTeX of both)."""
        g = self.tree
        nodes = [{"name": str(v), "kind": d["kind"], "level": d["level"],
                  "expression": None if d["expression"] is None else to_text(d["expression"])}
                 for v, d in g.nodes(data=True)]
        edges = [{"from": str(u), "to": str(v), "rate": d["rate"].name,
                  "derivative": to_text(d["derivative"]),
                  "rate_latex": to_latex(d["rate"]), "derivative_latex": to_latex(d["derivative"])}
                 for u, v, d in g.edges(data=True)]
        return {"nodes": nodes, "edges": edges}

    def extra_data(self) -> dict:
        """The dependency tree and, with a point, float values."""
        data: dict = {}
        data["tree"] = self.tree_dict()
        if self.point:
            values = self.result if isinstance(self.result, sympy.Tuple) else (self.result,)
            data["value_float"] = [float(v) for v in values]
        return data


@time_limited("the chain rule")
def chain_rule(outer: str | sympy.Basic, inner: Mapping, var: Any, *, at: Any = None,
               output: str = "z") -> ChainSolution:
    """d``output``/d``var`` for ``output`` = ``outer`` whose variables are the functions
    ``inner`` of others, by the partial-derivative chain rule, with worked steps.

    ``outer`` and the values of ``inner`` are math text or SymPy; ``var`` is a name or a
    list of names (x(s, t), y(s, t) gives ∂z/∂s and ∂z/∂t). An inner expression may use
    another intermediate variable: the formula then sums over every path down the tree.
    ``at`` (a dict or text such as ``"t=1"``, read by
    :func:`calcml.expr.values.read_point`) evaluates the result at a point; it gives
    every variable at the bottom of the tree. The check
    compares with substituting first and differentiating with ``sympy.diff``. Runs under
    ``timeout=`` seconds (5 by default).

    >>> sol = chain_rule("x^2 - y^2", {"x": "s*t", "y": "s + t"}, ["s", "t"])
    >>> sol.result, sol.agreed
    ((2*(s*t**2 - s - t), 2*(s**2*t - s - t)), True)
    >>> chain_rule("x^2", {"x": "cos(t)"}, "t", at="t=0").result
    0
    """
    deps = dependencies(outer, inner, var, output)
    derivations = tuple(_derivation(deps, v) for v in deps.variables)
    _label_edges(deps)
    checks = tuple(_check(deps, d) for d in derivations)
    step: Step = derivations[0] if len(derivations) == 1 else ChainRuleSeveral(
        derivations=derivations)
    derivatives = tuple(d.result for d in derivations)
    point: tuple = ()
    if at is None:
        problem = _one_or_tuple([deps.output_rate(v) for v in deps.variables])
    else:
        point = _point(at, deps)
        problem = _one_or_tuple([deps.output_rate(v, at=point) for v in deps.variables])
        step = EvaluateAt(substep=step, point=point,
                          value=_one_or_tuple([_at(d, point) for d in derivatives]))
    return ChainSolution(problem=problem, result=step.result, step=step, checks=checks,
                         tree=deps.graph, derivatives=derivatives, point=point)


def _one_or_tuple(items: list[sympy.Basic]) -> sympy.Basic:
    return items[0] if len(items) == 1 else sympy.Tuple(*items)


def _derivation(deps: Dependencies, var: sympy.Symbol) -> MultivariableChainRule:
    """Formula, each edge's partial derivative, products, substitution, simplification."""
    paths = deps.paths(var)
    edges = list(dict.fromkeys(pair for path in paths for pair in itertools.pairwise(path)))
    definitions = tuple((v, deps.definitions[v]) for v in deps.intermediates)
    formula = ChainRuleFormula(
        rate=deps.output_rate(var), definitions=definitions,
        paths=tuple(tuple(deps.rate(a, b) for a, b in itertools.pairwise(p)) for p in paths))
    edge_steps = tuple(EdgePartial(rate=deps.rate(a, b), function=deps.definitions[a],
                                   substep=_edge_steps(deps.definitions[a], b))
                       for a, b in edges)
    products = ChainProducts(formula=formula.result,
                             rates=tuple((e.rate, e.result) for e in edge_steps))
    substitution = SubstituteBack(mixed=products.result, definitions=definitions)
    tidied = tidy(substitution.result)
    factored = sympy.factor_terms(tidied)
    if sympy.count_ops(factored) <= sympy.count_ops(tidied):
        tidied = factored
    simplification = None
    if tidied != substitution.result:
        simplification = Rewrite(original=substitution.result, rewritten=tidied,
                                 kind=RewriteKind.COLLECT)
    return MultivariableChainRule(formula=formula, edges=edge_steps, products=products,
                                  substitution=substitution, simplification=simplification)


def _edge_steps(function: sympy.Expr, var: sympy.Symbol) -> Step:
    """The derivative's rules, then a common factor pulled out where that is shorter:
    2(yhat - y) reads better than 2 yhat - 2y."""
    step = derivative_steps(function, var)
    factored = sympy.factor_terms(step.result)
    if sympy.count_ops(factored) < sympy.count_ops(step.result):
        return Tidy(substep=step, tidied=factored)
    return step


def _label_edges(deps: Dependencies) -> None:
    """Each edge of the tree gets its rate and the partial derivative along it."""
    for a, b, data in deps.graph.edges(data=True):
        data["rate"] = deps.rate(a, b)
        data["derivative"] = _edge_steps(deps.definitions[a], b).result


def _check(deps: Dependencies, derivation: MultivariableChainRule) -> Check:
    var = derivation.formula.rate.bottom
    composed = deps.composed
    expected = sympy.diff(composed, var)
    agreed, detail = same_derivative(derivation.result, expected, var, composed)
    return Check(f"substitute first, then sympy.diff by {var}", agreed, value=expected,
                 detail=detail)


def _point(at: Any, deps: Dependencies) -> tuple[tuple[sympy.Symbol, sympy.Expr], ...]:
    """The point as (symbol, exact number) pairs, one per variable at the bottom of the tree."""
    bottom = sorted((v for v, d in deps.graph.nodes(data=True) if d["kind"] == "variable"),
                    key=str)
    return tuple(read_point(at, bottom).items())


def _at(expr: sympy.Expr, point: tuple) -> sympy.Expr:
    value = expr.xreplace(dict(point))
    if value.has(sympy.zoo, sympy.nan) or value.is_finite is False:
        where = ", ".join(f"{s} = {v}" for s, v in point)
        raise InputError(f"the derivative is not defined at {where}; pick another point")
    return value
