"""Definite integrals from an antiderivative: the fundamental theorem of calculus, improper
integrals (infinite ends, or an integrand that blows up) as limits, and the signed area."""

from __future__ import annotations

from itertools import pairwise

import sympy
from sympy import oo

from calcml.errors import CalcmlError, InputError, TimeLimitError
from calcml.expr.printing import to_text
from calcml.steps.base import Step
from calcml.steps.common import SympyAnswer
from calcml.steps.integrals.definite import (
    FundamentalTheorem,
    ImproperIntegral,
    KnownShape,
    LimitAtInfinity,
    NoAntiderivative,
    NumericValue,
    SignedArea,
    SimplifyValue,
    SplitIntegral,
)
from calcml.symbolic.integrals.check import quad
from calcml.symbolic.integrals.search import Budget

__all__ = ["definite_steps"]

MAX_ROOTS = 12
MAX_SIMPLIFY_OPS = 60
"""F(b) - F(a) with more operations than this is only combined (logarithms), not simplified,
so that simplifying never takes the integral's time."""


def definite_steps(f: sympy.Expr, x: sympy.Symbol, a: sympy.Expr, b: sympy.Expr,
                   antiderivative: Step, budget: Budget) -> Step:
    """The steps of ∫ₐᵇ f dx given the steps to an antiderivative (or a numeric value
    where there is none).

    >>> from calcml.symbolic.integrals.search import find_antiderivative
    >>> x = sympy.Symbol("x", real=True)
    >>> F = find_antiderivative(2*x, x, Budget(5.0))
    >>> definite_steps(2*x, x, sympy.Integer(3), sympy.Integer(4), F, Budget(5.0)).result
    7
    """
    bounds = dict(integrand=f, var=x, lower=a, upper=b)
    if isinstance(antiderivative, NoAntiderivative):
        value, error, _ = quad(f, x, a, b)
        return NumericValue(**bounds, value=sympy.Float(value, 15), error=error,
                            method="scipy.integrate.quad (adaptive Gauss-Kronrod)")
    low, high = sorted((a, b), key=float)
    singular = _singular_points(f, x, low, high, budget)
    parameters = f.free_symbols - {x}
    if parameters and (singular or not (low.is_finite and high.is_finite)):
        names = ", ".join(sorted(str(p) for p in parameters))
        raise InputError(f"whether this improper integral converges depends on the value of "
                         f"{names}; substitute a number for it")
    step = _pieces(f, x, a, b, singular, antiderivative, budget)
    if not step.result.is_finite:
        return step
    roots, values = _sign_changes(f, x, a, b, antiderivative.result, singular, budget)
    return _known_shape(SignedArea(**bounds, roots=roots, piece_values=values, substep=step))


def _known_shape(step: SignedArea) -> Step:
    """The step, inside a KnownShape where the region is half or a quarter of a disc: the
    graph of sqrt(r² - x²) is the upper half of the circle of radius r, so the integral
    over [-r, r] is half the disc's area and over [0, r] or [-r, 0] a quarter."""
    f, x, a, b = step.integrand, step.var, step.lower, step.upper
    base, power = f.as_base_exp()
    if power != sympy.S.Half or not base.is_polynomial(x):
        return step
    square, linear, constant = (sympy.Poly(base, x).all_coeffs() + [None] * 3)[:3]
    if square != -1 or linear != 0 or not constant.is_positive:
        return step
    r = sympy.sqrt(constant)
    shares = {(-r, r): ("half", 2), (0, r): ("a quarter", 4), (-r, 0): ("a quarter", 4)}
    if (a, b) not in shares:
        return step
    name, parts = shares[(a, b)]
    area = sympy.pi * r**2 / parts
    if sympy.simplify(area - step.result) != 0:
        return step
    return KnownShape(integrand=f, var=x, lower=a, upper=b, shape=name, radius=r, area=area,
                      substep=step)


