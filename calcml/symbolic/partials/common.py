"""What every multivariable function shares: the Solution it returns, reading the
expression and the variables, a worked partial derivative, evaluation at a point, and
the comparison with SymPy."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_expr, as_parsed, as_symbol
from calcml.expr.printing import to_text
from calcml.expr.typed import Parsed
from calcml.expr.values import read_point, split_top_level
from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Tidy
from calcml.steps.partials.rules import (
    AtPoint,
    EvaluateAtPoint,
    GradientVector,
    HoldConstant,
    Point,
)
from calcml.steps.render import TextRenderer
from calcml.symbolic.derivatives.check import same_derivative, tidy
from calcml.symbolic.derivatives.rules import derivative_steps

PointInput = str | Mapping[Any, Any] | None
"""A point as a user gives it: text such as ``"x=2, y=3"``, a dict, or None."""
VariablesInput = str | Sequence[str | sympy.Symbol] | None
"""Variables as a user gives them: text such as ``"x, y"``, a list, or None (all)."""

MAX_SIMPLIFY_OPS = 60
"""A value at a point is simplified only up to this size (the cost grows fast)."""


@dataclass(frozen=True)
class MultivarSolution(Solution):
    """A Solution of a multivariable problem (partial, gradient, Jacobian, Hessian,
    directional derivative).

    ``result`` is the symbolic answer (an expression, or an ``ImmutableMatrix`` for a
    gradient, Jacobian or Hessian), or, when a point was given, its exact value there.
    ``symbolic`` is always the symbolic answer; ``variables`` the variables in the order
    used; ``point`` the point as (symbol, exact value) pairs (empty without one);
    ``function_value`` the function's exact value at the point.
    """

    symbolic: Any = None
    variables: tuple[sympy.Symbol, ...] = ()
    point: Point = ()
    function_value: Any = None

    @property
    def value(self) -> Any:
        """The exact value at the point, or None when no point was given."""
        return self.result if self.point else None

    @property
    def value_float(self) -> float | list[list[float]] | None:
        """The value at the point as a float (a matrix as a list of rows of floats)."""
        return _floats(self.value) if self.point else None

    @property
    def function_value_float(self) -> float | list[list[float]] | None:
        """The function's value at the point as a float (or rows of floats)."""
        return _floats(self.function_value) if self.point else None

    def extra_data(self) -> dict:
        """The variables, the symbolic answer (a matrix also as rows of entries) and, with a
        point, exact and float values there."""
        data: dict = {}
        data["variables"] = [v.name for v in self.variables]
        data["symbolic"] = self.render_math(self.symbolic)
        if isinstance(self.symbolic, sympy.MatrixBase):
            data["entries"] = [[to_text(e) for e in row] for row in self.symbolic.tolist()]
        if self.point:
            data["point"] = {s.name: to_text(v) for s, v in self.point}
            data["value_float"] = self.value_float
            data["function_value"] = self.render_math(self.function_value)
            data["function_value_float"] = self.function_value_float
        return data

    @staticmethod
    def render_math(expr: Any) -> str:
        """``expr`` in calcml's text syntax (a matrix as rows)."""
        return TextRenderer().math(expr)


def _floats(value: Any) -> float | list[list[float]]:
    if isinstance(value, sympy.MatrixBase):
        return [[float(e) for e in row] for row in value.tolist()]
    return float(value)


def scalar(expr: Any, what: str) -> sympy.Expr:
    """One scalar expression from text or SymPy; lists, matrices and equations are refused."""
    if isinstance(expr, list | tuple | sympy.MatrixBase):
        raise InputError(f"{what} needs one scalar expression such as x^2 - y^2, not a list "
                         "or matrix; for several functions use jacobian")
    f = as_expr(expr)
    if not isinstance(f, sympy.Expr) or isinstance(f, sympy.MatrixBase):
        raise InputError(f"{what} needs one scalar expression such as x^2 - y^2, not "
                         f"{type(f).__name__}; for an equation pass one side")
    return f


