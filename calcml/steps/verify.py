"""Re-check every claim of a worked solution by an independent numeric method.

Each step states an equality, its ``claim`` ``(lhs, rhs)``. Nothing of calcml's rules is
trusted here: a derivative is taken again by SymPy and both sides compared at sample
points; an antiderivative is differentiated back (so it holds up to a constant); a
definite integral is computed by mpmath's quadrature; a limit is approached numerically
from each side (a claimed "does not exist" is shown by sides that differ, oscillate or
blow up); a line of algebra is compared at real points where both sides are defined. The
one-variable numeric work is in :mod:`calcml.steps.verify_numeric`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import sympy

from calcml.errors import TimeLimitError
from calcml.steps.base import Solution, Step, provides
from calcml.steps.verify_numeric import (
    Verdict,
    check_definite,
    check_limit,
    compare_at_points,
    plain,
)
from calcml.timelimit import run_limited

__all__ = ["StepVerdict", "VerifyReport", "check_claim", "verify_steps"]


@dataclass(frozen=True)
class StepVerdict:
    """What the check of one step's claim found: ``status`` is "true", "false" or
    "unchecked", and ``reason`` says why (the numbers that decided it)."""

    step: Step
    status: str
    reason: str

    def __str__(self) -> str:
        lhs, rhs = self.step.claim
        return f"{self.step.rule}: {lhs} = {rhs}: {self.status}, {self.reason}"


@dataclass(frozen=True)
class VerifyReport:
    """The verdicts on a solution's claims: the ``false`` ones, the ``unchecked`` ones
    (with the reason), how many were ``checked`` true, and how many steps state no claim."""

    checked: int
    false: tuple[StepVerdict, ...]
    unchecked: tuple[StepVerdict, ...]
    without_claim: int

    @property
    def ok(self) -> bool:
        """True when no claim was found false."""
        return not self.false

    def __str__(self) -> str:
        lines = [f"{self.checked} claims true, {len(self.false)} false, "
                 f"{len(self.unchecked)} unchecked, {self.without_claim} steps without claim"]
        lines += [f"FALSE {v}" for v in self.false]
        lines += [f"unchecked {v}" for v in self.unchecked]
        return "\n".join(lines)


@provides("verify_steps")
def verify_steps(solution: Solution | Step, seconds: float = 30.0) -> VerifyReport:
    """Check the claim of every step of ``solution`` within ``seconds`` in all; a claim
    left when the time is up is reported unchecked.

    >>> from calcml.symbolic.derivatives.derivative import derivative
    >>> report = verify_steps(derivative("x^2*sin(x)"))
    >>> report.ok, report.checked > 3, report.unchecked
    (True, True, ())
    """
    root = solution.step if isinstance(solution, Solution) else solution
    deadline = time.monotonic() + seconds
    seen: dict[tuple, Verdict] = {}
    verdicts: list[StepVerdict] = []
    without = 0
    for step in root.walk():
        claim = step.claim
        if claim is None:
            without += 1
            continue
        if claim not in seen:
            seen[claim] = _timed_check(claim, deadline - time.monotonic())
        verdicts.append(StepVerdict(step, *seen[claim]))
    return VerifyReport(checked=sum(v.status == "true" for v in verdicts),
                        false=tuple(v for v in verdicts if v.status == "false"),
                        unchecked=tuple(v for v in verdicts if v.status == "unchecked"),
                        without_claim=without)


def _timed_check(claim: tuple[sympy.Basic, sympy.Basic], seconds: float) -> Verdict:
    if seconds <= 0:
        return "unchecked", "no time was left to check it"
    try:
        return run_limited(lambda: check_claim(*claim), seconds, "checking a step")
    except TimeLimitError:
        return "unchecked", "the check ran out of time"


def check_claim(lhs: sympy.Basic, rhs: sympy.Basic) -> Verdict:
    """The verdict on ``lhs = rhs``: ("true" | "false" | "unchecked", reason).

    >>> x = sympy.Symbol("x")
    >>> check_claim(sympy.Integral(2*x, x), x**2 + 5)[0]
    'true'
    >>> check_claim(sympy.Limit(sympy.sin(x)/x, x, 0), sympy.Integer(2))[0]
    'false'
    """
    if isinstance(lhs, (sympy.MatrixBase, sympy.Tuple)):
        return _entrywise(lhs, rhs)
    try:
        lhs, rhs = plain(lhs), plain(rhs)
        if isinstance(lhs, sympy.Limit):
            return check_limit(lhs, rhs)
        if isinstance(lhs, sympy.Integral) and len(lhs.limits) == 1:
            if len(lhs.limits[0]) == 3:
                return check_definite(lhs, rhs)
            var = lhs.limits[0][0]
            return compare_at_points(lhs.function, _differentiated(rhs, var),
                                     "differentiated back")
        if lhs.has(sympy.Sum) or rhs.has(sympy.Sum):
            return "unchecked", "a sum with a symbolic number of terms"
        return compare_at_points(lhs.doit(), rhs, "at sample points")
    except (TypeError, ValueError, ArithmeticError, NotImplementedError, AttributeError) as e:
        return "unchecked", f"could not evaluate ({type(e).__name__}: {e})"


def _differentiated(F: sympy.Basic, x: sympy.Symbol) -> sympy.Basic:
    """dF/dx; a floor or ceiling (a step function) has derivative 0 between its jumps."""
    steps = (sympy.floor, sympy.ceiling)
    flat = F.replace(lambda e: isinstance(e, steps), lambda e: sympy.Dummy(real=True)) \
        if F.has(*steps) else F
    return sympy.diff(flat, x)


def _entrywise(lhs: sympy.Basic, rhs: sympy.Basic) -> Verdict:
    """A vector, matrix or tuple of claims: false if any entry is, true if every one is."""
    left, right = list(lhs), list(rhs)
    if len(left) != len(right):
        return "false", f"{len(left)} entries on the left, {len(right)} on the right"
    found = [check_claim(a, b) for a, b in zip(left, right, strict=True)]
    for status in ("false", "unchecked"):
        for i, (s, why) in enumerate(found):
            if s == status:
                return status, f"entry {i + 1}: {why}"
    return "true", "every entry: " + found[0][1] if found else "no entries"
