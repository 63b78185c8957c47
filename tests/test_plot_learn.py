"""The learning figures draw the course's numbers, and refuse what they cannot draw."""


import numpy as np
import pytest

from calcml.course.learning_rates import (
    compare_learning_rates,
    descend,
    least_squares,
    verdict,
)
from calcml.errors import InputError
from calcml.learn import (
    GD,
    SGD,
    History,
    Line,
    LinearRegression,
    LogisticRegression,
    binary_cross_entropy,
    datasets,
    mse,
    quadratic,
    train,
)
from calcml.plot.learn import plot_accuracy, plot_cost_curve, plot_regression
from calcml.plot.learn_surface import cost_grid, plot_cost_surface, plot_learning_rates

X, Y = datasets.course_regression()


@pytest.fixture(scope="module")
def course_history():
    model = Line(m=0.9, b=0.1)
    return train(model, X, Y, cost=mse, optimizer=SGD(model.parameters(), lr=0.01),
                 epochs=1000, quiet=True)


@pytest.fixture(scope="module")
def cancer_history():
    data = datasets.breast_cancer()
    model = LogisticRegression(30)
    return train(model, data.x_train, data.y_train, cost=binary_cross_entropy,
                 optimizer=GD(model.parameters(), lr=0.5), epochs=40, quiet=True,
                 validation=(data.x_test, data.y_test))


def test_regression_panels_show_the_course_epochs_and_numbers(course_history, tmp_path):
    path = tmp_path / "regression.png"
    fig = plot_regression(course_history, X, Y, path=path)
    titles = [ax.get_title().splitlines() for ax in fig.axes]
    assert [t[0].split(":")[0] for t in titles] == ["Epoch 0", "Epoch 1", "Epoch 10",
                                                    "Epoch 999"]
    assert titles[0] == ["Epoch 0: C = 19.68", "m = 0.9,  ∂C/∂m = 36.3",
                         "b = 0.1,  ∂C/∂b = 6.265"]
    assert titles[3][1].startswith("m = -0.4681") and titles[3][2].startswith("b = 1.754")
    line = fig.axes[3].get_lines()[0]
    assert np.allclose(line.get_ydata(), -0.4681 * line.get_xdata() + 1.754, atol=2e-3)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == [
        "error ŷ − y", "ŷ = m x + b", "data (x, y)"]
    assert path.stat().st_size > 20_000


def test_regression_epochs_are_checked(course_history):
    assert len(plot_regression(course_history, X, Y, epochs=[5]).axes) == 1
    with pytest.raises(InputError, match="numbered 0 to 999"):
        plot_regression(course_history, X, Y, epochs=(0, 1000))
    with pytest.raises(InputError, match="same 1-D shape"):
        plot_regression(course_history, X, Y[:3])


def test_a_model_that_is_not_a_line_is_refused():
    model = LinearRegression(1)
    history = train(model, X[:, None], Y, cost=mse, optimizer=GD(model.parameters(), lr=0.01),
                    epochs=3, quiet=True)
    with pytest.raises(InputError, match="history of training a Line"):
        plot_regression(history, X, Y)
    with pytest.raises(InputError, match="history of training a Line"):
        plot_cost_surface(X, Y, history)


def test_cost_curve_draws_every_epoch_on_a_log_scale(course_history, cancer_history):
    ax = plot_cost_curve(course_history).axes[0]
    assert ax.get_yscale() == "log"
    assert np.array_equal(ax.get_lines()[0].get_ydata(), course_history.cost)
    linear = plot_cost_curve(cancer_history, log=False).axes[0]
    assert linear.get_yscale() == "linear"
    labels = [t.get_text() for t in linear.get_legend().get_texts()]
    assert labels == ["training cost", "test cost"]
    with pytest.raises(InputError, match="History that train"):
        plot_cost_curve(History())


