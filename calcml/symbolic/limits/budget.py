"""The time limit of one limit, shared out: the answer first, the checks in what is left.

The worked rules get a share of the time; if they do not finish, SymPy's answer takes
their place in what remains. The independent checks (SymPy's limit, the approach table)
then run in the time left, row by row, and a check that could not finish says so instead
of the whole call failing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

import sympy

from calcml.errors import TimeLimitError
from calcml.symbolic.limits.check import Row, approach_points, value_at
from calcml.timelimit import run_limited

R = TypeVar("R")

MIN_SECONDS = 0.02
"""Less time left than this counts as none."""

HUGE = sympy.Integer(10) ** 5000
"""An exponent beyond this makes a value too large to compute in time (e^(e^(10^6)))."""


class Clock:
    """The seconds allowed for one limit (None for no limit) and the time used so far.

    >>> Clock(5.0).run(lambda: 2 + 2)
    4
    >>> Clock(None).left() is None
    True
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.start = time.monotonic()

    def left(self) -> float | None:
        """Seconds left, or None for no limit."""
        if self.seconds is None:
            return None
        return self.seconds - (time.monotonic() - self.start)

    def run(self, fn: Callable[[], R], share: float = 1.0) -> R:
        """``fn()`` within ``share`` of the time left; the limit's TimeLimitError, naming
        the whole time limit, when it runs out."""
        done, value = self.attempt(fn, share)
        if not done:
            raise TimeLimitError(f"the limit took longer than the time limit of "
                                 f"{self.seconds:g} s; try a simpler expression or raise the "
                                 "limit with timeout=...")
        return value

    def attempt(self, fn: Callable[[], R], share: float = 1.0) -> tuple[bool, R | None]:
        """(True, ``fn()``) if it finishes within ``share`` of the time left, else
        (False, None). A caller's own time limit that runs out first (this limit has
        none, or it ends earlier) is the caller's: its TimeLimitError passes through."""
        left = self.left()
        if left is None:
            return True, fn()
        allowed = left * share
        if allowed < MIN_SECONDS:
            return False, None
        started = time.monotonic()
        try:
            return True, run_limited(fn, allowed, "the limit")
        except TimeLimitError:
            if time.monotonic() - started < allowed - MIN_SECONDS:
                raise
            return False, None


def timed_table(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic, side: str,
                clock: Clock) -> tuple[tuple[tuple[Row, ...], tuple[Row, ...]], bool]:
    """The approach table (rows from the left, from the right), each side in half of the
    time left, farthest row first; and whether every row was computed. A side stops at
    the first row that could not be computed in time (exp(exp(x)) at x = 10^6).

    >>> x = sympy.Symbol("x", real=True)
    >>> (left, right), finished = timed_table(1/x, x, sympy.oo, "-", Clock(5.0))
    >>> left[0], finished
    ((10, 0.100000000000000), True)
    """
    sides, finished = [], True
    points = approach_points(a, side)
    for i, xs in enumerate(points):
        share = 0.5 if i == 0 and all(points) else 1.0
        rows = []
        side_clock = Clock(None if clock.left() is None else clock.left() * share)
        for p in xs:
            done, row = side_clock.attempt(lambda p=p: _row(f, x, p))
            if not done or row is None:
                finished = False
                break
            rows.append(row)
        sides.append(tuple(rows))
    return (sides[0], sides[1]), finished


def _exponents(f: sympy.Basic, x: sympy.Symbol) -> list[sympy.Basic]:
    """The exponents in ``f`` that depend on x (of exp, and of powers), innermost first."""
    found = [e.exp for e in f.atoms(sympy.Pow) if e.exp.has(x)]
    found += [e.args[0] for e in f.atoms(sympy.exp) if e.args[0].has(x)]
    return sorted(found, key=sympy.count_ops)


def too_large(f: sympy.Basic, x: sympy.Symbol, point: sympy.Basic) -> bool:
    """True when an exponent in ``f`` at ``point`` is beyond :data:`HUGE`, so that the
    value has more digits than can be written out in time.

    >>> x = sympy.Symbol("x", real=True)
    >>> too_large(sympy.exp(sympy.exp(x)), x, sympy.Integer(10)**6)
    True
    >>> too_large(sympy.exp(sympy.exp(x)), x, sympy.Integer(10)**4)
    False
    """
    for exponent in _exponents(f, x):
        size = value_at(sympy.Abs(exponent), x, point)
        if size is not None and size > HUGE:
            return True
    return False


def _row(f: sympy.Basic, x: sympy.Symbol, point: sympy.Basic) -> Row | None:
    """The row (point, f(point)), or None where the value is too large to compute."""
    return None if too_large(f, x, point) else (point, value_at(f, x, point))
