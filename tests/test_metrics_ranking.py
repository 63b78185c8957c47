"""ROC curve, trapezoid AUC and the rank statistic: the course's numbers, scikit-learn's own
hand-computed cases, random input against scikit-learn and a brute-force pair count."""

import doctest
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk

from calcml.errors import InputError
from calcml.metrics import (
    auc,
    confusion,
    pair_counts,
    pairs,
    ranking,
    roc_auc_score,
    roc_curve,
    validation,
    worked,
)


def brute_force_auc(y_true, y_score, weight=None):
    """Every (positive, negative) pair: 1 if the positive scores higher, 1/2 if equal."""
    y, s = np.asarray(y_true), np.asarray(y_score, dtype=float)
    w = np.ones(len(y)) if weight is None else np.asarray(weight, dtype=float)
    positive = y == y.max()
    wins = ties = total = 0.0
    for i in np.flatnonzero(positive):
        for j in np.flatnonzero(~positive):
            pair = w[i] * w[j]
            wins += pair * (s[i] > s[j])
            ties += pair * (s[i] == s[j])
            total += pair
    return (wins + ties / 2) / total


def test_the_course_hot_dog_curve_has_area_three_quarters():
    assert auc([0, 0, 0.5, 0.5, 1], [0, 0.5, 0.5, 1, 1]) == 0.75
    assert auc([1, 0.5, 0.5, 0, 0], [1, 1, 0.5, 0.5, 0]) == 0.75  # decreasing x


@pytest.mark.parametrize(("x", "y", "area"), [
    ([0, 1], [0, 1], 0.5), ([1, 0], [0, 1], 0.5), ([1, 0, 0], [0, 1, 1], 0.5),
    ([0, 1], [1, 1], 1.0), ([0, 0.5, 1], [0, 0.5, 1], 0.5), ([0, 2], [1, 3], 4.0),
])
def test_auc_on_sklearns_hand_computed_curves(x, y, area):
    assert auc(x, y) == area == sk.auc(x, y)


def test_sklearns_docstring_example_with_pos_label():
    fpr, tpr, thresholds = roc_curve([1, 1, 2, 2], [0.1, 0.4, 0.35, 0.8], pos_label=2)
    assert fpr.tolist() == [0, 0, 0.5, 0.5, 1]
    assert tpr.tolist() == [0, 0.5, 0.5, 1, 1]
    assert thresholds.tolist() == [np.inf, 0.8, 0.4, 0.35, 0.1]
    assert auc(fpr, tpr) == roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75


@pytest.mark.parametrize(("y_true", "y_score", "fpr", "tpr", "area"), [
    ([0, 1], [0, 1], [0, 0, 1], [0, 1, 1], 1.0),
    ([0, 1], [1, 0], [0, 1, 1], [0, 0, 1], 0.0),
    ([1, 0], [1, 1], [0, 1], [0, 1], 0.5),
    ([1, 0], [1, 0], [0, 0, 1], [0, 1, 1], 1.0),
    ([1, 0], [0.5, 0.5], [0, 1], [0, 1], 0.5),
])
def test_sklearns_toy_data(y_true, y_score, fpr, tpr, area):
    got_fpr, got_tpr, _ = roc_curve(y_true, y_score)
    assert got_fpr.tolist() == fpr and got_tpr.tolist() == tpr
    assert roc_auc_score(y_true, y_score) == area == sk.roc_auc_score(y_true, y_score)


@pytest.mark.parametrize(("y_true", "y_score", "thresholds"), [
    ([0, 0, 0, 0, 1, 1], [0.0, 0.2, 0.5, 0.6, 0.7, 1.0], [np.inf, 1.0, 0.7, 0.0]),
    ([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1],
     [0.0, 0.1, 0.6, 0.6, 0.7, 0.8, 0.9, 0.6, 0.7, 0.8, 0.9],
     [np.inf, 0.9, 0.8, 0.7, 0.6, 0.0]),
])
def test_drop_intermediate_keeps_only_the_corners(y_true, y_score, thresholds):
    assert roc_curve(y_true, y_score)[2].tolist() == thresholds
    assert len(roc_curve(y_true, y_score, drop_intermediate=False)[2]) > len(thresholds)


