"""The confusion matrix and the rates that come from it.

Rows are the actual classes, columns the predicted ones (scikit-learn's layout). For two
classes::

                    predicted negative   predicted positive
    actual negative        TN                   FP
    actual positive        FN                   TP

    TPR = recall = sensitivity = TP / (TP + FN)     FPR = FP / (FP + TN)
    specificity = TN / (TN + FP) = 1 - FPR          precision = TP / (TP + FP)
    accuracy = (TP + TN) / all                      F1 = 2 TP / (2 TP + FP + FN)

A rate whose denominator is 0 (no actual positives, no positive predictions, ...) is
reported as 0.0, as scikit-learn does by default, and the result notes which one it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.expr.tables import Table, TableResult, format_number, plain
from calcml.metrics.validation import classes, column, same_length, sample_weights, shown

NORMALIZE = ("true", "pred", "all")


def confusion_matrix(y_true: Any, y_pred: Any, *, labels: Any = None,
                     sample_weight: Any = None, normalize: str | None = None) -> np.ndarray:
    """Counts of (actual class, predicted class): C[i, j] = samples of class i predicted j.

    Same results as ``sklearn.metrics.confusion_matrix``: any number of classes, the
    labels sorted unless ``labels`` gives their order (samples with other labels are
    left out), integer counts unless the weights are floats.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Actual and predicted class labels.
    labels : array-like of shape (n_classes,), default=None
        The classes, in the order of the rows and columns.
    sample_weight : array-like of shape (n_samples,), default=None
        Weights, zero or positive.
    normalize : {"true", "pred", "all"}, default=None
        Divide by the row sums (rates per actual class), the column sums, or the total;
        0/0 becomes 0.

    Returns
    -------
    ndarray of shape (n_classes, n_classes)

    Examples
    --------
    >>> confusion_matrix([0, 1, 0, 1], [1, 1, 1, 0]).tolist()
    [[0, 2], [1, 1]]
    >>> confusion_matrix(["cat", "ant", "cat"], ["ant", "ant", "cat"]).tolist()
    [[1, 0], [1, 1]]
    """
    actual, predicted = column("y_true", y_true), column("y_pred", y_pred)
    same_length(y_true=actual, y_pred=predicted)
    weight = sample_weights(sample_weight, actual.size)
    if normalize is not None and normalize not in NORMALIZE:
        raise InputError(f"normalize must be one of {', '.join(NORMALIZE)} or None, "
                         f"got {normalize!r}")
    order = _labels(actual, predicted, labels)
    k = order.size
    rows, cols = _index(order, actual), _index(order, predicted)
    kept = (rows < k) & (cols < k)
    counts = np.bincount(rows[kept] * k + cols[kept],
                         weights=None if weight is None else weight[kept], minlength=k * k)
    matrix = counts.reshape(k, k)
    whole = weight is None or np.asarray(sample_weight).dtype.kind in "biu"
    matrix = matrix.astype(np.int64) if whole else matrix
    return matrix if normalize is None else _normalized(matrix, normalize)


def _labels(actual: np.ndarray, predicted: np.ndarray, labels: Any) -> np.ndarray:
    found = classes("y_true", actual)
    found_pred = classes("y_pred", predicted)
    if (found.dtype.kind in "OUS") != (found_pred.dtype.kind in "OUS"):
        raise InputError(f"y_true has labels {shown(found)} but y_pred {shown(found_pred)}: "
                         "use labels of one type (all numbers or all text) in both")
    if labels is None:
        return np.union1d(found, found_pred)
    order = np.asarray(labels)
    if order.ndim != 1 or order.size == 0:
        raise InputError(f"labels must list at least one class, got {labels!r}")
    if (order.dtype.kind in "OUS") != (found.dtype.kind in "OUS"):
        raise InputError(f"labels {shown(order)} and the classes of y_true {shown(found)} "
                         "are of different types: list the classes as they appear in y_true")
    if np.unique(order).size != order.size:
        raise InputError(f"labels lists a class twice: {shown(order)}")
    if not np.isin(order, found).any():
        raise InputError(f"none of the labels {shown(order)} is in y_true, whose classes "
                         f"are {shown(found)}")
    return order


def _index(order: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The position of each value in ``order``; len(order) for a value not in it."""
    sorter = np.argsort(order, kind="stable")
    spot = np.searchsorted(order, values, sorter=sorter)
    spot = np.minimum(spot, order.size - 1)
    found = order[sorter[spot]] == values
    return np.where(found, sorter[spot], order.size)


