"""Symbolic work in worker processes with a hard time limit (pebble's process pool).

The engines stop themselves at their own time limit (``calcml.timelimit``), but a SymPy
call stuck in C code does not see that alarm. So every computation a request starts runs
in a worker process: when it is still running at the pool's hard limit, pebble kills that
worker and starts a fresh one, and the request gets a clear :class:`JobError`. The other
workers go on serving other requests meanwhile.

Quick work (a learner's progress read or written, an exercise generated or an answer
checked: everything in :mod:`calcml.web.practice_jobs`, and any job marked with
:func:`quick`) has a lane of worker processes of its own, so it never queues behind a
calculator drawing a graph: under load the practice pages stay fast. A job may name a
``screen`` (see :func:`screened`): a quick check of its input run in the quick lane first,
so bad input (``9^9^9^9``, brackets nested 10,000 deep) is refused at once however many
calculators are waiting.

Workers are forked from a forkserver that has imported the engines, SymPy, Matplotlib
and SciPy once (``PRELOAD``), so a new or replaced worker is ready in a moment.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from pebble import ProcessExpired, ProcessPool

# The engines import their heavy parts when first used (so that `calcml --help` starts
# fast); a worker would pay that, up to seconds, on its first request and again each time
# it is replaced. The forkserver imports them once instead, before forking any worker.
PRELOAD = ["calcml.web.jobs", "calcml.web.practice_jobs", "calcml.symbolic", "calcml.steps",
           "calcml.exercises.generators", "calcml.exercises.kinds", "calcml.exercises.mistakes",
           "calcml.numeric", "calcml.autodiff", "calcml.learn", "calcml.metrics",
           "calcml.course", "calcml.plot", "matplotlib.pyplot", "scipy.optimize",
           "scipy.integrate", "networkx"]
QUICK_MODULES = ("calcml.web.practice_jobs",)
F = TypeVar("F", bound=Callable[..., Any])


def quick(fn: F) -> F:
    """Mark ``fn`` as quick work, run in the pool's quick lane.

    >>> def lookup(): ...
    >>> is_quick(lookup), is_quick(quick(lookup))
    (False, True)
    """
    fn.quick = True  # type: ignore[attr-defined]
    return fn


def screened(screen: Callable[..., Any]) -> Callable[[F], F]:
    """Mark a job to be screened: ``screen(*args)`` runs in the quick lane before the job
    is queued, and a :class:`JobError` it raises is the answer."""

    def mark(fn: F) -> F:
        fn.screen = screen  # type: ignore[attr-defined]
        return fn

    return mark


def is_quick(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` runs in the quick lane (marked, or practice work)."""
    return bool(getattr(fn, "quick", False)) or getattr(fn, "__module__", "") in QUICK_MODULES


class JobError(Exception):
    """A computation that could not give a result: bad input (status 422), over the hard
    time limit (408), or a worker that died (500). Picklable, so a worker can raise it.

    >>> err = JobError("expected a number", column=3)
    >>> err.message, err.column, err.status
    ('expected a number', 3, 422)
    """

    def __init__(self, message: str, column: int | None = None, status: int = 422) -> None:
        super().__init__(message, column, status)
        self.message = message
        self.column = column
        self.status = status


class WorkerPool:
    """``workers`` processes, and ``quick_workers`` (by default as many) for quick work;
    each job is killed after ``hard_limit`` seconds of running.

    >>> pool = WorkerPool(workers=1, hard_limit=30)
    >>> from calcml.web.jobs import api
    >>> asyncio.run(pool.run(api, "diff", {"expr": "x^3"}))["result"]
    '3*x^2'
    >>> pool.close()
    """

    def __init__(self, workers: int = 2, hard_limit: float = 20.0,
                 quick_workers: int | None = None) -> None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
        else:  # Windows: each worker imports the engines itself
            context = multiprocessing.get_context("spawn")
        self.hard_limit = hard_limit
        self._pool = ProcessPool(max_workers=workers, context=context)
        self._quick = ProcessPool(max_workers=quick_workers or workers, context=context)

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """``fn(*args)`` in a worker; a :class:`JobError` when it fails or runs too long
        (or when its screen refuses the input)."""
        screen = getattr(fn, "screen", None)
        if screen is not None:
            await self._run(self._quick, screen, args)
        return await self._run(self._quick if is_quick(fn) else self._pool, fn, args)

    async def _run(self, lane: ProcessPool, fn: Callable[..., Any], args: tuple) -> Any:
        future = lane.schedule(fn, args=args, timeout=self.hard_limit)
        try:
            return await asyncio.wrap_future(future)
        except FutureTimeout:
            raise JobError(f"the computation took longer than the server's hard time limit "
                           f"of {self.hard_limit:g} s and was stopped; try a simpler "
                           "expression", status=408) from None
        except (ProcessExpired, BrokenProcessPool) as err:
            raise JobError(f"the worker computing this stopped unexpectedly ({err}); "
                           "please try again", status=500) from None

    def close(self) -> None:
        """Stop the workers (running jobs are cancelled)."""
        for lane in (self._pool, self._quick):
            lane.stop()
        for lane in (self._pool, self._quick):
            lane.join(timeout=5)
