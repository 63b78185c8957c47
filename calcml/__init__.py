"""calcml: the calculus of machine learning, computed and explained.

>>> import calcml
>>> calcml.derivative("x^2 + 2x + 2").result
2*x + 2
"""

from calcml.errors import CalcmlError, InputError, ParseError, TimeLimitError
from calcml.expr.parser import parse
from calcml.steps import Check, Solution, Step
from calcml.steps.limit_steps import DNE
from calcml.symbolic.continuity import continuity, discontinuities
from calcml.symbolic.derivative import derivative
from calcml.symbolic.limit import LimitSolution, limit
from calcml.symbolic.tangent import Tangent, tangent

__version__ = "0.1.0"

__all__ = ["DNE", "CalcmlError", "Check", "InputError", "LimitSolution", "ParseError",
           "Solution", "Step", "Tangent", "TimeLimitError", "continuity", "derivative",
           "discontinuities", "limit", "parse", "tangent"]
