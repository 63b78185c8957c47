"""Symbolic work in worker processes with a hard time limit (pebble's process pool).

The engines stop themselves at their own time limit (``calcml.timelimit``), but a SymPy
call stuck in C code does not see that alarm. So every computation a request starts runs
in a worker process: when it is still running at the pool's hard limit, pebble kills that
worker and starts a fresh one, and the request gets a clear :class:`JobError`. The other
workers go on serving other requests meanwhile.

Quick work (a learner's progress read or written, an exercise generated or an answer
checked: everything in :mod:`calcml.web.practice_jobs`, and any job marked with
:func:`quick`) has a lane of worker processes of its own, so it never queues behind a
calculator drawing a graph; the calculator workers also run at a lower CPU priority, so
under load the practice pages stay fast. A job may name a ``screen`` (see
:func:`screened`): a cheap check of its input run in a thread of the server process before
the job is queued, so bad input (``9^9^9^9``, brackets nested 10,000 deep) is refused at
once and never takes a worker, however many calculators are waiting.

Each lane's queue is bounded (:class:`Lane`): when it is full the request is refused at
once (503, with Retry-After) instead of piling up; a job whose client has gone is dropped
while it waits. Size the lanes with :func:`pool_size` (the CPUs shared among the server
processes).

Workers are forked from a forkserver that has imported the engines, SymPy, Matplotlib
and SciPy once (``PRELOAD``), so a new or replaced worker is ready in a moment.
"""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
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
QUEUE_PER_WORKER = 8
"""Jobs that may wait in a lane, per worker of it; the next is refused with a 503."""
MAX_WAIT = 5.0
"""Seconds of work ahead beyond which a calculator job is refused (once a job per worker
waits). Quick work (a learner's answer) is refused only when its queue is full."""
CALCULATOR_NICE = 10
"""How much lower the calculator workers' CPU priority is (pages and answers go first)."""
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
    """Mark a job to be screened: ``screen(*args)`` runs in a thread of the server
    process before the job is queued, and a :class:`JobError` it raises is the answer.
    A screen must be cheap and bounded (the parser's guards: length, depth, digits)."""

    def mark(fn: F) -> F:
        fn.screen = screen  # type: ignore[attr-defined]
        return fn

    return mark


def is_quick(fn: Callable[..., Any]) -> bool:
    """Whether ``fn`` runs in the quick lane (marked, or practice work)."""
    return bool(getattr(fn, "quick", False)) or getattr(fn, "__module__", "") in QUICK_MODULES


class JobError(Exception):
    """A computation that could not give a result: bad input (status 422), over the hard
    time limit (408), a worker that died (500), or a full queue (503, with the seconds to
    wait before trying again as ``retry_after``). Picklable, so a worker can raise it.

    >>> err = JobError("expected a number", column=3)
    >>> err.message, err.column, err.status, err.retry_after
    ('expected a number', 3, 422, None)
    """

    def __init__(self, message: str, column: int | None = None, status: int = 422,
                 retry_after: int | None = None) -> None:
        super().__init__(message, column, status, retry_after)
        self.message = message
        self.column = column
        self.status = status
        self.retry_after = retry_after


CLIENT_GONE = 499
"""The status of a job whose client disconnected before it was answered (nobody reads it)."""


