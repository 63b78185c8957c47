"""Worked examples: the AUC computed two ways and shown equal, and a full ROC report.

The area under the ROC curve is an integral, worked two ways:

1. the trapezoid rule on the curve's points, Σ (fpr[i+1] - fpr[i]) (tpr[i] + tpr[i+1]) / 2;
2. the probability that a random positive outscores a random negative (ties count one
   half): (wins + ties / 2) / pairs.

They agree because each step of the curve is a block of pairs: lowering the threshold
past a group of tied scores with P positives and N negatives moves the curve N/negatives
right and P/positives up, and the trapezoid under that step holds the pairs the group's
positives win against the negatives below them, plus half of the P × N ties.

>>> two = auc_two_ways(*HOTDOG)
>>> two.trapezoid, two.rank
(0.75, 0.75)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number, plain
from calcml.metrics.confusion import ConfusionMatrix, rates
from calcml.metrics.pairs import PairCounts, count_pairs
from calcml.metrics.ranking import auc, roc_curve
from calcml.metrics.validation import (
    binary_truth,
    column,
    finite_scores,
    same_length,
    sample_weights,
)

# The course's "hot dog / not hot dog" classifier: four photos, two of hot dogs (1),
# scored so that the ROC curve runs (0,0) (0,0.5) (0.5,0.5) (0.5,1) (1,1), area 0.75.
HOTDOG = (np.array([1, 0, 1, 0]), np.array([0.9, 0.7, 0.6, 0.2]))
HOTDOG_CURVE = (np.array([0.0, 0.0, 0.5, 0.5, 1.0]), np.array([0.0, 0.5, 0.5, 1.0, 1.0]))
MAX_ROWS = 25


@dataclass(frozen=True)
class TrapezoidSum(TableResult):
    """A curve's points and the area under them by the trapezoid rule, one trapezoid per
    segment: width × (left height + right height) / 2, summed.

    >>> t = trapezoids(*HOTDOG_CURVE)
    >>> t.pieces.tolist(), t.area
    ([0.0, 0.25, 0.0, 0.5], 0.75)
    """

    x: np.ndarray
    y: np.ndarray
    area: float

    @property
    def pieces(self) -> np.ndarray:
        """The area of each segment's trapezoid (0 for a vertical segment)."""
        return np.abs(np.diff(self.x)) * (self.y[1:] + self.y[:-1]) / 2

    @property
    def table(self) -> Table:
        """One row per segment of the curve, the areas summed in a note."""
        x, y = self.x, self.y
        rows = tuple((i + 1, x[i], x[i + 1], y[i], y[i + 1], float(p))
                     for i, p in enumerate(self.pieces))
        return Table("Trapezoids under the curve: width × (left height + right height) / 2",
                     ("segment", "x from", "x to", "y left", "y right", "area"), rows,
                     notes=(f"sum of the areas = {format_number(self.area)}",))


def trapezoids(x: Any, y: Any) -> TrapezoidSum:
    """The trapezoid rule worked on a curve's points: one row per segment, areas summed.

    The points are checked as :func:`calcml.metrics.auc` checks them (x sorted either way).

    >>> t = trapezoids(*HOTDOG_CURVE)
    >>> t.table.column("area")
    [0.0, 0.25, 0.0, 0.5]
    >>> t.table.notes[0]
    'sum of the areas = 0.75'
    """
    area = auc(x, y)
    return TrapezoidSum(np.asarray(x, dtype=float), np.asarray(y, dtype=float), area)


