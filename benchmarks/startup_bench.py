"""How long calcml takes to start, as a ratio to the bare library each command rests on.

Each contender is a fresh Python process (``sys.executable``), timed from spawn to exit,
so every import is paid: ``calcml --help`` against ``import typer``; ``calcml diff "x^2"``
against importing SymPy and printing ``sympy.diff``; ``import calcml`` against ``import
sympy``; ``import calcml.autodiff`` against ``import numpy``. The contenders of a task
take turns within each repeat, so a noisy neighbour slows both alike.
"""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.harness import Timing, timing

TITLE = "start-up: fresh processes, calcml against the bare library it rests on"

CLI = ("import sys; from calcml.cli import main; sys.argv = ['calcml', *sys.argv[1:]]; "
       "main()")
TASKS = (
    ("calcml --help", [CLI, "--help"], "import typer"),
    ('calcml diff "x^2"', [CLI, "diff", "x^2"],
     "import sympy; x = sympy.Symbol('x'); print(sympy.diff(x**2, x))"),
    ("import calcml", ["import calcml"], "import sympy"),
    ("import calcml.autodiff", ["import calcml.autodiff"], "import numpy"),
)


def _seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def run(quick: bool) -> list[Timing]:
    repeats = 3 if quick else 11
    rows: list[Timing] = []
    for task, calcml_args, bare in TASKS:
        mine, theirs = [], []
        _seconds(calcml_args), _seconds([bare])  # warm the file cache
        for _ in range(repeats):
            mine.append(_seconds(calcml_args))
            theirs.append(_seconds([bare]))
        rows += [timing(task, "bare library", theirs, bare),
                 timing(task, "calcml", mine)]
    return rows
