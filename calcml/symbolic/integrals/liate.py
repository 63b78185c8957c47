"""Words for the choices inside an integration: why u was chosen in integration by parts
(the LIATE order), and what kind of rewrite turned one integrand into another."""

from __future__ import annotations

import sympy
from sympy.functions.elementary.trigonometric import (
    InverseTrigonometricFunction,
    TrigonometricFunction,
)

from calcml.steps.integrals.methods import IntegrandRewrite

LIATE = (("L", "a logarithm"), ("I", "an inverse trigonometric function"),
         ("A", "an algebraic factor (a power or polynomial)"),
         ("T", "a trigonometric function"), ("E", "an exponential"))
"""The LIATE order: the factor to call u is the one that comes first in this list."""


def liate_class(factor: sympy.Expr, x: sympy.Symbol) -> int:
    """The position of ``factor`` in the LIATE order (0 for L to 4 for E).

    >>> x = sympy.Symbol("x")
    >>> liate_class(sympy.log(x), x), liate_class(x**2, x), liate_class(sympy.exp(x), x)
    (0, 2, 4)
    """
    if factor.has(sympy.log):
        return 0
    if factor.atoms(InverseTrigonometricFunction):
        return 1
    if factor.atoms(sympy.exp) or any(p.exp.has(x) for p in factor.atoms(sympy.Pow)):
        return 4
    if factor.atoms(TrigonometricFunction):
        return 3
    return 2


def parts_choice(u: sympy.Expr, dv: sympy.Expr, x: sympy.Symbol) -> str:
    """Why ``u`` was the right choice for u (and ``dv`` for dv), in words.

    >>> x = sympy.Symbol("x")
    >>> parts_choice(x, sympy.exp(x), x).split(",")[0]
    'u is an algebraic factor (a power or polynomial) (A)'
    """
    order = ("LIATE order (Logarithmic, Inverse trigonometric, Algebraic, "
             "Trigonometric, Exponential)")
    letter, kind = LIATE[liate_class(u, x)]
    if not dv.has(x):
        return (f"u is {kind} ({letter}), with no simple antiderivative of its own, while its "
                "derivative is simple; dv is just the constant left over, which integrates "
                f"at once (the {order} puts {letter} first)")
    dv_letter, dv_kind = LIATE[liate_class(dv, x)]
    if dv_letter == letter:
        return (f"both factors are of the same LIATE kind ({letter}); u is the one whose "
                "derivative gets simpler")
    return (f"u is {kind} ({letter}), which comes before {dv_kind} ({dv_letter}) in the "
            f"{order}; differentiating u makes it simpler, and dv is easy to integrate")


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
