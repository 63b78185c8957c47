"""Figures of lessons 1-4: they build, carry the expected artists, and save as PNG."""

import math

import pytest
import sympy
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Polygon, Rectangle

from calcml import limit, tangent
from calcml.errors import InputError
from calcml.numeric import FINE_STEPS, archimedes_pi, area_by_rectangles, derivative_error_table
from calcml.numeric.delta import delta_table
from calcml.plot.delta import plot_secants, plot_zoom
from calcml.plot.exhaustion import plot_polygons, plot_rectangles
from calcml.plot.finite_diff import plot_derivative_error
from calcml.plot.limits import plot_limit
from calcml.plot.style import color, new_axes, new_panels, save

x = sympy.Symbol("x", real=True)
F = x**2 + 2 * x + 2


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def labelled(ax):
    return ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_secants_show_the_course_slopes(tmp_path):
    fig = plot_secants(tangent(F, 2, var=x), deltas=(3, 0.1))
    ax = fig.axes[0]
    texts = legend_texts(ax)
    assert "Q = (5, 37): slope 9" in texts and "Q = (2.1, 10.61): slope 6.1" in texts
    assert texts[-1] == "tangent at P: slope 6"
    assert len(ax.get_lines()) == 1 + 2 * 2 + 1 + 1  # curve, 2 secants + Qs, tangent, P
    assert labelled(ax)
    fig.savefig(tmp_path / "s.png")
    assert (tmp_path / "s.png").stat().st_size > 10_000


def test_secants_on_a_given_axes_and_path(tmp_path):
    fig, ax = new_axes()
    out = plot_secants(tangent(lambda t: t**2 + 2 * t + 2, -1), deltas=(1,), ax=ax,
                       path=tmp_path / "p.png")
    assert out is fig and (tmp_path / "p.png").exists()
    assert legend_texts(ax)[-1] == "tangent at P: slope 0"


def test_zoom_panels_close_in_on_the_tangent():
    fig = plot_zoom(tangent("x^2 + 2x + 2", 2))
    gaps = [float(ax.get_title().split("≤ ")[1]) for ax in fig.axes]
    assert len(gaps) == 4 and gaps == sorted(gaps, reverse=True)
    assert gaps[0] == pytest.approx(16) and gaps[-1] == pytest.approx(0.0625**2, rel=0.01)
    assert "slope 6" in fig.get_suptitle()


def test_limit_hole_is_an_open_circle():
    fig = plot_limit(limit("(x^2 - 1)/(x - 1)", "x", 1))
    ax = fig.axes[0]
    hole = [ln for ln in ax.get_lines() if ln.get_label().startswith("hole")]
    assert len(hole) == 1 and hole[0].get_markerfacecolor() == "white"
    assert tuple(hole[0].get_xydata()[0]) == (1.0, 2.0)
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(points) == 2
    left, right = (p.get_offsets()[:, 0] for p in points)
    assert (left < 1).all() and (right > 1).all()
    assert "= 2" in ax.get_title() and labelled(ax)


def test_limit_asymptote_is_dashed_and_one_sided_limits_differ():
    fig = plot_limit(limit("25/x", "x", 0))
    ax = fig.axes[0]
    assert any(ln.get_linestyle() == "--" and ln.get_label().startswith("x = 0")
               for ln in ax.get_lines())
    assert "No limit" in ax.get_title()


def test_limit_jump_shows_both_one_sided_values():
    ax = plot_limit(limit("sign(x)", "x", 0)).axes[0]
    labels = legend_texts(ax)
    assert "left limit -1" in labels and "right limit 1" in labels
    assert "f(0) = 0" in labels  # sign(0) = 0 is defined, a filled point


def test_limit_at_infinity_has_a_horizontal_asymptote():
    ax = plot_limit(limit("25/x", "x", "oo")).axes[0]
    assert "horizontal asymptote y = 0" in legend_texts(ax)
    assert r"\infty" in ax.get_title()
    ax = plot_limit(limit("25/x", "x", float("-inf"))).axes[0]
    assert r"-\infty} f(x) = 0" in ax.get_title()
    assert (ax.collections[0].get_offsets()[:, 0] < 0).all()


def test_one_sided_domain_uses_only_the_defined_side():
    ax = plot_limit(limit("log(x)", "x", 0)).axes[0]
    assert "{0}^+" in ax.get_title() and "undefined to the left" in ax.get_title()
    assert not any(t.startswith("from the left") for t in legend_texts(ax))


