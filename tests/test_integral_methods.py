"""The textbook methods written out: partial fractions with the coefficients found (cover-up,
equating coefficients), integration by parts with the assembled formula and the constant
taken out, the trigonometric substitution derived, the area of a known shape, and the limit
at an improper end named with its reason. Each result is checked against SymPy or SciPy and
every step's claim by verify_steps."""

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import oo

from calcml.steps.integrals import definite as d
from calcml.steps.integrals import methods as m
from calcml.steps.limits.rules import Oscillation
from calcml.symbolic.integrals.check import quad
from calcml.symbolic.integrals.fractions import split_with_unknowns
from calcml.symbolic.integrals.integral import integral

x = sympy.Symbol("x", real=True)
A, B, C, D = sympy.symbols("A B C D")


def solve(text: str, *bounds):
    solution = integral(text, "x", *bounds, timeout=None)
    report = solution.verify_steps(seconds=120)
    assert report.ok, str(report)
    return solution


def steps(solution, cls) -> list:
    return [s for s in solution.step.walk() if isinstance(s, cls)]


def differentiates_back(solution) -> bool:
    f = solution.problem.function
    difference = sympy.diff(solution.result, x) - f
    return all(abs(complex(difference.subs(x, p).evalf(30))) < 1e-12
               for p in (-0.7, -0.2, 0.35, 0.9))


def test_partial_fractions_shows_a_and_b_found_by_cover_up():
    solution = solve("1/(x*(x + 1))")
    (split,) = steps(solution, m.PartialFractions)
    assert split.ansatz == A / x + B / (x + 1)
    assert split.coefficients == {A: 1, B: -1}
    cover = steps(solution, m.CoverUp)
    assert [(c.unknown, c.factor, c.root, c.result) for c in cover] == [
        (A, x, 0, 1), (B, x + 1, -1, -1)]
    assert cover[0].claim == (sympy.Limit(1 / (x + 1), x, 0, "+-"), 1)
    assert sympy.simplify(split.ansatz.subs(split.coefficients) - sympy.apart(
        1 / (x * (x + 1)), x)) == 0
    assert differentiates_back(solution)


@pytest.mark.parametrize("text, ansatz, coefficients", [
    ("1/(x^2 + 3x + 2)", A / (x + 1) + B / (x + 2), {A: 1, B: -1}),
    ("x/(x^2 + 3x + 2)", A / (x + 1) + B / (x + 2), {A: -1, B: 2}),
    ("(x + 3)/(x^2 - 1)", A / (x - 1) + B / (x + 1), {A: 2, B: -1}),
])
def test_a_denominator_that_factors_is_split_into_partial_fractions_first(
        text, ansatz, coefficients):
    solution = solve(text)
    (split,) = steps(solution, m.PartialFractions)
    assert split.ansatz == ansatz
    assert split.coefficients == coefficients
    assert not steps(solution, m.CompleteSquare)  # SymPy's own search completes the square
    assert differentiates_back(solution)


def test_a_numerator_that_is_the_denominators_derivative_stays_a_substitution():
    solution = solve("(2x + 3)/(x^2 + 3x + 2)")
    assert not steps(solution, m.PartialFractions)
    assert differentiates_back(solution)


def test_a_repeated_and_a_quadratic_factor_are_found_by_equating_coefficients():
    f = (3 * x + 5) / ((x - 1) ** 2 * (x**2 + 1))
    solution = solve("(3x + 5)/((x - 1)^2 (x^2 + 1))")
    (split,) = steps(solution, m.PartialFractions)
    (equate,) = steps(solution, m.EquateCoefficients)
    assert split.ansatz == A / (x - 1) + B / (x - 1) ** 2 + (C * x + D) / (x**2 + 1)
    assert split.coefficients == {A: sympy.Rational(-5, 2), B: 4, C: sympy.Rational(5, 2),
                                  D: sympy.Rational(-3, 2)}
    assert len(equate.equations) == 4
    assert sympy.simplify(equate.result - sympy.apart(f, x)) == 0
    assert differentiates_back(solution)


def test_parts_takes_u_by_liate_and_writes_the_assembled_formula():
    solution = solve("x^2 sin(x)")
    first = steps(solution, m.IntegrationByParts)[0]
    assert (first.u, first.dv, first.du) == (x**2, sympy.sin(x), 2 * x)
    assert first.v_step.result == -sympy.cos(x)
    assert first.assembled.claim == (
        sympy.Integral(x**2 * sympy.sin(x), x),
        -x**2 * sympy.cos(x) + 2 * sympy.Integral(x * sympy.cos(x), x))
    second = first.second_step
    assert first.assembled.constant == -2  # written once, in the assembled line
    assert isinstance(second, m.IntegrationByParts) and second.u == x
    assert second.expression == sympy.Integral(x * sympy.cos(x), x)
    assert sympy.simplify(solution.result - sympy.integrate(x**2 * sympy.sin(x), x)) == 0


