"""The search for an antiderivative with worked steps, bounded by the work it does.

Attempts, in order: SymPy's rule search (``manualintegrate.integral_steps``, sub-integrals
memoized by :mod:`calcml.symbolic.integrals.rules`), converted to calcml steps; then
SymPy's ``integrate``. The rule search may try a fixed number of sub-integrals (its
``nodes``), never "what time is left", so the same integrand gets the same steps on an idle
machine and on a busy one. The wall clock only guards the whole integral: when it runs
out, the integral ends in a :class:`~calcml.errors.TimeLimitError`, never in a quieter
change of method. Every candidate is differentiated back and must be real wherever the
integrand is; a candidate that is not (a complex branch, or a form right on one side only)
is repaired into a real form or rejected. Answers are cached by integrand.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import NoReturn, TypeVar

import sympy

from calcml.errors import TimeLimitError
from calcml.steps.base import Step
from calcml.steps.integrals.definite import (
    NoAntiderivative,
    RealForm,
    RealFormKind,
    SearchStop,
    SympyIntegrate,
    SympyOutcome,
)
from calcml.symbolic.integrals.check import derivative_check, is_antiderivative
from calcml.symbolic.integrals.convert import NoRule, to_steps
from calcml.symbolic.integrals.rules import DEFAULT_NODES, WorkLimitError, rule_tree
from calcml.timelimit import run_limited

__all__ = ["Budget", "clear_cache", "find_antiderivative"]

R = TypeVar("R")
CACHE_SIZE = 256
_cache: OrderedDict[tuple[sympy.Expr, sympy.Symbol, int], Step] = OrderedDict()

MIN_SECONDS = 0.05
"""Less time left than this counts as none."""

_clock = time.monotonic
"""The wall clock of the outer guard (a test makes it run fast to play a busy machine)."""


class Budget:
    """The limits of one integral: ``nodes``, the sub-integrals the rule search may try
    (the bound that decides the method), and ``seconds``, a wall-clock guard over all of
    the work (None for none), whose end is an error.

    >>> Budget(1.0).run(lambda: 2 + 2, "a sum")
    4
    """

    def __init__(self, seconds: float | None, nodes: int = DEFAULT_NODES) -> None:
        self.seconds = seconds
        self.nodes = nodes
        self.deadline = None if seconds is None else _clock() + seconds

    def left(self) -> float | None:
        """Seconds left, or None for no limit."""
        return None if self.deadline is None else self.deadline - _clock()

    def run(self, fn: Callable[[], R], what: str) -> R:
        """``fn()`` under the time left; TimeLimitError, naming ``what`` was under way, when
        it runs out."""
        self.check(what)
        try:
            return run_limited(fn, self.left(), what)
        except TimeLimitError:
            self.expired(what)

    def check(self, what: str = "finding it") -> None:
        """Raise TimeLimitError when (almost) no time is left."""
        left = self.left()
        if left is not None and left <= MIN_SECONDS:
            self.expired(what)

    def expired(self, what: str) -> NoReturn:
        """Raise the learner's TimeLimitError: the integral's limit ran out during ``what``.

        >>> Budget(2.0).expired("the rule search")
        Traceback (most recent call last):
        ...
        calcml.errors.TimeLimitError: the integral took longer than the time limit of 2 s ...
        """
        limit = "its time limit" if self.seconds is None else \
            f"the time limit of {self.seconds:g} s"
        raise TimeLimitError(f"the integral took longer than {limit} (during {what}); try a "
                             "simpler integrand or raise the limit with timeout=...")


def clear_cache() -> None:
    """Forget the antiderivatives found and checked so far (benchmarks time cold calls)."""
    _cache.clear()
    derivative_check.cache_clear()


def find_antiderivative(f: sympy.Expr, x: sympy.Symbol, budget: Budget) -> Step:
    """Steps to a real antiderivative of ``f`` in ``x``, checked by differentiating back; a
    :class:`NoAntiderivative` step where none is found (TimeLimitError when the clock runs
    out first).

    >>> x = sympy.Symbol("x", real=True)
    >>> find_antiderivative(1/x, x, Budget(5.0)).result
    log(Abs(x))
    """
    key = (f, x, budget.nodes)
    if key in _cache:
        _cache.move_to_end(key)
        return _cache[key]
    step, stop = _rule_search(f, x, budget)
    tried = budget.nodes if stop is SearchStop.WORK_LIMIT else 0
    if step is None:
        step, outcome = _sympy_integrate(f, x, budget, stop, tried)
        if step is None:
            return NoAntiderivative(integrand=f, var=x, search=stop, sympy_outcome=outcome,
                                    sub_integrals=tried, degree=_over_its_roots(f, x))
    _cache[key] = step
    if len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return step


def _rule_search(f, x, budget: Budget) -> tuple[Step | None, SearchStop]:
    taken = {s.name for s in f.free_symbols}

    def search() -> Step:
        return to_steps(rule_tree(f, x, budget.left(), budget.nodes), taken)

    try:
        step = budget.run(search, "the rule search")
    except NoRule:
        return None, SearchStop.NO_RULE
    except WorkLimitError:
        return None, SearchStop.WORK_LIMIT
    except (ValueError, TypeError, NotImplementedError, AttributeError, AssertionError):
        return None, SearchStop.FAILED
    return _checked(step, f, x, budget), SearchStop.NOT_CHECKED


def _sympy_integrate(f, x, budget: Budget, stop: SearchStop,
                     tried: int) -> tuple[Step | None, SympyOutcome | None]:
    if _over_its_roots(f, x):
        return None, SympyOutcome.OVER_THE_ROOTS
    try:
        value = budget.run(lambda: sympy.integrate(f, x), "SymPy's integrate")
    except (ValueError, TypeError, NotImplementedError, AttributeError):
        return None, SympyOutcome.FAILED
    if value.has(sympy.Integral):
        return None, SympyOutcome.NONE_FOUND
    if value.has(sympy.RootSum):
        return None, SympyOutcome.ROOT_SUM
    step = SympyIntegrate(integrand=f, var=x, search=stop, sub_integrals=tried,
                          antiderivative=value)
    checked = _checked(step, f, x, budget)
    if checked is None:
        return None, SympyOutcome.NOT_REAL
    return checked, None


def _over_its_roots(f: sympy.Expr, x: sympy.Symbol) -> int:
    """The degree of the denominator of a rational ``f`` whose denominator is one
    irreducible polynomial of degree 5 or more (and whose numerator is no multiple of its
    derivative): its antiderivative is a sum over the denominator's roots, a RootSum, which
    SymPy's integrate takes seconds to reach and calcml refuses anyway; 0 for any other
    integrand.

    >>> x = sympy.Symbol("x")
    >>> _over_its_roots(1 / (x**5 + 2), x)
    5
    >>> _over_its_roots(5 * x**4 / (x**5 + 2), x), _over_its_roots(1 / (x**4 + 1), x)
    (0, 0)
    """
    if not f.is_rational_function(x):
        return 0
    numerator, denominator = sympy.fraction(sympy.cancel(f))
    factors = sympy.factor_list(denominator, x)[1]
    if len(factors) != 1 or factors[0][1] != 1 or sympy.degree(denominator, x) < 5:
        return 0
    if not sympy.cancel(numerator / sympy.diff(denominator, x)).has(x):
        return 0
    return int(sympy.degree(denominator, x))


def _checked(step: Step, f, x, budget: Budget) -> Step | None:
    """``step`` when its result checks out; else a RealForm of it that does; else None."""
    return budget.run(lambda: _real_checked(step, f, x), "checking the antiderivative")


def _real_checked(step: Step, f, x) -> Step | None:
    """A form holding the imaginary unit is never shown, even where it is used only off
    the real domain (a piecewise answer's other branch)."""
    if not step.result.has(sympy.I) and is_antiderivative(step.result, f, x):
        return step
    for kind, candidate in _real_forms(step.result, x):
        if candidate.has(sympy.I) or not is_antiderivative(candidate, f, x):
            continue
        if isinstance(step, SympyIntegrate):
            return replace(step, antiderivative=candidate, real_form=kind)
        return RealForm(substep=step, real_form=candidate, kind=kind)
    return None


_INVERSE_TRIG = (sympy.asin, sympy.acos, sympy.acot, sympy.asec, sympy.acsc)


def _real_forms(F: sympy.Expr, x: sympy.Symbol) -> Iterator[tuple[RealFormKind, sympy.Expr]]:
    """Candidate real forms of ``F``, cheapest first."""
    if F.has(sympy.log):
        yield (RealFormKind.LOG_ABS,
               F.replace(sympy.log, lambda a: sympy.log(sympy.Abs(a))))
    if F.has(*_INVERSE_TRIG):
        positive = sympy.Dummy("x", positive=True)
        yield (RealFormKind.ARCTANGENT,
               sympy.simplify(F.xreplace({x: positive}).rewrite(sympy.atan))
               .xreplace({positive: x}))
    if isinstance(F, sympy.Piecewise):
        for branch in F.args:
            yield RealFormKind.REAL_BRANCH, branch.expr
    if F.has(sympy.I):
        yield RealFormKind.REAL_PART, sympy.simplify(sympy.re(F))
