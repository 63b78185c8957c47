"""The ASCII text printer (calcml's input syntax) and what the text printers share.

:class:`AsciiPrinter` writes what a learner would type (``x^2 + 2*x``, ``sqrt(x)``,
``exp(-x)``, ``oo``); :class:`calcml.expr.unicode_text.UnicodePrinter`, built on it,
writes what a textbook shows (``x² + 2x``, ``√x``, ``e⁻ˣ``, ``∞``). :func:`calcml.parse`
reads both back, so text printed either way is text a learner can type; both write a sum
in :func:`learner_order`. :mod:`calcml.expr.printing` chooses between them.
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.conventions import requires_partial
from sympy.printing.precedence import PRECEDENCE
from sympy.printing.str import StrPrinter

from calcml.expr.lexing import ACCENTED

_CHUNK = 10**90  # parse reads integer literals of up to 100 digits
_ASCII_NAMES = {accented: plain for plain, accented in ACCENTED.items()}
_OPERATORS = (sympy.Integral, sympy.Derivative, sympy.Limit, sympy.Sum)


def _heaviside_at_zero(expr: sympy.Heaviside) -> sympy.Basic | None:
    """The value given at 0 when it is not calcml's convention (0), else None."""
    value = expr.args[1] if len(expr.args) > 1 else sympy.S.Half
    return None if value == 0 else value


def _log_base(expr: sympy.Mul) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr] | None:
    """``(argument, base, rest)`` when ``expr`` is ``rest * ln(argument) / ln(base)`` with
    a whole-number base (how SymPy keeps ``log(x, 2)``), else None."""
    logs = [f for f in expr.args if isinstance(f, sympy.log)]
    below = [f for f in expr.args if f.is_Pow and f.exp == -1 and isinstance(f.base, sympy.log)
             and f.base.args[0].is_Integer and f.base.args[0] > 1]
    if len(logs) != 1 or len(below) != 1:
        return None
    rest = expr / (logs[0] / below[0].base)
    return logs[0].args[0], below[0].base.args[0], rest


def learner_order(terms: list[sympy.Basic]) -> list[sympy.Basic]:
    """Terms of a sum in the order a learner writes them: when every term is a number
    times one name (ŷ − y, not −y + ŷ), the added terms before the subtracted ones;
    otherwise as given.

    >>> y, yhat = sympy.symbols("y yhat")
    >>> learner_order([-y, yhat])
    [yhat, -y]
    """
    if not all(_linear_term(t) for t in terms) or not terms[0].could_extract_minus_sign():
        return terms
    minus = [t.could_extract_minus_sign() for t in terms]
    return ([t for t, m in zip(terms, minus, strict=True) if not m]
            + [t for t, m in zip(terms, minus, strict=True) if m])


def _linear_term(term: sympy.Basic) -> bool:
    name = term.as_coeff_Mul()[1]
    return isinstance(name, sympy.Symbol | sympy.Indexed)


class LearnerOrder:
    """A printer mixin: sums in :func:`learner_order`."""

    def _as_ordered_terms(self, expr, order=None):
        terms = super()._as_ordered_terms(expr, order=order)
        return learner_order(list(terms)) if expr.is_Add else terms


