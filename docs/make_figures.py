"""Make every figure in docs/figures: ``python -m docs.make_figures`` (or ``make figures``).

Each module ``docs/figures_<topic>.py`` defines ``make(outdir: Path) -> list[Path]``, which
draws that topic's figures with calcml and saves them as PNG files in ``outdir``.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    outdir = HERE / "figures"
    outdir.mkdir(exist_ok=True)
    for module in sorted(m.name for m in pkgutil.iter_modules([str(HERE)])):
        if module.startswith("figures_"):
            for path in importlib.import_module(f"docs.{module}").make(outdir):
                print(path.relative_to(HERE.parent))


if __name__ == "__main__":
    main()
