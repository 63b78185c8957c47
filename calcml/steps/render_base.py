"""What every format renderer shares: the problem's line, a derivative's notation, the
words of a step with their math slots filled, and a check's line in words."""

from __future__ import annotations

import string

import sympy

from calcml.errors import InputError
from calcml.expr.printing import ascii_mode, ascii_text, dot_notation
from calcml.steps.base import Check, Outcome, Solution, Step
from calcml.steps.words import explain

NOTATIONS = ("operator", "leibniz", "lagrange", "newton")


class Renderer:
    """Shared layout; subclasses say how math, words and lines are written."""

    def __init__(self, notation: str = "operator", ascii: bool = False) -> None:
        if notation not in NOTATIONS:
            raise InputError(f"unknown notation {notation!r}; use one of {', '.join(NOTATIONS)}")
        self.notation = notation
        self.ascii = ascii or ascii_mode()  # ASCII when asked, or inside ascii_text()

    def math(self, expr) -> str:
        raise NotImplementedError

    def slot(self, expr) -> str:
        """A piece of math inside a step's words."""
        return self.math(expr)

    def words(self, template: str) -> str:
        """Literal words of a template, escaped for the format."""
        return template

    def explanation(self, step: Step) -> str:
        """The step's words in this format, math slots filled."""
        found = explain(step)
        return "".join(self.slot(found.math[name]) if name is not None else self.words(text)
                       for text, name in split_slots(found.template))

    def equation(self, left, right, relation: str = "=") -> str:
        return f"{self.math(left)} {self.sign(relation)} {self.math(right)}"

    def sign(self, relation: str) -> str:
        """A step's relation ("=" or "→") in this format."""
        if relation == "→" and (self.ascii or ascii_mode()):
            return "->"
        return relation

    def problem(self, solution: Solution) -> str:
        """The problem and its answer, a derivative in the chosen notation."""
        p, result = solution.problem, solution.shown_result
        if isinstance(p, sympy.Derivative) and self.notation != "operator":
            given, name = self.derivative_names(p)
            return f"{given}, {name} = {self.math(result)}"
        return self.equation(p, result)

    def derivative_names(self, p: sympy.Derivative) -> tuple[str, str]:
        (var, n), = p.variable_count
        v = self.math(var)
        if self.notation == "leibniz":
            order = "" if n == 1 else self.superscript(n)
            return (f"y = {self.math(p.expr)}", self.fraction(f"d{order}y", f"d{v}{order}"))
        if self.notation == "newton" and n <= 4:
            return f"y = {self.math(p.expr)}", self.dots("y", n)
        primes = "'" * n if n <= 3 else f"({n})"
        return f"f({v}) = {self.math(p.expr)}", f"f{primes}({v})"

    def dots(self, name: str, n: int) -> str:
        """Newton's notation: a dot over ``name`` per derivative (ẏ, ÿ); primes in ASCII."""
        if self.ascii:
            return dot_notation(name, n, "ascii")
        with ascii_text(False):
            return dot_notation(name, n, "text")

    def superscript(self, n: int) -> str:
        return f"^{n}"

    def fraction(self, top: str, bottom: str) -> str:
        return f"{top}/{bottom}"


_VERDICTS = {Outcome.AGREES: "agrees", Outcome.DISAGREES: "DISAGREES",
             Outcome.UNFINISHED: "could not finish in the time left"}


def check_text(check: Check) -> str:
    """A check in words: it agrees, DISAGREES, or could not finish (and so says nothing).

    >>> check_text(Check("sympy.diff", True, detail="equal at 4 points"))
    'Check (sympy.diff) agrees: equal at 4 points'
    >>> check_text(Check.unfinished("sympy.limit", "it does not check this answer"))
    'Check (sympy.limit) could not finish in the time left: it does not check this answer'
    """
    detail = f": {check.detail}" if check.detail else ""
    return f"Check ({check.method}) {_VERDICTS[check.outcome]}{detail}"


def split_slots(template: str) -> list[tuple[str, str | None]]:
    """A template cut into pieces: ``(words, None)`` for literal words ("{{" is a brace)
    and ``("", name)`` for a ``{name}`` slot.

    >>> split_slots("Let {u} = {g}.")
    [('Let ', None), ('', 'u'), (' = ', None), ('', 'g'), ('.', None)]
    """
    pieces: list[tuple[str, str | None]] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        if literal:
            pieces.append((literal, None))
        if name is not None:
            pieces.append(("", name))
    return pieces
