"""The course's cost derivations, worked: quadratic cost for one point, MSE for a batch.

Quadratic cost C = (ŷ - y)^2 with ŷ = m x + b: by the chain rule, ∂C/∂m = 2x(ŷ - y) and
∂C/∂b = 2(ŷ - y). Mean squared error C = (1/n) Σᵢ (ŷᵢ - yᵢ)^2: the derivative moves
inside the sum, ∂C/∂m = (2/n) Σᵢ (ŷᵢ - yᵢ) xᵢ and ∂C/∂b = (2/n) Σᵢ (ŷᵢ - yᵢ), for any n.
Given data, each also comes to numbers, checked by central differences of the cost.

>>> sol = quadratic_cost_gradient(x=7, y=-1.37, m=0.9, b=0.1)
>>> sol.numbers["dC/dm"], sol.numbers["dC/db"]
(108.78, 15.54)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.numeric.functions import to_exact
from calcml.steps.base import Check, Solution, Step
from calcml.steps.common import Tidy
from calcml.steps.derivatives.rules import ConstantMultipleRule
from calcml.steps.partials.multivar_chain import (
    ChainRuleSeveral,
    DerivativeIntoSum,
    EvaluateWithData,
    Rate,
    WorkedNumber,
)
from calcml.symbolic.partials.multivar_chain import chain_rule
from calcml.timelimit import time_limited

__all__ = ["CostGradient", "decimal", "mse_gradient", "quadratic_cost_gradient"]

X, Y, M, B, YHAT = sympy.symbols("x y m b yhat", real=True)
C = sympy.Symbol("C", real=True)
INDEX = sympy.Symbol("i", integer=True, positive=True)
N = sympy.Symbol("n", integer=True, positive=True)
XS, YS = sympy.IndexedBase("x", real=True), sympy.IndexedBase("y", real=True)
X_I, Y_I, YHAT_I = sympy.symbols("x_i y_i yhat_i", real=True)
PARAMETERS = (B, M)
RELATIVE_TOLERANCE = 1e-6
SHOWN_POINTS = 20
"""Data sets up to this size are written out in the worked solution, point by point."""
SUM_R, SUM_RX = sympy.Symbol("Σrᵢ", real=True), sympy.Symbol("Σrᵢxᵢ", real=True)
"""The two sums of the residuals rᵢ = ŷᵢ - yᵢ that the gradient of the MSE needs."""


@dataclass(frozen=True)
class CostGradient(Solution):
    """A cost's gradient worked by hand: ``result`` is (∂C/∂b, ∂C/∂m), symbolic, or
    the numbers when data were given. ``cost`` is C as an expression; ``formulas`` the
    symbolic partial derivatives; ``numbers`` the values (C, ŷ for one point, dC/db,
    dC/dm) as floats, empty without data."""

    cost: sympy.Expr | None = None
    formulas: tuple[sympy.Expr, ...] = ()
    numbers: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def gradient(self) -> sympy.ImmutableMatrix:
        """∇C = [∂C/∂b, ∂C/∂m]ᵀ as a column (symbolic formulas)."""
        return sympy.ImmutableMatrix(self.formulas)

    @property
    def gradient_values(self) -> np.ndarray | None:
        """∇C at the data as a NumPy vector [∂C/∂b, ∂C/∂m], or None without data."""
        if not self.numbers:
            return None
        return np.array([self.numbers["dC/db"], self.numbers["dC/dm"]])

    def extra_data(self) -> dict:
        """The numbers (when data were given)."""
        return {"numbers": dict(self.numbers)}


@time_limited("the quadratic cost's gradient")
def quadratic_cost_gradient(x: Any = None, y: Any = None, m: Any = None, b: Any = None
                            ) -> CostGradient:
    """∂C/∂b and ∂C/∂m of the quadratic cost C = (ŷ - y)^2, ŷ = m x + b, by the chain
    rule through ŷ; with one data point (x, y) and parameters m, b also the numbers.
    Runs under ``timeout=`` seconds (5 by default).

    >>> quadratic_cost_gradient().result
    (2*(b + m*x - y), 2*x*(b + m*x - y))
    >>> sol = quadratic_cost_gradient(x=7, y=-1.37, m=0.9, b=0.1)
    >>> sol.numbers["C"], sol.numbers["yhat"], sol.agreed
    (60.3729, 6.4, True)
    """
    chain = chain_rule((YHAT - Y) ** 2, {YHAT: M * X + B}, list(PARAMETERS), output="C")
    formulas = tuple(chain.derivatives)
    cost = (M * X + B - Y) ** 2
    checks = list(chain.checks)
    step: Step = chain.step
    numbers: dict[str, float] = {}
    data = _data(x=x, y=y, m=m, b=b)
    if data is not None:
        if any(isinstance(data[k], tuple) for k in (X, Y)):
            raise InputError("the quadratic cost is for one point: give x and y as numbers "
                             "(use mse_gradient for a batch of points)")
        values = tuple((k, decimal(v)) for k, v in data.items())
        numbers_exact = {"C": cost.xreplace(data), "yhat": (M * X + B).xreplace(data)}
        grad = sympy.Tuple(*(f.xreplace(data) for f in formulas))
        step = EvaluateWithData(substep=step, values=values, value=decimal(grad),
                                numbers=_one_point_numbers(data))
        numbers = _floats(numbers_exact, grad)
        checks.append(_difference_check(lambda p: float(cost.xreplace({**data, **p})),
                                        data, grad))
    return CostGradient(problem=_problem(), result=step.result, step=step,
                        checks=tuple(checks), cost=cost, formulas=formulas, numbers=numbers)


@time_limited("the gradient of the mean squared error")
def mse_gradient(x: Any = None, y: Any = None, m: Any = None, b: Any = None
                 ) -> CostGradient:
    """∂C/∂b and ∂C/∂m of the mean squared error C = (1/n) Σᵢ (ŷᵢ - yᵢ)^2, ŷᵢ = m xᵢ + b,
    for any number n of points: the derivative moves inside the sum, and each term goes
    by the chain rule. With data x, y (equal-length sequences) and m, b, also the numbers.
    Runs under ``timeout=`` seconds (5 by default).

    >>> sol = mse_gradient(x=range(8), y=[1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37],
    ...                    m=0.9, b=0.1)
    >>> round(sol.numbers["C"], 2), sol.numbers["dC/dm"], sol.numbers["dC/db"]
    (19.68, 36.305, 6.265)
    """
    total = sympy.Sum((M * XS[INDEX] + B - YS[INDEX]) ** 2, (INDEX, 1, N))
    cost = total / N
    derivations = tuple(_mse_derivation(total, p) for p in PARAMETERS)
    step: Step = ChainRuleSeveral(derivations=derivations)
    formulas = tuple(d.result for d in derivations)
    checks = [_sum_check(cost, formulas)]
    numbers: dict[str, float] = {}
    data = _data(x=x, y=y, m=m, b=b)
    if data is not None:
        step, numbers, check = _batch_numbers(step, formulas, data)
        checks.append(check)
    return CostGradient(problem=_problem(), result=step.result, step=step,
                        checks=tuple(checks), cost=cost, formulas=formulas, numbers=numbers)


def _batch_numbers(step: Step, formulas: tuple[sympy.Expr, ...], data: dict
                   ) -> tuple[Step, dict[str, float], Check]:
    """The MSE and its gradient on the data: the evaluation step, the floats, the check."""
    points = _points(data)
    n = len(points)
    term = (M * X_I + B - Y_I) ** 2
    exact_cost = sum(term.xreplace({**data, X_I: a, Y_I: c}) for a, c in points) / n
    grad = sympy.Tuple(*(_batch_value(f, points, data) for f in formulas))
    values = ((N, sympy.Integer(n)), (M, decimal(data[M])), (B, decimal(data[B])))
    if n <= SHOWN_POINTS:
        values += ((XS, decimal(sympy.Tuple(*data[X]))), (YS, decimal(sympy.Tuple(*data[Y]))))
    xs = np.array([float(a) for a, _ in points])
    ys = np.array([float(c) for _, c in points])

    def cost(p: dict) -> float:
        return float(np.mean((float(p.get(M, data[M])) * xs + float(p.get(B, data[B]))
                              - ys) ** 2))

    lines = _batch_lines(points, data) if n <= SHOWN_POINTS else ()
    return (EvaluateWithData(substep=step, values=values, value=decimal(grad), numbers=lines),
            _floats({"C": exact_cost}, grad), _difference_check(cost, data, grad))


def _shown(*pairs: tuple[sympy.Basic, sympy.Expr]
           ) -> tuple[tuple[sympy.Basic, sympy.Basic], ...]:
    return tuple((name, decimal(value)) for name, value in pairs)


def _one_point_numbers(data: dict) -> tuple[WorkedNumber, ...]:
    """ŷ = m x + b, then ŷ - y, then ∂C/∂b = 2(ŷ - y) and ∂C/∂m = 2x(ŷ - y): each number
    from the ones before, as a person works it out."""
    yhat = (M * X + B).xreplace(data)
    gap = yhat - data[Y]
    given = _shown((YHAT, yhat), (Y, data[Y]))
    return (WorkedNumber(quantity=YHAT, formula=M * X + B, value=decimal(yhat),
                         values=_shown((M, data[M]), (X, data[X]), (B, data[B]))),
            WorkedNumber(quantity=YHAT - Y, formula=YHAT - Y, values=given, value=decimal(gap)),
            WorkedNumber(quantity=Rate(C, B, partial=True),
                         formula=sympy.Mul(2, YHAT - Y, evaluate=False),
                         values=given, value=decimal(2 * gap)),
            WorkedNumber(quantity=Rate(C, M, partial=True), formula=2 * X * (YHAT - Y),
                         values=_shown((X, data[X])) + given, value=decimal(2 * data[X] * gap)))


def _batch_lines(points: list, data: dict) -> tuple[WorkedNumber, ...]:
    """Each point's residual rᵢ = ŷᵢ - yᵢ = m xᵢ + b - yᵢ, the two sums the gradient needs,
    Σrᵢ and Σrᵢxᵢ, then ∂C/∂b = (2/n) Σrᵢ and ∂C/∂m = (2/n) Σrᵢxᵢ."""
    n = sympy.Integer(len(points))
    lines, residuals, inputs = [], [], []
    for i, (a, c) in enumerate(points, 1):
        ri, xi, yi = sympy.symbols(f"r_{i} x_{i} y_{i}", real=True)
        r = data[M] * a + data[B] - c
        lines.append(WorkedNumber(quantity=ri, formula=M * xi + B - yi, value=decimal(r),
                                  values=_shown((M, data[M]), (xi, a), (B, data[B]), (yi, c))))
        residuals.append((ri, r))
        inputs.append((xi, a))
    total = sum(r for _, r in residuals)
    moment = sum(r * a for (_, r), (_, a) in zip(residuals, inputs, strict=True))
    return (*lines,
            WorkedNumber(quantity=SUM_R, formula=sympy.Add(*(ri for ri, _ in residuals)),
                         values=_shown(*residuals), value=decimal(total)),
            WorkedNumber(quantity=SUM_RX, value=decimal(moment),
                         formula=sympy.Add(*(ri * xi for (ri, _), (xi, _) in
                                             zip(residuals, inputs, strict=True))),
                         values=_shown(*residuals, *inputs)),
            WorkedNumber(quantity=Rate(C, B, partial=True), formula=2 / N * SUM_R,
                         values=_shown((N, n), (SUM_R, total)), value=decimal(2 * total / n)),
            WorkedNumber(quantity=Rate(C, M, partial=True), formula=2 / N * SUM_RX,
                         values=_shown((N, n), (SUM_RX, moment)), value=decimal(2 * moment / n)))


def decimal(value: sympy.Basic) -> sympy.Basic:
    """A terminating fraction as the decimal a person writes (777/50 as 15.54, exactly);
    other numbers to 12 significant digits; a tuple entry by entry.

    >>> decimal(sympy.Rational(777, 50)), decimal(sympy.Integer(7))
    (15.54, 7)
    """
    if isinstance(value, sympy.Tuple):
        return sympy.Tuple(*(decimal(v) for v in value))
    if value.is_Integer:
        return value
    if not value.is_Rational:
        return sympy.Float(sympy.N(value, 12), 12)
    with localcontext() as context:
        context.prec = 60
        text = format(Decimal(int(value.p)) / Decimal(int(value.q)), "f")
    digits = text.replace("-", "").replace(".", "").lstrip("0")
    if len(digits) > 15:
        return sympy.Float(sympy.N(value, 12), 12)
    return sympy.Float(text, len(digits))


def _problem() -> sympy.Tuple:
    return sympy.Tuple(*(Rate(C, p, partial=True) for p in PARAMETERS))


def _mse_derivation(total: sympy.Sum, parameter: sympy.Symbol) -> Tidy:
    """(1/n) in front, the derivative inside the sum, the chain rule on one term, and the
    factor 2 brought out of the sum."""
    term = chain_rule((YHAT_I - Y_I) ** 2, {YHAT_I: M * X_I + B}, [parameter],
                      output="C_i").step
    indexed = ((X_I, XS[INDEX]), (Y_I, YS[INDEX]))
    inside = DerivativeIntoSum(total=total, var=parameter, term_step=term, indexed=indexed)
    front = ConstantMultipleRule(function=total / N, var=parameter, constant=1 / N,
                                 other=total, substep=inside)
    summand = sympy.factor_terms(term.result / 2).xreplace(dict(indexed))
    return Tidy(substep=front, tidied=2 / N * sympy.Sum(summand, (INDEX, 1, N)))


def _batch_value(formula: sympy.Expr, points: list, data: dict) -> sympy.Expr:
    """A formula with sums over i = 1..n, evaluated exactly on the data points, one term
    at a time (cheaper than expanding the sums)."""
    sums = {}
    for total in formula.atoms(sympy.Sum):
        term = total.function.xreplace({M: data[M], B: data[B]})
        sums[total] = sympy.Add(*(term.xreplace({XS[INDEX]: a, YS[INDEX]: c})
                                  for a, c in points))
    return formula.xreplace(sums).xreplace({N: sympy.Integer(len(points))})


def _data(**given: Any) -> dict[sympy.Symbol, Any] | None:
    """The data as exact numbers (tuples for sequences), or None when nothing was given."""
    missing = [k for k, v in given.items() if v is None]
    if len(missing) == len(given):
        return None
    if missing:
        raise InputError(f"give x, y, m and b together (missing {', '.join(missing)}), "
                         "or none of them for the formulas alone")
    symbols = {"x": X, "y": Y, "m": M, "b": B}
    data: dict[sympy.Symbol, Any] = {}
    for name, value in given.items():
        if name in ("m", "b") or isinstance(value, str | int | float | sympy.Basic):
            data[symbols[name]] = to_exact(value, name)
        else:
            data[symbols[name]] = _sequence(value, name)
    return data


def _sequence(value: Any, name: str) -> tuple[sympy.Expr, ...]:
    try:
        items = list(value)
    except TypeError:
        raise InputError(f"{name} must be a number or a sequence of numbers, "
                         f"not {type(value).__name__}") from None
    if not items:
        raise InputError(f"{name} is empty; give at least one data point")
    return tuple(to_exact(v, f"{name}[{k}]") for k, v in enumerate(np.ravel(items)))


def _points(data: dict) -> list[tuple[sympy.Expr, sympy.Expr]]:
    xs, ys = data[X], data[Y]
    xs = xs if isinstance(xs, tuple) else (xs,)
    ys = ys if isinstance(ys, tuple) else (ys,)
    if len(xs) != len(ys):
        raise InputError(f"x has {len(xs)} values but y has {len(ys)}; give one y per x")
    data[X], data[Y] = xs, ys
    return list(zip(xs, ys, strict=True))


def _floats(exact: dict[str, sympy.Expr], grad: sympy.Tuple) -> dict[str, float]:
    numbers = {k: float(v) for k, v in exact.items()}
    numbers["dC/db"], numbers["dC/dm"] = float(grad[0]), float(grad[1])
    return numbers


def _difference_check(cost: Any, data: dict, grad: sympy.Tuple) -> Check:
    """Central differences of the cost in b and in m against the worked numbers."""
    h = 1e-5
    estimates = []
    for p in PARAMETERS:
        base = float(data[p])
        estimates.append((cost({p: base + h}) - cost({p: base - h})) / (2 * h))
    mine = [float(g) for g in grad]
    agreed = bool(np.allclose(estimates, mine, rtol=RELATIVE_TOLERANCE, atol=1e-6))
    shown = ", ".join(f"{e:.8g}" for e in estimates)
    return Check("central differences of the cost in b and m", agreed,
                 value=sympy.Tuple(*(sympy.Float(e, 10) for e in estimates)),
                 detail=f"estimates {shown}")


def _sum_check(cost: sympy.Expr, formulas: Sequence[sympy.Expr]) -> Check:
    """sympy.diff of the cost (a Sum), compared with the worked formulas for n = 1..4 at
    generic data values."""
    rng = np.random.default_rng(7)
    for n in range(1, 5):
        values = {N: n, M: sympy.Rational(3, 7), B: sympy.Rational(-5, 11)}
        values.update({XS[k]: sympy.Rational(int(rng.integers(-9, 10)), 3)
                       for k in range(1, n + 1)})
        values.update({YS[k]: sympy.Rational(int(rng.integers(-9, 10)), 5)
                       for k in range(1, n + 1)})
        for p, mine in zip(PARAMETERS, formulas, strict=True):
            expected = sympy.diff(cost, p).xreplace({N: n}).doit().xreplace(values)
            got = mine.xreplace({N: n}).doit().xreplace(values)
            if sympy.simplify(expected - got) != 0:
                return Check("sympy.diff of the sum", False, value=expected,
                             detail=f"differ for n = {n} in {p}: {got} versus {expected}")
    return Check("sympy.diff of the sum", True,
                 detail="equal for n = 1 to 4 at sample data (exact comparison)")
