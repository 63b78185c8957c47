"""The roc command: calcml roc FILE.csv --label COL --score COL [--threshold T] [--plot F]."""

from __future__ import annotations

from typing import Annotated

import numpy as np
import typer

from calcml.cli.app import Fmt, Format, Plot, _emit_table, _save, _table_format, app
from calcml.errors import InputError


@app.command("roc")
def roc_cmd(path: Annotated[str, typer.Argument(help="A CSV file with a header row.")],
            label: Annotated[str, typer.Option(
                "--label", "-l", help="The column of true classes: 0/1, -1/1, or any two "
                "numbers with --pos-label.")],
            score: Annotated[str, typer.Option(
                "--score", "-s", help="The column of scores (higher: more likely positive).")],
            threshold: Annotated[float, typer.Option(
                "--threshold", "-t", help="Predict positive when score >= this.")] = 0.5,
            pos_label: Annotated[float | None, typer.Option(
                "--pos-label", help="The positive class's value in --label.")] = None,
            fmt: Fmt = Format.text, plot: Plot = None) -> None:
    """Confusion matrix and rates at a threshold, the ROC curve and its area, from a CSV."""
    from calcml.learn.csvdata import read_columns
    from calcml.metrics.worked import roc_report

    _table_format(fmt)
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
        report = roc_report(classes, columns[score], threshold, pos_label=positive)
    except InputError as err:
        raise InputError(f"{err} (in {path}: y_true is column {label!r}, y_score is "
                         f"column {score!r})") from None
    _emit_table(report, fmt)
    if plot:
        from calcml.plot.roc import plot_roc

        _save(plot_roc(classes, columns[score], threshold, pos_label=positive,
                       title=f"ROC curve: {score} against {label}"), plot)
