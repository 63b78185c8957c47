"""Worked gradients and Hessians against bare SymPy, each call with SymPy's cache cleared.

For every expression of a fixed 100-expression corpus, time bare ``sympy.diff`` (one call
per entry: n first partials for a gradient; the n first partials, then each differentiated
again for the upper triangle of a Hessian, as ``sympy.hessian`` does) and calcml's worked
solution, which includes its steps and its own independent checks; report the median and
p95 per expression, and check that the answers agree.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial as bind

import sympy

from benchmarks.harness import Timing, best_cold, timing, verify_row, with_claims
from benchmarks.multivar_corpus import MULTIVAR
from calcml import parse
from calcml.symbolic.partials.partial import gradient, hessian

TITLE = "worked gradients and Hessians against bare sympy.diff"



def bare_gradient(f: sympy.Expr, xs: list[sympy.Symbol]) -> sympy.Matrix:
    """∇f by bare ``sympy.diff``, one call per variable."""
    return sympy.Matrix([sympy.diff(f, x) for x in xs])


def bare_hessian(f: sympy.Expr, xs: list[sympy.Symbol]) -> sympy.Matrix:
    """The Hessian by bare ``sympy.diff``: first partials, then the upper triangle."""
    first = [sympy.diff(f, x) for x in xs]
    n = len(xs)
    upper = {(i, j): sympy.diff(first[i], xs[j]) for i in range(n) for j in range(i, n)}
    return sympy.Matrix(n, n, lambda i, j: upper[min(i, j), max(i, j)])


def _rows(task: str, worked: Callable, bare: Callable, repeats: int,
          limit_to: int | None) -> list[Timing]:
    mine, base, wrong, solutions = [], [], [], []
    for text in MULTIVAR[:limit_to]:
        f = parse(text)
        xs = sorted(f.free_symbols, key=lambda s: s.name)
        t_bare, expected = best_cold(bind(bare, f, xs), repeats)
        t_worked, sol = best_cold(bind(with_claims(worked), f, xs, timeout=None), repeats)
        solutions.append(sol)
        base.append(t_bare)
        mine.append(t_worked)
        same = [(a - b).equals(0) for a, b in zip(sol.result, expected, strict=True)]
        if not sol.agreed or any(d is False for d in same):
            wrong.append(text)
    note = f"{len(base)} expressions, all agree" if not wrong else f"DISAGREE: {wrong[:3]}"
    return [timing(task, "sympy.diff", base, "bare, no steps"),
            timing(task, "calcml", mine, note + ", claims built"),
            verify_row(f"verify_steps ({task.split()[0]})", solutions)]


def run(quick: bool = False) -> list[Timing]:
    """Gradient and Hessian rows; ``quick`` runs a few expressions once, as a smoke test."""
    repeats, n = (1, 5) if quick else (3, None)
    return (_rows("gradient (per expression)", gradient, bare_gradient, repeats, n)
            + _rows("Hessian (per expression)", hessian, bare_hessian, repeats, n))
