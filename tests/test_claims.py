"""Each step's claim (lhs, rhs): the known false or invalid steps are fixed, asserted on the
claims (not the wording), and the JSON form carries every claim in SymPy's srepr."""

from __future__ import annotations

import sympy
from sympy import Integral, Limit, Rational, cos, pi, sin, sqrt

from calcml.steps.base import Check
from calcml.steps.common import Tidy
from calcml.steps.explain import explain
from calcml.steps.integrals.definite import FundamentalTheorem, NoAntiderivative, NumericValue
from calcml.steps.integrals.methods import (
    ConstantMultipleIntegralRule,
    TrigSubstitution,
    USubstitution,
)
from calcml.steps.limits.rules import (
    DNE,
    LHopitalRule,
    OneSidedLimits,
    Oscillation,
    PieceInForce,
    StandardLimit,
)
from calcml.steps.outline import numbered, outline
from calcml.symbolic.derivatives.derivative import derivative
from calcml.symbolic.integrals.check import quad_check
from calcml.symbolic.integrals.integral import _what_the_checks_support, integral
from calcml.symbolic.integrals.search import Budget, find_antiderivative
from calcml.symbolic.limits.limit import limit
from calcml.symbolic.limits.oscillation import N

x = sympy.Symbol("x", real=True)


def _steps(sol, cls) -> list:
    return [s for s in sol.step.walk() if isinstance(s, cls)]


def test_u_substitution_integrates_what_the_constant_factor_left():
    sol = integral("x/(x^2 + 1)")
    outer, = _steps(sol, ConstantMultipleIntegralRule)
    usub, = _steps(sol, USubstitution)
    assert outer.claim == (Integral(x / (x**2 + 1), x), sympy.log(x**2 + 1) / 2)
    assert (outer.constant, outer.other) == (Rational(1, 2), 2 * x / (x**2 + 1))
    assert usub.claim == (Integral(2 * x / (x**2 + 1), x), sympy.log(x**2 + 1))
    assert (usub.u_func, usub.du) == (x**2 + 1, 2 * x)
    assert sol.verify_steps().ok


def test_abs_x_over_x_is_split_into_the_one_sided_limits_of_its_pieces():
    sol = limit("abs(x)/x", "x", 0)
    assert sol.result is DNE and not _steps(sol, LHopitalRule)
    sides, = _steps(sol, OneSidedLimits)
    assert sides.left.claim[1] == -1 and sides.right.claim[1] == 1
    assert [str(s.claim[0].args[3]) for s in (sides.left, sides.right)] == ["-", "+"]
    assert all(isinstance(s, PieceInForce) for s in (sides.left, sides.right))
    assert sol.verify_steps().ok


def test_lhopital_never_concludes_that_a_limit_does_not_exist():
    for text in ("abs(x)/x", "sign(x)*x/x", "abs(x - 1)/(x - 1)"):
        point = 1 if "x - 1" in text else 0
        sol = limit(text, "x", point)
        assert sol.result is DNE
        assert all(s.result is not DNE for s in _steps(sol, LHopitalRule)), text


def test_an_oscillation_is_shown_by_two_sequences_not_by_two_sides():
    sol = limit("sin(1/x)", "x", 0)
    assert isinstance(sol.step, Oscillation) and not _steps(sol, OneSidedLimits)
    assert sol.step.claim == (Limit(sin(1 / x), x, 0, "+-"), DNE)
    first, second = sol.step.along
    assert (first.sequence, first.value) == (1 / (N * pi), 0)
    assert (second.sequence, second.value) == (1 / (2 * N * pi + pi / 2), 1)
    assert first.claim[0].args[1:3] == (N, sympy.oo)
    numeric = next(c for c in sol.checks if c.method == "numeric approach")
    assert "approach the answer" not in numeric.detail and "swinging" in numeric.detail
    assert sol.verify_steps().ok


def test_one_minus_cos_over_x_squared_is_derived_not_quoted():
    sol = limit("(1-cos(x))/x^2", "x", 0)
    assert sol.result == Rational(1, 2)
    assert _steps(sol, LHopitalRule)
    quoted = [s.known.args[0] for s in _steps(sol, StandardLimit)]
    u = sympy.Symbol("u", real=True)
    assert quoted == [sin(u) / u]
    assert all(s.claim[0].args[0] != (1 - cos(x)) / x**2 for s in _steps(sol, StandardLimit))


