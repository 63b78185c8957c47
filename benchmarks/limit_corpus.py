"""Thirty classic limits for the benchmark: (expression text, variable, point, direction).

Each limit exists (a number, oo or -oo), so that SymPy's bare ``limit`` answers every one.
The course's own limits come first (COURSE.md), then one or more of each strategy:
substitution, factoring, conjugates, highest powers, standard limits, L'Hopital's rule,
0*oo, oo - oo, the exponent forms 1^oo, 0^0, oo^0, one-sided and infinite limits.
"""

from __future__ import annotations

LIMITS: list[tuple[str, str, str, str]] = [
    ("(x^2 - 1)/(x - 1)", "x", "1", "+-"),
    ("sin(x)/x", "x", "0", "+-"),
    ("25/x", "x", "oo", "+-"),
    ("(x^2 - 1)/(x - 1)", "x", "0", "+-"),
    ("(x^2 - 25)/(x + 5)", "x", "-5", "+-"),
    ("(x^2 - 2*x - 8)/(x - 4)", "x", "4", "+-"),
    ("25/x", "x", "-oo", "+-"),
    ("x^2 + 2*x + 2", "x", "3", "+-"),
    ("(x^3 - 8)/(x - 2)", "x", "2", "+-"),
    ("(sqrt(x + 4) - 2)/x", "x", "0", "+-"),
    ("(3*x^2 + x)/(2*x^2 - 5)", "x", "oo", "+-"),
    ("(x^3 + 1)/(x^2 + 7)", "x", "-oo", "+-"),
    ("sin(3*x)/x", "x", "0", "+-"),
    ("(1 - cos(x))/x^2", "x", "0", "+-"),
    ("(e^x - 1)/x", "x", "0", "+-"),
    ("(1 + 1/x)^x", "x", "oo", "+-"),
    ("(1 + 2/x)^(3*x)", "x", "oo", "+-"),
    ("(1 + x)^(1/x)", "x", "0", "+-"),
    ("log(x)/x", "x", "oo", "+-"),
    ("x^3/e^x", "x", "oo", "+-"),
    ("(x - sin(x))/x^3", "x", "0", "+-"),
    ("x*log(x)", "x", "0", "+"),
    ("sqrt(x^2 + x) - x", "x", "oo", "+-"),
    ("1/x - 1/sin(x)", "x", "0", "+-"),
    ("x^x", "x", "0", "+"),
    ("x^(1/x)", "x", "oo", "+-"),
    ("1/x", "x", "0", "+"),
    ("1/x^2", "x", "0", "+-"),
    ("tan(x)", "x", "pi/2", "-"),
    ("sigmoid(x)", "x", "oo", "+-"),
]
