"""Lesson 8 practice, the classifier side: the confusion matrix at a threshold, the true-
and false-positive rates, and the area under the ROC curve by trapezoids.

The generators choose the answer first: the four counts of the confusion matrix (then
scores on the right side of the threshold for each sample), or the order in which
positives and negatives come down the score list (then the curve it draws). The worked
solutions are :mod:`calcml.metrics`' reports.

>>> from calcml.exercises import generate
>>> generate("confusion-matrix", seed=1, level=1).task["problem"]
'confusion-counts'
"""

from __future__ import annotations

import functools
import random
import string
from fractions import Fraction
from typing import Any

import sympy

from calcml.exercises.generators import prompting
from calcml.exercises.generators.integrals import table_prompt
from calcml.exercises.kinds.roc import report_for
from calcml.exercises.model import Exercise, Skill, register
from calcml.expr.printing import to_text
from calcml.expr.tables import format_number
from calcml.metrics import auc_two_ways, trapezoids

RATE_TOLERANCE = 0.005
RULE = ("A sample is predicted positive (1) when its score is at least the threshold. "
        "TP: actual 1, predicted 1. FP: actual 0, predicted 1. FN: actual 1, predicted 0. "
        "TN: actual 0, predicted 0.")


def _counts(rng: random.Random, level: int) -> tuple[int, int, int, int]:
    """(TP, FP, FN, TN) with at least one actual positive and one actual negative."""
    top = {1: 2, 2: 3, 3: 4}[level]
    while True:
        tp, fp, fn, tn = (rng.randint(0, top) for _ in range(4))
        if tp + fn and fp + tn and 4 <= tp + fp + fn + tn <= 4 + 2 * level:
            return tp, fp, fn, tn


def _samples(rng: random.Random, level: int, counts: tuple[int, int, int, int]
             ) -> tuple[list[int], list[float], float]:
    """Labels and scores (two decimals, all different) with the given counts at a
    threshold; at level 3 one score may sit exactly on the threshold (predicted 1)."""
    threshold = 0.5 if level == 1 else rng.choice([0.4, 0.5, 0.6, 0.7])
    steps = int(round(threshold * 100))
    above = rng.sample(range(steps + 1, 100), counts[0] + counts[1])
    below = rng.sample(range(1, steps), counts[2] + counts[3])
    if level == 3 and above and rng.random() < 0.5:
        above[0] = steps
    tp, fp, fn, _ = counts
    kinds = ([(1, s) for s in above[:tp]] + [(0, s) for s in above[tp:]]
             + [(1, s) for s in below[:fn]] + [(0, s) for s in below[fn:]])
    rng.shuffle(kinds)
    return [k for k, _ in kinds], [s / 100 for _, s in kinds], threshold


def _score_task(problem: str, labels: list[int], scores: list[float], threshold: float
                ) -> dict[str, Any]:
    return {"kind": "value", "problem": problem, "labels": labels, "scores": scores,
            "threshold": threshold}


def _sample_rows(labels: list[int], scores: list[float]) -> list[tuple[str, list[Any]]]:
    names = list(string.ascii_uppercase[:len(labels)])
    return [("sample", names), ("actual class", labels), ("score", scores)]


def _predictions(labels: list[int], scores: list[float], threshold: float) -> str:
    marks = [f"{name} → {int(s >= threshold)}" for name, s in
             zip(string.ascii_uppercase, scores, strict=False)]
    return (f"Predicted classes at threshold {format_number(threshold)} (score ≥ "
            f"{format_number(threshold)} gives 1): {', '.join(marks)}.")


@register(Skill(id="confusion-matrix", title="The confusion matrix at a threshold", lesson=8,
                description="Count TP, FP, FN and TN from labels, scores and a threshold."))
