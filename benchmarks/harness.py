"""Timing and the ratio table every benchmark prints."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """One contender on one task: median and spread of repeated runs, in seconds."""

    task: str
    contender: str
    median: float
    p95: float
    repeats: int
    note: str = ""


def measure(fn: Callable[[], object], repeats: int = 7, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``repeats`` calls of ``fn`` after ``warmup`` calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def best_cold(fn: Callable[[], object], repeats: int) -> tuple[float, object]:
    """Best of ``repeats`` calls of ``fn``, each with SymPy's cache cleared first, and the
    value of the last call: a worked solution and bare SymPy both start cold."""
    from sympy.core.cache import clear_cache

    best, value = float("inf"), None
    for _ in range(repeats):
        clear_cache()
        start = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - start)
    return best, value


def with_claims(fn: Callable[..., object]) -> Callable[..., object]:
    """``fn`` (an engine returning a Solution) with every step's claim built, so the time
    of a worked solution includes its claims."""
    def worked(*args, **kwargs):
        solution = fn(*args, **kwargs)
        for step in solution.step.walk():
            step.claim  # noqa: B018 - built for its cost
        return solution
    return worked


def verify_row(task: str, solutions: list, seconds: float = 30.0) -> Timing:
    """``verify_steps()`` timed on each solution (on demand, not part of the answer)."""
    times, false = [], 0
    for solution in solutions:
        start = time.perf_counter()
        report = solution.verify_steps(seconds=seconds)
        times.append(time.perf_counter() - start)
        false += len(report.false)
    note = f"{len(times)} solutions, {false} false claims"
    return timing(task, "calcml verify_steps", times, note)


def timing(task: str, contender: str, times: list[float], note: str = "") -> Timing:
    """Summarise raw times as a :class:`Timing`."""
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return Timing(task, contender, statistics.median(ordered), p95, len(ordered), note)


def table(rows: list[Timing], reference: str) -> str:
    """A plain table: each task's contenders with their time as a ratio to ``reference``."""
    lines = [f"{'task':<34} {'contender':<26} {'median':>11} {'p95':>11} "
             f"{'ratio to ' + reference:>18}  note"]
    for task in dict.fromkeys(r.task for r in rows):
        group = [r for r in rows if r.task == task]
        ref = next((r.median for r in group if r.contender == reference), None)
        for r in group:
            ratio = f"{r.median / ref:.2f}x" if ref else "-"
            lines.append(f"{task:<34} {r.contender:<26} {_secs(r.median):>11} "
                         f"{_secs(r.p95):>11} {ratio:>18}  {r.note}")
    return "\n".join(lines)


def _secs(s: float) -> str:
    if s >= 1:
        return f"{s:.3f} s"
    if s >= 1e-3:
        return f"{s * 1e3:.3f} ms"
    return f"{s * 1e6:.1f} us"