labels = st.lists(st.integers(0, 1), min_size=2, max_size=40)


@st.composite
def scored(draw, ties: bool, weighted: bool):
    y = draw(labels)
    assume(0 < sum(y) < len(y))
    values = (st.sampled_from([-1.0, -0.0, 0.0, 0.25, 0.5, 2.0]) if ties else
              st.floats(-1e300, 1e300, allow_nan=False, allow_subnormal=True))
    score = draw(st.lists(values, min_size=len(y), max_size=len(y)))
    weight = None
    if weighted:
        weight = draw(st.lists(st.sampled_from([0.0, 0.5, 1.0, 3.0]) | st.floats(0.01, 10),
                               min_size=len(y), max_size=len(y)))
        w = np.array(weight)
        assume(w[np.array(y) == 1].sum() > 0 and w[np.array(y) == 0].sum() > 0)
    return np.array(y), np.array(score), weight


cases = st.one_of(scored(True, False), scored(False, False), scored(True, True),
                  scored(False, True))


@settings(max_examples=300, deadline=None)
@given(cases, st.booleans())
def test_roc_curve_is_sklearns_exactly(case, drop):
    y, score, weight = case
    got = roc_curve(y, score, sample_weight=weight, drop_intermediate=drop)
    want = sk.roc_curve(y, score, sample_weight=weight, drop_intermediate=drop)
    for mine, theirs in zip(got, want, strict=True):
        np.testing.assert_array_equal(mine, theirs)
    assert auc(got[0], got[1]) == sk.auc(want[0], want[1])