def confusion(seed: int, level: int) -> Exercise:
    """4 to 6 samples at threshold 0.5 (1), up to 8 at other thresholds (2), up to 10
    with a score on the threshold (3)."""
    rng = prompting.rng("confusion-matrix", seed, level)
    counts = _counts(rng, level)
    labels, scores, t = _samples(rng, level, counts)
    task = _score_task("confusion-counts", labels, scores, t)
    prompt = table_prompt(f"A classifier scored {len(labels)} samples (actual class 1 is "
                          "positive):", _sample_rows(labels, scores),
                          f"At threshold {format_number(t)}, give the confusion matrix's "
                          "counts as (TP, FP, FN, TN).")
    hints = (RULE, f"Go through the samples one at a time: compare each score with "
                   f"{format_number(t)}, then put the sample in one of the four boxes.",
             _predictions(labels, scores, t))
    return Exercise(skill="confusion-matrix", seed=seed, level=level, prompt=prompt,
                    task=task, answer=counts, answer_text=str(counts), hints=hints,
                    make_solution=lambda: report_for(task))


@register(Skill(id="tpr-fpr-at-threshold", title="True- and false-positive rates at a "
                "threshold", lesson=8, prerequisites=("confusion-matrix",),
                description="TPR = TP/(TP + FN) and FPR = FP/(FP + TN): one point of the "
                "ROC curve."))
def rates_at_threshold(seed: int, level: int) -> Exercise:
    """The rates at a threshold, from samples as in ``confusion-matrix``."""
    rng = prompting.rng("tpr-fpr-at-threshold", seed, level)
    tp, fp, fn, tn = _counts(rng, level)
    labels, scores, t = _samples(rng, level, (tp, fp, fn, tn))
    task = _score_task("tpr-fpr", labels, scores, t) | {"tolerance": RATE_TOLERANCE}
    answer = (sympy.Rational(tp, tp + fn), sympy.Rational(fp, fp + tn))
    prompt = table_prompt(f"A classifier scored {len(labels)} samples (actual class 1 is "
                          "positive):", _sample_rows(labels, scores),
                          f"At threshold {format_number(t)}, give (TPR, FPR), as fractions "
                          "or decimals to 2 places.")
    hints = ("TPR = TP / (TP + FN), the share of actual positives predicted positive; "
             "FPR = FP / (FP + TN), the share of actual negatives predicted positive.",
             f"Count the confusion matrix at threshold {format_number(t)} first.",
             f"There are {tp + fn} actual positives and {fp + tn} actual negatives. "
             + _predictions(labels, scores, t))
    return Exercise(skill="tpr-fpr-at-threshold", seed=seed, level=level, prompt=prompt,
                    task=task, answer=answer,
                    answer_text=f"({to_text(answer[0])}, {to_text(answer[1])})",
                    hints=hints, make_solution=lambda: report_for(task))


def _ranking(rng: random.Random, level: int) -> list[tuple[int, int]]:
    """Groups down the score list, highest first: (positives, negatives) in each; a group
    with both is a tie, a diagonal piece of the curve."""
    positives, negatives = rng.choice([(2, 2), (2, 4), (4, 2), (4, 4), (4, 5), (5, 4)][
        :{1: 1, 2: 4, 3: 6}[level]])
    order = [1] * positives + [0] * negatives
    while True:
        rng.shuffle(order)
        if order[0] == 1 and order[-1] == 0:
            break
    groups = [(k, 1 - k) for k in order]
    if level >= 2:
        for i in range(len(groups) - 1):
            if groups[i][0] != groups[i + 1][0] and rng.random() < 0.3:
                groups[i:i + 2] = [(1, 1)]
                break
    return groups


def _curve(groups: list[tuple[int, int]]) -> tuple[list[Fraction], list[Fraction]]:
    positives = sum(p for p, _ in groups)
    negatives = sum(n for _, n in groups)
    fpr, tpr = [Fraction(0)], [Fraction(0)]
    for p, n in groups:
        fpr.append(fpr[-1] + Fraction(n, negatives))
        tpr.append(tpr[-1] + Fraction(p, positives))
    return fpr, tpr


