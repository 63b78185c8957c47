"""A fixed corpus of 50 textbook integrands in calcml's input syntax, integrated in x.

Grouped by the technique a textbook would reach for first: power and constant rules,
logarithms, exponentials, trigonometric forms, inverse-trig forms, u-substitution,
integration by parts (cyclic included), partial fractions, trigonometric powers and
substitutions, and a few hard ones (non-elementary antiderivatives, or ones that send a
rule search far afield: SymPy's rule search runs past 5 s on the two trigonometric powers
sin^3 cos^5 and sin^5 cos^5). The benchmark times calcml's worked integral against SymPy's
``integral_steps`` and bare ``integrate`` on each.
"""

from __future__ import annotations

_POWER = ["x^2", "3x^2 + 2x + 1", "sqrt(x)", "x^(2/3) - 4/x^3"]
_LOG_EXP = ["1/x", "e^x", "e^(3x)", "2^x", "5e^(-2x)"]
_TRIG = ["sin(x)", "cos(3x)", "sec(x)^2", "sec(x) tan(x)", "csc(x)^2", "tan(x)"]
_INVERSE_TRIG = ["1/(1 + x^2)", "1/sqrt(1 - x^2)", "1/(4 + x^2)"]
_SUBSTITUTION = ["2x cos(x^2)", "x e^(x^2)", "x sqrt(x^2 + 1)", "sin(x)^3 cos(x)", "ln(x)/x",
                 "e^x/(1 + e^x)"]
_PARTS = ["x e^x", "x sin(x)", "x^2 e^x", "ln(x)", "x ln(x)", "atan(x)",
          "e^x sin(x)", "e^(2x) cos(x)"]
_PARTIAL_FRACTIONS = ["1/(x^2 - 1)", "(x + 1)/(x^2 - 3x + 2)", "1/(x*(x + 1))",
                      "x/((x + 1)(x + 2))", "1/(x^3 - x)"]
_TRIG_POWERS = ["sin(x)^2", "cos(x)^3", "sin(x)^3 cos(x)^5"]
_TRIG_SUBSTITUTION = ["sqrt(1 - x^2)", "sqrt(16x^2 - 9)/x", "sqrt(x^2 + 4)", "x^2/sqrt(9 - x^2)"]
_HARD = ["e^(-x^2)", "sin(x)/x", "1/(x^4 + 1)", "sec(x)^3", "sqrt(tan(x))",
         "sin(x)^5 cos(x)^5"]

INTEGRALS: list[str] = (_POWER + _LOG_EXP + _TRIG + _INVERSE_TRIG + _SUBSTITUTION + _PARTS
                        + _PARTIAL_FRACTIONS + _TRIG_POWERS + _TRIG_SUBSTITUTION + _HARD)
"""The 50 integrands, each integrated in x."""
