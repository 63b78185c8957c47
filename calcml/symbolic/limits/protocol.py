"""What a rule for an indeterminate form needs from the solver that calls it.

A rule is ``rule(solver, f, a, side) -> Step | None``. It receives the solver as a
parameter typed by :class:`LimitWork`, so the rule modules (``rules``, ``known``) never
import the solver module, which imports them: the limits package has no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import sympy

from calcml.steps.base import Step


class LimitWork(Protocol):
    """The solver as a rule sees it: the variable, the unevaluated limit a step works on,
    the limit of a rewritten expression, and the piecewise split.

    >>> from calcml.symbolic.limits.solver import Solver
    >>> x = sympy.Symbol("x", real=True)
    >>> work: LimitWork = Solver(x)
    >>> work.limit_of(1/x, sympy.oo, "-")
    Limit(1/x, x, oo, dir='-')
    """

    x: sympy.Symbol
    lhopital_left: int

    def limit_of(self, f: sympy.Basic, a: sympy.Basic, side: str) -> sympy.Limit:
        """The unevaluated ``Limit`` a step works on."""
        ...

    def solve(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """The step that finds ``lim_{x->a} f`` from ``side``."""
        ...

    def piecewise(self, f: sympy.Basic, a: sympy.Basic, side: str) -> Step:
        """The limit of a piecewise ``f``, piece by piece."""
        ...


Rule = Callable[[LimitWork, sympy.Basic, sympy.Basic, str], Step | None]
"""A rule for an indeterminate form: its step, or None where it does not apply."""