def typed_scalar(expr: Any, what: str) -> Parsed:
    """:func:`scalar`, with text kept also as typed (a worked solution starts from it)."""
    if isinstance(expr, str):
        parsed = as_parsed(expr)
        scalar(parsed.value, what)
        return parsed
    return Parsed.same(scalar(expr, what))


def expression_names(exprs: Sequence[sympy.Expr]) -> str:
    """The variables of ``exprs``, by name, for messages."""
    names = sorted({s.name for e in exprs for s in e.free_symbols})
    return ", ".join(names) if names else "none: it is a constant"


def variables(given: Any, exprs: Sequence[sympy.Expr]) -> tuple[sympy.Symbol, ...]:
    """The variables to differentiate by, in order: ``given`` (names, symbols, or text
    such as ``"x, y"``), or all symbols of ``exprs`` sorted by name. A name listed
    explicitly may be absent from the expressions (its partial derivative is 0)."""
    if given is None:
        found = sorted({s for e in exprs for s in e.free_symbols}, key=lambda s: s.name)
        if not found:
            raise InputError("the expression has no variables; name the variables to use, "
                             "e.g. vars=['x', 'y']")
        return tuple(found)
    if isinstance(given, str):
        if not given.strip():
            raise InputError("the variable list is empty; name at least one, e.g. x, y")
        given = split_top_level(given, "the variable list")
    if isinstance(given, sympy.Symbol):
        given = [given]
    if not isinstance(given, Sequence) or not given:
        raise InputError("the variable list is empty or not a list; name at least one "
                         "variable, e.g. vars=['x', 'y']")
    symbols = tuple(symbol(v, exprs) for v in given)
    seen: set[str] = set()
    for s in symbols:
        if s.name in seen:
            raise InputError(f"the variable {s.name} is listed twice; list each variable once")
        seen.add(s.name)
    return symbols


def symbol(var: Any, exprs: Sequence[sympy.Expr]) -> sympy.Symbol:
    """The symbol named ``var``, the expressions' own one where they have it."""
    if isinstance(var, sympy.Symbol):
        var = var.name
    if not isinstance(var, str):
        raise InputError(f"a variable is a name such as x, not {var!r}")
    for e in exprs:
        found = as_symbol(var.strip(), e)
        if found in e.free_symbols:
            return found
    return as_symbol(var.strip())


def known_variable(var: Any, f: sympy.Expr) -> sympy.Symbol:
    """The symbol ``var`` of ``f``; an InputError listing f's variables if it has none."""
    x = symbol(var, [f])
    if x not in f.free_symbols:
        raise InputError(f"{x} is not a variable of {to_text(f)} (its variables: "
                         f"{expression_names([f])}); pick one of those")
    return x


def worked_partial(f: sympy.Expr, x: sympy.Symbol) -> HoldConstant:
    """∂f/∂x with its steps: the other symbols held constant, then the single-variable
    rules, then a tidier equal form when there is one."""
    step: Step = derivative_steps(f, x)
    tidied = tidy(step.result)
    if tidied != step.result:
        step = Tidy(substep=step, tidied=tidied)
    held = tuple(sorted(f.free_symbols - {x}, key=lambda s: s.name))
    return HoldConstant(function=f, var=x, held=held, substep=step)


def gradient_step(f: sympy.Expr, xs: tuple[sympy.Symbol, ...]) -> GradientVector:
    """∇f in the order of ``xs``, one worked partial derivative per variable."""
    return GradientVector(function=f, variables=xs,
                          partials=tuple(worked_partial(f, x) for x in xs))


