"""Finders of derivative rules: small functions ``f(expr, var) -> Step | None``.

:func:`derivative_steps` tries each finder of :data:`FINDERS` in order; the first that
matches builds the step (recursing through :func:`_steps` for the parts). An
expression no finder matches becomes an explicit :class:`SympyAnswer` step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextvars import ContextVar

import sympy

from calcml.steps.base import Step
from calcml.steps.common import SympyAnswer
from calcml.steps.derivatives.functions import FAMILIES, ExponentialRule, LogBaseRule
from calcml.steps.derivatives.rules import (
    ChainRule,
    ConstantMultipleRule,
    ConstantRule,
    GeneralPowerRule,
    LogarithmicDifferentiation,
    PowerRule,
    ProductRule,
    QuotientRule,
    SumRule,
    VariableRule,
)

Finder = Callable[[sympy.Expr, sympy.Symbol], Step | None]

_U_NAMES = ("u", "v", "w", "t", "s", "r", "q", "p")
_names_in_use: ContextVar[frozenset[str]] = ContextVar("_names_in_use", default=frozenset())


def derivative_steps(expr: sympy.Expr, var: sympy.Symbol) -> Step:
    """The worked steps of d/d``var`` ``expr`` (first derivative; no time limit, no check).

    >>> x = sympy.Symbol("x", real=True)
    >>> step = derivative_steps(sympy.sin(3*x + 1), x)
    >>> step.rule, step.result
    ('Chain rule', 3*cos(3*x + 1))
    """
    names = {s.name for s in expr.free_symbols if s.is_Symbol} | {var.name}
    token = _names_in_use.set(_names_in_use.get() | names)
    try:
        return _steps(expr, var)
    finally:
        _names_in_use.reset(token)


def _steps(expr: sympy.Expr, var: sympy.Symbol) -> Step:
    """The first finder's step for ``expr``, or SymPy's answer where none matches."""
    for finder in FINDERS:
        step = finder(expr, var)
        if step is not None:
            return step
    problem = sympy.Derivative(expr, var)
    return SympyAnswer(problem=problem, value=sympy.diff(expr, var), method="diff")


def _find_constant(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """c, anything free of ``var``."""
    if var in expr.free_symbols:
        return None
    return ConstantRule(function=expr, var=var)


def _find_variable(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """``var`` itself."""
    return VariableRule(function=expr, var=var) if expr == var else None


def _find_sum(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """f + g - h."""
    if not isinstance(expr, sympy.Add):
        return None
    steps = tuple(_steps(t, var) for t in expr.args)
    return SumRule(function=expr, var=var, terms=expr.args, term_steps=steps)


def _find_log_base(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """log_b(x), which SymPy holds as ln(x) / ln(b)."""
    if not isinstance(expr, sympy.Mul) or len(expr.args) != 2:
        return None
    scale, arg = expr.args
    if not (isinstance(scale, sympy.Pow) and scale.exp == -1
            and isinstance(scale.base, sympy.log) and isinstance(arg, sympy.log)
            and var not in scale.free_symbols):
        return None
    base = scale.base.args[0]
    if arg.args[0] == var:
        return LogBaseRule(function=expr, var=var, base=base)
    return _chain(expr, var, arg.args[0], lambda u: sympy.log(u) / sympy.log(base))


def _find_constant_multiple(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """c f(x), with the constant factor c pulled out."""
    if not isinstance(expr, sympy.Mul):
        return None
    constant, other = expr.as_independent(var, as_Add=False)
    if constant == 1:
        return None
    return ConstantMultipleRule(function=expr, var=var, constant=constant, other=other,
                                substep=_steps(other, var))


def _find_quotient(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """f / g with g depending on ``var`` (a product with factors to negative powers)."""
    if not isinstance(expr, sympy.Mul):
        return None
    top, bottom = [], []
    for factor in expr.args:
        if (isinstance(factor, sympy.Pow) and factor.exp.is_number
                and factor.exp.is_negative):
            bottom.append(factor.base ** -factor.exp)
        else:
            top.append(factor)
    if not bottom or not top:
        return None
    numerator, denominator = sympy.Mul(*top), sympy.Mul(*bottom)
    return QuotientRule(function=expr, var=var, numerator=numerator, denominator=denominator,
                        numerator_step=_steps(numerator, var),
                        denominator_step=_steps(denominator, var))


def _find_product(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """f g h ... of any number of factors."""
    if not isinstance(expr, sympy.Mul):
        return None
    steps = tuple(_steps(f, var) for f in expr.args)
    return ProductRule(function=expr, var=var, factors=expr.args, factor_steps=steps)


def _find_power(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """x^n (power rule) or g(x)^n (general power rule), n constant."""
    if not isinstance(expr, sympy.Pow) or var in expr.exp.free_symbols:
        return None
    if expr.base == var:
        return PowerRule(function=expr, var=var, exponent=expr.exp)
    n = expr.exp
    return _chain(expr, var, expr.base, lambda u: u**n, GeneralPowerRule)


def _find_exponential(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """a^x or a^g(x), with a constant base a > 0 (or a parameter a, taken as positive)."""
    if (not isinstance(expr, sympy.Pow) or var in expr.base.free_symbols
            or expr.base.is_positive is False):
        return None
    if expr.exp == var:
        return ExponentialRule(function=expr, var=var, base=expr.base)
    base = expr.base
    return _chain(expr, var, expr.exp, lambda u: base**u)


def _find_log_differentiation(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """f(x)^g(x): x in both base and exponent."""
    if not isinstance(expr, sympy.Pow) or var not in expr.base.free_symbols:
        return None
    base, exponent = expr.args
    log_step = _steps(exponent * sympy.log(base), var)
    return LogarithmicDifferentiation(function=expr, var=var, base=base, exponent=exponent,
                                      log_step=log_step)


def _find_function(expr: sympy.Expr, var: sympy.Symbol) -> Step | None:
    """A known function f of x (its own rule) or of g(x) (the chain rule)."""
    family = FAMILIES.get(type(expr))
    if family is None or len(expr.args) != 1:
        return None
    arg = expr.args[0]
    if arg == var:
        return family(function=expr, var=var)
    return _chain(expr, var, arg, expr.func)


FINDERS: tuple[Finder, ...] = (
    _find_constant, _find_variable, _find_sum, _find_log_base, _find_constant_multiple,
    _find_quotient, _find_product, _find_power, _find_exponential, _find_log_differentiation,
    _find_function,
)
"""The finders, tried in this order; the first match wins."""


def _chain(expr: sympy.Expr, var: sympy.Symbol, inner: sympy.Expr,
           outer: Callable[[sympy.Expr], sympy.Expr],
           cls: type[ChainRule] = ChainRule) -> Step:
    """The chain rule for ``expr`` = outer(inner): u = inner, differentiate outer(u) in u."""
    name = next(_fresh_names(_names_in_use.get()))
    u = sympy.Symbol(name, real=True)
    token = _names_in_use.set(_names_in_use.get() | {name})
    try:
        outer_u = outer(u)
        outer_step = _steps(outer_u, u)
        inner_step = _steps(inner, var)
    finally:
        _names_in_use.reset(token)
    return cls(function=expr, var=var, u_var=u, inner=inner, outer=outer_u,
               outer_step=outer_step, inner_step=inner_step)


def _fresh_names(taken: frozenset[str]) -> Iterator[str]:
    """Names for the chain rule's u, skipping those already in use."""
    for name in _U_NAMES:
        if name not in taken:
            yield name
    i = 1
    while True:
        if f"u_{i}" not in taken:
            yield f"u_{i}"
        i += 1
