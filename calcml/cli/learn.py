"""Learning commands: ``calcml fit`` (a model fitted to columns of a CSV file) and
``calcml train`` (a classifier on a bundled data set, scored on held-out data)."""

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from calcml.cli.app import Fmt, Format, Plot, _echo_json, _save, _table_format, app
from calcml.errors import InputError
from calcml.frontend.data import FitModel, OptimizerName, check_run, optimizer_for
from calcml.frontend.data import fit as shared_fit


class DatasetName(StrEnum):
    digits = "digits"
    breast_cancer = "breast-cancer"


class NetModel(StrEnum):
    mlp = "mlp"
    logistic = "logistic"


TRAIN_LR = {"gd": 0.5, "sgd": 0.1, "momentum": 0.05, "adam": 0.01}
TRAIN_BATCH = 64

Optim = Annotated[OptimizerName, typer.Option(
    "--optimizer", "-o", help="gd: full-batch gradient descent; sgd; momentum (0.9); adam.")]
Epochs = Annotated[int, typer.Option("--epochs", "-e", help="Passes over the data.")]
BatchSize = Annotated[int | None, typer.Option(
    "--batch-size", "-b", help="Mini-batch size (not with gd).")]
DataFile = Annotated[str, typer.Argument(help="A CSV file with a header row.")]
XColumns = Annotated[str, typer.Option("--x", help="Input column(s): x or x1,x2.")]
YColumn = Annotated[str, typer.Option("--y", help="The column to predict.")]
FitModelOpt = Annotated[FitModel, typer.Option(
    "--model", "-m", help="line: y = m x + b; linear: x·w + b; logistic: sigmoid(x·w + b) "
    "for 0/1 labels.")]
FitRate = Annotated[float, typer.Option("--lr", help="Learning rate.")]
Start = Annotated[str | None, typer.Option(help="Starting 'm,b' for --model line (default 0,0).")]
HistoryPath = Annotated[str | None, typer.Option(
    "--history", help="Save every epoch (cost, parameters, gradients) as CSV.")]
DatasetOpt = Annotated[DatasetName, typer.Option(
    "--dataset", "-d", help="A data set bundled with scikit-learn.")]
NetModelOpt = Annotated[NetModel, typer.Option(
    "--model", "-m", help="mlp: a neural network; logistic: (softmax) logistic regression.")]
TrainRate = Annotated[float | None, typer.Option(
    "--lr", help="Learning rate (default: gd 0.5, sgd 0.1, momentum 0.05, adam 0.01).")]
TrainBatch = Annotated[int | None, typer.Option(
    "--batch-size", "-b", help="Mini-batch size (default 64; gd uses all the training data).")]
Hidden = Annotated[str | None, typer.Option(
    help="Hidden layer sizes of the mlp, e.g. 32 or 64,32 [default: 32].")]
Seed = Annotated[int, typer.Option(help="Seed of the split and the weights.")]
Quiet = Annotated[bool, typer.Option(
    "--quiet", "-q", help="Only the final line: no progress, no table.")]


def _write_history(history: Any, path: str | None) -> None:
    if path is None:
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"cannot write {target.name!r}: folder {target.parent} does not exist")
    history.to_csv(target)
    typer.echo(f"history saved to {path}", err=True)


@app.command("fit")
def fit_cmd(data: DataFile, x: XColumns, y: YColumn, model: FitModelOpt = FitModel.line,
            lr: FitRate = 0.01, epochs: Epochs = 1000, optimizer: Optim = OptimizerName.gd,
            batch_size: BatchSize = None, start: Start = None, fmt: Fmt = Format.text,
            plot: Plot = None, history_path: HistoryPath = None) -> None:
    """Fit a model to columns of a CSV file by gradient descent; print what it learned."""
    from calcml.learn import TrainingDiverged

    _table_format(fmt)
    try:
        result = shared_fit(data, x, y, model, lr, epochs, optimizer, batch_size, start,
                            quiet=fmt is Format.json)
    except TrainingDiverged as err:
        _write_history(err.history, history_path)
        raise
    figure = _fit_figure(result, model) if plot else None
    _print_fit(result.report, fmt)
    _write_history(result.history, history_path)
    if plot:
        _save(figure, plot)


def _fit_figure(result: Any, model: FitModel) -> Any:
    """The fitted line over the data (a line), else the cost per epoch; drawn before
    anything is printed."""
    from calcml.plot.learn import plot_cost_curve, plot_regression

    if model is FitModel.line:
        return plot_regression(result.history, result.inputs, result.labels)
    return plot_cost_curve(result.history)


def _print_fit(report: dict[str, Any], fmt: Format) -> None:
    if fmt is Format.json:
        _echo_json(report)
        return
    batch = "full batch" if report["batch_size"] is None else f"batch {report['batch_size']}"
    typer.echo(f"fitted {report['model']} to {report['rows']} rows of {report['file']}: "
               f"{report['y']} from {', '.join(report['x'])}")
    typer.echo(f"{report['optimizer']}, lr={report['lr']:g}, {report['epochs']} epochs, "
               f"{batch}")
    width = max(len(name) for name in report["parameters"])
    for name, value in report["parameters"].items():
        typer.echo(f"  {name:<{width}} = {value:.6g}")
    if report["model"] == "line":
        m, b = report["parameters"]["m"], report["parameters"]["b"]
        typer.echo(f"line: {report['y']} = {m:.6g} {report['x'][0]} {'-' if b < 0 else '+'} "
                   f"{abs(b):.6g}")
    typer.echo(f"final cost ({report['cost']}) = {report['final_cost']:.6g}")
    if "accuracy" in report:
        typer.echo(f"accuracy on these rows = {report['accuracy']:.1%}")


