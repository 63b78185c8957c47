"""Property tests: worked derivatives of random expressions equal ``sympy.diff``.

Random expressions up to depth 5 are built from every rule's shape (sums, products,
quotients, powers, exponentials, logarithms, every named function, x to the power of
x). The comparison with SymPy's answer is independent of calcml's own check: structural
equality, else SymPy's ``evalf`` at sample points.
"""

from __future__ import annotations

import cmath
import os
from collections.abc import Callable

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calcml.errors import TimeLimitError
from calcml.expr.functions import relu, sigmoid, softplus
from calcml.steps.common import SympyAnswer
from calcml.symbolic.derivatives.derivative import derivative, derivative_steps
from calcml.timelimit import run_limited

x = sympy.Symbol("x", real=True)
a = sympy.Symbol("a", real=True)

FUNCTIONS = (sympy.sin, sympy.cos, sympy.tan, sympy.cot, sympy.sec, sympy.csc, sympy.asin,
             sympy.acos, sympy.atan, sympy.acot, sympy.asec, sympy.acsc, sympy.sinh,
             sympy.cosh, sympy.tanh, sympy.coth, sympy.sech, sympy.asinh, sympy.atanh,
             sympy.exp, sympy.log, sympy.sqrt, sympy.Abs, sigmoid,
             softplus, relu, lambda u: sympy.log(u, 2))
EXPONENTS = tuple(map(sympy.S, (2, 3, -1, -2, sympy.Rational(1, 2), sympy.Rational(-1, 3),
                                sympy.Rational(5, 2), a)))
BASES = (sympy.Integer(2), sympy.Integer(10), sympy.E, sympy.Rational(1, 2))
SAMPLES = (0.37, 0.71, 1.23, -0.58, 2.9, -1.7)
BUILD_SECONDS = 2.0  # for SymPy's own work in building and checking an example

leaves = st.one_of(st.just(x), st.just(x), st.integers(-5, 5).map(sympy.Integer),
                   st.sampled_from([sympy.Rational(3, 2), sympy.pi, a]))


def _power(pair: tuple[sympy.Expr, sympy.Expr]) -> sympy.Expr:
    """base ** exponent, kept small: SymPy evaluates a number to a number power at once,
    so nested constant powers such as (5^5)^(5^5) would fill the memory; those become a
    sum, and a numeric exponent is capped at 5 in size."""
    base, exponent = pair
    if base.is_number and exponent.is_number:
        return base + exponent
    if exponent.is_Number and not exponent.is_finite:  # a sum that came out nan or oo
        exponent = sympy.Integer(2)
    elif exponent.is_Number and abs(exponent) > 5:
        exponent = sympy.sign(exponent) * 5
    return base ** exponent


def _built(make: Callable[[tuple], sympy.Expr]) -> Callable[[tuple], sympy.Expr | None]:
    """``make`` given 2 s: SymPy evaluates as it builds, and a rare random shape (the
    absolute value of a long sum) took minutes there, outside any calcml call; such a
    shape is dropped (None, filtered out) rather than hang the suite."""
    def build(parts: tuple) -> sympy.Expr | None:
        try:
            return run_limited(lambda: make(parts), BUILD_SECONDS, "building an example")
        except TimeLimitError:
            return None
    return build


def _extend(sub: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    """One more layer: a function, an operation, a power or x-in-base-and-exponent."""
    return st.one_of(
        st.tuples(st.sampled_from(FUNCTIONS), sub).map(_built(lambda p: p[0](p[1]))),
        st.tuples(sub, sub).map(_built(lambda p: p[0] + p[1])),
        st.tuples(sub, sub).map(_built(lambda p: p[0] - p[1])),
        st.tuples(sub, sub).map(_built(lambda p: p[0] * p[1])),
        st.tuples(sub, sub).map(_built(lambda p: p[0] / p[1])),
        st.tuples(sub, st.sampled_from(EXPONENTS)).map(_built(_power)),
        st.tuples(st.sampled_from(BASES), sub).map(_built(_power)),
        st.tuples(sub, sub).map(_built(_power)),
    ).filter(lambda e: e is not None)


def _depth(e: sympy.Basic) -> int:
    return 1 + max((_depth(arg) for arg in e.args), default=0)


def _usable(e: sympy.Expr) -> bool:
    return (_depth(e) <= 6 and sympy.count_ops(e) <= 30
            and not e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo))


