"""The textbook integration rules: Riemann sums, the trapezoid and Simpson rules on sampled
points or on a function, Romberg's extrapolation and Gauss-Legendre nodes.

A rule with n strips of width h = (b - a) / n has an error that shrinks like h^p, p its
order: 1 for the left and right Riemann sums, 2 for the midpoint and trapezoid rules, 4 for
Simpson's. Doubling n therefore divides the error by 2^p, which gives every rule an error
estimate for free (Richardson): error(Q_n) ~ (Q_n - Q_2n) * 2^p / (2^p - 1).

>>> round(trapezoid([0, 1, 4], [0, 1, 2]), 12)
3.0
>>> round(simpson([0, 1, 4], [0, 1, 2]), 12)
2.666666666667
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.numeric.functions import NumericFunction

ORDERS = {"left": 1, "right": 1, "midpoint": 2, "trapezoid": 2, "simpson": 4}
FIXED_RULES = ("left", "right", "midpoint", "trapezoid", "simpson", "romberg",
               "gauss-legendre")
FORMULAS = {
    "left": "h * (f(x_0) + ... + f(x_(n-1))): each strip's height at its left end",
    "right": "h * (f(x_1) + ... + f(x_n)): each strip's height at its right end",
    "midpoint": "h * sum of f at the strip midpoints",
    "trapezoid": "h * (f(x_0)/2 + f(x_1) + ... + f(x_(n-1)) + f(x_n)/2)",
    "simpson": "h/3 * (f(x_0) + 4 f(x_1) + 2 f(x_2) + ... + 4 f(x_(n-1)) + f(x_n))",
    "romberg": "trapezoid sums T(h), T(h/2), ... extrapolated: R_j = R_(j-1) + "
               "(R_(j-1) - R_(j-1) one row up) / (4^j - 1)",
    "gauss-legendre": "sum of w_i f(x_i) at the n zeros of the Legendre polynomial P_n "
                      "(exact for polynomials of degree 2n - 1)",
}
MAX_N = 1_000_000
MAX_GAUSS_NODES = 1000


def sample(nf: NumericFunction, x: np.ndarray) -> np.ndarray:
    """f at every point of ``x`` (any shape): one vectorised call when f allows it, else
    point by point; an :class:`InputError` names the first point where f is not finite.

    >>> from calcml.numeric.functions import as_function
    >>> sample(as_function("x^2"), np.array([1.0, 2.0])).tolist()
    [1.0, 4.0]
    """
    try:
        with np.errstate(all="ignore"):
            y = np.asarray(nf(x), dtype=float)
        if y.shape != x.shape:
            raise ValueError("f did not return one value per input")
    except (TypeError, ValueError, ZeroDivisionError):
        y = np.vectorize(_scalar(nf), otypes=[float])(x)
    bad = ~np.isfinite(y)
    if bad.any():
        raise InputError(f"{nf.label} is not finite at x = {x[bad].flat[0]:.6g}; the "
                         "integral needs a function that is defined and finite at every "
                         "point the rule samples (the adaptive method never samples the "
                         "ends of the interval)")
    return y


def _scalar(nf: NumericFunction):
    """f on one float, NaN where it cannot be evaluated (``sample`` reports it)."""
    def value(t: float) -> float:
        try:
            with np.errstate(all="ignore"):
                return float(np.real_if_close(nf(float(t))))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError):
            return float("nan")
    return value


def rule_points(method: str, a: float, b: float, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The strip edges of a rule with ``n`` equal strips on [a, b], and the points where it
    samples f: each strip's left end, right end or midpoint for a Riemann sum, every edge
    for the trapezoid and Simpson rules.

    >>> edges, points = rule_points("midpoint", 0.0, 1.0, 2)
    >>> edges.tolist(), points.tolist()
    ([0.0, 0.5, 1.0], [0.25, 0.75])
    """
    if method not in ORDERS:
        raise InputError(f"the rules that stand shapes on strips are {', '.join(ORDERS)}; "
                         f"got {method!r}")
    edges = np.linspace(a, b, check_n(method, n) + 1)
    points = {"left": edges[:-1], "right": edges[1:],
              "midpoint": (edges[:-1] + edges[1:]) / 2}.get(method, edges)
    return edges, points