def _singular_points(f, x, low, high, budget: Budget) -> list[sympy.Expr]:
    """Where f is undefined in [low, high] (an empty list where SymPy cannot tell)."""
    from sympy.calculus.util import continuous_domain

    interval = sympy.Interval(low, high)
    try:
        domain = budget.run(lambda: continuous_domain(f, x, interval),
                            "finding where the integrand is undefined")
    except TimeLimitError:
        raise
    except (CalcmlError, NotImplementedError, ValueError, TypeError):
        return []
    missing = interval - domain
    if isinstance(missing, sympy.FiniteSet):
        return sorted(missing, key=float)
    if missing.is_empty:
        return []
    raise InputError(f"the integrand {to_text(f)} is not a real number on part of "
                     f"[{to_text(low)}, {to_text(high)}] (on {_interval_text(missing)}); choose "
                     "bounds inside its domain")


def _interval_text(part: sympy.Set) -> str:
    """An interval as a learner writes it, [a, b) or (a, b]; unions joined by 'and'."""
    if isinstance(part, sympy.Union):
        return " and ".join(_interval_text(p) for p in part.args)
    if isinstance(part, sympy.Interval):
        return (f"{'(' if part.left_open else '['}{to_text(part.start)}, "
                f"{to_text(part.end)}{')' if part.right_open else ']'}")
    return to_text(part)


def _pieces(f, x, a, b, singular, antiderivative: Step, budget: Budget) -> Step:
    """One piece per stretch between improper points, each improper at one end at most."""
    improper = {*singular, oo, -oo}
    inner = [p for p in singular if p not in (a, b)]
    if not inner and a not in improper and b not in improper:
        return _piece(f, x, a, b, antiderivative, budget)
    if float(a) > float(b):
        raise InputError("write an improper integral with the lower bound below the upper "
                         f"one: swap {a} and {b} and change the sign of the answer")
    split = []
    for lo, hi in pairwise([a, *inner, b]):
        if lo in improper and hi in improper:
            middle = _middle(lo, hi)
            split += [(lo, middle), (middle, hi)]
        else:
            split.append((lo, hi))
    pieces = tuple(_piece(f, x, lo, hi, antiderivative, budget, improper)
                   for lo, hi in split)
    if len(pieces) == 1:
        return pieces[0]
    return SplitIntegral(integrand=f, var=x, lower=a, upper=b,
                         points=tuple(lo for lo, _ in split[1:]), pieces=pieces)


def _middle(lo: sympy.Expr, hi: sympy.Expr) -> sympy.Expr:
    """A point between two improper ends, where the integral is split."""
    if lo == -oo and hi == oo:
        return sympy.Integer(0)
    if lo == -oo:
        return sympy.floor(hi) - 1
    if hi == oo:
        return sympy.ceiling(lo) + 1
    return (lo + hi) / 2


def _piece(f, x, lo, hi, antiderivative: Step, budget: Budget,
           improper: frozenset | set = frozenset()) -> Step:
    """∫ from lo to hi: F(hi) - F(lo), or a limit where one end is improper."""
    bounds = dict(integrand=f, var=x, lower=lo, upper=hi)
    F = antiderivative.result
    if lo not in improper and hi not in improper:
        theorem = FundamentalTheorem(**bounds, antiderivative_step=antiderivative,
                                     at_upper=_end_value(F, x, hi, "-", budget),
                                     at_lower=_end_value(F, x, lo, "+", budget))
        return SimplifyValue(substep=theorem, value=_simplest(theorem.result, budget))
    t = sympy.Symbol("s" if "t" in {v.name for v in f.free_symbols} else "t", real=True)
    upper_moves = hi in improper
    moving = F.subs(x, t)
    G = moving - F.subs(x, lo) if upper_moves else F.subs(x, hi) - moving
    point, side = (hi, "-") if upper_moves else (lo, "+")
    return ImproperIntegral(**bounds, antiderivative_step=antiderivative, bound=t,
                            at_upper_end=upper_moves,
                            limit_step=_limit_step(G, t, point, side, budget))


