"""Rate limits shared by every server process and machine on one database.

A limit allows at most ``limit`` requests per key (a learner, an account name, a client
address) in any ``seconds``-long window: a sliding window kept as one row a request in
``rate_hits``. Counting a request is one short transaction: the key's rows older than the
window are deleted, the rest counted, and the request added if it is allowed (a refused
one is not counted). Requests for the same key take turns (SQLite's write lock, a
PostgreSQL advisory lock on the key), so two processes cannot both take the last place.
Times come from the database's clock, the one clock every machine shares.

>>> import tempfile
>>> from calcml.store import open_store
>>> store = open_store(f"sqlite:///{tempfile.mkdtemp()}/calcml.db")
>>> [hit(store, "sign_in", "ada", 2, 60, now=t) for t in (0.0, 1.0, 2.0, 59.5, 60.0)]
[0, 0, 58, 1, 0]
>>> store.close()
"""

from __future__ import annotations

import hashlib
import math
import random

from sqlalchemy import Connection, Table, delete, func, insert, select, text

from calcml.store.models import RateHitRow
from calcml.store.store import Store

HITS: Table = RateHitRow.__table__  # type: ignore[assignment]
KEY_CHARS = 160
PRUNE_SHARE = 0.01
"""The share of requests that also delete every key's expired rows in their window."""
_NOW = {"postgresql": "SELECT extract(epoch FROM clock_timestamp())::float8",
        "sqlite": "SELECT (julianday('now') - 2440587.5) * 86400.0"}


def stored_key(key: str) -> str:
    """``key`` as stored: itself, or a digest when it is too long for the column.

    >>> stored_key("learner:7"), len(stored_key("name:" + "x" * 500))
    ('learner:7', 69)
    """
    if len(key) <= KEY_CHARS:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()[:62]


def hit(store: Store, window: str, key: str, limit: int, seconds: float,
        now: float | None = None) -> int:
    """Count one request for ``key`` in the limit called ``window`` (``limit`` requests
    per ``seconds``): 0 if it is allowed, else the whole seconds to wait before the next
    one is. ``now`` (seconds) replaces the database's clock, for tests."""
    key = stored_key(key)

    def work(connection: Connection) -> int:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"),
                               {"lock": _lock_number(window, key)})
        moment = now if now is not None else connection.execute(
            text(_NOW[connection.dialect.name])).scalar_one()
        mine = (HITS.c.window == window, HITS.c.key == key)
        connection.execute(delete(HITS).where(*mine, HITS.c.at <= moment - seconds))
        count, oldest = connection.execute(
            select(func.count(), func.min(HITS.c.at)).where(*mine)).one()
        if count >= limit:
            return max(1, math.ceil(oldest + seconds - moment))
        connection.execute(insert(HITS).values(window=window, key=key, at=moment))
        if random.random() < PRUNE_SHARE:
            connection.execute(delete(HITS).where(HITS.c.window == window,
                                                  HITS.c.at <= moment - seconds))
        return 0

    return store.run(work)


def _lock_number(window: str, key: str) -> int:
    """A signed 64-bit number for PostgreSQL's advisory lock on (window, key)."""
    digest = hashlib.blake2b(f"{window}\0{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
