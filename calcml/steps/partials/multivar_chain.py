"""Steps of the partial-derivative (multivariable) chain rule and of the course's cost
derivations; the single-variable chain rule is the derivative step
:class:`calcml.steps.derivatives.rules.ChainRule`.

A rate such as ∂z/∂x or dx/dt is a :class:`Rate`, a SymPy symbol that prints as a
fraction of differentials, so the chain-rule formula is an ordinary SymPy sum of products.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy
from sympy.core.symbol import Symbol
from sympy.printing.precedence import PRECEDENCE

from calcml.steps.base import Step


def substituted(expr: sympy.Basic, pairs: tuple[tuple[sympy.Basic, sympy.Basic], ...]
                ) -> sympy.Basic:
    """``expr`` with the values of ``pairs`` put in, unevaluated (a ``Subs``), entry by entry
    for a tuple.

    >>> x = sympy.Symbol("x")
    >>> substituted(x**2, ((x, 3),)).doit()
    9
    """
    if isinstance(expr, sympy.Tuple):
        return sympy.Tuple(*(substituted(e, pairs) for e in expr))
    names, values = zip(*pairs, strict=True)
    return sympy.Subs(expr, names, values)


class Rate(Symbol):
    """The rate of change of ``top`` with respect to ``bottom``: ∂z/∂x or dz/dt.

    ``partial`` picks ∂ (``top`` depends on more than one variable) or d; ``at`` is an
    optional point, printed as a subscript bar. ``level`` orders the factors of a
    product as they lie along a path, from the output down (it is not part of equality).

    >>> from calcml.expr.printing import to_text, to_latex
    >>> z, x = sympy.symbols("z x", real=True)
    >>> to_text(Rate(z, x, partial=True)), to_text(Rate(z, x, partial=True) * 2, ascii=False)
    ('∂z/∂x', '2(∂z/∂x)')
    >>> to_text(Rate(z, x, partial=True) * 2, ascii=True), to_latex(Rate(z, x, partial=True))
    ('2*(partial z/partial x)', '\\\\frac{\\\\partial z}{\\\\partial x}')
    """

    def __new__(cls, top: sympy.Symbol, bottom: sympy.Symbol, partial: bool = False,
                at: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = (), level: int = 0) -> Rate:
        d = "∂" if partial else "d"
        where = ", ".join(f"{s} = {v}" for s, v in at)
        name = f"{d}{top}/{d}{bottom}" + (f" at {where}" if at else "")
        obj = Symbol.__xnew__(cls, name, real=True)
        obj.top, obj.bottom, obj.partial, obj.at, obj.level = top, bottom, partial, at, level
        return obj

    def __getnewargs_ex__(self):
        return (self.top, self.bottom, self.partial, self.at, self.level), {}

    def sort_key(self, order=None):
        return self.class_key(), (1, (self.level, self.name)), sympy.S.One.sort_key(), sympy.S.One

    precedence = PRECEDENCE["Mul"]  # a fraction: bracketed in a product, (∂z/∂x)·(dx/dt)

    def _sympystr(self, printer) -> str:
        """∂z/∂ŷ with the names as the printer writes them (∂ spelled ``partial`` in ASCII
        text)."""
        d = ("partial " if getattr(printer, "ascii", False) else "∂") if self.partial else "d"
        text = f"{d}{printer._print(self.top)}/{d}{printer._print(self.bottom)}"
        if self.at:
            where = ", ".join(f"{printer._print(s)} = {printer._print(v)}" for s, v in self.at)
            text += f" at {where}"
        return text

    def _latex(self, printer) -> str:
        d = r"\partial " if self.partial else "d"
        frac = rf"\frac{{{d}{printer._print(self.top)}}}{{{d}{printer._print(self.bottom)}}}"
        if not self.at:
            return frac
        where = ", ".join(f"{printer._print(s)} = {printer._print(v)}" for s, v in self.at)
        return rf"\left. {frac} \right|_{{{where}}}"

    def _mathml_presentation(self, printer):
        d = "∂" if self.partial else "d"
        frac = printer.dom.createElement("mfrac")
        for part in (self.top, self.bottom):
            row = printer.dom.createElement("mrow")
            mo = printer.dom.createElement("mo")
            mo.appendChild(printer.dom.createTextNode(d))
            row.appendChild(mo)
            row.appendChild(printer._print(part))
            frac.appendChild(row)
        if not self.at:
            return frac
        sub = printer.dom.createElement("msub")
        sub.appendChild(frac)
        sub.appendChild(printer._print(sympy.Tuple(*(sympy.Eq(s, v) for s, v in self.at))))
        return sub


@dataclass(frozen=True)
class EdgePartial(Step):
    """One edge of the dependency tree: ∂v/∂w, v's expression differentiated by w while
    every other variable is held constant. ``substep`` holds the derivative's own rules."""

    rule = "Partial derivative"
    rate: Rate
    function: sympy.Expr
    substep: Step

    @property
    def expression(self) -> sympy.Basic:
        return self.rate

    def eval(self) -> sympy.Basic:
        return self.substep.result

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return sympy.Derivative(self.function, self.rate.bottom), self.result


