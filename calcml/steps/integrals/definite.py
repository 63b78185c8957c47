"""Steps around an antiderivative: the constant C, SymPy's fallback, a real form, and the
definite integral (the fundamental theorem, improper integrals as limits, signed area)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import sympy

from calcml.steps.base import Step
from calcml.steps.integrals.rules import IntegralStep
from calcml.steps.limits.rules import WordAtom


class Diverges(WordAtom):
    """The value of an integral that has no value (it oscillates, or adds oo and -oo);
    prints as ``diverges``.

    >>> from calcml.expr.printing import to_text
    >>> to_text(DIVERGES)
    'diverges'
    """

    word = "diverges"


DIVERGES = Diverges()


class PlusConstant(sympy.Expr):
    """An antiderivative F shown as ``F + C``, C standing for any constant.

    >>> from calcml.expr.printing import to_text
    >>> x = sympy.Symbol("x")
    >>> to_text(PlusConstant(x**2/2))
    'x²/2 + C'
    """

    @property
    def antiderivative(self) -> sympy.Expr:
        return self.args[0]

    def _sympystr(self, printer) -> str:
        return f"{printer._print(self.antiderivative)} + C"

    def _latex(self, printer) -> str:
        return f"{printer._print(self.antiderivative)} + C"

    def _mathml_presentation(self, printer):
        row = printer.dom.createElement("mrow")
        row.appendChild(printer._print(self.antiderivative))
        for tag, text in (("mo", "+"), ("mi", "C")):
            node = printer.dom.createElement(tag)
            node.appendChild(printer.dom.createTextNode(text))
            row.appendChild(node)
        return row


class Difference(sympy.Expr):
    """``first`` − ``second`` as it stands, not worked out: F(b) − F(a) with both values in
    view. The second is bracketed where it is a sum or negative.

    >>> from calcml.expr.printing import to_text
    >>> to_text(Difference(sympy.log(2), sympy.log(sympy.Rational(4, 3))), ascii=True)
    'log(2) - log(4/3)'
    >>> to_text(Difference(sympy.Integer(2), sympy.Integer(-3)), ascii=False)
    '2 − (−3)'
    """

    def __new__(cls, first: sympy.Basic, second: sympy.Basic) -> Difference:
        return sympy.Basic.__new__(cls, sympy.sympify(first), sympy.sympify(second))

    @property
    def bracketed(self) -> bool:
        """Whether the second value needs brackets after the minus sign."""
        second = self.args[1]
        return bool(second.is_Add or second.could_extract_minus_sign())

    def _sympystr(self, printer) -> str:
        first, second = (printer._print(part) for part in self.args)
        return f"{first} - ({second})" if self.bracketed else f"{first} - {second}"

    def _latex(self, printer) -> str:
        first, second = (printer._print(part) for part in self.args)
        return (rf"{first} - \left({second}\right)" if self.bracketed
                else f"{first} - {second}")

    def _mathml_presentation(self, printer):
        row = printer.dom.createElement("mrow")
        row.appendChild(printer._print(self.args[0]))
        parts = [("mo", "\u2212")]
        if self.bracketed:
            parts += [("mo", "("), (None, self.args[1]), ("mo", ")")]
        else:
            parts.append((None, self.args[1]))
        for tag, content in parts:
            if tag is None:
                row.appendChild(printer._print(content))
                continue
            node = printer.dom.createElement(tag)
            node.appendChild(printer.dom.createTextNode(content))
            row.appendChild(node)
        return row


@dataclass(frozen=True)
class ConstantOfIntegration(Step):
    """∫ f dx = F + C: ``substep`` finds one antiderivative F; every other one differs from
    it by a constant."""

    rule = "Add the constant of integration"
    follows = "substep"
    substep: Step

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.expression

    def eval(self) -> sympy.Basic:
        return PlusConstant(self.substep.result)

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """∫ f dx = F: an indefinite integral's claim already holds up to a constant."""
        return self.expression, self.substep.result


class SearchStop(Enum):
    """Why calcml's rule search gave no antiderivative to show; the words for each are in
    the explanation."""

    NO_RULE = "no rule"
    """No rule fits part of the integrand."""
    WORK_LIMIT = "work limit"
    """The search tried as many sub-integrals as it may without finishing."""
    FAILED = "failed"
    """The search broke down on this integrand."""
    NOT_CHECKED = "not checked"
    """The search's answer did not differentiate back to the integrand."""


