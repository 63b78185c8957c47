"""Math text kept as the learner typed it: SymPy's unevaluated forms beside the evaluated one.

:func:`calcml.parse` returns SymPy's evaluated expression, in which ``x*x`` is already
``x**2`` and ``x/x`` is already 1. :class:`TypedBuilder` builds the same parse tree with
``evaluate=False`` for sums, products and powers, so that a worked solution can start from
what was typed and show the simplification as a line of its own. What the grammar needs
evaluated stays evaluated: a part made of numbers only (``2*3`` is 6, ``1/4``, ``pi/2``,
``sqrt(2)``), a named function applied to its (typed) argument (``sin(-x)`` is
``-sin(x)``), and ``e^x``, which is ``exp(x)``. :class:`Parsed` holds both forms and says
whether they differ in a way worth showing, and which factors a simplification cancelled.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import sympy

from calcml.expr.building import SympyBuilder, factors_of
from calcml.expr.larkrt import Token, v_args

__all__ = ["Parsed", "TypedBuilder"]


def _numbers(*parts: sympy.Basic) -> bool:
    return all(p.is_number for p in parts)


def _mul(factors: list[sympy.Expr]) -> sympy.Expr:
    """The product as typed: nested products flattened (they print alike), literal 1s left
    out (``1/x`` is the quotient, not 1 times it)."""
    flat = [a for f in factors for a in sympy.Mul.make_args(f) if a is not sympy.S.One]
    if not flat:
        return sympy.S.One
    return flat[0] if len(flat) == 1 else sympy.Mul(*flat, evaluate=False)


def _negated(term: sympy.Expr) -> sympy.Expr:
    """``-term`` as typed: a number's sign or a product's number factor takes the minus
    (``-2x`` is the product of -2 and x, as SymPy writes it), else a factor -1 goes first
    (``-x/2`` is -1 times x/2, which prints as typed)."""
    if term.is_number:
        return -term
    factors = list(sympy.Mul.make_args(term))
    for i, factor in enumerate(factors):
        if factor.is_Number:
            factors[i] = -factor
            return _mul(factors)
    return sympy.Mul(sympy.S.NegativeOne, term, evaluate=False)


def _typed_power(base: sympy.Expr, exponent: sympy.Expr) -> sympy.Expr:
    return sympy.Pow(base, exponent, evaluate=False)


def _reciprocal(divisor: sympy.Expr) -> sympy.Expr:
    """``1/divisor`` as typed: a whole number stays a divisor (``x/4``, not x*(1/4)); any
    other number is evaluated (``x/(1/2)`` is 2x, ``x/pi`` is x*(1/pi))."""
    if divisor.is_Integer or not divisor.is_number:
        return _typed_power(divisor, sympy.S.NegativeOne)
    return 1 / divisor


class TypedBuilder(SympyBuilder):
    """The tree built as typed: sums, products and powers unevaluated, numbers evaluated.

    Run it only on a tree that :class:`SympyBuilder` built without a problem: the guards
    (digits, 1/0, levels) are that build's, and the parts this builder evaluates are the
    same parts, evaluated the same way.

    >>> from calcml.expr.parser import parse_typed
    >>> parse_typed("x*x").typed
    x*x
    """

    def neg(self, children: list) -> sympy.Expr:
        return super().neg(children) if _numbers(children[1]) else _negated(children[1])

    def abs(self, children: list) -> sympy.Expr:
        if _numbers(children[1]):
            return super().abs(children)
        return sympy.Abs(children[1], evaluate=False)

    def pow(self, children: list) -> sympy.Expr:
        base, _, exponent = children
        if _numbers(base, exponent) or base is sympy.E:
            return super().pow(children)
        return _typed_power(base, exponent)

    def sum(self, children: list) -> sympy.Expr:
        if _numbers(*children[::2]):
            return super().sum(children)
        terms = [children[0]]
        for op, term in zip(children[1::2], children[2::2], strict=True):
            terms.append(_negated(term) if op.type == "MINUS" else term)
        return sympy.Add(*terms, evaluate=False)

    @v_args(meta=True)
    def product(self, meta, children: list) -> sympy.Expr:
        if _numbers(*(c for c in children if not isinstance(c, Token))):
            return super().product(meta, children)
        return _mul(factors_of(children, lambda divisor, _: _reciprocal(divisor)))

    def call(self, children: list) -> sympy.Expr:
        name, args = children
        if str(name) == "sqrt" and len(args) == 1 and not _numbers(*args):
            return _typed_power(args[0], sympy.S.Half)
        if str(name) == "abs" and len(args) == 1 and not _numbers(*args):
            return sympy.Abs(args[0], evaluate=False)
        return super().call(children)

    def root(self, children: list) -> sympy.Expr:
        if _numbers(children[1]):
            return super().root(children)
        return _typed_power(children[1], sympy.S.Half)

    def call_power(self, children: list) -> sympy.Expr:
        if _numbers(*children[3]):
            return super().call_power(children)
        name, _, power, args = children
        return _typed_power(super().call([name, args]), self.number([power]))


@dataclass(frozen=True)
class Parsed:
    """Math text read two ways: ``typed``, as the learner typed it (unevaluated), and
    ``value``, evaluated, which :func:`calcml.parse` returns and the engines work on.

    ``differs`` says whether the two differ in a way worth showing: not when they differ
    only in the order of terms and factors or in how SymPy nests them (they print alike).
    ``cancelled`` are the factors a division lost on the way (x/x is 1 only for x ≠ 0).

    >>> from calcml.expr.parser import parse_typed
    >>> p = parse_typed("x/x")
    >>> p.typed, p.value, p.differs, p.cancelled
    (x/x, 1, True, (x,))
    >>> parse_typed("x^2 + 3x").differs
    False
    """

    typed: sympy.Expr
    value: sympy.Expr

    @classmethod
    def same(cls, expr: sympy.Expr) -> Parsed:
        """A SymPy object passed as it is: its typed form is itself."""
        return cls(expr, expr)

    @cached_property
    def differs(self) -> bool:
        """True when the typed form is worth showing beside the evaluated one."""
        if self.typed is self.value or _shape(self.typed) == _shape(self.value):
            return False
        from calcml.expr.printing import to_text

        return to_text(self.typed, ascii=True) != to_text(self.value, ascii=True)

    @property
    def shown(self) -> sympy.Expr:
        """The form a worked solution states its problem in: the typed one where it differs."""
        return self.typed if self.differs else self.value

    @cached_property
    def cancelled(self) -> tuple[sympy.Expr, ...]:
        """The factors divided by in the typed form that the evaluated form no longer divides
        by, so the two are equal only where these are not 0 (numbers left out)."""
        if not self.differs:
            return ()
        kept = _divisors(self.value)
        lost = [d for d in _divisors(self.typed, evaluate=True) if d not in kept]
        return tuple(sorted(set(lost), key=sympy.default_sort_key))


def _divisors(expr: sympy.Basic, evaluate: bool = False) -> set[sympy.Expr]:
    """The factors of every denominator in ``expr`` that are not numbers (bases of powers)."""
    found: set[sympy.Expr] = set()
    for part in sympy.preorder_traversal(expr):
        if isinstance(part, sympy.Pow) and part.exp.is_negative:
            base = part.base.doit() if evaluate else part.base
            for factor in sympy.Mul.make_args(base):
                if isinstance(factor, sympy.Pow) and factor.exp.is_positive:
                    factor = factor.base
                if not factor.is_number:
                    found.add(factor)
    return found


def _shape(expr: sympy.Basic) -> str:
    """A key equal for two expressions that differ only in the order or nesting of the
    terms of a sum and the factors of a product (``x/(2y)`` and ``(1/2)*x*y^-1`` alike), or
    in a number multiplied into a sum, which SymPy always does (``-(x + 1)`` and ``-x - 1``
    alike: that is how SymPy writes the one, not a simplification)."""
    if isinstance(expr, sympy.Add):
        return f"Add({','.join(sorted(_shape(t) for t in _terms(expr)))})"
    if isinstance(expr, sympy.Mul | sympy.Pow):
        factors = _one_fraction(list(_factors(expr)))
        spread = _spread(factors)
        if spread is not None:
            return _shape(spread)
        if not factors:
            return _shape(sympy.S.One)
        if len(factors) != 1 or factors[0] != expr:
            inner = sorted(_shape(f) for f in factors)
            return inner[0] if len(inner) == 1 else f"Mul({','.join(inner)})"
    if not expr.args:
        return f"{type(expr).__name__}:{expr}"
    return f"{type(expr).__name__}({','.join(_shape(a) for a in expr.args)})"


def _terms(expr: sympy.Basic) -> Iterator[sympy.Basic]:
    for term in sympy.Add.make_args(expr):
        if isinstance(term, sympy.Add):
            yield from _terms(term)
        else:
            yield term


def _factors(expr: sympy.Basic) -> Iterator[sympy.Basic]:
    """The factors of a product, nested products flattened and a whole-number power of a
    product or of a number spread over its factors; factors 1 left out."""
    if isinstance(expr, sympy.Mul):
        for factor in expr.args:
            yield from _factors(factor)
    elif isinstance(expr, sympy.Pow) and expr.exp.is_Integer and expr.base.is_Number:
        if expr.base**expr.exp != 1:
            yield expr.base**expr.exp
    elif isinstance(expr, sympy.Pow) and expr.exp.is_Integer and isinstance(expr.base,
                                                                             sympy.Mul):
        for factor in expr.base.args:
            yield from _factors(sympy.Pow(factor, expr.exp, evaluate=False))
    elif expr.is_Pow and expr.exp == -1 and expr.base.is_Pow:  # 1/x^2 is x^-2
        yield sympy.Pow(expr.base.base, -expr.base.exp, evaluate=False)
    elif expr.is_Pow and expr.exp.is_Integer and isinstance(expr.base, sympy.exp):
        yield sympy.exp(expr.base.args[0] * expr.exp)  # 1/e^x is e^-x
    elif expr is not sympy.S.One:
        yield expr


def _one_fraction(factors: list[sympy.Basic]) -> list[sympy.Basic]:
    """The factors with their numbers made one when they read as one fraction in lowest
    terms (``3/(4x)`` has 3/4; ``-x/2`` has -1/2); ``2*x*3`` and ``2x/4`` keep theirs."""
    numbers = [f for f in factors if f.is_Number]
    if len(numbers) < 2:
        return factors
    tops = [n for n in numbers if abs(n.p) != 1]
    bottoms = [n for n in numbers if n.q != 1]
    product = sympy.Mul(*numbers)
    if len(tops) > 1 or len(bottoms) > 1 or math.gcd(product.p, product.q) != 1 or any(
            n.is_Float for n in numbers):
        return factors
    rest = [f for f in factors if not f.is_Number]
    return rest if product == 1 else [product, *rest]


def _spread(factors: list[sympy.Basic]) -> sympy.Basic | None:
    """A number times a sum, ``c*(a + b)``, as ``c*a + c*b``; None for other products."""
    if len(factors) != 2:
        return None
    number, total = sorted(factors, key=lambda f: not f.is_Number)
    if not (number.is_Number and isinstance(total, sympy.Add)):
        return None
    return sympy.Add(*(sympy.Mul(number, t, evaluate=False) for t in _terms(total)),
                     evaluate=False)
