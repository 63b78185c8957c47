"""What the front ends share: one function per command, from options to results.

The CLI (``calcml.cli``) and the web app (``calcml.web``) both call these functions
with the options a learner gave (text as typed: ``expr``, ``at``, ``var``...), so the two
front ends check options the same way, call the same engines and print the same JSON.
Each function returns the engines' result objects (a front end renders them as text,
pages or figures); :func:`to_json` turns any of them into what ``--format json`` prints
and what ``POST /api/<command>`` returns. Nothing here imports typer or FastAPI, and
there is no mathematics here: that lives in the engines.

>>> from calcml.frontend.single import diff
>>> to_json(diff("x^2"))["result"]
'2x'
"""

from __future__ import annotations

from typing import Any


def to_json(result: Any) -> Any:
    """The JSON-ready form of a command's result: its ``to_dict()``, or a list of texts.

    >>> to_json(["removable discontinuity at x = 1"])
    ['removable discontinuity at x = 1']
    """
    if isinstance(result, list):
        return [str(item) for item in result]
    return result.to_dict()