def test_cost_grid_by_broadcasting_matches_the_cost_function_point_by_point():
    ms, bs, c = cost_grid(X, Y, ((-1.0, 1.0), (0.0, 2.0)), n=7)
    by_call = [[mse(Line(m=m, b=b)(X), Y).item() for m, b in zip(rm, rb, strict=True)]
               for rm, rb in zip(ms, bs, strict=True)]
    assert np.allclose(c, by_call, rtol=1e-12)
    assert np.allclose(cost_grid(X, Y, ((-1.0, 1.0), (0.0, 2.0)), quadratic, n=7)[2], 8 * c)
    other = cost_grid(X, (Y > 0).astype(float), ((0.0, 0.1), (0.0, 0.1)), binary_cross_entropy,
                      n=2)[2]
    assert other.shape == (2, 2) and np.isfinite(other).all()


def test_cost_surface_draws_the_path_the_minimum_and_descent_arrows(course_history):
    ax = plot_cost_surface(X, Y, course_history, arrows=5).axes[0]
    path = ax.get_lines()[1]
    assert np.allclose(path.get_xdata(), course_history.param("m"))
    assert np.allclose(path.get_ydata(), course_history.param("b"))
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "least squares: m = -0.469, b = 1.76"
    assert "−∇C: steepest descent" in labels
    arrows = [a for a in ax.texts if a.arrow_patch is not None]
    assert len(arrows) == 5
    first = arrows[0]
    direction = np.subtract(first.xy, first.xyann)
    assert np.allclose(direction / np.linalg.norm(direction),
                       -np.array([36.3, 6.265]) / np.hypot(36.3, 6.265), atol=1e-3)


def test_three_learning_rates_are_too_small_good_and_too_large():
    runs = compare_learning_rates(X, Y)
    assert [run.lr for run in runs.runs] == [0.001, 0.01, 0.09]
    assert runs.runs[1].history.final_cost == pytest.approx(0.0195, abs=5e-5)
    assert runs.runs[2].diverged is not None and runs.start == (0.9, 0.1)
    fig = plot_learning_rates(runs)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[:3] == ["lr = 0.001\ntoo small: still far from the minimum",
                          "lr = 0.01\ngood: reaches the minimum",
                          "lr = 0.09\ntoo large: the cost grows, zigzagging"]
    assert titles[5].startswith("cost became infinite at epoch")
    with pytest.raises(InputError, match="positive number"):
        compare_learning_rates(X, Y, lrs=(0.01, -1))
    with pytest.raises(InputError, match="compare_learning_rates"):
        plot_learning_rates(X)


def test_the_least_squares_line_is_the_course_optimum():
    """m = -0.469, b = 1.76, C = 0.0195 (COURSE.md), as NumPy's lstsq finds it too."""
    best = least_squares(X, Y)
    (m, b), *_ = np.linalg.lstsq(np.column_stack([X, np.ones_like(X)]), Y, rcond=None)
    assert (best.m, best.b) == pytest.approx((m, b))
    assert (round(best.m, 3), round(best.b, 2), round(best.cost, 4)) == (-0.469, 1.76, 0.0195)


def test_descend_returns_the_history_of_a_divergence():
    history, message = descend(X, Y, lr=0.09, epochs=1000)
    assert message is not None and "smaller learning rate" in message
    assert 0 < len(history) < 1000 and not np.isfinite(history.cost[-1])
    assert verdict(history, message, 0.0195) == "too large: the cost grows, zigzagging"


def test_accuracy_curves_follow_the_metrics(cancer_history, tmp_path):
    fig = plot_accuracy(cancer_history, path=tmp_path / "accuracy.png")
    lines = fig.axes[0].get_lines()
    assert np.array_equal(lines[0].get_ydata(), cancer_history.metrics["train_accuracy"])
    assert np.array_equal(lines[1].get_ydata(), cancer_history.metrics["test_accuracy"])
    assert cancer_history.metrics["test_accuracy"][-1] > 0.9
    with pytest.raises(InputError, match="no accuracy"):
        plot_accuracy(History(cost=[1.0]))