def _simplest(value: sympy.Expr, budget: Budget) -> sympy.Expr:
    """``value`` in its most readable equal form: the fewest operations, then the shortest
    text, among the value, its logarithms combined, and SymPy's simplify (ln 2 − ln(4/3)
    becomes ln(3/2)).

    >>> _simplest(sympy.log(2) - sympy.log(sympy.Rational(4, 3)), Budget(5.0))
    log(3/2)
    """
    if not isinstance(value, sympy.Expr) or value.has(sympy.AccumBounds, sympy.nan):
        return value
    try:
        forms = [value, *budget.run(lambda: _combined_logs(value), "simplifying the value")]
        if sympy.count_ops(value) <= MAX_SIMPLIFY_OPS:
            forms.append(budget.run(lambda: sympy.simplify(value), "simplifying the value"))
    except TimeLimitError:
        raise
    except (CalcmlError, NotImplementedError, ValueError, TypeError, AttributeError):
        return value
    equal = [form for form in forms if _same_number(form, value)]
    return min(equal, key=lambda form: (sympy.count_ops(form), len(str(form))))


def _combined_logs(value: sympy.Expr) -> list[sympy.Expr]:
    """``value`` with its logarithms combined: as a whole, and with a common factor kept
    outside (ln(5)/2 − ln(2)/2 = ln(5/2)/2)."""
    factor, rest = sympy.factor_terms(value).as_coeff_Mul()
    return [sympy.logcombine(value), factor * sympy.logcombine(rest)]


def _same_number(form: sympy.Expr, value: sympy.Expr) -> bool:
    """True when ``form`` and ``value`` are equal (numerically, where they are numbers)."""
    if form == value:
        return True
    if not (form.is_number and value.is_number):
        return sympy.simplify(form - value) == 0
    a, b = complex(form.evalf(30)), complex(value.evalf(30))
    return abs(a - b) <= 1e-12 * (1 + abs(b))


def _end_value(F: sympy.Expr, x: sympy.Symbol, end: sympy.Expr, side: str,
               budget: Budget) -> sympy.Expr:
    """F at an end of the interval: F(end), or where F jumps or is undefined there (as
    atan(tan(x/2)) at pi) its one-sided limit from inside the interval, which is what
    the fundamental theorem needs."""
    value = F.subs(x, end)
    if value.is_extended_real and value.is_finite and not value.has(
            sympy.AccumBounds, sympy.nan, sympy.zoo):
        return value
    try:
        return budget.run(lambda: sympy.limit(F, x, end, side),
                          "the antiderivative's limit at a bound")
    except TimeLimitError:
        raise
    except (CalcmlError, NotImplementedError, ValueError, TypeError):
        return value


def _limit_step(G, t, point, side, budget: Budget) -> Step:
    """The worked limit of G as t approaches the improper end: at an infinite end from
    the limits of G's parts where each is a known one (erf, arctan, ln, powers...);
    otherwise calcml's limit rules, or SymPy's where they cannot finish."""
    from calcml.symbolic.limits.limit import limit

    if point.is_infinite:
        named = _limit_at_infinity(G, t, point, budget)
        if named is not None:
            return named
    try:
        return budget.run(lambda: limit(G, t, point, side, timeout=None).step,
                          "the limit at the improper end")
    except TimeLimitError:
        raise
    except (CalcmlError, NotImplementedError, ValueError, TypeError):
        value = budget.run(lambda: sympy.limit(G, t, point, side),
                           "the limit at the improper end")
        return SympyAnswer(problem=sympy.Limit(G, t, point, side), value=value,
                           method="limit")


_KINDS = ((sympy.erf, "erf"), (sympy.atan, "arctan"), (sympy.tanh, "tanh"),
          (sympy.log, "log"), (sympy.exp, "exp"))
