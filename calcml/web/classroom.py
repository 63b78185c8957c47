"""Classroom mode's pages: sign-up with a join code, sign-in, sign-out, joining another
class, the instructor's classes and each class's report, one learner's answers, and
``POST /api/check`` that records the answer for the signed-in learner.

A learner sees only their own practice (the practice pages read the signed-in learner);
the instructor's pages answer 403 to a learner and 404 to an instructor for a class, or a
learner, that is not in one of their own classes.
"""

from __future__ import annotations

import os
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.sessions import SessionMiddleware

from calcml.errors import InputError
from calcml.store import Learner, Store, open_store
from calcml.store import classes as rooms
from calcml.store.passwords import hash_password, needs_rehash, verify_password
from calcml.web import auth, practice_jobs
from calcml.web.api import Options, error, job_error, validation_message
from calcml.web.classroom_views import learner_view, report_view
from calcml.web.lessons import LESSONS
from calcml.web.limits import client_gone
from calcml.web.pages import TEMPLATES
from calcml.web.pool import JobError
from calcml.web.ratelimit import Limits

SECRET_ENV = "CALCML_SECRET_KEY"
HEADINGS = {401: "Sign in first", 403: "Not allowed", 404: "Not found",
            429: "Too many requests"}


class RecordedCheck(Options):
    """``POST /api/check`` in classroom mode: the exercise as ``calcml exercise --format
    json`` prints it (skill, seed, level; the task is optional and must match) and the
    answer, checked and recorded for the signed-in learner."""

    skill: str = Field(min_length=1, max_length=64)
    seed: int = Field(ge=0)
    level: int = Field(1, ge=1, le=3)
    task: dict[str, Any] | None = None
    answer: str = Field(max_length=2000)


def install(app: FastAPI, database: str | None, limits: Limits | None = None,
            secret_key: str | None = None, secure_cookies: bool = False) -> None:
    """Turn classroom mode on for ``app``: the store, the signed session cookie (its key
    from ``secret_key``, else CALCML_SECRET_KEY, else made once and kept in the
    database, so every server process signs alike) and the refusals' pages."""
    store = open_store(database)
    key = secret_key or os.environ.get(SECRET_ENV) or rooms.shared_secret(store)
    app.state.classroom = auth.ClassroomMode(store, limits or Limits())
    app.add_middleware(SessionMiddleware, secret_key=key, session_cookie="calcml_session",
                       max_age=auth.SESSION_DAYS * 86_400, same_site="lax",
                       https_only=secure_cookies)
    app.add_exception_handler(auth.Refused, refused)


async def refused(request: Request, exc: Exception) -> Response:
    """A :class:`auth.Refused` as JSON for the API, a redirect, or a short page."""
    if not isinstance(exc, auth.Refused):
        raise exc
    if exc.status == 303:
        return RedirectResponse(exc.headers["Location"], 303)
    if request.url.path.startswith("/api/"):
        response = error(exc.message, exc.status)
        response.headers.update(exc.headers)
        return response
    if request.url.path.endswith("/result"):  # a calculator's fragment, shown in place
        result = {"error": exc.message, "status": exc.status}
        return TEMPLATES.TemplateResponse(request, "_result.html", {"result": result},
                                          status_code=exc.status, headers=exc.headers)
    heading = HEADINGS.get(exc.status, "That did not work")
    return page(request, "message.html", {"message": exc.message, "heading": heading},
                exc.status, exc.headers)


def page(request: Request, name: str, context: dict[str, Any], status: int = 200,
         headers: dict[str, str] | None = None) -> HTMLResponse:
    return TEMPLATES.TemplateResponse(request, name, {"lessons": LESSONS, **context},
                                      status_code=status, headers=headers)


def store_of(request: Request) -> Store:
    return request.app.state.classroom.store


async def in_store(request: Request, fn: Any, *args: Any) -> Any:
    """``fn(store, *args)`` on a thread (the store's calls block)."""
    return await run_in_threadpool(fn, store_of(request), *args)


def instructor(request: Request) -> Learner:
    user = request.state.user
    if user.role != "instructor":
        raise auth.Refused(403, "only an instructor can see this page; your own progress "
                           "is at /practice")
    return user


def home_of(user: Learner) -> str:
    return "/teach" if user.role == "instructor" else "/practice"


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def checked_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 64 or not cleaned.isprintable():
        raise InputError("a name has 1 to 64 letters, digits, spaces or signs, e.g. Ada L.")
    return cleaned


