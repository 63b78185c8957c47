"""Run every benchmark and print one table of ratios: ``python -m benchmarks [--quick]``.

Each module ``benchmarks/<group>_bench.py`` is one group: it defines ``TITLE`` (one line
saying what is compared) and ``run(quick: bool) -> list[Timing]``. A new group is a new
file; nothing here changes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import benchmarks  # noqa: E402
from benchmarks.harness import table  # noqa: E402


def groups() -> dict[str, str]:
    """Every benchmark group, by name, mapped to its module's name."""
    return {m.name.removesuffix("_bench"): f"benchmarks.{m.name}"
            for m in pkgutil.iter_modules(benchmarks.__path__) if m.name.endswith("_bench")}


def main() -> None:
    found = groups()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, few repeats")
    parser.add_argument("--only", choices=sorted(found), action="append",
                        help="run only this group (repeatable)")
    args = parser.parse_args()
    print(f"calcml benchmarks on {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    for name in args.only or sorted(found):
        module = importlib.import_module(found[name])
        print(f"\n{name}: {module.TITLE}")
        print(table(module.run(args.quick), reference="calcml"), flush=True)


if __name__ == "__main__":
    main()
