"""SymPy expressions as JSON trees and back, for the recorded forms of test_tidy_forms.

A tree is ``[class name, *children]``; a leaf is a symbol (its name: every symbol is real, as
the parser makes them), an integer, a fraction, a float with its binary digits, or a named
constant (pi, E). Classes are looked up by name in SymPy and calcml's own functions only:
nothing is evaluated as code.
"""

from __future__ import annotations

import sympy

from calcml.expr import functions

Tree = list | str | int


def to_tree(expr: sympy.Basic) -> Tree:
    """``expr`` as a JSON-ready nested list.

    >>> x = sympy.Symbol("x", real=True)
    >>> to_tree(x**2 / 3)
    ['Mul', ['Rational', 1, 3], ['Pow', 'x', 2]]
    """
    if isinstance(expr, sympy.Symbol):
        if expr._assumptions_orig != {"real": True}:
            raise ValueError(f"{expr} is not a real symbol as the parser makes them")
        return expr.name
    if expr.is_Integer:
        return int(expr)
    if expr.is_Rational:
        return ["Rational", int(expr.p), int(expr.q)]
    if expr.is_Float:
        sign, mantissa, exponent, bits = expr._mpf_
        return ["Float", [sign, str(mantissa), exponent, bits], expr._prec]
    if not expr.args:
        return ["S", type(expr).__name__]
    return [type(expr).__name__, *(to_tree(a) for a in expr.args)]


def from_tree(tree: Tree) -> sympy.Basic:
    """The expression a tree of :func:`to_tree` holds.

    >>> x = sympy.Symbol("x", real=True)
    >>> from_tree(to_tree(sympy.sin(x)**2 + sympy.pi)) == sympy.sin(x)**2 + sympy.pi
    True
    """
    if isinstance(tree, str):
        return sympy.Symbol(tree, real=True)
    if isinstance(tree, int):
        return sympy.Integer(tree)
    head, *rest = tree
    if head == "Rational":
        return sympy.Rational(rest[0], rest[1])
    if head == "Float":
        sign, mantissa, exponent, bits = rest[0]
        return sympy.Float._new((sign, int(mantissa), exponent, bits), rest[1])
    if head == "S":
        return getattr(sympy.S, rest[0])
    cls = getattr(functions, head, None) or getattr(sympy, head)
    return cls(*(from_tree(t) for t in rest))
