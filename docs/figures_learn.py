"""The figures of docs/learn.md: the course's line fitted by gradient descent (lessons 5 and
7), three learning rates, and a real classifier's accuracy.

The regression runs are the course's: the eight points, m = 0.9 and b = 0.1 to start,
full-batch gradient descent with lr = 0.01 for 1000 epochs. The classifier is logistic
regression on scikit-learn's breast cancer data, 200 epochs of gradient descent at lr = 0.5.
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from calcml.course.learning_rates import compare_learning_rates
from calcml.learn import (
    GD,
    SGD,
    Line,
    LogisticRegression,
    binary_cross_entropy,
    datasets,
    mse,
    train,
)
from calcml.plot.learn import plot_accuracy, plot_cost_curve, plot_regression
from calcml.plot.learn_surface import plot_cost_surface, plot_learning_rates
from calcml.plot.style import save


def figures() -> dict[str, Figure]:
    """Every figure of the learning page by file name (without the .png)."""
    x, y = datasets.course_regression()
    line = Line(m=0.9, b=0.1)
    course = train(line, x, y, cost=mse, optimizer=SGD(line.parameters(), lr=0.01),
                   epochs=1000, quiet=True)
    data = datasets.breast_cancer()
    model = LogisticRegression(data.x_train.shape[1])
    cancer = train(model, data.x_train, data.y_train, cost=binary_cross_entropy,
                   optimizer=GD(model.parameters(), lr=0.5), epochs=200, quiet=True,
                   validation=(data.x_test, data.y_test))
    return {
        "learn_regression": plot_regression(course, x, y, epochs=(0, 1, 10, 999)),
        "learn_cost_curve": plot_cost_curve(course),
        "learn_cost_surface": plot_cost_surface(x, y, course),
        "learn_learning_rates": plot_learning_rates(
            compare_learning_rates(x, y, lrs=(0.001, 0.01, 0.09))),
        "learn_accuracy": plot_accuracy(cancer),
    }


def make(outdir: Path) -> list[Path]:
    """Draw the learning figures and save them as PNG files in ``outdir``."""
    return [save(fig, outdir / f"{name}.png") for name, fig in figures().items()]
