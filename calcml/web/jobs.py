"""The work a request hands to a worker process (see :mod:`calcml.web.pool`).

Every function here takes plain options and returns plain data (dicts, strings), so it
crosses the process boundary, and turns calcml's own errors into a :class:`JobError`
that keeps the message and, for a parse error, the column. The engines are imported
here at module level: the forkserver preloads this module once for every worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import sympy

import calcml  # noqa: F401 - preloaded for the workers
from calcml.errors import CalcmlError, ParseError, TimeLimitError
from calcml.exercises import check
from calcml.exercises.model import task_kind
from calcml.frontend import data, exercises, integrals, multivar, single, to_json
from calcml.web import views_data  # noqa: F401 - registers the data views
from calcml.web.files import csv_file
from calcml.web.pool import JobError, quick, screened
from calcml.web.views import VIEWS

COMMANDS: dict[str, Callable[..., Any]] = {
    "diff": single.diff, "tangent": single.tangent, "slope": single.slope,
    "limit": single.limit, "continuity": single.continuity, "partial": multivar.partial,
    "grad": multivar.grad, "hessian": multivar.hessian, "chain": multivar.chain,
    "three-ways": multivar.three_ways, "integrate": integrals.integrate,
    "roc": data.roc, "fit": data.fit, "exercise": exercises.exercise, "check": check,
}
CSV_COMMANDS = {"roc": "path", "fit": "data"}


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Run ``fn``; calcml's errors become a :class:`JobError` with the CLI's message."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ParseError as err:
            raise JobError(str(err), column=err.column) from None
        except TimeLimitError as err:
            raise JobError(str(err), status=408) from None
        except CalcmlError as err:
            raise JobError(str(err)) from None
        except Exception as err:  # noqa: BLE001 - the last guard before a learner's page
            raise JobError(f"internal error: {type(err).__name__}: {err}; this is a bug in "
                           "calcml", status=500) from None

    return run


@guarded
def screen_math(name: str, options: dict[str, Any]) -> None:
    """Read the math text ``options["expr"]`` of a job (an API command or a lesson
    calculator called ``name``), in the server process before the job is queued: text the
    parser refuses never takes a worker, and gets the same message and column.

    >>> screen_math("diff", {"expr": "9^9^9^9"})
    Traceback (most recent call last):
    calcml.web.pool.JobError: ...about 3.7e+08 digits...
    """
    from calcml.expr.parser import parse

    text = options.get("expr")
    if isinstance(text, str) and text.strip():
        parse(text)


@screened(screen_math)
@guarded
def api(command: str, options: dict[str, Any]) -> Any:
    """What ``calcml <command> ... --format json`` prints, for options by Python name;
    a CSV command takes its file's text as ``csv`` and the file's name as usual.

    >>> api("diff", {"expr": "x^2 + 2x + 2"})["result_latex"]
    '2 x + 2'
    """
    run = COMMANDS[command]
    if command not in CSV_COMMANDS:
        return to_json(run(**options))
    options = dict(options)
    text = options.pop("csv")
    key = CSV_COMMANDS[command]
    with csv_file(options.get(key, "data.csv"), text) as name:
        options[key] = name
        return to_json(run(**options))


@quick
@guarded
def preview(text: str, task: dict | None = None) -> dict[str, str]:
    """The parsed form of ``text`` as MathML and as plain text (the live preview); with
    an exercise's ``task``, read as that task's answers are (``DNE``, ``y = ...``, lists).

    >>> from calcml.expr.printing import ascii_text
    >>> with ascii_text(True):
    ...     preview("x^2/2")["text"]
    'x^2/2'
    >>> preview("DNE", {"kind": "limit", "expr": "1/x", "var": "x", "point": "0"})["text"]
    'DNE'
    """
    from calcml.expr.parser import parse
    from calcml.expr.printing import to_mathml, to_text

    value = parse(text) if task is None else task_kind(task).read(task, text)
    shown = to_text(value) if isinstance(value, sympy.Basic) else str(value)
    return {"mathml": to_mathml(value), "text": shown}


@screened(screen_math)
@guarded
def page(calculator: str, options: dict[str, str]) -> dict:
    """What the lesson calculator ``calculator`` shows for the form's ``options``.

    >>> page("delta", {"expr": "x^2 + 2x + 2", "at": "2", "dx": "0.1"})["summary"]
    'P = (2, 10), Q = (2.1, 10.61): the slope of PQ is 6.1'
    """
    return VIEWS[calculator](options)