def test_the_trigonometric_substitution_is_derived_not_looked_up():
    theta = sympy.Symbol("theta")
    solution = solve("sqrt(1 - x^2)")
    (sub,) = steps(solution, m.TrigSubstitution)
    assert sub.x_in_theta == sympy.sin(theta) and sub.dx == sympy.cos(theta)
    assert sub.rewritten == sympy.cos(theta) ** 2
    (identity,) = steps(solution, m.RewriteIntegrand)
    assert identity.kind is m.IntegrandRewrite.DOUBLE_ANGLE
    assert identity.rewritten == (1 + sympy.cos(2 * theta)) / 2
    back = sub.back
    assert back.theta_in_x == sympy.asin(x)
    assert back.in_theta == theta / 2 + sympy.sin(2 * theta) / 4
    assert back.result == x * sympy.sqrt(1 - x**2) / 2 + sympy.asin(x) / 2
    assert differentiates_back(solution)


@pytest.mark.parametrize("low, high, shape, value", [
    (0, 1, "a quarter", sympy.pi / 4), (-1, 1, "half", sympy.pi / 2)])
def test_the_disc_integrals_name_their_shape(low, high, shape, value):
    solution = solve("sqrt(1 - x^2)", low, high)
    assert isinstance(solution.step, d.KnownShape)
    assert solution.step.shape == shape and solution.result == value
    (theorem,) = steps(solution, d.FundamentalTheorem)
    F = theorem.antiderivative_step.result
    assert (theorem.at_upper, theorem.at_lower) == (F.subs(x, high), F.subs(x, low))
    numeric, _, _ = quad(sympy.sqrt(1 - x**2), x, sympy.Integer(low), sympy.Integer(high))
    assert float(value) == pytest.approx(numeric, rel=1e-9)


def test_the_gaussian_names_the_limit_of_erf():
    solution = solve("e^(-x^2)", "-oo", "oo")
    assert solution.result == sympy.sqrt(sympy.pi)
    limits = steps(solution, d.LimitAtInfinity)
    t = limits[0].bound
    assert [(s.point, s.parts, s.part_limits, s.kinds) for s in limits] == [
        (-oo, (sympy.erf(t),), (-1,), ("erf",)), (oo, (sympy.erf(t),), (1,), ("erf",))]
    numeric, _, _ = quad(sympy.exp(-x**2), x, -oo, oo)
    assert float(solution.result) == pytest.approx(numeric, rel=1e-9)


def test_a_divergent_integral_shows_the_limit_that_blows_up():
    solution = solve("1/x", 1, "oo")
    assert solution.result == oo and solution.diverges
    (limit,) = steps(solution, d.LimitAtInfinity)
    assert limit.parts == (sympy.log(sympy.Abs(limit.bound)),)
    assert limit.part_limits == (oo,) and limit.kinds == ("log",)
    assert sympy.integrate(1 / x, (x, 1, oo)) == oo


def test_sine_on_a_half_line_oscillates_and_says_so():
    solution = solve("sin(x)", 0, "oo")
    assert solution.result == d.DIVERGES
    (improper,) = steps(solution, d.ImproperIntegral)
    assert isinstance(improper.limit_step, Oscillation)
    t = improper.bound
    assert improper.limit == sympy.Limit(1 - sympy.cos(t), t, oo, "-")
    assert "oscillation" in solution.divergence and "does not exist" in solution.divergence
    assert "oscillates" in solution.to_text()


def test_a_rejected_f_of_b_minus_f_of_a_is_never_the_answer():
    solution = solve("1/(2 - cos(x))", 0, "pi")
    assert solution.result == sympy.pi / sympy.sqrt(3) and solution.agreed


@pytest.mark.parametrize("text", ["1/(x^5 + 2)", "1/(x^7 + x + 1)"])
def test_a_root_sum_answer_ends_plainly(text):
    solution = integral(text, timeout=None)
    assert isinstance(solution.step, d.NoAntiderivative)
    assert solution.step.sympy_outcome is d.SympyOutcome.OVER_THE_ROOTS


def test_the_web_calculator_says_the_sine_integral_oscillates():
    from calcml.web.views import integrate_view

    (note,) = integrate_view({"expr": "sin(x)", "from": "0", "to": "oo"})["notes"]
    assert "oscillation" in note and "does not exist" in note and "finite" not in note


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=1, max_size=3),
       st.lists(st.integers(-5, 5), min_size=1, max_size=3).filter(any),
       st.booleans())
def test_the_found_coefficients_rebuild_the_fraction(roots, top, quadratic):
    """Random denominators (linear factors, repeated or not, and maybe x² + 1) over a random
    numerator: the split with its coefficients in place is the fraction, as SymPy's apart."""
    denominator = sympy.Mul(*(x - r for r in roots)) * (x**2 + 1 if quadratic else 1)
    f = sympy.Poly(top, x).as_expr() / denominator
    ansatz, found = split_with_unknowns(f, x, {"x"})
    if ansatz is None:
        assert sympy.cancel(f).is_polynomial(x)
        return
    values = {}
    for step in found:
        values.update(step.values)
    proper = sympy.apart(f, x) - sympy.div(*sympy.fraction(sympy.cancel(f)), x)[0]
    assert sympy.simplify(ansatz.xreplace(values) - proper) == 0
    distinct = all(roots.count(r) == 1 for r in roots) and not quadratic
    if distinct:
        assert all(isinstance(s, m.CoverUp) for s in found)
