"""docs/practice.md lists every catalogued mistake exactly as the registry and check() give
it (the page's Python sessions themselves run in tests/test_docs.py)."""

from __future__ import annotations

from pathlib import Path

from calcml.exercises import catalogue
from calcml.exercises.checking import CATALOGUE_END, CATALOGUE_START, catalogue_markdown

PAGE = Path(__file__).resolve().parents[1] / "docs" / "practice.md"
FIX = ("regenerate it: python -c 'from calcml.exercises.checking import write_catalogue; "
       "write_catalogue()'")


def test_the_catalogue_section_is_up_to_date() -> None:
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index(CATALOGUE_START) + len(CATALOGUE_START):
                   text.index(CATALOGUE_END)]
    assert section.strip() == catalogue_markdown().strip(), FIX


def test_every_mistake_id_is_on_the_page_with_its_example() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for mistake in catalogue():
        assert f"### `{mistake.id}`" in text, FIX
        assert f"- Wrong answer: `{mistake.example[1]}`" in text