@dataclass(frozen=True)
class AucTwoWays(TableResult):
    """The AUC as an integral (trapezoids under the ROC curve) and as a probability (pairs).

    >>> two = auc_two_ways([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    >>> two.counts
    PairCounts(wins=3, ties=0, positives=2, negatives=2)
    """

    trapezoid: float
    rank: float
    counts: PairCounts
    fpr: np.ndarray
    tpr: np.ndarray

    @property
    def table(self) -> Table:
        """One row per way, with how it is computed, and the difference between them."""
        c = self.counts
        pairs = f"({_n(c.wins)} wins + {_n(c.ties)} ties / 2) / {_n(c.pairs)} pairs"
        return Table("The area under the ROC curve, two ways", ("way", "computed as", "AUC"),
                     (("trapezoid rule", f"{self.fpr.size - 1} trapezoids under the curve",
                       self.trapezoid),
                      ("rank statistic", pairs, self.rank)),
                     notes=(f"difference: {abs(self.trapezoid - self.rank):.3g}",
                            "AUC = P(a positive outscores a negative) + P(tie) / 2: "
                            "each step of the curve is a block of pairs"))

    def to_text(self) -> str:
        """The two ways; for a short curve, every trapezoid too."""
        text = self.table.to_text()
        if self.fpr.size - 1 <= MAX_ROWS:
            text += "\n\n" + trapezoids(self.fpr, self.tpr).to_text()
        return text

    def to_dict(self) -> dict[str, Any]:
        """Both values, the pair counts and the difference."""
        c = self.counts
        return {"trapezoid": self.trapezoid, "rank": self.rank,
                "difference": abs(self.trapezoid - self.rank),
                "wins": plain(c.wins), "ties": plain(c.ties), "pairs": plain(c.pairs),
                "positives": plain(c.positives), "negatives": plain(c.negatives)}


def _n(value: float) -> str:
    return format_number(value, 6)


def auc_two_ways(y_true: Any, y_score: Any, *, pos_label: Any = None,
                 sample_weight: Any = None) -> AucTwoWays:
    """The AUC by the trapezoid rule on the ROC curve and by counting pairs, side by side.

    Parameters
    ----------
    y_true, y_score, pos_label, sample_weight
        As in :func:`calcml.metrics.roc_curve`.

    Examples
    --------
    >>> two = auc_two_ways([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    >>> two.trapezoid, two.rank, two.counts.ties
    (0.875, 0.875, 1)
    """
    truth, score, weight = _inputs(y_true, y_score, pos_label, sample_weight)
    fpr, tpr, _ = roc_curve(truth, score, sample_weight=weight)
    counts = count_pairs(truth, score, weight)
    return AucTwoWays(auc(fpr, tpr), counts.auc, counts, fpr, tpr)


