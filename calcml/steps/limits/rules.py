"""Step classes of the limit strategies (one frozen dataclass per strategy) and ``DNE``.

Every limit step works on a ``sympy.Limit`` (its ``expression``) and yields the value of
that limit: a number, ``oo``, ``-oo``, or :data:`DNE` when the limit does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

import sympy

from calcml.steps.base import Step


class WordAtom(sympy.Atom):
    """A SymPy atom that stands for a word (DNE, undefined) and prints as that word."""

    word = ""
    is_number = False
    is_comparable = False

    def _sympystr(self, printer) -> str:
        return self.word

    def _latex(self, printer) -> str:
        return rf"\text{{{self.word}}}"

    def _mathml_presentation(self, printer):
        node = printer.dom.createElement("mtext")
        node.appendChild(printer.dom.createTextNode(self.word))
        return node


class DoesNotExist(WordAtom):
    """The value of a limit that does not exist; prints as ``DNE``.

    >>> from calcml.expr.printing import to_text
    >>> to_text(DNE)
    'DNE'
    """

    word = "DNE"


DNE = DoesNotExist()

_FORMS = {
    "0/0": ("0/0", "0/0", r"\frac{0}{0}", ("frac", "0", "0")),
    "oo/oo": ("oo/oo", "∞/∞", r"\frac{\infty}{\infty}", ("frac", "∞", "∞")),
    "0*oo": ("0*oo", "0·∞", r"0 \cdot \infty", ("row", "0", "·", "∞")),
    "oo - oo": ("oo - oo", "∞ − ∞", r"\infty - \infty", ("row", "∞", "−", "∞")),
    "1^oo": ("1^oo", "1^∞", r"1^{\infty}", ("sup", "1", "∞")),
    "0^0": ("0^0", "0⁰", "0^{0}", ("sup", "0", "0")),
    "oo^0": ("oo^0", "∞⁰", r"\infty^{0}", ("sup", "∞", "0")),
}
"""Each indeterminate form as ASCII text, Unicode text, LaTeX and MathML parts."""


class IndeterminateValue(sympy.Atom):
    r"""What substitution gives where it decides nothing: an indeterminate form such as
    0/0 or ∞/∞, printed as a textbook writes it.

    >>> from calcml.expr.printing import to_latex, to_text
    >>> to_text(IndeterminateValue("oo/oo"), ascii=False), to_latex(IndeterminateValue("0/0"))
    ('∞/∞', '\\frac{0}{0}')
    """

    is_number = False
    is_comparable = False

    def __new__(cls, form: str) -> IndeterminateValue:
        if form not in _FORMS:
            raise ValueError(f"{form!r} is not an indeterminate form")
        atom = super().__new__(cls)
        atom.form = form
        return atom

    def _hashable_content(self) -> tuple:
        return (self.form,)

    def __getnewargs__(self) -> tuple:
        return (self.form,)

    def _sympystr(self, printer) -> str:
        return _FORMS[self.form][0 if getattr(printer, "ascii", True) else 1]

    def _latex(self, printer) -> str:
        return _FORMS[self.form][2]

    def _mathml_presentation(self, printer):
        kind, *parts = _FORMS[self.form][3]
        tags = {"frac": "mfrac", "sup": "msup", "row": "mrow"}
        node = printer.dom.createElement(tags[kind])
        for part in parts:
            leaf = printer.dom.createElement("mn" if part.isdigit() else
                                             "mo" if part in "·−" else "mi")
            leaf.appendChild(printer.dom.createTextNode(part))
            node.appendChild(leaf)
        return node


class Quotient(sympy.Expr):
    r"""``top`` over ``bottom`` as it stands, neither simplified nor multiplied out: a stacked
    fraction in LaTeX and MathML, (top)/(bottom) in text (f′/g′ after L'Hôpital's rule).

    >>> from calcml.expr.printing import to_latex, to_text
    >>> x = sympy.Symbol("x")
    >>> to_text(Quotient(1/x, -1/x**2), ascii=True), to_latex(Quotient(1/x, sympy.Integer(1)))
    ('(1/x)/(-1/x^2)', '\\frac{\\frac{1}{x}}{1}')
    """

    def __new__(cls, top: sympy.Basic, bottom: sympy.Basic) -> Quotient:
        return sympy.Basic.__new__(cls, sympy.sympify(top), sympy.sympify(bottom))

    def _sympystr(self, printer) -> str:
        return "/".join(_operand(printer, part) for part in self.args)

    def _latex(self, printer) -> str:
        top, bottom = (printer._print(part) for part in self.args)
        return rf"\frac{{{top}}}{{{bottom}}}"

    def _mathml_presentation(self, printer):
        node = printer.dom.createElement("mfrac")
        for part in self.args:
            node.appendChild(printer._print(part))
        return node


def _operand(printer, part: sympy.Basic) -> str:
    """``part`` in text, bracketed unless it is a name, a number or a call."""
    text = printer._print(part)
    simple = (part.is_Atom or part.is_Function) and not text.startswith("-")
    return text if simple else f"({text})"


@dataclass(frozen=True)
class LimitStep(Step):
    """A step that finds the value of ``limit`` (a ``sympy.Limit``)."""

    limit: sympy.Limit

    @property
    def expression(self) -> sympy.Basic:
        return self.limit


@dataclass(frozen=True)
class DirectSubstitution(LimitStep):
    """lim_{x->a} f(x) = f(a) where each part of f has a limit and the parts combine.

    The limit laws (sum, product, quotient, power, continuous function of a limit) in the
    extended reals: c/oo = 0, e^(-oo) = 0, oo + c = oo. ``at_the_point`` is True when the
    value is simply f(a), False when some part passes through an infinity on the way.
    """

    rule = "Direct substitution"
    value: sympy.Basic
    at_the_point: bool = False

    def eval(self) -> sympy.Basic:
        return self.value


@dataclass(frozen=True)
class InfiniteLimit(LimitStep):
    """n(x)/d(x) with n -> N != 0 and d -> 0 from one sign: the quotient -> sign * oo."""

    rule = "Infinite limit"
    numerator_value: sympy.Basic
    denominator_sign: int
    value: sympy.Basic

    def eval(self) -> sympy.Basic:
        return self.value


@dataclass(frozen=True)
class IndeterminateForm(LimitStep):
    """Substitution gives ``form`` (0/0, oo/oo, 0*oo, oo - oo, 1^oo, 0^0, oo^0), which says
    nothing about the limit; ``substep`` finds it another way."""

    rule = "Indeterminate form"
    leads = "substep"
    relation = "→"
    form: str
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """What substitution gives, f → 0/0: the line says nothing yet of the limit's
        value, which the lines after it find."""
        return self.limit.args[0], IndeterminateValue(self.form)

    @property
    def claim(self) -> None:
        """The line names the form substitution gives; it states no equality."""
        return None


@dataclass(frozen=True)
class AlgebraLine(Step):
    """A line of algebra inside a worked limit: ``before`` = ``after`` wherever both are
    defined (for x near a; a cancelled factor may vanish at a itself)."""

    rule = "Algebra"
    before: sympy.Basic
    after: sympy.Basic

    @property
    def expression(self) -> sympy.Basic:
        return self.before

    def eval(self) -> sympy.Basic:
        return self.after

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return self.before, self.after


@dataclass(frozen=True)
class ConjugateProduct(AlgebraLine):
    """(a - b)(a + b) = a^2 - b^2: ``before`` is the part with the root times its
    conjugate, ``first`` and ``second`` are a and b, ``first_squared`` and
    ``second_squared`` their squares worked out (x + 4 and 4), ``after`` a^2 - b^2 (x)."""

    rule = "Difference of squares"
    first: sympy.Basic
    second: sympy.Basic
    first_squared: sympy.Basic
    second_squared: sympy.Basic


@dataclass(frozen=True)
class CancelCommonFactor(AlgebraLine):
    """c r / (c s) = r / s where ``common_factor`` c is not 0 (x != a)."""

    rule = "Cancel the common factor"
    common_factor: sympy.Basic


@dataclass(frozen=True)
class SimplifyQuotient(AlgebraLine):
    """f'/g' written as one simpler expression before the limit is taken."""

    rule = "Simplify the quotient"

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """f′/g′ as a stacked fraction = the simpler form."""
        parts = self.before.args if self.before.is_Mul else ()
        if len(parts) == 2 and parts[1].is_Pow and parts[1].exp == -1:
            return Quotient(parts[0], parts[1].base), self.after
        return self.before, self.after


@dataclass(frozen=True)
class FactorAndCancel(LimitStep):
    """p/q = (c r)/(c s) = r/s for x != a, where c = ``common_factor`` vanishes at a."""

    rule = "Factor and cancel"
    leads = "substep"
    factored: sympy.Basic
    common_factor: sympy.Basic
    cancelled: sympy.Basic
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class MultiplyByConjugate(LimitStep):
    """(a - b) = (a - b)(a + b)/(a + b) = (a^2 - b^2)/(a + b): the square root leaves.

    ``multiplied`` is f times conjugate over conjugate; ``product`` works out the
    difference of squares; ``simplified`` is f with it in place; ``cancellation`` (or
    None) cancels the factor that made 0/0; ``substep`` finds the limit of what is left.
    """

    rule = "Multiply by the conjugate"
    leads = "substep"
    conjugate: sympy.Basic
    multiplied: sympy.Basic
    product: ConjugateProduct
    simplified: sympy.Basic
    cancellation: CancelCommonFactor | None
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class DivideByHighestPower(LimitStep):
    """p/q at +-oo: divide top and bottom by x^k, the highest power in q; c/x^j -> 0."""

    rule = "Divide by the highest power"
    leads = "substep"
    power: sympy.Basic
    rewritten: sympy.Basic
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class LHopitalRule(LimitStep):
    """lim f/g = lim f'/g' when f/g is ``form`` 0/0 or oo/oo and the right side exists;
    ``quotient`` (or None when there is nothing to simplify) writes f'/g' simply."""

    rule = "L'Hôpital's rule"
    form: str
    numerator: sympy.Basic
    denominator: sympy.Basic
    numerator_derivative: Step
    denominator_derivative: Step
    quotient: SimplifyQuotient | None
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result

    @property
    def derivative_quotient(self) -> Quotient:
        """f′/g′ as it stands, before it is simplified."""
        return Quotient(self.numerator_derivative.result, self.denominator_derivative.result)

    @property
    def equality(self) -> tuple[sympy.Basic, sympy.Basic]:
        """lim f/g = lim f′/g′, the rule's own equation; the lines below find the value."""
        _, x, a, side = self.limit.args
        return self.limit, sympy.Limit(self.derivative_quotient, x, a, side)