def account_router() -> APIRouter:
    """Sign-up, sign-in, sign-out and joining a class."""
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/signin")
    async def signin_page(request: Request, next: str = "") -> HTMLResponse:
        return page(request, "signin.html", {"next": next, "name": ""})

    @router.post("/signin")
    async def signin(request: Request) -> Response:
        form = await request.form()
        name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
        target = str(form.get("next", ""))
        room = request.app.state.classroom
        await room.limit("address", f"address:{client_address(request)}", "sign-in attempts")
        await room.limit("sign_in", f"name:{name.casefold()}", "sign-in attempts for this name")
        found = await in_store(request, Store.find_learner, name) if name else None
        stored = found.password_hash if found else None
        if not await run_in_threadpool(verify_password, stored, password) or found is None:
            return page(request, "signin.html", {
                "next": target, "name": name,
                "error": "That name and password do not match an account. Check both; "
                "ask your instructor if you have forgotten your password."}, 401)
        if needs_rehash(stored or ""):
            fresh = await run_in_threadpool(hash_password, password)
            await in_store(request, rooms.set_password_hash, found.id, fresh)
            found = await in_store(request, rooms.learner_by_id, found.id)
        auth.sign_in(request, found)
        return RedirectResponse(auth.safe_next(target, home_of(found)), 303)

    @router.get("/signup")
    async def signup_page(request: Request, code: str = "") -> HTMLResponse:
        return page(request, "signup.html", {"code": code[:20], "name": ""})

    @router.post("/signup")
    async def signup(request: Request) -> Response:
        form = await request.form()
        fields = {k: str(form.get(k, "")) for k in ("name", "password", "code")}
        await request.app.state.classroom.limit(
            "address", f"address:{client_address(request)}", "sign-ups")
        try:
            name = checked_name(fields["name"])
            hashed = await run_in_threadpool(hash_password, fields["password"])
            learner = await in_store(request, rooms.register_learner, name, hashed,
                                     fields["code"])
        except InputError as err:
            return page(request, "signup.html", {"code": fields["code"][:20],
                                                 "name": fields["name"][:64],
                                                 "error": str(err)}, 422)
        auth.sign_in(request, learner)
        return RedirectResponse("/practice", 303)

    @router.post("/signout")
    async def signout(request: Request) -> Response:
        request.session.clear()
        return RedirectResponse("/signin", 303)

    @router.post("/classes/join")
    async def join(request: Request) -> Response:
        code = str((await request.form()).get("code", ""))
        try:
            await in_store(request, rooms.join_class, request.state.user, code)
        except InputError as err:
            return page(request, "message.html", {"message": str(err)}, 422)
        return RedirectResponse("/practice", 303)

    return router


def teaching_router() -> APIRouter:
    """The instructor's pages."""
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/teach")
    async def dashboard(request: Request) -> HTMLResponse:
        taught = await in_store(request, rooms.classes_taught, instructor(request))
        return page(request, "teach.html", {"classes": taught})

    @router.post("/teach/classes")
    async def create(request: Request) -> Response:
        name = str((await request.form()).get("name", ""))
        try:
            made = await in_store(request, rooms.create_class, instructor(request), name)
        except InputError as err:
            taught = await in_store(request, rooms.classes_taught, instructor(request))
            return page(request, "teach.html", {"classes": taught, "error": str(err)}, 422)
        return RedirectResponse(f"/teach/classes/{made.id}", 303)

    @router.get("/teach/classes/{class_id}")
    async def report(request: Request, class_id: int) -> HTMLResponse:
        room = await taught_or_404(request, class_id)
        found = await in_store(request, rooms.class_report, class_id)
        return page(request, "class.html", {"room": room, "report": found,
                                            **report_view(found)})

    @router.get("/teach/classes/{class_id}/learners/{learner_id}")
    async def learner(request: Request, class_id: int, learner_id: int) -> HTMLResponse:
        room = await taught_or_404(request, class_id)
        found = await in_store(request, rooms.class_report, class_id)
        person = next((x for x in found.learners if x.id == learner_id), None)
        if person is None:
            raise auth.Refused(404, f"there is no learner {learner_id} in this class")
        states = await in_store(request, Store.mastery, person)
        attempts = await in_store(request, Store.attempts, person)
        return page(request, "learner.html", {"room": room, "person": person,
                                              **learner_view(states, attempts)})

    return router


async def taught_or_404(request: Request, class_id: int) -> rooms.Classroom:
    room = await in_store(request, rooms.class_taught, instructor(request), class_id)
    if room is None:
        raise auth.Refused(404, f"you teach no class {class_id}; your classes are at /teach")
    return room


def check_router() -> APIRouter:
    """``POST /api/check`` for the signed-in learner."""
    router = APIRouter()

    @router.post("/api/check", name="api_check",
                 summary="Check an answer to a generated exercise and record it",
                 openapi_extra={"requestBody": {"required": True, "content": {
                     "application/json": {"schema": RecordedCheck.model_json_schema()}}}})
    async def recorded_check(request: Request) -> JSONResponse:
        try:
            body = RecordedCheck.model_validate_json(await request.body() or b"{}")
        except ValidationError as err:
            return error(validation_message(err))
        state = request.app.state
        try:
            result = await state.pool.run(
                practice_jobs.recorded_check, state.database, request.state.user.name,
                body.skill, body.seed, body.level, body.answer, body.task,
                gone=client_gone(request))
        except JobError as err:
            return job_error(err)
        return JSONResponse(result)

    return router