expressions = st.recursive(leaves, _extend, max_leaves=10).filter(_usable)
ml_expressions = st.recursive(
    st.one_of(st.just(x), st.integers(-3, 3).map(sympy.Integer)),
    lambda sub: st.one_of(
        st.tuples(st.sampled_from((sigmoid, softplus, relu, sympy.tanh, sympy.Abs,
                                   sympy.exp)), sub).map(lambda p: p[0](p[1])),
        st.tuples(sub, sub).map(lambda p: p[0] * p[1] + p[1]),
        st.tuples(sub, st.integers(2, 3)).map(lambda p: p[0] ** p[1])),
    max_leaves=8).filter(lambda e: _depth(e) <= 6)

EXAMPLES = int(os.environ.get('CALCML_EXAMPLES', '700'))
RANDOM = settings(deadline=None, max_examples=EXAMPLES,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _value(expr: sympy.Expr, x0: float) -> complex | None:
    """expr at x0 to 40 digits; None where it is undefined, not finite, or where SymPy's
    evalf takes over 2 s (it recursed for minutes through one random Abs and log)."""
    point = {x: sympy.Float(x0, 40), a: sympy.Float(1.3, 40)}
    try:
        value = complex(run_limited(lambda: expr.xreplace(point).evalf(40), BUILD_SECONDS,
                                    "evaluating an example"))
    except (TypeError, ValueError, ZeroDivisionError, TimeLimitError):
        return None
    return value if cmath.isfinite(value) and abs(value) < 1e12 else None


def _real_throughout(f: sympy.Expr, x0: float) -> bool:
    """Whether every part of ``f`` is a finite real number at x0 (x0 is in f's domain)."""
    for part in sympy.preorder_traversal(f):
        if part.is_Atom or not part.has(x):
            continue
        value = _value(part, x0)
        if value is None or abs(value.imag) > 1e-9 * (1 + abs(value.real)):
            return False
    return True


def _assert_same(f: sympy.Expr, mine: sympy.Expr, expected: sympy.Expr) -> None:
    """Equal as expressions, or in value wherever f is real (SymPy's evalf decides)."""
    if mine == expected:
        return
    compared = 0
    for x0 in SAMPLES:
        if not _real_throughout(f, x0):
            continue
        u, v = _value(mine, x0), _value(expected, x0)
        if u is None or v is None:
            continue
        compared += 1
        assert cmath.isclose(u, v, rel_tol=1e-8, abs_tol=1e-10), (x0, mine, expected)
    assume(compared > 0)


def _negative_base_power(e: sympy.Expr) -> bool:
    """c^g(x) with a constant c <= 0: no real function, so left to SymPy on purpose."""
    return isinstance(e, sympy.Pow) and e.base.is_positive is False and e.exp.has(x)


@RANDOM
@given(expressions)
def test_steps_equal_sympy_diff(f):
    step = derivative_steps(f, x)
    _assert_same(f, step.result, sympy.diff(f, x))
    unmatched = [s.problem.expr for s in step.walk() if isinstance(s, SympyAnswer)]
    assert all(_negative_base_power(e) for e in unmatched), unmatched


@RANDOM
@given(expressions)
def test_solution_is_checked_and_agrees(f):
    sol = derivative(f, x, timeout=None)
    assert sol.agreed, sol.checks
    _assert_same(f, sol.result, sympy.diff(f, x))


@settings(RANDOM, max_examples=EXAMPLES * 6 // 7)
@given(ml_expressions, st.integers(1, 2))
def test_ml_compositions_and_second_derivatives(f, order):
    sol = derivative(f, x, order=order, timeout=None)
    assert sol.agreed, sol.checks
    _assert_same(f, sol.result, sympy.diff(f, x, order))
