"""The numeric methods behind :mod:`calcml.steps.verify`: sample points, quadrature, and a
one-sided approach to a limit, each returning a verdict ("true" | "false" | "unchecked",
reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import mpmath
import sympy

from calcml.expr.functions import relu, sigmoid, softplus
from calcml.steps.limits.rules import DNE, WordAtom

Verdict = tuple[str, str]

SAMPLES = (0.7, 1.3, -0.4, 2.2, -1.6, 0.35, 3.1, -2.7, 1.9, 0.55, -0.85, 4.6)
"""Values tried for each variable (avoiding 0, 1 and the integers, where rules break)."""

DIGITS = 30
TOLERANCE = 1e-9
NEAR = (2, 3, 5, 8, 12, 17, 23, 30)
"""A limit at a finite point a is approached at a ± 10^-k for these k."""
FAR = (1, 2, 3, 5, 8, 12, 17, 23, 30, 60, 120, 250)
"""A limit at ±oo is approached at ±10^k for these k."""


def plain(expr: sympy.Basic) -> sympy.Basic:
    """``expr`` with every symbol real and calcml's own functions (sigmoid, softplus, relu)
    written in elementary form, so SymPy and mpmath evaluate it directly.

    >>> plain(sigmoid(sympy.Symbol("u"))).free_symbols.pop().is_real
    True
    """
    if not isinstance(expr, sympy.Basic):
        return expr
    symbols = {s: sympy.Symbol(s.name, real=True) for s in expr.atoms(sympy.Symbol)
               if not s.is_real and type(s) is sympy.Symbol}
    expr = expr.xreplace(symbols) if symbols else expr
    return expr.replace(sigmoid, lambda a: 1 / (1 + sympy.exp(-a))).replace(
        softplus, lambda a: sympy.log(1 + sympy.exp(a))).replace(
        relu, lambda a: sympy.Max(a, 0))


def number(expr: sympy.Basic, point: dict | None = None) -> complex | None:
    """The value of ``expr`` at ``point`` as a complex number, or None where it has none
    (undefined, infinite, or not a number at all)."""
    try:
        value = (expr.subs(point) if point else expr).evalf(DIGITS)
        result = complex(value)
    except (TypeError, ValueError, ZeroDivisionError, OverflowError, AttributeError):
        return None
    if result != result or abs(result) == float("inf"):
        return None
    return result


def _real(value: complex | None) -> float | None:
    if value is None or abs(value.imag) > TOLERANCE * max(1.0, abs(value.real)):
        return None
    return value.real


def _close(a: float, b: float, tolerance: float = TOLERANCE) -> bool:
    if abs(a) == float("inf") or abs(b) == float("inf"):
        return a == b
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def compare_at_points(lhs: sympy.Basic, rhs: sympy.Basic, how: str) -> Verdict:
    """Both sides at up to four real points where both are defined (so ln x² = 2 ln x
    holds: at x < 0 the right side is not real).

    >>> x = sympy.Symbol("x", real=True)
    >>> compare_at_points(sympy.log(x**2), 2*sympy.log(x), "at sample points")[0]
    'true'
    >>> compare_at_points(sympy.sin(2*x), 2*sympy.sin(x), "at sample points")[0]
    'false'
    """
    if isinstance(rhs, WordAtom):
        return "false", f"{rhs} is not a value {lhs} can equal"
    symbols = sorted((lhs.free_symbols | rhs.free_symbols), key=str)
    used = 0
    for k in range(len(SAMPLES)):
        point = {s: sympy.Rational(SAMPLES[(k + 3 * i) % len(SAMPLES)]).limit_denominator(100)
                 for i, s in enumerate(symbols)}
        a, b = _real(number(lhs, point)), _real(number(rhs, point))
        if a is None or b is None:
            continue
        if not _close(a, b):
            where = ", ".join(f"{s} = {v}" for s, v in point.items())
            return "false", f"at {where} the left side is {a:.10g}, the right {b:.10g}"
        used += 1
        if used == 4 or not symbols:
            return "true", f"equal at {used} point(s), {how}"
    if used:
        return "true", f"equal at {used} point(s), {how}"
    return "unchecked", "no real point where both sides are defined"


def _mp_function(f: sympy.Basic, x: sympy.Symbol) -> Callable[[mpmath.mpf], mpmath.mpf]:
    """``f`` as an mpmath function of ``x`` (lambdified, or SymPy's evalf if that fails)."""
    f = _rebuilt(f)
    try:
        compiled = sympy.lambdify(x, f, "mpmath", docstring_limit=0)
        compiled(mpmath.mpf("0.613"))
        return compiled
    except (NameError, TypeError, AttributeError, KeyError, SyntaxError):
        return lambda t: mpmath.mpmathify(complex(f.subs(x, sympy.Float(t, DIGITS)).evalf()))
    except (ValueError, ZeroDivisionError, ArithmeticError):
        return compiled


def _rebuilt(expr: sympy.Basic) -> sympy.Basic:
    """``expr`` rebuilt with evaluation on: SymPy's lambdify prints an unevaluated
    ``1/(1/x)`` wrongly (as ``/1/x``)."""
    if not expr.args or isinstance(expr, (sympy.Limit, sympy.Integral)):
        return expr
    return expr.func(*(_rebuilt(a) for a in expr.args))


def _real_at(fn: Callable, t) -> float | None:
    try:
        value = mpmath.mpmathify(fn(t))
    except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
        return None
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > TOLERANCE * max(1, abs(value.real)):
            return None
        value = value.real
    if not mpmath.isfinite(value):
        return None
    return value


# Limits ------------------------------------------------------------------------------


def _side_values(fn: Callable, a: sympy.Basic, side: str) -> list[tuple[object, object]]:
    """(x, f(x)) as x approaches ``a`` from ``side`` ("+" above, "-" below), defined ones."""
    values = []
    for k in FAR if a.is_infinite else NEAR:
        with mpmath.workdps(3 * k + DIGITS):
            if a.is_infinite:
                t = mpmath.mpf(10) ** k * (1 if a == sympy.oo else -1)
            else:
                t = mpmath.mpf(sympy.N(a, 3 * k + DIGITS)) + (
                    1 if side == "+" else -1) * mpmath.mpf(10) ** -k
            values.append((t, _real_at(fn, t)))
    return [(t, v) for t, v in values if v is not None]


def _summary(values: list) -> str:
    tail = values[-3:]
    return ", ".join(f"f({mpmath.nstr(t, 3)}) = {mpmath.nstr(v, 8)}" for t, v in tail)


def _settles(ys: Sequence) -> bool:
    return len(ys) >= 3 and all(_close(float(ys[-1]), float(y), 1e-8) for y in ys[-3:])


def _tends_to(ys: Sequence, target: sympy.Basic) -> bool | None:
    """Whether the values head for ``target`` (a number, oo or -oo); None when unclear."""
    tail = list(ys[-4:])  # mpmath numbers: e^(10^250) is far beyond a float
    if target.is_infinite:
        sign = 1 if target == sympy.oo else -1
        growing = all(sign * (b - a) > 0 for a, b in zip(tail, tail[1:], strict=False))
        if growing and sign * tail[-1] > 1e6:
            return True
        if _settles(ys) or (len(tail) > 1 and not growing):
            return False
        return None
    L = float(target)
    errors = [float(abs(y - L)) if abs(y - L) < 1e300 else 1e300 for y in tail]
    if errors[-1] <= 1e-6 * max(1.0, abs(L)):
        return True
    shrinking = all(b < a for a, b in zip(errors, errors[1:], strict=False))
    if shrinking and errors[-1] <= 0.1 * errors[0] and errors[-1] < 0.05 * max(1.0, abs(L)):
        return True
    return False if _settles(ys) or not shrinking else None


def _side_verdict(values: list, claimed: sympy.Basic) -> Verdict:
    ys = [v for _, v in values]
    if len(ys) < 4:
        return "unchecked", "too few points where f is defined on this side"
    if claimed is DNE:
        if _settles(ys) or _tends_to(ys, sympy.oo) or _tends_to(ys, -sympy.oo):
            return "false", f"the values settle: {_summary(values)}"
        return "true", f"the values keep changing and never settle: {_summary(values)}"
    verdict = _tends_to(ys, claimed)
    if verdict is None:
        return "unchecked", f"the values do not decide it: {_summary(values)}"
    return ("true" if verdict else "false"), _summary(values)


def check_limit(lhs: sympy.Limit, rhs: sympy.Basic) -> Verdict:
    """``lim f = rhs`` by approaching the point numerically from each side it names.

    A claimed DNE of a two-sided limit holds when the sides tend to different values, or
    when either side keeps changing without settling.

    >>> x = sympy.Symbol("x", real=True)
    >>> check_limit(sympy.Limit(abs(x)/x, x, 0, "+-"), DNE)[0]
    'true'
    """
    f, x, a, direction = lhs.args
    if f.free_symbols - {x}:
        return "unchecked", "the function has parameters besides the variable"
    if not (rhs is DNE or rhs.is_infinite or _real(number(rhs)) is not None):
        return "false", f"{rhs} is not a limit value"
    target = rhs if rhs is DNE or rhs.is_infinite else sympy.Float(_real(number(rhs)), 20)
    fn = _mp_function(f, x)
    sides = ["-" if a == sympy.oo else "+"] if a.is_infinite else (
        ["-", "+"] if str(direction) == "+-" else [str(direction)])
    found = {side: _side_values(fn, a, side) for side in sides}
    if rhs is DNE and len(sides) == 2:
        return _two_sided_dne(found)
    verdicts = [_side_verdict(found[side], target) for side in sides if found[side]]
    for status in ("false", "unchecked"):
        for s, why in verdicts:
            if s == status:
                return s, why
    if not verdicts:
        return "unchecked", "f is not defined near the point"
    return "true", "; ".join(why for _, why in verdicts)


def _two_sided_dne(found: dict[str, list]) -> Verdict:
    """The sides differ, or one of them never settles: the two-sided limit does not exist."""
    ends = {}
    for side, values in found.items():
        ys = [v for _, v in values]
        if len(ys) < 4:
            return "unchecked", f"too few points where f is defined on the {side} side"
        if _settles(ys):
            ends[side] = float(ys[-1])
        elif _tends_to(ys, sympy.oo) or _tends_to(ys, -sympy.oo):
            ends[side] = float("inf") if ys[-1] > 0 else float("-inf")
        else:
            return "true", f"the {side} side never settles: {_summary(values)}"
    left, right = ends["-"], ends["+"]
    if left == right or (abs(left) != float("inf") and _close(left, right, 1e-6)):
        return "false", f"both sides tend to {right:.10g}"
    return "true", f"the sides differ: {left:.10g} from the left, {right:.10g} from the right"


# Definite integrals ------------------------------------------------------------------


def _bound(b: sympy.Basic):
    if b.is_infinite:
        return mpmath.inf if b == sympy.oo else -mpmath.inf
    return mpmath.mpf(sympy.N(b, DIGITS))


def check_definite(lhs: sympy.Integral, rhs: sympy.Basic) -> Verdict:
    """``∫ₐᵇ f dx = rhs`` by mpmath's quadrature (tanh-sinh), or, for a claimed
    divergence, by partial integrals that keep growing or swinging towards a bad end.

    >>> x = sympy.Symbol("x", real=True)
    >>> check_definite(sympy.Integral(x**2, (x, 0, 3)), sympy.Integer(9))[0]
    'true'
    """
    f, (x, a, b) = lhs.function, lhs.limits[0]
    if f.free_symbols - {x} or (a.free_symbols | b.free_symbols):
        return "unchecked", "the integral has parameters besides the variable"
    fn = _mp_function(f, x)
    if isinstance(rhs, WordAtom) or rhs in (sympy.oo, -sympy.oo):
        return _check_divergence(fn, f, x, a, b)
    claimed = _real(number(rhs))
    if claimed is None:
        return "false", f"{rhs} is not a real number"
    with mpmath.workdps(DIGITS):
        for pieces in (1, 16):
            value, error = _quad(fn, a, b, pieces)
            if value is not None and _close(float(value), claimed, 1e-6):
                return "true", f"quadrature gives {mpmath.nstr(value, 12)}"
            if value is not None and error < 1e-12 * max(1, abs(value)):
                return "false", f"quadrature gives {mpmath.nstr(value, 12)}, not {claimed:.12g}"
    return "unchecked", "the quadrature did not settle on a value"


def _quad(fn: Callable, a: sympy.Basic, b: sympy.Basic, pieces: int):
    lo, hi = _bound(a), _bound(b)
    if pieces == 1 or not (mpmath.isfinite(lo) and mpmath.isfinite(hi)):
        nodes = [lo, hi] if pieces == 1 else _unbounded_nodes(lo, hi)
    else:
        nodes = mpmath.linspace(lo, hi, pieces + 1)
    try:
        value, error = mpmath.quad(lambda t: _real_at(fn, t) or 0, nodes, error=True)
    except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
        return None, mpmath.inf
    return value, error


def _unbounded_nodes(lo, hi) -> list:
    if mpmath.isfinite(lo):
        return [lo, lo + 1, lo + 10, lo + 100, hi]
    if mpmath.isfinite(hi):
        return [lo, hi - 100, hi - 10, hi - 1, hi]
    return [lo, -100, -10, 0, 10, 100, hi]


def _check_divergence(fn: Callable, f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic,
                      b: sympy.Basic) -> Verdict:
    """Partial integrals towards each bad end (an infinity, or a point where f blows up):
    increments that do not shrink mean the integral diverges there."""
    ends = _bad_points(f, x, a, b)
    if not ends:
        return "false", "f is bounded on a finite interval, so the integral has a value"
    settled = 0
    with mpmath.workdps(DIGITS):
        for start, end in ends:
            grows = _partial_integrals_grow(fn, start, end)
            if grows:
                return "true", f"the partial integrals towards {end} do not settle"
            settled += grows is False
    if settled == len(ends):
        return "false", "the partial integrals settle towards every end"
    return "unchecked", "the partial integrals do not decide it"


def _bad_points(f: sympy.Basic, x: sympy.Symbol, a: sympy.Basic, b: sympy.Basic) -> list:
    """(start, end) pairs: each end where the integral is improper, with a start inside."""
    inside = []
    try:
        found = sympy.singularities(f, x, sympy.Interval(a, b))
        inside = sorted(p for p in found if p.is_real) if isinstance(found, sympy.FiniteSet) \
            else []
    except (NotImplementedError, TypeError, ValueError):
        inside = []
    marks = sorted({a, b, *inside}, key=lambda p: float(sympy.N(p)) if p.is_finite
                   else (-1e300 if p == -sympy.oo else 1e300))
    pairs = []
    for left, right in zip(marks, marks[1:], strict=False):
        middle = _middle(left, right)
        if left.is_infinite or left in inside:
            pairs.append((middle, left))
        if right.is_infinite or right in inside:
            pairs.append((middle, right))
    return pairs


def _middle(left: sympy.Basic, right: sympy.Basic) -> sympy.Basic:
    if left.is_infinite and right.is_infinite:
        return sympy.Integer(0)
    if left.is_infinite:
        return right - 1
    if right.is_infinite:
        return left + 1
    return (left + right) / 2


def _partial_integrals_grow(fn: Callable, start: sympy.Basic, end: sympy.Basic) -> bool | None:
    s = mpmath.mpf(sympy.N(start, DIGITS))
    if end.is_infinite:
        sign = 1 if end == sympy.oo else -1
        ts = [s + sign * mpmath.mpf(10) ** k for k in range(1, 6)]
    else:
        e = mpmath.mpf(sympy.N(end, DIGITS))
        ts = [e + (s - e) * mpmath.mpf(10) ** -k for k in range(1, 9)]
    try:
        pieces = [mpmath.quad(lambda t: _real_at(fn, t) or 0, [p, q])
                  for p, q in zip([s, *ts], ts, strict=False)]
    except (ValueError, ZeroDivisionError, ArithmeticError, TypeError):
        return None
    sizes = [abs(p) for p in pieces[1:]]
    if sizes[-1] > 0.3 * sizes[0] or abs(sum(pieces)) > 1e8:
        return True
    return False if sizes[-1] < 0.01 * sizes[0] else None
