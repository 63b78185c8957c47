"""Partial derivatives, gradients, Jacobians, Hessians and directional derivatives: the
course's numbers (z = x^2 - y^2, the cylinder), each checked by SymPy and by central
differences, the worked steps, and the rendering of matrix results."""

from __future__ import annotations

import json
import math

import pytest
import sympy

from calcml.steps.common import SympyAnswer
from calcml.steps.explain import EXPLAINER
from calcml.steps.partials.rules import (
    ClairautSymmetry,
    EvaluateAtPoint,
    GradientVector,
    HessianMatrix,
    HoldConstant,
)
from calcml.symbolic.partials.common import compare
from calcml.symbolic.partials.partial import (
    directional_derivative,
    gradient,
    hessian,
    jacobian,
    partial,
)

x, y, z, r, l = sympy.symbols("x y z r l", real=True)  # noqa: E741 - the course names
SADDLE = "x^2 - y^2"


def central(f, point: dict, name: str, h: float = 1e-6) -> float:
    """∂f/∂name at point by a central difference: an independent, numeric check."""
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    return (f(**up) - f(**down)) / (2 * h)


def saddle(x: float, y: float) -> float:
    return x**2 - y**2


def cylinder(r: float, l: float) -> float:  # noqa: E741 - the course names
    return math.pi * r**2 * l


def test_the_saddle_partials_are_2x_and_minus_2y():
    assert partial(SADDLE, "x").result == 2 * x
    assert partial(SADDLE, "y").result == -2 * y
    assert sympy.diff(x**2 - y**2, x) == 2 * x


@pytest.mark.parametrize(("point", "height", "slopes"), [
    ((3, 0), 9, (6, 0)), ((2, 3), -5, (4, -6)), ((-2, -3), -5, (-4, 6)), ((0, 0), 0, (0, 0)),
])
def test_the_saddle_at_the_course_points(point, height, slopes):
    at = {"x": point[0], "y": point[1]}
    for name, slope in zip("xy", slopes, strict=True):
        sol = partial(SADDLE, name, at=at)
        assert (sol.result, sol.function_value) == (slope, height)
        assert sol.value_float == pytest.approx(central(saddle, at, name), abs=1e-6)
    grad = gradient(SADDLE, at=at)
    assert grad.result == sympy.Matrix(slopes)
    assert grad.value_float == [[slopes[0]], [slopes[1]]]
    assert saddle(*point) == height


def test_the_cylinder_volume_and_its_partials():
    at = {"r": 3, "l": 5}
    by_l = partial("pi r^2 l", "l", at=at)
    by_r = partial("pi r^2 l", "r", at=at)
    assert by_l.symbolic == sympy.pi * r**2 and by_r.symbolic == 2 * sympy.pi * r * l
    assert (by_l.result, by_r.result, by_r.function_value) == (
        9 * sympy.pi, 30 * sympy.pi, 45 * sympy.pi)
    assert round(by_r.function_value_float, 2) == 141.37
    assert round(by_l.value_float, 2) == 28.27
    assert round(by_r.value_float, 2) == 94.25
    assert by_l.value_float == pytest.approx(central(cylinder, {"r": 3.0, "l": 5.0}, "l"))
    assert by_r.value_float == pytest.approx(central(cylinder, {"r": 3.0, "l": 5.0}, "r"))


def test_the_first_step_holds_the_others_constant_and_says_why():
    sol = partial(SADDLE, "x")
    step = sol.step
    assert isinstance(step, HoldConstant) and step.held == (y,)
    words = sol.to_text().splitlines()[4]
    assert "Hold y constant: treat it like a number" in words
    assert "−y² is a constant term" in words
    assert step.substep.rule == "Sum rule"
    assert sol.checks[0].method == "sympy.diff" and sol.agreed


def test_a_parameter_factor_is_named_as_a_constant_factor():
    text = partial("a x^2", "x").to_text()
    assert "treat it like a number" in text and "a is a constant factor" in text
    assert partial("x^3", "x").step.held == ()


