"""Property tests: partials, gradients and Hessians of random expressions in x, y, z equal
``sympy.diff``'s, entry by entry (1,000 examples in all).

The comparison is independent of calcml's own checks: structural equality, else SymPy's
``evalf`` at sample points where every part of the function is real.
"""

from __future__ import annotations

import cmath

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from calcml.symbolic.partials.partial import gradient, hessian, partial

x, y, z = sympy.symbols("x y z", real=True)
XYZ = (x, y, z)
FUNCTIONS = (sympy.sin, sympy.cos, sympy.exp, sympy.log, sympy.sqrt, sympy.tanh, sympy.atan)
EXPONENTS = tuple(map(sympy.S, (2, 3, -1, sympy.Rational(1, 2))))
SAMPLES = ((0.37, 0.71, 1.23), (1.9, 0.45, 0.83), (0.61, 2.3, 0.29), (-0.58, 1.4, -0.9))

leaves = st.one_of(st.sampled_from(XYZ), st.integers(-4, 4).map(sympy.Integer),
                   st.just(sympy.Rational(3, 2)))


def _extend(sub: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(st.sampled_from(FUNCTIONS), sub).map(lambda p: p[0](p[1])),
        st.tuples(sub, sub).map(lambda p: p[0] + p[1]),
        st.tuples(sub, sub).map(lambda p: p[0] - p[1]),
        st.tuples(sub, sub).map(lambda p: p[0] * p[1]),
        st.tuples(sub, sub).map(lambda p: p[0] / p[1]),
        st.tuples(sub, st.sampled_from(EXPONENTS)).map(lambda p: p[0] ** p[1]),
    )


def _usable(e: sympy.Expr) -> bool:
    return (len(e.free_symbols) >= 1 and sympy.count_ops(e) <= 14
            and not e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo))


expressions = st.recursive(leaves, _extend, max_leaves=6).filter(_usable)
RANDOM = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                       HealthCheck.filter_too_much])


def _value(expr: sympy.Expr, point: dict) -> complex | None:
    try:
        value = complex(expr.xreplace(point).evalf(30))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return value if cmath.isfinite(value) and abs(value) < 1e10 else None


def _real_throughout(f: sympy.Expr, point: dict) -> bool:
    for part in sympy.preorder_traversal(f):
        if part.is_Atom:
            continue
        value = _value(part, point)
        if value is None or abs(value.imag) > 1e-9 * (1 + abs(value.real)):
            return False
    return True


def _assert_same(f: sympy.Expr, mine: sympy.Matrix, expected: sympy.Matrix) -> None:
    """Equal entry by entry, as expressions or in value wherever f is real."""
    assert mine.shape == expected.shape
    if mine == expected:
        return
    compared = 0
    for numbers in SAMPLES:
        point = {s: sympy.Float(v, 30) for s, v in zip(XYZ, numbers, strict=True)}
        if not _real_throughout(f, point):
            continue
        values = [(_value(a, point), _value(b, point))
                  for a, b in zip(mine, expected, strict=True)]
        if any(u is None or v is None for u, v in values):
            continue
        compared += 1
        for u, v in values:
            assert cmath.isclose(u, v, rel_tol=1e-8, abs_tol=1e-9), (f, mine, expected)
    assume(compared > 0)


@settings(RANDOM, max_examples=400)
@given(expressions, st.data())
def test_partial_equals_sympy_diff(f, data):
    var = data.draw(st.sampled_from(sorted(f.free_symbols, key=str)))
    sol = partial(f, var, timeout=None)
    assert sol.agreed, sol.checks
    _assert_same(f, sympy.Matrix([sol.result]), sympy.Matrix([sympy.diff(f, var)]))


@settings(RANDOM, max_examples=300)
@given(expressions)
def test_gradient_equals_sympy_diff_in_every_entry(f):
    sol = gradient(f, XYZ, timeout=None)
    assert sol.agreed, sol.checks
    assert sol.result.shape == (3, 1)
    _assert_same(f, sol.result, sympy.Matrix([sympy.diff(f, v) for v in XYZ]))


@settings(RANDOM, max_examples=300)
@given(expressions)
def test_hessian_equals_sympy_hessian_and_is_symmetric(f):
    variables = sorted(f.free_symbols, key=str)
    sol = hessian(f, variables, timeout=None)
    assert sol.agreed, sol.checks
    expected = sympy.hessian(f, variables)
    _assert_same(f, sol.result, expected)
    _assert_same(f, sol.result.T, expected)
