"""Every step of every worked solution states a true claim, re-checked independently.

``verify_steps`` runs over every corpus the suite has (the benchmark corpora, the textbook
limits, the random derivatives, partials and integrals of the property tests) and over
the solutions the docs' examples make: no claim is false, and at most 2% of solutions
carry no claim at all. A hand-made false claim is caught, so the check can fail.
"""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from test_derivative_random import expressions as derivative_expressions
from test_docs import sessions
from test_integral_random import terms
from test_limit_textbook import SYMPY_WRONG, TEXTBOOK
from test_partial_random import XYZ
from test_partial_random import expressions as multivariate_expressions

from benchmarks.derivative_corpus import DERIVATIVES
from benchmarks.integral_corpus import INTEGRALS
from benchmarks.limit_corpus import LIMITS
from calcml.errors import CalcmlError
from calcml.steps.base import Solution
from calcml.steps.derivatives.rules import PowerRule
from calcml.steps.limits.rules import DNE, DirectSubstitution
from calcml.steps.verify import verify_steps
from calcml.symbolic.derivatives.derivative import derivative
from calcml.symbolic.integrals.integral import integral
from calcml.symbolic.limits.limit import limit
from calcml.symbolic.partials.partial import gradient, hessian, partial

x = sympy.Symbol("x", real=True)
RANDOM = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                        HealthCheck.filter_too_much])


def _assert_true(solution: Solution) -> bool:
    """No false claim; returns whether the solution states any claim at all."""
    report = verify_steps(solution, seconds=60)
    assert report.ok, str(report)
    return any(step.claim is not None for step in solution.step.walk())


def _assert_claims_on_most(solutions: list[Solution]) -> None:
    with_claims = [_assert_true(s) for s in solutions]
    assert sum(not c for c in with_claims) <= 0.02 * len(with_claims), with_claims


def test_the_derivative_corpus():
    _assert_claims_on_most([derivative(text) for text in DERIVATIVES])


def test_the_limit_corpus_and_the_textbook_limits():
    rows = [(t, p, d) for t, _, p, d in LIMITS]
    rows += [(t, p, d) for t, p, d, *_ in TEXTBOOK + SYMPY_WRONG]
    _assert_claims_on_most([limit(t, "x", p, d, timeout=60) for t, p, d in rows])


def test_the_integral_corpus():
    solved = []
    for text in INTEGRALS:
        try:
            solved.append(integral(text, timeout=30))
        except CalcmlError:
            continue  # no antiderivative found: a clear error, no steps to check
    assert len(solved) >= 45
    _assert_claims_on_most(solved)


@settings(RANDOM, max_examples=60)
@given(derivative_expressions)
def test_random_derivatives(f):
    assert _assert_true(derivative(f, x, timeout=None))


@settings(RANDOM, max_examples=30)
@given(multivariate_expressions)
def test_random_partials_gradients_and_hessians(f):
    var = sorted(f.free_symbols, key=str)[0]
    for sol in (partial(f, var, timeout=None), gradient(f, XYZ, timeout=None),
                hessian(f, XYZ, timeout=None)):
        assert _assert_true(sol)


@settings(RANDOM, max_examples=60)
@given(terms())
def test_random_integrals(f):
    assert _assert_true(integral(f, x, timeout=None))


ENGINES = {"calcml.symbolic.integrals.integral": "integral",
           "calcml.symbolic.derivatives.derivative": "derivative",
           "calcml.symbolic.limits.limit": "limit",
           "calcml.symbolic.partials.partial": "partial gradient hessian jacobian "
           "directional_derivative",
           "calcml.symbolic.partials.multivar_chain": "chain_rule"}
DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_solutions_of_the_docs_examples(monkeypatch, tmp_path):
    made: list[Solution] = []

    def recording(fn):
        def call(*args, **kwargs):
            result = fn(*args, **kwargs)
            made.append(result)
            return result
        return call

    for module_name, names in ENGINES.items():
        module = importlib.import_module(module_name)
        for name in names.split():
            monkeypatch.setattr(module, name, recording(getattr(module, name)))
    monkeypatch.chdir(tmp_path)
    for page in sorted(DOCS.glob("*.md")):
        test = doctest.DocTestParser().get_doctest(sessions(page), {}, page.name, str(page), 0)
        doctest.DocTestRunner(optionflags=doctest.ELLIPSIS).run(test, out=lambda _: None)
    assert len(made) >= 10
    _assert_claims_on_most(made)


def test_a_false_claim_is_reported():
    wrong = PowerRule(function=x**3, var=x, exponent=sympy.Integer(2))
    report = verify_steps(wrong)
    assert [v.step for v in report.false] == [wrong]
    assert "the left side is" in report.false[0].reason


def test_a_false_limit_claim_is_reported_and_a_true_dne_is_not():
    wrong = DirectSubstitution(sympy.Limit(sympy.sin(x) / x, x, 0), value=sympy.Integer(0))
    assert not verify_steps(wrong).ok
    oscillating = DirectSubstitution(sympy.Limit(sympy.sin(1 / x), x, 0), value=DNE)
    assert verify_steps(oscillating).ok
    settled = DirectSubstitution(sympy.Limit(x * sympy.sin(1 / x), x, 0), value=DNE)
    assert not verify_steps(settled).ok


@pytest.mark.parametrize(("lhs", "rhs", "status"), [
    (sympy.Integral(sympy.exp(-x), (x, 0, sympy.oo)), sympy.Integer(1), "true"),
    (sympy.Integral(sympy.exp(-x), (x, 0, sympy.oo)), sympy.Integer(2), "false"),
    (sympy.Integral(1 / x, (x, 1, sympy.oo)), sympy.oo, "true"),
    (sympy.Integral(1 / x**2, (x, 1, sympy.oo)), sympy.oo, "false"),
    (sympy.Integral(sympy.sin(x), (x, 0, sympy.oo)), DNE, "true"),
    (sympy.Integral(sympy.cos(x), x), sympy.sin(x) + 7, "true"),
    (sympy.Integral(sympy.cos(x), x), -sympy.sin(x), "false"),
    (sympy.Limit((1 + 1 / x) ** x, x, sympy.oo), sympy.E, "true"),
    (sympy.Limit(1 / x, x, 0, "+"), sympy.oo, "true"),
    (sympy.Limit(1 / x, x, 0, "+-"), DNE, "true"),
    (sympy.Limit(sympy.Abs(x) / x, x, 0, "+-"), sympy.Integer(1), "false"),
    (sympy.Derivative(x**2 * sympy.sin(x), x), 2 * x * sympy.sin(x), "false"),
])
def test_each_kind_of_claim_is_checked_by_its_own_method(lhs, rhs, status):
    from calcml.steps.verify import check_claim

    assert check_claim(lhs, rhs)[0] == status
