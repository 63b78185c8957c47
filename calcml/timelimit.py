"""Run symbolic work under a wall-clock limit, so that no user input can hang calcml."""

from __future__ import annotations

import concurrent.futures
import functools
import signal
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from calcml.errors import TimeLimitError

P = ParamSpec("P")
R = TypeVar("R")

DEFAULT_SECONDS = 5.0
_state = threading.local()


def run_limited(fn: Callable[[], R], seconds: float | None, what: str) -> R:
    """Call ``fn()``; raise :class:`TimeLimitError` if it takes longer than ``seconds``.

    In the main thread the limit is a ``SIGALRM`` timer, which interrupts pure-Python
    SymPy work where it stands. Elsewhere (a web worker thread) the call runs in a
    helper thread and is abandoned when the time is up. Nested calls share the outer limit.

    >>> run_limited(lambda: 1 + 1, 1.0, "addition")
    2
    """
    if seconds is None or getattr(_state, "active", False):
        return fn()
    _state.active = True
    try:
        if threading.current_thread() is threading.main_thread():
            return _with_alarm(fn, seconds, what)
        return _with_thread(fn, seconds, what)
    finally:
        _state.active = False


def _message(what: str, seconds: float) -> str:
    return (f"{what} took longer than the time limit of {seconds:g} s; "
            "try a simpler expression or raise the limit with timeout=...")


_RETRY_SECONDS = 0.05


def _with_alarm(fn: Callable[[], R], seconds: float, what: str) -> R:
    def on_alarm(signum, frame):
        # An exception raised while Python runs a callback (a gc hook, a __del__) is
        # swallowed there; re-arm, so the next alarm reaches the limited code itself.
        signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS)
        raise TimeLimitError(_message(what, seconds))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _with_thread(fn: Callable[[], R], seconds: float, what: str) -> R:
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
