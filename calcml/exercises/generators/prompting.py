"""What the generators of lessons 2-4 share: a seeded random source, the prompt in three
forms, the hint taken from the worked solution, and the assembly of an Exercise."""

from __future__ import annotations

import html
import random
import re
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import sympy

from calcml.exercises.model import Exercise, Prompt
from calcml.expr.printing import to_latex, to_mathml, to_text

Part = str | sympy.Basic | tuple[str, sympy.Basic]
"""A piece of a prompt: words, maths, or ("f(x)", expression) for "f(x) = expression"."""

_STEP_HEADER = re.compile(r"^\d+(\.\d+)*\. ")


def rng(skill: str, seed: int, level: int) -> random.Random:
    """The random source of one exercise: the same skill, seed and level give the same
    numbers, whatever else has run (no global state).

    >>> [rng("limit-factoring", 3, 1).randint(1, 100) for _ in range(2)] == [
    ...     rng("limit-factoring", 3, 1).randint(1, 100)] * 2
    True
    """
    return random.Random(seed * 1_000_003 + level * 7_919 + zlib.crc32(skill.encode()))


def nonzero(r: random.Random, low: int, high: int) -> int:
    """A random whole number in [low, high] other than 0."""
    return r.choice([n for n in range(low, high + 1) if n != 0])


def _text(part: Part) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, tuple):
        return f"{part[0]} = {to_text(part[1])}"
    return to_text(part)


def _latex(part: Part) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, tuple):
        return f"${part[0]} = {to_latex(part[1])}$"
    return f"${to_latex(part)}$"


def _html(part: Part) -> str:
    if isinstance(part, str):
        return html.escape(part)
    if isinstance(part, tuple):
        name = sympy.Eq(sympy.Symbol(part[0]), part[1], evaluate=False)
        return to_mathml(name)
    return to_mathml(part)


def prompt(*parts: Part) -> Prompt:
    """The question as plain text, LaTeX (maths between $ signs) and HTML with MathML.

    >>> x = sympy.Symbol("x")
    >>> prompt("Differentiate ", ("f(x)", x**2), ".").text
    'Differentiate f(x) = x².'
    """
    return Prompt(text="".join(_text(p) for p in parts),
                  latex="".join(_latex(p) for p in parts),
                  html="<p>" + "".join(_html(p) for p in parts) + "</p>")


def _mentions(line: str, answer: str) -> int:
    """Where ``line`` states ``answer`` as a result (after "=", ":" or "is", at the end
    of a clause), or -1.

    >>> _mentions("so substitute x = 2: 3.", "3"), _mentions("rewrite x + 3 first", "3")
    (19, -1)
    """
    match = re.search(rf"(?:=|:|\bis) {re.escape(answer)}(?=[.,;]?$|[.,;)] )", line)
    return -1 if match is None else match.start()


def first_line(worked: Any, answer_text: str) -> str | None:
    """The first sentence of the worked solution's reasoning (after its title line) that
    does not give the answer away (cut before the answer where a line ends with it), or
    None."""
    for raw in worked.to_text().splitlines()[1:]:
        line = raw.strip()
        if (line == "Steps:" or _STEP_HEADER.match(line) or "Simplify" in line
                or "  " in line or not re.search(r"[a-z]{3}", line)):
            continue  # a heading, a step's claim, or a table's row
        at = _mentions(line, answer_text)
        if at < 0:
            return line
        if at > 20:
            return line[:at].rstrip() + " ..."
    return None


def exercise(skill: str, seed: int, level: int, *, question: Prompt, task: dict[str, Any],
             answer: Any, answer_text: str, hints: Sequence[str],
             make_solution: Callable[[], Any]) -> Exercise:
    """An Exercise whose last hint is the first line of its worked solution."""
    line = first_line(make_solution(), answer_text)
    return Exercise(skill=skill, seed=seed, level=level, prompt=question, task=task,
                    answer=answer, answer_text=answer_text,
                    hints=tuple(hints) + ((f"The worked solution starts: {line}",) if line
                                          else ()),
                    make_solution=make_solution)
