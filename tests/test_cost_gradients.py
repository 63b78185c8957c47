"""The course's cost derivations: quadratic cost for one point, MSE for a batch, with the
course's numbers, the sums kept as sums, and PyTorch's autograd as an outside oracle."""

import json

import numpy as np
import pytest
import sympy

from calcml.errors import InputError
from calcml.expr.printing import to_text
from calcml.steps.partials.multivar_chain import DerivativeIntoSum, EvaluateWithData, WorkedNumber
from calcml.symbolic.partials.cost_gradients import (
    B,
    M,
    X,
    Y,
    decimal,
    mse_gradient,
    quadratic_cost_gradient,
)

XS = list(range(8))
YS = [1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37]


def test_quadratic_cost_formulas_are_the_course_ones():
    sol = quadratic_cost_gradient()
    assert sympy.expand(sol.result[0] - 2 * (M * X + B - Y)) == 0
    assert sympy.expand(sol.result[1] - 2 * X * (M * X + B - Y)) == 0
    assert sol.gradient.shape == (2, 1) and sol.gradient_values is None
    assert sol.agreed and sol.numbers == {}
    text = sol.to_text()
    assert "(∂C/∂b, ∂C/∂m)" in text and "Chain rule formula: ∂C/∂m = " \
        "(∂C/∂ŷ)·(∂ŷ/∂m)" in text
    assert "∂C/∂ŷ = 2(ŷ − y)" in text


def test_quadratic_cost_at_the_course_point_seven():
    sol = quadratic_cost_gradient(x=XS[7], y=YS[7], m=0.9, b=0.1)
    assert sol.numbers["yhat"] == pytest.approx(6.4)
    assert sol.numbers["C"] == pytest.approx(60.37, abs=0.005)
    assert sol.numbers["dC/dm"] == pytest.approx(108.78)
    assert sol.numbers["dC/db"] == pytest.approx(15.54)
    assert sol.result == sympy.Tuple(sympy.Float("15.54", 4), sympy.Float("108.78", 5))
    np.testing.assert_allclose(sol.gradient_values, [15.54, 108.78])
    assert isinstance(sol.step, EvaluateWithData) and sol.agreed
    assert [c.agreed for c in sol.checks] == [True, True, True]
    assert sol.to_text().startswith("(∂C/∂b, ∂C/∂m) = (15.54, 108.78)")


def _worked(sol) -> list[tuple[str, float]]:
    return [(str(s.quantity), float(sympy.Rational(str(s.value)))) for s in sol.step.walk()
            if isinstance(s, WorkedNumber)]


def test_quadratic_cost_shows_each_number_from_the_ones_before():
    sol = quadratic_cost_gradient(x=XS[7], y=YS[7], m=0.9, b=0.1)
    assert _worked(sol) == [("yhat", 6.4), ("-y + yhat", 7.77), ("∂C/∂b", 15.54),
                            ("∂C/∂m", 108.78)]
    report = sol.verify_steps()
    assert report.false == () and report.checked >= 4


def test_mse_shows_each_residual_then_the_sums():
    sol = mse_gradient(x=XS, y=YS, m=0.9, b=0.1)
    worked = _worked(sol)
    residuals = [0.9 * x + 0.1 - y for x, y in zip(XS, YS, strict=True)]
    moment = sum(r * x for r, x in zip(residuals, XS, strict=True))
    assert [name for name, _ in worked[:8]] == [f"r_{i}" for i in range(1, 9)]
    np.testing.assert_allclose([v for _, v in worked[:8]], residuals)
    assert worked[8:] == [("Σrᵢ", pytest.approx(sum(residuals))),
                          ("Σrᵢxᵢ", pytest.approx(moment)),
                          ("∂C/∂b", 6.265), ("∂C/∂m", 36.305)]
    assert sol.verify_steps().false == ()


