"""The two plain-text printers: ASCII (calcml's input syntax) and Unicode mathematics.

:class:`AsciiPrinter` writes what a learner would type (``x^2 + 2*x``, ``sqrt(x)``,
``exp(-x)``, ``oo``); :class:`UnicodePrinter` writes what a textbook shows (``x² + 2x``,
``√x``, ``e⁻ˣ``, ``∞``). :func:`calcml.parse` reads both back, so text printed either
way is text a learner can type. :mod:`calcml.expr.printing` chooses between them.
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.conventions import requires_partial
from sympy.printing.precedence import PRECEDENCE, precedence
from sympy.printing.str import StrPrinter

from calcml.expr.lexing import ACCENTED, GREEK, SUPERSCRIPT_LETTERS

_CHUNK = 10**90  # parse reads integer literals of up to 100 digits
_ASCII_NAMES = {accented: plain for plain, accented in ACCENTED.items()}
_GREEK_LETTERS = {name: letter for letter, name in GREEK.items() if name != "pi"}
_SUPERSCRIPT = str.maketrans({**{v: k for k, v in SUPERSCRIPT_LETTERS.items()},
                              **dict(zip("0123456789-+()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾", strict=True))})
_RAISABLE = frozenset("0123456789-+()" + "".join(SUPERSCRIPT_LETTERS.values()))
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUBSCRIPT_INDEX = str.maketrans("0123456789ijkmnt", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₘₙₜ")
_MAX_SUPERSCRIPT = 3  # e^(x + 1) reads better than eˣ⁺¹
# A number written right before a name, a bracket or a root needs no sign: 2x, 2(x + 1).
_JUXTAPOSE = re.compile(r"(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹])(\d+)·(?=[^\d·])")
_RELATIONS = {"<=": "≤", ">=": "≥", "!=": "≠"}


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


def _letter(factor: sympy.Basic) -> bool:
    """A symbol of one letter (x, θ, ŷ) or π, or a whole-number power of one: written
    beside another such factor without a sign (xy, x²y, 2πr) it still reads as a
    product."""
    base = factor.base if factor.is_Pow and factor.exp.is_Integer else factor
    if base is sympy.pi:
        return True
    return base.is_Symbol and (len(base.name) == 1 or base.name in _GREEK_LETTERS)


def _juxtaposed(before: sympy.Basic, after: sympy.Basic, text: str) -> bool:
    """Whether ``after`` (printed ``text``) may follow ``before`` with no sign between:
    2x, 2(x + 1), 2sin(x), xy, x²y, 2πr, y√x, x²eˣ, x(x + 1); but 2·3ˣ, x·sin(x), θ·(x + 1)
    (the parser reads a bracket after a one-letter name only as a product)."""
    if before.is_Number:
        return not text[0].isdigit()
    if not _letter(before):
        return False
    base = before.base if before.is_Pow else before
    one_letter = base.is_Symbol and re.fullmatch("[A-Za-z]", base.name) is not None
    return (_letter(after) or (isinstance(after, sympy.exp) and "^" not in text)
            or text.startswith("√")
            or (one_letter and text.startswith("(")))


def _factor_order(factor: sympy.Basic) -> tuple:
    """Textbook order of factors: π, then letters, then roots, functions and the rest."""
    rank = 0 if factor is sympy.pi else 1 if _letter(factor) else 2
    return rank, sympy.default_sort_key(factor)


class AsciiPrinter(StrPrinter):
    """calcml's input syntax: ``^`` for powers, ``e``, ``oo``, ``abs``, ``heaviside``; what
    the syntax has no form for is written as in the course: ``d/dx (x^2)``,
    ``∂^2/(∂y ∂x) (x^2*y)`` (∂ is the one character that is not ASCII), ``lim``, ``int``."""

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
        # ∂ where LaTeX writes it too (the expression has other symbols); ASCII text keeps
        # it, as "d" would read as an ordinary derivative.
        d = "∂" if requires_partial(expr) else "d"
        count = sum(n for _, n in expr.variable_count)
        # The standard order: d²f/dy dx differentiates by x first, so the last variable
        # is written first.
        below = [f"{d}{self._print(v)}{self._power(n)}" for v, n in reversed(expr.variable_count)]
        joined = below[0] if len(below) == 1 else self._denominator(d, below)
        return f"{d}{self._power(count)}/{joined} ({self._print(expr.expr)})"

    def _denominator(self, d, parts):
        return "(" + " ".join(parts) + ")"

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
                bounds = f"_{self._operand(limit[1])}^{self._operand(limit[2])}"
            text = f"{self._integral_sign()}{bounds} {text} d{self._print(limit[0])}"
        return text

    def _integral_sign(self):
        return "int"

    def _print_Sum(self, expr):
        text = self._operand(expr.function)
        for limit in expr.limits:
            index, low, high = limit
            bounds = f"_({self._print(index)}={self._print(low)})^{self._operand(high)}"
            text = f"{self._sum_sign()}{bounds} {text}"
        return text

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


class UnicodePrinter(AsciiPrinter):
    """Textbook mathematics in Unicode: ``x²``, ``2x``, ``√x``, ``eˣ``, ``ln``, ``log₂``,
    ``arctan``, ``|x|``, ``∞``, ``ŷ``, ``θ``, ``∂²/∂y∂x``; the minus sign is set by
    :func:`calcml.expr.printing.to_text` at the end.

    >>> x = sympy.Symbol("x")
    >>> UnicodePrinter().doprint(2*x**2 * sympy.sin(x) + sympy.log(x, 2))
    '2x²·sin(x) + log₂(x)'
    """

    ascii = False

    def _print_Pow(self, expr, rational=False):
        base, exponent = expr.base, expr.exp
        if exponent is sympy.S.Half:
            return f"√{self._root_operand(base)}"
        if expr.is_commutative and -exponent is sympy.S.Half:
            return f"1/√{self._root_operand(base)}"
        if expr.is_commutative and exponent is sympy.S.NegativeOne:
            return f"1/{self.parenthesize(base, precedence(expr), strict=False)}"
        shown = self.parenthesize(base, precedence(expr), strict=False)
        return shown + self._exponent(exponent, precedence(expr))

    def _exponent(self, exponent, prec):
        text = self._print(exponent)
        if len(text) <= _MAX_SUPERSCRIPT and all(c in _RAISABLE for c in text):
            return text.translate(_SUPERSCRIPT)
        return "^" + self.parenthesize(exponent, prec, strict=False)

    def _root_operand(self, base):
        text = self._print(base)
        return text if base.is_Symbol or (base.is_Integer and base > 0) else f"({text})"

    def _print_exp(self, expr):
        return "e" + self._exponent(expr.args[0], PRECEDENCE["Pow"])

    def _print_Mul(self, expr):
        coeff, rest = expr.as_coeff_Mul()
        if coeff.is_Integer and coeff < 0 and (-expr).is_Mul:
            return "-" + self._print_Mul(-expr)
        factors = sympy.Mul.make_args(rest)
        plain = coeff.is_Integer and coeff > 0 and _log_base(expr) is None and not any(
            f.is_Pow and f.exp.is_negative for f in factors) and expr.is_commutative
        if not plain:
            return _JUXTAPOSE.sub(r"\1", super()._print_Mul(expr).replace("*", "·"))
        parts = [] if coeff == 1 else [coeff]
        parts += sorted(factors, key=_factor_order)
        texts = [self.parenthesize(f, PRECEDENCE["Mul"], strict=False) for f in parts]
        out = texts[0]
        for before, after, text in zip(parts, parts[1:], texts[1:], strict=False):
            # "xy(" would read as a call of a function xy: a bracket after two letters
            # takes the sign.
            merged = text.startswith("(") and re.search("[A-Za-z]{2}$", out)
            out += ("" if _juxtaposed(before, after, text) and not merged else "·") + text
        return out

    def _log_text(self, argument, base):
        return f"log{self._print(base).translate(_SUBSCRIPT)}({self._print(argument)})"

    def _print_log(self, expr):
        return f"ln({self._print(expr.args[0])})"

    def _print_Function(self, expr):
        name = type(expr).__name__
        if name in ("asin", "acos", "atan", "asec", "acsc", "acot"):
            return f"arc{name[1:]}({self.stringify(expr.args, ', ')})"
        return super()._print_Function(expr)

    def _print_Symbol(self, expr):
        return _GREEK_LETTERS.get(expr.name, expr.name)

    def _print_Abs(self, expr):
        return f"|{self._print(expr.args[0])}|"

    def _print_Infinity(self, expr):
        return "∞"

    def _print_NegativeInfinity(self, expr):
        return "-∞"

    def _print_Integer(self, expr):
        return super()._print_Integer(expr).replace("*", "·")

    def _print_Rational(self, expr):
        return super()._print_Rational(expr).replace("*", "·")

    def _print_Pi(self, expr):
        return "π"

    def _power(self, n):
        return "" if n == 1 else str(n).translate(_SUPERSCRIPT)

    def _denominator(self, d, parts):
        return "".join(parts)

    def _print_Limit(self, expr):
        body, var, point, side = expr.args
        side = "" if str(side) == "+-" or point.is_infinite else str(side).translate(
            _SUPERSCRIPT)
        return f"lim({self._print(var)} → {self._print(point)}{side}) {self._operand(body)}"

    def _integral_sign(self):
        return "∫"

    def _sum_sign(self):
        return "Σ"

    def _print(self, expr, **kwargs):
        if isinstance(expr, sympy.Indexed):  # its own _sympystr would win otherwise
            return self._print_Indexed(expr)
        return super()._print(expr, **kwargs)

    def _print_Indexed(self, expr):
        index = "".join(self._print(i) for i in expr.indices)
        lowered = index.translate(_SUBSCRIPT_INDEX)
        if lowered == index:
            return super()._print_Indexed(expr)
        return self._print(expr.base) + lowered

    def _print_Relational(self, expr):
        text = super()._print_Relational(expr)
        sign = _RELATIONS.get(expr.rel_op)
        return text if sign is None else text.replace(f" {expr.rel_op} ", f" {sign} ", 1)

    def _bracket(self, k, n):
        if n == 1:
            return "[", "]"
        if k == 0:
            return "⎡", "⎤"
        return ("⎣", "⎦") if k == n - 1 else ("⎢", "⎥")


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
