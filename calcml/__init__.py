"""calcml: the calculus of machine learning, computed and explained."""

from calcml.errors import CalcmlError, InputError, ParseError, TimeLimitError
from calcml.steps import Check, Solution, Step

__version__ = "0.1.0"

__all__ = ["CalcmlError", "Check", "InputError", "ParseError", "Solution", "Step",
           "TimeLimitError"]
