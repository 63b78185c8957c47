"""The JSON API: ``POST /api/<command>`` mirrors ``calcml <command> ... --format json``.

A body names the command's options as its ``--help`` does (``"at"`` for ``--at``,
``"from"`` for ``--from``, ``"three-ways"`` for ``--three-ways``), the positional
argument by its metavar in lower case (``"expr"``; ``"path"`` for roc, ``"data"`` for
fit); the answer is the JSON the CLI prints, built by the same
:mod:`calcml.frontend` function. roc and fit take the CSV file's text as ``"csv"`` in a
JSON body, or the file itself in a multipart upload (field ``path`` or ``data``).
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from calcml.web import jobs
from calcml.web.limits import client_gone
from calcml.web.pool import JobError

MAX_TIMEOUT = 10.0


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=False)


class ExprOptions(Options):
    expr: str = Field(min_length=1, max_length=10_000, description="Math text, e.g. x^2.")
    timeout: float = Field(5.0, gt=0, le=MAX_TIMEOUT,
                           description="Seconds allowed for the symbolic work.")


class Diff(ExprOptions):
    var: str = "x"
    order: int = Field(1, ge=1, le=50)


class Tangent(ExprOptions):
    at: str
    var: str = "x"


class Slope(Tangent):
    deltas: str | None = None


class Limit(Tangent):
    side: Literal["+-", "+", "-"] = Field("+-", alias="dir")


class Continuity(ExprOptions):
    var: str = "x"
    at: str | None = None
    on: str = "-10,10"


class Partial(ExprOptions):
    var: str = "x"
    at: str | None = None


class Hessian(ExprOptions):
    variables: str | None = Field(None, alias="vars")
    at: str | None = None


class Grad(Hessian):
    three_ways: bool = Field(False, alias="three-ways")


class Chain(ExprOptions):
    inner: str = Field(alias="with")
    var: str = "t"
    at: str | None = None


class ThreeWays(Options):
    expr: str = Field(min_length=1, max_length=10_000)
    at: str
    variables: str | None = Field(None, alias="vars")


class Integrate(ExprOptions):
    var: str = "x"
    lower: str | None = Field(None, alias="from")
    upper: str | None = Field(None, alias="to")
    numeric: str | None = None
    n: int | None = Field(None, ge=1, le=100_000)


class Roc(Options):
    path: str = Field("data.csv", description="The CSV file's name.")
    csv: str = Field(description="The CSV file's text.")
    label: str
    score: str
    threshold: float = 0.5
    pos_label: float | None = Field(None, alias="pos-label")


class Fit(Options):
    data: str = Field("data.csv", description="The CSV file's name.")
    csv: str = Field(description="The CSV file's text.")
    x: str
    y: str
    model: Literal["line", "linear", "logistic"] = "line"
    lr: float = Field(0.01, gt=0)
    epochs: int = Field(1000, ge=1, le=1_000_000)
    optimizer: Literal["gd", "sgd", "momentum", "adam"] = "gd"
    batch_size: int | None = Field(None, alias="batch-size", ge=1)
    start: str | None = None


class Exercise(Options):
    skill: str = Field(min_length=1, max_length=100,
                       description="A skill id, e.g. limit-factoring.")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="The same seed gives the same exercise.")
    level: int = Field(1, ge=1, le=3, description="Difficulty, 1 to 3.")
    solution: bool = Field(False, description="Also give the answer and the worked solution.")


class Check(Options):
    task: dict[str, Any] = Field(description="The task, as `calcml exercise` prints it.")
    answer: str = Field(max_length=2000)
    seconds: float = Field(2.0, gt=0, le=MAX_TIMEOUT)


MODELS: dict[str, type[Options]] = {
    "diff": Diff, "tangent": Tangent, "slope": Slope, "limit": Limit,
    "continuity": Continuity, "partial": Partial, "grad": Grad, "hessian": Hessian,
    "chain": Chain, "three-ways": ThreeWays, "integrate": Integrate, "roc": Roc, "fit": Fit,
    "exercise": Exercise, "check": Check,
}


def error(message: str, status: int = 422, column: int | None = None,
          retry_after: int | None = None) -> JSONResponse:
    """The API's error answer: ``{"error": message, "column": column}`` (and the header
    Retry-After when the server is busy).

    >>> error("the server is busy", 503, retry_after=2).headers["retry-after"]
    '2'
    """
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return JSONResponse({"error": message, "column": column}, status_code=status,
                        headers=headers)


def job_error(err: JobError) -> JSONResponse:
    """A :class:`JobError` as the API's error answer."""
    return error(err.message, err.status, err.column, err.retry_after)


