"""A fixed corpus of 100 multivariable expressions in calcml's input syntax.

Grouped by where they come from: the course (saddle, cylinder, costs of a line), machine
learning (neurons, losses, regularisers), geometry and physics, and algebraic and
transcendental mixtures that exercise every derivative rule with two or three variables.
The benchmark times calcml's worked gradient and Hessian against bare ``sympy.diff``.
"""

from __future__ import annotations

_COURSE = [
    "x^2 - y^2", "pi r^2 l", "(m x + b - y)^2", "(0.9 x + 0.1 - y)^2", "m x + b",
    "(m*7 + b + 1.37)^2", "x^2 + y^2", "x y", "2x^2 + 3x y - y^2", "x^2 y + y^3",
]
_ML = [
    "sigmoid(w x + b)", "relu(w x + b)", "softplus(w x + b)", "tanh(w x + b)",
    "ln(1 + exp(-y*(w x + b)))", "-y ln(sigmoid(w x + b)) - (1 - y) ln(1 - sigmoid(w x + b))",
    "(sigmoid(w x + b) - y)^2", "(tanh(w x + b) - y)^2 / 2", "w^2 + b^2", "abs(w) + abs(b)",
    "exp(x) / (exp(x) + exp(y))", "ln(exp(x) + exp(y))", "ln(exp(x) + exp(y) + exp(z))",
    "(w1 x1 + w2 x2 + b - y)^2", "sigmoid(w1 x1 + w2 x2 + b)", "(x - mu)^2 / (2 s^2)",
    "exp(-(x - mu)^2 / (2 s^2)) / s", "x ln(x) + y ln(y)", "-(x ln(y) + (1 - x) ln(1 - y))",
    "sqrt(x^2 + y^2 + 1e-8)",
]
_GEOMETRY = [
    "pi r^2 h / 3", "4/3 pi a b c", "2 pi r h + 2 pi r^2", "x y z", "2(x y + y z + x z)",
    "sqrt(x^2 + y^2)", "sqrt(x^2 + y^2 + z^2)", "atan(y / x)", "r cos(t)", "r sin(t)",
    "1/2 m v^2", "m g h", "G m M / r^2", "k q Q / r", "p V / (n R)", "x^2/a^2 + y^2/b^2",
    "a b sin(t) / 2", "sqrt(a^2 + b^2 - 2 a b cos(t))", "v t + a t^2 / 2", "A exp(-k t) cos(w t)",
]
_ALGEBRA = [
    "x^3 + y^3 + z^3 - 3 x y z", "(x + y)^5", "(x - y)^3 (x + y)", "x^4 y^3 z^2",
    "(x^2 + y^2)^2", "1/(x + y)", "x / y", "(x + y) / (x - y)", "x^2 / (1 + y^2)",
    "(x y + 1) / (x^2 + y^2 + 1)", "sqrt(x y)", "(x + 2y)^(3/2)", "x^y", "y^x", "x^(y z)",
    "1/sqrt(x^2 + y^2)", "x^2 y^2 / (x^2 + y^2)", "(1 + x)^n", "x^-2 y^-3", "(x + y + z)^3",
]
_TRANSCENDENTAL = [
    "sin(x) cos(y)", "sin(x y)", "cos(x + y)", "exp(x y)", "exp(x) sin(y)", "ln(x^2 + y^2)",
    "x exp(-x^2 - y^2)", "sin(x)^2 + cos(y)^2", "tan(x y)", "exp(x + y + z)",
    "ln(x y z)", "x sin(y) + y sin(x)", "exp(-x) cos(y) + exp(-y) cos(x)", "sinh(x) cosh(y)",
    "atan(x y)", "asin(x y)", "log(x^2 + y^2, 2)", "sqrt(1 - x^2 - y^2)", "x^2 sin(1/y)",
    "exp(sin(x) cos(y))", "sin(x + 2y + 3z)", "cos(x)^3 sin(y)^2", "ln(1 + x^2 y^2)",
    "exp(x^2 y) ln(y)", "tanh(x - y)", "x y exp(-x y)", "sin(sqrt(x^2 + y^2))",
    "cos(x y z)", "exp(-(x^2 + y^2 + z^2))", "x^2 ln(y) + y^2 ln(x)",
]

MULTIVAR = _COURSE + _ML + _GEOMETRY + _ALGEBRA + _TRANSCENDENTAL
"""The corpus: 100 expressions, each with two or more symbols."""
