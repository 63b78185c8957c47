"""Numeric derivatives: forward, backward and central differences, the complex step,
Richardson extrapolation, and how their error depends on the step h.

A difference quotient has two errors pulling in opposite ways: truncation (the formula's
own error, shrinking like h for forward/backward and h^2 for central) and round-off
(f is known to about eps = 2.2e-16, and dividing by h magnifies that, like eps / h).
The best h balances them: about sqrt(eps) ~ 1.5e-8 for forward differences and
eps^(1/3) ~ 6e-6 for central ones. The complex step f'(x) ~ Im f(x + ih) / h subtracts
nothing, so it has no round-off to magnify and is good to ~1e-16 for any tiny h.

>>> round(central_difference(lambda t: t**3, 2.0), 8)
12.0
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import FunctionLike, NumericFunction, VarLike, as_function, to_number

EPS = float(np.finfo(float).eps)
ORDERS = {"forward": 1, "backward": 1, "central": 2, "richardson": 4, "complex": 2}
DEFAULT_STEPS = tuple(10.0 ** -k for k in range(1, 17))
FINE_STEPS = tuple(10.0 ** (-k / 8) for k in range(8, 129))  # 1e-1 to 1e-16, 8 a decade
FORMULAS = {
    "forward": "(f(x + h) - f(x)) / h",
    "backward": "(f(x) - f(x - h)) / h",
    "central": "(f(x + h) - f(x - h)) / (2h)",
    "richardson": "(4 D(h/2) - D(h)) / 3, D = central difference",
    "complex": "Im f(x + ih) / h",
}


def _forward(f: NumericFunction, x: float, h: float) -> float:
    return (f.value(x + h) - f.value(x)) / h


def _backward(f: NumericFunction, x: float, h: float) -> float:
    return (f.value(x) - f.value(x - h)) / h


def _central(f: NumericFunction, x: float, h: float) -> float:
    return (f.value(x + h) - f.value(x - h)) / (2 * h)


def _richardson2(f: NumericFunction, x: float, h: float) -> float:
    return (4 * _central(f, x, h / 2) - _central(f, x, h)) / 3


def _complex(f: NumericFunction, x: float, h: float) -> float:
    try:
        with np.errstate(all="ignore"):
            y = f(complex(x, h))
    except (TypeError, ValueError) as err:
        raise InputError(f"the complex step needs f to accept complex numbers, but "
                         f"{f.label} failed on x + ih ({err}); write f with NumPy or "
                         "cmath functions (np.sin, not math.sin)") from None
    if not np.iscomplexobj(y):
        raise InputError(f"{f.label} returned a real number for complex input, so the "
                         "imaginary part that carries the derivative was lost (abs, max "
                         "and comparisons do this); use a central difference instead")
    return float(np.imag(y)) / h


_RULES: dict[str, Callable[[NumericFunction, float, float], float]] = {
    "forward": _forward, "backward": _backward, "central": _central,
    "richardson": _richardson2, "complex": _complex}


def default_step(method: str, x: float = 0.0) -> float:
    """The step that balances truncation and round-off for ``method``, scaled by max(1, |x|).

    An order-p formula with round-off eps / h is best near h = eps^(1 / (p + 1)); the
    complex step has no round-off to balance, so it takes h = 1e-20.

    >>> f"{default_step('forward'):.2e}", f"{default_step('central'):.2e}"
    ('1.49e-08', '6.06e-06')
    """
    _check_method(method)
    if method == "complex":
        return 1e-20
    return EPS ** (1 / (ORDERS[method] + 1)) * max(1.0, abs(x))


def _check_method(method: str) -> None:
    if method not in _RULES:
        raise InputError(f"unknown method {method!r}; choose one of {', '.join(_RULES)}")


def _check_step(h: Any, x: float, method: str) -> float:
    h = to_number(h, "h")
    if h <= 0:
        raise InputError(f"the step h must be positive, got {h:g}")
    if method != "complex" and x + h == x:
        raise InputError(f"h = {h:g} is too small to move x = {x:g} in floating point "
                         "(x + h == x); use h of at least 1e-15 * |x|")
    return h


def derivative(f: FunctionLike, x: Any, method: str = "central", h: Any = None,
               var: VarLike = None) -> float:
    """f'(x) by a numeric method: ``forward``, ``backward``, ``central``, ``richardson`` or
    ``complex``; ``h`` defaults to :func:`default_step`.

    >>> round(derivative(np.sin, 0.0, "complex"), 15)
    1.0
    """
    _check_method(method)
    nf = as_function(f, var)
    x = to_number(x, "x")
    h = default_step(method, x) if h is None else _check_step(h, x, method)
    return _RULES[method](nf, x, h)


def forward_difference(f: FunctionLike, x: Any, h: Any = None) -> float:
    """(f(x + h) - f(x)) / h: error about h f''/2 (first order).

    >>> forward_difference(lambda t: t**2, 3.0, h=0.5)
    6.5
    """
    return derivative(f, x, "forward", h)


def backward_difference(f: FunctionLike, x: Any, h: Any = None) -> float:
    """(f(x) - f(x - h)) / h: error about -h f''/2 (first order).

    >>> backward_difference(lambda t: t**2, 3.0, h=0.5)
    5.5
    """
    return derivative(f, x, "backward", h)


def central_difference(f: FunctionLike, x: Any, h: Any = None) -> float:
    """(f(x + h) - f(x - h)) / (2h): error about h^2 f'''/6 (second order).

    >>> central_difference(lambda t: t**3, 1.0, h=0.5)
    3.25
    """
    return derivative(f, x, "central", h)


def complex_step(f: FunctionLike, x: Any, h: Any = 1e-20) -> float:
    """Im f(x + ih) / h: no subtraction, so accurate to ~1e-16 (f must accept complex input).

    >>> complex_step(lambda t: t**3, 2.0)
    12.0
    """
    return derivative(f, x, "complex", h)


def richardson(f: FunctionLike, x: Any, h: Any = 0.1, levels: int = 4) -> float:
    """Richardson extrapolation of central differences: the corner of :func:`richardson_table`.

    Each level cancels the next even power of h, so ``levels`` = 4 is of order h^8.

    >>> round(richardson(np.exp, 0.0), 12)
    1.0
    """
    return float(richardson_table(f, x, h, levels).table.rows[-1][-1])


@dataclass(frozen=True)
class Richardson(TableResult):
    """The Richardson tableau: row k holds D(h / 2^k) and its extrapolations."""

    table: Table
    value: float


def richardson_table(f: FunctionLike, x: Any, h: Any = 0.1, levels: int = 4) -> Richardson:
    """The tableau R[k][j] = R[k][j-1] + (R[k][j-1] - R[k-1][j-1]) / (4^j - 1).

    Column 0 is the central difference D(h / 2^k) (error ~ h^2); column j cancels the
    h^(2j) term, leaving an error of order h^(2j+2).

    >>> t = richardson_table(lambda v: v**5, 1.0, h=0.5, levels=3)
    >>> t.value
    5.0
    """
    if isinstance(levels, bool) or not isinstance(levels, int) or not 1 <= levels <= 12:
        raise InputError(f"levels must be a whole number from 1 to 12, got {levels!r}")
    nf, x = as_function(f), to_number(x, "x")
    h = _check_step(h, x, "central")
    rows: list[list[float]] = []
    for k in range(levels):
        row = [_central(nf, x, h / 2 ** k)]
        for j in range(1, k + 1):
            row.append(row[j - 1] + (row[j - 1] - rows[k - 1][j - 1]) / (4 ** j - 1))
        rows.append(row)
    columns = ["h", "D(h)"] + [f"R{j} (h^{2 * j + 2})" for j in range(1, levels)]
    cells = [[h / 2 ** k] + r + [None] * (levels - 1 - k) for k, r in enumerate(rows)]
    notes = ("D(h) = (f(x + h) - f(x - h)) / (2h); "
             "R_j = R_(j-1) + (R_(j-1) - R_(j-1) one row up) / (4^j - 1)",
             f"best estimate (bottom right): f'({format_number(x)}) ~ "
             f"{format_number(rows[-1][-1], 15)}")
    table = Table(f"Richardson extrapolation for {nf.title} at x = {format_number(x)}",
                  tuple(columns), tuple(tuple(c) for c in cells), notes)
    return Richardson(table=table, value=rows[-1][-1])


@dataclass(frozen=True)
class ErrorTable(TableResult):
    """|estimate - f'(x)| for each step h and method: the truncation/round-off trade-off.

    ``errors[method]`` is a NumPy array aligned with ``steps``; ``function`` is f and
    ``at`` the point x, ``exact`` the true f'(x).
    """

    table: Table
    steps: tuple[float, ...]
    errors: dict[str, np.ndarray]
    exact: float
    function: NumericFunction | None = None
    at: float = 0.0

    @property
    def methods(self) -> tuple[str, ...]:
        """The methods measured, in the table's order.

        >>> derivative_error_table(np.exp, 0.0, exact=1.0, methods=("central",)).methods
        ('central',)
        """
        return tuple(self.errors)

    def best(self, method: str) -> tuple[float, float]:
        """The measured best (h, error) for ``method``: the first step, in table order (largest
        h first by default), where the error is smallest.

        >>> derivative_error_table(np.exp, 0.0, exact=1.0).best("forward")[0]
        1e-08
        """
        errs = self.errors[method]
        i = int(np.nanargmin(errs))
        return self.steps[i], float(errs[i])


def _exact_derivative(nf: NumericFunction, x: float, exact: Any) -> tuple[float, str]:
    if exact is not None:
        return to_number(exact, "exact"), "given"
    if nf.is_symbolic:
        d = nf.derivative_expr().subs(nf.var, sympy.Rational(repr(x))).evalf(30)
        if d.is_real and d.is_finite:
            return float(d), "SymPy d/dx"
        raise InputError(f"{nf.label} has no finite derivative at x = {x:g}")
    raise InputError("the error needs the true derivative: pass exact=f'(x) "
                     "for a Python function, or give f as an expression")


def _check_steps(steps: Sequence[Any]) -> tuple[float, ...]:
    values = tuple(to_number(h, "each step h") for h in steps)
    if not values or min(values) <= 0:
        raise InputError("steps must be a non-empty list of positive numbers, e.g. 1e-1..1e-16")
    return values


def _error_of(rule: Callable, nf: NumericFunction, x: float, h: float, exact: float) -> float:
    with np.errstate(all="ignore"):
        return abs(rule(nf, x, h) - exact)


def derivative_error_table(f: FunctionLike, at: Any, exact: Any = None,
                           steps: Sequence[Any] = DEFAULT_STEPS,
                           methods: Sequence[str] = ("forward", "central", "complex"),
                           var: VarLike = None) -> ErrorTable:
    """The absolute error of each method for h from 1e-1 down to 1e-16.

    Going down the table the error first shrinks (truncation, ~h or ~h^2) and then grows
    again (round-off, ~eps/h), except for the complex step. ``exact`` is f'(at); an
    expression's derivative is computed.

    >>> t = derivative_error_table(np.sin, 1.0, exact=np.cos(1.0))
    >>> t.best("forward")[0], t.best("central")[0]
    (1e-08, 1e-05)
    """
    for m in methods:
        _check_method(m)
    nf, x = as_function(f, var), to_number(at, "at")
    d, source = _exact_derivative(nf, x, exact)
    hs = _check_steps(steps)
    errors = {m: np.array([_error_of(_RULES[m], nf, x, h, d) for h in hs]) for m in methods}
    rows = [(h, *(errors[m][i] for m in methods)) for i, h in enumerate(hs)]
    notes = [f"{m}: {FORMULAS[m]}" for m in methods]
    notes.append(f"exact f'({format_number(x)}) = {format_number(d, 15)} ({source}); "
                 f"eps = {EPS:.3g}")
    table = Table(f"Error of numeric derivatives of {nf.title} at x = {format_number(x)}",
                  ("h", *methods), tuple(rows), tuple(notes), digits=3)
    return ErrorTable(table=table, steps=hs, errors=errors, exact=d, function=nf, at=x)


def theory_step(method: str) -> tuple[float, float]:
    """The textbook best step and error, ignoring the constants f and f^(p+1):
    h ~ eps^(1/(p+1)) and error ~ eps^(p/(p+1)) for an order-p formula; the complex step
    has error ~ eps at any small h.

    >>> [f"{v:.1e}" for v in theory_step("forward")]
    ['1.5e-08', '1.5e-08']
    """
    _check_method(method)
    if method == "complex":
        return 1e-20, EPS
    p = ORDERS[method]
    return EPS ** (1 / (p + 1)), EPS ** (p / (p + 1))


def best_step(f: FunctionLike, at: Any, exact: Any = None,
              methods: Sequence[str] = ("forward", "backward", "central", "richardson",
                                        "complex"),
              var: VarLike = None) -> Table:
    """For each method, the best h measured on a fine grid (8 steps a decade, 1e-1 to 1e-16)
    beside the theory's h and error.

    >>> t = best_step(np.exp, 0.0, exact=1.0, methods=("central",))
    >>> 1e-7 < t.rows[0][1] < 1e-4
    True
    """
    nf = as_function(f, var)
    errs = derivative_error_table(nf, at, exact, FINE_STEPS, methods)
    rows = []
    for m in methods:
        h, e = errs.best(m)
        rows.append((m, h, e, *theory_step(m)))
    notes = ["theory: an order-p formula has truncation ~ h^p and round-off ~ eps / h; "
             "they balance at h ~ eps^(1/(p+1)) (forward sqrt(eps), central eps^(1/3))"]
    if "complex" in methods:
        notes.append("the complex step subtracts nothing, so it has no round-off to balance")
    where = f"{nf.title} at x = {format_number(to_number(at, 'at'))}"
    return Table(f"Best step h for the derivative of {where}",
                 ("method", "best h", "error there", "theory h", "theory error"),
                 tuple(rows), tuple(notes), digits=3)
