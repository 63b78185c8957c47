"""Buggy differentiation rules: the derivative a learner with one misconception computes.

:func:`buggy_derivative` differentiates the expression tree the right way everywhere
except where a buggy rule matches a node (a product, a quotient, a composite, a power,
a cosine), where it applies the wrong rule instead; the rule sees the rest of the tree
through the same buggy differentiator, so a misconception is applied consistently. Each
rule works on any derivative task, not on hand-picked exercises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy

from calcml.exercises.kinds.value import task_expr
from calcml.exercises.model import Mistake, register_mistake

Diff = Callable[[sympy.Expr], sympy.Expr]
Rule = Callable[[sympy.Expr, sympy.Symbol, Diff], sympy.Expr | None]


def buggy_derivative(f: sympy.Expr, x: sympy.Symbol, rule: Rule) -> sympy.Expr:
    """d/dx ``f`` with ``rule(node, x, d)`` asked first at every node: what it returns
    (not None) replaces that node's derivative; ``d`` differentiates a sub-expression the
    same buggy way.

    >>> x = sympy.Symbol("x")
    >>> buggy_derivative(sympy.sin(3*x)**2, x, chain_missing_inner)
    2*sin(3*x)
    """
    def d(e: sympy.Expr) -> sympy.Expr:
        if not e.has(x):
            return sympy.Integer(0)
        wrong = rule(e, x, d)
        return wrong if wrong is not None else _right(e, x, d)
    return d(f)


def _outer_derivative(e: sympy.Function) -> sympy.Expr:
    """f'(g) for e = f(g): the derivative of the outer function at the inner one."""
    u = sympy.Dummy("u", real=True)
    return sympy.diff(e.func(u), u).subs(u, e.args[0])


