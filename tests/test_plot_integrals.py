"""Figures of integrals: signed area, the shapes of each rule, convergence on log-log axes."""

import math

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.patches import Polygon, Rectangle

from calcml.errors import InputError
from calcml.numeric import convergence_study, integrate, signed_area, with_exact
from calcml.plot.integrals import (
    AREA_COLORS,
    METHOD_COLORS,
    plot_area,
    plot_convergence,
    plot_rule,
)


def _legend(fig):
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_area_of_the_cubic_splits_into_positive_and_negative_parts():
    fig = plot_area(signed_area("x^3 - x", -1, 2))
    title = fig.axes[0].get_title()
    assert "net signed area 2.25" in title and "total area (integral of |f|) 2.75" in title
    assert _legend(fig)[1:] == ["area above the axis: +2.5", "area below the axis: -0.25"]
    fills = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    assert {to_hex(c.get_facecolor()[0]) for c in fills} == {
        to_hex(AREA_COLORS["positive"]), to_hex(AREA_COLORS["negative"])}


def test_area_of_a_full_sine_wave_cancels(tmp_path):
    fig = plot_area(signed_area(np.sin, 0, 2 * math.pi), path=tmp_path / "sine.png")
    assert (tmp_path / "sine.png").stat().st_size > 10_000
    title = fig.axes[0].get_title()
    assert "net signed area 0\n" in title and "total area (integral of |f|) 4" in title


@pytest.mark.parametrize(("method", "n", "shapes"), [
    ("left", 6, 6), ("right", 5, 5), ("midpoint", 4, 4), ("trapezoid", 6, 6)])
def test_rule_draws_one_shape_per_strip(method, n, shapes):
    q = integrate(lambda t: np.exp(t / 2) + np.sin(3 * t), 0, 3, method, n)
    fig = plot_rule(with_exact(q, "2 e^(3/2) - 5/3 - cos(9)/3"))
    ax = fig.axes[0]
    kind = Polygon if method == "trapezoid" else Rectangle
    drawn = [p for p in ax.patches if type(p) is kind]
    assert len(drawn) == shapes
    estimate = integrate(lambda t: np.exp(t / 2) + np.sin(3 * t), 0, 3, method, n).estimate
    assert f"estimate {estimate:.10g}" in ax.get_title()
    assert "= 7.600421561, error" in ax.get_title()
    assert to_hex(drawn[0].get_facecolor()) == to_hex(METHOD_COLORS[method])


def test_simpson_draws_one_parabola_per_pair_of_strips():
    fig = plot_rule(with_exact(integrate("x^2", 0, 2, "simpson", 4)))
    ax = fig.axes[0]
    assert _legend(fig)[0] == "2 parabolas, one per pair of strips"
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 2
    # On a parabola the dashed arcs lie on the curve itself.
    xs, ys = dashed[1].get_data()
    assert np.allclose(ys, xs ** 2)
    assert "exact 8/3 = 2.666666667, error 0" in ax.get_title()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: plot_rule(integrate("x", 0, 1, "romberg", 4)), "draws left"),
    (lambda: plot_rule(integrate("x", 1, 0, "left", 4)), "finite interval with a < b"),
    (lambda: plot_rule("x"), "build it with calcml.numeric.integrate"),
    (lambda: plot_area("exp(-x)"), "build it with calcml.numeric.signed_area"),
    (lambda: plot_convergence("x"), "build it with calcml.numeric.convergence_study"),
    (lambda: signed_area("exp(-x)", 0, "oo"), "finite interval"),
    (lambda: signed_area("x", 1, 0), "a < b"),
    (lambda: convergence_study("x", 0, 1, methods=("adaptive",)), "methods must be"),
    (lambda: convergence_study("x", 0, 1, methods=()), "methods must be"),
])
def test_bad_figure_requests(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_convergence_plot_has_one_line_per_rule_and_reference_slopes():
    methods = ("left", "trapezoid", "simpson", "gauss-legendre")
    fig = plot_convergence(convergence_study(np.exp, 0, 1, methods=methods, exact=math.e - 1,
                                             ns=(2, 4, 8, 16, 32)))
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    labels = _legend(fig)
    assert labels[:4] == ["left Riemann sum", "trapezoid rule", "Simpson's rule",
                          "Gauss-Legendre"]
    assert [t for t in labels if t.startswith("slope")] == [
        "slope -1: error ~ $n^{-1}$", "slope -2: error ~ $n^{-2}$", "slope -4: error ~ $n^{-4}$"]
    trapezoid = ax.get_lines()[1].get_ydata()
    assert trapezoid[-2] / trapezoid[-1] == pytest.approx(4, rel=0.01)
    assert min(ax.get_lines()[3].get_ydata()) <= 1e-14
