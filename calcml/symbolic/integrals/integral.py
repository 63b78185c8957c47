"""Integrals with worked steps: antiderivatives (+ C) and definite integrals, each checked
independently (differentiated back; compared with SciPy's ``quad``).

>>> from calcml.symbolic.integrals.integral import integral
>>> x = sympy.Symbol("x", real=True)
>>> integral(x/2, x, 1, 2).result
3/4
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_parsed, as_symbol
from calcml.expr.printing import to_text
from calcml.expr.values import read_number
from calcml.steps.base import Check, Solution, Step
from calcml.steps.integrals.definite import (
    DIVERGES,
    ConstantOfIntegration,
    ImproperIntegral,
    NoAntiderivative,
    NumericValue,
)
from calcml.steps.typed import SimplifyAsTyped, restate_as_typed
from calcml.symbolic.integrals.check import derivative_check, mpmath_check, quad, quad_check
from calcml.symbolic.integrals.definite import definite_steps
from calcml.symbolic.integrals.search import Budget, find_antiderivative

__all__ = ["DIVERGES", "IntegralSolution", "integral"]

Bound = str | sympy.Basic | int | float | None


@dataclass(frozen=True)
class IntegralSolution(Solution):
    """A worked integral. ``antiderivative`` is the F found (None where none was found);
    an indefinite integral's ``result`` is F without the constant, shown as ``F + C``.
    A definite integral's ``result`` is its value, ``oo``/``-oo``, or :data:`DIVERGES`.
    """

    antiderivative: sympy.Expr | None = None

    @property
    def integrand(self) -> sympy.Expr:
        """The integrand the work is on: the problem's, simplified where it was typed in a
        form that simplifies (1 for x/x, which a numeric rule may sample at 0).

        >>> integral("x/x", "x", -1, 1).integrand
        1
        """
        if isinstance(self.step, SimplifyAsTyped):
            return self.step.simplified
        return self.problem.function

    @property
    def definite(self) -> bool:
        """True for a definite integral (with bounds)."""
        return len(self.problem.limits[0]) == 3

    @property
    def diverges(self) -> bool:
        """True for a definite integral that has no finite value."""
        return self.definite and (self.result == DIVERGES or self.result in (sympy.oo,
                                                                             -sympy.oo))

    @property
    def divergence(self) -> str:
        """How a divergent integral diverges, in a sentence ("" when it converges): its
        area is infinite (the value is oo or -oo), a piece of it is infinite, or it
        oscillates, with the limit that does not exist named.

        >>> integral("sin(x)", "x", 0, "oo").divergence  # doctest: +ELLIPSIS
        'the integral diverges by oscillation: lim(t ... (1 ... cos(t)) does not exist, ...'
        >>> integral("1/x", "x", 1, "oo").divergence  # doctest: +ELLIPSIS
        'the integral diverges: the area is infinite (its value is ...)'
        >>> integral("1/x", "x", -1, 1).divergence  # doctest: +ELLIPSIS
        'the integral diverges: a piece of it is infinite (...), so the whole has no value'
        """
        if not self.diverges:
            return ""
        if self.result != DIVERGES:
            return ("the integral diverges: the area is infinite (its value is "
                    f"{to_text(self.result)})")
        improper = [s for s in self.step.walk() if isinstance(s, ImproperIntegral)]
        swinging = [s.limit for s in improper if s.result == DIVERGES]
        infinite = [s for s in improper if s.result in (sympy.oo, -sympy.oo)]
        if infinite and not swinging:
            piece = infinite[0]
            return (f"the integral diverges: a piece of it is infinite "
                    f"({to_text(piece.expression)} = {to_text(piece.result)}), so the whole "
                    "has no value")
        named = f"{to_text(swinging[0])} does not exist, " if swinging else ""
        return (f"the integral diverges by oscillation: {named}the partial integrals swing "
                "and never settle")

    @property
    def shown_result(self) -> Any:
        """The answer as the problem's line shows it: an indefinite integral's with ``+ C``."""
        if self.definite or isinstance(self.step, NoAntiderivative):
            return self.result
        return self.step.result


def integral(expr: str | sympy.Basic, var: str | sympy.Symbol = "x", lower: Bound = None,
             upper: Bound = None, *, timeout: float | None = 5.0) -> IntegralSolution:
    """The integral of ``expr`` in ``var``, with worked steps and independent checks.

    Without bounds: an antiderivative F (the ``result``, shown as F + C), checked by
    differentiating it back. With ``lower`` and ``upper`` (numbers, text such as "pi/2",
    or "oo"): the definite integral by the fundamental theorem of calculus, improper ends
    as limits, checked against ``scipy.integrate.quad``. The attempts together run under
    ``timeout`` seconds (None for no limit).

    >>> x = sympy.Symbol("x", real=True)
    >>> sol = integral(1/x, x)
    >>> sol.result, sol.agreed
    (log(Abs(x)), True)
    >>> print(sol.to_text().splitlines()[0])
    ∫ (1/x) dx = ln(|x|) + C
    >>> integral("1/x^2", "x", 1, "oo").result
    1
    """
    parsed = as_parsed(expr)
    f = parsed.value
    if not isinstance(f, sympy.Expr):
        raise InputError(f"an integral needs an expression such as x^2 + 1, not a "
                         f"{type(f).__name__}")
    x = _variable(var, f)
    budget = Budget(timeout)
    if lower is None and upper is None:
        found = _indefinite(f, x, budget)
        return found if found.antiderivative is None else restate_as_typed(parsed, found)
    if lower is None or upper is None:
        raise InputError("a definite integral needs both bounds: give lower and upper "
                         "(--from and --to), or neither for an antiderivative")
    a, b = _bound(lower, "lower"), _bound(upper, "upper")
    return restate_as_typed(parsed, _definite(f, x, a, b, budget))


def _indefinite(f, x, budget: Budget) -> IntegralSolution:
    anti = find_antiderivative(f, x, budget)
    problem = sympy.Integral(f, x)
    if isinstance(anti, NoAntiderivative):
        return IntegralSolution(problem=problem, result=anti.result, step=anti)
    F = anti.result
    return IntegralSolution(problem=problem, result=F, step=ConstantOfIntegration(anti),
                            checks=(derivative_check(F, f, x),), antiderivative=F)


def _definite(f, x, a, b, budget: Budget) -> IntegralSolution:
    anti = find_antiderivative(f, x, budget)
    step = definite_steps(f, x, a, b, anti, budget)
    checks: list[Check] = []
    F = None
    if isinstance(anti, NoAntiderivative):
        checks.append(mpmath_check(f, x, a, b, float(step.result)))
    else:
        F = anti.result
        checks.append(derivative_check(F, f, x))
        if not f.free_symbols - {x}:
            checks.append(quad_check(f, x, a, b, step.result))
            step, checks = _what_the_checks_support(f, x, a, b, step, checks)
    return IntegralSolution(problem=sympy.Integral(f, (x, a, b)), result=step.result,
                            step=step, checks=tuple(checks), antiderivative=F)


def _what_the_checks_support(f, x, a, b, step, checks: list[Check]
                             ) -> tuple[Step, list[Check]]:
    """``step`` when quadrature agrees with its value. Otherwise (an antiderivative that
    jumps inside the interval, say) the value quadrature supports, given as a numeric
    value and checked by a second quadrature; the disagreement stays among the checks."""
    found = checks[-1]
    if found.agreed:
        return step, checks
    value, error, warned = quad(f, x, a, b)
    if warned or not math.isfinite(value):
        raise InputError(f"the exact value {to_text(step.result)} from the antiderivative "
                         f"disagrees with numeric integration ({found.detail}), which cannot "
                         "give a trusted value either; try other bounds")
    numeric = NumericValue(integrand=f, var=x, lower=a, upper=b,
                           value=sympy.Float(value, 15), error=error,
                           method="scipy.integrate.quad (adaptive Gauss-Kronrod)",
                           rejected=step.result)
    disagreed = Check(found.method, False, value=found.value,
                      detail=f"{found.detail}, not F(b) - F(a) = {to_text(step.result)}; "
                             "the answer given is the numeric value")
    return numeric, [*checks[:-1], disagreed, mpmath_check(f, x, a, b, value)]


def _variable(var: str | sympy.Symbol, f: sympy.Expr) -> sympy.Symbol:
    if isinstance(var, sympy.Symbol) and var not in f.free_symbols:
        return as_symbol(var.name, f)
    if isinstance(var, sympy.Symbol | str):
        return as_symbol(var, f)
    raise InputError(f"the variable must be a name such as x, not {var!r}")


def _bound(value: Bound, which: str) -> sympy.Expr:
    return read_number(value, f"the {which} bound", infinite=True)