def _right(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr:
    """The right rule at node ``e`` (sum, product, power, chain), children through ``d``."""
    if e == x:
        return sympy.Integer(1)
    if e.is_Add:
        return sympy.Add(*(d(a) for a in e.args))
    if e.is_Mul:
        args = e.args
        return sympy.Add(*(sympy.Mul(*args[:i], d(a), *args[i + 1:])
                           for i, a in enumerate(args)))
    if e.is_Pow:
        base, n = e.args
        if not n.has(x):
            return n * base ** (n - 1) * d(base)
        return e * d(n * sympy.log(base))
    if isinstance(e, sympy.Function) and len(e.args) == 1:
        return _outer_derivative(e) * d(e.args[0])
    return sympy.diff(e, x)


def _quotient(e: sympy.Expr, x: sympy.Symbol) -> tuple[sympy.Expr, sympy.Expr] | None:
    """(numerator, denominator) when ``e`` is a fraction with x above and below the bar."""
    if not e.is_Mul or not any(a.is_Pow and a.exp.is_negative and a.has(x) for a in e.args):
        return None
    numerator, denominator = e.as_numer_denom()
    return (numerator, denominator) if numerator.has(x) else None


def chain_missing_inner(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """f(g(x))' taken as f'(g(x)), without the factor g'(x), at every composite."""
    if isinstance(e, sympy.Function) and len(e.args) == 1 and e.args[0] != x:
        return _outer_derivative(e)
    if e.is_Pow and e.base != x and e.base.has(x) and not e.exp.has(x):
        return e.exp * e.base ** (e.exp - 1)
    if e.is_Pow and not e.base.has(x) and e.exp != x:
        return e * sympy.log(e.base)
    return None


def chain_missing_innermost(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """The chain rule followed down to the last layer, whose derivative (of the
    polynomial inside, such as 3x) is left out: (sin(3x)^2)' taken as 2 sin(3x) cos(3x).

    >>> x = sympy.Symbol("x")
    >>> buggy_derivative(sympy.exp(x**2 + 1), x, chain_missing_innermost)
    exp(x**2 + 1)
    """
    inner = e.args[0] if isinstance(e, sympy.Function) and len(e.args) == 1 else (
        e.base if e.is_Pow and not e.exp.has(x) else e.exp if e.is_Pow else None)
    if inner is None or inner == x or not inner.is_polynomial(x):
        return None
    return chain_missing_inner(e, x, d)


def _chain_variants(task: dict[str, Any]) -> list[sympy.Expr]:
    f, x = task_expr(task)
    return [buggy_derivative(f, x, chain_missing_inner),
            buggy_derivative(f, x, chain_missing_innermost)]


def power_not_reduced(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """(x^n)' taken as n x^n: the exponent brought down but not lowered by one."""
    if e.is_Pow and e.exp.is_Number and e.exp != -1 and e.base.has(x):
        return e.exp * e * d(e.base)
    return None


def product_of_derivatives(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """(u v)' taken as u' v'."""
    if not e.is_Mul or _quotient(e, x) is not None:
        return None
    coefficient, factors = e.as_independent(x, as_Add=False)
    parts = sympy.Mul.make_args(factors)
    if len(parts) < 2:
        return None
    return coefficient * sympy.Mul(*(d(p) for p in parts))


def quotient_sign_swapped(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """(u/v)' taken as (u v' - u' v)/v^2: the numerator's terms in the wrong order."""
    parts = _quotient(e, x)
    if parts is None:
        return None
    u, v = parts
    return (u * d(v) - d(u) * v) / v**2


def quotient_not_squared(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """(u/v)' taken as (u' v - u v')/v: the denominator not squared."""
    parts = _quotient(e, x)
    if parts is None:
        return None
    u, v = parts
    return (d(u) * v - u * d(v)) / v


def trig_sign_error(e: sympy.Expr, x: sympy.Symbol, d: Diff) -> sympy.Expr | None:
    """cos' taken as sin (and sin' as -cos): the sign of the trigonometric rule flipped."""
    if isinstance(e, sympy.cos):
        return sympy.sin(e.args[0]) * d(e.args[0])
    if isinstance(e, sympy.sin):
        return -sympy.cos(e.args[0]) * d(e.args[0])
    return None


def _wrong_by(rule: Rule) -> Callable[[dict[str, Any]], sympy.Expr | None]:
    def wrong(task: dict[str, Any]) -> sympy.Expr | None:
        f, x = task_expr(task)
        return buggy_derivative(f, x, rule)
    return wrong


def _task(expr: str) -> dict[str, Any]:
    return {"kind": "derivative", "expr": expr, "var": "x"}


register_mistake(Mistake(
    id="chain-rule-missing-inner-derivative", title="Chain rule without the inner derivative",
    kinds=("derivative",), wrong=_chain_variants,
    message="the derivative of the inner function is missing. By the chain rule, "
            "d/dx f(g(x)) = f'(g(x)) * g'(x): after differentiating the outer function, "
            "multiply by the derivative of what is inside it.",
    step="Chain rule: the outer derivative f'(u) times the inner derivative du/dx",
    example=(_task("sin(3x)^2"), "2sin(3x)cos(3x)"),
    rules=("General power rule", "Chain rule")))

register_mistake(Mistake(
    id="power-rule-exponent-not-reduced", title="Power rule without lowering the exponent",
    kinds=("derivative",), wrong=_wrong_by(power_not_reduced),
    message="the exponent was brought down but not lowered by one. The power rule is "
            "d/dx x^n = n x^(n-1).",
    step="Power rule: bring the exponent n down in front and lower the power to n - 1",
    example=(_task("x^3"), "3x^3"),
    rules=("Power rule", "General power rule")))

register_mistake(Mistake(
    id="product-rule-as-product-of-derivatives", title="Product rule as u'v'",
    kinds=("derivative",), wrong=_wrong_by(product_of_derivatives),
    message="the derivative of a product is not the product of the derivatives. The "
            "product rule is (u v)' = u' v + u v'.",
    step="Product rule: differentiate one factor at a time and add the results",
    example=(_task("x^2 sin(x)"), "2x cos(x)"),
    rules=("Product rule",)))

register_mistake(Mistake(
    id="quotient-rule-numerator-sign", title="Quotient rule with the numerator reversed",
    kinds=("derivative",), wrong=_wrong_by(quotient_sign_swapped),
    message="the two terms of the numerator are the wrong way round, which flips the "
            "sign. The quotient rule is (u/v)' = (u' v - u v')/v^2: the derivative of "
            "the top comes first.",
    step="Quotient rule: the numerator is u' v - u v' (top's derivative first)",
    example=(_task("x/(x+1)"), "-1/(x+1)^2"),
    rules=("Quotient rule",)))

register_mistake(Mistake(
    id="quotient-rule-denominator-not-squared",
    title="Quotient rule without squaring the denominator",
    kinds=("derivative",), wrong=_wrong_by(quotient_not_squared),
    message="the denominator must be squared. The quotient rule is "
            "(u/v)' = (u' v - u v')/v^2.",
    step="Quotient rule: divide by the square of the bottom, v^2",
    example=(_task("x/(x+1)"), "1/(x+1)"),
    rules=("Quotient rule",)))

register_mistake(Mistake(
    id="sign-error", title="Sign error in a trigonometric derivative",
    kinds=("derivative",), wrong=_wrong_by(trig_sign_error),
    message="a sign is wrong: d/dx sin(x) = cos(x) but d/dx cos(x) = -sin(x).",
    step="Trigonometric rule: the derivative of cos is minus sin",
    example=(_task("cos(x)"), "sin(x)"),
    rules=("Trigonometric rule",)))
