"""Printing of expressions as a learner reads them: plain text, LaTeX, MathML.

The plain text form is calcml's input syntax, so ``parse(to_text(e)) == e``.
"""

from __future__ import annotations

import sympy
from sympy.printing.latex import LatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.str import StrPrinter

_LATEX_NAMES = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}",
                "softplus": r"\operatorname{softplus}"}


class TextPrinter(StrPrinter):
    """calcml's input syntax: ``^`` for powers, ``e`` for Euler's number, ``abs``."""

    def _print_Pow(self, expr, rational=False):
        text = super()._print_Pow(expr, rational)
        return text.replace("**", "^")

    def _print_Exp1(self, expr):
        return "e"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Infinity(self, expr):
        return "oo"

    def _print_NegativeInfinity(self, expr):
        return "-oo"

    def _print_Derivative(self, expr):
        (var, count), = expr.variable_count
        order = "" if count == 1 else f"^{count}"
        return f"d{order}/d{self._print(var)}{order} ({self._print(expr.expr)})"

    def _print_Heaviside(self, expr):
        return f"H({self._print(expr.args[0])})"


class TexPrinter(LatexPrinter):
    """LaTeX with the machine-learning functions named as in the course."""

    def _print_Function(self, expr, exp=None):
        name = _LATEX_NAMES.get(type(expr).__name__)
        if name is None:
            return super()._print_Function(expr, exp)
        body = f"{name}\\left({self._print(expr.args[0])}\\right)"
        return f"{body}^{{{exp}}}" if exp else body


def to_text(expr: sympy.Basic) -> str:
    """Plain text in calcml's input syntax.

    >>> x = sympy.Symbol("x")
    >>> to_text(x**2 + 2*x + 2)
    'x^2 + 2*x + 2'
    """
    return TextPrinter().doprint(expr)


def to_latex(expr: sympy.Basic) -> str:
    r"""LaTeX, without surrounding dollars.

    >>> to_latex(sympy.Symbol("x")**2)
    'x^{2}'
    """
    return TexPrinter().doprint(expr)


def to_mathml(expr: sympy.Basic) -> str:
    """Presentation MathML wrapped in a ``<math>`` element, ready for HTML."""
    body = MathMLPresentationPrinter().doprint(expr)
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML">{body}</math>'
