"""Twenty integrands with known values: the test set of calcml's adaptive integrator, shared
by its tests, its benchmark against :func:`scipy.integrate.quad` and its documentation.

They cover what makes integration hard: smooth functions, oscillation, narrow peaks, a
kink, end-point singularities (sqrt, 1/sqrt, log) and infinite intervals.

>>> len(CASES), CASES[0].name
(20, 'x^2')
>>> round(CASES[0].exact, 12)
0.333333333333
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

INF = math.inf


@dataclass(frozen=True)
class Integrand:
    """One test integral: ``fn`` (a NumPy function) over [a, b], its exact value, the same
    function as math ``text``, a ``kind`` of difficulty and how the exact value is known."""

    name: str
    text: str
    fn: Callable[[np.ndarray], np.ndarray]
    a: float
    b: float
    exact: float
    kind: str
    closed_form: str


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-x))


def _normal(x: np.ndarray) -> np.ndarray:
    return np.exp(-x * x / 2) / math.sqrt(2 * math.pi)


CASES: tuple[Integrand, ...] = (
    Integrand("x^2", "x^2", lambda x: x * x, 0, 1, 1 / 3, "smooth", "1/3"),
    Integrand("sin", "sin(x)", np.sin, 0, math.pi, 2.0, "smooth", "2"),
    Integrand("arctan'", "1/(1 + x^2)", lambda x: 1 / (1 + x * x), 0, 1, math.pi / 4,
              "smooth", "pi/4"),
    Integrand("sigmoid", "sigmoid(x)", _sigmoid, -5, 5, 5.0, "smooth", "5 (by symmetry)"),
    Integrand("gaussian", "exp(-x^2)", lambda x: np.exp(-x * x), -3, 3,
              math.sqrt(math.pi) * math.erf(3), "smooth", "sqrt(pi) erf(3)"),
    Integrand("runge", "1/(1 + 25x^2)", lambda x: 1 / (1 + 25 * x * x), -1, 1,
              0.4 * math.atan(5), "peaked", "(2/5) atan(5)"),
    Integrand("lorentz peak", "1/((x - 0.3)^2 + 0.01)", lambda x: 1 / ((x - 0.3) ** 2 + 0.01),
              0, 1, 10 * (math.atan(7) + math.atan(3)), "peaked", "10 (atan(7) + atan(3))"),
    Integrand("narrow gaussian", "exp(-100(x - 0.5)^2)",
              lambda x: np.exp(-100 * (x - 0.5) ** 2), 0, 1,
              math.sqrt(math.pi) / 10 * math.erf(5), "peaked", "(sqrt(pi)/10) erf(5)"),
    Integrand("cos(30x)", "cos(30x)", lambda x: np.cos(30 * x), 0, 1, math.sin(30) / 30,
              "oscillatory", "sin(30)/30"),
    Integrand("x sin(50x)", "x sin(50x)", lambda x: x * np.sin(50 * x), 0, 1,
              (math.sin(50) - 50 * math.cos(50)) / 2500, "oscillatory",
              "(sin(50) - 50 cos(50))/2500"),
    Integrand("kink", "abs(x - 1/3)", lambda x: np.abs(x - 1 / 3), 0, 1, 5 / 18, "kink",
              "5/18"),
    Integrand("sqrt", "sqrt(x)", np.sqrt, 0, 1, 2 / 3, "singular end", "2/3"),
    Integrand("1/sqrt", "1/sqrt(x)", lambda x: 1 / np.sqrt(x), 0, 1, 2.0, "singular end",
              "2"),
    Integrand("log", "log(x)", np.log, 0, 1, -1.0, "singular end", "-1"),
    Integrand("sqrt log", "sqrt(x) log(x)", lambda x: np.sqrt(x) * np.log(x), 0, 1, -4 / 9,
              "singular end", "-4/9"),
    Integrand("quarter circle", "sqrt(1 - x^2)", lambda x: np.sqrt(1 - x * x), 0, 1,
              math.pi / 4, "singular end", "pi/4"),
    Integrand("arcsin'", "1/sqrt(1 - x^2)", lambda x: 1 / np.sqrt(1 - x * x), -1, 1,
              math.pi, "singular end", "pi"),
    Integrand("exp decay", "exp(-x)", lambda x: np.exp(-x), 0, INF, 1.0, "infinite", "1"),
    Integrand("cauchy", "1/(1 + x^2)", lambda x: 1 / (1 + x * x), -INF, INF, math.pi,
              "infinite", "pi"),
    Integrand("normal pdf", "exp(-x^2/2)/sqrt(2pi)", _normal, -INF, INF, 1.0, "infinite",
              "1"),
)
