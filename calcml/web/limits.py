"""Request size limits, enforced before the app reads a body: a clear 413 otherwise; and
whether the client is still there (:func:`client_gone`), so that work it no longer waits
for is dropped."""

from __future__ import annotations

import asyncio
import json
from contextlib import suppress
from typing import Any

from starlette.requests import Request

MAX_BODY = 100_000
MAX_UPLOAD = 5_000_000
UPLOAD_PATHS = ("/api/roc", "/api/fit", "/lessons/8/roc", "/lessons/8/roc/result")
GONE = "calcml.client_gone"


def client_gone(request: Request) -> asyncio.Event | None:
    """The request's "client has disconnected" event (set by :class:`BodyLimit`), for
    :meth:`calcml.web.pool.WorkerPool.run`; None outside the app's middleware."""
    return request.scope.get(GONE)


class BodyLimit:
    """ASGI middleware: a body over its limit (``MAX_BODY``, or ``MAX_UPLOAD`` on the
    paths that take a CSV file) is answered 413 at once, from its Content-Length or as
    soon as the bytes received pass the limit; a body within it is handed on whole. Then
    it listens to the connection while the app works and sets the scope's
    :func:`client_gone` event if the client disconnects."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD
                 ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        body = await self.read_body(scope, receive, send)
        if body is not None:
            await self.forward(scope, receive, send, body)

    async def read_body(self, scope: dict, receive: Any, send: Any) -> bytes | None:
        """The whole body, or None when it was refused (413) or the client left."""
        upload = scope["path"] in UPLOAD_PATHS
        limit = self.max_upload if upload else self.max_body
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > limit:
            await self.reject(send, int(declared), limit, upload)
            return None
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self.reject(send, size, limit, upload)
                return None
            if not message.get("more_body"):
                return b"".join(chunks)

    async def forward(self, scope: dict, receive: Any, send: Any, body: bytes) -> None:
        """Hand the app the body, and listen to the connection while it works."""
        gone = scope[GONE] = asyncio.Event()
        handed = False

        async def replay() -> dict:
            nonlocal handed
            if handed:
                await gone.wait()
                return {"type": "http.disconnect"}
            handed = True
            return {"type": "http.request", "body": body, "more_body": False}

        listener = asyncio.create_task(listen(receive, gone))
        try:
            await self.app(scope, replay, send)
        finally:
            listener.cancel()
            with suppress(asyncio.CancelledError):
                await listener

    async def reject(self, send: Any, size: int, limit: int, upload: bool) -> None:
        what = "an uploaded CSV file" if upload else "a request"
        message = (f"the request body is {size:,} bytes or more; calcml accepts at most "
                   f"{limit:,} bytes for {what}")
        body = json.dumps({"error": message, "column": None}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


async def listen(receive: Any, gone: asyncio.Event) -> None:
    """Read the connection's messages until the client disconnects; then set ``gone``."""
    while (await receive())["type"] != "http.disconnect":
        pass
    gone.set()
