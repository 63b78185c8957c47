"""Turn what a user passes (text or SymPy) into expressions and symbols, with clear errors."""

from __future__ import annotations

import sympy

from calcml.errors import InputError
from calcml.expr.lexing import ACCENTED
from calcml.expr.typed import Parsed


def as_expr(expr: str | sympy.Basic | int | float) -> sympy.Expr:
    """Text is parsed safely with :func:`calcml.parse`; SymPy objects and numbers pass.

    >>> as_expr(2)
    2
    """
    if isinstance(expr, str):
        from calcml.expr.parser import parse

        return parse(expr)
    if isinstance(expr, sympy.Basic):
        return expr
    if isinstance(expr, bool) or not isinstance(expr, int | float):
        raise InputError(f"expected math text or a SymPy expression, got {type(expr).__name__}")
    return sympy.sympify(expr)  # a Python number, never text


def as_parsed(expr: str | sympy.Basic | int | float) -> Parsed:
    """Like :func:`as_expr`, keeping text also as the learner typed it (see
    :func:`calcml.expr.parser.parse_typed`); a SymPy object or a number is its own typed form.

    >>> as_parsed("x*x").typed, as_parsed("x*x").value
    (x*x, x**2)
    """
    if isinstance(expr, str):
        from calcml.expr.parser import parse_typed

        return parse_typed(expr)
    return Parsed.same(as_expr(expr))


def as_symbol(var: str | sympy.Symbol, expr: sympy.Basic | None = None) -> sympy.Symbol:
    """The symbol named ``var``: the one in ``expr`` if it has one of that name, else a real one.

    >>> as_symbol("x").is_real, as_symbol("y_hat").name
    (True, 'ŷ')
    """
    if isinstance(var, sympy.Symbol):
        return var
    if not isinstance(var, str) or not var.isidentifier():
        raise InputError(f"a variable is a name such as x or theta, not {var!r}")
    var = ACCENTED.get(var.replace("_", ""), var)  # yhat and y_hat are the symbol ŷ
    if expr is not None:
        for s in expr.free_symbols:
            if isinstance(s, sympy.Symbol) and s.name == var:
                return s
    return sympy.Symbol(var, real=True)