@dataclass(frozen=True)
class StandardLimit(LimitStep):
    """A known limit, ``known`` = ``known_value`` (sin u/u -> 1, (1 + u)^(1/u) -> e, ...),
    applied with u = ``inner``; ``scale`` is the constant that relates f to the known form
    (a factor, or for the e-limits an exponent). ``reciprocal`` is True when f is one over
    ``scale`` times the known form (x / sin 3x = 1 / (3 * sin 3x/(3x)))."""

    rule = "Standard limit"
    known: sympy.Limit
    known_value: sympy.Basic
    inner: sympy.Basic
    scale: sympy.Basic
    value: sympy.Basic
    reciprocal: bool = False

    def eval(self) -> sympy.Basic:
        return self.value


class LimitRewriteKind(Enum):
    """How a limit's function is rewritten; the words for each are in the explanation."""

    PIECEWISE = "piecewise"
    """Each absolute value (or sign) written piece by piece."""
    PRODUCT_AS_QUOTIENT = "product as quotient"
    """A product 0·∞ written as a quotient, u·v = u/(1/v)."""
    COMMON_DENOMINATOR = "common denominator"
    """A difference ∞ − ∞ of fractions put over one denominator."""
    TANGENT_AS_SINE_OVER_COSINE = "tangent as sine over cosine"
    """tan u written as sin u/cos u, where cos u tends to a number other than 0."""


