"""The ROC curve and the area under it, with scikit-learn's signatures and results.

A classifier gives each sample a score; calling every sample with a score at or above a
threshold "positive" and moving the threshold from high to low traces the ROC curve:
the false-positive rate (x) against the true-positive rate (y). The area under it, the
AUC, is the chance that a random positive scores above a random negative.

>>> fpr, tpr, thresholds = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
>>> auc(fpr, tpr), roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
(0.75, 0.75)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.metrics.pairs import PairCounts, count_pairs
from calcml.metrics.validation import (
    binary_truth,
    classes,
    column,
    finite_scores,
    one_class,
    same_length,
    sample_weights,
    shown,
)


def roc_curve(y_true: Any, y_score: Any, *, pos_label: Any = None, sample_weight: Any = None,
              drop_intermediate: bool = True) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve: false- and true-positive rates as the threshold goes down.

    Same results as ``sklearn.metrics.roc_curve`` (1.9): one point per distinct score,
    tied scores together, the first threshold ``inf`` so the curve starts at (0, 0);
    ``drop_intermediate`` drops points on a straight line between their neighbours.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: {0, 1} or {-1, 1}, or any labels with ``pos_label``.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning "more likely positive" (probabilities or decision values).
    pos_label : int, float, bool or str, default=None
        The positive class; None means 1 (the labels must then be {0, 1} or {-1, 1}).
    sample_weight : array-like of shape (n_samples,), default=None
        Weights, zero or positive; zero-weight samples are left out.
    drop_intermediate : bool, default=True
        Drop thresholds whose point is collinear with its neighbours.

    Returns
    -------
    fpr, tpr : ndarray
        Increasing false-positive and true-positive rates, from 0 to 1.
    thresholds : ndarray
        Decreasing thresholds; point i counts the samples with score >= thresholds[i].

    Raises
    ------
    InputError
        Empty or differing lengths, non-finite scores, labels that are not two classes,
        only one class present (scikit-learn warns and returns NaN there).

    Examples
    --------
    >>> fpr, tpr, thresholds = roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2)
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0])
    >>> thresholds.tolist()
    [inf, 0.8, 0.4, 0.35, 0.1]
    """
    labels, score, weight = _checked(y_true, y_score, sample_weight)
    truth, _ = binary_truth(labels, pos_label, need="a ROC curve")
    fps, tps, thresholds = counts_at_thresholds(truth, score, weight)
    if drop_intermediate and fps.size > 2:
        corner = np.logical_or(np.diff(fps, 2), np.diff(tps, 2))
        keep = np.concatenate(([True], corner, [True]))
        fps, tps, thresholds = fps[keep], tps[keep], thresholds[keep]
    fps = np.concatenate(([0.0], fps))
    tps = np.concatenate(([0.0], tps))
    thresholds = np.concatenate(([np.inf], thresholds))
    return fps / fps[-1], tps / tps[-1], thresholds