def _inputs(y_true: Any, y_score: Any, pos_label: Any, sample_weight: Any
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    labels = column("y_true", y_true)
    score = finite_scores("y_score", y_score)
    same_length(y_true=labels, y_score=score)
    weight = sample_weights(sample_weight, labels.size)
    truth, _ = binary_truth(labels, pos_label, need="a ROC curve")
    return truth, score, weight


@dataclass(frozen=True)
class RocReport(TableResult):
    """A classifier's scores, worked: the confusion matrix at a threshold, its rates, the
    ROC curve and its area two ways.

    >>> report = roc_report(*HOTDOG, threshold=0.65)
    >>> report.confusion.tp, report.confusion.fp, report.auc
    (1, 1, 0.75)
    """

    threshold: float
    confusion: ConfusionMatrix
    thresholds: np.ndarray
    two_ways: AucTwoWays

    @property
    def auc(self) -> float:
        """The area under the ROC curve (the trapezoid rule)."""
        return self.two_ways.trapezoid

    @property
    def table(self) -> Table:
        """The ROC curve's points: threshold, FPR, TPR (at most 25 rows, evenly chosen)."""
        fpr, tpr = self.two_ways.fpr, self.two_ways.tpr
        shown = _spread(fpr.size, MAX_ROWS)
        rows = tuple((_threshold(self.thresholds[i]), fpr[i], tpr[i]) for i in shown)
        notes = ("a sample is called positive when its score >= the threshold",)
        if shown.size < fpr.size:
            notes += (f"{shown.size} of the {fpr.size} points; --format json lists all",)
        return Table(f"ROC curve ({fpr.size} points)", ("threshold", "fpr", "tpr"), rows,
                     notes=notes, digits=6)

    def to_text(self) -> str:
        """Matrix and rates at the threshold, the curve's points, the AUC two ways."""
        return "\n\n".join([f"Threshold {format_number(self.threshold)}: "
                            f"positive when score >= {format_number(self.threshold)}",
                            self.confusion.to_text(), self.table.to_text(),
                            self.two_ways.to_text()])

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        """Jupyter's rich display: the confusion matrix at the threshold, its rates and the
        AUC two ways as HTML tables, and everything as text.

        >>> html = roc_report(*HOTDOG, threshold=0.65)._repr_mimebundle_()["text/html"]
        >>> "<td>1</td>" in html and "AUC" in html
        True
        """
        from html import escape

        cm, two = self.confusion, self.two_ways
        cell = "<td>{}</td>".format
        matrix = (f"<table><tr><th></th><th>predicted {escape(str(cm.negative))}</th>"
                  f"<th>predicted {escape(str(cm.positive))}</th></tr>"
                  f"<tr><th>actual {escape(str(cm.negative))}</th>{cell(_n(cm.tn))}"
                  f"{cell(_n(cm.fp))}</tr><tr><th>actual {escape(str(cm.positive))}</th>"
                  f"{cell(_n(cm.fn))}{cell(_n(cm.tp))}</tr></table>")
        rates_ = "".join(f"<tr><th>{escape(name)}</th>{cell(_n(value))}</tr>"
                         for name, value in cm.rates().items())
        aucs = (f"<tr><th>AUC by the trapezoid rule</th>{cell(_n(two.trapezoid))}</tr>"
                f"<tr><th>AUC as P(positive outscores negative)</th>{cell(_n(two.rank))}</tr>")
        html = (f'<div class="calcml-roc"><p>Threshold {_n(self.threshold)}: positive when '
                f"score &ge; {_n(self.threshold)}; the point (FPR, TPR) = ({_n(cm.fpr)}, "
                f"{_n(cm.tpr)}) of a ROC curve with {two.fpr.size} points.</p>{matrix}"
                f"<table>{rates_}{aucs}</table></div>")
        return {"text/plain": self.to_text(), "text/html": html}

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain data; the first threshold, infinity, is written "inf"."""
        return {"threshold": self.threshold, "confusion": self.confusion.to_dict(),
                "roc": {"thresholds": [_threshold(t) for t in self.thresholds],
                        "fpr": self.two_ways.fpr.tolist(), "tpr": self.two_ways.tpr.tolist()},
                "auc": self.two_ways.to_dict()}


def _spread(n: int, most: int) -> np.ndarray:
    """Up to ``most`` indices from 0 to n - 1, evenly spread, both ends included."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))


def _threshold(value: float) -> float | str:
    return "inf" if math.isinf(value) else float(value)


def roc_report(y_true: Any, y_score: Any, threshold: float = 0.5, *, pos_label: Any = None,
               sample_weight: Any = None) -> RocReport:
    """Scores worked through: confusion matrix and rates at ``threshold``, ROC curve, AUC.

    Parameters
    ----------
    y_true, y_score, pos_label, sample_weight
        As in :func:`calcml.metrics.roc_curve`.
    threshold : float
        Samples scoring at or above it are predicted positive.

    Examples
    --------
    >>> report = roc_report([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], threshold=0.3)
    >>> report.confusion.tpr, report.confusion.fpr, report.auc
    (1.0, 0.5, 0.75)
    """
    if not (isinstance(threshold, int | float | np.number) and math.isfinite(threshold)):
        raise InputError(f"threshold must be a finite number, got {threshold!r}")
    labels = column("y_true", y_true)
    truth, score, weight = _inputs(labels, y_score, pos_label, sample_weight)
    positive = labels[truth][0].item()
    negative = labels[~truth][0].item()
    matrix = rates(truth, score >= threshold, pos_label=True, sample_weight=weight)
    matrix = replace(matrix, negative=negative, positive=positive)
    two_ways = auc_two_ways(truth, score, sample_weight=weight)
    _, _, thresholds = roc_curve(truth, score, sample_weight=weight)
    return RocReport(float(threshold), matrix, thresholds, two_ways)

