"""The tidy step chooses the same final forms as before it was made faster.

``tidy_forms.json`` was recorded (``python tests/test_tidy_forms.py``) with the tidy step
that tried every candidate on every expression: each expression the derivative, gradient
and Hessian engines tidied over the benchmark corpora (200 derivatives, first and second
order; 100 functions of several variables), with the form chosen, and the final answers of
the engines. The tests here rebuild those expressions and ask the present code again.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.core.cache import clear_cache
from tidy_trees import from_tree, to_tree

from calcml.symbolic.derivatives.check import _factor_out, one_fraction, tidy
from calcml.symbolic.derivatives.derivative import derivative
from calcml.symbolic.numeval import numeric_value
from calcml.symbolic.partials.partial import gradient, hessian

RECORD = Path(__file__).with_name("tidy_forms.json")
ENGINES = {"d": lambda f, xs: [derivative(f, xs[0]).result],
           "d2": lambda f, xs: [derivative(f, xs[0], order=2).result],
           "g": lambda f, xs: list(gradient(f, xs).result),
           "h": lambda f, xs: list(hessian(f, xs).result)}


def _recorded() -> dict:
    return json.loads(RECORD.read_text())


@pytest.mark.parametrize("part", range(4))
def test_tidy_chooses_the_recorded_form_of_every_corpus_expression(part):
    changed = []
    for tree, thorough, chosen in _recorded()["tidy"][part::4]:
        expr = from_tree(tree)
        if tidy(expr, thorough) != from_tree(chosen):
            changed.append(str(expr))
    assert changed == []


@pytest.mark.parametrize("kind", sorted(ENGINES))
def test_the_engines_give_the_recorded_final_forms_over_the_corpora(kind):
    changed = []
    for case in _recorded()["engines"][kind]:
        f, xs = from_tree(case["function"]), [from_tree(v) for v in case["vars"]]
        results = ENGINES[kind](f, xs)
        if results != [from_tree(r) for r in case["results"]]:
            changed.append(str(f))
    assert changed == []


x, y, z = sympy.symbols("x y z", real=True)
_leaves = st.sampled_from([x, y, z, x, sympy.Integer(2), sympy.Integer(-3), sympy.Integer(6),
                           sympy.Rational(1, 2), sympy.Rational(-2, 3)])
_rational = st.recursive(_leaves, lambda inner: st.one_of(
    st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
    st.tuples(inner, inner).map(lambda p: p[0] - p[1]),
    st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
    st.tuples(inner, inner).filter(lambda p: p[1] != 0).map(lambda p: p[0] / p[1]),
    st.tuples(inner, st.sampled_from([2, 3, -1, -2])).filter(lambda p: p[0] != 0)
    .map(lambda p: p[0] ** p[1])), max_leaves=10)


def _one_fraction_the_long_way(expr: sympy.Expr) -> sympy.Expr:
    """one_fraction as it was before the shortcut: over one denominator, then factored."""
    numerator, denominator = sympy.together(expr).as_numer_denom()
    return sympy.factor(_factor_out(sympy.expand_mul(numerator)) / denominator)


@settings(max_examples=150, deadline=None)
@given(_rational)
def test_a_quotient_of_polynomials_is_factored_as_the_long_way_would(expr):
    assert one_fraction(expr) == _one_fraction_the_long_way(expr)


def test_the_shortcut_is_not_taken_with_floats_or_roots_among_the_coefficients():
    # factor's form is not unique there: the long way gives 2*(sqrt(2)*y + 2)
    expr = sympy.sqrt(2) * (2 * y + 2 * sympy.sqrt(2))
    assert sympy.factor(expr) != _one_fraction_the_long_way(expr)
    assert one_fraction(expr) == _one_fraction_the_long_way(expr)


@pytest.mark.parametrize("number", [
    sympy.Rational(1, 3), sympy.Rational(-7, 2), sympy.Integer(10)**400,
    sympy.Rational(10**400, 3**700), sympy.Float("0.1", 30), sympy.pi, sympy.E, sympy.oo])
def test_numbers_are_evaluated_as_sympy_evaluates_them(number):
    assert numeric_value(number, {}) == complex(number)


def _record() -> None:
    """Write tidy_forms.json from the tidy step as it is now (run from the repository)."""
    sys.path.insert(0, str(RECORD.parent.parent))
    import calcml.symbolic.derivatives.derivative as single
    import calcml.symbolic.partials.common as several
    from benchmarks.derivative_corpus import DERIVATIVES
    from benchmarks.multivar_corpus import MULTIVAR
    from calcml import parse

    calls: dict[str, list] = {}

    def recording(expr: sympy.Expr, thorough: bool = False) -> sympy.Expr:
        chosen = tidy(expr, thorough)
        assert from_tree(to_tree(expr)) == expr
        calls[repr((to_tree(expr), thorough))] = [to_tree(expr), thorough, to_tree(chosen)]
        return chosen

    single.tidy = several.tidy = recording
    x = sympy.Symbol("x", real=True)
    cases = [(k, parse(t), [x]) for t in DERIVATIVES for k in ("d", "d2")]
    cases += [(k, f, sorted(f.free_symbols, key=lambda s: s.name))
              for f in map(parse, MULTIVAR) for k in ("g", "h")]
    engines: dict[str, list] = {k: [] for k in ENGINES}
    for kind, f, xs in cases:
        clear_cache()
        results = ENGINES[kind](f, xs)
        engines[kind].append({"function": to_tree(f), "vars": [to_tree(v) for v in xs],
                              "results": [to_tree(r) for r in results]})
    RECORD.write_text(json.dumps({"tidy": list(calls.values()), "engines": engines},
                                 separators=(",", ":")).replace("],[[", "],\n[[") + "\n")


if __name__ == "__main__":
    _record()
