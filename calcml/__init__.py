"""calcml: the calculus of machine learning, computed and explained.

The worked-solution engines are here at the top level; the rest lives in subpackages:
``calcml.autodiff`` (the autodiff engine), ``calcml.learn`` (models, costs, optimizers,
training), ``calcml.numeric`` (finite differences, numeric integration),
``calcml.metrics`` (confusion matrix, ROC, AUC) and ``calcml.plot`` (figures).

The symbolic :func:`gradient`, :func:`jacobian_matrix` and :func:`hessian_matrix` (also
called ``jacobian`` and ``hessian``) work an expression's derivatives out exactly, with
steps; the autodiff transforms ``calcml.autodiff.grad``, ``jacobian`` and ``hessian``
turn a Python function into one that computes derivatives of arrays.

>>> import calcml
>>> calcml.derivative("x^2 + 2x + 2").result
2*x + 2
>>> calcml.gradient("x^2 - y^2", at={"x": 2, "y": 3}).result.T
Matrix([[4, -6]])
>>> calcml.integral("x/2", lower=1, upper=2).result
3/4
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

from calcml.errors import CalcmlError, InputError, ParseError, TimeLimitError

# Each public name and the module that defines it. They load on first use, so that
# ``import calcml`` (and ``import calcml.autodiff``, which imports this package first)
# pays for SymPy, SciPy and networkx only when a symbolic engine is used.
_LAZY = {
    "parse": "calcml.expr.parser",
    "Check": "calcml.steps", "Solution": "calcml.steps", "Step": "calcml.steps",
    "DNE": "calcml.steps.limits.rules",
    "chain_rule": "calcml.symbolic.partials.multivar_chain",
    "continuity": "calcml.symbolic.limits.continuity",
    "discontinuities": "calcml.symbolic.limits.continuity",
    "mse_gradient": "calcml.symbolic.partials.cost_gradients",
    "quadratic_cost_gradient": "calcml.symbolic.partials.cost_gradients",
    "derivative": "calcml.symbolic.derivatives.derivative",
    "integral": "calcml.symbolic.integrals.integral",
    "LimitSolution": "calcml.symbolic.limits.limit", "limit": "calcml.symbolic.limits.limit",
    "directional_derivative": "calcml.symbolic.partials.partial",
    "gradient": "calcml.symbolic.partials.partial", "hessian": "calcml.symbolic.partials.partial",
    "jacobian": "calcml.symbolic.partials.partial", "partial": "calcml.symbolic.partials.partial",
    "hessian_matrix": "calcml.symbolic.partials.partial",
    "jacobian_matrix": "calcml.symbolic.partials.partial",
    "Tangent": "calcml.symbolic.derivatives.tangent",
    "tangent": "calcml.symbolic.derivatives.tangent",
    "gradient_three_ways": "calcml.course.three_ways",
}

if TYPE_CHECKING:
    from calcml.course.three_ways import gradient_three_ways
    from calcml.expr.parser import parse
    from calcml.steps import Check, Solution, Step
    from calcml.steps.limits.rules import DNE
    from calcml.symbolic.derivatives.derivative import derivative
    from calcml.symbolic.derivatives.tangent import Tangent, tangent
    from calcml.symbolic.integrals.integral import integral
    from calcml.symbolic.limits.continuity import continuity, discontinuities
    from calcml.symbolic.limits.limit import LimitSolution, limit
    from calcml.symbolic.partials.cost_gradients import mse_gradient, quadratic_cost_gradient
    from calcml.symbolic.partials.multivar_chain import chain_rule
    from calcml.symbolic.partials.partial import (
        directional_derivative,
        gradient,
        hessian,
        hessian_matrix,
        jacobian,
        jacobian_matrix,
        partial,
    )


def __getattr__(name: str):
    """Load a public name's module on first use (PEP 562)."""
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'calcml' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


def _display_figures_in_jupyter() -> None:
    """Inside IPython (a Jupyter kernel), have the notebook front end add the figures to
    the display of traces and training histories: the engines do not draw, since drawing
    is a layer above them (DESIGN.md). Loaded by name, as the public names above are: this
    package stands above the layers, and a static import would read as every package that
    does ``import calcml`` depending on the front end."""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)()
    if shell is not None:
        importlib.import_module("calcml.notebook").register_display(shell.display_formatter)


_display_figures_in_jupyter()


__version__ = "0.1.0"

__all__ = ["DNE", "CalcmlError", "Check", "InputError", "LimitSolution", "ParseError",
           "Solution", "Step", "Tangent", "TimeLimitError", "chain_rule", "continuity",
           "derivative", "directional_derivative", "discontinuities", "gradient",
           "gradient_three_ways", "hessian", "hessian_matrix", "integral", "jacobian",
           "jacobian_matrix", "limit", "mse_gradient",
           "parse", "partial", "quadratic_cost_gradient", "tangent"]
