"""The Unicode text printer: mathematics as a textbook shows it (``x² + 2x``, ``√x``,
``eˣ``, ``ln``, ``log₂``, ``∞``, ``ŷ``, ``∫₁²``, ``Σᵢ₌₁ⁿ``), built on the ASCII printer of
:mod:`calcml.expr.text`; :func:`calcml.parse` reads its text back.
"""

from __future__ import annotations

import re

import sympy
from sympy.printing.precedence import PRECEDENCE, precedence

from calcml.expr.lexing import ACCENTED, GREEK, SUPERSCRIPT_LETTERS
from calcml.expr.text import AsciiPrinter, _log_base

_GREEK_LETTERS = {name: letter for letter, name in GREEK.items() if name != "pi"}
_SUPERSCRIPT = str.maketrans({**{v: k for k, v in SUPERSCRIPT_LETTERS.items()},
                              **dict(zip("0123456789-+()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾", strict=True))})
_RAISABLE = frozenset("0123456789-+()" + "".join(SUPERSCRIPT_LETTERS.values()))
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUBSCRIPT_INDEX = str.maketrans("0123456789ijkmnt", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₘₙₜ")
_LOWERED = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ",
                    strict=True))
_LOWER = str.maketrans(_LOWERED)
_MAX_SUPERSCRIPT = 3  # e^(x + 1) reads better than eˣ⁺¹
# A number written right before a name, a bracket or a root needs no sign: 2x, 2(x + 1).
_JUXTAPOSE = re.compile(r"(?<![\w.⁰¹²³⁴⁵⁶⁷⁸⁹])(\d+)·(?=[^\d·])")
_RELATIONS = {"<=": "≤", ">=": "≥", "!=": "≠"}


def _letter(factor: sympy.Basic) -> bool:
    """A symbol of one letter (x, θ, ŷ) or π, or a whole-number power of one: written
    beside another such factor without a sign (xy, x²y, 2πr) it still reads as a
    product."""
    base = factor.base if factor.is_Pow and factor.exp.is_Integer else factor
    if base is sympy.pi:
        return True
    if isinstance(base, sympy.Indexed):  # xᵢ, ŷᵢ
        base = base.base.label
    name = base.name.partition("_")[0] if base.is_Symbol else ""
    return base.is_Symbol and (len(name) == 1 or name in _GREEK_LETTERS or name in ACCENTED)


def _name(name: str) -> str:
    """A name as a textbook writes it: ŷ for yhat, θ for theta."""
    return ACCENTED.get(name) or _GREEK_LETTERS.get(name, name)


def _juxtaposed(before: sympy.Basic, after: sympy.Basic, text: str) -> bool:
    """Whether ``after`` (printed ``text``) may follow ``before`` with no sign between:
    2x, 2(x + 1), 2sin(x), xy, x²y, 2πr, y√x, x²eˣ, x(x + 1); but 2·3ˣ, x·sin(x), θ·(x + 1)
    (the parser reads a bracket after a one-letter name only as a product)."""
    if before.is_Number:
        return not text[0].isdigit()
    if before.is_Add and text.startswith("("):  # (x + 2)(x − 1)
        return True
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
        single = base.is_Symbol or base in (sympy.pi, sympy.E) or (base.is_Integer and base > 0)
        return text if single else f"({text})"  # √π, √x, √2, but √(2x)

    def _print_exp(self, expr):
        return "e" + self._exponent(expr.args[0], PRECEDENCE["Pow"])

    def _join(self, operator):
        return "" if isinstance(operator, sympy.Integral | sympy.Sum) else "·"

    def _print_Mul(self, expr):
        scaled = self._scaled_operator(expr)
        if scaled is not None:
            return scaled
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
        # Factors with one base (x·x, x²·x³: a product kept as typed) each take the sign.
        bases = [f.as_base_exp()[0] for f in parts if not f.is_Number]
        shared = len(set(bases)) < len(bases)
        out = texts[0]
        for before, after, text in zip(parts, parts[1:], texts[1:], strict=False):
            # "xy(" would read as a call of a function xy: a bracket after two letters
            # takes the sign.
            merged = text.startswith("(") and re.search("[A-Za-z]{2}$", out)
            joined = _juxtaposed(before, after, text) and not merged and not shared
            out += ("" if joined else "·") + text
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
        name, _, index = expr.name.partition("_")
        lowered = index.translate(_SUBSCRIPT_INDEX)
        if index and lowered != index and all(c in _LOWERED.values() for c in lowered):
            return _name(name) + lowered  # yhat_i as ŷᵢ, C_i as Cᵢ
        return _name(expr.name)

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

    def _partial(self):
        return "∂"

    def _denominator(self, parts):
        return "".join(parts)

    def _print_Limit(self, expr):
        body, var, point, side = expr.args
        side = "" if str(side) == "+-" or point.is_infinite else str(side).translate(
            _SUPERSCRIPT)
        return f"lim({self._print(var)} → {self._print(point)}{side}) {self._operand(body)}"

    def _integral_sign(self):
        return "∫"

    def _bounds(self, low, high):
        """Lowered and raised when every character has a small form (∫₁², ∫₋₁³, Σᵢ₌₁ⁿ),
        else ``_low^high`` (∫_0^∞)."""
        small = [text[1:-1] if text.startswith("(") and text.endswith(")") else text
                 for text in (low, high)]
        if all(c in _LOWERED for c in small[0]) and all(c in _RAISABLE for c in small[1]):
            return small[0].translate(_LOWER) + small[1].translate(_SUPERSCRIPT)
        return f"_{low}^{high}"

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
