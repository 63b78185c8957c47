"""Commands on a CSV file, shared by the CLI and the web: roc and fit.

NumPy loads inside the functions, when a command computes: `calcml --help` needs only the
option enums below."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from calcml.errors import InputError

if TYPE_CHECKING:
    import numpy as np

    from calcml.metrics.worked import RocReport


def roc(path: str, label: str, score: str, threshold: float = 0.5,
        pos_label: float | None = None) -> RocReport:
    """Confusion matrix and rates at ``threshold``, the ROC curve and its area, from the
    columns ``label`` and ``score`` of a CSV file (``calcml roc``).

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "hotdog.csv")
    >>> _ = open(path, "w").write("y,p\\n0,0.3\\n1,0.6\\n0,0.7\\n1,0.9\\n")
    >>> roc(path, "y", "p").to_dict()["auc"]["trapezoid"]
    0.75
    """
    import numpy as np

    from calcml.learn.csvdata import read_columns
    from calcml.metrics.worked import roc_report

    if label == score:
        raise InputError(f"--label and --score both name the column {label!r}: the true "
                         "classes and the scores must be different columns")
    columns = read_columns(path, [label, score])
    classes = columns[label]
    if np.all(classes == np.round(classes)):
        classes = classes.astype(np.int64)
    positive = pos_label if pos_label is None or pos_label != round(pos_label) \
        else int(pos_label)
    try:
        return roc_report(classes, columns[score], threshold, pos_label=positive)
    except InputError as err:
        raise InputError(f"{err} (in {path}: y_true is column {label!r}, y_score is "
                         f"column {score!r})") from None


class FitModel(StrEnum):
    line = "line"
    linear = "linear"
    logistic = "logistic"


class OptimizerName(StrEnum):
    gd = "gd"
    sgd = "sgd"
    momentum = "momentum"
    adam = "adam"


MAX_EPOCHS = 1_000_000


def optimizer_for(name: OptimizerName, params: list, lr: float) -> Any:
    """The optimizer called ``name`` over ``params``.

    >>> from calcml.learn import Line
    >>> optimizer_for(OptimizerName.gd, Line(m=0.9, b=0.1).parameters(), 0.01).lr
    0.01
    """
    from calcml.learn import GD, SGD, Adam, Momentum

    kinds = {"gd": GD, "sgd": SGD, "momentum": Momentum, "adam": Adam}
    return kinds[name.value](params, lr=lr)


def check_run(optimizer: OptimizerName, batch_size: int | None, epochs: int) -> None:
    """Refuse a mini-batch size with full-batch descent, and more than MAX_EPOCHS epochs.

    >>> check_run(OptimizerName.sgd, 4, 10)
    """
    if batch_size is not None and optimizer is OptimizerName.gd:
        raise InputError("--optimizer gd is full-batch gradient descent: leave --batch-size "
                         "out, or use --optimizer sgd for mini-batches")
    if epochs > MAX_EPOCHS:
        raise InputError(f"--epochs {epochs} is more than this command runs "
                         f"({MAX_EPOCHS:,} at most); ask for fewer epochs")


def _columns(text: str, option: str) -> list[str]:
    names = [c.strip() for c in text.split(",")]
    if not all(names):
        raise InputError(f"{option} takes column names separated by commas, e.g. "
                         f"{option} x1,x2; got {text!r}")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"{option} names column {twice[0]!r} twice; name each column once")
    return names


def _fit_model(kind: FitModel, xs: list[np.ndarray], y: np.ndarray, names: list[str],
               start: str | None) -> tuple[Any, Any, np.ndarray]:
    """The model, its cost and its input array for the chosen columns."""
    import numpy as np

    from calcml.learn import Line, LinearRegression, LogisticRegression, binary_cross_entropy, mse

    if start is not None and kind is not FitModel.line:
        raise InputError("--start gives m,b for --model line only")
    if kind is FitModel.line:
        if len(xs) != 1:
            raise InputError(f"--model line fits y = m x + b to one --x column, got "
                             f"{len(xs)} ({', '.join(names)}); use --model linear for several")
        m, b = _start(start)
        return Line(m=m, b=b), mse, xs[0]
    x = np.column_stack(xs)
    if kind is FitModel.linear:
        return LinearRegression(x.shape[1]), mse, x
    bad = y[(y != 0) & (y != 1)]
    if bad.size:
        raise InputError(f"--model logistic needs a --y column of 0/1 class labels; it holds "
                         f"{bad[0]:g}")
    return LogisticRegression(x.shape[1]), binary_cross_entropy, x


def _start(text: str | None) -> tuple[float, float]:
    import numpy as np
    if text is None:
        return 0.0, 0.0
    parts = text.split(",")
    try:
        m, b = (float(p) for p in parts)
    except ValueError:
        raise InputError(f"--start takes the starting slope and intercept as 'm,b', e.g. "
                         f"0.9,0.1; got {text!r}") from None
    if not (np.isfinite(m) and np.isfinite(b)):
        raise InputError(f"--start needs finite numbers, got {text!r}")
    return m, b


def _parameters(model: Any, names: list[str]) -> dict[str, float]:
    """Each fitted number by name; a weight is named by its column, e.g. ``w[x1]``."""
    import numpy as np
    out: dict[str, float] = {}
    for name, value in model.named_parameters().items():
        flat = np.ravel(value.numpy())
        if name == "w":
            out.update({f"w[{col}]": float(v) for col, v in zip(names, flat, strict=True)})
        else:
            out[name] = float(flat[0])
    return out


@dataclass
class FitResult:
    """What ``calcml fit`` reports, and the run behind it (for figures)."""

    report: dict[str, Any]
    history: Any
    inputs: np.ndarray = field(repr=False)
    labels: np.ndarray = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return self.report


def fit(data: str, x: str, y: str, model: FitModel = FitModel.line, lr: float = 0.01,
        epochs: int = 1000, optimizer: OptimizerName = OptimizerName.gd,
        batch_size: int | None = None, start: str | None = None,
        quiet: bool = True) -> FitResult:
    """Fit a model to columns of a CSV file by gradient descent (``calcml fit``).

    A run that diverges raises :class:`calcml.learn.TrainingDiverged` with its history.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "line.csv")
    >>> _ = open(path, "w").write("x,y\\n0,1\\n1,3\\n2,5\\n")
    >>> fit(path, "x", "y", lr=0.1, epochs=2000).report["parameters"]["m"] > 1.99
    True
    """
    import numpy as np

    from calcml.learn import train
    from calcml.learn.csvdata import read_columns

    model, optimizer = FitModel(model), OptimizerName(optimizer)
    check_run(optimizer, batch_size, epochs)
    names = _columns(x, "--x")
    target = _columns(y, "--y")
    if len(target) != 1 or target[0] in names:
        raise InputError(f"--y names one column, not among --x; got --x {x!r} --y {y!r}")
    table = read_columns(data, names + target)
    labels = table[target[0]]
    fitted, cost, inputs = _fit_model(model, [table[n] for n in names], labels, names, start)
    history = train(fitted, inputs, labels, cost=cost,
                    optimizer=optimizer_for(optimizer, fitted.parameters(), lr),
                    epochs=epochs, batch_size=batch_size, quiet=quiet)
    report = {"file": data, "rows": int(len(labels)), "model": model.value, "x": names,
              "y": target[0], "cost": cost.name, "optimizer": optimizer.value, "lr": lr,
              "epochs": len(history), "batch_size": batch_size,
              "parameters": _parameters(fitted, names), "final_cost": history.final_cost}
    if fitted.is_classifier:
        report["accuracy"] = float(np.mean(fitted.predict(inputs) == labels))
    return FitResult(report, history, inputs, labels)
