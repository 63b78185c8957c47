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

from calcml.errors import CalcmlError, InputError, ParseError, TimeLimitError
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

__version__ = "0.1.0"

__all__ = ["DNE", "CalcmlError", "Check", "InputError", "LimitSolution", "ParseError",
           "Solution", "Step", "Tangent", "TimeLimitError", "chain_rule", "continuity",
           "derivative", "directional_derivative", "discontinuities", "gradient",
           "gradient_three_ways", "hessian", "integral", "jacobian", "limit", "mse_gradient",
           "parse", "partial", "quadratic_cost_gradient", "tangent"]
