"""Who is asking, and may they: sessions, CSRF tokens and rate limits for classroom mode.

The session is a cookie signed with the app's secret (Starlette's ``SessionMiddleware``,
itsdangerous underneath): HttpOnly, SameSite=Lax, Secure when served over HTTPS. It holds
the learner's id, a fingerprint of their password hash (a changed password ends every
older session) and the session's CSRF token; nothing else is kept on the server, so any
server process answers any request. :func:`guard` runs before every route in classroom
mode: it checks the CSRF token of every POST (the form field ``csrf_token``, or the
header ``X-CSRF-Token`` for the JSON API and scripts), requires a signed-in learner
everywhere but the sign-in and sign-up pages, and applies the rate limits.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from calcml.store import Learner, Store
from calcml.store.classes import learner_by_id
from calcml.web.ratelimit import Limits, wait_for

PUBLIC = ("/signin", "/signup", "/signout")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
CSRF_FIELD, CSRF_HEADER = "csrf_token", "x-csrf-token"
SESSION_DAYS = 7


class Refused(Exception):
    """A request that is not served: ``status``, a message for the learner, headers."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None
                 ) -> None:
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


@dataclass
class ClassroomMode:
    """Classroom mode's state in ``app.state.classroom``: the store (opened in this
    process) and the rate limits, counted in the store (shared by every process)."""

    store: Store
    limits: Limits = field(default_factory=Limits)

    async def limit(self, window: str, key: str, what: str) -> None:
        """Count one request; past the limit, refuse it with 429 and Retry-After."""
        wait = await wait_for(self.store, self.limits, window, key)
        if wait:
            raise Refused(429, f"too many {what} in a short time; wait {wait} seconds and "
                          "try again", {"Retry-After": str(wait)})


def fingerprint(password_hash: str | None) -> str:
    """A short digest of a password hash: kept in the session, so that a changed password
    ends the sessions signed in with the old one.

    >>> len(fingerprint("$argon2id$..."))
    16
    """
    return hashlib.sha256((password_hash or "").encode()).hexdigest()[:16]


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not token:
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def sign_in(request: Request, learner: Learner) -> None:
    """Start a fresh session for ``learner`` (a new CSRF token too)."""
    request.session.clear()
    request.session.update(uid=learner.id, pw=fingerprint(learner.password_hash),
                           csrf=secrets.token_urlsafe(32))


async def current_user(request: Request) -> Learner | None:
    """The signed-in learner, or ``None`` (no session, or one whose learner is gone or
    whose password has changed since)."""
    uid = request.session.get("uid")
    if not isinstance(uid, int):
        return None
    learner = await run_in_threadpool(learner_by_id, request.app.state.classroom.store, uid)
    if learner is None or fingerprint(learner.password_hash) != request.session.get("pw"):
        return None
    return learner


async def check_csrf(request: Request) -> None:
    """Refuse (403) a POST whose CSRF token is missing or is not this session's."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and not request.url.path.startswith("/api/"):
        kind = request.headers.get("content-type", "")
        if kind.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            sent = (await request.form()).get(CSRF_FIELD)
    expected = request.session.get("csrf")
    if not (isinstance(sent, str) and expected and secrets.compare_digest(sent, expected)):
        raise Refused(403, "this form has expired or did not come from calcml's own pages "
                      "(its security token is missing or wrong); reload the page and send "
                      "it again")


def compute_window(request: Request) -> str | None:
    """The rate-limit window a request counts in, if any: previews, or computations
    (every API command, lesson calculator and practice exercise)."""
    path = request.url.path
    if path == "/api/preview":
        return "preview"
    if path.startswith(("/api/", "/lessons/", "/practice/")):
        return "compute"
    return None


async def guard(request: Request) -> None:
    """Classroom mode's check before every route (see the module docstring): first the
    session (401 for the API, the sign-in page otherwise), then the CSRF token of a POST
    (403), then the rate limit (429)."""
    unsafe = request.method not in SAFE_METHODS
    if request.url.path in PUBLIC:
        if unsafe:
            await check_csrf(request)
        return
    user = await current_user(request)
    if user is None:
        if request.url.path.startswith("/api/"):
            raise Refused(401, "sign in first: in classroom mode the API answers a signed-in "
                          "learner's session (with the X-CSRF-Token header)")
        raise Refused(303, "sign in first", {"Location": signin_url(request)})
    request.state.user = user
    if unsafe:
        await check_csrf(request)
    window = compute_window(request)
    if window:
        what = "previews" if window == "preview" else "computations"
        await request.app.state.classroom.limit(window, f"learner:{user.id}", what)


def signin_url(request: Request) -> str:
    """The sign-in page, coming back to this page (a GET) afterwards."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/signin" if request.method != "GET" or here == "/" else f"/signin?next={quote(here)}"


def safe_next(target: str | None, default: str) -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirect).

    >>> safe_next("/practice/3", "/"), safe_next("//evil.example", "/"), safe_next(None, "/")
    ('/practice/3', '/', '/')
    """
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def learner_name(request: Request) -> str:
    """Whose practice this request is: the signed-in learner in classroom mode, else the
    app's one local learner."""
    user = getattr(request.state, "user", None)
    return user.name if user is not None else request.app.state.learner


def template_context(request: Request) -> dict[str, Any]:
    """What every page needs in classroom mode: the signed-in learner and the CSRF token
    (nothing in local mode)."""
    if getattr(request.app.state, "classroom", None) is None:
        return {}
    return {"classroom": True, "user": getattr(request.state, "user", None),
            "csrf_token": csrf_token(request)}