def _normalized(matrix: np.ndarray, normalize: str) -> np.ndarray:
    axis = {"true": 1, "pred": 0, "all": None}[normalize]
    total = matrix.sum(axis=axis, keepdims=axis is not None)
    with np.errstate(all="ignore"):
        return np.nan_to_num(matrix / total)


@dataclass(frozen=True)
class ConfusionMatrix(TableResult):
    """A two-class confusion matrix (TN, FP, FN, TP) with its rates, shown and explained.

    >>> cm = rates([0, 0, 1, 1, 1], [0, 1, 1, 1, 0])
    >>> cm.tn, cm.fp, cm.fn, cm.tp
    (1, 1, 1, 2)
    >>> cm.tpr, cm.fpr, cm.precision
    (0.6666666666666666, 0.5, 0.6666666666666666)
    """

    tn: int | float
    fp: int | float
    fn: int | float
    tp: int | float
    negative: Any = 0
    positive: Any = 1

    @property
    def table(self) -> Table:
        """The 2 × 2 matrix, actual classes down, predicted across."""
        head = (f"predicted {self.negative} (negative)", f"predicted {self.positive} (positive)")
        return Table("Confusion matrix", ("",) + head,
                     ((f"actual {self.negative} (negative)", self.tn, self.fp),
                      (f"actual {self.positive} (positive)", self.fn, self.tp)))

    @property
    def tpr(self) -> float:
        """True-positive rate TP / (TP + FN): the share of actual positives found."""
        return _ratio(self.tp, self.tp + self.fn)

    recall = sensitivity = tpr

    @property
    def fpr(self) -> float:
        """False-positive rate FP / (FP + TN): the share of actual negatives flagged."""
        return _ratio(self.fp, self.fp + self.tn)

    @property
    def specificity(self) -> float:
        """True-negative rate TN / (TN + FP) = 1 - FPR."""
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def precision(self) -> float:
        """TP / (TP + FP): the share of positive predictions that are right."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def accuracy(self) -> float:
        """(TP + TN) / all samples."""
        return _ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn)

    @property
    def f1(self) -> float:
        """2 TP / (2 TP + FP + FN): the harmonic mean of precision and recall."""
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def rates(self) -> dict[str, float]:
        """Every rate by name, in a fixed order."""
        return {"tpr (recall, sensitivity)": self.tpr, "fpr": self.fpr,
                "specificity": self.specificity, "precision": self.precision,
                "accuracy": self.accuracy, "f1": self.f1}

    def zero_divisions(self) -> list[str]:
        """The rates whose denominator is 0 (reported as 0.0), with the reason."""
        cases = ((self.tp + self.fn, "tpr and recall: no actual positives"),
                 (self.fp + self.tn, "fpr and specificity: no actual negatives"),
                 (self.tp + self.fp, "precision: no positive predictions"),
                 (2 * self.tp + self.fp + self.fn, "f1: no positives, actual or predicted"))
        return [f"{why} (0/0, reported as 0)" for total, why in cases if total == 0]

    def to_text(self) -> str:
        """The matrix, then each rate with its formula, then any 0/0 notes."""
        formulas = ("TP/(TP+FN)", "FP/(FP+TN)", "TN/(TN+FP)", "TP/(TP+FP)",
                    "(TP+TN)/all", "2TP/(2TP+FP+FN)")
        lines = [self.table.to_text(), ""]
        width = max(len(name) for name in self.rates())
        for (name, value), formula in zip(self.rates().items(), formulas, strict=True):
            lines.append(f"{name.ljust(width)}  {format_number(value, 6):>10}  = {formula}")
        return "\n".join(lines + self.zero_divisions())

    def to_dict(self) -> dict[str, Any]:
        """Labels, counts, the matrix as lists, every rate and the 0/0 notes."""
        return {"negative": plain(self.negative), "positive": plain(self.positive),
                "tn": plain(self.tn), "fp": plain(self.fp), "fn": plain(self.fn),
                "tp": plain(self.tp),
                "matrix": [[plain(self.tn), plain(self.fp)], [plain(self.fn), plain(self.tp)]],
                "rates": {"tpr": self.tpr, "fpr": self.fpr, "specificity": self.specificity,
                          "precision": self.precision, "accuracy": self.accuracy,
                          "f1": self.f1},
                "notes": self.zero_divisions()}


def _ratio(top: float, bottom: float) -> float:
    return float(top / bottom) if bottom else 0.0


def rates(y_true: Any, y_pred: Any, *, pos_label: Any = None,
          sample_weight: Any = None) -> ConfusionMatrix:
    """The two-class confusion matrix of predictions, with TPR, FPR, precision, F1, ...

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        Actual and predicted labels, two classes at most between them.
    pos_label : int, float, bool or str, default=None
        The positive class; None means 1 (the labels must then be {0, 1} or {-1, 1}).
    sample_weight : array-like of shape (n_samples,), default=None
        Weights, zero or positive.

    Examples
    --------
    >>> cm = rates(["ham", "spam", "spam"], ["spam", "spam", "ham"], pos_label="spam")
    >>> cm.tp, cm.fp, cm.fn, cm.tn, cm.f1
    (1, 1, 1, 0, 0.5)
    """
    actual, predicted = column("y_true", y_true), column("y_pred", y_pred)
    found = np.union1d(classes("y_true", actual), classes("y_pred", predicted))
    if found.size > 2:
        raise InputError(f"y_true and y_pred hold {found.size} classes {shown(found)}; "
                         "rates are for two classes: compare one class against the rest")
    pos_label = _positive(found, pos_label)
    same_length(y_true=actual, y_pred=predicted)
    weight = sample_weights(sample_weight, actual.size)
    others = [v for v in found.tolist() if v != pos_label]
    truth, guess = actual == pos_label, predicted == pos_label
    tn, fp, fn, tp = (_total(mask, weight) for mask in
                      (~truth & ~guess, ~truth & guess, truth & ~guess, truth & guess))
    negative = others[0] if others else _other(pos_label)
    return ConfusionMatrix(tn, fp, fn, tp, negative=negative, positive=pos_label)


def _positive(found: np.ndarray, pos_label: Any) -> Any:
    """The positive class: ``pos_label``, which must occur, or 1 for 0/1 and -1/1 labels."""
    if pos_label is not None:
        if pos_label not in found.tolist():
            raise InputError(f"pos_label {pos_label!r} is not among the labels {shown(found)}")
        return pos_label
    if not set(found.tolist()) <= {0, 1} and not set(found.tolist()) <= {-1, 1}:
        raise InputError(f"the labels are {shown(found)} and pos_label is not given: "
                         "make them 0/1 (or -1/1), or pass pos_label=<the positive class>")
    return True if found.dtype.kind == "b" else 1


def _total(mask: np.ndarray, weight: np.ndarray | None) -> int | float:
    return int(np.count_nonzero(mask)) if weight is None else float(weight[mask].sum())


def _other(pos_label: Any) -> Any:
    """The negative class's name when only the positive one occurs."""
    if isinstance(pos_label, bool | np.bool_):
        return not pos_label
    return 0 if pos_label == 1 else f"not {pos_label}"
