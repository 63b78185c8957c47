"""The web app: ``create_app()`` builds it; ``calcml serve`` runs it with uvicorn.

Pages are rendered on the server (Jinja2, autoescaping on) with MathML and SVG figures;
the JSON API mirrors the CLI (:mod:`calcml.web.api`); every computation runs in the
worker pool (:mod:`calcml.web.pool`). Everything a page loads is served from the package:
no CDN, no web fonts.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from calcml.web.api import api_router
from calcml.web.limits import MAX_BODY, MAX_UPLOAD, BodyLimit
from calcml.web.pages import page_router
from calcml.web.pool import WorkerPool
from calcml.web.practice_pages import local_learner, practice_router

HERE = Path(__file__).parent


def create_app(workers: int = 2, hard_limit: float = 20.0, max_body: int = MAX_BODY,
               max_upload: int = MAX_UPLOAD, database: str | None = None,
               learner: str | None = None) -> FastAPI:
    """The calcml web app, with ``workers`` worker processes, each computation killed
    after ``hard_limit`` seconds, and request bodies limited to ``max_body`` bytes
    (``max_upload`` for a CSV file). Practice progress goes to ``database`` (a URL; by
    default CALCML_DATABASE_URL, else a SQLite file in the user's data directory) under
    the name ``learner`` (by default the login name, as ``calcml practice`` uses).

    >>> app = create_app()
    >>> app.docs_url, app.openapi_url
    (None, '/openapi.json')
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pool = WorkerPool(workers, hard_limit)
        try:
            yield
        finally:
            app.state.pool.close()

    app = FastAPI(title="calcml", version="0.1.0", lifespan=lifespan, docs_url=None,
                  redoc_url=None,
                  description="The calculus of machine learning, computed and explained "
                  "step by step. POST /api/<command> returns what `calcml <command> ... "
                  "--format json` prints.")
    app.state.database = database
    app.state.learner = learner or local_learner()
    app.add_middleware(BodyLimit, max_body=max_body, max_upload=max_upload)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api_router())
    app.include_router(page_router())
    app.include_router(practice_router())
    return app
