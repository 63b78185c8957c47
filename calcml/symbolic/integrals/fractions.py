"""Partial fractions worked out as in a textbook: the split written with unknown numerators
(A/x + B/(x + 1)), then the unknowns found by the cover-up rule where every factor of the
denominator is linear and appears once, and by equating coefficients otherwise."""

from __future__ import annotations

from collections.abc import Iterator

import sympy

from calcml.steps.base import Step
from calcml.steps.integrals.methods import CoverUp, EquateCoefficients

__all__ = ["split_with_unknowns"]

LETTERS = "ABCDEFGHJKLMNPQRS"


def split_with_unknowns(f: sympy.Expr, x: sympy.Symbol, taken: set[str]
                        ) -> tuple[sympy.Expr | None, tuple[Step, ...]]:
    """The split of the proper part of ``f`` with unknown numerators, and the steps that
    find them; (None, ()) where the denominator has a factor of degree above 2.

    >>> x = sympy.Symbol("x")
    >>> ansatz, steps = split_with_unknowns(1 / (x * (x + 1)), x, {"x"})
    >>> ansatz
    A/x + B/(x + 1)
    >>> [(type(s).__name__, s.values) for s in steps]
    [('CoverUp', {A: 1}), ('CoverUp', {B: -1})]
    """
    numerator, denominator = sympy.fraction(sympy.cancel(sympy.together(f)))
    if not (numerator.is_polynomial(x) and denominator.is_polynomial(x)) \
            or sympy.degree(denominator, x) < 1:
        return None, ()
    remainder = sympy.rem(numerator, denominator, x)
    lead, factors = sympy.factor_list(denominator, x)
    if any(sympy.degree(p, x) > 2 for p, _ in factors):
        return None, ()
    product = sympy.Mul(*(p**power for p, power in factors))
    proper = remainder / (lead * product)
    letters = _letters(taken)
    terms: list[tuple[sympy.Expr, sympy.Expr, int]] = []
    unknowns: list[sympy.Symbol] = []
    for p, power in factors:
        for k in range(1, power + 1):
            top = _numerator(p, x, letters, unknowns)
            terms.append((top, p, k))
    ansatz = sympy.Add(*(top / p**k for top, p, k in terms), evaluate=False)
    if all(power == 1 and sympy.degree(p, x) == 1 for p, power in factors):
        return ansatz, tuple(_cover_up(proper, x, top, p) for top, p, _ in terms)
    return ansatz, (_equate(proper, x, ansatz, product, remainder / lead, unknowns),)


def _letters(taken: set[str]) -> Iterator[sympy.Symbol]:
    return (sympy.Symbol(c) for c in LETTERS if c not in taken)


def _numerator(p: sympy.Expr, x: sympy.Symbol, letters: Iterator[sympy.Symbol],
               unknowns: list[sympy.Symbol]) -> sympy.Expr:
    """A constant unknown over a linear factor; B x + C over a quadratic one."""
    if sympy.degree(p, x) == 1:
        unknowns.append(next(letters))
        return unknowns[-1]
    slope, constant = next(letters), next(letters)
    unknowns += [slope, constant]
    return slope * x + constant


def _cover_up(proper: sympy.Expr, x: sympy.Symbol, unknown: sympy.Symbol,
              p: sympy.Expr) -> CoverUp:
    root = sympy.solve(p, x)[0]
    return CoverUp(fraction=proper, var=x, unknown=unknown, factor=p, root=root,
                   covered=sympy.cancel(proper * p))


def _equate(proper: sympy.Expr, x: sympy.Symbol, ansatz: sympy.Expr, product: sympy.Expr,
            top: sympy.Expr, unknowns: list[sympy.Symbol]) -> EquateCoefficients:
    """Multiply out ansatz * product = top and equate the coefficients of each power."""
    both = sympy.Poly(sympy.expand(sympy.cancel(ansatz * product)), x)
    want = sympy.Poly(sympy.expand(top), x)
    degree = max(both.degree(), want.degree())
    equations = tuple(sympy.Eq(both.coeff_monomial(x**n), want.coeff_monomial(x**n))
                      for n in range(degree, -1, -1))
    solved = sympy.solve(equations, unknowns, dict=True)[0]
    return EquateCoefficients(fraction=proper, var=x, ansatz=ansatz, denominator=product,
                              equations=equations, unknowns=tuple(unknowns),
                              solution=tuple(solved[u] for u in unknowns))
