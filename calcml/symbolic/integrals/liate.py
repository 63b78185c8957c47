"""The choices inside an integration: the LIATE kind of a factor (which chooses u in
integration by parts), and what kind of rewrite turned one integrand into another. The
words for both are in :mod:`calcml.steps.integrals.words`."""

from __future__ import annotations

import sympy
from sympy.functions.elementary.trigonometric import (
    InverseTrigonometricFunction,
    TrigonometricFunction,
)

from calcml.steps.integrals.methods import IntegrandRewrite, Liate


def liate_class(factor: sympy.Expr, x: sympy.Symbol) -> Liate:
    """The kind of ``factor`` in the LIATE order (L, I, A, T, E: 0 to 4).

    >>> x = sympy.Symbol("x")
    >>> [int(liate_class(f, x)) for f in (sympy.log(x), x**2, sympy.exp(x))]
    [0, 2, 4]
    """
    if factor.has(sympy.log):
        return Liate.LOGARITHM
    if factor.atoms(InverseTrigonometricFunction):
        return Liate.INVERSE_TRIGONOMETRIC
    if factor.atoms(sympy.exp) or any(p.exp.has(x) for p in factor.atoms(sympy.Pow)):
        return Liate.EXPONENTIAL
    if factor.atoms(TrigonometricFunction):
        return Liate.TRIGONOMETRIC
    return Liate.ALGEBRAIC


def rewrite_kind(integrand: sympy.Expr, rewritten: sympy.Expr,
                 x: sympy.Symbol) -> IntegrandRewrite:
    """What a rewrite of ``integrand`` into ``rewritten`` did (partial fractions when it
    split a rational function into simple fractions).

    >>> x = sympy.Symbol("x")
    >>> rewrite_kind((x + 1)**2, x**2 + 2*x + 1, x)
    <IntegrandRewrite.EXPAND: 'multiply out'>
    """
    rational = integrand.is_rational_function(x)
    terms = sympy.Add.make_args(rewritten.as_coeff_Mul()[1])
    denominator = sympy.fraction(integrand)[1]
    if rational and len(terms) > 1 and denominator.has(x):
        whole = _degree(denominator, x)
        most = max(_degree(sympy.fraction(t)[1], x) for t in terms)
        if most < whole:
            return IntegrandRewrite.PARTIAL_FRACTIONS
        if most == whole:
            return IntegrandRewrite.SPLIT_NUMERATOR
    if rewritten == sympy.expand(integrand):
        return IntegrandRewrite.EXPAND
    if _is_square_of_sine_or_cosine(integrand) and rewritten.has(sympy.cos(2 * x)):
        return IntegrandRewrite.DOUBLE_ANGLE
    if integrand.atoms(TrigonometricFunction) or rewritten.atoms(TrigonometricFunction):
        return IntegrandRewrite.TRIG_IDENTITY
    if rational:
        return IntegrandRewrite.CANCEL
    return IntegrandRewrite.EQUAL_FORM


def _is_square_of_sine_or_cosine(f: sympy.Expr) -> bool:
    """True for sin² or cos² of a variable, with a constant factor or none.

    >>> t = sympy.Symbol("t")
    >>> _is_square_of_sine_or_cosine(3 * sympy.cos(t)**2), _is_square_of_sine_or_cosine(t**2)
    (True, False)
    """
    square = f.as_coeff_Mul()[1]
    return (isinstance(square, sympy.Pow) and square.exp == 2
            and isinstance(square.base, sympy.sin | sympy.cos) and square.base.args[0].is_Symbol)


def _degree(product: sympy.Expr, x: sympy.Symbol) -> sympy.Expr:
    """The degree in ``x`` of a product of powers of polynomials, read off its factors
    (cheaper than building a polynomial).

    >>> x = sympy.Symbol("x")
    >>> _degree(x * (x + 1)**2 * (x**2 - 3*x + 2), x)
    5
    """
    total = sympy.S.Zero
    for factor in sympy.Mul.make_args(product):
        base, power = factor.as_base_exp()
        if base.has(x):
            total += power * max(t.as_coeff_exponent(x)[1] for t in sympy.Add.make_args(base))
    return total
