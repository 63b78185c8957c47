"""Substitution in the extended reals: the limit laws, and the first form where they fail.

``probe(f, x, a, side)`` walks f bottom-up. Each part gets its limit by the laws (sum,
product, quotient, power, continuous function of a limit) with ``oo`` arithmetic
(c/oo = 0, e^(-oo) = 0). Where the laws say nothing it returns a :class:`Form` naming the
indeterminate form and the part where it arose; where it cannot tell, ``None``.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy import oo
from sympy.calculus.accumulationbounds import AccumBounds

# Functions with jumps: substitution is not their limit at a jump, so the probe stops.
JUMPY = (sympy.sign, sympy.Heaviside, sympy.floor, sympy.ceiling, sympy.frac,
         sympy.Piecewise)

SIDES = {"+": (1,), "-": (-1,), "+-": (1, -1)}


@dataclass(frozen=True)
class Form:
    """An indeterminate ``name`` ("0/0", "oo/oo", "0*oo", "oo - oo", "1^oo", "0^0", "oo^0")
    met at ``node``; "sides differ" where a quotient -> +oo on one side, -oo on the other;
    "piecewise" where the rule in force depends on the side (sign(x) at 0)."""

    name: str
    node: sympy.Basic


Probe = sympy.Basic | Form | None


def probe(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic, side: str) -> Probe:
    """The limit of ``f`` as ``x -> a`` from ``side`` by the limit laws, or why not.

    >>> x = sympy.Symbol("x", real=True)
    >>> probe(25/x, x, sympy.oo, "-")
    0
    >>> probe((x**2 - 1)/(x - 1), x, 1, "+-").name
    '0/0'
    """
    if not f.has(x):
        return _number(f.doit())
    if f == x:
        return sympy.sympify(a, strict=True)
    if isinstance(f, JUMPY):
        return _jumpy(f, x, a, side)
    law, parts = split(f, x)
    if law == "unknown":
        return None
    values = [probe(p, x, a, side) for p in parts]
    for v in values:
        if isinstance(v, Form):
            return v
    if any(v is None for v in values):
        return None
    return combine(f, law, parts, values, x, a, side)


def _jumpy(f, x, a, side) -> Probe:
    """A function with jumps: its value where the argument is away from a jump; at a jump
    of floor, ceiling or frac, the value on the side the argument comes from; the form
    "piecewise" at a jump of sign or Heaviside, or anywhere in a piecewise definition."""
    if isinstance(f, sympy.Piecewise):
        return Form("piecewise", f)
    value = probe(f.args[0], x, a, side)
    if not is_value(value) or value in (oo, -oo):
        return value if isinstance(value, Form) else None
    if isinstance(f, sympy.sign | sympy.Heaviside):
        return Form("piecewise", f) if value.is_zero else _number(f.func(value))
    if not value.is_integer:
        return _number(f.func(value))
    sign = approach_sign(f.args[0] - value, x, a, side)
    if sign == 0:
        return Form("sides differ", f)
    if sign is None:
        return None
    below = sympy.floor(value) if sign > 0 else value - 1
    steps = {sympy.floor: below, sympy.ceiling: below + 1, sympy.frac: value - below}
    return steps[type(f)]


def split(f: sympy.Basic, x: sympy.Symbol) -> tuple[str, tuple[sympy.Basic, ...]]:
    """Which limit law builds ``f`` from which parts: ``("quotient", (n, d))``, ``"sum"``,
    ``"product"``, ``"power"`` (base, exponent), ``"function"`` (its arguments), or
    ``"unknown"`` (a function with jumps, or something the laws do not cover).

    >>> x = sympy.Symbol("x", real=True)
    >>> split(sympy.sin(x)/x, x)
    ('quotient', (sin(x), x))
    """
    if f.is_Mul or f.is_Pow:
        n, d = sympy.fraction(f)
        if d.has(x):
            return "quotient", (n, d)
    if f.is_Add:
        return "sum", f.args
    if f.is_Mul:
        return "product", f.args
    if f.is_Pow:
        return "power", (f.base, f.exp)
    if isinstance(f, sympy.Function | sympy.Max | sympy.Min) and not isinstance(f, JUMPY):
        return "function", f.args
    return "unknown", ()


def combine(f: sympy.Basic, law: str, parts: tuple[sympy.Basic, ...], values: list,
            x: sympy.Symbol, a: sympy.Basic, side: str) -> Probe:
    """The limit of ``f`` from the limits ``values`` of its ``parts`` under ``law``, or the
    indeterminate :class:`Form` the combination makes."""
    if law == "quotient":
        return _quotient(f, parts[1], values[0], values[1], x, a, side)
    if law == "sum":
        return _sum(f, values, x, a)
    if law == "product":
        return _product(f, values)
    if law == "power":
        return _power(f, values[0], values[1], x)
    return _function(f, values, x, a, side)


def is_value(p: Probe) -> bool:
    """True when ``p`` is a limit value (a real number, ``oo`` or ``-oo``)."""
    return isinstance(p, sympy.Basic)


def _number(v: sympy.Basic) -> sympy.Basic | None:
    if isinstance(v, AccumBounds):
        return None
    if v in (oo, -oo) or (v.is_extended_real and v.is_finite):
        return v
    return None


def _infinite(v: sympy.Basic) -> bool:
    return v in (oo, -oo)


def _quotient(f, d, top, bottom, x, a, side) -> Probe:
    if bottom.is_zero:
        if top.is_zero:
            return Form("0/0", f)
        sign = approach_sign(d, x, a, side)
        if sign == 0:
            return Form("sides differ", f)
        return None if sign is None else sympy.sign(top) * sign * oo
    if _infinite(bottom):
        return Form("oo/oo", f) if _infinite(top) else sympy.S.Zero
    return _number(top / bottom)


def _sum(f, values, x, a) -> Probe:
    if oo in values and -oo in values:
        if f.is_polynomial(x):
            return _number(sympy.LT(f, x).subs(x, a))
        return Form("oo - oo", f)
    return _number(sympy.Add(*values))


def _product(f, values) -> Probe:
    if any(v.is_zero for v in values) and any(_infinite(v) for v in values):
        return Form("0*oo", f)
    return _number(sympy.Mul(*values))


def _power(f, base, power, x) -> Probe:
    if f.base.has(x) and f.exp.has(x):
        if base == 1 and _infinite(power):
            return Form("1^oo", f)
        if base.is_zero and power.is_zero:
            return Form("0^0", f)
        if base == oo and power.is_zero:
            return Form("oo^0", f)
    if base.is_negative and not power.is_integer:
        return None
    if base.is_zero and (power.is_nonpositive or power == -oo):
        return None
    return _number(base**power)


# tan, cot, sec, csc as quotients of sin and cos, probed where the function value is infinite.
_AS_QUOTIENT = {
    sympy.tan: lambda u: (sympy.sin(u), sympy.cos(u)),
    sympy.cot: lambda u: (sympy.cos(u), sympy.sin(u)),
    sympy.sec: lambda u: (sympy.S.One, sympy.cos(u)),
    sympy.csc: lambda u: (sympy.S.One, sympy.sin(u)),
}


def _function(f, values, x, a, side) -> Probe:
    if isinstance(f, sympy.log) and values[0].is_zero:
        return -oo
    try:
        value = _number(f.func(*values))
    except (TypeError, ValueError, ArithmeticError):
        return None
    if value is None and type(f) in _AS_QUOTIENT:
        top, bottom = _AS_QUOTIENT[type(f)](f.args[0])
        return probe(sympy.Mul(top, sympy.Pow(bottom, -1), evaluate=False), x, a, side)
    return value


def approach_sign(d: sympy.Basic, x: sympy.Symbol, a: sympy.Basic, side: str) -> int | None:
    """The sign (1 or -1) of ``d`` near ``a`` on ``side``, from its leading term; 0 when the
    two sides of a two-sided approach differ; None when the leading term cannot be found.

    >>> x = sympy.Symbol("x", real=True)
    >>> approach_sign(x, x, 0, "-"), approach_sign(x**2, x, 0, "+-"), approach_sign(x, x, 0, "+-")
    (-1, 1, 0)
    """
    signs = {_lead_sign(d, x, a, s) for s in SIDES[side]}
    if None in signs:
        return None
    return signs.pop() if len(signs) == 1 else 0


def _lead_sign(d, x, a, s: int) -> int | None:
    h = sympy.Dummy("h", positive=True)
    if a == oo:
        near = 1 / h
    elif a == -oo:
        near = -1 / h
    else:
        near = a + s * h
    try:
        lead = d.subs(x, near).as_leading_term(h)
    except (NotImplementedError, ValueError, TypeError, ArithmeticError, sympy.PoleError):
        return None
    coeff, _ = lead.as_coeff_exponent(h)
    if coeff.has(h) or not coeff.is_extended_real or coeff.is_zero is not False:
        return None
    return 1 if coeff.is_positive else -1
