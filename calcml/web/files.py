"""A CSV text from a request, saved where the engines read it as the CLI would."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def csv_file(name: str, text: str) -> Iterator[str]:
    """``text`` saved as ``name`` (made safe) in a fresh folder that is the working
    directory meanwhile, so an engine reads it, and names it in errors, as the CLI would.
    Only for a worker process, which runs one job at a time.

    >>> with csv_file("../d.csv", "x,y\\n1,2\\n") as name:
    ...     name, open(name).read()
    ('d.csv', 'x,y\\n1,2\\n')
    """
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", os.path.basename(name)).lstrip(".") or "data.csv"
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="calcml-web-") as folder:
        with open(os.path.join(folder, safe), "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chdir(folder)
        try:
            yield safe
        finally:
            os.chdir(here)
