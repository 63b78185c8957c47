r"""Printing of expressions as a learner reads them: Unicode or ASCII text, LaTeX, MathML.

Text comes in two styles: Unicode mathematics (``x² + 2x``, ``√x``, ``e⁻ˣ``, ``ln(x)``,
``log₂(x)``, ``∞``, ``(4, −6)``, a matrix on several aligned lines) and ASCII, which is
calcml's input syntax (``x^2 + 2*x``, ``sqrt(x)``, ``exp(-x)``, ``oo``) for terminals
that need it. :func:`calcml.parse` reads both back. The default style is
:data:`DEFAULT_ASCII` (Unicode); a renderer chooses for a whole solution with
:func:`ascii_text`, and :func:`calcml.expr.asciify.plain_ascii` spells the words around
the mathematics in ASCII too. All formats agree on the course's notation: ``e`` for
Euler's number, ``ln`` for the natural logarithm, ``|x|`` for the absolute value, ŷ for
the prediction ``yhat`` (``\hat{y}``), a difference of two names in the order a learner
writes it (ŷ − y); LaTeX and MathML write σ for the sigmoid and H for the Heaviside step.

The API a renderer uses:

- ``to_text(expr, *, ascii=None) -> str``: ``ascii=None`` follows the current setting;
  a matrix comes back on several lines (see :func:`hang`).
- ``ascii_text(on: bool = True)``: a context manager that sets the text style for
  everything printed inside it (a whole solution): ``with ascii_text(False): ...``
  prints Unicode, ``with ascii_text(): ...`` ASCII; ``ascii_mode() -> bool`` reads the
  current setting.
- ``hang(prefix: str, text: str) -> str``: ``prefix`` before a block of lines, the
  following lines indented under the first (``H = ⎡...`` over ``    ⎣...``).
- ``dot_notation(name: str, order: int, fmt: str = "text") -> str``: Newton's notation
  for a derivative with respect to time (``ẏ``, ``ÿ``; LaTeX ``\dot{y}``; ASCII
  ``y'`` primes), for a ``notation="newton"`` renderer.
- ``to_latex(expr) -> str`` and ``to_mathml(expr) -> str``.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import unicodedata
from collections.abc import Iterator

import sympy
from sympy.printing.conventions import requires_partial
from sympy.printing.latex import LatexPrinter
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.precedence import PRECEDENCE, precedence_traditional

from calcml.expr.lexing import ACCENTED
from calcml.expr.text import AsciiPrinter, LearnerOrder, _heaviside_at_zero, _log_base
from calcml.expr.unicode_text import UnicodePrinter

_LATEX_NAMES = {"sigmoid": r"\sigma", "relu": r"\operatorname{relu}",
                "softplus": r"\operatorname{softplus}"}
_MATHML_NAMES = {"sigmoid": "σ"}
_LATEX_SYMBOLS = {"ŷ": r"\hat{y}", "yhat": r"\hat{y}"}
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
DEFAULT_ASCII = False
_ASCII = contextvars.ContextVar("calcml_ascii_text", default=DEFAULT_ASCII)
_DOTS = {1: "\u0307", 2: "\u0308", 3: "\u20db", 4: "\u20dc"}
_LATEX_DOTS = {1: r"\dot", 2: r"\ddot", 3: r"\dddot", 4: r"\ddddot"}


def _as_typed(product: sympy.Mul) -> bool:
    """True for a product only typed text keeps (SymPy's own has one number and each base
    once): x·x, x²·x³, 2·x·3 are printed as typed, factor by factor, with a dot between."""
    if any(f.is_Pow and f.exp.is_negative for f in product.args):
        return False
    bases = [f.as_base_exp()[0] for f in product.args if not f.is_Number]
    return len(set(bases)) < len(bases) or sum(f.is_Number for f in product.args) > 1


class TexPrinter(LearnerOrder, LatexPrinter):
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

    def _print_Mul(self, expr):
        if _as_typed(expr):
            return r" \cdot ".join(self.parenthesize(f, PRECEDENCE["Mul"]) for f in expr.args)
        found = _log_base(expr)
        if found is None:
            return super()._print_Mul(expr)
        argument, base, rest = found
        text = rf"\log_{{{self._print(base)}}}{{\left({self._print(argument)} \right)}}"
        if rest == 1:
            return text
        if rest == -1:
            return f"- {text}"
        return f"{self.parenthesize(rest, PRECEDENCE['Mul'])} {text}"

    def _print_Derivative(self, expr):
        r"""d/dx with a product bracketed after it, \frac{d}{d x} \left(\sqrt{x} e^{x}\right),
        as a sum already is: the operator applies to the whole product."""
        text = super()._print_Derivative(expr)
        inner = self._print(expr.expr)
        if expr.expr.is_Mul and text.endswith(" " + inner):
            return f"{text[:-len(inner)]}\\left({inner}\\right)"
        return text

    def _print_Symbol(self, expr, style="plain"):
        if expr.name in _LATEX_SYMBOLS:
            return _LATEX_SYMBOLS[expr.name]
        return super()._print_Symbol(expr, style)


class MathMLPrinter(LearnerOrder, MathMLPresentationPrinter):
    """Presentation MathML with σ for the sigmoid, e for Euler's number, H for the step."""

    def __init__(self) -> None:
        super().__init__({"ln_notation": True})

    def _print_Function(self, e):
        mrow = super()._print_Function(e)
        name = _MATHML_NAMES.get(type(e).__name__)
        if name is not None:
            mrow.firstChild.firstChild.data = name
        return mrow

    def _print_Symbol(self, sym, style="plain"):
        return super()._print_Symbol(sympy.Symbol(ACCENTED.get(sym.name, sym.name)), style)

    def _print_Mul(self, expr, *args, **kwargs):
        if not _as_typed(expr):
            return super()._print_Mul(expr, *args, **kwargs)
        mrow = self.dom.createElement("mrow")
        for i, factor in enumerate(expr.args):
            if i:
                dot = self.dom.createElement("mo")
                dot.appendChild(self.dom.createTextNode("\u22c5"))
                mrow.appendChild(dot)
            mrow.appendChild(self.parenthesize(factor, PRECEDENCE["Mul"]))
        return mrow

    def _print_Exp1(self, e):
        mi = self.dom.createElement("mi")
        mi.appendChild(self.dom.createTextNode("e"))
        return mi

    def _print_Derivative(self, e):
        """∂²/∂y∂x (f) as a textbook writes it: the powers on the variables below the bar
        (∂x², not ∂²x), and a sum or a product bracketed after the operator."""
        d = "∂" if requires_partial(e.expr) else "d"
        top = self.dom.createElement("mrow")
        top.appendChild(self._raised(self._mo(d), sum(n for _, n in e.variable_count)))
        bottom = self.dom.createElement("mrow")
        for var, n in reversed(e.variable_count):
            bottom.appendChild(self._mo(d))
            bottom.appendChild(self._raised(self._print(var), n))
        frac = self.dom.createElement("mfrac")
        frac.appendChild(top)
        frac.appendChild(bottom)
        row = self.dom.createElement("mrow")
        row.appendChild(frac)
        operand = self._print(e.expr)
        if precedence_traditional(e.expr) <= PRECEDENCE["Mul"]:
            bracketed = self.dom.createElement("mrow")
            for node in (self._mo("("), operand, self._mo(")")):
                bracketed.appendChild(node)
            operand = bracketed
        row.appendChild(operand)
        return row

    def _mo(self, text: str):
        node = self.dom.createElement("mo")
        node.appendChild(self.dom.createTextNode(text))
        return node

    def _raised(self, node, n: int):
        """``node`` to the power ``n`` (itself when ``n`` is 1)."""
        if n == 1:
            return node
        sup = self.dom.createElement("msup")
        sup.appendChild(node)
        sup.appendChild(self._print(sympy.Integer(n)))
        return sup

    def _print_Limit(self, e):
        """lim under x → a, with the side as a raised + or − on a for a one-sided limit
        (x → 0⁺, as LaTeX writes it too)."""
        mrow = super()._print_Limit(e)
        _, _, point, side = e.args
        if str(side) == "+-" or point.is_infinite:
            return mrow
        under = mrow.firstChild.childNodes[1]
        raised = self.dom.createElement("msup")
        raised.appendChild(under.lastChild)
        sign = self.dom.createElement("mo")
        sign.appendChild(self.dom.createTextNode("+" if str(side) == "+" else "\u2212"))
        raised.appendChild(sign)
        under.appendChild(raised)
        return mrow

    def _print_Heaviside(self, e):
        mi = self.dom.createElement("mi")
        mi.appendChild(self.dom.createTextNode("H"))
        value = _heaviside_at_zero(e)
        args = (e.args[0],) if value is None else (e.args[0], value)
        mrow = self.dom.createElement("mrow")
        mrow.appendChild(mi)
        mrow.appendChild(self._paren_comma_separated(*args))
        return mrow


