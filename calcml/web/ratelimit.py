"""Rate limits for classroom mode, shared by every server process through the database.

Each limit is a sliding window of recent requests per key, counted in the store
(:mod:`calcml.store.ratelimits`), so with ``calcml serve --workers N``, or several machines
on one database, a learner gets the limit once, not once per process. Enough to stop a
password being guessed quickly or one learner filling the worker pool.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool

from calcml.store import Store
from calcml.store.ratelimits import hit


@dataclass(frozen=True)
class Limits:
    """Requests allowed per window (count, seconds): sign-ins per account name, sign-ins
    and sign-ups per client address, computations and previews per signed-in learner."""

    sign_in: tuple[int, float] = (10, 300.0)
    address: tuple[int, float] = (100, 300.0)
    compute: tuple[int, float] = (120, 60.0)
    preview: tuple[int, float] = (600, 60.0)


async def wait_for(store: Store, limits: Limits, window: str, key: str) -> int:
    """Count one request for ``key`` in the limit ``window`` (a field of :class:`Limits`):
    0 if it is allowed, else the whole seconds to wait (the store's call, on a thread).

    >>> import asyncio, tempfile
    >>> from calcml.store import open_store
    >>> store = open_store(f"sqlite:///{tempfile.mkdtemp()}/calcml.db")
    >>> tight = Limits(sign_in=(1, 300.0))
    >>> [asyncio.run(wait_for(store, tight, "sign_in", "name:ada")) > 0 for _ in range(2)]
    [False, True]
    >>> store.close()
    """
    count, seconds = getattr(limits, window)
    return await run_in_threadpool(hit, store, window, key, count, seconds)
