"""Figures of lesson 6: slices of z = x^2 - y^2 with tangent slopes equal to the partial
derivatives, the surface with its tangent plane, the gradient field, the cylinder."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from calcml import gradient, hessian, partial
from calcml.errors import InputError
from calcml.plot.multivar import plot_cylinder_rates, plot_slices, slice_color
from calcml.plot.multivar_surface import plot_gradient_field, plot_surface, plotted_pair
from calcml.plot.style import save

Z = "x^2 - y^2"
COURSE = [((3, 0), 9, (6, 0)), ((2, 3), -5, (4, -6)), ((-2, -3), -5, (-4, 6)),
          ((0, 0), 0, (0, 0))]


def G(expr, at=None, vars=None):
    """The worked gradient the figures draw."""
    return gradient(expr, vars, at=at)


def by_gid(ax, gid):
    return [line for line in ax.get_lines() if line.get_gid() == gid]


def slope_of(line):
    (x0, y0), (x1, y1) = line.get_xydata()[[0, -1]]
    return (y1 - y0) / (x1 - x0)


def legend_texts(legend):
    return [t.get_text() for t in legend.get_texts()]


@pytest.mark.parametrize(("point", "value", "slopes"), COURSE)
def test_slices_tangent_slopes_are_the_course_partials(point, value, slopes):
    fig = plot_slices(G(Z, {"x": point[0], "y": point[1]}))
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    for ax, name, coord, slope in zip(fig.axes, "xy", point, slopes, strict=True):
        label = f"∂z/∂{name} = {slope} at {name} = {coord}"
        main = [t for t in by_gid(ax, "tangent") if t.get_label() == label]
        assert len(main) == 1 and slope_of(main[0]) == pytest.approx(slope)
        (p,) = by_gid(ax, "point")
        assert tuple(p.get_xydata()[0]) == (coord, value)
        assert ax.get_xlabel() == name and ax.get_ylabel() == "z"
        assert legend_texts(ax.get_legend())[0].startswith("$z = ")


def test_slices_have_neighbouring_tangents_with_their_own_slopes():
    ax = plot_slices(G(Z, {"x": 3, "y": 0}), var="x").axes[0]
    tangents = by_gid(ax, "tangent")
    assert [t.get_label() for t in tangents] == [
        "∂z/∂x = 2 at x = 1", "∂z/∂x = 6 at x = 3", "∂z/∂x = 10 at x = 5"]
    assert [slope_of(t) for t in tangents] == pytest.approx([2, 6, 10])
    assert "y = 0 held" in ax.get_title()
    (curve,) = by_gid(ax, "curve")
    xs, zs = curve.get_xydata().T
    assert np.allclose(zs, xs**2)


def test_slices_skip_neighbours_where_f_is_undefined_and_slice_every_variable():
    ax = plot_slices(G("log(x) + y", {"x": 1, "y": 0}), var="x").axes[0]
    assert [t.get_label() for t in by_gid(ax, "tangent")] == [
        "∂z/∂x = 1 at x = 1", "∂z/∂x = 0.3333 at x = 3"]
    assert len(plot_slices(G("x*y*t", {"x": 1, "y": 2, "t": 3})).axes) == 3


def test_slice_along_a_variable_the_point_gives_is_flat_and_keeps_its_colour():
    ax = plot_slices(G("x^2", {"x": 1, "y": 2}, "x, y"), var="y").axes[0]
    assert [slope_of(t) for t in by_gid(ax, "tangent")] == [0, 0, 0]
    (curve,) = by_gid(plot_slices(G(Z, {"x": 1, "y": 2}), var="y").axes[0], "curve")
    assert curve.get_color() == slice_color(1)


def test_surface_has_slices_point_and_tangent_plane(tmp_path):
    fig = plot_surface(G(Z, {"x": 2, "y": 3}))
    ax = fig.axes[0]
    assert ax.name == "3d" and (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == (
        "x", "y", "z")
    assert {c.get_gid() for c in ax.collections} == {"surface", "tangent plane"}
    assert legend_texts(fig.legends[0]) == [
        "slice y = 3: z against x", "its tangent: ∂z/∂x = 4 at x = 2",
        "slice x = 2: z against y", "its tangent: ∂z/∂y = -6 at y = 3",
        "P = (2, 3, -5)", "tangent plane z = -5 + 4 (x - 2) - 6 (y - 3)"]
    (p,) = by_gid(ax, "point")
    assert [float(c[0]) for c in p.get_data_3d()] == [2, 3, -5]
    along_x, along_y = by_gid(ax, "tangent")
    (xs, ys, zs), (xs2, ys2, zs2) = along_x.get_data_3d(), along_y.get_data_3d()
    assert (zs[1] - zs[0]) / (xs[1] - xs[0]) == pytest.approx(4) and ys[0] == ys[1] == 3
    assert (zs2[1] - zs2[0]) / (ys2[1] - ys2[0]) == pytest.approx(-6) and xs2[0] == 2
    for curve in by_gid(ax, "slice"):
        cx, cy, cz = curve.get_data_3d()
        assert np.allclose(cz, cx**2 - cy**2)
    assert save(fig, tmp_path / "s.png").stat().st_size > 20_000


def test_surface_of_more_variables_holds_the_others():
    fig = plot_surface(G("x*y*t", {"x": 1, "y": 2, "t": 3}))
    assert "tangent plane z = 6 + 6 (x - 1) + 3 (y - 2)" in legend_texts(fig.legends[0])
    fig = plot_surface(G("x*y*t", {"x": 1, "y": 2, "t": 3}), vars=("t", "x"))
    assert "P = (3, 1, 6)" in legend_texts(fig.legends[0])
    assert "tangent plane z = -9 + 0 x + 6 (y + 3)" in legend_texts(
        plot_surface(G(Z, {"x": 0, "y": -3})).legends[0])


def test_gradient_field_arrows_cross_the_contour_at_right_angles():
    fig = plot_gradient_field(G(Z, {"x": 2, "y": 3}))
    ax = fig.axes[0]
    assert ax.get_aspect() == 1.0 and ax.get_xlim() == (-5, 5)
    field = [c for c in ax.collections if c.get_gid() == "gradient field"]
    assert len(field) == 1 and field[0].angles == "xy" and field[0].scale_units == "xy"
    u, v, xs, ys = field[0].U, field[0].V, field[0].X, field[0].Y
    assert np.allclose(u, 2 * xs) and np.allclose(v, -2 * ys)
    (at_p,) = [c for c in ax.collections if c.get_gid() == "gradient at P"]
    assert (float(at_p.U[0]), float(at_p.V[0])) == (4, -6)
    # The contour through P runs at right angles to the gradient there.
    level = next(c for c in ax.collections if hasattr(c, "levels") and list(c.levels) == [-5])
    path = np.concatenate([p.vertices for p in level.get_paths()])
    near = path[np.argsort(np.hypot(path[:, 0] - 2, path[:, 1] - 3))[:2]]
    direction = near[1] - near[0]
    cosine = direction @ np.array([4, -6]) / np.hypot(*direction) / np.hypot(4, -6)
    assert abs(cosine) < 0.05
    assert legend_texts(fig.legends[0]) == [
        "∇z on a grid (length ∝ |∇z|)", "contour z = -5 through P", "P = (2, 3), where z = -5",
        "∇z = (4, -6) at P: steepest ascent, across the contour"]
    assert len(fig.axes) == 2 and fig.axes[1].get_ylabel() == "z"  # the colour bar


def test_gradient_field_without_a_point_and_with_bounds():
    fig = plot_gradient_field(G("x^2 + y^2"), bounds=(-1, 1, -2, 2))
    ax = fig.axes[0]
    assert ax.get_xlim() == (-1, 1) and ax.get_ylim() == (-2, 2)
    assert len(fig.legends[0].get_texts()) == 1
    assert not [c for c in ax.collections if c.get_gid() == "gradient at P"]
    fig = plot_gradient_field(G(Z, {"x": 0, "y": 0}))
    assert "∇z = (0, 0) at P: steepest ascent, across the contour" in legend_texts(
        fig.legends[0])


def test_a_pole_is_cut_off_instead_of_flattening_the_figures():
    ax = plot_slices(G("1/(x*y)", {"x": 1, "y": 1}), var="x").axes[0]
    (curve,) = by_gid(ax, "curve")
    zs = curve.get_xydata()[:, 1]
    assert np.isnan(zs).any() and np.nanmax(np.abs(zs)) < 20 and ax.get_ylim()[1] < 20
    fig = plot_gradient_field(G("1/(x*y)", {"x": 1, "y": 1}))
    assert legend_texts(fig.legends[0])[0] == "∇z on a grid (length ∝ |∇z|, the longest cut short)"
    (field,) = [c for c in fig.axes[0].collections if c.get_gid() == "gradient field"]
    sizes = np.hypot(field.U, field.V)
    assert np.nanmax(sizes) / np.nanmedian(sizes) < 50
    assert plot_surface(G("1/(x*y)", {"x": 1, "y": 1})).axes[0].get_zlim()[1] < 20


def test_cylinder_tangents_carry_the_course_partials():
    fig = plot_cylinder_rates(3, 5)
    r_ax, l_ax = fig.axes
    (r_tan,), (l_tan,) = by_gid(r_ax, "tangent"), by_gid(l_ax, "tangent")
    assert r_tan.get_label() == "∂v/∂r = 94.25 at r = 3"
    assert l_tan.get_label() == "∂v/∂l = 28.27 at l = 5"
    assert slope_of(r_tan) == pytest.approx(30 * np.pi)
    assert slope_of(l_tan) == pytest.approx(9 * np.pi)
    (moved,) = by_gid(r_ax, "moved")
    assert tuple(moved.get_xydata()[0]) == pytest.approx((4, 80 * np.pi))
    assert moved.get_label() == "r = 4: v = 251.33, a change of 109.96"
    assert "v = 141.37 at r = 3, l = 5" in fig.get_suptitle()
    assert r_ax.get_ylabel() == "volume v" and l_ax.get_xlabel() == "l"


def test_a_partial_derivative_draws_its_own_slice_at_an_exact_symbolic_point():
    """x = pi/3 stays exact: the slice's tangent slope is 2 pi/3 and P sits at pi/3."""
    s = partial(Z, "x", at="x=pi/3, y=1", timeout=60)
    ax = plot_slices(s).axes
    assert len(ax) == 1
    main = [t for t in by_gid(ax[0], "tangent") if t.get_linestyle() == "-"]
    assert slope_of(main[0]) == pytest.approx(2 * np.pi / 3)
    (p,) = by_gid(ax[0], "point")
    assert p.get_xydata()[0] == pytest.approx((np.pi / 3, (np.pi / 3) ** 2 - 1))
    legend = legend_texts(plot_surface(s).legends[0])
    assert "P = (1.047, 1, 0.09662)" in legend


