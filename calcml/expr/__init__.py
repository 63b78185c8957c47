"""Safe math input and printing of expressions."""

from calcml.expr.functions import ML_FUNCTIONS, relu, sigmoid, softplus
from calcml.expr.parser import parse, parse_typed
from calcml.expr.printing import ascii_text, to_latex, to_mathml, to_text

__all__ = ["ML_FUNCTIONS", "ascii_text", "parse", "parse_typed", "relu", "sigmoid", "softplus",
           "to_latex", "to_mathml", "to_text"]
