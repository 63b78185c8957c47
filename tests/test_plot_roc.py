"""ROC and confusion-matrix figures: what they draw, what they label, and saving."""

import doctest

import numpy as np
import pytest
from matplotlib.figure import Figure

from calcml.errors import InputError
from calcml.metrics import rates, roc_report, trapezoids
from calcml.metrics.worked import HOTDOG, HOTDOG_CURVE
from calcml.plot import roc
from calcml.plot.roc import plot_auc_trapezoids, plot_confusion_matrix, plot_roc


def legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_roc_figure_shades_the_area_and_marks_the_threshold(tmp_path):
    fig = plot_roc(roc_report(*HOTDOG, threshold=0.65), path=tmp_path / "roc.png")
    ax = fig.axes[0]
    assert legend_texts(fig) == ["ROC curve (AUC = 0.75)", "chance (AUC = 0.5)",
                                 "threshold 0.65"]
    curve = ax.get_lines()[0]
    assert curve.get_xdata().tolist() == HOTDOG_CURVE[0].tolist()
    assert ax.get_lines()[2].get_xydata().tolist() == [[0.5, 0.5]]  # TPR and FPR at 0.65
    assert len(ax.collections) == 1  # the shaded area
    assert "TPR 0.500, FPR 0.500" in ax.texts[0].get_text()
    assert (tmp_path / "roc.png").stat().st_size > 10_000


def test_roc_figure_without_threshold_has_no_point():
    fig = plot_roc(roc_report([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.7]), mark_threshold=False)
    assert legend_texts(fig) == ["ROC curve (AUC = 0.75)", "chance (AUC = 0.5)"]
    assert len(fig.axes[0].texts) == 0 and len(fig.axes[0].get_lines()) == 2


def test_trapezoids_are_shaded_and_labelled_with_their_areas():
    fig = plot_auc_trapezoids(trapezoids(*HOTDOG_CURVE))
    assert legend_texts(fig)[0] == "curve: AUC = 0.75"
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.25", "0.5"]
    assert len(fig.axes[0].patches) == 2  # the two trapezoids of nonzero width


def test_confusion_matrix_heat_map_shows_counts_and_rates():
    fig = plot_confusion_matrix(rates([0, 0, 0, 1, 1], [0, 1, 0, 1, 1]))
    ax = fig.axes[0]
    cells = [t.get_text() for t in ax.texts]
    assert cells == ["TN = 2\nspecificity 66.7%", "FP = 1\nFPR 33.3%", "FN = 0\nFNR 0.0%",
                     "TP = 2\nTPR 100.0%"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("predicted", "actual")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0 (negative)", "1 (positive)"]
    assert np.allclose(ax.images[0].get_array(), [[2 / 3, 1 / 3], [0, 1]])
    assert "accuracy 80.0%" in ax.get_title()


def test_bad_paths_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="cannot save"):
        plot_confusion_matrix(rates([0, 1], [0, 1]), path=tmp_path / "cm.txt")


@pytest.mark.parametrize(("figure", "given", "how"), [
    (plot_roc, HOTDOG, "roc_report"),
    (plot_auc_trapezoids, HOTDOG_CURVE[0], "trapezoids"),
    (plot_confusion_matrix, [[2, 1], [0, 2]], "rates"),
])
def test_a_figure_refuses_raw_data_and_names_the_result_to_build(figure, given, how):
    with pytest.raises(InputError, match=f"engine's result.*{how}"):
        figure(given)


def test_the_figures_draw_what_the_engine_computed():
    """The figure's numbers are the result's own: the curve, the area, the threshold's
    point, each trapezoid, each cell, checked against scikit-learn."""
    from sklearn.metrics import confusion_matrix, roc_auc_score, roc_curve

    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 60)
    score = np.round(rng.random(60) + 0.4 * y, 2)
    report = roc_report(y, score, threshold=0.6)
    ax = plot_roc(report).axes[0]
    fpr, tpr, _ = roc_curve(y, score)
    assert np.allclose(ax.get_lines()[0].get_xydata(), np.column_stack([fpr, tpr]))
    assert f"AUC = {round(roc_auc_score(y, score), 4):g}" in legend_texts(ax.figure)[0]
    (tn, fp), (fn, tp) = confusion_matrix(y, score >= 0.6)
    assert ax.get_lines()[2].get_xydata().tolist() == [[fp / (fp + tn), tp / (tp + fn)]]
    cells = [t.get_text().split("\n")[0] for t in plot_confusion_matrix(
        report.confusion).axes[0].texts]
    assert cells == [f"TN = {tn}", f"FP = {fp}", f"FN = {fn}", f"TP = {tp}"]
    areas = plot_auc_trapezoids(trapezoids(fpr, tpr)).axes[0].texts
    assert sum(float(t.get_text()) for t in areas) == pytest.approx(
        roc_auc_score(y, score), abs=1e-3 * len(areas))


def test_docstring_examples_run():
    result = doctest.testmod(roc, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
