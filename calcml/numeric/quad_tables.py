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
from dataclasses import dataclass, replace
from typing import Any

import sympy
from scipy import integrate as scipy_integrate

from calcml.errors import InputError, TimeLimitError
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import (
    FunctionLike,
    NumericFunction,
    VarLike,
    as_function,
    to_number,
)
from calcml.numeric.quad_rules import FORMULAS, ORDERS, check_n
from calcml.numeric.quadrature import ADAPTIVE_FORMULA, METHODS, Quadrature, integrate
from calcml.timelimit import run_limited

DEFAULT_NS = (2, 4, 8, 16, 32, 64, 128)
STUDY_NS = tuple(2 ** k for k in range(1, 11))
STUDY_METHODS = ("left", "midpoint", "trapezoid", "simpson", "romberg", "gauss-legendre")
MAX_STUDY_NODES = 64
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


def with_exact(q: Quadrature, exact: Any = None) -> Quadrature:
    """``q`` with its exact value: ``exact`` when given (a number, text such as "pi/4" or a
    SymPy number, e.g. a worked integral's result), else SymPy's (None when SymPy finds
    none, or f is a Python function). The result's ``true_error`` then measures the rule.

    >>> q = with_exact(integrate("x^2", 0, 1, "simpson", 2))
    >>> q.exact_text, q.true_error
    ('1/3', 0.0)
    >>> round(with_exact(integrate("x^2", 0, 1, "left", 4), "1/3").true_error, 6)
    0.114583
    """
    if exact is not None:
        value = to_number(exact, "exact")
        return replace(q, exact=value, exact_text=_exact_text(exact, value))
    found = exact_integral(q.function, q.a, q.b) if q.function is not None else None
    if found is None:
        return q
    return replace(q, exact=found[0], exact_text=found[1])


def _exact_text(exact: Any, value: float) -> str:
    """An exact value as text: a SymPy number or typed text printed as math, a float as
    its digits."""
    if isinstance(exact, sympy.Basic | str):
        from calcml.expr.printing import to_text
        from calcml.numeric.functions import to_exact

        return to_text(to_exact(exact, "exact"))
    return format_number(value, 15)


def _reference(nf: NumericFunction, a: float, b: float, exact: Any) -> tuple[float, str]:
    """The value errors are measured against, and where it came from."""
    if exact is not None:
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
class ConvergenceStudy:
    """Several rules on one integral: a :class:`ConvergenceTable` per method, all measured
    against the same ``exact`` value (found once, named by ``source``)."""

    function: NumericFunction
    a: float
    b: float
    exact: float
    source: str
    tables: dict[str, ConvergenceTable]

    def to_text(self) -> str:
        """Every rule's table, one after the other."""
        return "\n\n".join(t.to_text() for t in self.tables.values())

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the exact value and each rule's table."""
        return {"exact": self.exact, "source": self.source,
                "tables": {m: t.to_dict() for m, t in self.tables.items()}}


def study_counts(method: str, ns: Sequence[int]) -> tuple[int, ...]:
    """The n of ``ns`` a rule takes in a study: even n for Simpson, powers of 2 for
    Romberg, at most 64 Gauss-Legendre nodes (it is at round-off long before).

    >>> study_counts("simpson", (3, 4, 6)), study_counts("romberg", (2, 6, 8))
    ((4, 6), (2, 8))
    """
    if method == "simpson":
        return tuple(n for n in ns if n % 2 == 0)
    if method == "romberg":
        return tuple(n for n in ns if n & (n - 1) == 0)
    if method == "gauss-legendre":
        return tuple(n for n in ns if n <= MAX_STUDY_NODES)
    return tuple(ns)


def convergence_study(f: FunctionLike, a: Any, b: Any,
                      methods: Sequence[str] = STUDY_METHODS, ns: Sequence[int] = STUDY_NS,
                      exact: Any = None, var: VarLike = None) -> ConvergenceStudy:
    """:func:`convergence_table` for each of ``methods`` on one integral, against one exact
    value (``exact``, else SymPy's, else a high-accuracy adaptive one).

    >>> s = convergence_study("x^2", 0, 1, methods=("trapezoid", "simpson"), ns=(2, 4))
    >>> s.exact, [round(e, 6) for e in s.tables["trapezoid"].errors]
    (0.3333333333333333, [0.041667, 0.010417])
    """
    chosen = tuple(methods)
    fixed = [m for m in METHODS if m != "adaptive"]
    if not chosen or any(m not in fixed for m in chosen):
        raise InputError(f"methods must be some of {', '.join(fixed)}; got {list(chosen)!r}")
    nf = as_function(f, var)
    lo, hi = to_number(a, "a", infinite=True), to_number(b, "b", infinite=True)
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
        raise InputError(f"a convergence study needs a finite interval with a < b, got "
                         f"[{format_number(lo)}, {format_number(hi)}]")
    target, source = _reference(nf, lo, hi, exact)
    tables = {m: convergence_table(nf, lo, hi, m, study_counts(m, ns), exact=target)
              for m in chosen}
    return ConvergenceStudy(function=nf, a=lo, b=hi, exact=target, source=source,
                            tables=tables)


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
