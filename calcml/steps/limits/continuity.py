"""Steps of a continuity check: f(a) defined, the limit exists, and the two are equal."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import sympy

from calcml.steps.base import Step
from calcml.steps.limits.rules import DNE, WordAtom


class NotDefined(WordAtom):
    """The value of f at a point where it has none; prints as ``undefined``."""

    word = "undefined"


UNDEFINED = NotDefined()


class IsContinuous(sympy.Basic):
    """The question "is f continuous at x = a?", as an expression that prints.

    >>> x = sympy.Symbol("x")
    >>> from calcml.expr.printing import to_text
    >>> to_text(IsContinuous(x**2, x, sympy.S.One))
    'continuous(x² at x = 1)'
    """

    def _sympystr(self, printer) -> str:
        f, x, a = (printer._print(arg) for arg in self.args)
        return f"continuous({f} at {x} = {a})"

    def _latex(self, printer) -> str:
        f, x, a = (printer._print(arg) for arg in self.args)
        return rf"\operatorname{{continuous}}\left({f} \text{{ at }} {x} = {a}\right)"

    def _mathml_presentation(self, printer):
        row = printer.dom.createElement("mrow")
        words = ("continuous(", " at ", " = ", ")")
        for text, arg in zip(words, (*self.args, None), strict=True):
            node = printer.dom.createElement("mtext")
            node.appendChild(printer.dom.createTextNode(text))
            row.appendChild(node)
            if arg is not None:
                row.appendChild(printer._print(arg))
        return row


@dataclass(frozen=True)
class FunctionValue(Step):
    """f(a): substitute x = a; ``value`` is UNDEFINED where that gives no real number."""

    rule = "Value at the point"
    function: sympy.Basic
    var: sympy.Symbol
    point: sympy.Basic
    value: sympy.Basic

    @property
    def defined(self) -> bool:
        return self.value is not UNDEFINED

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Function("f")(self.point)

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic] | None:
        """f(a) = value; None where f(a) is not defined (a remark, not an equality)."""
        if not self.defined:
            return None
        return sympy.Subs(self.function, self.var, self.point), self.value


class Failure(Enum):
    """Which of the three conditions of continuity fails; the words are in the explanation."""

    UNDEFINED = "f(a) undefined"
    NO_LIMIT = "no limit"
    INFINITE_LIMIT = "infinite limit"
    UNEQUAL = "limit not f(a)"


@dataclass(frozen=True)
class ContinuityConditions(Step):
    """f is continuous at a when f(a) is defined, lim_{x->a} f exists (a real number), and
    the two are equal; ``value_step`` and ``limit_step`` find each side."""

    rule = "Continuity conditions"
    follows = ("value_step", "limit_step")
    function: sympy.Basic
    var: sympy.Symbol
    point: sympy.Basic
    value_step: FunctionValue
    limit_step: Step

    @property
    def expression(self) -> sympy.Basic:
        return IsContinuous(self.function, self.var, self.point)

    def eval(self) -> sympy.Basic:
        return sympy.true if self.failure() is None else sympy.false

    @property
    def claim(self) -> None:
        """A verdict (continuous or not), not an equality; its substeps carry the claims."""
        return None

    def failure(self) -> Failure | None:
        """Which condition fails (None when none does)."""
        limit = self.limit_step.result
        if not self.value_step.defined:
            return Failure.UNDEFINED
        if limit is DNE:
            return Failure.NO_LIMIT
        if limit.is_infinite or not limit.is_extended_real:
            return Failure.INFINITE_LIMIT
        if sympy.simplify(limit - self.value_step.value) != 0:
            return Failure.UNEQUAL
        return None