@dataclass(frozen=True)
class LimitRewrite(LimitStep):
    """Rewrite f as an equal ``rewritten`` that has a form a rule can handle; ``kind``
    says which rewrite."""

    rule = "Rewrite"
    leads = "substep"
    rewritten: sympy.Basic
    kind: LimitRewriteKind
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class ExponentViaLogarithm(LimitStep):
    """y = b^e, ln y = e ln b -> L, so y = e^(ln y) -> e^L (1^oo, 0^0 and oo^0)."""

    rule = "Exponent via logarithm"
    log_limit: Step

    def eval(self) -> sympy.Basic:
        inner = self.log_limit.result
        return DNE if inner is DNE else sympy.exp(inner)


@dataclass(frozen=True)
class OneSidedLimits(LimitStep):
    """The two-sided limit exists when the limits from the left and right agree."""

    rule = "One-sided limits"
    left: Step
    right: Step

    def eval(self) -> sympy.Basic:
        if self.left.result == self.right.result and self.left.result is not DNE:
            return self.left.result
        return DNE


@dataclass(frozen=True)
class LimitLaw(LimitStep):
    """The limit of a sum, product, power or continuous function of parts that each have a
    limit: lim (f + g) = lim f + lim g, lim h(f) = h(lim f). ``law`` names which."""

    rule = "Limit law"
    law: str
    parts: tuple[Step, ...]
    value: sympy.Basic

    def eval(self) -> sympy.Basic:
        return self.value


@dataclass(frozen=True)
class Oscillation(LimitStep):
    """f keeps swinging between ``low`` and ``high`` as x -> a, so it has no limit: two
    sequences tending to a (``along``, each an :class:`AlongSequence`) give f different
    limits."""

    rule = "Oscillation"
    low: sympy.Basic
    high: sympy.Basic
    along: tuple[Step, ...] = ()

    def eval(self) -> sympy.Basic:
        return DNE


@dataclass(frozen=True)
class AlongSequence(LimitStep):
    """f along the sequence x = ``sequence`` (in the whole number n, tending to ``point``):
    ``limit`` is lim_{n->oo} f(x_n), whose value is ``value``."""

    rule = "Along a sequence"
    function: sympy.Basic
    var: sympy.Symbol
    point: sympy.Basic
    sequence: sympy.Basic
    value: sympy.Basic

    def eval(self) -> sympy.Basic:
        return self.value


@dataclass(frozen=True)
class PieceInForce(LimitStep):
    """Near a (on the side of the limit) f is defined by ``piece`` where ``condition``
    holds, so its limit is that of the piece."""

    rule = "Piece in force"
    piece: sympy.Basic
    condition: sympy.Basic
    substep: Step

    def eval(self) -> sympy.Basic:
        return self.substep.result