def test_a_kink_draws_its_secants_from_both_sides_and_no_tangent():
    """relu at 0 (calcml tangent relu(x) --at 0 used to print a line and fail on the
    figure): the delta table's secants from both sides, slopes 0 and 1, no tangent."""
    ax = plot_secants(delta_table("relu(x)", 0, deltas=(1, -1, 0.5, -0.5))).axes[0]
    texts = legend_texts(ax)
    assert [t.split("slope ")[1] for t in texts if t.startswith("Q")] == ["1", "0", "1", "0"]
    assert not any(t.startswith("tangent") for t in texts)
    assert "no derivative at P" in ax.get_title()


def test_a_symbolic_point_is_drawn_at_its_value():
    t = tangent("sin(x)", "pi/3", timeout=60)
    ax = plot_secants(t, deltas=(1,)).axes[0]
    assert legend_texts(ax)[-1] == "tangent at P: slope 0.5"
    p = [ln for ln in ax.get_lines() if ln.get_marker() == "o"][-1].get_xydata()[0]
    assert p == pytest.approx((math.pi / 3, math.sqrt(3) / 2))
    ax = plot_limit(limit("sin(x)/x", "x", "pi/3", timeout=60)).axes[0]
    assert r"\frac{\pi}{3}" in ax.get_title() and "0.827" in ax.get_title()


def test_limits_that_do_not_exist_or_are_infinite_are_drawn():
    """abs(x)/x at 0 (the CLI printed DNE and failed on the figure): a jump from -1 to 1;
    1/x^2 at 0: +oo from both sides, a vertical asymptote."""
    ax = plot_limit(limit("abs(x)/x", "x", 0)).axes[0]
    assert "-1 from the left, 1 from the right" in ax.get_title()
    ax = plot_limit(limit("1/x^2", "x", 0)).axes[0]
    assert r"+\infty" in ax.get_title() and "x = 0: vertical asymptote" in legend_texts(ax)
    ax = plot_limit(limit("1/x", "x", 0, "+")).axes[0]
    assert "0}^+} f(x) = +" in ax.get_title() and "undefined" not in ax.get_title()


def test_continuous_point_is_filled():
    labels = legend_texts(plot_limit(limit(sympy.sin(x), x, 0.5)).axes[0])
    assert any("continuous" in t for t in labels)


def test_error_plot_is_log_log_with_best_steps():
    fig = plot_derivative_error(derivative_error_table(sympy.sin(x), 1, steps=FINE_STEPS))
    ax = fig.axes[0]
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "log")
    texts = legend_texts(ax)
    for name in ("forward difference", "central difference", "complex step"):
        assert name in texts
    best = {t.split(":")[0]: float(t.split(": ")[1]) for t in texts if t.startswith("best")}
    assert 1e-9 < best["best h for forward"] < 1e-7
    assert 1e-6 < best["best h for central"] < 1e-4
    assert any("truncation" in t for t in texts) and any("round-off" in t for t in texts)


def test_polygons_draw_circle_and_both_polygons():
    fig = plot_polygons(archimedes_pi(1))
    ax = fig.axes[0]
    kinds = [type(p) for p in ax.patches]
    assert kinds.count(Polygon) == 2 and kinds.count(Circle) == 1
    assert "3.00000 < π < 3.46410" in ax.get_title()
    assert fig.legends and "inscribed" in [t.get_text() for t in fig.legends[0].get_texts()]


def test_rectangles_match_the_sums():
    fig = plot_rectangles(area_by_rectangles("x^2", 0, 1, strips=(4,)))
    ax = fig.axes[0]
    rects = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(rects) == 8
    lower = sum(r.get_width() * r.get_height() for r in rects[1::2])
    assert lower == pytest.approx(0.21875)
    assert "0.21875 ≤ area ≤ 0.46875" in ax.get_title()


@pytest.mark.parametrize(("call", "message"), [
    (lambda: plot_secants(tangent(F, 2, var=x), deltas=()), "at least one"),
    (lambda: plot_secants("x^2", 2), "pass calcml.tangent"),
    (lambda: plot_zoom(tangent(F, 2, var=x), widths=(1, -1)), "positive"),
    (lambda: plot_zoom(delta_table(F, 2), widths=(1,)), "draws a tangent"),
    (lambda: plot_limit(limit(F, x, 1), window=0), "window"),
    (lambda: plot_limit("x^2", 1), "pass calcml.limit"),
    (lambda: plot_limit(limit("a/x", "x", "oo")), "other symbols"),
    (lambda: plot_polygons((6, 12)), "archimedes_pi"),
    (lambda: plot_polygons(area_by_rectangles("x^2", 0, 1)), "plot_rectangles"),
    (lambda: save(Figure(), "/tmp/figure.jpg"), "ending in"),
    (lambda: save(Figure(), "/no/such/folder/f.png"), "does not exist"),
    (lambda: color("sky"), "known roles"),
    (lambda: new_panels(0), "at least one"),
])
def test_bad_input_is_explained(call, message):
    with pytest.raises(InputError, match=message):
        call()