class AsciiPrinter(LearnerOrder, StrPrinter):
    """calcml's input syntax: ``^`` for powers, ``e``, ``oo``, ``abs``, ``heaviside``; what
    the syntax has no form for is written as in the course: ``d/dx (x^2)``,
    ``partial^2/(partial y partial x) (x^2*y)``, ``lim``, ``int``, ``sum``: every character
    is ASCII."""

    ascii = True

    def _print_Pow(self, expr, rational=False):
        # Every "**" in the text comes from a power (the base and exponent are already
        # printed with "^"), so replacing them is exact.
        return super()._print_Pow(expr, rational).replace("**", "^")

    def _print_Integer(self, expr):
        return _integer_text(int(expr))

    def _print_Rational(self, expr):
        return f"{_integer_text(expr.p)}/{_integer_text(expr.q)}"

    def _print_Mul(self, expr):
        found = _log_base(expr)
        if found is not None:
            return self._log_with_base(expr, *found)
        scaled = self._scaled_operator(expr)
        if scaled is not None:
            return scaled
        # "1/(2*(x + y))" would read back as 1/(2*x + 2*y), since SymPy spreads a number
        # over a sum; the number's denominator is written apart instead: "1/(x + y)/2".
        coeff, rest = expr.as_coeff_Mul()
        below = [f for f in sympy.Mul.make_args(rest)
                 if f.is_Pow and f.exp.as_coeff_Mul()[0] < 0]
        if (coeff.is_Rational and coeff.q != 1 and len(below) == 1
                and below[0].exp == -1 and below[0].base.is_Add):
            return f"{self._print(sympy.Mul(coeff.p, rest))}/{coeff.q}"
        return self._single_brackets(expr, super()._print_Mul(expr))

    def _single_brackets(self, expr, text):
        """StrPrinter brackets a product kept unevaluated below a fraction bar twice,
        x/((x*(x + 1))); once is enough."""
        for factor in sympy.Mul.make_args(expr):
            if factor.is_Pow and factor.exp == -1 and factor.base.is_Mul:
                inner = self._print(factor.base)
                text = text.replace(f"(({inner}))", f"({inner})")
        return text

    def _scaled_operator(self, expr):
        """A fraction times an integral, sum, derivative or limit, the fraction in front
        and bracketed ("(1/2)*int x dx", "(2/n)Σ ..."); None for any other product."""
        operators = [f for f in expr.args if isinstance(f, _OPERATORS)]
        if len(operators) != 1 or not expr.is_commutative:
            return None
        scale = expr / operators[0]
        sign = "-" if scale.could_extract_minus_sign() else ""
        scale = -scale if sign else scale
        if scale.as_numer_denom()[1] == 1:
            return None
        return f"{sign}({self._print(scale)}){self._join(operators[0])}{self._print(operators[0])}"

    def _join(self, operator):
        return "*"

    def _log_with_base(self, expr, argument, base, rest):
        text = self._log_text(argument, base)
        if rest == 1:
            return text
        if rest == -1:
            return f"-{text}"
        return f"{self.parenthesize(rest, PRECEDENCE['Mul'])}*{text}"

    def _log_text(self, argument, base):
        return f"log({self._print(argument)}, {self._print(base)})"

    def _print_Exp1(self, expr):
        return "e"

    def _print_Symbol(self, expr):
        return _ASCII_NAMES.get(expr.name, expr.name)

    def _print_Abs(self, expr):
        return f"abs({self._print(expr.args[0])})"

    def _print_Infinity(self, expr):
        return "oo"

    def _print_NegativeInfinity(self, expr):
        return "-oo"

    def _print_Derivative(self, expr):
        # ∂ where LaTeX writes it too (the expression has other symbols); ASCII text writes
        # the word, as "d" would read as an ordinary derivative.
        d = self._partial() if requires_partial(expr) else "d"
        count = sum(n for _, n in expr.variable_count)
        # The standard order: d²f/dy dx differentiates by x first, so the last variable
        # is written first.
        gap = " " if len(d) > 1 else ""
        below = [f"{d}{gap}{self._print(v)}{self._power(n)}"
                 for v, n in reversed(expr.variable_count)]
        joined = self._denominator(below)
        return f"{d}{self._power(count)}/{joined} ({self._print(expr.expr)})"

    def _partial(self):
        return "partial"

    def _denominator(self, parts):
        return parts[0] if len(parts) == 1 else "(" + " ".join(parts) + ")"

    def _power(self, n):
        return "" if n == 1 else f"^{n}"

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
                bounds = self._bounds(self._operand(limit[1]), self._operand(limit[2]))
            text = f"{self._integral_sign()}{bounds} {text} d{self._print(limit[0])}"
        return text

    def _integral_sign(self):
        return "int"

    def _print_Sum(self, expr):
        text = self._operand(expr.function)
        for limit in expr.limits:
            index, low, high = limit
            bounds = self._bounds(f"({self._print(index)}={self._print(low)})",
                                  self._operand(high))
            text = f"{self._sum_sign()}{bounds} {text}"
        return text

    def _bounds(self, low, high):
        """The bounds of an integral or a sum, ``low`` and ``high`` already printed."""
        return f"_{low}^{high}"

    def _sum_sign(self):
        return "sum"

    def _print_Piecewise(self, expr):
        cases = []
        for value, condition in expr.args:
            when = "otherwise" if condition == sympy.true else f"if {self._print(condition)}"
            cases.append(f"{self._print(value)} {when}")
        return "{" + "; ".join(cases) + "}"

    def _print_And(self, expr):
        return " and ".join(self.parenthesize(a, PRECEDENCE["And"]) for a in expr.args)

    def _print_Or(self, expr):
        return " or ".join(self.parenthesize(a, PRECEDENCE["Or"]) for a in expr.args)

    def _print_MatrixBase(self, expr):
        rows = [[self._print(entry) for entry in row] for row in expr.tolist()]
        if 1 in expr.shape:
            return "(" + ", ".join(text for row in rows for text in row) + ")"
        widths = [max(len(row[j]) for row in rows) for j in range(expr.cols)]
        lines = []
        for k, row in enumerate(rows):
            left, right = self._bracket(k, len(rows))
            cells = "  ".join(text.rjust(w) for text, w in zip(row, widths, strict=True))
            lines.append(f"{left}{cells}{right}")
        return "\n".join(lines)

    _print_ImmutableDenseMatrix = _print_MatrixBase
    _print_MutableDenseMatrix = _print_MatrixBase

    def _bracket(self, k, n):
        return "[", "]"

    def _operand(self, expr):
        """``expr``, bracketed unless it is a single name, number or call, or a power of
        one written without ``^`` (∫ x² dx)."""
        text = self._print(expr)
        tail = text[text.rfind(")") + 1:] if text.startswith("(") else text
        raised = expr.is_Pow and tail and not re.search("[-^/√ ]", tail) and (
            expr.base.is_Atom or isinstance(expr.base, sympy.Indexed) or text.startswith("("))
        simple = expr.is_Atom or expr.is_Function or raised or isinstance(expr, sympy.Indexed)
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
