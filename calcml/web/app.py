"""The web app: ``create_app()`` builds it; ``calcml serve`` runs it with uvicorn.

Pages are rendered on the server (Jinja2, autoescaping on) with MathML and SVG figures;
the JSON API mirrors the CLI (:mod:`calcml.web.api`); every computation runs in the
worker pool (:mod:`calcml.web.pool`). Everything a page loads is served from the package:
no CDN, no web fonts.
"""

from __future__ import annotations

import asyncio
import os
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from calcml.web.api import api_router
from calcml.web.auth import guard
from calcml.web.limits import MAX_BODY, MAX_UPLOAD, BodyLimit
from calcml.web.pages import page_router, warm_examples
from calcml.web.pool import WorkerPool, pool_size
from calcml.web.practice_pages import local_learner, practice_router
from calcml.web.ratelimit import Limits

HERE = Path(__file__).parent
PROCESSES_ENV = "CALCML_SERVER_PROCESSES"
POOL_ENV = "CALCML_POOL_WORKERS"
QUEUE_ENV = "CALCML_POOL_QUEUE"
WARM_ENV = "CALCML_WARM_EXAMPLES"
"""Set to 1 (``calcml serve`` does) for each server process to compute the lessons'
examples as it starts (:func:`calcml.web.pages.warm_examples`)."""


def pool_settings(workers: int | None = None, queue: int | None = None
                  ) -> tuple[int, int | None]:
    """Worker processes per lane and jobs allowed to wait per lane, for this server
    process: as given, else from CALCML_POOL_WORKERS and CALCML_POOL_QUEUE, else the CPUs
    shared among the CALCML_SERVER_PROCESSES server processes (``calcml serve`` sets it)
    and the pool's default queue.

    >>> pool_settings(3, 5)
    (3, 5)
    """
    if workers is None:
        given = os.environ.get(POOL_ENV)
        workers = int(given) if given else pool_size(int(os.environ.get(PROCESSES_ENV, "1")))
    if queue is None and os.environ.get(QUEUE_ENV):
        queue = int(os.environ[QUEUE_ENV])
    return workers, queue


def create_app(workers: int | None = None, hard_limit: float = 20.0,
               max_body: int = MAX_BODY, max_upload: int = MAX_UPLOAD,
               database: str | None = None, learner: str | None = None,
               classroom: bool = False, limits: Limits | None = None,
               secure_cookies: bool = False, queue: int | None = None) -> FastAPI:
    """The calcml web app, with ``workers`` worker processes in each lane of its pool and
    at most ``queue`` computations waiting in each (:func:`pool_settings`), each
    computation killed after ``hard_limit`` seconds, and request bodies limited to
    ``max_body`` bytes (``max_upload`` for a CSV file). Practice progress goes to
    ``database`` (a URL; by default CALCML_DATABASE_URL, else a SQLite file in the user's
    data directory) under the name ``learner`` (by default the login name, as ``calcml
    practice`` uses). With ``classroom``, learners sign in instead
    (:mod:`calcml.web.classroom`), within ``limits``; ``secure_cookies`` marks the
    session cookie Secure (serve over HTTPS).

    >>> app = create_app()
    >>> app.docs_url, app.openapi_url
    (None, '/openapi.json')
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        size, waiting = pool_settings(workers, queue)
        app.state.pool = WorkerPool(size, hard_limit, queue=waiting)
        warming = asyncio.create_task(warm_examples(app.state.pool)) \
            if os.environ.get(WARM_ENV) == "1" else None
        try:
            yield
        finally:
            if warming is not None:
                warming.cancel()
            app.state.pool.close()
            if app.state.classroom is not None:
                app.state.classroom.store.close()

    app = FastAPI(title="calcml", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="The calculus of machine learning, computed and explained "
                  "step by step. POST /api/<command> returns what `calcml <command> ... "
                  "--format json` prints.")
    app.state.database = database
    app.state.learner = learner or local_learner()
    app.state.classroom = None
    app.add_middleware(BodyLimit, max_body=max_body, max_upload=max_upload)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    checks = [Depends(guard)] if classroom else []
    if classroom:
        from calcml.web import classroom as rooms

        rooms.install(app, database, limits, secure_cookies=secure_cookies)
        for router in (rooms.account_router(), rooms.teaching_router(), rooms.check_router()):
            app.include_router(router, dependencies=checks)
    app.include_router(api_router(classroom), dependencies=checks)
    app.include_router(page_router(), dependencies=checks)
    app.include_router(practice_router(), dependencies=checks)
    return app


def classroom_app() -> FastAPI:
    """The app ``calcml serve --classroom`` runs in each server process: classroom mode,
    the database from CALCML_DATABASE_URL, Secure cookies when CALCML_SECURE_COOKIES=1."""
    return create_app(classroom=True,
                      secure_cookies=os.environ.get("CALCML_SECURE_COOKIES") == "1")