def test_a_substitution_instance_still_quotes_the_standard_limit():
    sol = limit("sin(3*x)/x", "x", 0)
    standard, = _steps(sol, StandardLimit)
    assert (standard.inner, standard.scale, standard.value) == (3 * x, 3, 3)


def test_sec_substitution_claims_its_antiderivative_only_where_it_reaches():
    sol = integral("sqrt(16x^2 - 9)/x")
    trig, = _steps(sol, TrigSubstitution)
    lhs, rhs = trig.claim
    assert isinstance(rhs, sympy.Piecewise) and rhs.args[0].cond == (x > 0)
    assert sol.verify_steps().ok


def test_a_jump_of_the_antiderivative_at_a_bound_is_taken_as_a_one_sided_limit():
    sol = integral("1/(2 - cos(x))", "x", lower=0, upper=pi)
    assert sol.result == sqrt(3) * pi / 3 and sol.agreed
    assert not sol.result.has(sympy.AccumBounds)
    theorem, = _steps(sol, FundamentalTheorem)
    assert theorem.claim == (Integral(1 / (2 - cos(x)), (x, 0, pi)), sqrt(3) * pi / 3)
    assert sol.verify_steps().ok


def test_a_value_its_own_check_rejects_is_never_the_answer():
    f = 1 / (2 - cos(x))
    anti = find_antiderivative(f, x, Budget(10.0))
    wrong = FundamentalTheorem(integrand=f, var=x, lower=sympy.S.Zero, upper=2 * pi,
                               antiderivative_step=anti, at_upper=sympy.S.Zero,
                               at_lower=sympy.S.Zero)
    checks = [Check("differentiate back", True), quad_check(f, x, 0, 2 * pi, wrong.result)]
    step, checks = _what_the_checks_support(f, x, sympy.S.Zero, 2 * pi, wrong, checks)
    assert isinstance(step, NumericValue)
    assert abs(float(step.result) - float(2 * sqrt(3) * pi / 3)) < 1e-9
    assert [c.agreed for c in checks] == [True, False, True]
    assert "the answer given is the numeric value" in checks[1].detail
    assert step.rejected == 0  # the value the numbers did not support, kept as mathematics
    assert explain(step).math["F"] == 0


def test_a_root_sum_antiderivative_does_not_crash_the_check():
    for text in ("1/(x^5 + 2)", "1/(x^7 + x + 1)"):
        assert isinstance(integral(text).step, NoAntiderivative)
        value = integral(text, "x", lower=0, upper=1).result
        assert value.is_Float


def test_the_split_points_are_written_as_numbers_not_a_set():
    text = integral("1/x^2", "x", lower=-1, upper=1).to_text()
    assert "Split the integral at x = 0 " in text and "{" not in text


def test_every_step_of_the_json_carries_its_claim_in_srepr():
    for sol in (integral("x*sin(x)"), limit("(x^2 - 1)/(x - 1)", "x", 1),
                integral("exp(-x)", "x", lower=0, upper="oo")):
        steps = [line.step for _, _, line in numbered(outline(sol.step, "full"))]
        rendered = sol.to_dict("full")["steps"]
        flat = []
        while rendered:
            node = rendered.pop(0)
            flat.append(node["claim"])
            rendered[:0] = node["substeps"]
        assert len(flat) == len(steps) == sum(1 for _ in sol.step.walk())
        for step, claim in zip(steps, flat, strict=True):
            if step.claim is None:
                assert claim is None
            else:
                lhs, rhs = (sympy.parse_expr(claim[k]) for k in ("lhs", "rhs"))
                assert (lhs, rhs) == step.claim


def test_a_tidy_step_claims_its_line_of_algebra():
    sol = derivative("x*exp(x) + exp(x)")
    tidy, = _steps(sol, Tidy)
    assert tidy.claim == (x * sympy.exp(x) + 2 * sympy.exp(x), (x + 2) * sympy.exp(x))
    assert sol.verify_steps().ok


def test_an_oscillating_improper_integral_is_said_to_diverge_by_oscillation():
    swinging = integral("sin(x)", "x", lower=0, upper="oo")
    assert swinging.diverges and "oscillation" in swinging.divergence
    assert "infinite" not in swinging.divergence
    assert "area is infinite" in integral("1/x", "x", lower=1, upper="oo").divergence
    assert integral("exp(-x)", "x", lower=0, upper="oo").divergence == ""
