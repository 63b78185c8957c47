"""Every page in docs/ shows real outputs: its ```python sessions run as doctests, in order,
sharing one namespace per page, so a page cannot drift away from the code."""

from __future__ import annotations

import doctest
import os
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def sessions(page: Path) -> str:
    """The page's Python sessions, each closed by a blank line (the end of its output).

    A blank line inside a printed output (one not followed by the next ``>>>``) becomes
    doctest's ``<BLANKLINE>``, so a page shows output exactly as a terminal prints it.
    """
    return "\n".join(_mark_blank_lines(block) + "\n"
                     for block in FENCE.findall(page.read_text()))


def _mark_blank_lines(block: str) -> str:
    lines = block.rstrip("\n").split("\n")
    for i, line in enumerate(lines):
        following = next((rest for rest in lines[i + 1:] if rest.strip()), ">>> ")
        if not line.strip() and not following.startswith(">>> "):
            lines[i] = "<BLANKLINE>"
    return "\n".join(lines)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_examples_of(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(os.environ, "MPLBACKEND", "Agg")
    test = doctest.DocTestParser().get_doctest(sessions(page), {}, page.name, str(page), 0)
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    runner = doctest.DocTestRunner(optionflags=flags)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_every_page_has_examples() -> None:
    assert {p.name for p in PAGES if ">>> " not in sessions(p)} == set()