def counts_at_thresholds(truth: np.ndarray, score: np.ndarray, weight: np.ndarray | None
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """False and true positives (weighted) at each distinct score, highest score first.

    As scikit-learn's ``confusion_matrix_at_thresholds``, for checked input: a stable
    descending sort, cumulative sums in float64, zero-weight samples left out.

    >>> fps, tps, t = counts_at_thresholds(np.array([False, True]), np.array([0.2, 0.9]), None)
    >>> fps.tolist(), tps.tolist(), t.tolist()
    ([0.0, 1.0], [1.0, 1.0], [0.9, 0.2])
    """
    if weight is not None:
        kept = weight != 0
        truth, score, weight = truth[kept], score[kept], weight[kept]
    # a stable sort from the highest score down, ties kept in their input order
    order = score.size - 1 - np.argsort(score[::-1], kind="stable")[::-1]
    score, truth = score[order], truth[order].astype(np.float64)
    ends = np.concatenate((np.flatnonzero(np.diff(score)), [score.size - 1]))
    if weight is None:
        tps = np.cumsum(truth, dtype=np.float64)[ends]
        fps = 1 + ends.astype(np.float64) - tps
    else:
        weight = weight[order]
        tps = np.cumsum(truth * weight, dtype=np.float64)[ends]
        fps = np.cumsum((1 - truth) * weight, dtype=np.float64)[ends]
    if tps.size == 0 or tps[-1] <= 0 or fps[-1] <= 0:
        raise InputError("after leaving out the zero-weight samples only one class is left; "
                         "a ROC curve needs positive and negative samples of nonzero weight")
    return fps, tps, score[ends]


def auc(x: Any, y: Any) -> float:
    """The area under a curve through the points (x, y), by the trapezoid rule.

    ``x`` must be monotonic, increasing or decreasing (the area is positive either way),
    as in ``sklearn.metrics.auc``.

    Parameters
    ----------
    x : array-like of shape (n,)
        x coordinates, at least two, all increasing or all decreasing.
    y : array-like of shape (n,)
        y coordinates.

    Returns
    -------
    float
        Σ (x[i+1] - x[i]) (y[i] + y[i+1]) / 2, with the sign of the direction of x.

    Examples
    --------
    The course's "hot dog / not hot dog" ROC curve:

    >>> auc([0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1])
    0.75
    >>> auc([1, 0.5, 0], [1, 1, 0])
    0.75
    """
    x = finite_scores("x", x)
    y = finite_scores("y", y)
    same_length(x=x, y=y)
    if x.size < 2:
        raise InputError(f"x has {x.size} point; the area under a curve needs at least 2")
    dx = np.diff(x)
    direction = 1.0
    if np.any(dx < 0):
        if np.any(dx > 0):
            up, down = int(np.flatnonzero(dx > 0)[0]), int(np.flatnonzero(dx < 0)[0])
            raise InputError("x is neither increasing nor decreasing: "
                             f"x[{up}] = {x[up]} < x[{up + 1}] = {x[up + 1]} but "
                             f"x[{down}] = {x[down]} > x[{down + 1}] = {x[down + 1]}; "
                             "sort the points by x first")
        direction = -1.0
    return float(direction * (dx * (y[1:] + y[:-1]) / 2.0).sum())


def roc_auc_score(y_true: Any, y_score: Any, *, sample_weight: Any = None) -> float:
    """The area under the ROC curve of a binary classifier's scores.

    Equal to ``sklearn.metrics.roc_auc_score`` (binary case) to about 1e-15, computed as
    the probability that a random positive outscores a random negative, ties counting
    one half (see :mod:`calcml.metrics.pairs`): without weights one sort and exact
    integer counts, faster than building the curve.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Two class labels; the greater one (1 of 0/1, "yes" of "no"/"yes") is positive.
    y_score : array-like of shape (n_samples,)
        Scores of the positive class.
    sample_weight : array-like of shape (n_samples,), default=None
        Weights, zero or positive.

    Returns
    -------
    float
        The AUC, between 0 and 1 (0.5 is chance).

    Examples
    --------
    >>> roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    >>> roc_auc_score(["no", "yes", "yes"], [0.2, 0.2, 0.9])
    0.75
    """
    return pair_counts(y_true, y_score, sample_weight=sample_weight).auc


def pair_counts(y_true: Any, y_score: Any, *, sample_weight: Any = None) -> PairCounts:
    """Wins and ties of the positives over the negatives: the AUC as a count of pairs.

    Labels as in :func:`roc_auc_score` (two classes, the greater one positive).

    Examples
    --------
    >>> counts = pair_counts([0, 0, 1, 1], [0.1, 0.4, 0.4, 0.8])
    >>> counts.wins, counts.ties, counts.pairs, counts.auc
    (3, 1, 4, 0.875)
    """
    labels, score, weight = _checked(y_true, y_score, sample_weight)
    found = classes("y_true", labels)
    if found.size == 1:
        one_class("y_true", found, "ROC AUC")
    if found.size > 2:
        raise InputError(f"y_true has {found.size} classes {shown(found)}; the ROC AUC here "
                         "is binary: compare one class against the rest, e.g. y_true == 2")
    counts = count_pairs(labels == found[1], score, weight)
    if counts.pairs <= 0:
        raise InputError("the positive or the negative samples all have zero weight; "
                         "ROC AUC needs both classes with nonzero weight")
    return counts


def _checked(y_true: Any, y_score: Any, sample_weight: Any
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """Labels, finite float64 scores and weights, all one value per sample."""
    labels = column("y_true", y_true)
    score = finite_scores("y_score", y_score)
    same_length(y_true=labels, y_score=score)
    return labels, score, sample_weights(sample_weight, labels.size)