@dataclass(frozen=True)
class ChainRuleFormula(Step):
    """dz/dt = the sum over every path from z down to t of the product of the rates along
    the path; with one level, ∂z/∂x dx/dt + ∂z/∂y dy/dt. The chain rule of several
    variables; the single-variable one is :class:`calcml.steps.derivatives.rules.ChainRule`.
    """

    rule = "Chain rule formula"
    rate: Rate
    paths: tuple[tuple[Rate, ...], ...]
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...]

    @property
    def expression(self) -> sympy.Basic:
        return self.rate

    def eval(self) -> sympy.Basic:
        return sympy.Add(*(sympy.Mul(*path) for path in self.paths))

    @property
    def claim(self) -> None:
        """The rule's formula, in rates not yet worked out: no equality to check."""
        return None


@dataclass(frozen=True)
class ChainProducts(Step):
    """Each rate in the formula replaced by the partial derivative worked out for it."""

    rule = "Multiply along each path"
    formula: sympy.Expr
    rates: tuple[tuple[Rate, sympy.Expr], ...]

    @property
    def expression(self) -> sympy.Basic:
        return self.formula

    def eval(self) -> sympy.Basic:
        return self.formula.xreplace(dict(self.rates))

    @property
    def claim(self) -> None:
        """Rates replaced by their values: the edges' claims carry the equalities."""
        return None


@dataclass(frozen=True)
class SubstituteBack(Step):
    """Each intermediate variable written out in terms of the variables underneath it,
    level by level, until only those remain."""

    rule = "Substitute back"
    mixed: sympy.Expr
    definitions: tuple[tuple[sympy.Symbol, sympy.Expr], ...]

    @property
    def expression(self) -> sympy.Basic:
        return self.mixed

    def eval(self) -> sympy.Basic:
        expr = self.mixed
        for _ in self.definitions:
            expr = expr.xreplace(dict(self.definitions))
        return expr

    @property
    def claim(self) -> None:
        """A change of letters (each intermediate written out), not an equality."""
        return None


@dataclass(frozen=True)
class MultivariableChainRule(Step):
    """The chain rule for one variable: the formula, each partial derivative on the paths,
    the products, the substitution back, and (when it helps) a simpler equal form."""

    rule = "Partial-derivative chain rule"
    formula: ChainRuleFormula
    edges: tuple[EdgePartial, ...]
    products: ChainProducts
    substitution: SubstituteBack
    simplification: Step | None = None

    @property
    def expression(self) -> sympy.Basic:
        return self.formula.rate

    def eval(self) -> sympy.Basic:
        last = self.simplification or self.substitution
        return last.result

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """d(output)/d(var) of the output written out in the variables at the bottom."""
        rate = self.formula.rate
        composed = next(e.function for e in self.edges if e.rate.top == rate.top)
        for _ in self.formula.definitions:
            composed = composed.xreplace(dict(self.formula.definitions))
        return sympy.Derivative(composed, rate.bottom), self.result