def test_mse_keeps_the_sum_and_moves_the_derivative_inside():
    sol = mse_gradient()
    i, n = sympy.Symbol("i", integer=True, positive=True), sympy.Symbol("n", integer=True,
                                                                         positive=True)
    xs, ys = sympy.IndexedBase("x", real=True), sympy.IndexedBase("y", real=True)
    error = M * xs[i] + B - ys[i]
    assert sol.result[0] == 2 * sympy.Sum(error, (i, 1, n)) / n
    assert sol.result[1] == 2 * sympy.Sum(error * xs[i], (i, 1, n)) / n
    inside = [s for s in sol.step.walk() if isinstance(s, DerivativeIntoSum)]
    assert len(inside) == 2 and all(s.total.limits[0][2] == n for s in inside)
    assert sol.checks[0].method == "sympy.diff of the sum" and sol.agreed
    assert r"\sum_{i=1}^{n}" in sol.to_latex()


def test_mse_with_the_course_data():
    sol = mse_gradient(x=XS, y=YS, m=0.9, b=0.1)
    assert sol.numbers["C"] == pytest.approx(19.68, abs=0.005)
    assert sol.numbers["dC/dm"] == pytest.approx(36.3, abs=0.01)
    assert sol.numbers["dC/db"] == pytest.approx(6.26, abs=0.01)
    assert sol.agreed and len(sol.checks) == 2
    data = json.loads(json.dumps(sol.to_dict()))
    assert data["result"] == "(6.265, 36.305)" and data["numbers"]["dC/dm"] == 36.305


def test_mse_agrees_with_pytorch_autograd():
    torch = pytest.importorskip(
        "torch", reason="PyTorch is not installed (pip install 'calcml[torch]')")
    rng = np.random.default_rng(3)
    x, y = rng.normal(size=12).round(3), rng.normal(size=12).round(3)
    m = torch.tensor(0.7, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(-0.2, dtype=torch.float64, requires_grad=True)
    cost = torch.mean((m * torch.tensor(x) + b - torch.tensor(y)) ** 2)
    cost.backward()
    sol = mse_gradient(x=x, y=y, m=0.7, b=-0.2)
    assert sol.numbers["C"] == pytest.approx(cost.item(), rel=1e-12)
    np.testing.assert_allclose(sol.gradient_values, [b.grad.item(), m.grad.item()],
                               rtol=1e-12)


def test_one_point_mse_equals_the_quadratic_cost():
    one = mse_gradient(x=[7], y=[-1.37], m=0.9, b=0.1)
    quadratic = quadratic_cost_gradient(x=7, y=-1.37, m=0.9, b=0.1)
    assert one.result == quadratic.result


@pytest.mark.parametrize(("call", "message"), [
    (lambda: quadratic_cost_gradient(x=7, y=1), "missing m, b"),
    (lambda: quadratic_cost_gradient(x=[1, 2], y=[1, 2], m=1, b=0), "one point"),
    (lambda: mse_gradient(x=[1, 2], y=[1], m=1, b=0), "x has 2 values but y has 1"),
    (lambda: mse_gradient(x=[], y=[], m=1, b=0), "empty"),
    (lambda: mse_gradient(x=[1, "a"], y=[1, 2], m=1, b=0), "x\\[1\\]"),
    (lambda: mse_gradient(x=object(), y=[1], m=1, b=0), "sequence of numbers"),
    (lambda: quadratic_cost_gradient(x=1, y=2, m=float("nan"), b=0), "m"),
])
def test_bad_data_is_refused_clearly(call, message):
    with pytest.raises(InputError, match=message):
        call()


def test_decimal_writes_terminating_fractions_exactly():
    assert to_text(decimal(sympy.Rational(777, 50))) == "15.54"
    assert to_text(decimal(sympy.Rational(-137, 100))) == "−1.37"
    assert decimal(sympy.Rational(1, 3)) == sympy.Float(sympy.N(sympy.Rational(1, 3), 12), 12)
    assert decimal(sympy.Integer(-4)) == -4


def test_a_large_batch_gives_numbers_without_writing_every_point():
    x = np.linspace(-3, 3, 40).round(2)
    y = (0.5 - 2 * x).round(2)
    sol = mse_gradient(x=x, y=y, m=0.25, b=-0.5, timeout=10)
    error = 0.25 * x - 0.5 - y
    np.testing.assert_allclose(sol.gradient_values, [2 * error.mean(), 2 * (error * x).mean()],
                               rtol=1e-12)
    assert "n = 40" in sol.to_text() and "x = (" not in sol.to_text()