def riemann_sum(edges: np.ndarray, heights: np.ndarray) -> float:
    """The area of rectangles standing on the strips between ``edges``, one height each:
    sum of (x_(k+1) - x_k) * height_k. Left, right, midpoint, lower and upper sums differ
    only in where the heights come from.

    >>> riemann_sum(np.array([0.0, 1.0, 3.0]), np.array([2.0, 1.0]))
    4.0
    """
    return float(np.sum(np.diff(edges) * heights))


def _samples(y: Any, x: Any, dx: Any, least: int) -> tuple[np.ndarray, np.ndarray]:
    """Validated sample values and their spacings (from ``x`` or the constant ``dx``)."""
    values = np.asarray(y, dtype=float)
    if values.ndim != 1 or values.size < least:
        raise InputError(f"y must be a flat list of at least {least} numbers, got "
                         f"shape {values.shape}")
    if not np.all(np.isfinite(values)):
        raise InputError("y holds a value that is not finite (nan or inf); remove it first")
    if x is None:
        step = float(dx)
        if not np.isfinite(step):
            raise InputError(f"dx must be a finite number, got {dx!r}")
        return values, np.full(values.size - 1, step)
    points = np.asarray(x, dtype=float)
    if points.shape != values.shape or not np.all(np.isfinite(points)):
        raise InputError(f"x must hold one finite number per value of y: got {points.size} "
                         f"x values for {values.size} y values")
    steps = np.diff(points)
    if not (np.all(steps >= 0) or np.all(steps <= 0)):
        raise InputError("x must be sorted (increasing, or decreasing for the negative "
                         "integral); sort the points by x first")
    return values, steps


def trapezoid(y: Sequence[float] | np.ndarray, x: Sequence[float] | np.ndarray | None = None,
              *, dx: float = 1.0) -> float:
    """The trapezoid rule on sampled points: sum of (x_(k+1) - x_k) (y_k + y_(k+1)) / 2.

    The points may be unevenly spaced (and repeat an x, as an ROC curve does); without
    ``x`` they are ``dx`` apart. Agrees with :func:`scipy.integrate.trapezoid`.

    >>> trapezoid([0, 0.5, 0.5, 1, 1], [0, 0, 0.5, 0.5, 1])
    0.75
    """
    values, steps = _samples(y, x, dx, 2)
    return float(np.sum(steps * (values[:-1] + values[1:]) / 2))


def simpson(y: Sequence[float] | np.ndarray, x: Sequence[float] | np.ndarray | None = None,
            *, dx: float = 1.0) -> float:
    """Simpson's rule on sampled points: a parabola through each pair of intervals.

    Uneven spacing is allowed. With an odd number of intervals the last one gets
    Cartwright's correction (a parabola through the last three points), as
    :func:`scipy.integrate.simpson` does; two points give the trapezoid.

    >>> simpson([0, 1, 4, 9], [0, 1, 2, 3])
    9.0
    """
    values, steps = _samples(y, x, dx, 2)
    if np.any(steps == 0):
        raise InputError("Simpson's rule needs distinct x values; remove repeated points")
    if values.size == 2:
        return float(steps[0] * (values[0] + values[1]) / 2)
    pairs = (values.size - 1) // 2 * 2
    total = _simpson_pairs(values[:pairs + 1], steps[:pairs])
    if pairs < values.size - 1:
        h0, h1 = steps[-2], steps[-1]
        alpha = (2 * h1 ** 2 + 3 * h0 * h1) / (6 * (h0 + h1))
        beta = (h1 ** 2 + 3 * h0 * h1) / (6 * h0)
        eta = h1 ** 3 / (6 * h0 * (h0 + h1))
        total += alpha * values[-1] + beta * values[-2] - eta * values[-3]
    return float(total)


def _simpson_pairs(y: np.ndarray, h: np.ndarray) -> float:
    """Composite Simpson over an even number of intervals of widths ``h`` (any spacing)."""
    h0, h1 = h[0::2], h[1::2]
    hsum, ratio = h0 + h1, h0 / h1
    parts = hsum / 6 * (y[0:-1:2] * (2 - 1 / ratio) + y[1::2] * hsum ** 2 / (h0 * h1)
                        + y[2::2] * (2 - ratio))
    return float(np.sum(parts))


