"""Run every benchmark and print one table of ratios: ``python -m benchmarks [--quick]``."""

from __future__ import annotations

import argparse
import os
import platform

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from benchmarks import autodiff_bench, symbolic_bench  # noqa: E402
from benchmarks.harness import table  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a fast smoke run, few repeats")
    parser.add_argument("--only", choices=["symbolic", "autodiff"], help="run one group")
    args = parser.parse_args()
    print(f"calcml benchmarks on {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}")
    if args.only in (None, "symbolic"):
        print("\nSymbolic: worked solutions against bare SymPy (cache cleared before each call)")
        print(table(symbolic_bench.run(args.quick), reference="calcml"))
    if args.only in (None, "autodiff"):
        print("\nAutodiff: calcml against the peers installed here")
        print(table(autodiff_bench.run(args.quick), reference="calcml"))


if __name__ == "__main__":
    main()
