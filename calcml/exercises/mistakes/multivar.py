"""Buggy rules of lessons 6 and 7: partial derivatives, gradients, the chain rule.

- ``partial-other-variable-not-held-constant``: the learner differentiates the other
  variables too, as if each moved along with the variable at the same rate (y treated
  as a function of x with dy/dx = 1). For ∂/∂x (x² y) they apply the product rule and
  write 2xy + x²; for ∂/∂x (x² − y²) they write 2x − 2y. Their answer is the sum of all
  the partial derivatives. In a gradient, every component comes out as that sum.
- ``gradient-components-swapped``: the right partial derivatives in the wrong order,
  (∂f/∂y, ∂f/∂x) for ∇f = (∂f/∂x, ∂f/∂y), or (∂C/∂b, ∂C/∂m) where (∂C/∂m, ∂C/∂b) was
  asked (reversed, with three or more variables).
- ``chain-rule-one-path-only``: dz/dt = ∂z/∂x dx/dt only, the path through the first
  inner variable, forgetting the sum over the others (∂z/∂y dy/dt, ...).
- ``second-partial-as-product-of-firsts``: ∂²f/∂x² taken as (∂f/∂x)², and ∂²f/∂y∂x as
  ∂f/∂x·∂f/∂y, the "second" read as a power rather than as differentiating again; in a
  Hessian, every entry so (the outer product of the gradient with itself).

>>> from calcml.exercises.model import catalogue
>>> "gradient-components-swapped" in [m.id for m in catalogue()]
True
"""

from __future__ import annotations

from typing import Any

import sympy

import calcml
from calcml.exercises.kinds.learning import GRADIENT_PROBLEMS
from calcml.exercises.kinds.multivar import expression_of, order_of
from calcml.exercises.model import Mistake, register_mistake, task_kind


def all_partials_summed(task: dict[str, Any]) -> Any:
    """The sum of every partial derivative of f (each variable moving at rate 1), for a
    first partial or a gradient; None for a function of one variable or a second partial.

    >>> all_partials_summed({"kind": "partial", "expr": "x^2 y", "var": "x"})
    x**2 + 2*x*y
    """
    f = expression_of(task["expr"])
    if len(f.free_symbols) < 2 or (task["kind"] == "partial" and len(order_of(task)) > 1):
        return None
    names = sorted(s.name for s in f.free_symbols)
    total = sum(calcml.gradient(f, names, at=task.get("at")).result)
    if task["kind"] == "gradient":
        return tuple(total for _ in task["vars"])
    return total


def components_swapped(task: dict[str, Any]) -> tuple[Any, ...] | None:
    """The right gradient with its components in reverse order (None when that is the
    same tuple, or for a task whose answer is not a gradient).

    >>> components_swapped({"kind": "gradient", "expr": "x^2 - y^2", "vars": ["x", "y"]})
    (-2*y, 2*x)
    """
    if task["kind"] == "value" and task.get("problem") not in GRADIENT_PROBLEMS:
        return None
    right = tuple(task_kind(task).solve(task))
    wrong = right[::-1]
    return None if wrong == right else wrong


def one_path_only(task: dict[str, Any]) -> Any:
    """∂z/∂x dx/dt alone, through the first inner variable, by :func:`calcml.chain_rule`
    with the other inner variables held, then put back as functions of t.

    >>> one_path_only({"kind": "partial-chain", "outer": "x^2 y",
    ...                "inner": {"x": "t^2", "y": "3t"}, "var": "t"})
    12*t**4
    """
    inner = task["inner"]
    if len(inner) < 2:
        return None
    first, *others = inner
    path = calcml.chain_rule(task["outer"], {first: inner[first]}, task["var"]).result
    held = {s: expression_of(inner[s.name]) for s in path.free_symbols if s.name in others}
    wrong = sympy.expand(path.xreplace(held))
    at = task.get("at")
    if at is not None:
        wrong = wrong.xreplace({s: expression_of(str(at[s.name]))
                                for s in wrong.free_symbols if s.name in at})
    return wrong


def product_of_firsts(task: dict[str, Any]) -> Any:
    """The first partials multiplied where a second partial was asked: (∂f/∂x)² for
    ∂²f/∂x², ∂f/∂x·∂f/∂y for the mixed one; the matrix of such products for a Hessian.

    >>> product_of_firsts({"kind": "partial", "expr": "x^2 y", "var": ["x", "x"]})
    4*x**2*y**2
    """
    f = expression_of(task["expr"])
    if task["kind"] == "partial":
        order = order_of(task)
        if len(order) != 2:
            return None
        names = list(dict.fromkeys([*order, *sorted(s.name for s in f.free_symbols)]))
        first = dict(zip(names, calcml.gradient(f, names, at=task.get("at")).result,
                         strict=True))
        return sympy.expand(first[order[0]] * first[order[1]])
    g = calcml.gradient(f, task["vars"], at=task.get("at")).result
    return (g * g.T).applyfunc(sympy.expand)


register_mistake(Mistake(
    id="partial-other-variable-not-held-constant",
    title="The other variable differentiated too",
    kinds=("partial", "gradient"), wrong=all_partials_summed,
    message="Only the variable you differentiate by changes: hold every other variable "
            "constant, so a term in y alone has ∂/∂x equal to 0, and x² y gives 2x·y.",
    step="holding the other variables constant",
    example=({"kind": "partial", "expr": "x^2 y", "var": "x"}, "2xy + x^2")))

register_mistake(Mistake(
    id="gradient-components-swapped",
    title="Gradient components in the wrong order",
    kinds=("gradient", "value"), wrong=components_swapped,
    message="These are the right partial derivatives in the wrong order: list them in the "
            "order of the variables asked for, e.g. ∇f = (∂f/∂x, ∂f/∂y).",
    step="writing the partial derivatives into the gradient vector",
    example=({"kind": "gradient", "expr": "x^2 - y^2", "vars": ["x", "y"],
              "at": {"x": 2, "y": 3}}, "(-6, 4)")))

register_mistake(Mistake(
    id="chain-rule-one-path-only",
    title="One path of the chain rule only",
    kinds=("partial-chain",), wrong=one_path_only,
    message="z depends on t through every inner variable: add one product per path, "
            "dz/dt = ∂z/∂x·dx/dt + ∂z/∂y·dy/dt.",
    step="the chain-rule formula, a sum over the paths from z down to t",
    example=({"kind": "partial-chain", "outer": "x^2 y", "inner": {"x": "t^2", "y": "3t"},
              "var": "t", "at": {"t": 1}}, "12")))

register_mistake(Mistake(
    id="second-partial-as-product-of-firsts",
    title="Second partial as a product of first partials",
    kinds=("partial", "hessian"), wrong=product_of_firsts,
    message="A second partial differentiates a first partial again: ∂²f/∂x² = ∂/∂x (∂f/∂x), "
            "not (∂f/∂x)², and ∂²f/∂y∂x = ∂/∂y (∂f/∂x), not ∂f/∂x·∂f/∂y.",
    step="differentiating the first partial derivative again",
    example=({"kind": "partial", "expr": "x^2 y", "var": ["x", "x"]}, "4x^2 y^2")))