"""The functions whose limits at infinity a learner is told by name, and their kinds."""


def _limit_at_infinity(G, t, point, budget: Budget) -> LimitAtInfinity | None:
    """lim G from its parts' limits, where G is made of known functions of t and powers of
    t, each with a finite or infinite limit, that combine without a 0·oo or oo - oo; None
    otherwise (an oscillating part, or a form the limit laws cannot settle)."""
    parts = _outermost_parts(G, t)
    kinds = [_kind(p, t) for p in parts]
    if not parts or None in kinds:
        return None
    limits = []
    for part in parts:
        value = budget.run(lambda p=part: sympy.limit(p, t, point),
                           "the limit at the improper end")
        if not (value.is_extended_real and value.is_comparable or value.is_infinite):
            return None
        limits.append(value)
    step = LimitAtInfinity(function=G, bound=t, point=point, parts=tuple(parts),
                           part_limits=tuple(limits), kinds=tuple(kinds))
    combined = step.result
    if combined.has(t, sympy.nan) or not (combined.is_extended_real or combined.is_infinite):
        return None
    check = budget.run(lambda: sympy.limit(G, t, point), "the limit at the improper end")
    return step if check == combined else None


def _outermost_parts(G: sympy.Expr, t: sympy.Symbol) -> list[sympy.Expr]:
    """The largest pieces of G that hold t and are a function of it or a power of it, in
    the order they are met."""
    if not G.has(t):
        return []
    if isinstance(G, sympy.Add | sympy.Mul):
        found: list[sympy.Expr] = []
        for arg in G.args:
            found += [p for p in _outermost_parts(arg, t) if p not in found]
        return found
    return [G]


def _kind(part: sympy.Expr, t: sympy.Symbol) -> str | None:
    """What kind of known limit ``part`` has: a named function of t, or a power of t."""
    if part == t or (isinstance(part, sympy.Pow) and part.base == t and part.exp.is_number):
        return "power"
    for function, kind in _KINDS:
        if isinstance(part, function) and _low_degree_in(part.args[0], t):
            return kind
    if isinstance(part, sympy.log) and isinstance(part.args[0], sympy.Abs) \
            and _low_degree_in(part.args[0].args[0], t):
        return "log"
    return None


def _low_degree_in(e: sympy.Expr, t: sympy.Symbol) -> bool:
    """True for a polynomial in t alone of degree 1 or 2 (t, 2t + 1, -t**2)."""
    return e.is_polynomial(t) and 1 <= sympy.degree(e, t) <= 2 and not (
        e.free_symbols - {t})


def _sign_changes(f, x, a, b, F, singular, budget: Budget) -> tuple[tuple, tuple]:
    """Where f changes sign inside (a, b), and the integral over each stretch between
    (empty where the interval is infinite or SymPy cannot list the roots)."""
    if not (a.is_finite and b.is_finite) or singular or float(a) >= float(b) or (
            f.free_symbols - {x}):
        return (), ()
    try:
        found = budget.run(lambda: sympy.solveset(f, x, sympy.Interval.open(a, b)),
                           "finding where the integrand changes sign")
    except TimeLimitError:
        raise
    except (CalcmlError, NotImplementedError, ValueError, TypeError):
        return (), ()
    if not isinstance(found, sympy.FiniteSet) or len(found) > MAX_ROOTS:
        return (), ()
    points = [a, *sorted(found, key=float), b]
    values = [F.subs(x, hi) - F.subs(x, lo) for lo, hi in pairwise(points)]
    keep = [i for i in range(1, len(points) - 1)
            if float(values[i - 1]) * float(values[i]) < 0]
    if not keep:
        return (), ()
    cuts = [a, *(points[i] for i in keep), b]
    return (tuple(points[i] for i in keep),
            tuple(F.subs(x, hi) - F.subs(x, lo) for lo, hi in pairwise(cuts)))
