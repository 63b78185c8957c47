"""calcml: the calculus of machine learning, computed and explained.

The worked-solution engines are here at the top level; the rest lives in subpackages:
``calcml.autodiff`` (the autodiff engine), ``calcml.learn`` (models, costs, optimizers,
training), ``calcml.numeric`` (finite differences, numeric integration),
``calcml.metrics`` (confusion matrix, ROC, AUC) and ``calcml.plot`` (figures).

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
from typing import TYPE_CHECKING

from calcml.errors import CalcmlError, InputError, ParseError, TimeLimitError

# Each public name and the module that defines it. They load on first use, so that
# ``import calcml`` (and ``import calcml.autodiff``, which imports this package first)
# pays for SymPy, SciPy and networkx only when a symbolic engine is used.
_LAZY = {
    "parse": "calcml.expr.parser",
    "Check": "calcml.steps", "Solution": "calcml.steps", "Step": "calcml.steps",
    "DNE": "calcml.steps.limit_steps",
    "chain_rule": "calcml.symbolic.chain",
    "continuity": "calcml.symbolic.continuity",
    "discontinuities": "calcml.symbolic.continuity",
    "mse_gradient": "calcml.symbolic.cost_gradients",
    "quadratic_cost_gradient": "calcml.symbolic.cost_gradients",
    "derivative": "calcml.symbolic.derivative",
    "integral": "calcml.symbolic.integral",
    "LimitSolution": "calcml.symbolic.limit", "limit": "calcml.symbolic.limit",
    "directional_derivative": "calcml.symbolic.partial",
    "gradient": "calcml.symbolic.partial", "hessian": "calcml.symbolic.partial",
    "jacobian": "calcml.symbolic.partial", "partial": "calcml.symbolic.partial",
    "Tangent": "calcml.symbolic.tangent", "tangent": "calcml.symbolic.tangent",
    "gradient_three_ways": "calcml.symbolic.three_ways",
}

if TYPE_CHECKING:
    from calcml.expr.parser import parse
    from calcml.steps import Check, Solution, Step
    from calcml.steps.limit_steps import DNE
    from calcml.symbolic.chain import chain_rule
    from calcml.symbolic.continuity import continuity, discontinuities
    from calcml.symbolic.cost_gradients import mse_gradient, quadratic_cost_gradient
    from calcml.symbolic.derivative import derivative
    from calcml.symbolic.integral import integral
    from calcml.symbolic.limit import LimitSolution, limit
    from calcml.symbolic.partial import (
        directional_derivative,
        gradient,
        hessian,
        jacobian,
        partial,
    )
    from calcml.symbolic.tangent import Tangent, tangent
    from calcml.symbolic.three_ways import gradient_three_ways


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


__version__ = "0.1.0"

__all__ = ["DNE", "CalcmlError", "Check", "InputError", "LimitSolution", "ParseError",
           "Solution", "Step", "Tangent", "TimeLimitError", "chain_rule", "continuity",
           "derivative", "directional_derivative", "discontinuities", "gradient",
           "gradient_three_ways", "hessian", "integral", "jacobian", "limit", "mse_gradient",
           "parse", "partial", "quadratic_cost_gradient", "tangent"]
