"""Turn what a user passes (a Python callable, math text or SymPy) into a NumPy function.

Text goes through calcml's safe parser; the SymPy tree, never the text, is compiled with
:func:`sympy.lambdify`. sigmoid, relu and softplus get NumPy versions that also accept
complex input, so that the complex-step derivative works on them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_expr, as_symbol
from calcml.expr.printing import to_text
from calcml.expr.values import read_float, read_number


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _relu(x):
    # relu'(0) is taken as 0, like PyTorch: the kink's right half starts just above 0.
    return np.where(np.real(x) > 0, x, 0 * x)


def _softplus(x):
    if np.iscomplexobj(x):
        return np.log1p(np.exp(x))
    return np.logaddexp(0.0, x)


# The numeric engines' names for the one reader of typed numbers (calcml.expr.values):
# to_number(x, name, infinite=False) gives a float, to_exact(x, name) the exact number.
to_number = read_float
to_exact = read_number

NUMPY_ML = {"sigmoid": _sigmoid, "relu": _relu, "softplus": _softplus}

FunctionLike = Callable[..., Any] | str | sympy.Basic
VarLike = str | sympy.Symbol | None


@dataclass(frozen=True)
class NumericFunction:
    """A function of one variable that evaluates on floats, NumPy arrays and complex input.

    ``expr`` and ``var`` are set when it came from an expression (then exact values and
    derivatives are available); ``label`` names it for tables and figures.
    """

    fn: Callable[..., Any]
    label: str
    expr: sympy.Expr | None = None
    var: sympy.Symbol | None = None

    def __call__(self, x: Any) -> Any:
        return self.fn(x)

    @property
    def title(self) -> str:
        """How tables and figures name it: ``f(x) = x^2`` for an expression, else ``exp(x)``.

        >>> as_function(sympy.Symbol("x") ** 2).title
        'f(x) = x²'
        """
        return f"f({self.var}) = {self.label}" if self.expr is not None else self.label

    @property
    def is_symbolic(self) -> bool:
        """True when built from an expression (exact values are available)."""
        return self.expr is not None

    def value(self, x: float) -> float:
        """``f(x)`` as a finite float, or an :class:`InputError` saying f is undefined there.

        >>> as_function(lambda t: t * t).value(3)
        9.0
        """
        try:
            with np.errstate(all="ignore"):
                y = float(np.real_if_close(self.fn(float(x))))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError) as err:
            raise InputError(f"{self.label} cannot be evaluated at x = {x:g} ({err}); "
                             "pick a point where it is defined") from None
        if not math.isfinite(y):
            raise InputError(f"{self.label} is not defined (or not finite) at x = {x:g}; "
                             "pick a point where it is defined")
        return y

    def exact(self, x: sympy.Expr) -> sympy.Expr:
        """The exact value at a SymPy number (expressions only).

        >>> x = sympy.Symbol("x", real=True)
        >>> as_function(x**2 + 2*x + 2).exact(sympy.Integer(2))
        10
        """
        if self.expr is None:
            raise InputError("exact values need an expression, not a Python function")
        return self.expr.subs(self.var, x)

    def derivative_expr(self) -> sympy.Expr:
        """The exact derivative as an expression (expressions only).

        >>> x = sympy.Symbol("x", real=True)
        >>> as_function(x**2 + 2*x + 2).derivative_expr()
        2*x + 2
        """
        if self.expr is None:
            raise InputError("an exact derivative needs an expression, not a Python function")
        return sympy.diff(self.expr, self.var)


def as_function(f: FunctionLike | NumericFunction, var: VarLike = None
                ) -> NumericFunction:
    """A :class:`NumericFunction` from a callable, math text or a SymPy expression.

    ``var`` names the variable; by default it is the expression's only symbol.

    >>> x = sympy.Symbol("x", real=True)
    >>> g = as_function(sympy.sin(x) + x)
    >>> round(float(g(0.5)), 6)
    0.979426
    >>> as_function(abs).label
    'abs(x)'
    >>> as_function("t^2").var
    t
    """
    if isinstance(f, NumericFunction):
        return f
    if callable(f) and not isinstance(f, sympy.Basic):
        name = getattr(f, "__name__", "f")
        return NumericFunction(fn=f, label="f(x)" if name == "<lambda>" else f"{name}(x)")
    expr = as_expr(f)
    symbol = _the_variable(expr, var)
    compiled = sympy.lambdify([symbol], expr, modules=[NUMPY_ML, "numpy"])
    if symbol not in expr.free_symbols:
        compiled = _broadcasting(compiled)
    return NumericFunction(fn=compiled, label=to_text(expr),
                           expr=expr, var=symbol)


def _the_variable(expr: sympy.Expr, var: str | sympy.Symbol | None) -> sympy.Symbol:
    """``var``, or when it is None the expression's only symbol (x if it has none)."""
    if var is None:
        free = sorted(expr.free_symbols, key=str)
        var = free[0] if len(free) == 1 else "x"
    symbol = as_symbol(var, expr)
    others = sorted(s.name for s in expr.free_symbols if s != symbol)
    if others:
        raise InputError(f"the function may depend on {symbol.name} only, but it also uses "
                         f"{', '.join(others)}; substitute numbers for them first")
    return symbol


def _broadcasting(compiled: Callable[..., Any]) -> Callable[..., Any]:
    """A constant compiles to a number; make it follow the input's shape and type."""
    def fn(x):
        return compiled(x) + 0 * np.asarray(x)
    return fn
