"""Steps of partial derivatives, gradients, Jacobians, Hessians and directional derivatives.

Each partial derivative holds the other variables constant and then applies the
single-variable rules (its substep comes from :func:`calcml.symbolic.derivative_steps`).
Matrices (a gradient is a column, n x 1) are SymPy ``ImmutableMatrix`` objects, so every
step's ``eval()`` returns a SymPy expression or matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import sympy

from calcml.steps.base import Step

Point = tuple[tuple[sympy.Symbol, sympy.Expr], ...]


class AtPoint(sympy.Basic):
    """``expr`` evaluated at a point, shown as expr at (x, y) = (2, 3) (not evaluated).

    >>> from calcml.expr.printing import to_text
    >>> x, y = sympy.symbols("x y")
    >>> to_text(AtPoint(sympy.Derivative(x*y, x), ((x, 2), (y, 3))), ascii=False)
    '∂/∂x (xy) at (x, y) = (2, 3)'
    >>> print(to_text(AtPoint(sympy.Matrix([[2*y, 2*x], [2*x, 0]]), ((x, 2), (y, 3))),
    ...               ascii=False))
    ⎡2y  2x⎤ at (x, y) = (2, 3)
    ⎣2x   0⎦
    """

    def __new__(cls, expr: sympy.Basic, point: Point) -> AtPoint:
        pairs = sympy.Tuple(*(sympy.Tuple(s, v) for s, v in point))
        return sympy.Basic.__new__(cls, expr, pairs)

    @property
    def expr(self) -> sympy.Basic:
        return self.args[0]

    @property
    def point(self) -> Point:
        return tuple((s, v) for s, v in self.args[1])

    def where(self, show) -> str:
        """``at (x, y) = (2, 3)``, each name and value printed by ``show``."""
        names = ", ".join(show(s) for s, _ in self.point)
        values = ", ".join(show(v) for _, v in self.point)
        if len(self.point) > 1:
            names, values = f"({names})", f"({values})"
        return f"at {names} = {values}"

    def described(self, show) -> str:
        """The expression and where, on one line, each part printed by ``show`` (a
        program's text: JSON keeps a matrix as its list of rows)."""
        return f"{show(self.expr)} {self.where(show)}"

    def _sympystr(self, printer) -> str:
        """A vector as (a, b); a matrix on several lines with its point beside the middle
        row, where an equation's sign goes."""
        block = printer._print(self.expr).split("\n")
        where = self.where(printer._print)
        if len(block) == 1:
            return f"{block[0]} {where}"
        middle, width = (len(block) - 1) // 2, max(len(line) for line in block)
        return "\n".join(line.ljust(width) + f" {where}" if k == middle else line
                         for k, line in enumerate(block))

    def _latex(self, printer) -> str:
        where = ", ".join(f"{printer._print(s)} = {printer._print(v)}" for s, v in self.point)
        return rf"\left. {printer._print(self.expr)} \right|_{{{where}}}"

    def _mathml_presentation(self, printer):
        sub = printer.dom.createElement("msub")
        sub.appendChild(printer._print(self.expr))
        eqs = sympy.Tuple(*(sympy.Eq(s, v, evaluate=False) for s, v in self.point))
        sub.appendChild(printer._print(eqs))
        return sub


class AlongDirection(sympy.Basic):
    """The directional derivative of ``function`` along the unit vector ``unit``, shown as
    D_u f with u written out.

    >>> from calcml.expr.printing import to_text
    >>> x, y = sympy.symbols("x y")
    >>> to_text(AlongDirection(x*y, sympy.ImmutableMatrix([3, 4]) / 5), ascii=True)
    'D_(3/5, 4/5) (x*y)'
    """

    def __new__(cls, function: sympy.Expr, unit: sympy.ImmutableMatrix) -> AlongDirection:
        return sympy.Basic.__new__(cls, function, sympy.ImmutableMatrix(unit))

    def _sympystr(self, printer) -> str:
        f, u = self.args
        return f"D_({', '.join(printer._print(c) for c in u)}) ({printer._print(f)})"

    def _latex(self, printer) -> str:
        f, u = self.args
        parts = ", ".join(printer._print(c) for c in u)
        return rf"D_{{\left({parts}\right)}} \left({printer._print(f)}\right)"

    def _mathml_presentation(self, printer):
        f, u = self.args
        sub = printer.dom.createElement("msub")
        mi = printer.dom.createElement("mi")
        mi.appendChild(printer.dom.createTextNode("D"))
        sub.appendChild(mi)
        sub.appendChild(printer._print(sympy.Tuple(*u)))
        row = printer.dom.createElement("mrow")
        row.appendChild(sub)
        row.appendChild(printer._print(f))
        return row


def column(items) -> sympy.ImmutableMatrix:
    """A column vector (n x 1) of ``items``."""
    items = list(items)
    return sympy.ImmutableMatrix(len(items), 1, items)


@dataclass(frozen=True)
class HoldConstant(Step):
    """∂f/∂x: every symbol of ``function`` but ``var`` (``held``) is held constant, so it
    behaves as a number; ``substep`` is the single-variable derivative in ``var``."""

    rule = "Partial derivative"
    function: sympy.Expr
    var: sympy.Symbol
    held: tuple[sympy.Symbol, ...]
    substep: Step

    @cached_property
    def expression(self) -> sympy.Basic:
        return sympy.Derivative(self.function, self.var)

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class SecondPartial(Step):
    """∂²f/∂xᵢ∂xⱼ: the first partial ∂f/∂xᵢ (``first``) differentiated by ``second_var``
    in ``substep``."""

    rule = "Second partial derivative"
    function: sympy.Expr
    first_var: sympy.Symbol
    second_var: sympy.Symbol
    first: sympy.Expr
    substep: HoldConstant

    @cached_property
    def expression(self) -> sympy.Basic:
        return sympy.Derivative(self.function, self.first_var, self.second_var)

    def eval(self) -> sympy.Basic:
        return self.substep.result


@dataclass(frozen=True)
class GradientVector(Step):
    """∇f = (∂f/∂x₁, ..., ∂f/∂xₙ) as a column, one ``partials`` step per variable, in the
    order of ``variables``."""

    rule = "Gradient"
    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    partials: tuple[Step, ...]

    @property
    def expression(self) -> sympy.Basic:
        """The column of ∂f/∂xᵢ: each partial step's own expression, in variable order."""
        return column(p.expression for p in self.partials)

    def eval(self) -> sympy.Basic:
        return column(p.result for p in self.partials)


@dataclass(frozen=True)
class JacobianMatrix(Step):
    """J = [∂fᵢ/∂xⱼ], m x n: row i is the gradient of ``functions[i]``, laid on its side."""

    rule = "Jacobian"
    functions: tuple[sympy.Expr, ...]
    variables: tuple[sympy.Symbol, ...]
    rows: tuple[GradientVector, ...]

    @property
    def expression(self) -> sympy.Basic:
        return sympy.ImmutableMatrix([[sympy.Derivative(f, v) for v in self.variables]
                                      for f in self.functions])

    def eval(self) -> sympy.Basic:
        return sympy.ImmutableMatrix([list(row.result) for row in self.rows])


@dataclass(frozen=True)
class ClairautSymmetry(Step):
    """Clairaut's theorem: ∂²f/∂x∂y = ∂²f/∂y∂x where the second partials are continuous.
    ``pairs`` holds, per pair of variables, the derivative and its value in both orders."""

    rule = "Symmetry of mixed partials"
    pairs: tuple[tuple[sympy.Derivative, sympy.Expr, sympy.Expr], ...]
    agreed: bool

    @property
    def expression(self) -> sympy.Basic:
        if len(self.pairs) == 1:
            return self.pairs[0][0]
        return sympy.Tuple(*(d for d, _, _ in self.pairs))

    def eval(self) -> sympy.Basic:
        if len(self.pairs) == 1:
            return self.pairs[0][1]
        return sympy.Tuple(*(a for _, a, _ in self.pairs))


@dataclass(frozen=True)
class HessianMatrix(Step):
    """H = [∂²f/∂xᵢ∂xⱼ], n x n: the ``gradient``, then each first partial differentiated
    again (``second``, row by row), then the ``symmetry`` of the mixed partials."""

    rule = "Hessian"
    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    gradient: GradientVector
    second: tuple[SecondPartial, ...]
    symmetry: ClairautSymmetry | None = None

    @property
    def expression(self) -> sympy.Basic:
        """[∂²f/∂xᵢ∂xⱼ]: each second partial step's own expression, row by row."""
        n = len(self.variables)
        return sympy.ImmutableMatrix(n, n, [s.expression for s in self.second])

    def eval(self) -> sympy.Basic:
        n = len(self.variables)
        return sympy.ImmutableMatrix(n, n, [s.result for s in self.second])


@dataclass(frozen=True)
class UnitVector(Step):
    """u = v / |v|: the ``direction`` scaled to length 1."""

    rule = "Unit vector"
    direction: tuple[sympy.Expr, ...]
    length: sympy.Expr

    @property
    def expression(self) -> sympy.Basic:
        return column(self.direction)

    def eval(self) -> sympy.Basic:
        return column(sympy.radsimp(c / self.length) for c in self.direction)

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        """v / |v| = u, entry by entry."""
        scale = sympy.Pow(self.length, -1, evaluate=False)
        return column(sympy.Mul(c, scale, evaluate=False) for c in self.direction), self.result


@dataclass(frozen=True)
class DirectionalDerivative(Step):
    """D_u f = ∇f · u: the ``gradient`` dotted with the unit vector of ``unit``."""

    rule = "Directional derivative"
    function: sympy.Expr
    gradient: GradientVector
    unit: UnitVector
    value: sympy.Expr

    @property
    def expression(self) -> sympy.Basic:
        terms = (sympy.Mul(g, u, evaluate=False)
                 for g, u in zip(self.gradient.result, self.unit.result, strict=True))
        return sympy.Add(*terms, evaluate=False)

    def eval(self) -> sympy.Basic:
        return self.value


@dataclass(frozen=True)
class EvaluateAtPoint(Step):
    """The result of ``substep`` with the point put in, exactly: ``value``. The function's
    own value there, ``function_value``, is given beside it."""

    rule = "Evaluate at the point"
    follows = "substep"
    substep: Step
    point: Point
    value: sympy.Basic
    function_value: sympy.Basic

    @property
    def expression(self) -> sympy.Basic:
        return AtPoint(self.substep.result, self.point)

    def eval(self) -> sympy.Basic:
        return self.value

    @property
    def claim(self) -> tuple[sympy.Basic, sympy.Basic]:
        names, values = zip(*self.point, strict=True)
        done = self.substep.result
        if isinstance(done, sympy.MatrixBase):
            return done.applyfunc(lambda e: sympy.Subs(e, names, values)), self.value
        return sympy.Subs(done, names, values), self.value
