"""The roc command: calcml roc FILE.csv --label COL --score COL [--threshold T] [--plot F]."""

from typing import Annotated

import typer

from calcml.cli.app import Fmt, Format, Plot, _emit_table, _save, _table_format, app
from calcml.frontend.data import roc as shared_roc


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
    _table_format(fmt)
    report = shared_roc(path, label, score, threshold, pos_label)
    _emit_table(report, fmt)
    if plot:
        from calcml.plot.roc import plot_roc

        _save(plot_roc(report, title=f"ROC curve: {score} against {label}"), plot)