@settings(max_examples=200, deadline=None)
@given(cases)
def test_roc_auc_score_is_sklearns_and_the_brute_force_pair_count(case):
    y, score, weight = case
    got = roc_auc_score(y, score, sample_weight=weight)
    assert got == pytest.approx(sk.roc_auc_score(y, score, sample_weight=weight), abs=1e-12)
    assert got == pytest.approx(brute_force_auc(y, score, weight), abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(scored(True, False) | scored(False, False))
def test_wins_and_ties_are_the_exact_pair_counts(case):
    y, score, _ = case
    counts = pair_counts(y, score)
    positive, negative = score[y == 1][:, None], score[y == 0][None, :]
    assert counts.wins == int(np.sum(positive > negative))
    assert counts.ties == int(np.sum(positive == negative))
    assert counts.pairs == positive.size * negative.size


@pytest.mark.parametrize("ties", [False, True])
def test_large_input_matches_sklearn_to_1e_12(ties):
    rng = np.random.default_rng(7)
    y = rng.integers(0, 2, 200_000)
    score = rng.normal(size=y.size) + y
    if ties:
        score = np.round(score, 1)
    assert roc_auc_score(y, score) == pytest.approx(sk.roc_auc_score(y, score), abs=1e-12)
    weight = rng.random(y.size)
    assert roc_auc_score(y, score, sample_weight=weight) == pytest.approx(
        sk.roc_auc_score(y, score, sample_weight=weight), abs=1e-12)


def searchsorted_counts(y, score):
    """An independent exact count: each positive against the sorted negatives."""
    negatives = np.sort(score[y == 0])
    below = np.searchsorted(negatives, score[y == 1], side="left")
    at_or_below = np.searchsorted(negatives, score[y == 1], side="right")
    return int(below.sum()), int((at_or_below - below).sum())


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_ties_across_the_scan_blocks_are_counted_exactly(sign):
    n = 3 * pairs._BLOCK + 5
    y = np.arange(n) % 2
    score = sign * np.arange(n, dtype=float)
    block = pairs._BLOCK
    score[block] = score[block - 1]  # a crossing right at a block boundary (0 then 1)
    score[block + 100: 2 * block + 300] = 7.5 * sign  # one tie group spanning two blocks
    y[block - 1], y[block] = 0, 1
    counts = pair_counts(y, score)
    assert (counts.wins, counts.ties) == searchsorted_counts(y, score)
    assert counts.auc == pytest.approx(sk.roc_auc_score(y, score), abs=1e-12)


def test_extreme_scores_sort_by_value_not_by_bits():
    tiny = np.nextafter(0, 1)
    y = [0, 1, 0, 1, 0, 1, 0, 1]
    score = [-np.finfo(float).max, -tiny, -0.0, 0.0, tiny, np.finfo(float).max, -1e-300, 5.0]
    assert roc_auc_score(y, score) == brute_force_auc(y, score) == sk.roc_auc_score(y, score)


def test_pos_label_picks_one_class_against_the_rest_as_sklearn_does():
    y, score = [0, 1, 2, 2, 1, 0], [0.1, 0.5, 0.8, 0.3, 0.6, 0.2]
    for mine, theirs in zip(roc_curve(y, score, pos_label=2),
                            sk.roc_curve(y, score, pos_label=2), strict=True):
        np.testing.assert_array_equal(mine, theirs)
    fpr, tpr, _ = roc_curve(["b", "a", "b"], [0.3, 0.2, 0.9], pos_label="b")
    assert auc(fpr, tpr) == 1.0


def test_any_two_labels_the_greater_one_positive():
    assert roc_auc_score(["no", "yes", "yes", "no"], [0.1, 0.8, 0.3, 0.4]) == 0.75
    assert roc_auc_score([False, True, True, False], [0.1, 0.8, 0.3, 0.4]) == 0.75
    assert roc_auc_score([-1, 1, 1, -1], [0.1, 0.8, 0.3, 0.4]) == 0.75


@pytest.mark.parametrize(("call", "message"), [
    (lambda: roc_auc_score([1, 1, 1], [0.2, 0.5, 0.9]),
     "only one class present in y_true: [1]; ROC AUC needs both"),
    (lambda: roc_curve([0, 0], [0.2, 0.5]), "only one class present in y_true: [0]"),
    (lambda: roc_auc_score([0, 1, 2], [0.2, 0.5, 0.9]), "y_true has 3 classes [0, 1, 2]"),
    (lambda: roc_curve(["a", "b"], [0.2, 0.5]),
     "y_true takes the values ['a', 'b'] and pos_label is not given"),
    (lambda: roc_curve([0, 1], [0.2, 0.5], pos_label=7), "pos_label 7 is not among"),
    (lambda: roc_auc_score([0, 0.5, 1], [0.2, 0.5, 0.9]), "y_true[1] is 0.5, which is not a"),
    (lambda: roc_auc_score([0, 1, 1], [0.2, np.nan, 0.9]), "y_score[1] is nan"),
    (lambda: roc_auc_score([0, 1, 1], [0.2, 0.3, np.inf]), "y_score[2] is inf"),
    (lambda: roc_auc_score([0, 1, 1], [0.2, 0.3]), "y_true has 3 samples but y_score has 2"),
    (lambda: roc_auc_score([], []), "y_true is empty"),
    (lambda: roc_auc_score([0, 1], np.ones((2, 2))), "pass the positive class's column"),
    (lambda: roc_auc_score([0, 1], ["a", "b"]), "y_score must hold numbers"),
    (lambda: roc_auc_score([0, 1], [0.1, 0.2], sample_weight=[1, -1]),
     "sample_weight[1] is -1.0"),
    (lambda: roc_auc_score([0, 1], [0.1, 0.2], sample_weight=[1, 0]), "zero weight"),
    (lambda: roc_curve([0, 1, 1], [0.1, 0.2, 0.3], sample_weight=[0, 1, 1]),
     "only one class is left"),
    (lambda: auc([0, 1, 0.5], [0, 1, 1]),
     "x is neither increasing nor decreasing: x[0] = 0.0 < x[1] = 1.0"),
    (lambda: auc([0.5], [1]), "needs at least 2"),
    (lambda: auc([0, 1], [0, 1, 2]), "x has 2 samples but y has 3"),
])
def test_bad_input_is_an_input_error_that_quotes_the_value(call, message):
    with pytest.raises(InputError) as err:
        call()
    assert message in str(err.value)
    assert isinstance(err.value, ValueError)


def test_sklearn_also_refuses_what_calcml_refuses():
    with pytest.raises(ValueError), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sk.roc_curve(["a", "b"], [0.2, 0.5])
    with pytest.raises(ValueError, match="neither increasing nor decreasing"):
        sk.auc([0, 1, 0.5], [0, 1, 1])


@pytest.mark.parametrize("module", [confusion, pairs, ranking, validation, worked])
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
