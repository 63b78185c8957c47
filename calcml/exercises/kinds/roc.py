"""Value problems of lesson 8's classifier side, solved by :mod:`calcml.metrics`.

Tasks (``"kind": "value"``) and their answers:

- ``"confusion-counts"``: ``labels`` (1 positive, 0 negative), ``scores`` and a
  ``threshold`` (a sample is predicted positive when its score is at least the
  threshold). The answer is the four counts in the fixed order **(TP, FP, FN, TN)**:
  true positives, false positives, false negatives, true negatives.
- ``"tpr-fpr"``: the same inputs; the answer is **(TPR, FPR)** =
  (TP / (TP + FN), FP / (FP + TN)), exact fractions.
- ``"auc-trapezoids"``: the ROC curve's points, ``fpr`` and ``tpr``; the answer is the
  area under it by the trapezoid rule.
- ``"auc-from-scores"``: ``labels`` and ``scores``; the answer is the area under their
  ROC curve.

>>> from calcml.exercises.checking import check
>>> check({"kind": "value", "problem": "auc-trapezoids", "fpr": [0, 0, 0.5, 0.5, 1],
...        "tpr": [0, 0.5, 0.5, 1, 1]}, "3/4").correct
True
>>> check({"kind": "value", "problem": "confusion-counts", "labels": [1, 0, 1, 0],
...        "scores": [0.9, 0.7, 0.6, 0.2], "threshold": 0.65}, "(1, 1, 1, 1)").correct
True
"""

from __future__ import annotations

from typing import Any

import sympy

from calcml.errors import InputError
from calcml.exercises.kinds.value import value_problem
from calcml.metrics import RocReport, auc, roc_auc_score, roc_report

COUNTS_ORDER = ("TP", "FP", "FN", "TN")


def _numbers(task: dict[str, Any], key: str) -> list[float]:
    values = task.get(key)
    if not isinstance(values, list) or not values or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        raise InputError(f'the task needs "{key}" as a list of numbers, e.g. [0.9, 0.4]')
    return values


def _labels(task: dict[str, Any]) -> list[int]:
    labels = task.get("labels")
    if not isinstance(labels, list) or not labels or any(
            isinstance(v, bool) or v not in (0, 1) for v in labels):
        raise InputError('the task needs "labels" as a list of 0s and 1s (1 = positive), '
                         "e.g. [1, 0, 1, 0]")
    return labels


def _threshold(task: dict[str, Any]) -> float:
    t = task.get("threshold")
    if isinstance(t, bool) or not isinstance(t, int | float):
        raise InputError(f'the task needs "threshold" as a number, e.g. 0.5, not {t!r}')
    return float(t)


def report_for(task: dict[str, Any]) -> RocReport:
    """The engine's worked report for a task with labels, scores and a threshold.

    >>> report_for({"labels": [1, 0], "scores": [0.8, 0.3], "threshold": 0.5}).auc
    1.0
    """
    return roc_report(_labels(task), _numbers(task, "scores"), _threshold(task))


@value_problem("confusion-counts", "the counts (TP, FP, FN, TN), four whole numbers")
def confusion_counts(task: dict[str, Any]) -> tuple[int, int, int, int]:
    """(TP, FP, FN, TN) at the task's threshold.

    >>> confusion_counts({"labels": [1, 0, 1, 0], "scores": [0.9, 0.7, 0.6, 0.2],
    ...                   "threshold": 0.5})
    (2, 1, 0, 1)
    """
    cm = report_for(task).confusion
    return cm.tp, cm.fp, cm.fn, cm.tn


@value_problem("tpr-fpr", "the rates (TPR, FPR), two numbers")
def tpr_fpr(task: dict[str, Any]) -> tuple[sympy.Rational, sympy.Rational]:
    """(TPR, FPR) at the task's threshold, as exact fractions.

    >>> tpr_fpr({"labels": [1, 0, 1, 0], "scores": [0.9, 0.7, 0.6, 0.2], "threshold": 0.5})
    (1, 1/2)
    """
    cm = report_for(task).confusion
    return (sympy.Rational(cm.tp, cm.tp + cm.fn), sympy.Rational(cm.fp, cm.fp + cm.tn))


@value_problem("auc-trapezoids", "the area under the curve, a number")
def auc_trapezoids(task: dict[str, Any]) -> float:
    """The trapezoid-rule area under the points (fpr, tpr).

    >>> auc_trapezoids({"fpr": [0, 0, 0.5, 0.5, 1], "tpr": [0, 0.5, 0.5, 1, 1]})
    0.75
    """
    return auc(_numbers(task, "fpr"), _numbers(task, "tpr"))


@value_problem("auc-from-scores", "the area under the ROC curve, a number")
def auc_from_scores(task: dict[str, Any]) -> float:
    """The area under the ROC curve of the task's labels and scores.

    >>> auc_from_scores({"labels": [1, 0, 1, 0], "scores": [0.9, 0.7, 0.6, 0.2]})
    0.75
    """
    return roc_auc_score(_labels(task), _numbers(task, "scores"))