def pool_size(processes: int = 1, cpus: int | None = None) -> int:
    """Worker processes in each lane of one server process's pool: the machine's CPUs
    shared among the server processes, at least one, so that ``--workers 4`` on 2 cores
    starts 4 + 4 workers, not 16.

    >>> pool_size(processes=4, cpus=2), pool_size(processes=1, cpus=2), pool_size(2, cpus=8)
    (1, 2, 4)
    """
    if cpus is None:
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") \
            else os.cpu_count() or 1
    return max(1, cpus // max(1, processes))


def lower_priority() -> None:
    """A calculator worker's start: lower its CPU priority (``nice``), so that when the
    cores are busy the server processes and the quick lane (pages, answers) go first."""
    with suppress(OSError, AttributeError):
        os.nice(CALCULATOR_NICE)


class Lane:
    """Worker processes for one kind of work, with a bounded queue in front of them: a
    job waits (in arrival order) for a free worker, at most ``queue`` jobs wait (fewer when
    they would wait more than ``max_wait`` seconds), and the next is refused at once with
    a 503 :class:`JobError`. A waiting job whose client has left is dropped; a running one
    is left to finish (or to be killed at the hard limit): killing it would cost a fresh
    worker, more than the rest of a job within its limit."""

    def __init__(self, workers: int, queue: int, hard_limit: float, context: Any,
                 initializer: Callable[[], None] | None = None,
                 max_wait: float | None = None) -> None:
        self.workers, self.queue, self.hard_limit = workers, queue, hard_limit
        self.max_wait = max_wait
        self.pool = ProcessPool(max_workers=workers, context=context, initializer=initializer)
        self.free = asyncio.Semaphore(workers)
        self.waiting = 0
        self.dropped = 0
        self.seconds = 1.0  # a running mean of how long a job takes, for Retry-After

    def expected_wait(self) -> float:
        """Seconds the next job would likely wait: the jobs ahead of it (those waiting and
        those running), each taking as long as the last ones took."""
        return self.seconds * (self.waiting + self.workers) / self.workers

    def retry_after(self) -> int:
        """Whole seconds until the queue has likely moved on (1 to 60)."""
        return min(60, max(1, math.ceil(self.expected_wait())))

    def full(self) -> bool:
        """No worker free, and ``queue`` jobs waiting already, or (with ``max_wait``) at
        least one job per worker waiting with more than ``max_wait`` seconds of work ahead."""
        if not self.free.locked():
            return False
        return self.waiting >= self.queue or (
            self.max_wait is not None and self.waiting >= self.workers
            and self.expected_wait() > self.max_wait)

    async def run(self, fn: Callable[..., Any], args: tuple, gone: asyncio.Event | None
                  ) -> Any:
        if self.full():
            wait = self.retry_after()
            raise JobError(f"the server is busy: its queue for this kind of computation is "
                           f"full; nothing was computed or saved, try again in {wait} s",
                           status=503, retry_after=wait)
        self.waiting += 1
        try:
            if not await first(self.free.acquire(), gone):
                self.dropped += 1
                raise JobError("the client left before this computation started",
                               status=CLIENT_GONE)
        finally:
            self.waiting -= 1
        return await self._start(fn, args, gone)

    async def _start(self, fn: Callable[..., Any], args: tuple, gone: asyncio.Event | None
                     ) -> Any:
        loop, started = asyncio.get_running_loop(), time.monotonic()
        try:
            future = self.pool.schedule(fn, args=args, timeout=self.hard_limit)
        except BaseException:
            self.free.release()
            raise
        future.add_done_callback(lambda _: self._finished(loop, started))
        job = asyncio.wrap_future(future)
        job.add_done_callback(lambda f: f.cancelled() or f.exception())  # read, if left
        try:
            if not await first(asyncio.shield(job), gone):
                raise JobError("the client left while this was computed", status=CLIENT_GONE)
            return job.result()
        except FutureTimeout:
            raise JobError(f"the computation took longer than the server's hard time limit "
                           f"of {self.hard_limit:g} s and was stopped; try a simpler "
                           "expression", status=408) from None
        except (ProcessExpired, BrokenProcessPool) as err:
            raise JobError(f"the worker computing this stopped unexpectedly ({err}); "
                           "please try again", status=500) from None

    def _finished(self, loop: asyncio.AbstractEventLoop, started: float) -> None:
        with suppress(RuntimeError):  # the loop has closed: the server is stopping
            loop.call_soon_threadsafe(self._done, started)

    def _done(self, started: float) -> None:
        self.seconds = 0.8 * self.seconds + 0.2 * (time.monotonic() - started)
        self.free.release()


async def first(work: Awaitable[Any], gone: asyncio.Event | None) -> bool:
    """Await ``work`` (raising its error): True, or False (``work`` cancelled) when
    ``gone`` is set before it finishes."""
    task = asyncio.ensure_future(work)
    if gone is None:
        await task
        return True
    left = asyncio.ensure_future(gone.wait())
    try:
        await asyncio.wait({task, left}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        left.cancel()
        finished = task.done()
        if not finished:
            task.cancel()
    if finished:
        task.result()
    return finished


class WorkerPool:
    """Two lanes of ``workers`` processes (``quick_workers`` for quick work), each with
    at most ``queue`` jobs waiting (by default ``QUEUE_PER_WORKER`` per worker; for the
    calculators, fewer when they have more than ``MAX_WAIT`` seconds of work ahead); each
    job is killed after ``hard_limit`` seconds of running.

    >>> pool = WorkerPool(workers=1, hard_limit=30)
    >>> from calcml.web.jobs import api
    >>> asyncio.run(pool.run(api, "diff", {"expr": "x^3"}))["result_latex"]
    '3 x^{2}'
    >>> pool.close()
    """

    def __init__(self, workers: int = 2, hard_limit: float = 20.0,
                 quick_workers: int | None = None, queue: int | None = None) -> None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
        else:  # Windows: each worker imports the engines itself
            context = multiprocessing.get_context("spawn")
        quick_workers = quick_workers or workers
        self.hard_limit = hard_limit
        self.calculators = Lane(workers, QUEUE_PER_WORKER * workers if queue is None
                                else queue, hard_limit, context, lower_priority, MAX_WAIT)
        self.quick = Lane(quick_workers, QUEUE_PER_WORKER * quick_workers if queue is None
                          else queue, hard_limit, context)

    async def run(self, fn: Callable[..., Any], *args: Any,
                  gone: asyncio.Event | None = None) -> Any:
        """``fn(*args)`` in a worker; a :class:`JobError` when it fails, runs too long, or
        its lane's queue is full (503), or when ``gone`` (the client left) is set first.
        A job's screen runs first, here in a thread of the server process: bad input is
        refused before it waits for a worker."""
        screen = getattr(fn, "screen", None)
        if screen is not None:
            await asyncio.to_thread(screen, *args)
        lane = self.quick if is_quick(fn) else self.calculators
        return await lane.run(fn, args, gone)

    def close(self) -> None:
        """Stop the workers (running jobs are cancelled)."""
        for lane in (self.calculators, self.quick):
            lane.pool.stop()
        for lane in (self.calculators, self.quick):
            lane.pool.join(timeout=5)