def to_text(expr: sympy.Basic, *, ascii: bool | None = None) -> str:
    """Text: Unicode mathematics, or with ``ascii=True`` calcml's input syntax.

    ``ascii=None`` follows :func:`ascii_text` (:data:`DEFAULT_ASCII` outside it). Unicode
    text uses the true minus sign (−), which :func:`calcml.parse` reads.

    >>> x = sympy.Symbol("x")
    >>> to_text(x**2 - 2*x + sympy.sqrt(x) + sympy.exp(-x), ascii=False)
    '√x + x² − 2x + e⁻ˣ'
    >>> to_text(x**2 - 2*x + sympy.sqrt(x) + sympy.exp(-x), ascii=True)
    'sqrt(x) + x^2 - 2*x + exp(-x)'
    >>> to_text(sympy.Matrix([4, -6]), ascii=False)
    '(4, −6)'
    """
    if ascii if ascii is not None else _ASCII.get():
        return AsciiPrinter().doprint(expr)
    return UnicodePrinter().doprint(expr).replace("-", "−")


@contextlib.contextmanager
def ascii_text(on: bool = True) -> Iterator[None]:
    """Print text as ASCII (``on=True``) or Unicode inside the ``with`` block.

    >>> with ascii_text(False):
    ...     to_text(sympy.oo)
    '∞'
    """
    token = _ASCII.set(on)
    try:
        yield
    finally:
        _ASCII.reset(token)


