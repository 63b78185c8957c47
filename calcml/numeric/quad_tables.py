"""How numeric integrals converge, as tables: the error of a rule as n doubles with its
observed order, and calcml's adaptive method beside :func:`scipy.integrate.quad`.

>>> t = convergence_table("x^2", 0, 1, "trapezoid", ns=(2, 4, 8))
>>> [round(e, 6) for e in t.errors]
[0.041667, 0.010417, 0.002604]
>>> t.orders[1:]
(2.0, 2.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sympy
from scipy import integrate as scipy_integrate

from calcml.errors import InputError, TimeLimitError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import FunctionLike, NumericFunction, VarLike, as_function
from calcml.numeric.quad_rules import FORMULAS, ORDERS, check_n
from calcml.numeric.quadrature import ADAPTIVE_FORMULA, METHODS, Quadrature, integrate
from calcml.timelimit import run_limited

DEFAULT_NS = (2, 4, 8, 16, 32, 64, 128)
THEORY = {**{m: f"h^{p}" for m, p in ORDERS.items()},
          "romberg": "h^(2k+2) after k extrapolations", "gauss-legendre": "h^(2n), spectral",
          "adaptive": "-"}


def exact_integral(nf: NumericFunction, a: float, b: float, seconds: float = 2.0
                   ) -> tuple[float, str] | None:
    """The exact integral by SymPy, as a float and as text, or None when SymPy finds none
    within ``seconds`` (or f is a Python function).

    >>> exact_integral(as_function("x/2"), 1.0, 2.0)
    (0.75, '3/4')
    """
    if not nf.is_symbolic:
        return None
    lo, hi = (sympy.Rational(repr(v)) if math.isfinite(v) else sympy.oo * (1 if v > 0 else -1)
              for v in (a, b))
    try:
        value = run_limited(lambda: sympy.integrate(nf.expr, (nf.var, lo, hi)), seconds,
                            "the exact integral")
    except TimeLimitError:
        return None
    if not (value.is_number and value.is_finite) or value.has(sympy.Integral):
        return None
    from calcml.expr.printing import to_text

    return float(value.evalf(30)), to_text(value)


def _reference(nf: NumericFunction, a: float, b: float, exact: Any) -> tuple[float, str]:
    """The value errors are measured against, and where it came from."""
    if exact is not None:
        from calcml.numeric.functions import to_number

        return to_number(exact, "exact"), "given"
    found = exact_integral(nf, a, b)
    if found is not None:
        return found[0], f"SymPy: {found[1]}"
    ref = integrate(nf, a, b, tol=1e-13)
    return ref.estimate, f"calcml adaptive (no exact value known; error ~ {ref.error:.1e})"


@dataclass(frozen=True)
class ConvergenceTable(TableResult):
    """A rule's estimates for growing n: their errors against ``exact`` and the observed
    order of convergence (None in the first row, or where an error is 0)."""

    table: Table
    method: str
    ns: tuple[int, ...]
    estimates: tuple[float, ...]
    errors: tuple[float, ...]
    orders: tuple[float | None, ...]
    exact: float


def _orders(ns: Sequence[int], errors: Sequence[float]) -> tuple[float | None, ...]:
    """log(e_(k-1) / e_k) / log(n_k / n_(k-1)): log2 of the error ratio when n doubles."""
    orders: list[float | None] = [None]
    for k in range(1, len(ns)):
        e0, e1 = errors[k - 1], errors[k]
        if e0 > 0 and e1 > 0:
            orders.append(round(math.log(e0 / e1) / math.log(ns[k] / ns[k - 1]), 2))
        else:
            orders.append(None)
    return tuple(orders)


def convergence_table(f: FunctionLike, a: Any, b: Any, method: str,
                      ns: Sequence[int] = DEFAULT_NS, exact: Any = None,
                      var: VarLike = None) -> ConvergenceTable:
    """``method`` with each n in ``ns``: estimate, its error estimate, the true error
    against ``exact`` (by default SymPy's exact value, else a high-accuracy adaptive one)
    and the observed order of convergence.

    >>> t = convergence_table("exp(x)", 0, 1, "simpson", ns=(2, 4, 8), exact="e - 1")
    >>> round(t.orders[-1])
    4
    """
    if method not in METHODS or method == "adaptive":
        fixed = ", ".join(m for m in METHODS if m != "adaptive")
        raise InputError(f"a convergence table needs a fixed rule ({fixed}); got {method!r}")
    counts = tuple(check_n(method, n) for n in ns)
    if not counts or any(n1 <= n0 for n0, n1 in zip(counts, counts[1:], strict=False)):
        raise InputError(f"ns must be increasing numbers of strips such as (2, 4, 8, 16), "
                         f"got {tuple(ns)!r}")
    nf = as_function(f, var)
    results = [integrate(nf, a, b, method, n) for n in counts]
    target, source = _reference(nf, results[0].a, results[0].b, exact)
    errors = tuple(abs(r.estimate - target) for r in results)
    orders = _orders(counts, errors)
    rows = [(r.n, r.estimate, r.error, e, o)
            for r, e, o in zip(results, errors, orders, strict=True)]
    notes = (f"{method}: {FORMULAS[method]}",
             f"exact value {format_number(target, 15)} ({source})",
             "order = log2(error at n / error at 2n) when n doubles; theory: error ~ "
             f"{THEORY[method]}")
    title = (f"Convergence of the {method} rule for {nf.title} on "
             f"[{format_number(results[0].a)}, {format_number(results[0].b)}]")
    table = Table(title, ("n", "estimate", "error estimate", "true error", "order"),
                  tuple(rows), notes, digits=12)
    return ConvergenceTable(table=table, method=method, ns=counts,
                            estimates=tuple(r.estimate for r in results), errors=errors,
                            orders=orders, exact=target)


@dataclass(frozen=True)
class QuadComparison(TableResult):
    """calcml's result beside SciPy's quad on the same integral."""

    table: Table
    calcml: Quadrature
    scipy: tuple[float, float, int]


def compare_with_quad(f: FunctionLike, a: Any, b: Any, method: str = "adaptive",
                      n: int | None = None, exact: Any = None, var: VarLike = None
                      ) -> QuadComparison:
    """calcml's estimate, error estimate and evaluations beside those of
    :func:`scipy.integrate.quad` (its defaults: epsabs = epsrel = 1.49e-8), and each one's
    true error against ``exact`` (SymPy's exact value when f is an expression).

    >>> c = compare_with_quad("1/sqrt(x)", 0, 1)
    >>> [round(row["estimate"], 12) for row in c.to_rows()]
    [2.0, 2.0]
    """
    nf = as_function(f, var)
    mine = integrate(nf, a, b, method, n)
    calls = [0]

    def counted(t: float) -> float:
        calls[0] += 1
        return nf.value(t)

    value, error = scipy_integrate.quad(counted, mine.a, mine.b, limit=200)[:2]
    known = _reference(nf, mine.a, mine.b, exact) if exact is not None or nf.is_symbolic \
        else None
    rows = [(f"calcml {method}", mine.estimate, mine.error, mine.evaluations,
             abs(mine.estimate - known[0]) if known else None),
            ("scipy.integrate.quad", value, error, calls[0],
             abs(value - known[0]) if known else None)]
    notes = [f"calcml {method}: {FORMULAS.get(method, ADAPTIVE_FORMULA)}",
             "quad: QUADPACK (QAGS, or QAGI on an infinite interval), epsabs = epsrel = "
             "1.49e-8; calcml's adaptive method aims at a relative error of 1e-10"]
    if known:
        notes.append(f"exact value {format_number(known[0], 15)} ({known[1]})")
    title = (f"calcml against scipy.integrate.quad: {nf.title} on "
             f"[{format_number(mine.a)}, {format_number(mine.b)}]")
    table = Table(title, ("method", "estimate", "error estimate", "evaluations", "true error"),
                  tuple(rows), tuple(notes), digits=15)
    return QuadComparison(table=table, calcml=mine, scipy=(value, error, calls[0]))
