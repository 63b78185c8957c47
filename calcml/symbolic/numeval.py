"""Fast numeric evaluation of an expression tree at a point, with Python's complex math.

Used to compare two forms of a derivative cheaply: walking the tree with ``cmath`` is
far quicker than SymPy's ``evalf``, which is kept only for nodes this table lacks.
"""

from __future__ import annotations

import cmath
from collections.abc import Callable, Mapping

import sympy

from calcml.expr.functions import relu, sigmoid, softplus


def _real_step(z: complex, at_zero: float) -> complex:
    if z.real == 0:
        return complex(at_zero)
    return complex(1.0 if z.real > 0 else 0.0)


def _sign(z: complex) -> complex:
    return z / abs(z) if z != 0 else 0j


def _sigmoid(z: complex) -> complex:
    return 1 / (1 + cmath.exp(-z))


_FUNCTIONS: dict[type, Callable[[complex], complex]] = {
    sympy.exp: cmath.exp, sympy.log: cmath.log,
    sympy.sin: cmath.sin, sympy.cos: cmath.cos, sympy.tan: cmath.tan,
    sympy.cot: lambda z: 1 / cmath.tan(z), sympy.sec: lambda z: 1 / cmath.cos(z),
    sympy.csc: lambda z: 1 / cmath.sin(z),
    sympy.asin: cmath.asin, sympy.acos: cmath.acos, sympy.atan: cmath.atan,
    sympy.sinh: cmath.sinh, sympy.cosh: cmath.cosh, sympy.tanh: cmath.tanh,
    sympy.Abs: lambda z: complex(abs(z)), sympy.sign: _sign,
    sigmoid: _sigmoid, softplus: lambda z: cmath.log(1 + cmath.exp(z)),
    relu: lambda z: complex(max(z.real, 0.0)),
}


def numeric_value(expr: sympy.Basic, point: Mapping[sympy.Symbol, float],
                  real: bool = False) -> complex:
    """The value of ``expr`` with each symbol replaced by its number in ``point``.

    Raises ZeroDivisionError, OverflowError or ValueError where the value is not finite;
    with ``real=True``, also ValueError where any part of ``expr`` is not a real number
    there (the point is outside the real domain, as for asin(2) or ln(-1)).

    >>> x = sympy.Symbol("x")
    >>> numeric_value(sympy.sin(x)**2 + sympy.cos(x)**2, {x: 0.3})
    (1+0j)
    """
    value = _evaluate(expr, point, real)
    if real and abs(value.imag) > 1e-9 * (1 + abs(value.real)):
        raise ValueError(f"{expr} is not real at {dict(point)}")
    return value


def _evaluate(expr: sympy.Basic, point: Mapping[sympy.Symbol, float], real: bool) -> complex:
    if expr.is_Number or expr.is_NumberSymbol:
        return _number(expr)
    if expr.is_Symbol:
        return complex(point[expr])
    if isinstance(expr, sympy.RootSum):  # its lambda's variable runs over the roots
        return complex(expr.xreplace({s: sympy.Float(v) for s, v in point.items()}).evalf(20))
    args = [numeric_value(a, point, real) for a in expr.args]
    if expr.is_Add:
        return sum(args, 0j)
    if expr.is_Mul:
        product = 1 + 0j
        for a in args:
            product *= a
        return product
    if expr.is_Pow:
        return _power(*args)
    if isinstance(expr, sympy.Heaviside):
        at_zero = args[1].real if len(args) > 1 else 0.5
        return _real_step(args[0], at_zero)
    fn = _FUNCTIONS.get(type(expr))
    if fn is not None and len(args) == 1:
        return fn(args[0])
    return complex(expr.xreplace({s: sympy.Float(v) for s, v in point.items()}).evalf(20))


def _number(number: sympy.Basic) -> complex:
    """A number's value. SymPy's ``complex()`` goes through ``evalf``, slow for the many
    small numbers of a tree: a fraction is divided exactly as Python does (correctly
    rounded, as ``evalf`` rounds it), a float read from its digits, and a constant (pi, e)
    evaluated once."""
    if number.is_Rational:
        try:
            return complex(number.p / number.q)
        except OverflowError:
            return complex(number)
    if number.is_Float:
        return complex(float(number))
    if number not in _CONSTANTS:
        _CONSTANTS[number] = complex(number)
    return _CONSTANTS[number]


_CONSTANTS: dict[sympy.Basic, complex] = {}


def _power(base: complex, exponent: complex) -> complex:
    if base == 0:
        if exponent.real > 0:
            return 0j
        raise ZeroDivisionError("0 to a power that is not positive")
    if exponent.imag == 0 and exponent.real == int(exponent.real) and abs(exponent.real) < 1000:
        return base ** int(exponent.real)
    return cmath.exp(exponent * cmath.log(base))
