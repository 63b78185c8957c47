"""A rule worked by hand: every node, f there, its weight and its share of the sum (or, for
Romberg, the triangle of extrapolations), so that a learner can check each step.

>>> print(worked_rule("x^2", 0, 1, "trapezoid", 2).to_text())
Trapezoid rule for f(x) = x² on [0, 1], n = 2 strips of width h = 0.5
k  x_k  f(x_k)  weight  weight * f(x_k)
-  ---  ------  ------  ---------------
0    0       0    0.25                0
1  0.5    0.25     0.5            0.125
2    1       1    0.25             0.25
sum of the last column: 0.375 (exact 1/3 = 0.3333333333, error 0.0417)
weights: h/2 at both ends, h inside
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import (
    FunctionLike,
    NumericFunction,
    VarLike,
    as_function,
    to_number,
)
from calcml.numeric.quad_rules import check_n, romberg_tableau, sample
from calcml.numeric.quad_tables import exact_integral

WORKED = ("left", "right", "midpoint", "trapezoid", "simpson", "gauss-legendre", "romberg")
WEIGHTS = {"left": "h at each left end", "right": "h at each right end",
           "midpoint": "h at each midpoint", "trapezoid": "h/2 at both ends, h inside",
           "simpson": "h/3 times 1, 4, 2, 4, ..., 2, 4, 1",
           "gauss-legendre": "(b - a)/2 times the Gauss-Legendre weights on [-1, 1]"}
TITLES = {"left": "Left Riemann sum", "right": "Right Riemann sum",
          "midpoint": "Midpoint rule", "trapezoid": "Trapezoid rule",
          "simpson": "Simpson's rule", "gauss-legendre": "Gauss-Legendre rule",
          "romberg": "Romberg's method"}


@dataclass(frozen=True)
class WorkedRule(TableResult):
    """The table of a rule's computation and the ``estimate`` it adds up to."""

    table: Table
    method: str
    estimate: float


def _nodes(method: str, a: float, b: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The points a rule samples and the weight of each."""
    edges, h = np.linspace(a, b, n + 1), (b - a) / n
    if method in ("left", "right", "midpoint"):
        points = {"left": edges[:-1], "right": edges[1:],
                  "midpoint": (edges[:-1] + edges[1:]) / 2}[method]
        return points, np.full(n, h)
    if method == "trapezoid":
        weights = np.full(n + 1, h)
        weights[[0, -1]] = h / 2
        return edges, weights
    if method == "simpson":
        pattern = np.where(np.arange(n + 1) % 2 == 1, 4.0, 2.0)
        pattern[[0, -1]] = 1.0
        return edges, pattern * h / 3
    nodes, weights = np.polynomial.legendre.leggauss(n)
    return a + (b - a) / 2 * (nodes + 1), (b - a) / 2 * weights


def worked_rule(f: FunctionLike, a: Any, b: Any, method: str = "trapezoid", n: int = 4,
                var: VarLike = None) -> WorkedRule:
    """Each node x_k, f(x_k), its weight and weight * f(x_k), summed into the estimate;
    for Romberg, the trapezoid sums on 1, 2, 4, ..., n strips and their extrapolations.

    >>> worked_rule("2x", 3, 4, "midpoint", 2).estimate
    7.0
    """
    if method not in WORKED:
        raise InputError(f"a worked rule is one of {', '.join(WORKED)}; got {method!r}")
    nf = as_function(f, var)
    n = check_n(method, n)
    lo, hi = to_number(a, "a", infinite=True), to_number(b, "b", infinite=True)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise InputError(f"a worked rule needs a finite interval with a < b, got "
                         f"[{format_number(lo)}, {format_number(hi)}]")
    if method == "romberg":
        return _romberg(nf, lo, hi, n)
    points, weights = _nodes(method, lo, hi, n)
    values = sample(nf, points)
    shares = weights * values
    rows = [(k, x, y, w, s) for k, (x, y, w, s) in
            enumerate(zip(points, values, weights, shares, strict=True))]
    estimate = float(np.sum(shares))
    size = (f"n = {n} nodes" if method == "gauss-legendre"
            else f"n = {n} strips of width h = {format_number((hi - lo) / n)}")
    notes = (_sum_note("sum of the last column", estimate, nf, lo, hi),
             f"weights: {WEIGHTS[method]}")
    table = Table(f"{TITLES[method]} for {nf.title} on [{format_number(lo)}, "
                  f"{format_number(hi)}], {size}",
                  ("k", "x_k", "f(x_k)", "weight", "weight * f(x_k)"), tuple(rows), notes)
    return WorkedRule(table=table, method=method, estimate=estimate)


def _romberg(nf: NumericFunction, lo: float, hi: float, n: int) -> WorkedRule:
    x = np.linspace(lo, hi, n + 1)
    tableau = romberg_tableau(x, sample(nf, x))
    width = len(tableau)
    rows = [(2 ** j, *row, *([None] * (width - len(row)))) for j, row in enumerate(tableau)]
    columns = ("strips", "trapezoid T", *(f"R{i} (h^{2 * i + 2})" for i in range(1, width)))
    notes = ("R_i = R_(i-1) + (R_(i-1) - R_(i-1) one row up) / (4^i - 1): each column "
             "cancels the next even power of h in the trapezoid rule's error",
             _sum_note("bottom right", tableau[-1][-1], nf, lo, hi))
    table = Table(f"{TITLES['romberg']} for {nf.title} on [{format_number(lo)}, "
                  f"{format_number(hi)}], up to n = {n} strips", columns, tuple(rows), notes)
    return WorkedRule(table=table, method="romberg", estimate=tableau[-1][-1])


def _sum_note(what: str, estimate: float, nf: NumericFunction, lo: float, hi: float) -> str:
    found = exact_integral(nf, lo, hi)
    if found is None:
        return f"{what}: {format_number(estimate, 12)}"
    exact = format_number(found[0])
    shown = found[1] if found[1] == exact else f"{found[1]} = {exact}"
    return (f"{what}: {format_number(estimate, 12)} (exact {shown}, error "
            f"{format_number(abs(estimate - found[0]), 3)})")
