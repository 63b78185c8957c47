"""Build the SymPy expression from calcml's parse tree, guarding every step.

The builder walks the tree without recursion (lark's ``Transformer_NonRecursive``) and
checks each node as it is made: numbers stay under :data:`MAX_DIGITS` digits (a power
of numbers is estimated *before* SymPy evaluates it, so ``9^9^9^9`` is refused at
once), and nothing undefined (``1/0``, ``0*oo``) or non-real (``sqrt(-1)``) slips
through. Problems are :class:`calcml.expr.lexing.Problem` at a position of the
prepared text.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import sympy

from calcml.expr.functions import relu, sigmoid, softplus
from calcml.expr.larkrt import Token, Transformer_NonRecursive, Tree, v_args
from calcml.expr.lexing import ACCENTED, FUNCTIONS, Problem

MAX_LITERAL_DIGITS = 100
MAX_DIGITS = 4000  # Python refuses to print integers over 4300 digits
MAX_LEVELS = 60
_MAX_BITS = int(MAX_DIGITS * math.log2(10))
_LEVEL_NODES = frozenset({"sum", "product", "pow", "neg", "abs", "call", "call_power",
                          "call_base", "root"})


def _abs(value: sympy.Expr) -> sympy.Expr:
    """|value|, settled. SymPy's Abs can leave parts unevaluated (Abs(Abs(x)) from |-|x||,
    x^2*Abs(1/y) from |x^2/y|, -(2 - pi) from |2 - pi|); evaluating afresh settles them,
    so that text and its printed form read as the same expression. Where SymPy would
    bring in complex parts (|exp(asin(x))| is exp(re(asin(x)))), |value| stays as written.
    """
    result = sympy.Abs(value)
    for _ in range(3):
        settled = result.doit()
        if settled == result:
            break
        result = settled
    if result.has(sympy.re, sympy.im, sympy.arg, sympy.atan2):
        return sympy.Abs(value, evaluate=False)
    return result


_CONSTANTS = {"pi": sympy.pi, "e": sympy.E, "oo": sympy.oo, "inf": sympy.oo,
              "infinity": sympy.oo}
_FUNCTIONS = {
    "sin": sympy.sin, "cos": sympy.cos, "tan": sympy.tan, "sec": sympy.sec,
    "csc": sympy.csc, "cot": sympy.cot, "asin": sympy.asin, "acos": sympy.acos,
    "atan": sympy.atan, "asec": sympy.asec, "acsc": sympy.acsc, "acot": sympy.acot,
    "sinh": sympy.sinh, "cosh": sympy.cosh, "tanh": sympy.tanh, "sech": sympy.sech,
    "csch": sympy.csch, "coth": sympy.coth, "asinh": sympy.asinh, "acosh": sympy.acosh,
    "atanh": sympy.atanh, "exp": sympy.exp, "ln": sympy.log, "log": sympy.log,
    "sqrt": sympy.sqrt, "abs": _abs, "sigmoid": sigmoid, "relu": relu,
    "softplus": softplus, "sign": sympy.sign,
    "heaviside": lambda x, h=sympy.S.Zero: sympy.Heaviside(x, h),
}
for _name in ("sin", "cos", "tan", "sec", "csc", "cot"):
    _FUNCTIONS["arc" + _name] = _FUNCTIONS["a" + _name]
for _name in ("sinh", "cosh", "tanh"):
    _FUNCTIONS["ar" + _name] = _FUNCTIONS["a" + _name]
_UNDEFINED = (sympy.nan, sympy.zoo)
_GROWING = (sympy.exp, sympy.sinh, sympy.cosh)  # e^|x|, give or take a factor of 2


def factors_of(children: list, reciprocal: Callable[[sympy.Expr, Token], sympy.Expr]
               ) -> list[sympy.Expr]:
    """The factors of a product node's children (factors with ``*``, ``/`` or nothing
    between them), each divisor turned into ``reciprocal(divisor, its_slash)``.

    >>> x = sympy.Symbol("x")
    >>> factors_of([x, Token("SLASH", "/"), sympy.Integer(2)], lambda d, op: 1 / d)
    [x, 1/2]
    """
    factors, op = [], None
    for child in children:
        if isinstance(child, Token):
            op = child
            continue
        factors.append(reciprocal(child, op) if op is not None and op.type == "SLASH"
                       else child)
        op = None
    return factors


def check_levels(tree: Tree) -> None:
    """Refuse trees nested more than :data:`MAX_LEVELS` deep, counted without recursion.

    A level is what becomes a level of the SymPy tree: a sum, a product, a power, a
    minus sign, an absolute value or a call (brackets and a plus sign add none). Deeper
    trees could overflow Python's stack in SymPy's recursive algorithms later on.

    >>> check_levels(Tree("neg", [Tree("symbol", [Token("NAME", "x")])]))
    """
    todo = [(tree, 0)]
    while todo:
        node, level = todo.pop()
        if node.data in _LEVEL_NODES:
            level += 1
            if level > MAX_LEVELS:
                raise Problem(f"the expression is nested more than {MAX_LEVELS} levels deep",
                              node.meta.start_pos, "split it into simpler parts")
        todo += [(child, level) for child in node.children if isinstance(child, Tree)]


class SympyBuilder(Transformer_NonRecursive):
    """One method per grammar rule; each returns a checked SymPy expression.

    >>> SympyBuilder().transform(Tree("number", [Token("NUMBER", "0.25")]))
    1/4
    """

    def number(self, children: list[Token]) -> sympy.Expr:
        return _number(children[0])

    def symbol(self, children: list[Token]) -> sympy.Expr:
        name = str(children[0])
        return sympy.Symbol(ACCENTED.get(name, name), real=True)

    def constant(self, children: list[Token]) -> sympy.Expr:
        return _CONSTANTS[str(children[0])]

    def group(self, children: list) -> sympy.Expr:
        return children[0]

    def abs(self, children: list) -> sympy.Expr:
        return _checked(_abs(children[1]), children[0].start_pos, children[1])

    def neg(self, children: list) -> sympy.Expr:
        return _checked(-children[1], children[0].start_pos, children[1])

    def pos(self, children: list) -> sympy.Expr:
        return children[1]

    def pow(self, children: list) -> sympy.Expr:
        base, op, exponent = children
        return _power(base, exponent, op.start_pos)

    def sum(self, children: list) -> sympy.Expr:
        terms = [children[0]]
        for op, term in zip(children[1::2], children[2::2], strict=True):
            terms.append(_checked(-term, op.start_pos, term) if op.type == "MINUS" else term)
        return _checked(sympy.Add(*terms), children[1].start_pos, *terms)

    @v_args(meta=True)
    def product(self, meta, children: list) -> sympy.Expr:
        factors = factors_of(children, lambda divisor, op: _power(
            divisor, sympy.S.NegativeOne, op.start_pos))
        where = next((c.start_pos for c in children if isinstance(c, Token)), meta.start_pos)
        return _checked(sympy.Mul(*factors), where, *factors)

    def args(self, children: list) -> list:
        return children

    def call(self, children: list) -> sympy.Expr:
        name, args = children
        return _call(name, args)

    def call_base(self, children: list) -> sympy.Expr:
        name, base, argument = children
        return _call(name, [argument, _number(Token("NUMBER", str(base)[1:],
                                                        start_pos=base.start_pos))])

    def root(self, children: list) -> sympy.Expr:
        return _power(children[1], sympy.S.Half, children[0].start_pos)

    def call_power(self, children: list) -> sympy.Expr:
        name, op, power, args = children
        return _power(_call(name, args), _number(power), op.start_pos)


def _number(tok: Token) -> sympy.Rational:
    """A decimal literal as an exact Rational: 0.1 is 1/10, 2.5e4 is 25000."""
    mantissa, _, exponent = str(tok).lower().partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = (whole + fraction).lstrip("0")
    if len(digits) > MAX_LITERAL_DIGITS:
        raise Problem(f"a number may have at most {MAX_LITERAL_DIGITS} digits", tok.start_pos,
                      "round it, or use scientific notation such as 1.5e300")
    shift = int(exponent or "0") - len(fraction) if len(exponent) <= 6 else None
    if shift is None or len(digits) + shift > MAX_DIGITS or shift < -MAX_DIGITS:
        raise Problem(f"the number '{tok}' is too large or too small", tok.start_pos,
                      f"calcml keeps numbers under {MAX_DIGITS} digits")
    return sympy.Integer(int(digits or "0")) * sympy.Integer(10) ** shift


def _call(name: Token, args: list) -> sympy.Expr:
    allowed = FUNCTIONS[str(name)]
    counts = allowed if isinstance(allowed, tuple) else (allowed,)
    if len(args) not in counts:
        wanted = " or ".join(map(str, counts))
        plural = "" if counts == (1,) else "s"
        example = {"log": "log(x) or log(x, 2)", "heaviside": "heaviside(x)"}.get(
            str(name), f"{name}(x)")
        raise Problem(f"{name} takes {wanted} argument{plural}, got {len(args)}",
                      name.start_pos, f"write it as {example}")
    try:
        value = _FUNCTIONS[str(name)](*args)
    except (ValueError, TypeError, ArithmeticError) as err:
        raise Problem(f"{name} cannot take this argument", name.start_pos,
                      f"SymPy says: {err}") from None
    return _checked(value, name.start_pos, *args)


def _power(base: sympy.Expr, exponent: sympy.Expr, pos: int) -> sympy.Expr:
    """``base^exponent``, refused first if it would be a number of too many digits."""
    _check_power_size(base, exponent, pos)
    return _checked(sympy.Pow(base, exponent), pos, base, exponent)


def _check_power_size(base: sympy.Expr, exponent: sympy.Expr, pos: int) -> None:
    """Refuse a power of numbers with more than :data:`MAX_DIGITS` digits (or as many
    zeros after the point): its size is estimated from the logarithm, never computed."""
    if base.is_number and exponent.is_number and base.is_finite and exponent.is_finite:
        digits = _log10_size(base) * _size(exponent)
        if digits > MAX_DIGITS:
            raise Problem(f"this would be a number with about {digits:.3g} digits",
                          pos, f"calcml keeps numbers under {MAX_DIGITS} digits")


def _log10_size(x: sympy.Expr) -> float:
    """How many decimal digits each unit of exponent adds to a power of ``x``."""
    if isinstance(x, sympy.Rational):
        return max(math.log10(abs(x.p)) if x.p else 0.0, math.log10(x.q))
    size = _size(x)
    return abs(math.log10(size)) if 0 < size < math.inf else 0.0


def _size(x: sympy.Expr) -> float:
    try:
        return abs(complex(x.evalf(15)))
    except (OverflowError, TypeError, ValueError):
        return math.inf


def _checked(value: sympy.Expr, pos: int, *checked: sympy.Expr) -> sympy.Expr:
    """``value`` if its numbers are not too large and it is defined, single and real.

    Only the parts SymPy made anew are looked at: the ``checked`` inputs (and their
    parts) passed this test when they were built. ``log(-2)`` hides ``I`` inside
    ``log(2) + I*pi``, so the look goes all the way down the new parts.
    """
    known = set(checked)
    todo = [value]
    while todo:
        part = todo.pop()
        if part in known:
            continue
        known.add(part)
        _check_part(part, pos)
        todo += part.args
    return value


def _check_part(part: sympy.Basic, pos: int) -> None:
    if part in _UNDEFINED:
        raise Problem("this is undefined", pos,
                      "look for a division by zero, or a form like 0*oo or oo - oo")
    if isinstance(part, sympy.AccumBounds):
        raise Problem("this has no single value", pos,
                      "a function like sin has no value at oo; take a limit instead")
    if part is sympy.I:
        raise Problem("this is not a real number", pos,
                      "calcml works with real numbers; check square roots and logs")
    if isinstance(part, _GROWING) and part.is_number:
        _check_power_size(sympy.E, part.args[0], pos)  # exp(9000)*exp(9000) is exp(18000)
    if isinstance(part, sympy.Rational) and max(
            abs(part.p).bit_length(), part.q.bit_length()) > _MAX_BITS:
        raise Problem(f"this makes a number with more than {MAX_DIGITS} digits", pos,
                      "use smaller numbers")
