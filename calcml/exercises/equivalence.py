"""Are two answers the same? Decided by mathematics, never by comparing strings.

:func:`equivalent` compares two expressions: first cheaply by algebra, then numerically
at fixed pseudo-random real points where both are defined (inside (0, 1), where log,
sqrt and asin are real, then positive and negative points further out), and by
``sympy.simplify`` under a small time budget only when too few points are defined.
:func:`same_numbers` compares numbers and vectors of numbers.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

import sympy

from calcml.errors import TimeLimitError
from calcml.steps.limits.rules import WordAtom
from calcml.symbolic.numeval import numeric_value
from calcml.timelimit import run_limited

RELATIVE_TOLERANCE = 1e-8
"""Two values at a sample point agree when they differ by at most this, relative to the
larger (or absolutely, near 0)."""

NUMBER_TOLERANCE = 1e-6
"""Relative tolerance for numbers when one of them is a decimal approximation."""

POINTS_NEEDED = 4
"""Sample points that must agree before two expressions are called equivalent."""

MAX_POINTS = 24
_WHAT = "comparing the answers"
_SEED = 20240611


def _sample_points(names: Sequence[str]) -> list[dict[str, float]]:
    """Up to :data:`MAX_POINTS` points: the first inside (0, 1), the second negative, then
    alternately positive and negative values up to 3 in size (the same every time)."""
    rng = random.Random(_SEED)
    points = []
    for i in range(MAX_POINTS):
        if i % 3 == 0:
            low, high, sign = 0.05, 0.95, 1
        else:
            low, high, sign = 0.1, 3.0, (-1 if i % 3 == 1 else 1)
        points.append({n: sign * rng.uniform(low, high) for n in names})
    return points


def _value(expr: sympy.Expr, point: dict[sympy.Symbol, float]) -> float | None:
    try:
        value = numeric_value(expr, point, real=True).real
    except (ArithmeticError, ValueError, TypeError):
        return None
    return value if value == value and abs(value) != float("inf") else None


def _close(u: float, v: float) -> bool:
    return abs(u - v) <= RELATIVE_TOLERANCE * max(1.0, abs(u), abs(v))


def _by_name(exprs: Iterable[sympy.Basic], variables) -> dict[str, list[sympy.Symbol]]:
    names: dict[str, list[sympy.Symbol]] = {}
    for e in exprs:
        for s in e.free_symbols:
            names.setdefault(s.name, []).append(s)
    if variables is not None:
        for v in variables:
            names.setdefault(str(v), [])
    return names


def _numerically(a, b, names, up_to_constant: bool) -> bool | None:
    """True/False when enough points decide it; None when too few points are defined."""
    agreed, offset = 0, None
    for raw in _sample_points(sorted(names)):
        point = {s: raw[n] for n, symbols in names.items() for s in symbols}
        u, v = _value(a, point), _value(b, point)
        if u is None or v is None:
            continue
        if up_to_constant:
            offset = u - v if offset is None else offset
            v += offset
        if not _close(u, v):
            return False
        agreed += 1
        if agreed >= POINTS_NEEDED:
            return True
    return None


def _symbolically(difference: sympy.Expr, names, up_to_constant: bool,
                  seconds: float) -> bool:
    def decide() -> bool:
        simplified = sympy.simplify(difference)
        if up_to_constant:
            return not any(s.name in names for s in simplified.free_symbols)
        return simplified == 0
    try:
        return run_limited(decide, seconds, _WHAT)
    except TimeLimitError as err:
        if not str(err).startswith(_WHAT):
            raise  # an outer time limit (check's) ran out: not a verdict of ours
        return False


MAX_EXPAND_POWER = 12
"""Powers above this are not multiplied out (the work would grow too fast)."""


def _small_powers(expr: sympy.Expr) -> bool:
    return all(abs(p.exp) <= MAX_EXPAND_POWER for p in expr.atoms(sympy.Pow)
               if p.exp.is_Integer)


def equivalent(a: sympy.Basic, b: sympy.Basic, *, variables: Iterable | None = None,
               up_to_constant: bool = False, seconds: float = 0.2) -> bool:
    """Whether expressions ``a`` and ``b`` are equal for every value of their variables
    (symbols with the same name count as the same variable), or differ by a constant
    when ``up_to_constant``. ``seconds`` bounds the symbolic fallback when this runs on
    its own; inside an outer time limit (such as ``check``'s) that limit bounds it.

    >>> from calcml import parse
    >>> equivalent(parse("sec(x)^2"), parse("1 + tan(x)^2"))
    True
    >>> equivalent(parse("(x+1)^2"), parse("x^2 + 2x"))
    False
    >>> equivalent(parse("sin(x)^2"), parse("-cos(x)^2"), up_to_constant=True)
    True
    """
    if isinstance(a, WordAtom) or isinstance(b, WordAtom):
        return a == b
    if not (isinstance(a, sympy.Expr) and isinstance(b, sympy.Expr)):
        return a == b
    if a.has(sympy.oo, -sympy.oo, sympy.zoo) or b.has(sympy.oo, -sympy.oo, sympy.zoo):
        return a == b
    names = _by_name((a, b), variables)
    difference = a - b
    if difference == 0 or (not up_to_constant and _small_powers(difference)
                           and sympy.expand(difference) == 0):
        return True
    if not names:
        return same_numbers(a, b)
    verdict = _numerically(a, b, names, up_to_constant)
    if verdict is not None:
        return verdict
    return _symbolically(difference, set(names), up_to_constant, seconds)


def _is_exact(x: sympy.Basic) -> bool:
    return not x.atoms(sympy.Float)


ROUNDED_DIGITS = 3
"""A decimal with at least this many significant digits counts as a rounding of an
exact value whose decimal expansion does not end (1/6 as 0.167, pi/2 as 1.571)."""


def _decimal_places(r: sympy.Rational) -> int | None:
    """The decimal places of a terminating decimal (denominator 2^a 5^b), else None."""
    q, twos, fives = int(r.q), 0, 0
    while q % 2 == 0:
        q, twos = q // 2, twos + 1
    while q % 5 == 0:
        q, fives = q // 5, fives + 1
    return max(twos, fives) if q == 1 else None


def _rounded(typed: sympy.Expr, exact: sympy.Expr, difference: float) -> bool:
    """Whether ``typed`` is a decimal rounding of ``exact`` to its last typed place, where
    ``exact`` has no finite decimal form (so it cannot be typed exactly as a decimal)."""
    places = _decimal_places(typed) if typed.is_Rational else None
    if not places or (exact.is_Rational and _decimal_places(exact) is not None):
        return False
    digits = len(str(abs(int(typed * 10**places))))
    return digits >= ROUNDED_DIGITS and difference <= 0.5 * 10.0**-places * (1 + 1e-9)


def _same_number(a, b, tolerance: float | None) -> bool:
    if not (isinstance(a, sympy.Expr) and isinstance(b, sympy.Expr)):
        return a == b
    if isinstance(a, WordAtom) or isinstance(b, WordAtom) or not (a.is_finite and b.is_finite):
        return a == b
    if a.free_symbols or b.free_symbols:
        return False
    difference = abs(complex(sympy.N(a - b, 30)))
    if tolerance is not None:
        return difference <= tolerance * (1 + 1e-9)
    if _is_exact(a) and _is_exact(b):
        return (difference <= 1e-20 * max(1.0, abs(complex(sympy.N(a))))
                or _rounded(a, b, difference) or _rounded(b, a, difference))
    scale = max(abs(complex(sympy.N(a))), abs(complex(sympy.N(b))), 1e-300)
    return difference <= NUMBER_TOLERANCE * scale


def same_numbers(a, b, *, tolerance: float | None = None) -> bool:
    """Whether two numbers, or two vectors (tuples or lists) of numbers, are the same:
    exactly when both are exact, within a relative 1e-6 when either is a floating-point
    approximation, and within the absolute ``tolerance`` whenever one is given. A typed
    decimal of three or more significant digits also matches an exact value that has no
    finite decimal form when it is that value rounded to its last place (0.167 for 1/6).

    >>> from calcml import parse
    >>> same_numbers(parse("3/4"), sympy.Rational(3, 4)), same_numbers(parse("1/3"), 0.3333)
    (True, False)
    >>> same_numbers(parse("0.1667"), sympy.Rational(1, 6)), same_numbers(parse("0.17"), 1/6)
    (True, False)
    >>> same_numbers((1, parse("pi/2")), (1, 1.5707963268))
    True
    >>> same_numbers(0.76, 0.75, tolerance=0.01)
    True
    >>> same_numbers((1, 2), (2, 1))
    False
    """
    if isinstance(a, tuple | list) or isinstance(b, tuple | list):
        if not (isinstance(a, tuple | list) and isinstance(b, tuple | list)) or len(a) != len(b):
            return False
        return all(same_numbers(u, v, tolerance=tolerance) for u, v in zip(a, b, strict=True))
    return _same_number(_as_sympy(a), _as_sympy(b), tolerance)


def _as_sympy(x) -> sympy.Basic:
    """A SymPy value or a Python number (never text) as a SymPy value."""
    if isinstance(x, sympy.Basic):
        return x
    if isinstance(x, int | float) and not isinstance(x, bool):
        return sympy.Integer(x) if isinstance(x, int) else sympy.Float(x)
    raise TypeError(f"expected a number, got {type(x).__name__}")
