"""The first line of a worked solution whose problem was typed in a form that simplifies.

A learner who types ``x*x`` wrote a product; SymPy reads it as ``x**2`` at once. A worked
solution that started from x² would start from something the learner never typed, so it
starts instead with the line ``x·x = x²`` (:class:`SimplifyAsTyped`) and then works on x².
A division that cancels says where it holds: ``x/x = 1`` only for x ≠ 0, and in a limit
that condition is what lets the limit of x/x be the limit of 1.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TypeVar

import sympy

from calcml.expr.typed import Parsed
from calcml.steps.base import Solution, Step
from calcml.steps.explain import explains
from calcml.steps.explain_base import Explanation, slot_list

__all__ = ["SimplifyAsTyped", "from_typed", "restate_as_typed"]

S = TypeVar("S", bound=Solution)
_WORKED_ON = (sympy.Derivative, sympy.Limit, sympy.Integral)
"""The problems whose first argument is the expression worked on."""


@dataclass(frozen=True)
class SimplifyAsTyped(Step):
    """``typed`` = ``simplified`` wherever ``typed`` is defined; ``substep`` works on
    ``simplified``.

    ``typed`` is the expression as the learner typed it, ``simplified`` the equal form
    SymPy evaluates it to (like factors and terms combined, numbers multiplied).
    ``cancelled`` are the factors ``typed`` divides by that ``simplified`` no longer does:
    the two are equal only where these are not 0 (x/x = 1 for x ≠ 0). ``limit`` is the
    limit of ``typed`` when the work is a limit (None otherwise): a limit never looks at
    the point itself, so it is the limit of ``simplified``.
    """

    rule = "Simplify as typed"
    leads = "substep"
    typed: sympy.Basic
    simplified: sympy.Basic
    substep: Step
    cancelled: tuple[sympy.Basic, ...] = ()
    limit: sympy.Limit | None = None

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.expression

    def eval(self) -> sympy.Basic:
        return self.substep.result

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.typed, self.simplified

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        if self.limit is not None:
            return self.limit, self.limit.func(self.simplified, *self.limit.args[1:])
        return self.claim


def from_typed(parsed: Parsed, step: Step, limit: sympy.Limit | None = None) -> Step:
    """``step`` (worked on ``parsed.value``) led by the line that simplifies what was typed,
    where the typed form differs in a way worth showing; else ``step`` itself.

    >>> from calcml.expr.parser import parse_typed
    >>> from calcml.steps.common import SympyAnswer
    >>> x = sympy.Symbol("x", real=True)
    >>> work = SympyAnswer(problem=sympy.Derivative(x**2, x), value=2*x, method="diff")
    >>> from_typed(parse_typed("x*x"), work).claim
    (x*x, x**2)
    >>> from_typed(parse_typed("x^2"), work) is work
    True
    """
    if not parsed.differs:
        return step
    return SimplifyAsTyped(typed=parsed.typed, simplified=parsed.value, substep=step,
                           cancelled=parsed.cancelled, limit=limit)


def restate_as_typed(parsed: Parsed, solution: S) -> S:
    """``solution`` (worked on ``parsed.value``) stated for the expression as typed, where
    that differs in a way worth showing: its problem holds the typed form, and its first
    line simplifies what was typed (with the factors cancelled; for a limit, why the limit
    is unchanged). Otherwise ``solution`` itself.

    >>> from calcml.expr.parser import parse_typed
    >>> from calcml.steps.base import Solution
    >>> from calcml.steps.common import SympyAnswer
    >>> x = sympy.Symbol("x", real=True)
    >>> work = SympyAnswer(problem=sympy.Limit(1, x, 0), value=sympy.S.One, method="limit")
    >>> typed = restate_as_typed(parse_typed("x/x"),
    ...                          Solution(problem=work.problem, result=1, step=work))
    >>> typed.problem, typed.step.cancelled
    (Limit(x/x, x, 0, dir='+'), (x,))
    """
    if not parsed.differs:
        return solution
    problem = solution.problem.replace(
        lambda e: isinstance(e, _WORKED_ON) and e.args[0] == parsed.value,
        lambda e: e.func(parsed.typed, *e.args[1:]))
    limit = problem if isinstance(problem, sympy.Limit) else None
    return replace(solution, problem=problem, step=from_typed(parsed, solution.step, limit))


_HOW = {
    "powers": "powers of the same base multiply by adding their exponents, {pp} = {pc}",
    "power of power": "a power of a power multiplies the exponents",
    "root of square": "the square root of a square is the absolute value, {rs} = {ra}",
    "numbers": "the numbers multiply together",
    "like terms": "like terms are collected",
    "distribute": "the factor in front of the brackets multiplies each term inside them",
}


def _how(typed: sympy.Basic) -> list[str]:
    """What simplifying ``typed`` does, as keys of :data:`_HOW`, in a fixed order."""
    found = set()
    for part in sympy.preorder_traversal(typed):
        if isinstance(part, sympy.Mul):
            factors = part.args
            bases = [f.as_base_exp()[0] for f in factors if not f.is_number]
            if len(bases) != len(set(bases)):
                found.add("powers")
            if sum(f.is_Number for f in factors) > 1:
                found.add("numbers")
            if len(factors) == 2 and factors[0].is_Number and factors[1].is_Add:
                found.add("distribute")
        elif isinstance(part, sympy.Pow) and isinstance(part.base, sympy.Pow):
            square_root = part.exp == sympy.S.Half and part.base.exp == 2
            found.add("root of square" if square_root else "power of power")
        elif isinstance(part, sympy.Add):
            rests = [t.as_coeff_Mul()[1] for t in part.args]
            if len(rests) != len(set(rests)):
                found.add("like terms")
    return [key for key in _HOW if key in found]


@explains(SimplifyAsTyped)
def _simplify_as_typed(step: SimplifyAsTyped) -> Explanation:
    math = {"a": step.typed, "b": step.simplified}
    if not step.cancelled:
        how = _how(step.typed)
        if "powers" in how:
            a, n, m = sympy.symbols("a n m")
            math.update({"pp": sympy.Mul(a**n, a**m, evaluate=False), "pc": a**(n + m)})
        if "root of square" in how:
            a = sympy.Symbol("a", real=True)
            math.update({"rs": sympy.Pow(a**2, sympy.S.Half, evaluate=False), "ra": abs(a)})
        said = "; ".join(_HOW[key] for key in how) or "the same expression, written simply"
        return Explanation(f"As typed, {{a}} simplifies to {{b}}: {said}. The work goes on "
                           "from {b}.", math)
    factors, slots = slot_list(step.cancelled, "c")
    math.update(slots)
    plural = len(step.cancelled) > 1
    text = (f"Cancelling {factors} top and bottom, {{a}} = {{b}} wherever {factors} "
            f"{'are' if plural else 'is'} not 0; {{a}} itself is not defined where "
            f"{'one of them is' if plural else 'it is'} 0.")
    if step.limit is None:
        return Explanation(text + " The work goes on from {b}.", math)
    _, x, a, _ = step.limit.args
    math.update({"x": x, "p": a})
    return Explanation(text + " A limit as {x} approaches {p} looks only at points near {p} "
                       "where {a} is defined, never at {p} itself, and there {a} = {b}: so "
                       "the limit of {a} is the limit of {b}.", math)