def validation_message(err: ValidationError) -> str:
    """Pydantic's complaints as one sentence naming each option as the CLI does.

    >>> try:
    ...     Diff.model_validate({"expr": "x", "order": "two"})
    ... except ValidationError as err:
    ...     print(validation_message(err))
    option "order": Input should be a valid integer, unable to parse string as an integer
    """
    parts = []
    for item in err.errors():
        name = ".".join(str(p) for p in item["loc"]) or "body"
        text = "unknown option; see /openapi.json for this command's options" \
            if item["type"] == "extra_forbidden" else item["msg"]
        parts.append(f'option "{name}": {text}')
    return "; ".join(parts)


async def body_of(request: Request, command: str) -> dict[str, Any]:
    """The request's options: a JSON object, or for roc/fit also a multipart form whose
    file field (``path`` or ``data``) holds the CSV file."""
    kind = request.headers.get("content-type", "")
    if kind.startswith("multipart/form-data") and command in jobs.CSV_COMMANDS:
        form = await request.form()
        key = jobs.CSV_COMMANDS[command]
        options: dict[str, Any] = {k: v for k, v in form.items() if k != key}
        upload = form.get(key)
        if upload is None or isinstance(upload, str):
            raise ValueError(f'upload the CSV file as the form field "{key}"')
        raw = await upload.read()
        options.update({key: upload.filename or "data.csv",
                        "csv": raw.decode("utf-8", errors="replace")})
        return options
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError as err:
        raise ValueError(f"the request body is not valid JSON: {err}") from None
    except RecursionError:
        raise ValueError("the request body is nested too deeply to read; send a flat JSON "
                         "object of the command's options") from None
    if not isinstance(body, dict):
        raise ValueError("the request body must be a JSON object of the command's options")
    return body


def command_route(router: APIRouter, command: str) -> None:
    """Register ``POST /api/<command>``."""
    model = MODELS[command]

    async def run(request: Request) -> JSONResponse:
        try:
            options = model.model_validate(await body_of(request, command))
        except ValidationError as err:
            return error(validation_message(err))
        except ValueError as err:
            return error(str(err))
        try:
            result = await request.app.state.pool.run(
                jobs.api, command, options.model_dump(exclude_unset=True),
                gone=client_gone(request))
        except JobError as err:
            return job_error(err)
        return JSONResponse(result)

    router.add_api_route(
        f"/api/{command}", run, methods=["POST"], name=f"api_{command}",
        summary=f"calcml {command} ... --format json",
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": model.model_json_schema(by_alias=True)}}}})


def api_router(classroom: bool = False) -> APIRouter:
    """Every command's route, and ``POST /api/preview`` for the live preview. In
    classroom mode ``/api/check`` is left to :mod:`calcml.web.classroom`, which records."""
    router = APIRouter()
    for command in MODELS:
        if not (classroom and command == "check"):
            command_route(router, command)

    @router.post("/api/preview", summary="The parsed form of math text, or its error")
    async def preview(request: Request) -> JSONResponse:
        try:
            body = await body_of(request, "preview")
            text, task = str(body.get("expr", "")), body.get("task")
        except ValueError as err:
            return error(str(err))
        if len(text) > 10_000:
            return error("the expression is longer than 10,000 characters", 413)
        if task is not None and not isinstance(task, dict):
            return error('option "task": a task is a JSON object, as calcml exercise prints')
        try:
            return JSONResponse(await request.app.state.pool.run(
                jobs.preview, text, task, gone=client_gone(request)))
        except JobError as err:
            return job_error(err)

    return router
