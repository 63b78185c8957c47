"""Confusion matrix and rates: hand-checked counts, scikit-learn on random labels, 0/0 cases
stated, bad input refused with the value quoted."""

import json
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import metrics as sk

from calcml.errors import InputError
from calcml.metrics import confusion_matrix, rates


def test_sklearns_examples():
    assert confusion_matrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]).tolist() == \
        [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
    animals = confusion_matrix(["cat", "ant", "cat", "cat", "ant", "bird"],
                               ["ant", "ant", "cat", "cat", "ant", "cat"],
                               labels=["ant", "bird", "cat"])
    assert animals.tolist() == [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
    assert confusion_matrix([0, 1, 0, 1], [1, 1, 1, 0]).ravel().tolist() == [0, 2, 1, 1]


def test_rates_of_a_hand_counted_matrix():
    # 3 actual positives (2 found), 5 actual negatives (1 flagged)
    cm = rates([1, 1, 1, 0, 0, 0, 0, 0], [1, 1, 0, 1, 0, 0, 0, 0])
    assert (cm.tn, cm.fp, cm.fn, cm.tp) == (4, 1, 1, 2)
    assert cm.tpr == cm.recall == cm.sensitivity == 2 / 3
    assert (cm.fpr, cm.specificity, cm.precision) == (1 / 5, 4 / 5, 2 / 3)
    assert (cm.accuracy, cm.f1) == (6 / 8, 4 / 6)
    assert cm.zero_divisions() == []


def test_text_and_json_show_the_matrix_and_every_rate():
    cm = rates(["ham", "spam", "spam", "ham"], ["spam", "spam", "ham", "ham"],
               pos_label="spam")
    text = cm.to_text()
    assert "actual spam (positive)" in text and "predicted ham (negative)" in text
    assert "precision" in text and "TP/(TP+FP)" in text
    data = json.loads(json.dumps(cm.to_dict()))
    assert data["matrix"] == [[1, 1], [1, 1]] and data["rates"]["f1"] == 0.5


def test_zero_divisions_are_zero_and_stated():
    cm = rates([0, 0, 0], [0, 0, 0])
    assert (cm.tpr, cm.precision, cm.f1, cm.specificity) == (0.0, 0.0, 0.0, 1.0)
    notes = cm.zero_divisions()
    assert "tpr and recall: no actual positives (0/0, reported as 0)" in notes
    assert any(n.startswith("precision: no positive predictions") for n in notes)
    assert notes[0] in cm.to_text()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert cm.precision == sk.precision_score([0, 0, 0], [0, 0, 0])


classes = st.integers(0, 3)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(classes, classes, st.sampled_from([0.0, 1.0, 2.5])),
                min_size=1, max_size=30),
       st.sampled_from([None, "true", "pred", "all"]), st.booleans())
def test_confusion_matrix_is_sklearns(rows, normalize, weighted):
    y_true, y_pred, weight = (list(c) for c in zip(*rows, strict=True))
    weight = weight if weighted else None
    if weighted and not any(weight):
        with pytest.raises(InputError, match="sample_weight is all zeros"):
            confusion_matrix(y_true, y_pred, sample_weight=weight)
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = sk.confusion_matrix(y_true, y_pred, sample_weight=weight, normalize=normalize)
    got = confusion_matrix(y_true, y_pred, sample_weight=weight, normalize=normalize)
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-15)
    assert got.dtype.kind == want.dtype.kind


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(0, 1)), min_size=1, max_size=30))
def test_rates_are_sklearns(rows):
    y_true, y_pred = (list(c) for c in zip(*rows, strict=True))
    cm = rates(y_true, y_pred)
    want = sk.confusion_matrix(y_true, y_pred, labels=[0, 1]).ravel().tolist()
    assert [cm.tn, cm.fp, cm.fn, cm.tp] == want
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert cm.recall == sk.recall_score(y_true, y_pred)
        assert cm.precision == sk.precision_score(y_true, y_pred)
        assert cm.f1 == pytest.approx(sk.f1_score(y_true, y_pred), abs=1e-15)
        assert cm.accuracy == sk.accuracy_score(y_true, y_pred)


def test_labels_select_and_order_the_classes():
    got = confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1], labels=[2, 0])
    assert got.tolist() == sk.confusion_matrix([0, 1, 2, 2], [0, 2, 2, 1],
                                               labels=[2, 0]).tolist() == [[1, 0], [0, 1]]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: confusion_matrix([0, 1], [0]), "y_true has 2 samples but y_pred has 1"),
    (lambda: confusion_matrix([], []), "y_true is empty"),
    (lambda: confusion_matrix([0, 1], [0, 0.5]), "y_pred[1] is 0.5, which is not a class"),
    (lambda: confusion_matrix([0, 1], ["a", "b"]), "use labels of one type"),
    (lambda: confusion_matrix([0, 1], [0, 1], labels=[5]), "none of the labels [5]"),
    (lambda: confusion_matrix([0, 1], [0, 1], labels=[]), "at least one class"),
    (lambda: confusion_matrix([0, 1], [0, 1], labels=[0, 0]), "lists a class twice"),
    (lambda: confusion_matrix([0, 1], [0, 1], normalize="rows"), "got 'rows'"),
    (lambda: rates([0, 1, 2], [0, 1, 1]), "hold 3 classes [0, 1, 2]"),
    (lambda: rates(["a", "b"], ["a", "b"]), "the labels are ['a', 'b'] and pos_label"),
    (lambda: rates(["a", "b"], ["a", "b"], pos_label="c"), "pos_label 'c' is not among"),
    (lambda: rates([0, 1], [0, 1], sample_weight=[1, np.nan]), "sample_weight[1] is nan"),
])
def test_bad_input_is_an_input_error_that_quotes_the_value(call, message):
    with pytest.raises(InputError) as err:
        call()
    assert message in str(err.value)
