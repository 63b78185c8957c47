"""Worked integrals against SymPy's rule search and bare ``integrate``, cold caches.

For each of the 50 textbook integrands of the corpus, time SymPy's bare ``integrate``,
SymPy's ``manualintegrate.integral_steps`` (the rule tree alone: no conversion, no
evaluation, no check) and calcml's worked ``integral`` (rule tree, steps, real form and
the differentiate-back check). Every call starts with SymPy's cache and calcml's cleared
and is cut off at 5 s; a call cut off counts 5 s and a time-out.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import sympy
from sympy.core.cache import clear_cache
from sympy.integrals import manualintegrate as mi

from benchmarks.harness import Timing, timing, verify_row, with_claims
from benchmarks.integral_corpus import INTEGRALS
from calcml import parse
from calcml.errors import CalcmlError, TimeLimitError
from calcml.symbolic.integrals import search as integral_search
from calcml.symbolic.integrals.integral import integral
from calcml.timelimit import run_limited

TITLE = "worked integrals against SymPy's integral_steps and integrate (50 integrands)"
LIMIT = 5.0


def _clear() -> None:
    clear_cache()
    integral_search.clear_cache()
    mi._integral_cache.clear()
    mi._parts_u_cache.clear()


def _cold(fn: Callable[[], object]) -> float | None:
    """Seconds of one cold call, or None when it is cut off at LIMIT seconds."""
    _clear()
    start = time.perf_counter()
    try:
        run_limited(fn, LIMIT, "the benchmark call")
    except TimeLimitError:
        return None
    return time.perf_counter() - start


def _best(contenders: dict[str, Callable[[], object]], repeats: int) -> dict[str, float | None]:
    """Best of ``repeats`` cold calls of each contender, the contenders taking turns (so
    that a busy spell of the machine falls on all of them); None for a time-out, which
    is not repeated."""
    best: dict[str, float | None] = {}
    for _ in range(repeats):
        for name, fn in contenders.items():
            if name in best and best[name] is None:
                continue
            seconds = _cold(fn)
            best[name] = None if seconds is None else min(best.get(name) or seconds, seconds)
    return best


def _contenders(f: sympy.Expr, x: sympy.Symbol) -> dict[str, Callable[[], object]]:
    return {"sympy.integrate": lambda: sympy.integrate(f, x),
            "sympy integral_steps": lambda: mi.integral_steps(f, x),
            "calcml": lambda: with_claims(integral)(f, x, timeout=LIMIT)}


def integral_rows(repeats: int = 3, limit_to: int | None = None) -> list[Timing]:
    """One row per contender over the corpus: median and p95 per integrand, time-outs."""
    times: dict[str, list[float]] = {}
    outs: dict[str, int] = {}
    x = sympy.Symbol("x", real=True)
    for text in INTEGRALS[:limit_to]:
        for name, seconds in _best(_contenders(parse(text), x), repeats).items():
            times.setdefault(name, []).append(LIMIT if seconds is None else seconds)
            outs[name] = outs.get(name, 0) + (seconds is None)
    task = "integral (per integrand)"
    rows = [timing(task, name, values, f"{outs[name]} of {len(values)} past {LIMIT:g} s"
                   + (", steps, claims and checks included" if name == "calcml" else ""))
            for name, values in times.items()]
    solved = []
    for text in INTEGRALS[:limit_to]:
        try:
            solved.append(integral(parse(text), x, timeout=LIMIT))
        except CalcmlError:
            continue
    return [*rows, verify_row("verify_steps (per integral)", solved)]


def run(quick: bool = False) -> list[Timing]:
    """The integral rows; ``quick`` runs a few integrands once, as a smoke test."""
    return integral_rows(1, 6) if quick else integral_rows()