def _network(split: Any, kind: NetModel, hidden: str | None, seed: int) -> tuple[Any, Any]:
    """The model and cost for a data set: binary logistic regression, softmax regression
    (an MLP without hidden layers) for several classes, or an MLP."""
    from calcml.learn import MLP, LogisticRegression, binary_cross_entropy, softmax_cross_entropy

    n_in, n_out = split.x_train.shape[1], len(split.target_names)
    if kind is NetModel.logistic:
        if hidden is not None:
            raise InputError("--hidden sets the hidden layers of an mlp; logistic regression "
                             "has none: drop --hidden or use --model mlp")
        if n_out == 2:
            return LogisticRegression(n_in, seed=seed), binary_cross_entropy
        return MLP([n_in, n_out], seed=seed), softmax_cross_entropy
    return MLP([n_in, *_layer_sizes(hidden or "32"), n_out], seed=seed), softmax_cross_entropy


def _layer_sizes(hidden: str) -> list[int]:
    """The --hidden sizes: 1 to 8 whole numbers from 1 to 4096, separated by commas."""
    try:
        sizes = [int(h) for h in hidden.split(",")]
    except ValueError:
        sizes = []
    if not 1 <= len(sizes) <= 8 or not all(1 <= h <= 4096 for h in sizes):
        raise InputError(f"--hidden takes 1 to 8 layer sizes from 1 to 4096, separated by "
                         f"commas, e.g. 32 or 64,32; got {hidden!r}")
    return sizes


def _progress_rows(history: Any, model: Any, split: Any) -> list[dict[str, Any]]:
    """About ten rows of the run (cost and accuracies at the start of chosen epochs), and
    a last row for the trained model."""
    import numpy as np

    n = len(history)
    every = max(1, n // 10)
    metrics = history.metrics
    rows = [{"epoch": k, "cost": history.cost[k], "train_accuracy": metrics["train_accuracy"][k],
             "test_accuracy": metrics["test_accuracy"][k]} for k in range(0, n, every)]
    rows.append({"epoch": n, "cost": history.final_cost,
                 "train_accuracy": float(np.mean(model.predict(split.x_train) == split.y_train)),
                 "test_accuracy": float(np.mean(model.predict(split.x_test) == split.y_test))})
    return rows


@app.command("train")
def train_cmd(dataset: DatasetOpt, model: NetModelOpt = NetModel.mlp, epochs: Epochs = 30,
              optimizer: Optim = OptimizerName.adam, lr: TrainRate = None,
              batch_size: TrainBatch = None, hidden: Hidden = None, seed: Seed = 0,
              fmt: Fmt = Format.text, plot: Plot = None, quiet: Quiet = False) -> None:
    """Train a classifier on a real data set; print train and test accuracy as it learns."""
    from calcml.learn import datasets, train

    _table_format(fmt)
    check_run(optimizer, batch_size, epochs)
    split = (datasets.digits if dataset is DatasetName.digits else datasets.breast_cancer)(
        seed=seed)
    net, cost = _network(split, model, hidden, seed)
    batch = batch_size or (None if optimizer is OptimizerName.gd else TRAIN_BATCH)
    rate = TRAIN_LR[optimizer.value] if lr is None else lr
    descent = optimizer_for(optimizer, net.parameters(), rate)
    started = time.perf_counter()
    history = train(net, split.x_train, split.y_train, cost=cost, optimizer=descent,
                    epochs=epochs, batch_size=batch, seed=seed,
                    validation=(split.x_test, split.y_test), quiet=quiet or fmt is Format.json)
    seconds = time.perf_counter() - started
    rows = _progress_rows(history, net, split)
    figure = _accuracy_figure(history) if plot else None
    if fmt is Format.json:
        _echo_json({"dataset": dataset.value, "model": repr(net), "optimizer": repr(descent),
                    "epochs": epochs, "batch_size": batch, "seconds": seconds,
                    "test_accuracy": rows[-1]["test_accuracy"], "rows": rows})
    else:
        _print_train(rows, net, split, seconds, quiet)
    if plot:
        _save(figure, plot)


def _accuracy_figure(history: Any) -> Any:
    """Train and test accuracy per epoch; drawn before anything is printed."""
    from calcml.plot.learn import plot_accuracy

    return plot_accuracy(history)


def _print_train(rows: list[dict[str, Any]], net: Any, split: Any, seconds: float,
                 quiet: bool) -> None:
    if not quiet:
        typer.echo(f"{net!r}: {split.x_train.shape[0]} training and {split.x_test.shape[0]} "
                   f"test samples, {split.x_train.shape[1]} features")
        typer.echo(f"{'epoch':>6}  {'cost':>9}  {'train acc':>9}  {'test acc':>9}")
        for row in rows:
            typer.echo(f"{row['epoch']:>6}  {row['cost']:>9.4f}  {row['train_accuracy']:>9.1%}"
                       f"  {row['test_accuracy']:>9.1%}")
    typer.echo(f"final test accuracy: {rows[-1]['test_accuracy']:.1%} "
               f"({split.x_test.shape[0]} test samples), trained in {seconds:.2f} s")
