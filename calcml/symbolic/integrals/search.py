"""The bounded search for an antiderivative with worked steps.

Attempts, in order, each under its share of the time left: SymPy's rule search
(``manualintegrate.integral_steps``, sub-integrals memoized by
:mod:`calcml.symbolic.integrals.rules`), converted to calcml steps; then SymPy's
``integrate``. Every candidate is differentiated back and must be real wherever the
integrand is; a candidate that is not (a complex branch, or a form right on one side
only) is repaired into a real form or rejected. Answers are cached by integrand.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TypeVar

import sympy

from calcml.errors import TimeLimitError
from calcml.steps.base import Step
from calcml.steps.integrals.definite import NoAntiderivative, RealForm, SympyIntegrate
from calcml.symbolic.integrals.check import derivative_check, is_antiderivative
from calcml.symbolic.integrals.convert import NoRule, to_steps
from calcml.symbolic.integrals.rules import rule_tree
from calcml.timelimit import run_limited

__all__ = ["Budget", "clear_cache", "find_antiderivative"]

R = TypeVar("R")
CACHE_SIZE = 256
_cache: OrderedDict[tuple[sympy.Expr, sympy.Symbol], Step] = OrderedDict()

MIN_SECONDS = 0.05
"""Less time left than this counts as none."""

RULE_SEARCH_SHARE = 0.6
"""The part of the time left that SymPy's rule search may use; the rest is kept for
``integrate`` and the checks."""


class Budget:
    """A deadline shared by the attempts of one integral; each runs under a share of what
    is left (no limit when ``seconds`` is None)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def left(self) -> float | None:
        """Seconds left, or None for no limit."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def run(self, fn: Callable[[], R], share: float, what: str) -> R:
        """``fn()`` under ``share`` of the time left; TimeLimitError when none is left.

        >>> Budget(1.0).run(lambda: 2 + 2, 0.5, "a sum")
        4
        """
        self.check()
        left = self.left()
        return run_limited(fn, None if left is None else left * share, what)

    def check(self) -> None:
        """Raise TimeLimitError when (almost) no time is left."""
        left = self.left()
        if left is not None and left <= MIN_SECONDS:
            raise TimeLimitError(f"the integral took longer than the time limit of "
                                 f"{self.seconds:g} s; try a simpler integrand or raise the "
                                 "limit with timeout=...")


def clear_cache() -> None:
    """Forget the antiderivatives found and checked so far (benchmarks time cold calls)."""
    _cache.clear()
    derivative_check.cache_clear()


def find_antiderivative(f: sympy.Expr, x: sympy.Symbol, budget: Budget) -> Step:
    """Steps to a real antiderivative of ``f`` in ``x``, checked by differentiating back; a
    :class:`NoAntiderivative` step where none is found in time.

    >>> x = sympy.Symbol("x", real=True)
    >>> find_antiderivative(1/x, x, Budget(5.0)).result
    log(Abs(x))
    """
    key = (f, x)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    step, reason = _rule_search(f, x, budget)
    if step is None:
        step, reason = _sympy_integrate(f, x, budget, reason)
    if step is None:
        budget.check()
        return NoAntiderivative(integrand=f, var=x, reason=reason)
    _cache[key] = step
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return step


def _rule_search(f, x, budget: Budget) -> tuple[Step | None, str]:
    taken = {s.name for s in f.free_symbols}

    def search() -> Step:
        return to_steps(rule_tree(f, x, budget.left()), taken)

    try:
        step = budget.run(search, RULE_SEARCH_SHARE, "the rule search")
    except NoRule:
        return None, "the rule search found no rule for part of the integrand"
    except TimeLimitError:
        return None, f"the rule search ran out of time{_within(budget)}"
    except (ValueError, TypeError, NotImplementedError, AttributeError, AssertionError):
        return None, "the rule search failed on this integrand"
    return _checked(step, f, x, budget), "the rule search's answer did not check out"


def _within(budget: Budget) -> str:
    """Which limit the time ran out within, for the learner's message."""
    return "" if budget.seconds is None else f" (the time limit of {budget.seconds:g} s)"


def _sympy_integrate(f, x, budget: Budget, why: str) -> tuple[Step | None, str]:
    try:
        value = budget.run(lambda: sympy.integrate(f, x), 0.8, "SymPy's integrate")
    except TimeLimitError:
        return None, f"{why}, and SymPy's integrate ran out of time{_within(budget)}"
    except (ValueError, TypeError, NotImplementedError, AttributeError):
        return None, f"{why}, and SymPy's integrate failed"
    if value.has(sympy.Integral):
        return None, f"{why}, and SymPy's integrate found none either"
    step = SympyIntegrate(integrand=f, var=x, reason=why, antiderivative=value)
    checked = _checked(step, f, x, budget)
    if checked is None:
        return None, f"{why}, and SymPy's integrate gave no real antiderivative"
    return checked, ""


def _checked(step: Step, f, x, budget: Budget) -> Step | None:
    """``step`` when its result checks out; else a RealForm of it that does; else None
    (also when the checks run out of their share of time)."""
    try:
        return budget.run(lambda: _real_checked(step, f, x), 0.7, "checking the integral")
    except TimeLimitError:
        return None


def _real_checked(step: Step, f, x) -> Step | None:
    """A form holding the imaginary unit is never shown, even where it is used only off
    the real domain (a piecewise answer's other branch)."""
    if not step.result.has(sympy.I) and is_antiderivative(step.result, f, x):
        return step
    for method, candidate in _real_forms(step.result, x):
        if candidate.has(sympy.I) or not is_antiderivative(candidate, f, x):
            continue
        if isinstance(step, SympyIntegrate):
            return replace(step, antiderivative=candidate, real_form_by=method)
        return RealForm(substep=step, real_form=candidate, method=method)
    return None


_INVERSE_TRIG = (sympy.asin, sympy.acos, sympy.acot, sympy.asec, sympy.acsc)


def _real_forms(F: sympy.Expr, x: sympy.Symbol) -> Iterator[tuple[str, sympy.Expr]]:
    """Candidate real forms of ``F``, cheapest first."""
    if F.has(sympy.log):
        yield ("logarithms of absolute values, ln|g| in place of ln g",
               F.replace(sympy.log, lambda a: sympy.log(sympy.Abs(a))))
    if F.has(*_INVERSE_TRIG):
        positive = sympy.Dummy("x", positive=True)
        yield ("inverse trigonometric functions written as arctangents, which hold on "
               "both sides of the domain",
               sympy.simplify(F.xreplace({x: positive}).rewrite(sympy.atan))
               .xreplace({positive: x}))
    if isinstance(F, sympy.Piecewise):
        for branch in F.args:
            yield "the branch of SymPy's piecewise answer that is real", branch.expr
    if F.has(sympy.I):
        yield "the real part", sympy.simplify(sympy.re(F))
