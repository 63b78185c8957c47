"""A fixed corpus of 200 expressions in calcml's input syntax, differentiated in x.

Grouped by the rule each one exercises first; together they use every derivative rule
calcml knows (and a few that fall back to SymPy). The benchmark times calcml's worked
derivative against bare ``sympy.diff`` on each.
"""

from __future__ import annotations

_COURSE = [
    "x^2 + 2x + 2", "x^2", "x^3 - 3x", "5", "x", "3x", "-x", "x^2 - 2x + 1", "2x^3 + x^2 - x + 7",
    "x^4 + x^3 + x^2 + x + 1",
]
_POWER = [
    "x^10", "x^-1", "1/x", "1/x^2", "sqrt(x)", "x^(1/3)", "x^(3/2)", "x^(-1/2)", "x^pi", "x^2.5",
    "3/x^4", "2sqrt(x)", "x^(2/3) + x^(1/3)", "1/sqrt(x)", "x^100 - x^50",
]
_CONSTANT_MULTIPLE = [
    "7x^3", "pi x^2", "-4x^5", "x^2/2", "e x", "a x^2 + b x + c", "2pi x", "sqrt(2) x^3",
    "-3sin(x)", "5e^x",
]
_PRODUCT = [
    "x sin(x)", "x^2 e^x", "sin(x) cos(x)", "x e^x sin(x)", "e^x cos(x)", "x^2 ln(x) e^x",
    "(x + 1)(x - 1)", "(x^2 + 1)(x^3 - x)", "x sqrt(x + 1)", "x sigmoid(x)",
    "sin(x) cos(x) tan(x)", "x^2 atan(x)", "ln(x) sin(x)", "x relu(x)", "(2x + 1)(3x - 2)(x + 5)",
    "x^2 softplus(x)",
]
_QUOTIENT = [
    "sin(x)/x", "x/(x + 1)", "(x^2 + 1)/(x - 1)", "ln(x)/x", "x^2/(x^2 + 1)", "(x - 1)/(x + 1)",
    "cos(x)/(1 + sin(x))", "e^x/(1 + e^x)", "(3x^2 - 2)/(x^3 + x)", "sqrt(x)/(x + 1)", "x/ln(x)",
    "(x + 1)/(x^2 - 4)", "(1 - x^2)/(1 + x^2)", "x^3/(e^x - 1)", "(2x + 3)/(x^2 + 3x + 1)",
    "e^(2x)/(x + 2)",
]
_CHAIN = [
    "sin(3x + 1)", "cos(x^2)", "e^(2x)", "e^(-x^2)", "ln(x^2 + 1)", "sin(cos(x))", "e^(sin(x))",
    "ln(cos(x))", "sin(sin(sin(x)))", "ln(ln(x))", "sqrt(sin(x))", "cos(3x)^2", "sin(x^2 + 2x)",
    "ln(1 + e^x)", "sin(sqrt(x))", "tan(ln(x))", "e^(x^3 - x)", "cos(cos(cos(cos(x))))",
    "sin(e^(x^2))", "ln(sin(x)^2 + 1)",
]
_GENERAL_POWER = [
    "(x^2 + 1)^3", "(3x + 1)^5", "sqrt(x^2 + 1)", "(1 - x)^-2", "(sin(x))^3", "1/(x^2 + 1)",
    "(2x - 1)^(1/3)", "sqrt(1 - x^2)", "(x^3 + x)^10", "(e^x + 1)^2", "1/sqrt(x^2 + 4)",
    "(ln(x))^2", "(1 + sqrt(x))^4", "cos(x)^-1", "(x^2 - 3x + 2)^(3/2)",
]
_EXPONENTIAL_LOG = [
    "e^x", "exp(x)", "2^x", "10^x", "3^(2x)", "2^(x^2)", "ln(x)", "log(x)", "log(x, 2)",
    "log(x, 10)", "log(x^2 + 1, 2)", "ln(3x)", "ln(sqrt(x))", "pi^x", "e^(3x) + 2^x",
]
_TRIG = [
    "sin(x)", "cos(x)", "tan(x)", "cot(x)", "sec(x)", "csc(x)", "sec(2x)", "csc(x^2)", "cot(3x)",
    "tan(x)^2", "sin(x)^2 + cos(x)^2", "sec(x) tan(x)",
]
_INVERSE_TRIG = [
    "asin(x)", "acos(x)", "atan(x)", "acot(x)", "asec(x)", "acsc(x)", "arcsin(2x)", "arctan(x^2)",
    "atan(1/x)", "asin(sqrt(x))", "acos(x/2)", "atan(e^x)",
]
_HYPERBOLIC = [
    "sinh(x)", "cosh(x)", "tanh(x)", "tanh(2x + 1)", "cosh(x)^2 - sinh(x)^2", "sinh(3x)",
    "tanh(x^2)", "ln(cosh(x))",
]
_ML = [
    "sigmoid(x)", "sigmoid(2x + 1)", "sigmoid(x)^2", "softplus(x)", "softplus(3x)", "relu(x)",
    "relu(2x - 1)", "relu(x^2 - 1)", "abs(x)", "abs(x^2 - 4)", "|x|", "|sin(x)|",
    "ln(sigmoid(x))", "sigmoid(sigmoid(x))", "relu(x) + relu(-x)", "(sigmoid(x) - 1)^2",
    "softplus(x) - softplus(-x)", "-ln(sigmoid(x)) - ln(1 - sigmoid(x))", "(relu(x) - 1)^2",
]
_LOG_DIFFERENTIATION = [
    "x^x", "x^sin(x)", "sin(x)^x", "x^(1/x)", "(x^2 + 1)^x", "x^ln(x)", "(1 + 1/x)^x", "x^(x^2)",
]
_MIXED = [
    "x^2 sin(x) + e^x/x", "ln(x^2 + 1)/(x + 1)", "e^(-x) sin(2x)", "sin(x)^2 cos(x)^3",
    "x e^(-x^2)", "e^x*(x^2 - 2x + 2)", "ln(x + sqrt(x^2 + 1))", "sin(x) e^(cos(x))",
    "(sin(x) + cos(x))/(sin(x) - cos(x))", "tanh(x) sigmoid(x)", "(x - 2)^3 (x + 1)^2",
    "sqrt((x - 1)/(x + 1))", "ln(sec(x) + tan(x))", "e^(x ln(2))", "3x^2 sqrt(1 + x^3)",
    "(1 - cos(x))/x^2", "x^4 e^(-x)/(1 + x)", "sin(pi x)/(pi x)", "1/(1 + e^(-2x))",
    "x relu(x - 1) + sigmoid(x) softplus(x)",
]
_FALLBACK = [
    "heaviside(x)", "coth(x)", "asinh(x)", "sech(x)",
]

DERIVATIVES: tuple[str, ...] = tuple(
    _COURSE + _POWER + _CONSTANT_MULTIPLE + _PRODUCT + _QUOTIENT + _CHAIN + _GENERAL_POWER
    + _EXPONENTIAL_LOG + _TRIG + _INVERSE_TRIG + _HYPERBOLIC + _ML + _LOG_DIFFERENTIATION
    + _MIXED + _FALLBACK)
"""The 200 expressions, each a function of x (some with parameters a, b, c)."""
