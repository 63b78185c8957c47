"""Buggy rules for the classifier's numbers: the true- and false-positive rates swapped,
and the false positives and false negatives swapped.

A learner who mixes up TPR = TP / (TP + FN) (down the positive row of the confusion
matrix) with FPR = FP / (FP + TN) (down the negative row) gives (FPR, TPR) for the pair of
rates, and, drawing the curve with its axes swapped, measures the area to its left:
the trapezoids of the points (tpr, fpr).

>>> from calcml.exercises.checking import check
>>> task = {"kind": "value", "problem": "tpr-fpr", "labels": [1, 0, 1, 0, 0],
...         "scores": [0.9, 0.7, 0.6, 0.2, 0.1], "threshold": 0.5}
>>> check(task, "(1/3, 1)").mistake
'tpr-fpr-swapped'
"""

from __future__ import annotations

from typing import Any

from calcml.exercises.kinds.roc import confusion_counts, tpr_fpr
from calcml.exercises.model import Mistake, register_mistake
from calcml.metrics import auc, roc_curve


def _swapped(task: dict[str, Any]) -> Any:
    problem = task.get("problem")
    if problem == "tpr-fpr":
        tpr, fpr = tpr_fpr(task)
        return fpr, tpr
    if problem == "auc-trapezoids":
        return auc(task["tpr"], task["fpr"])
    if problem == "auc-from-scores":
        fpr, tpr, _ = roc_curve(task["labels"], task["scores"])
        return auc(tpr, fpr)
    return None


register_mistake(Mistake(
    id="tpr-fpr-swapped", title="True- and false-positive rates swapped", kinds=("value",),
    wrong=_swapped,
    message=("The true-positive and false-positive rates are swapped: TPR = TP / (TP + FN) "
             "counts the actual positives found, FPR = FP / (FP + TN) the actual negatives "
             "flagged; the ROC curve has FPR across and TPR up."),
    step="The rates from the confusion matrix: TPR from the positive row, FPR from the "
         "negative row.",
    example=({"kind": "value", "problem": "tpr-fpr", "labels": [1, 0, 1, 0, 0],
              "scores": [0.9, 0.7, 0.6, 0.2, 0.1], "threshold": 0.5}, "(1/3, 1)")))


def _false_swapped(task: dict[str, Any]) -> Any:
    if task.get("problem") != "confusion-counts":
        return None
    tp, fp, fn, tn = confusion_counts(task)
    return tp, fn, fp, tn


register_mistake(Mistake(
    id="false-positive-negative-swapped", title="False positives and false negatives "
    "swapped", kinds=("value",), wrong=_false_swapped,
    message=("The false positives and false negatives are swapped: a false positive is an "
             "actual negative (0) predicted positive, a false negative an actual positive "
             "(1) predicted negative; the word names the prediction, which was false."),
    step="The confusion matrix: FP in the actual-negative row, FN in the actual-positive "
         "row.",
    example=({"kind": "value", "problem": "confusion-counts", "labels": [1, 0, 1, 0, 0],
              "scores": [0.9, 0.7, 0.4, 0.6, 0.1], "threshold": 0.5}, "(1, 1, 2, 1)")))
