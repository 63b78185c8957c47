"""The integral, exhaustion and finite-difference figures draw the engines' results: each
result carries what its figure shows (the function, the nodes, the estimates, the errors,
the exact value where known), the values are checked against SciPy, SymPy and sums a
person can do by hand, and a figure draws them without computing anything: it still draws
with the parser, SymPy's integrate and lambdify and the quadrature engine made to fail."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy
from matplotlib.patches import Polygon, Rectangle
from scipy import integrate as scipy_integrate

import calcml.expr.parser
import calcml.numeric.adaptive
import calcml.numeric.quad_tables
import calcml.numeric.quadrature
from calcml.course.integral_areas import figure_result
from calcml.errors import InputError
from calcml.numeric import (
    FINE_STEPS,
    AreaBracket,
    ConvergenceStudy,
    Quadrature,
    SignedArea,
    area_by_rectangles,
    convergence_study,
    derivative_error_table,
    integrate,
    signed_area,
    with_exact,
)
from calcml.plot import (
    plot_area,
    plot_convergence,
    plot_derivative_error,
    plot_rectangles,
    plot_rule,
)
from calcml.plot.integrals import plot_integral
from calcml.symbolic.integrals.integral import integral


def test_the_signed_area_splits_like_scipy():
    area = signed_area("x^3 - x", -1, 2)
    above = scipy_integrate.quad(lambda t: max(t ** 3 - t, 0), -1, 2, points=[0, 1])[0]
    below = scipy_integrate.quad(lambda t: min(t ** 3 - t, 0), -1, 2, points=[0, 1])[0]
    assert (area.above, area.below) == (pytest.approx(above, abs=1e-12),
                                        pytest.approx(below, abs=1e-12))
    assert (area.above, area.below, area.net, area.total) == pytest.approx((2.5, -0.25,
                                                                            2.25, 2.75))
    v = area.function.var
    assert area.function.expr - (v ** 3 - v) == 0


@pytest.mark.parametrize(("method", "points", "heights"), [
    ("left", [0, 0.5, 1, 1.5], [0, 0.25, 1, 2.25]),
    ("right", [0.5, 1, 1.5, 2], [0.25, 1, 2.25, 4]),
    ("midpoint", [0.25, 0.75, 1.25, 1.75], [0.0625, 0.5625, 1.5625, 3.0625]),
    ("trapezoid", [0, 0.5, 1, 1.5, 2], [0, 0.25, 1, 2.25, 4]),
])
def test_a_rule_carries_its_nodes_and_the_figure_draws_them(method, points, heights):
    """x^2 on [0, 2] with 4 strips of width 1/2: nodes and heights by hand."""
    q = with_exact(integrate("x^2", 0, 2, method, 4))
    edges, xs, ys = q.samples()
    assert edges.tolist() == [0, 0.5, 1, 1.5, 2]
    assert (xs.tolist(), ys.tolist()) == (points, heights)
    assert (q.exact, q.exact_text) == (pytest.approx(8 / 3), "8/3")
    assert q.true_error == pytest.approx(abs(q.estimate - 8 / 3))
    ax = plot_rule(q).axes[0]
    marks = next(line for line in ax.get_lines() if line.get_label() == "where f is sampled")
    assert marks.get_xdata().tolist() == points and marks.get_ydata().tolist() == heights
    kind = Polygon if method == "trapezoid" else Rectangle
    assert len([p for p in ax.patches if type(p) is kind]) == 4
    assert f"error {abs(q.estimate - 8 / 3):.3g}" in ax.get_title()


def test_a_rule_without_an_exact_value_shows_its_error_estimate():
    q = integrate(np.exp, 0, 1, "simpson", 4)
    assert q.exact is None and q.true_error is None
    title = plot_rule(q).axes[0].get_title()
    assert f"error estimate {q.error:.3g} (no exact value known)" in title
    given = with_exact(q, math.e - 1)
    assert given.true_error == pytest.approx(abs(q.estimate - (math.e - 1)))


def test_the_worked_integral_gives_the_rule_its_exact_value():
    solution = integral("sin(x)", "x", 0, "pi/3")
    q = figure_result(solution, integrate("sin(x)", 0, "pi/3", "simpson", 4))
    assert isinstance(q, Quadrature) and (q.exact, q.exact_text) == (0.5, "1/2")
    area = figure_result(solution, integrate("sin(x)", 0, "pi/3", "romberg", 4))
    assert isinstance(area, SignedArea) and area.b == pytest.approx(math.pi / 3)
    assert area.net == pytest.approx(0.5, abs=1e-12)


@pytest.mark.parametrize(("args", "message"), [
    (("x^2", "x"), "give both bounds"),
    (("1/x", "x", 0, 1), "the area is infinite"),
    (("sin(x)", "x", 0, "oo"), "diverges by oscillation"),
    (("exp(-x)", "x", 0, "oo"), "a bound is infinite"),
])
def test_an_integral_without_a_finite_area_has_no_figure(args, message):
    with pytest.raises(InputError, match=message):
        figure_result(integral(*args))


def test_the_convergence_study_measures_every_rule_against_one_exact_value():
    study = convergence_study("exp(x)", 0, 1, methods=("trapezoid", "simpson", "romberg"),
                              ns=(2, 3, 4, 8))
    assert study.exact == pytest.approx(math.e - 1, abs=1e-15) and "SymPy" in study.source
    assert {m: t.ns for m, t in study.tables.items()} == {
        "trapezoid": (2, 3, 4, 8), "simpson": (2, 4, 8), "romberg": (2, 4, 8)}
    by_hand = [abs(np.trapezoid(np.exp(x), x) - (math.e - 1))
               for x in (np.linspace(0, 1, n + 1) for n in (2, 3, 4, 8))]
    assert study.tables["trapezoid"].errors == pytest.approx(by_hand, rel=1e-9)
    ax = plot_convergence(study).axes[0]
    for line, table in zip(ax.get_lines(), study.tables.values(), strict=False):
        assert line.get_ydata().tolist() == pytest.approx(list(table.errors))


def test_the_rectangles_are_the_brackets_strips():
    bracket = area_by_rectangles("x^2", 0, 1, strips=(2, 4))
    assert isinstance(bracket, AreaBracket) and bracket.counts == (2, 4)
    edges, low, high = bracket.strips[1]
    assert (low.tolist(), high.tolist()) == ([0, 1 / 16, 1 / 4, 9 / 16], [1 / 16, 1 / 4,
                                                                          9 / 16, 1])
    assert (bracket.lower[1], bracket.upper[1]) == (0.21875, 0.46875)
    ax = plot_rectangles(bracket, strips=(4,)).axes[0]
    rects = [p.get_height() for p in ax.patches if isinstance(p, Rectangle)]
    assert rects[0::2] == high.tolist() and rects[1::2] == low.tolist()
    with pytest.raises(InputError, match="some of the bracket's counts"):
        plot_rectangles(bracket, strips=(8,))


def test_the_derivative_error_figure_draws_the_tables_errors():
    table = derivative_error_table("sin(x)", "pi/3", steps=FINE_STEPS,
                                   methods=("forward", "central"))
    assert table.at == pytest.approx(math.pi / 3) and table.exact == pytest.approx(0.5)
    assert table.methods == ("forward", "central")
    h = FINE_STEPS[0]
    forward = (math.sin(math.pi / 3 + h) - math.sin(math.pi / 3)) / h
    assert table.errors["forward"][0] == pytest.approx(abs(forward - 0.5), rel=1e-9)
    ax = plot_derivative_error(table).axes[0]
    assert "at x = 1.0472" in ax.get_title()
    drawn = {line.get_label(): line.get_ydata() for line in ax.get_lines()}
    assert drawn["forward difference"].tolist() == pytest.approx(
        np.maximum(table.errors["forward"], 1e-17).tolist())


@pytest.mark.parametrize(("figure", "builder"), [
    (plot_area, "calcml.numeric.signed_area"),
    (plot_rule, "calcml.numeric.integrate"),
    (plot_integral, "calcml.numeric.signed_area"),
    (plot_convergence, "calcml.numeric.convergence_study"),
    (plot_rectangles, "calcml.numeric.area_by_rectangles"),
    (plot_derivative_error, "calcml.numeric.derivative_error_table"),
])
def test_a_figure_refuses_text_and_names_the_result_it_draws(figure, builder):
    with pytest.raises(InputError, match=f"engine's result, not str: build it with {builder}"):
        figure("x^2")


def _fails(*_args, **_kwargs):
    raise AssertionError("a figure computed mathematics of its own")


def test_figures_draw_with_the_parser_sympy_and_quadrature_switched_off(monkeypatch):
    results = [signed_area("x^3 - x", -1, 2),
               with_exact(integrate("sin(x)", 0, "pi", "simpson", 4)),
               convergence_study("x^3", 0, 1, methods=("left", "gauss-legendre"), ns=(2, 4)),
               area_by_rectangles("x^2", 0, 1, strips=(4,)),
               derivative_error_table("sin(x)", 1, methods=("central",))]
    for module, name in [(calcml.expr.parser, "parse"), (calcml.expr.parser, "parse_typed"),
                         (sympy, "integrate"), (sympy, "lambdify"), (sympy, "sympify"),
                         (calcml.numeric.quadrature, "integrate"),
                         (calcml.numeric.quadrature, "fixed_rule"),
                         (calcml.numeric.adaptive, "adaptive"),
                         (calcml.numeric.quad_tables, "exact_integral"),
                         (scipy_integrate, "quad")]:
        monkeypatch.setattr(module, name, _fails)
    figures = [plot_area(results[0]), plot_rule(results[1]), plot_integral(results[1]),
               plot_convergence(results[2]), plot_rectangles(results[3]),
               plot_derivative_error(results[4])]
    assert all(fig.axes[0].get_title() for fig in figures)
    assert isinstance(results[2], ConvergenceStudy)
