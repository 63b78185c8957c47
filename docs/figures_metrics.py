"""The figures of lesson 8's classification part in docs/figures, drawn with calcml.plot.

The course's hot-dog ROC curve with its two trapezoids (0.25 + 0.5 = 0.75); the ROC curve
of a calcml logistic regression on scikit-learn's breast-cancer test set (malignant as
the positive class), with the 0.5 threshold marked; that threshold's confusion matrix.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from calcml.course.auc import breast_cancer_scores
from calcml.metrics.worked import HOTDOG_CURVE, roc_report, trapezoids
from calcml.plot.roc import plot_auc_trapezoids, plot_confusion_matrix, plot_roc
from calcml.plot.style import save

THRESHOLD = 0.5


def malignant_scores() -> tuple[np.ndarray, np.ndarray]:
    """Test labels by name and the model's probability of "malignant" for each tumour."""
    y, p_benign = breast_cancer_scores()
    return np.where(y == 0, "malignant", "benign"), 1.0 - p_benign


def make(outdir: Path) -> list[Path]:
    """Draw and save the three figures; returns their paths."""
    labels, score = malignant_scores()
    report = roc_report(labels, score, THRESHOLD, pos_label="malignant")
    figures = {
        "roc_hotdog.png": plot_auc_trapezoids(
            trapezoids(*HOTDOG_CURVE), title="Hot dog / not hot dog: AUC = 0.25 + 0.5 = 0.75"),
        "roc_breast_cancer.png": plot_roc(
            report, title="Logistic regression, breast-cancer test set"),
        "confusion_matrix.png": plot_confusion_matrix(
            report.confusion, title=f"Breast cancer, threshold {THRESHOLD}"),
    }
    return [save(fig, outdir / name) for name, fig in figures.items()]