def ascii_mode() -> bool:
    """Whether text is printed as ASCII here (:data:`DEFAULT_ASCII` outside
    :func:`ascii_text`).

    >>> with ascii_text(False):
    ...     ascii_mode()
    False
    """
    return _ASCII.get()


def hang(prefix: str, text: str) -> str:
    """``prefix`` before the first line of ``text``, the other lines indented under it.

    >>> print(hang("H = ", to_text(sympy.Matrix([[2, 0], [0, -2]]), ascii=False)))
    H = ⎡2   0⎤
        ⎣0  −2⎦
    """
    pad = " " * len(prefix)
    return "\n".join((prefix if k == 0 else pad) + line
                     for k, line in enumerate(text.split("\n")))


def dot_notation(name: str, order: int, fmt: str = "text") -> str:
    r"""Newton's notation for the ``order``-th derivative of ``name`` with respect to time:
    a dot over the name per derivative (``fmt`` "text", "latex", or "ascii" with primes).

    >>> with ascii_text(False):
    ...     dot_notation("y", 1), dot_notation("y", 2), dot_notation("y", 2, "latex")
    ('ẏ', 'ÿ', '\\ddot{y}')
    >>> dot_notation("y", 2, "ascii")
    "y''"
    """
    if order not in _DOTS:
        raise ValueError(f"Newton's dots go up to the 4th derivative, not the {order}th")
    if fmt == "latex":
        return f"{_LATEX_DOTS[order]}{{{name}}}"
    if fmt == "ascii" or (fmt == "text" and _ASCII.get()):
        return name + "'" * order
    return unicodedata.normalize("NFC", name + _DOTS[order])


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
    import html.entities  # here: only MathML needs it, and a plain command starts faster

    name = match.group(1)
    if name in _XML_ENTITIES:
        return match.group(0)
    return html.entities.html5.get(name + ";", match.group(0))