def _area(fpr: list[Fraction], tpr: list[Fraction]) -> Fraction:
    return sum(((fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2
                for i in range(len(fpr) - 1)), Fraction(0))


def _scores_for(groups: list[tuple[int, int]]) -> tuple[list[int], list[float]]:
    """Labels and scores that draw the curve of ``groups`` (a tie shares one score)."""
    labels, scores = [], []
    for i, (p, n) in enumerate(groups):
        score = round(0.95 - 0.1 * i, 2)
        labels += [1] * p + [0] * n
        scores += [score] * (p + n)
    return labels, scores


def _sorted_line(labels: list[int], scores: list[float]) -> str:
    """The first line of the work on scores: the samples sorted, highest score first."""
    named = sorted(zip(scores, string.ascii_uppercase, labels, strict=False),
                   key=lambda item: (-item[0], item[1]))
    shown = ", ".join(f"{name} ({'positive' if label else 'negative'}, "
                      f"{format_number(score)})" for score, name, label in named)
    return f"Highest score first: {shown}. Start the curve at (0, 0)."


def _first_piece(fpr: list[Fraction], tpr: list[Fraction]) -> str:
    """The first line of the work: the first piece of the curve that adds area."""
    i = next(i for i in range(len(fpr) - 1) if fpr[i + 1] > fpr[i])
    width, area = fpr[i + 1] - fpr[i], (fpr[i + 1] - fpr[i]) * (tpr[i] + tpr[i + 1]) / 2
    show = [format_number(float(v)) for v in (fpr[i], tpr[i], fpr[i + 1], tpr[i + 1],
                                               width, area)]
    return (f"The first piece with width runs from ({show[0]}, {show[1]}) to ({show[2]}, "
            f"{show[3]}): width {show[4]}, heights {show[1]} and {show[3]}, area "
            f"{show[4]} × ({show[1]} + {show[3]})/2 = {show[5]}.")


@register(Skill(id="auc-trapezoids", title="The area under the ROC curve by trapezoids",
                lesson=8, prerequisites=("tpr-fpr-at-threshold",),
                description="AUC = Σ (x₂ − x₁)(y₁ + y₂)/2 over the curve's pieces."))
def auc_by_trapezoids(seed: int, level: int) -> Exercise:
    """The curve's points given: a staircase (1), with a diagonal piece (2); or the
    samples' labels and scores, whose curve the learner draws first (3)."""
    rng = prompting.rng("auc-trapezoids", seed, level)
    groups = _ranking(rng, level)
    fpr, tpr = _curve(groups)
    answer = sympy.Rational(_area(fpr, tpr).numerator, _area(fpr, tpr).denominator)
    hints = ["Trapezoid rule: add (x₂ − x₁)(y₁ + y₂)/2 over each piece of the curve, x "
             "the FPR and y the TPR; a vertical piece adds nothing."]
    if level < 3:
        points = [float(v) for v in fpr], [float(v) for v in tpr]
        task = {"kind": "value", "problem": "auc-trapezoids", "fpr": points[0],
                "tpr": points[1], "tolerance": RATE_TOLERANCE}
        prompt = table_prompt("An ROC curve runs through these points, in order:",
                              [("FPR", points[0]), ("TPR", points[1])],
                              "Find the area under it (the AUC).")
        hints += ["A piece along the x-axis direction is a rectangle, a sloping one a "
                  "trapezoid; find the width and the two heights of each.",
                  _first_piece(fpr, tpr)]
        solution = functools.partial(trapezoids, *points)
    else:
        labels, scores = _scores_for(groups)
        order = rng.sample(range(len(labels)), len(labels))
        labels, scores = [labels[i] for i in order], [scores[i] for i in order]
        task = {"kind": "value", "problem": "auc-from-scores", "labels": labels,
                "scores": scores, "tolerance": RATE_TOLERANCE}
        prompt = table_prompt("A classifier scored these samples (actual class 1 is "
                              "positive):", _sample_rows(labels, scores),
                              "Find the area under its ROC curve (the AUC).")
        hints += [f"Sort by score, highest first; each positive moves the curve up by "
                  f"1/{sum(labels)}, each negative right by 1/{len(labels) - sum(labels)}, "
                  "and a tie between them moves diagonally.",
                  _sorted_line(labels, scores)]
        solution = functools.partial(auc_two_ways, labels, scores)
    return Exercise(skill="auc-trapezoids", seed=seed, level=level, prompt=prompt, task=task,
                    answer=answer, answer_text=to_text(answer), hints=tuple(hints),
                    make_solution=solution)