class SympyOutcome(Enum):
    """What SymPy's ``integrate`` gave where no antiderivative could be shown."""

    OVER_THE_ROOTS = "over the roots"
    """Not tried: the answer is a sum over the roots of a denominator of degree 5 or more
    that cannot be factored over the rationals (a RootSum)."""
    FAILED = "failed"
    """SymPy's integrate broke down."""
    NONE_FOUND = "none found"
    """SymPy's integrate found no antiderivative either."""
    ROOT_SUM = "root sum"
    """SymPy's integrate gave only a sum over the roots of a polynomial (a RootSum)."""
    NOT_REAL = "not real"
    """SymPy's answer has no real form that differentiates back to the integrand."""


class RealFormKind(Enum):
    """How a real antiderivative was found from one that is not real everywhere the
    integrand is."""

    LOG_ABS = "log abs"
    """Logarithms of absolute values, ln|g| in place of ln g."""
    ARCTANGENT = "arctangent"
    """Inverse trigonometric functions written as arctangents."""
    REAL_BRANCH = "real branch"
    """The branch of SymPy's piecewise answer that is real."""
    REAL_PART = "real part"
    """The real part."""


@dataclass(frozen=True)
class SympyIntegrate(IntegralStep):
    """The rule search stopped (``search`` says how, after ``sub_integrals`` sub-integrals
    where it reached its work limit); SymPy's ``integrate`` (the Risch algorithm and table
    look-ups) gives ``antiderivative``. ``real_form`` says how a real form was found where
    SymPy's own answer used complex numbers (None where it did not)."""

    rule = "Computed by SymPy's integrate"
    search: SearchStop
    antiderivative: sympy.Expr
    sub_integrals: int = 0
    real_form: RealFormKind | None = None

    def eval(self) -> sympy.Basic:
        return self.antiderivative


@dataclass(frozen=True)
class NoAntiderivative(IntegralStep):
    """Neither the rule search (``search`` says how it stopped, ``sub_integrals`` how many
    it tried where it reached its work limit) nor SymPy's ``integrate`` (``sympy_outcome``;
    ``degree`` is the degree of the denominator whose roots the answer sums over) found an
    antiderivative in elementary (or named special) functions. The result is the integral
    itself, unevaluated."""

    rule = "No antiderivative found"
    search: SearchStop
    sympy_outcome: SympyOutcome
    sub_integrals: int = 0
    degree: int = 0

    def eval(self) -> sympy.Basic:
        return sympy.Integral(self.integrand, self.var)

    @property
    def claim(self) -> None:
        """A remark that no antiderivative was found: it states no equality."""
        return None


@dataclass(frozen=True)
class RealForm(Step):
    """The antiderivative of ``substep`` is not right for every real x where the integrand
    is real (it takes complex values, or holds on one side only); ``real_form`` is an
    antiderivative that is, found as ``kind`` says."""

    rule = "Real form"
    follows = "substep"
    substep: Step
    real_form: sympy.Expr
    kind: RealFormKind

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.expression

    def eval(self) -> sympy.Basic:
        return self.real_form


@dataclass(frozen=True)
class DefiniteStep(Step):
    """A step that works on the definite integral of ``integrand`` from ``lower`` to
    ``upper`` in ``var``."""

    integrand: sympy.Expr
    var: sympy.Symbol
    lower: sympy.Expr
    upper: sympy.Expr

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Integral(self.integrand, (self.var, self.lower, self.upper))


@dataclass(frozen=True)
class FundamentalTheorem(DefiniteStep):
    """∫ₐᵇ f(x) dx = F(b) - F(a), F any antiderivative of f continuous on [a, b]:
    ``antiderivative_step`` finds F; ``at_upper`` = F(b), ``at_lower`` = F(a)."""

    rule = "Fundamental theorem of calculus"
    follows = "antiderivative_step"
    antiderivative_step: Step
    at_upper: sympy.Expr
    at_lower: sympy.Expr

    def eval(self) -> sympy.Basic:
        return self.at_upper - self.at_lower

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """∫ₐᵇ f dx = F(b) − F(a), both values shown as they are."""
        return self.expression, Difference(self.at_upper, self.at_lower)


