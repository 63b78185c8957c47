"""Worked examples: the AUC two ways, the trapezoids, the ROC report, real data."""

import json

import numpy as np
import pytest
from sklearn import metrics as sk

from calcml.course.auc import breast_cancer_scores
from calcml.errors import InputError
from calcml.metrics.worked import (
    HOTDOG,
    HOTDOG_CURVE,
    auc_two_ways,
    roc_report,
    trapezoids,
)


def test_the_hot_dog_labels_trace_the_course_curve():
    two = auc_two_ways(*HOTDOG)
    assert two.fpr.tolist() == HOTDOG_CURVE[0].tolist()
    assert two.tpr.tolist() == HOTDOG_CURVE[1].tolist()
    assert two.trapezoid == two.rank == 0.75
    assert "(3 wins + 0 ties / 2) / 4 pairs" in two.to_text()
    assert "sum of the areas = 0.75" in two.to_text()


def test_trapezoids_add_up_to_the_area():
    worked = trapezoids([0, 0.2, 1], [0, 0.6, 1])
    assert worked.table.column("area") == pytest.approx([0.06, 0.64])
    assert worked.table.notes == ("sum of the areas = 0.7",)
    assert worked.area == pytest.approx(0.7) and worked.pieces.sum() == pytest.approx(0.7)


def test_two_ways_agree_with_ties_and_weights():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 300)
    score = np.round(rng.normal(size=300) + y, 1)
    weight = rng.random(300)
    two = auc_two_ways(y, score, sample_weight=weight)
    assert two.trapezoid == pytest.approx(two.rank, abs=1e-12)
    assert two.rank == pytest.approx(sk.roc_auc_score(y, score, sample_weight=weight),
                                     abs=1e-12)
    assert two.to_dict()["difference"] < 1e-12


def test_report_on_the_breast_cancer_test_set():
    y, score = breast_cancer_scores()
    report = roc_report(y, score, threshold=0.5)
    cm = report.confusion
    assert cm.tp + cm.fn == int(y.sum()) and cm.tn + cm.fp == int((1 - y).sum())
    assert report.auc == pytest.approx(sk.roc_auc_score(y, score), abs=1e-12)
    assert report.auc > 0.98
    want = sk.confusion_matrix(y, score >= 0.5).ravel().tolist()
    assert [cm.tn, cm.fp, cm.fn, cm.tp] == want
    data = json.loads(json.dumps(report.to_dict()))
    assert data["roc"]["thresholds"][0] == "inf"
    assert len(data["roc"]["fpr"]) == len(sk.roc_curve(y, score)[0])


def test_report_names_the_classes_and_caps_the_rows():
    rng = np.random.default_rng(0)
    y = np.where(rng.random(500) < 0.5, "spam", "ham")
    score = rng.random(500) + (y == "spam") * 0.3
    report = roc_report(y, score, pos_label="spam")
    assert "actual spam (positive)" in report.to_text()
    assert "25 of the" in report.to_text() and len(report.table.rows) == 25


def test_report_refuses_a_bad_threshold():
    with pytest.raises(InputError, match="threshold must be a finite number"):
        roc_report(*HOTDOG, threshold=float("nan"))
