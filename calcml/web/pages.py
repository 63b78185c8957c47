"""The server-rendered pages: home, one page a lesson, and result fragments for the
little JavaScript that updates a calculator in place (sliders, typing)."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from contextlib import suppress
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from calcml.web import jobs, practice_jobs
from calcml.web.auth import learner_name, template_context
from calcml.web.lessons import LESSONS, Calculator, Lesson
from calcml.web.limits import client_gone
from calcml.web.pool import JobError

TEMPLATES = Jinja2Templates(directory=Path(__file__).parent / "templates",
                            context_processors=[template_context])
CACHE_SIZE = 256
CACHE_KEY_CHARS = 4_000  # an uploaded CSV file is computed, not kept


class ResultCache:
    """The last ``size`` results by calculator and options (the engines are pure, so a
    lesson page's examples are computed once)."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self.items: OrderedDict[tuple, dict] = OrderedDict()

    def get(self, key: tuple) -> dict | None:
        if key in self.items:
            self.items.move_to_end(key)
        return self.items.get(key)

    def put(self, key: tuple, value: dict) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


_cache = ResultCache()


def job_problem(err: JobError) -> dict[str, Any]:
    """A :class:`JobError` as a page shows it: ``{"error", "column", "status",
    "retry_after"}``."""
    return {"error": err.message, "column": err.column, "status": err.status,
            "retry_after": err.retry_after}


def busy_headers(found: dict | None) -> dict[str, str] | None:
    """The Retry-After header for a page whose computation was refused as busy.

    >>> busy_headers({"status": 503, "retry_after": 3}), busy_headers(None)
    ({'Retry-After': '3'}, None)
    """
    wait = (found or {}).get("retry_after")
    return {"Retry-After": str(wait)} if wait else None


async def compute(request: Request, calculator: Calculator, options: dict[str, str]
                  ) -> dict[str, Any]:
    """The calculator's view for ``options``, or ``{"error": ..., "column": ...}``."""
    try:
        return await _cached(request.app.state.pool, calculator, options,
                             client_gone(request))
    except JobError as err:
        return job_problem(err)


async def _cached(pool: Any, calculator: Calculator, options: dict[str, str],
                  gone: asyncio.Event | None = None) -> dict[str, Any]:
    """The calculator's view for ``options``, from the cache or computed in ``pool``."""
    key = (calculator.name, tuple(sorted(options.items())))
    found = _cache.get(key)
    if found is not None:
        return found
    result = await pool.run(jobs.page, calculator.name, options, gone=gone)
    if sum(len(v) for v in options.values()) <= CACHE_KEY_CHARS:
        _cache.put(key, result)
    return result


async def warm_examples(pool: Any) -> int:
    """Compute every lesson's examples into this process's cache, one at a time, so that
    the first learner to open a lesson in each server process does not wait for them
    (with four processes, each first view took one to two seconds). A busy pool is left
    alone: an example it refuses is computed when a learner asks. Returns how many
    examples are cached.
    """
    warmed = 0
    for lesson in LESSONS.values():
        for calculator in lesson.calculators:
            with suppress(JobError):
                await _cached(pool, calculator, calculator.defaults())
                warmed += 1
    return warmed


def lesson_mastery(rows: list[dict] | None) -> dict[int, dict[str, int]]:
    """Skills mastered and skills in all, by lesson, from a learner's progress rows.

    >>> lesson_mastery([{"lesson": 2, "status": "mastered"}, {"lesson": 2, "status": "learning"}])
    {2: {'mastered': 1, 'skills': 2}}
    """
    out: dict[int, dict[str, int]] = {}
    for row in rows or []:
        counts = out.setdefault(row["lesson"], {"mastered": 0, "skills": 0})
        counts["skills"] += 1
        counts["mastered"] += row["status"] in ("mastered", "review due")
    return out


def lesson_or_404(number: int) -> Lesson:
    if number not in LESSONS:
        raise HTTPException(404, f"there is no lesson {number}; the lessons are 1 to 8")
    return LESSONS[number]


def calculator_or_404(lesson: Lesson, name: str) -> Calculator:
    found = lesson.calculator(name)
    if found is None:
        raise HTTPException(404, f"lesson {lesson.number} has no calculator {name!r}")
    return found


async def submitted(request: Request, calculator: Calculator) -> dict[str, str]:
    """The form's values over the calculator's defaults (a CSV upload replaces the text)."""
    values = calculator.defaults()
    source: Any = await request.form() if request.method == "POST" else request.query_params
    for field in calculator.fields:
        value = source.get(field.name)
        if isinstance(value, str):
            values[field.name] = value[:20_000]
    upload = source.get("upload")
    if upload is not None and not isinstance(upload, str) and upload.filename:
        raw = await upload.read()
        values.update(csv=raw.decode("utf-8", errors="replace"), name=upload.filename)
    return values


async def lesson_page(request: Request, number: int, active: str | None = None
                      ) -> HTMLResponse:
    lesson = lesson_or_404(number)
    chosen = [await submitted(request, c) if c.name == active else c.defaults()
              for c in lesson.calculators]
    results = await asyncio.gather(*(compute(request, c, options) for c, options
                                     in zip(lesson.calculators, chosen, strict=True)))
    cards, status, refused = [], 200, None
    for calculator, options, result in zip(lesson.calculators, chosen, results, strict=True):
        if calculator.name == active and "error" in result:
            status, refused = (503 if result.get("status") == 503 else 422), result
        cards.append({"calc": calculator, "values": options, "result": result})
    return TEMPLATES.TemplateResponse(request, "lesson.html", {
        "lesson": lesson, "lessons": LESSONS, "cards": cards}, status_code=status,
        headers=busy_headers(refused))


def page_router() -> APIRouter:
    router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)

    @router.get("/")
    async def home(request: Request) -> HTMLResponse:
        state = request.app.state
        try:
            rows = await state.pool.run(practice_jobs.progress, state.database,
                                        learner_name(request), gone=client_gone(request))
        except JobError:
            rows = None  # the lessons are shown even when the store cannot be read
        return TEMPLATES.TemplateResponse(request, "home.html", {
            "lessons": LESSONS, "mastery": lesson_mastery(rows)})

    @router.get("/lessons/{number}")
    async def lesson(request: Request, number: int, calc: str | None = None) -> HTMLResponse:
        return await lesson_page(request, number, calc)

    @router.post("/lessons/{number}/{name}")
    async def lesson_post(request: Request, number: int, name: str) -> HTMLResponse:
        calculator_or_404(lesson_or_404(number), name)
        return await lesson_page(request, number, name)

    @router.api_route("/lessons/{number}/{name}/result", methods=["GET", "POST"])
    async def fragment(request: Request, number: int, name: str) -> HTMLResponse:
        calculator = calculator_or_404(lesson_or_404(number), name)
        result = await compute(request, calculator, await submitted(request, calculator))
        status = 200 if "error" not in result else 503 if result["status"] == 503 else 422
        return TEMPLATES.TemplateResponse(request, "_result.html", {"result": result},
                                          status_code=status, headers=busy_headers(result))

    return router