@dataclass(frozen=True)
class SimplifyValue(Step):
    """F(b) − F(a) from ``substep`` worked out into ``value``, its simplest form (ln 2 −
    ln(4/3) = ln(3/2)): the last line of the fundamental theorem's work."""

    rule = "Simplify"
    follows = "substep"
    substep: FundamentalTheorem
    value: sympy.Expr

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.expression

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.substep.result, self.value

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.substep.equality[1], self.value


@dataclass(frozen=True)
class ImproperIntegral(DefiniteStep):
    """An end where the integral is improper (infinite, or where f blows up) is reached as
    a limit: ∫ₐ^b f dx = lim (t → b) [F(t) - F(a)], or from the other end. ``bound`` is t,
    ``at_upper_end`` says which end moves, ``antiderivative_step`` finds F, and
    ``limit_step`` evaluates the limit. An infinite or missing limit means the integral
    diverges."""

    rule = "Improper integral as a limit"
    follows = "antiderivative_step"
    antiderivative_step: Step
    bound: sympy.Symbol
    at_upper_end: bool
    limit_step: Step

    @property
    def limit(self) -> sympy.Basic:
        return self.limit_step.expression

    def eval(self) -> sympy.Basic:
        value = self.limit_step.result
        return value if value.is_extended_real else DIVERGES


@dataclass(frozen=True)
class LimitAtInfinity(Step):
    """The limit of ``function`` (F at the moving end, minus F at the fixed one) as
    ``bound`` tends to ``point`` (oo or -oo), from the limits of its parts: each of
    ``parts`` tends to the matching entry of ``part_limits``, for the reason named by
    ``kinds`` ("erf", "arctan", "log", ...), and the limit laws combine them."""

    rule = "Limit at infinity"
    function: sympy.Expr
    bound: sympy.Symbol
    point: sympy.Expr
    parts: tuple[sympy.Expr, ...]
    part_limits: tuple[sympy.Expr, ...]
    kinds: tuple[str, ...]

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Limit(self.function, self.bound, self.point)

    def eval(self) -> sympy.Basic:
        return self.function.xreplace(dict(zip(self.parts, self.part_limits, strict=True)))


@dataclass(frozen=True)
class KnownShape(DefiniteStep):
    """The region under the graph is a shape whose area is known: ``shape`` names it (half
    a disc of radius ``radius``, or a quarter), whose area ``area`` agrees with the
    integral worked out in ``substep``."""

    rule = "Area of a known shape"
    follows = "substep"
    shape: str
    radius: sympy.Expr
    area: sympy.Expr
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.area


@dataclass(frozen=True)
class SplitIntegral(DefiniteStep):
    """∫ₐᵇ = ∫ₐᶜ + ∫꜀ᵇ: split at ``points`` (where f blows up, or a midpoint between two
    improper ends) so that each piece (``pieces``) is improper at one end at most. The
    integral converges only if every piece does."""

    rule = "Split the integral"
    points: tuple[sympy.Expr, ...]
    pieces: tuple[Step, ...]

    def eval(self) -> sympy.Basic:
        values = [p.result for p in self.pieces]
        if any(v == DIVERGES for v in values):
            return DIVERGES
        total = sympy.Add(*values)
        return DIVERGES if total is sympy.nan else total


@dataclass(frozen=True)
class SignedArea(DefiniteStep):
    """The definite integral is a signed area: area above the x-axis counts positive, area
    below counts negative. ``roots`` are where f changes sign inside (a, b), and
    ``piece_values`` the integrals between them; ``substep`` computes the whole."""

    rule = "Signed area"
    follows = "substep"
    roots: tuple[sympy.Expr, ...]
    piece_values: tuple[sympy.Expr, ...]
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class NumericValue(DefiniteStep):
    """The definite integral computed numerically: ``value`` with the estimated ``error``,
    by ``method`` (its name). ``rejected`` is the value F(b) - F(a) from an antiderivative
    that the numbers did not support, or None where no antiderivative was found."""

    rule = "Numeric value"
    value: sympy.Expr
    error: float
    method: str
    rejected: sympy.Expr | None = None

    def eval(self) -> sympy.Basic:
        return self.value
