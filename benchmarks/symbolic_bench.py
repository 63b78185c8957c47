"""Worked derivatives and limits against bare SymPy, each call with SymPy's cache cleared.

For every expression of a fixed corpus, time SymPy's bare ``diff`` (or ``limit``) and
calcml's worked solution, which includes its own independent check; report the median and
p95 per expression of each, and check that the answers agree.
"""

from __future__ import annotations

from functools import partial

import sympy

from benchmarks.derivative_corpus import DERIVATIVES
from benchmarks.harness import Timing, best_cold, timing, verify_row, with_claims
from benchmarks.limit_corpus import LIMITS
from calcml import parse
from calcml.symbolic.derivatives.derivative import derivative
from calcml.symbolic.limits.limit import limit

TITLE = "worked derivatives and limits against bare SymPy"



def derivative_rows(repeats: int = 3, limit_to: int | None = None) -> list[Timing]:
    """Bare ``sympy.diff`` against ``calcml.derivative`` over the 200-expression corpus."""
    bare, worked, wrong, solutions = [], [], [], []
    for text in DERIVATIVES[:limit_to]:
        f = parse(text)
        x = sympy.Symbol("x", real=True)
        t_bare, expected = best_cold(partial(sympy.diff, f, x), repeats)
        t_worked, sol = best_cold(partial(with_claims(derivative), f, x), repeats)
        solutions.append(sol)
        bare.append(t_bare)
        worked.append(t_worked)
        if not sol.agreed or (sol.result - expected).equals(0) is False:
            wrong.append(text)
    note = f"{len(bare)} expressions, all agree" if not wrong else f"DISAGREE: {wrong[:3]}"
    task = "derivative (per expression)"
    return [timing(task, "sympy.diff", bare, "bare, no steps"),
            timing(task, "calcml", worked, note + ", claims built"),
            verify_row("verify_steps (per derivative)", solutions)]


def limit_rows(repeats: int = 3, limit_to: int | None = None) -> list[Timing]:
    """Bare ``sympy.limit`` against ``calcml.limit`` over the classic-limit corpus."""
    bare, worked, wrong, solutions = [], [], [], []
    for text, var, point, direction in LIMITS[:limit_to]:
        f, p = parse(text), parse(point)
        x = sympy.Symbol(var, real=True)
        sympy_dir = "+-" if direction == "+-" else direction
        t_bare, expected = best_cold(partial(sympy.limit, f, x, p, sympy_dir), repeats)
        t_worked, sol = best_cold(partial(with_claims(limit), f, x, p, direction), repeats)
        solutions.append(sol)
        bare.append(t_bare)
        worked.append(t_worked)
        if sol.result != expected and str(sol.result) != "DNE":
            wrong.append(text)
    note = (f"{len(bare)} limits, all agree with sympy.limit" if not wrong
            else f"differs from sympy.limit on {wrong[:3]}")
    task = "limit (per limit)"
    return [timing(task, "sympy.limit", bare, "bare, no steps"),
            timing(task, "calcml", worked, note + ", claims built"),
            verify_row("verify_steps (per limit)", solutions)]


def run(quick: bool = False) -> list[Timing]:
    """All symbolic rows; ``quick`` runs a few expressions once, as a smoke test."""
    repeats, n = (1, 5) if quick else (3, None)
    return derivative_rows(repeats, n) + limit_rows(repeats, n)