def test_the_gradient_is_a_column_in_the_stated_order():
    sol = gradient("m x + b", vars=["m", "b"])
    assert sol.result.shape == (2, 1)
    assert list(sol.result) == [sympy.Symbol("x", real=True), 1]
    assert [v.name for v in sol.variables] == ["m", "b"]
    assert "in the order m and b" in sol.to_text()
    assert isinstance(sol.step, GradientVector) and len(sol.step.partials) == 2


def test_a_listed_variable_absent_from_the_expression_has_a_zero_partial():
    sol = gradient("x^2", vars="x, w")
    assert list(sol.result) == [2 * x, 0]
    assert "does not change when w changes" in sol.to_text()


def test_the_hessian_with_its_symmetry_step_and_checks():
    sol = hessian("x^3 y + sin(x y)")
    expected = sympy.hessian(x**3 * y + sympy.sin(x * y), [x, y])
    assert (sol.result - expected).applyfunc(sympy.simplify) == sympy.zeros(2, 2)
    assert isinstance(sol.step, HessianMatrix)
    assert isinstance(sol.step.symmetry, ClairautSymmetry) and sol.step.symmetry.agreed
    assert [c.method for c in sol.checks] == ["sympy.diff, entry by entry",
                                              "Clairaut symmetry of the mixed partials"]
    assert sol.agreed and "Clairaut's theorem" in sol.to_text()


def test_the_saddle_hessian_at_a_point_is_constant():
    sol = hessian(SADDLE, at="x=1, y=-1")
    assert sol.result == sympy.Matrix([[2, 0], [0, -2]])
    assert sol.value_float == [[2.0, 0.0], [0.0, -2.0]]


def test_a_one_variable_hessian_has_no_symmetry_step():
    sol = hessian("x^4")
    assert sol.result == sympy.Matrix([[12 * x**2]]) and sol.step.symmetry is None
    assert len(sol.checks) == 1


def test_the_jacobian_of_polar_coordinates():
    sol = jacobian(["r cos(t)", "r sin(t)"], ["r", "t"], at="r=2, t=pi/2")
    assert sol.result == sympy.Matrix([[0, -2], [1, 0]])
    t = sympy.Symbol("t", real=True)
    assert sol.symbolic == sympy.Matrix([r * sympy.cos(t), r * sympy.sin(t)]).jacobian([r, t])
    assert sympy.simplify(sol.symbolic.det()) == r
    assert sol.function_value == sympy.Matrix([0, 2])


def test_the_directional_derivative_uses_the_unit_vector():
    sol = directional_derivative(SADDLE, "3, 4", at="x=2, y=3")
    assert sol.result == sympy.Rational(-12, 5)
    assert sol.result == sympy.Matrix([4, -6]).dot(sympy.Matrix([3, 4]) / 5)
    along = (saddle(2 + 0.6e-6, 3 + 0.8e-6) - saddle(2 - 0.6e-6, 3 - 0.8e-6)) / 2e-6
    assert sol.value_float == pytest.approx(along)
    assert "has length 5" in sol.to_text() and sol.agreed


def test_evaluation_is_a_step_with_the_exact_value_and_its_float():
    sol = partial("sin(x y)", "x", at="x=pi/3, y=1")
    assert isinstance(sol.step, EvaluateAtPoint)
    assert sol.result == sympy.Rational(1, 2) and sol.value == sol.result
    assert sol.symbolic == y * sympy.cos(x * y)
    assert "Put x = π/3, y = 1 into" in sol.to_text()
    assert partial("sin(x y)", "x").value is None


def test_partial_steps_reuse_the_single_variable_rules():
    sol = gradient("x exp(x y) + ln(x^2 + y^2)")
    rules = {s.rule for s in sol.step.walk()}
    assert {"Product rule", "Chain rule", "Sum rule", "Constant multiple rule"} <= rules
    assert not any(isinstance(s, SympyAnswer) for s in sol.step.walk())


