"""The independent checks of a limit: SymPy's ``limit`` and the numbers as x approaches.

The approach table holds f at 0.9, 0.99, ... and 1.1, 1.01, ... around 1 (six rows a
side), or at 10, 100, ... toward oo, each evaluated by ``evalf`` with exact inputs, so that
cancellation near the point does not spoil the digits.
"""

from __future__ import annotations

import sympy
from sympy import oo
from sympy.calculus.accumulationbounds import AccumBounds

from calcml.steps.base import Check
from calcml.steps.limits.rules import DNE

ROWS = 6
Row = tuple[sympy.Basic, sympy.Basic | None]


def approach_points(a: sympy.Basic, side: str) -> tuple[list, list]:
    """The x values of the table: (from the left, from the right), nearest last.

    >>> approach_points(sympy.S.One, "+-")[0][:2]
    [9/10, 99/100]
    >>> approach_points(sympy.oo, "-")
    ([10, 100, 1000, 10000, 100000, 1000000], [])
    """
    steps = [sympy.Integer(10) ** k for k in range(1, ROWS + 1)]
    if a == oo:
        return steps, []
    if a == -oo:
        return [], [-s for s in steps]
    left = [a - 1 / s for s in steps] if side in ("-", "+-") else []
    right = [a + 1 / s for s in steps] if side in ("+", "+-") else []
    return left, right


def value_at(f: sympy.Basic, x: sympy.Symbol, point: sympy.Basic) -> sympy.Basic | None:
    """f at ``point`` as a 15-digit Float (or oo, -oo); None where it is not a real number.

    >>> value_at(1/sympy.Symbol("x"), sympy.Symbol("x"), sympy.Integer(4))
    0.250000000000000
    """
    try:
        v = f.evalf(15, subs={x: point})
    except (TypeError, ValueError, ArithmeticError):
        return None
    if v in (oo, -oo):
        return v
    return sympy.Float(v, 15) if v.is_Number else None


def approach_table(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic,
                   side: str) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """Rows (x, f(x)) approaching ``a`` from the left and from the right; f(x) is None
    where f is not a real number there.

    >>> x = sympy.Symbol("x", real=True)
    >>> left, right = approach_table((x**2 - 1)/(x - 1), x, sympy.S.One, "+-")
    >>> left[-1][1], right[-1][1]
    (1.99999900000000, 2.00000100000000)
    """
    left, right = approach_points(a, side)
    return (tuple((p, value_at(f, x, p)) for p in left),
            tuple((p, value_at(f, x, p)) for p in right))


def settles_at(values: list, target: sympy.Basic) -> bool:
    """Whether the numbers ``values`` (nearest last) head for ``target``: a number, oo,
    -oo, or DNE (they keep moving, as sin(1/x) does).

    >>> settles_at([1.9, 1.99, 1.999, 1.9999], sympy.Integer(2))
    True
    >>> settles_at([10.0, 100.0, 1000.0, 10000.0], sympy.oo)
    True
    """
    if len(values) < 3 or any(v is None for v in values[-3:]):
        return False
    last = [float(v) for v in values[-4:]]
    if target is DNE or isinstance(target, AccumBounds):
        return max(last) - min(last) > 1e-3
    if target in (oo, -oo):
        sign = 1 if target == oo else -1
        steps = [sign * (later - earlier) for earlier, later in zip(last, last[1:], strict=False)]
        keeps_growing = all(s > 0 for s in steps) and steps[-1] >= 0.5 * steps[-2]
        return sign * last[-1] > 1e6 or (keeps_growing and sign * last[-1] > 10)
    try:
        goal = float(target)
    except TypeError:
        return False
    scale = max(1.0, abs(goal))
    errors = [abs(v - goal) for v in last]
    shrinking = errors[-1] < errors[-2] < errors[-3]
    return errors[-1] <= 1e-3 * scale or (shrinking and errors[-1] < 0.1 * scale)


def numeric_check(table: tuple[tuple[Row, ...], tuple[Row, ...]],
                  left: sympy.Basic | None, right: sympy.Basic | None) -> Check:
    """Compare each side's rows with that side's limit; a side where f is not real at
    all (target None, as left of 0 for sqrt(x)) is named, not compared."""
    parts, agreed = [], True
    for rows, target, name in zip(table, (left, right), ("left", "right"), strict=True):
        if not rows:
            continue
        if target is None and not_real(rows):
            parts.append(f"f is not real on the {name}")
            continue
        x_near, f_near = rows[-1]
        agreed = agreed and target is not None and settles_at([v for _, v in rows], target)
        shown = "undefined" if f_near is None else f"{float(f_near):.10g}"
        parts.append(f"f({_show(x_near)}) = {shown}")
    detail = ", ".join(parts) + ": " + _verdict_words(agreed, left, right)
    return Check("numeric approach", agreed, value=None, detail=detail)


def _verdict_words(agreed: bool, left: sympy.Basic | None, right: sympy.Basic | None) -> str:
    """What the numbers showed: they settle at the answer, keep swinging (an oscillation),
    or settle at a different value on each side."""
    swinging = any(t is DNE or isinstance(t, AccumBounds) for t in (left, right))
    if not agreed:
        return ("the numbers do not clearly keep swinging" if swinging
                else "the numbers do not clearly approach the answer")
    if swinging:
        return "the numbers keep swinging and do not settle, as an oscillation does"
    if left is not None and right is not None and left != right:
        return "the numbers approach a different value on each side"
    return "the numbers approach the answer"


def not_real(rows: tuple[Row, ...]) -> bool:
    """True when f is not a real number at any row (the side lies outside its domain)."""
    return bool(rows) and all(v is None for _, v in rows)


def _show(x: sympy.Basic) -> str:
    return f"{float(x):.10g}"


def same_limit(ours: sympy.Basic, theirs: sympy.Basic, two_sided: bool) -> bool:
    """Whether two limit values agree; SymPy's ``zoo`` for a two-sided limit, its bounds
    for an oscillation and its ValueError (DNE) all mean "does not exist"."""
    if ours is DNE:
        return (theirs is DNE or isinstance(theirs, AccumBounds)
                or (two_sided and theirs is sympy.zoo))
    if theirs is DNE or isinstance(theirs, AccumBounds) or theirs in (sympy.zoo, sympy.nan):
        return False
    if ours == theirs:
        return True
    if ours in (oo, -oo) or theirs in (oo, -oo):
        return False
    difference = (ours - theirs).evalf(30)
    return difference.is_number and abs(difference) < 1e-20
