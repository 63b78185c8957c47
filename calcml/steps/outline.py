"""A worked solution laid out for reading: its lines in textbook order, at a level of detail.

The step tree records how a result was built; a reader wants it forward, the way a
textbook writes it: the method first, each line an equality that follows from the one
before, and the tidying, the "+ C" and the final evaluation last. A step that names a
``follows`` field is such a last line: the lines of the step in that field come first, at
the same level, then its own; a step that names a ``leads`` field (a rewrite) is followed,
at its own level, by the lines of the step in that field. Every renderer (text, LaTeX,
HTML, JSON) prints the same outline, so all four keep one order.

Three levels of detail: ``"brief"`` is the chain of equalities, each naming its rule (a
line that only repeats the equality above it gives way to its own lines);
``"normal"`` adds the reason for each rule and folds plain steps (``Step.trivial``: the
variable rule, the constant rule, a sum of two plain terms) into their parent;
``"full"`` shows every step of the tree, each with its reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sympy

from calcml.errors import InputError
from calcml.steps.base import Step

DETAILS = ("brief", "normal", "full")


@dataclass(frozen=True)
class Line:
    """One line of a worked solution: a step, whether its reason is shown, and the lines
    nested under it, in reading order."""

    step: Step
    reason: bool
    children: tuple[Line, ...] = ()

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """The equality the line shows, ``(left, right)``."""
        return self.step.equality


def check_detail(detail: str) -> str:
    """``detail`` itself when it is a level of detail, or a clear error.

    >>> check_detail("full")
    'full'
    """
    if detail not in DETAILS:
        raise InputError(f"unknown detail {detail!r}; use one of {', '.join(DETAILS)}")
    return detail


def outline(step: Step, detail: str = "normal") -> tuple[Line, ...]:
    """The lines of the worked solution whose last step is ``step``, in reading order.

    >>> import sympy
    >>> from calcml.steps.common import SympyAnswer, Tidy
    >>> x = sympy.Symbol("x")
    >>> work = SympyAnswer(problem=sympy.Derivative(x**2 + x, x), value=2*x + 1,
    ...                    method="diff")
    >>> [line.step.rule for line in outline(Tidy(substep=work, tidied=2*x + 1))]
    ['Computed by SymPy', 'Simplify']
    """
    return _lines(step, check_detail(detail), top=True)


def _lines(step: Step, detail: str, top: bool = False) -> tuple[Line, ...]:
    if detail != "full" and step.trivial and not top:
        return ()
    first: tuple[Line, ...] = ()
    then: tuple[Line, ...] = ()
    rest = step.substeps
    if step.followed:
        first = tuple(line for done in step.followed for line in _lines(done, detail, top))
        rest = tuple(child for child in rest if all(child is not d for d in step.followed))
    led = getattr(step, step.leads) if step.leads is not None else None
    if led is not None:
        then = _lines(led, detail, top)
        rest = tuple(child for child in rest if child is not led)
    children = _once(rest, detail)
    if detail == "brief":
        children = _unrepeated(step, children)
    return (*first, Line(step, detail != "brief", children), *then)


def _once(steps: tuple[Step, ...], detail: str) -> tuple[Line, ...]:
    """The lines of sibling steps, where a step that several of them follow (the one
    antiderivative of the pieces of a split integral) is worked out once, the first time."""
    out: list[Line] = []
    shown: list[Step] = []
    for step in steps:
        for line in _lines(step, detail):
            if not any(line.step is done for done in shown):
                out.append(line)
        shown += step.followed
    return tuple(out)


def _unrepeated(step: Step, children: tuple[Line, ...]) -> tuple[Line, ...]:
    """At the brief detail, a line that repeats its parent's equality adds no link to the
    chain: its own lines take its place."""
    out: list[Line] = []
    for line in children:
        if line.equality == step.equality:
            out += _unrepeated(step, line.children)
        else:
            out.append(line)
    return tuple(out)


def numbered(lines: tuple[Line, ...], prefix: str = "") -> Iterator[tuple[str, int, Line]]:
    """Each line with its number ("1", "1.2", ...) and depth (1 at the top), in order.

    >>> import sympy
    >>> from calcml.steps.common import SympyAnswer
    >>> x = sympy.Symbol("x")
    >>> lines = outline(SympyAnswer(problem=x, value=x, method="simplify"))
    >>> [(number, depth) for number, depth, _ in numbered(lines)]
    [('1', 1)]
    """
    for i, line in enumerate(lines, 1):
        number = f"{prefix}{i}"
        yield number, number.count(".") + 1, line
        yield from numbered(line.children, number + ".")