def test_text_latex_html_and_json_of_a_gradient():
    sol = gradient(SADDLE, at="x=2, y=3")
    text = sol.to_text()
    assert text.splitlines()[0] == ("(∂/∂x (x² − y²), ∂/∂y (x² − y²)) at (x, y) = "
                                    "(2, 3) = (4, −6)")
    assert "Check (sympy.diff, entry by entry) agrees" in text
    latex = sol.to_latex()
    assert r"\frac{\partial}{\partial x}" in latex
    assert r"\right|_{x = 2, y = 3}" in latex and r"\begin{matrix}4\\-6\end{matrix}" in latex
    assert "<mtable>" in sol.to_html()
    data = json.loads(json.dumps(sol.to_dict()))
    assert (data["result"], data["symbolic"]) == ("[[4], [−6]]", "(2x, −2y)")
    assert data["entries"] == [["2x"], ["−2y"]] and data["variables"] == ["x", "y"]
    assert data["value_float"] == [[4.0], [-6.0]] and data["point"] == {"x": "2", "y": "3"}
    assert data["function_value"] == "−5" and data["checks"][0]["agreed"] is True


def test_text_latex_and_json_of_a_hessian():
    sol = hessian("x y^2")
    assert sol.to_text().splitlines()[0].endswith("= ⎡ 0  2y⎤")
    assert sol.to_text().splitlines()[1].endswith("⎣2y  2x⎦")
    assert r"\frac{\partial^{2}}{\partial y\partial x}" in sol.to_latex()
    data = sol.to_dict()
    assert data["entries"] == [["0", "2y"], ["2y", "2x"]]
    assert [c["method"] for c in data["checks"]][1] == "Clairaut symmetry of the mixed partials"
    assert "value_float" not in data


X_DATA = [0, 1, 2, 3, 4, 5, 6, 7]
Y_DATA = [1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37]


def test_the_single_point_cost_gradient_of_the_course():
    sol = gradient("(m x + b - y)^2", vars=["b", "m"], at="b=0.1, m=0.9, x=7, y=-1.37")
    assert sol.value_float == [[pytest.approx(15.54)], [pytest.approx(108.78)]]
    assert round(sol.function_value_float, 2) == 60.37
    y_hat = 0.9 * 7 + 0.1
    assert sol.value_float[1][0] == pytest.approx(2 * 7 * (y_hat + 1.37))


def test_the_batch_mse_gradient_of_the_course():
    terms = " + ".join(f"(m*{x} + b - ({y}))^2" for x, y in zip(X_DATA, Y_DATA, strict=True))
    sol = gradient(f"({terms}) / 8", vars="b, m", at="b=0.1, m=0.9")
    (dc_db,), (dc_dm,) = sol.value_float
    errors = [0.9 * x + 0.1 - y for x, y in zip(X_DATA, Y_DATA, strict=True)]
    assert dc_db == pytest.approx(2 / 8 * sum(errors)) and round(dc_db, 2) == 6.26
    assert dc_dm == pytest.approx(2 / 8 * sum(e * x for e, x in zip(errors, X_DATA,
                                                                    strict=True)))
    assert round(dc_dm, 1) == 36.3 and round(sol.function_value_float, 2) == 19.68


def test_mixed_partials_that_differ_are_said_to_differ():
    f = x * y
    step = ClairautSymmetry(pairs=((sympy.Derivative(f, x, y), 1 + x, 1),), agreed=False)
    words = EXPLAINER.explain(step)
    assert "differ between the two orders" in words.template
    assert (words.math["v"], words.math["w"]) == (1 + x, 1)


def test_a_disagreement_with_sympy_is_reported_not_hidden():
    check = compare(sympy.ImmutableMatrix([[x, y]]), sympy.ImmutableMatrix([[x, 2 * y]]), x,
                    [x * y], "sympy.diff, entry by entry")
    assert not check.agreed and check.detail.startswith("entry (1, 2) differ at")