def test_plotted_pair_prefers_x_and_y():
    from calcml.expr.coerce import as_expr

    assert [s.name for s in plotted_pair(as_expr("r^2 l"), {"r": 1, "l": 2})] == ["l", "r"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: plot_surface(G("x*y*t", {"x": 1, "y": 2})), "t is missing: add e.g. t=1"),
    (lambda: plot_gradient_field(G("x*y*t")), r"hold t at a number"),
    (lambda: plot_surface(G("a*b*c", {"a": 1, "b": 2, "c": 3})), r"vars=\('a', 'b'\)"),
    (lambda: plot_surface(G("x^2", {"x": 1})), "two variables"),
    (lambda: plot_surface(G(Z, {"x": 1})), "y is missing"),
    (lambda: plot_slices(G(Z, {"y": 1})), "x is missing"),
    (lambda: plot_surface(G("log(x) + y", {"x": 0, "y": 2})), "not defined at"),
    (lambda: plot_slices(G("sqrt(x) + y", {"x": -1, "y": 2})), "not a real number"),
    (lambda: plot_slices(G(Z)), "the slices go through a point"),
    (lambda: plot_surface(hessian(Z)), "go through a point"),
    (lambda: plot_gradient_field(hessian(Z, at={"x": 1, "y": 2})), "a worked gradient"),
    (lambda: plot_gradient_field(G(Z, vars="x")), "worked without y"),
    (lambda: plot_slices("x^2 - y^2"), "pass calcml.partial"),
    (lambda: plot_surface(partial("x y", "x", at={"x": 1, "y": 2}).to_dict()), "not dict"),
    (lambda: plot_surface(G(Z, {"x": 1, "y": 2}), vars=("x", "x")), "two variables to draw"),
    (lambda: plot_gradient_field(G("x*y"), bounds=(1, 0, 0, 1)), "xmin < xmax"),
    (lambda: plot_gradient_field(G("x*y"), bounds=(1, 2)), "four numbers"),
    (lambda: plot_gradient_field(G(Z, {"x": 2, "y": 3}), bounds=(-1, 1, -1, 1)), "outside the"),
    (lambda: plot_gradient_field(G("sqrt(-x^2 - y^2 - 1)")), "not defined anywhere"),
    (lambda: plot_slices(G("x*y", {"x": 1, "y": 2}), var="z"), "choose one of x, y"),
    (lambda: plot_slices(G("x*y", {"x": "oo", "y": 2})), "finite"),
    (lambda: plot_cylinder_rates(-1, 5), "must be positive"),
])
def test_bad_input_says_what_to_fix(call, message):
    with pytest.raises(InputError, match=message):
        call()