@dataclass(frozen=True)
class ChainRuleSeveral(Step):
    """The chain rule applied once per variable: z(x(s, t), y(s, t)) has ∂z/∂s and ∂z/∂t."""

    rule = "Chain rule for each variable"
    derivations: tuple[Step, ...]

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Tuple(*(d.expression for d in self.derivations))

    def eval(self) -> sympy.Basic:
        return sympy.Tuple(*(d.result for d in self.derivations))

    @property
    def claim(self) -> None:
        """A list of derivations, each with its own claim."""
        return None


@dataclass(frozen=True)
class EvaluateAt(Step):
    """The derivative worked out in ``substep``, evaluated at a point (exactly)."""

    rule = "Evaluate at the point"
    follows = "substep"
    substep: Step
    point: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
    value: sympy.Basic

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.result

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        return substituted(self.substep.result, self.point), self.value


@dataclass(frozen=True)
class DerivativeIntoSum(Step):
    """d/dm Σᵢ fᵢ = Σᵢ d/dm fᵢ: the sum rule for n terms, with n any whole number.

    ``term_step`` differentiates one term, fᵢ, written with plain symbols (x_i, y_i);
    ``indexed`` maps those symbols to the Indexed ones of the sum (x[i], y[i]).
    """

    rule = "Derivative of a sum"
    total: sympy.Sum
    var: sympy.Symbol
    term_step: Step
    indexed: tuple[tuple[sympy.Symbol, sympy.Indexed], ...]

    @property
    def expression(self) -> sympy.Basic:
        return sympy.Derivative(self.total, self.var)

    def eval(self) -> sympy.Basic:
        term = self.term_step.result.xreplace(dict(self.indexed))
        return sympy.Sum(term, *self.total.limits)


@dataclass(frozen=True)
class EvaluateWithData(Step):
    """The formulas worked out in ``substep`` with the data put in: each symbol given its
    value, sums added up."""

    rule = "Put in the numbers"
    follows = "substep"
    substep: Step
    values: tuple[tuple[sympy.Basic, sympy.Basic], ...]
    value: sympy.Basic
    numbers: tuple[Step, ...] = ()
    """The numbers worked out on the way, in order (:class:`WorkedNumber` lines)."""

    @property
    def expression(self) -> sympy.Basic:
        return self.substep.result

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic] | None:
        """The formulas with the numbers put in; None where the data fill a sum's terms."""
        if not all(isinstance(k, sympy.Symbol) for k, _ in self.values):
            return None
        values = tuple((name, _as_written(v)) for name, v in self.values)
        return substituted(self.substep.result, values), _as_written(self.value)


@dataclass(frozen=True)
class WorkedNumber(Step):
    """One number worked out from the data: ``quantity`` is ``formula`` with the values of
    ``values`` put in (ŷ = m x + b = 6.4 with m = 0.9, x = 7, b = 0.1).

    >>> m, x, b, yhat = sympy.symbols("m x b yhat")
    >>> line = WorkedNumber(quantity=yhat, formula=m * x + b, value=sympy.Float("6.4"),
    ...                     values=((m, sympy.Float("0.9")), (x, 7), (b, sympy.Float("0.1"))))
    >>> line.claim[0].doit() == line.claim[1]
    True
    """

    rule = "Work out"
    quantity: sympy.Basic
    formula: sympy.Basic
    values: tuple[tuple[sympy.Basic, sympy.Basic], ...]
    value: sympy.Basic

    @property
    def expression(self) -> sympy.Basic:
        return self.quantity

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """The formula with the numbers put in, equal to the value: each decimal meant
        exactly as written (6.4 is 32/5), whatever the precision of the Float holding it."""
        values = tuple((name, _as_written(v)) for name, v in self.values)
        return substituted(self.formula, values), _as_written(self.value)


def _as_written(value: sympy.Basic) -> sympy.Basic:
    """A Float as the exact number its printed digits say (6.4 is 32/5), entry by entry in
    a tuple.

    >>> _as_written(sympy.Float("6.4", 2)), _as_written(sympy.Tuple(sympy.Float("0.5", 1), 2))
    (32/5, (1/2, 2))
    """
    if isinstance(value, sympy.Tuple):
        return sympy.Tuple(*(_as_written(v) for v in value))
    return sympy.Rational(str(value)) if isinstance(value, sympy.Float) else value
