"""Practice in the browser: an exercise per skill with its answer box, the check and the
diagnosis, hints and the worked solution; every answer saved; a mastery page.

Local mode has one learner, the same one ``calcml practice`` uses (the login name), so
progress made in the terminal and in the browser is one progress.
"""

from __future__ import annotations

import getpass
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from calcml.errors import InputError
from calcml.exercises.model import get_skill
from calcml.store.classes import classes_joined
from calcml.web import practice_jobs
from calcml.web.auth import learner_name
from calcml.web.lessons import LESSONS
from calcml.web.limits import client_gone
from calcml.web.pages import TEMPLATES, busy_headers, job_problem
from calcml.web.pool import JobError

REASONS = {"review": "Chosen for a review: you mastered this skill and it is due again.",
           "learn": "Chosen because you have not mastered this skill yet.",
           "ahead": "Chosen as a review ahead of time: every skill here is mastered."}


def local_learner() -> str:
    """The login name (as ``calcml practice`` uses), or ``learner`` when there is none."""
    try:
        return getpass.getuser() or "learner"
    except (KeyError, OSError):
        return "learner"


def same_site(request: Request) -> None:
    """Refuse a form posted from another site (an answer recorded by someone else's page)."""
    origin = request.headers.get("origin")
    if request.headers.get("sec-fetch-site") == "cross-site" or (
            origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc):
        raise HTTPException(403, "this form can only be sent from calcml's own pages")


async def joined(request: Request) -> list[Any] | None:
    """The signed-in learner's classes in classroom mode (``None`` in local mode)."""
    room = request.app.state.classroom
    if room is None:
        return None
    return await run_in_threadpool(classes_joined, room.store, request.state.user)


def scope_of(scope: str) -> str | None:
    return None if scope == "all" else scope


async def run(request: Request, fn: Any, *args: Any) -> tuple[Any, dict | None]:
    state = request.app.state
    try:
        return await state.pool.run(fn, state.database, learner_name(request), *args,
                                    gone=client_gone(request)), None
    except JobError as err:
        return None, job_problem(err)


def unshown(skill: str, seed: int, level: int) -> dict[str, Any] | None:
    """An exercise whose answer could not be checked (say, the server was busy), as the
    page shows it without a worker: its title and form, so the answer box keeps the text
    and the answer can be sent again; None for a skill that does not exist.

    >>> unshown("limit-factoring", 3, 1)["skill_title"]
    'Limits by factoring and cancelling'
    """
    try:
        skill_info = get_skill(skill)
    except InputError:
        return None
    return {"skill": skill, "skill_title": skill_info.title, "lesson": skill_info.lesson,
            "seed": seed, "level": level, "prompt": None, "hints": [], "task": None}


def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
    """The page ``name``; a computation refused as busy adds its Retry-After header."""
    return TEMPLATES.TemplateResponse(request, name, {"lessons": LESSONS, **context},
                                      status_code=status,
                                      headers=busy_headers(context.get("problem")))


def practice_router() -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/practice")
    async def mastery(request: Request) -> HTMLResponse:
        rows, problem = await run(request, practice_jobs.progress)
        return render(request, "mastery.html", {"rows": rows or [], "problem": problem,
                                                "learner": learner_name(request),
                                                "joined": await joined(request)},
                      (503 if problem["status"] == 503 else 500) if problem else 200)

    @router.get("/practice/{scope}")
    async def exercise(request: Request, scope: str) -> HTMLResponse:
        shown, problem = await run(request, practice_jobs.next_exercise, scope_of(scope))
        return render(request, "practice.html", {
            "scope": scope, "exercise": shown, "problem": problem, "answer": "",
            "reason": REASONS.get((shown or {}).get("reason", ""), "")},
            problem["status"] if problem else 200)

    @router.post("/practice/{scope}")
    async def answer(request: Request, scope: str) -> HTMLResponse:
        same_site(request)
        form = await request.form()
        text = str(form.get("answer", ""))[:2000]
        try:
            skill, seed, level = (str(form["skill"]), int(form["seed"]), int(form["level"]))
        except (KeyError, ValueError):
            raise HTTPException(422, "the form lost its exercise; start again from "
                                "/practice") from None
        checked, problem = await run(request, practice_jobs.answer, skill, seed, level, text)
        shown = checked["exercise"] if checked else unshown(skill, seed, level)
        return render(request, "practice.html", {
            "scope": scope, "exercise": shown, "checked": checked,
            "problem": problem, "answer": text, "reason": ""},
            problem["status"] if problem else 200)

    return router
