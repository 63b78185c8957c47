"""How long calcml takes to start, as a ratio to the bare library each command rests on.

Each contender is a fresh process, timed from spawn to exit, so every import is paid:
``calcml --help`` against ``import typer``; ``calcml diff "x^2"`` against importing SymPy
and printing ``sympy.diff``; ``import calcml`` against ``import sympy``; ``import
calcml.autodiff`` against ``import numpy``. The commands run as a user runs them, through
the installed ``calcml`` script (beside ``sys.executable``). The contenders of a task take
turns within each repeat, so a noisy neighbour slows both alike; the note gives each one's
median CPU time (user + system), which waiting for a busy core does not inflate, and the
goal of issue 14.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.harness import Timing, timing

TITLE = "start-up: fresh processes, calcml against the bare library it rests on"

SCRIPT = Path(sys.executable).with_name("calcml")
CLI = ([str(SCRIPT)] if SCRIPT.exists() else
       [sys.executable, "-c", "import sys; from calcml.cli import main; "
        "sys.argv = ['calcml', *sys.argv[1:]]; main()"])
PYTHON = [sys.executable, "-c"]
TASKS = (
    ("calcml --help", [*CLI, "--help"], "import typer", 1.5),
    ('calcml diff "x^2"', [*CLI, "diff", "x^2"],
     "import sympy; x = sympy.Symbol('x'); print(sympy.diff(x**2, x))", 1.3),
    ("import calcml", [*PYTHON, "import calcml"], "import sympy", 1.1),
    ("import calcml.autodiff", [*PYTHON, "import calcml.autodiff"], "import numpy", None),
)


def _seconds(command: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one fresh process running ``command``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command} failed")
    return wall, usage.ru_utime + usage.ru_stime


def run(quick: bool) -> list[Timing]:
    repeats = 3 if quick else 11
    rows: list[Timing] = []
    for task, mine, bare, goal in TASKS:
        theirs = [*PYTHON, bare]
        runs: dict[str, list[tuple[float, float]]] = {"calcml": [], "bare": []}
        _seconds(mine), _seconds(theirs)  # warm the file cache
        for _ in range(repeats):
            runs["calcml"].append(_seconds(mine))
            runs["bare"].append(_seconds(theirs))
        cpu = {name: statistics.median(c for _, c in times) for name, times in runs.items()}
        ratio = f", CPU ratio {cpu['calcml'] / cpu['bare']:.2f}x" if goal else ""
        rows += [timing(task, "bare library", [w for w, _ in runs["bare"]],
                        f"{bare} (CPU {cpu['bare'] * 1000:.0f} ms)"),
                 timing(task, "calcml", [w for w, _ in runs["calcml"]],
                        f"CPU {cpu['calcml'] * 1000:.0f} ms{ratio}"
                        + (f"; goal: at most {goal}x the bare library" if goal else ""))]
    return rows