def compare(mine: sympy.MatrixBase, expected: sympy.MatrixBase, var: sympy.Symbol,
            functions: Sequence[sympy.Expr], method: str) -> Check:
    """One Check of a matrix (or a 1 x 1 result) against SymPy's, entry by entry.
    ``functions`` holds, per row, the function whose real domain the samples stay in.
    A pair of entries met before (a Hessian's mirrored mixed partials) is not compared
    again."""
    shown = expected if len(expected) > 1 else expected[0]
    verdicts: dict[tuple, tuple[bool, str]] = {}
    for index, (a, b) in enumerate(zip(mine, expected, strict=True)):
        pair = (a, b, functions[index // mine.cols])
        if pair not in verdicts:
            verdicts[pair] = same_derivative(a, b, var, pair[2])
        agreed, detail = verdicts[pair]
        if not agreed:
            row, col = divmod(index, mine.cols)
            where = f"entry ({row + 1}, {col + 1}) " if len(mine) > 1 else ""
            return Check(method, False, value=shown, detail=where + detail)
    if len(mine) == 1:
        return Check(method, True, value=shown, detail=detail)
    return Check(method, True, value=shown, detail=f"all {len(mine)} entries are equal")


def point_of(at: str | Mapping, needed: Sequence[sympy.Symbol]) -> Point:
    """The point as (symbol, exact value) pairs, one per symbol of ``needed``."""
    return tuple(read_point(at, needed).items())


def needed_symbols(exprs: Sequence[sympy.Expr], chosen: Sequence[sympy.Symbol]
                   ) -> tuple[sympy.Symbol, ...]:
    """The coordinates a point must give: the chosen variables, then any other symbol."""
    others = sorted({s for e in exprs for s in e.free_symbols} - set(chosen),
                    key=lambda s: s.name)
    return tuple(chosen) + tuple(others)


def value_at(expr: sympy.Basic, point: Point, what: str) -> sympy.Basic:
    """``expr`` (or each entry of a matrix) at ``point``, exactly; an InputError where it
    is undefined, infinite or not real there."""
    if isinstance(expr, sympy.MatrixBase):
        return expr.applyfunc(lambda e: value_at(e, point, what))
    value = expr.xreplace(dict(point))
    if not value.is_Rational and sympy.count_ops(value) <= MAX_SIMPLIFY_OPS:
        value = sympy.simplify(value)
    where = describe(point)
    if value.has(sympy.nan, sympy.zoo) or value.is_finite is False:
        raise InputError(f"{what} is not defined at {where}; pick another point")
    try:
        number = complex(value.evalf())
    except TypeError:
        raise InputError(f"{what} has no numeric value at {where} (it is {to_text(value)}); "
                         "pick another point") from None
    if abs(number.imag) > 1e-12 * max(1.0, abs(number.real)):
        raise InputError(f"{what} is not a real number at {where}; pick a point in the "
                         "function's domain")
    return value


def evaluate(step: Step, point: Point, function: sympy.Basic, what: str) -> EvaluateAtPoint:
    """The step that puts the point into ``step``'s result, and the function's value."""
    value = value_at(step.result, point, what)
    function_value = value_at(function, point, "the function")
    return EvaluateAtPoint(substep=step, point=point, value=value,
                           function_value=function_value)


def solve(problem: sympy.Basic, step: Step, checks: tuple[Check, ...],
          chosen: tuple[sympy.Symbol, ...], at: Any, function: sympy.Basic,
          what: str) -> MultivarSolution:
    """The Solution: symbolic, or evaluated at ``at`` (a point over every symbol; the
    coordinates of several chosen variables come in their order, others by name)."""
    symbolic = step.result
    if at is None:
        return MultivarSolution(problem=problem, result=symbolic, step=step, checks=checks,
                                symbolic=symbolic, variables=chosen)
    exprs = list(function) if isinstance(function, sympy.MatrixBase) else [function]
    needed = needed_symbols(exprs, chosen)
    if len(chosen) == 1:
        needed = tuple(sorted(needed, key=lambda s: s.name))
    point = point_of(at, needed)
    evaluated = evaluate(step, point, function, what)
    return MultivarSolution(problem=AtPoint(problem, point), result=evaluated.result,
                            step=evaluated, checks=checks, symbolic=symbolic,
                            variables=chosen, point=point,
                            function_value=evaluated.function_value)


def describe(point: Point) -> str:
    """The point in words: ``x = 2`` or ``(x, y) = (2, 3)``.

    >>> x, y = sympy.symbols("x y")
    >>> describe(((x, 2), (y, 3)))
    '(x, y) = (2, 3)'
    """
    names = ", ".join(to_text(s) for s, _ in point)
    values = ", ".join(to_text(v) for _, v in point)
    return f"({names}) = ({values})" if len(point) > 1 else f"{names} = {values}"
