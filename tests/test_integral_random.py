"""Random elementary integrands: every antiderivative calcml finds differentiates back to
the integrand (checked here independently, with SymPy's evalf at 20 digits)."""

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from calcml.symbolic.integrals.integral import integral

x = sympy.Symbol("x", real=True)
POINTS = (0.37, -0.45, 1.9, -2.6)

coefficients = st.integers(-5, 5).filter(bool).map(sympy.Integer)
rates = st.sampled_from([sympy.Integer(k) for k in (-3, -2, -1, 1, 2, 3)]
                        + [sympy.Rational(1, 2), sympy.Rational(-1, 3)])
shifts = st.integers(-4, 4).map(sympy.Integer)


@st.composite
def terms(draw) -> sympy.Expr:
    """One term of a textbook integrand: c x^n, c exp(a x), c sin(a x), c cos(a x),
    c/(x + a), c x exp(a x), or a polynomial times sin or cos."""
    c, a = draw(coefficients), draw(rates)
    kind = draw(st.integers(0, 7))
    if kind == 0:
        return c * x ** draw(st.integers(-4, 6))
    if kind == 1:
        return c * sympy.exp(a * x)
    if kind == 2:
        return c * sympy.sin(a * x)
    if kind == 3:
        return c * sympy.cos(a * x)
    if kind == 4:
        return c / (x + draw(shifts))
    if kind == 5:
        return c * x * sympy.exp(a * x)
    trig = sympy.sin if kind == 6 else sympy.cos
    return c * x ** draw(st.integers(1, 2)) * trig(a * x)


def differentiates_back(F: sympy.Expr, f: sympy.Expr) -> bool:
    derivative, used = sympy.diff(F, x), 0
    for point in POINTS:
        expected = complex(f.subs(x, point).evalf(20))
        if expected != expected or abs(expected) > 1e12:
            continue
        got = complex(derivative.subs(x, point).evalf(20))
        assert abs(got - expected) <= 1e-9 * (1 + abs(expected)), (F, f, point)
        used += 1
    return used >= 2


@settings(max_examples=250, deadline=None)
@given(terms())
def test_a_single_term_differentiates_back(f):
    solution = integral(f, x, timeout=None)
    assert solution.agreed, solution.checks
    assert not solution.result.has(sympy.I, sympy.Integral)
    assert differentiates_back(solution.result, f)


@settings(max_examples=50, deadline=None)
@given(st.lists(terms(), min_size=2, max_size=3))
def test_a_sum_of_terms_differentiates_back(parts):
    f = sympy.Add(*parts)
    if f.is_number:
        return
    solution = integral(f, x, timeout=None)
    assert solution.agreed, solution.checks
    assert differentiates_back(solution.result, f)
