"""Request size limits, enforced before the app reads a body: a clear 413 otherwise."""

from __future__ import annotations

import json
from typing import Any

MAX_BODY = 100_000
MAX_UPLOAD = 5_000_000
UPLOAD_PATHS = ("/api/roc", "/api/fit", "/lessons/8/roc", "/lessons/8/roc/result")


class BodyLimit:
    """ASGI middleware: a body over its limit (``MAX_BODY``, or ``MAX_UPLOAD`` on the
    paths that take a CSV file) is answered 413 at once, from its Content-Length or as
    soon as the bytes received pass the limit; a body within it is handed on whole."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD
                 ) -> None:
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope["path"] in UPLOAD_PATHS
        limit = self.max_upload if upload else self.max_body
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > limit:
            await self.reject(send, int(declared), limit, upload)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > limit:
                await self.reject(send, size, limit, upload)
                return
            if not message.get("more_body"):
                break
        whole = {"type": "http.request", "body": b"".join(chunks), "more_body": False}
        handed = False

        async def replay() -> dict:
            nonlocal handed
            if handed:
                return await receive()
            handed = True
            return whole

        await self.app(scope, replay, send)

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
