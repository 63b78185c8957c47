"""Run symbolic work under a wall-clock limit, so that no user input can hang calcml."""

from __future__ import annotations

import functools
import math
import signal
import threading
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from calcml.errors import InputError, TimeLimitError

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_SECONDS = 5.0
MAX_SECONDS = 86_400.0  # a day: longer is no limit at all, and overflows the timers
_state = threading.local()


def run_limited(fn: Callable[[], R], seconds: float | None, what: str) -> R:
    """Call ``fn()``; raise :class:`TimeLimitError` if it takes longer than ``seconds``.

    In the main thread the limit is a ``SIGALRM`` timer, which interrupts pure-Python
    SymPy work where it stands. Elsewhere (a web worker thread) the call runs in a
    helper thread and is abandoned when the time is up. Nested calls share the outer limit.

    >>> run_limited(lambda: 1 + 1, 1.0, "addition")
    2
    >>> run_limited(lambda: 1 + 1, -1, "addition")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: the time limit must be a number of seconds above 0 and at most ...
    """
    _check_seconds(seconds)
    if seconds is None or getattr(_state, "active", False):
        return fn()
    _state.active = True
    try:
        if threading.current_thread() is threading.main_thread():
            return _with_alarm(fn, seconds, what)
        return _with_thread(fn, seconds, what)
    finally:
        _state.active = False


def _check_seconds(seconds: float | None) -> None:
    """Refuse a time limit no timer can keep (0 or less, NaN, past :data:`MAX_SECONDS`)."""
    if seconds is None:
        return
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) \
            or not (math.isfinite(seconds) and 0 < seconds <= MAX_SECONDS):
        raise InputError(f"the time limit must be a number of seconds above 0 and at most "
                         f"{MAX_SECONDS:g} (a day), not {seconds!r}")


def _message(what: str, seconds: float) -> str:
    return (f"{what} took longer than the time limit of {seconds:g} s; "
            "try a simpler expression or raise the limit with timeout=...")


_RETRY_SECONDS = 0.05


def _with_alarm(fn: Callable[[], R], seconds: float, what: str) -> R:
    """Run ``fn`` under a ``SIGALRM`` timer that nests inside a caller's own.

    A caller's pending timer (a test runner's timeout, an application's watchdog) is
    never cancelled: when it is due before our limit, the signal is handed back to the
    caller's handler at its time; otherwise it is re-armed with what remains of it.
    """
    caller_handler = signal.getsignal(signal.SIGALRM)
    caller_left, caller_interval = signal.getitimer(signal.ITIMER_REAL)
    caller_first = 0 < caller_left <= seconds
    started = time.monotonic()
    handed_back = False

    def on_alarm(signum, frame):
        nonlocal handed_back
        if caller_first:
            handed_back = True
            _restore(caller_handler, 1e-6, caller_interval)
            return
        # An exception raised while Python runs a callback (a gc hook, a __del__) is
        # swallowed there; re-arm, so the next alarm reaches the limited code itself.
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
        raise TimeLimitError(_message(what, seconds))

    signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, caller_left if caller_first else seconds)
    try:
        return fn()
    finally:
        if not handed_back:
            left = caller_left - (time.monotonic() - started) if caller_left > 0 else 0.0
            _restore(caller_handler, max(left, 1e-6) if caller_left > 0 else 0.0,
                     caller_interval)


def _restore(handler, left: float, interval: float) -> None:
    """Give the timer back to the caller: its handler, and ``left`` seconds on its clock
    (0 disarms it)."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, handler if handler is not None else signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, left, interval)


def _with_thread(fn: Callable[[], R], seconds: float, what: str) -> R:
    import concurrent.futures  # here: a command's main thread never needs it

    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(fn).result(timeout=seconds)
    except concurrent.futures.TimeoutError:
        raise TimeLimitError(_message(what, seconds)) from None
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def time_limited(what: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a public symbolic function so it runs under ``timeout=`` seconds.

    The wrapped function gains a keyword argument ``timeout`` (default
    :data:`DEFAULT_SECONDS`; ``None`` for no limit).
    """
    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args, timeout: float | None = DEFAULT_SECONDS, **kwargs):
            return run_limited(lambda: fn(*args, **kwargs), timeout, what)
        return wrapper
    return decorate
