"""Printing of expressions as a learner reads them: plain text, LaTeX, MathML.

The plain text form is calcml's input syntax, so ``parse(to_text(e)) == e`` for every
expression :func:`calcml.parse` can produce. All three agree on the course's notation:
``e`` for Euler's number, ``ln`` for the natural logarithm, ``σ`` for the sigmoid,
``H`` for the Heaviside step, ``|x|`` for the absolute value.
"""

from __future__ import annotations

import html.entities
import re

import sympy
from sympy.printing.conventions import requires_partial
from sympy.printing.latex import LatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.str import StrPrinter

_LATEX_NAMES = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}",
                "softplus": r"\operatorname{softplus}"}
_MATHML_NAMES = {"sigmoid": "σ"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_CHUNK = 10**90  # parse reads integer literals of up to 100 digits


def _heaviside_at_zero(expr: sympy.Heaviside) -> sympy.Basic | None:
    """The value given at 0 when it is not calcml's convention (0), else None."""
    value = expr.args[1] if len(expr.args) > 1 else sympy.S.Half
    return None if value == 0 else value


class TextPrinter(StrPrinter):
    """calcml's input syntax: ``^`` for powers, ``e``, ``oo``, ``abs``, ``heaviside``."""

    def _print_Pow(self, expr, rational=False):
        # Every "**" in the text comes from a power (the base and exponent are already
        # printed with "^"), so replacing them is exact.
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Integer(self, expr):
        return _integer_text(int(expr))

    def _print_Rational(self, expr):
        return f"{_integer_text(expr.p)}/{_integer_text(expr.q)}"

    def _print_Mul(self, expr):
        # "1/(2*(x + y))" would read back as 1/(2*x + 2*y), since SymPy spreads a number
        # over a sum; the number's denominator is written apart instead: "1/(x + y)/2".
        coeff, rest = expr.as_coeff_Mul()
        below = [f for f in sympy.Mul.make_args(rest)
                 if f.is_Pow and f.exp.as_coeff_Mul()[0] < 0]
        if (coeff.is_Rational and coeff.q != 1 and len(below) == 1
                and below[0].exp == -1 and below[0].base.is_Add):
            return f"{self._print(sympy.Mul(coeff.p, rest))}/{coeff.q}"
        return super()._print_Mul(expr)

    def _print_Exp1(self, expr):
        return "e"

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Infinity(self, expr):
        return "oo"

    def _print_NegativeInfinity(self, expr):
        return "-oo"

    def _print_Derivative(self, expr):
        # ∂ where LaTeX writes it too (SymPy's rule: the expression has other symbols)
        d = "∂" if requires_partial(expr) else "d"
        count = sum(n for _, n in expr.variable_count)
        order = "" if count == 1 else f"^{count}"
        below = " ".join(f"{d}{self._print(v)}" + ("" if n == 1 else f"^{n}")
                         for v, n in expr.variable_count)
        below = below if len(expr.variable_count) == 1 else f"({below})"
        return f"{d}{order}/{below} ({self._print(expr.expr)})"

    def _print_Heaviside(self, expr):
        value = _heaviside_at_zero(expr)
        extra = "" if value is None else f", {self._print(value)}"
        return f"heaviside({self._print(expr.args[0])}{extra})"

    def _print_Limit(self, expr):
        body, var, point, side = expr.args
        side = "" if str(side) == "+-" or point.is_infinite else str(side)
        return f"lim({self._print(var)} -> {self._print(point)}{side}) {self._operand(body)}"

    def _print_Integral(self, expr):
        text = self._operand(expr.function)
        for limit in expr.limits:
            bounds = ""
            if len(limit) == 3:
                bounds = f"_{self._operand(limit[1])}^{self._operand(limit[2])}"
            text = f"int{bounds} {text} d{self._print(limit[0])}"
        return text

    def _operand(self, expr):
        """``expr``, bracketed unless it is a single name, number or call."""
        text = self._print(expr)
        simple = expr.is_Atom or expr.is_Function
        return text if simple and not text.startswith("-") else f"({text})"


def _integer_text(n: int) -> str:
    """``n`` as a literal; beyond 90 digits (parse reads up to 100) as ``(m*10^k)`` or a
    bracketed sum of 90-digit chunks times powers of ten, which parse reads back."""
    if abs(n) < _CHUNK:
        return str(n)
    rest, power = abs(n), 0
    while rest % 10**90 == 0:
        rest, power = rest // 10**90, power + 90
    while rest % 10 == 0:
        rest, power = rest // 10, power + 1
    terms = []
    while rest:
        rest, chunk = divmod(rest, _CHUNK)
        if chunk:
            terms.append(_chunk_text(chunk, power))
        power += 90
    text = "(" + " + ".join(reversed(terms)) + ")"
    return "-" + text if n < 0 else text


def _chunk_text(chunk: int, power: int) -> str:
    if power == 0:
        return str(chunk)
    return f"10^{power}" if chunk == 1 else f"{chunk}*10^{power}"


class TexPrinter(LatexPrinter):
    """LaTeX with the machine-learning functions named as in the course."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True})

    def _print_Function(self, expr, exp=None):
        name = _LATEX_NAMES.get(type(expr).__name__)
        if name is None:
            return super()._print_Function(expr, exp)
        body = f"{name}\\left({self._print(expr.args[0])}\\right)"
        return f"{body}^{{{exp}}}" if exp else body

    def _print_Heaviside(self, expr, exp=None):
        value = _heaviside_at_zero(expr)
        extra = "" if value is None else f", {self._print(value)}"
        body = f"H\\left({self._print(expr.args[0])}{extra}\\right)"
        return f"{body}^{{{exp}}}" if exp else body


class MathMLPrinter(MathMLPresentationPrinter):
    """Presentation MathML with σ for the sigmoid, e for Euler's number, H for the step."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True})

    def _print_Function(self, e):
        mrow = super()._print_Function(e)
        name = _MATHML_NAMES.get(type(e).__name__)
        if name is not None:
            mrow.firstChild.firstChild.data = name
        return mrow

    def _print_Exp1(self, e):
        mi = self.dom.createElement("mi")
        mi.appendChild(self.dom.createTextNode("e"))
        return mi

    def _print_Heaviside(self, e):
        mi = self.dom.createElement("mi")
        mi.appendChild(self.dom.createTextNode("H"))
        value = _heaviside_at_zero(e)
        args = (e.args[0],) if value is None else (e.args[0], value)
        mrow = self.dom.createElement("mrow")
        mrow.appendChild(mi)
        mrow.appendChild(self._paren_comma_separated(*args))
        return mrow


def to_text(expr: sympy.Basic) -> str:
    """Plain text in calcml's input syntax.

    >>> x = sympy.Symbol("x")
    >>> to_text(x**2 + 2*x + 2)
    'x^2 + 2*x + 2'
    >>> to_text(sympy.E**x + abs(x))
    'exp(x) + abs(x)'
    """
    return TextPrinter().doprint(expr)


def to_latex(expr: sympy.Basic) -> str:
    r"""LaTeX, without surrounding dollars.

    >>> to_latex(sympy.Symbol("x")**2)
    'x^{2}'
    >>> to_latex(sympy.log(sympy.Symbol("x")))
    '\\ln{\\left(x \\right)}'
    """
    return TexPrinter().doprint(expr)


def to_mathml(expr: sympy.Basic) -> str:
    """Presentation MathML wrapped in a ``<math>`` element, ready for HTML or XML.

    Named character entities become the characters themselves, so the result is
    well-formed XML as well as HTML.

    >>> to_mathml(sympy.E)
    '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>e</mi></math>'
    """
    body = MathMLPrinter().doprint(expr).replace("&dd;", "d")
    body = _ENTITY.sub(_character, body)
    return f'<math xmlns="http://www.w3.org/1998/Math/MathML">{body}</math>'


def _character(match: re.Match) -> str:
    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    return html.entities.html5.get(name + ";", match.group(0))