def check_n(method: str, n: Any) -> int:
    """``n`` as a valid count for ``method``, or an :class:`InputError` saying why not.

    >>> check_n("simpson", 4)
    4
    """
    top = MAX_GAUSS_NODES if method == "gauss-legendre" else MAX_N
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= top:
        raise InputError(f"n must be a whole number from 1 to {top}, got {n!r}")
    n = int(n)
    if method == "simpson" and n % 2:
        raise InputError(f"Simpson's rule fits a parabola to each pair of strips, so n must "
                         f"be even; got n = {n} (try n = {n + 1})")
    if method == "romberg" and n & (n - 1):
        raise InputError(f"Romberg's method halves the step each level, so n must be a power "
                         f"of 2 (1, 2, 4, 8, ...); got n = {n}")
    return n


def fixed_rule(nf: NumericFunction, a: float, b: float, method: str, n: int
               ) -> tuple[float, float, int]:
    """``method`` with ``n`` strips (nodes for Gauss-Legendre) on [a, b]: the estimate, its
    error estimate from the same rule with 2n, and the number of evaluations of f.

    >>> from calcml.numeric.functions import as_function
    >>> fixed_rule(as_function("x"), 0.0, 1.0, "trapezoid", 2)
    (0.5, 0.0, 5)
    """
    if method == "midpoint":
        coarse, fine, evals = _midpoints(nf, a, b, n)
    elif method == "gauss-legendre":
        coarse, fine = (_gauss(nf, a, b, m) for m in (n, 2 * n))
        evals = 3 * n
    else:
        edges = np.linspace(a, b, 2 * n + 1)
        y = sample(nf, edges)
        coarse, fine = (_on_grid(method, edges[::k], y[::k]) for k in (2, 1))
        evals = edges.size
    if method in ORDERS:
        gain = 2 ** ORDERS[method]
        error = abs(coarse - fine) * gain / (gain - 1)
    else:
        error = abs(coarse - fine)
    return coarse, error, evals


def _on_grid(method: str, x: np.ndarray, y: np.ndarray) -> float:
    """A rule on f sampled at equally spaced ``x`` (the strip edges)."""
    if method == "left":
        return riemann_sum(x, y[:-1])
    if method == "right":
        return riemann_sum(x, y[1:])
    if method == "trapezoid":
        return trapezoid(y, x)
    if method == "simpson":
        return _simpson_pairs(y, np.diff(x))
    return romberg_tableau(x, y)[-1][-1]


def _midpoints(nf: NumericFunction, a: float, b: float, n: int) -> tuple[float, float, int]:
    results = []
    for m in (n, 2 * n):
        edges = np.linspace(a, b, m + 1)
        results.append(riemann_sum(edges, sample(nf, (edges[:-1] + edges[1:]) / 2)))
    return results[0], results[1], 3 * n


def _gauss(nf: NumericFunction, a: float, b: float, n: int) -> float:
    nodes, weights = np.polynomial.legendre.leggauss(n)
    half = (b - a) / 2
    return float(half * np.dot(weights, sample(nf, a + half * (nodes + 1))))


def romberg_tableau(x: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """Romberg's triangle from f on 2^k + 1 equally spaced points: row j starts with the
    trapezoid sum on 2^j strips; column i cancels the h^(2i) error term.

    >>> x = np.linspace(0, 1, 5)
    >>> [round(v, 6) for v in romberg_tableau(x, x ** 4)[-1]]
    [0.220703, 0.200521, 0.2]
    """
    levels = int(round(np.log2(x.size - 1)))
    rows: list[list[float]] = []
    for j in range(levels + 1):
        step = 2 ** (levels - j)
        row = [trapezoid(y[::step], x[::step])]
        for i in range(1, j + 1):
            row.append(row[i - 1] + (row[i - 1] - rows[j - 1][i - 1]) / (4 ** i - 1))
        rows.append(row)
    return rows
