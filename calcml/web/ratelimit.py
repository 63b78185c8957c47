"""Rate limits for classroom mode: a sliding window of recent requests per key.

Each server process keeps its own windows in memory (with ``calcml serve --workers N`` a
client may get up to N times the limit, one share from each process); nothing is shared
or stored, so a restart forgets them. Enough to stop a password being guessed quickly or
one learner filling the worker pool; a site that needs more puts a proxy in front.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Requests allowed per window (count, seconds): sign-ins per account name, sign-ins
    and sign-ups per client address, computations and previews per signed-in learner."""

    sign_in: tuple[int, float] = (10, 300.0)
    address: tuple[int, float] = (100, 300.0)
    compute: tuple[int, float] = (120, 60.0)
    preview: tuple[int, float] = (600, 60.0)


class SlidingWindow:
    """At most ``limit`` hits per key in any ``seconds``-long window.

    >>> now = [0.0]
    >>> window = SlidingWindow(2, 60, clock=lambda: now[0])
    >>> window.hit("ada"), window.hit("ada"), window.hit("ada"), window.hit("bo")
    (0, 0, 60, 0)
    >>> now[0] = 59.5; window.hit("ada")
    1
    >>> now[0] = 60.0; window.hit("ada")
    0
    """

    def __init__(self, limit: int, seconds: float, *, max_keys: int = 50_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.seconds = seconds
        self.max_keys = max_keys
        self.clock = clock
        self.hits: dict[object, deque[float]] = {}

    def hit(self, key: object) -> int:
        """Count a request for ``key``: 0 if it is allowed, else the whole seconds to
        wait before the next one is (a refused request is not counted)."""
        now = self.clock()
        times = self.hits.setdefault(key, deque())
        while times and times[0] <= now - self.seconds:
            times.popleft()
        if len(times) >= self.limit:
            return max(1, math.ceil(times[0] + self.seconds - now))
        times.append(now)
        if len(self.hits) > self.max_keys:
            self._forget(now)
        return 0

    def _forget(self, now: float) -> None:
        """Drop keys with no hit in the window; if still too many, the oldest ones."""
        self.hits = {k: v for k, v in self.hits.items() if v and v[-1] > now - self.seconds}
        while len(self.hits) > self.max_keys:
            del self.hits[next(iter(self.hits))]
