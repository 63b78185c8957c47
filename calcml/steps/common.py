"""Steps every engine uses: a rewrite, a final tidy, and SymPy's answer where no rule fits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import sympy

from calcml.steps.base import Step
from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation


class RewriteKind(Enum):
    """What a rewrite does to an expression; the words for each are in the explanation."""

    COLLECT = "collect"
    """Common factors pulled out and like terms collected."""
    EXPAND = "expand"
    """Products and powers multiplied out."""


@dataclass(frozen=True)
class Rewrite(Step):
    """Replace an expression by an equal one, then go on with ``substep``.

    ``original`` and ``rewritten`` are equal; ``kind`` says what the rewrite does.
    ``substep`` works on ``rewritten`` (or is None when the rewrite is the last word).
    """

    rule = "Rewrite"
    leads = "substep"
    original: sympy.Basic
    rewritten: sympy.Basic
    kind: RewriteKind
    substep: Step | None = None

    @property
    def expression(self) -> sympy.Basic:
        return self.original if self.substep is None else self.substep.expression

    def eval(self) -> sympy.Basic:
        return self.rewritten if self.substep is None else self.substep.result

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.original, self.rewritten

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.claim


@dataclass(frozen=True)
class Tidy(Step):
    """The result of ``substep`` simplified into a neater, equal form."""

    rule = "Simplify"
    follows = "substep"
    substep: Step
    tidied: sympy.Basic

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.expression

    def eval(self) -> sympy.Basic:
        return self.tidied

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.substep.result, self.tidied

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.claim


@dataclass(frozen=True)
class SympyAnswer(Step):
    """No rule of calcml's applies; the value comes from SymPy, and the step says so."""

    rule = "Computed by SymPy"
    problem: sympy.Basic
    value: sympy.Basic
    method: str

    @property
    def expression(self) -> sympy.Basic:
        return self.problem

    def eval(self) -> sympy.Basic:
        return self.value


_REWRITES = {
    RewriteKind.COLLECT: "the same expression with common factors pulled out and like terms "
                         "collected",
    RewriteKind.EXPAND: "the same expression multiplied out",
}


@explains(Rewrite)
def _rewrite(step: Rewrite) -> Explanation:
    return Explanation(f"Rewrite {{a}} as {{b}}: {_REWRITES[step.kind]}.",
                       {"a": step.original, "b": step.rewritten})


@explains(Tidy)
def _tidy(step: Tidy) -> Explanation:
    return Explanation("Simplify {a} to {b}; the two are equal.",
                       {"a": step.substep.result, "b": step.tidied})


@explains(SympyAnswer)
def _sympy_answer(step: SympyAnswer) -> Explanation:
    return Explanation(f"No rule of calcml's applies here, so the answer comes from "
                       f"SymPy's {step.method}, without worked steps.", {})
