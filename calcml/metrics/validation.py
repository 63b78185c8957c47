"""Checks shared by every metric: one value per sample, the same lengths, finite scores,
class labels (not measurements), usable sample weights.

Each check raises :class:`~calcml.errors.InputError` (a ``ValueError``, as scikit-learn's
metrics raise) that quotes the bad value and says how to fix the call. The checks on
large arrays are single passes with reductions (min, max, counts), never a sort, so they
cost little next to the metric itself.
"""

from __future__ import annotations

from typing import Any, NoReturn

import numpy as np

from calcml.errors import InputError

_SHOWN = 6


def column(name: str, values: Any) -> np.ndarray:
    """``values`` as a 1-D array (a column vector is flattened), with at least one entry.

    >>> column("y_true", [[0], [1]]).tolist()
    [0, 1]
    >>> column("y_true", [])
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: y_true is empty: give at least one sample
    """
    array = np.asarray(values)
    if array.ndim == 2 and array.shape[1] == 1:
        array = array[:, 0]
    if array.ndim != 1:
        hint = ("; pass the positive class's column, e.g. proba[:, 1]"
                if array.ndim == 2 and array.shape[1] == 2 else "")
        raise InputError(f"{name} must hold one value per sample (a 1-D array), "
                         f"got shape {array.shape}{hint}")
    if array.size == 0:
        raise InputError(f"{name} is empty: give at least one sample")
    return array


def same_length(**arrays: np.ndarray | None) -> None:
    """Every given array has the same number of samples.

    >>> same_length(y_true=np.zeros(3), y_score=np.zeros(2))
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: y_true has 3 samples but y_score has 2: give one value per sample
    """
    given = [(name, len(a)) for name, a in arrays.items() if a is not None]
    first, n = given[0]
    for name, m in given[1:]:
        if m != n:
            raise InputError(f"{first} has {n} samples but {name} has {m}: "
                             "give one value per sample")


def finite_scores(name: str, values: Any) -> np.ndarray:
    """``values`` as float64 scores, every one finite (no NaN, no infinity).

    >>> finite_scores("y_score", [0.5, float("nan")])
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: y_score[1] is nan: scores must be finite numbers ...
    """
    array = column(name, values)
    if array.dtype.kind not in "biuf":
        raise InputError(f"{name} must hold numbers, got values such as {array[0]!r} "
                         f"(dtype {array.dtype})")
    array = array.astype(np.float64, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        total = array.sum()  # finite unless a value is not, or the sum overflows: one pass
    if not np.isfinite(total) and not np.isfinite(array).all():
        where = int(np.flatnonzero(~np.isfinite(array))[0])
        raise InputError(f"{name}[{where}] is {array[where]}: scores must be finite numbers "
                         "(drop or impute the missing ones)")
    return array


def sample_weights(sample_weight: Any, n: int) -> np.ndarray | None:
    """``sample_weight`` as float64 weights, finite and not negative, one per sample.

    >>> sample_weights(None, 3) is None
    True
    >>> sample_weights([1, -2], 2)
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: sample_weight[1] is -2.0: weights must be zero or positive
    """
    if sample_weight is None:
        return None
    weights = finite_scores("sample_weight", sample_weight)
    same_length(y_true=np.empty(n), sample_weight=weights)
    if weights.min() < 0:
        where = int(np.flatnonzero(weights < 0)[0])
        raise InputError(f"sample_weight[{where}] is {weights[where]}: "
                         "weights must be zero or positive")
    if weights.max() == 0:
        raise InputError("sample_weight is all zeros: give at least one sample a "
                         "nonzero weight")
    return weights


def classes(name: str, labels: np.ndarray) -> np.ndarray:
    """The distinct class labels, sorted; continuous values and NaN are refused.

    >>> classes("y_true", np.array([1, 0, 1])).tolist()
    [0, 1]
    >>> classes("y_true", np.array([0.0, 0.3]))
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: y_true[1] is 0.3, which is not a class label: ...
    """
    if labels.dtype.kind == "f":
        if np.isnan(labels.min()):
            where = int(np.flatnonzero(np.isnan(labels))[0])
            raise InputError(f"{name}[{where}] is nan: every sample needs a class label")
        found = _two_or_unique(labels)
        if np.any(found != np.round(found)):
            where = int(np.flatnonzero(labels != np.round(labels))[0])
            raise InputError(f"{name}[{where}] is {labels[where]}, which is not a class label: "
                             "labels are classes such as 0 and 1, not measurements "
                             "(threshold the scores first)")
        return found
    if labels.dtype.kind in "biu":
        return _two_or_unique(labels)
    try:
        return np.unique(labels)
    except TypeError:
        kinds = sorted({type(v).__name__ for v in labels.tolist()})
        raise InputError(f"{name} mixes label types ({', '.join(kinds)}): "
                         "use labels of one type, e.g. all numbers or all text") from None


def _two_or_unique(labels: np.ndarray) -> np.ndarray:
    """The sorted distinct labels; only reductions (no sort) when there are at most two."""
    low, high = labels.min(), labels.max()
    if low == high:
        return np.array([low])
    if labels.dtype.kind in "biu" and int(high) - int(low) == 1:
        return np.array([low, high])  # no integer lies between them
    if np.count_nonzero(labels == low) + np.count_nonzero(labels == high) == labels.size:
        return np.array([low, high])
    return np.unique(labels)


def shown(values: np.ndarray) -> str:
    """A short, readable list of labels for a message (at most six, then '...').

    >>> shown(np.array([0, 1, 2]))
    '[0, 1, 2]'
    """
    items = [repr(v) for v in values[:_SHOWN].tolist()]
    return "[" + ", ".join(items) + (", ..." if len(values) > _SHOWN else "") + "]"


def binary_truth(y_true: Any, pos_label: Any = None, *, name: str = "y_true",
                 need: str = "a ROC curve") -> tuple[np.ndarray, Any]:
    """``y_true`` as booleans (True for the positive class) and the positive label.

    Without ``pos_label`` the labels must be {0, 1} or {-1, 1} (as in scikit-learn) and 1
    is positive. Both classes must be present.

    >>> truth, positive = binary_truth([0, 1, 1])
    >>> truth.tolist(), positive
    ([False, True, True], 1)
    >>> binary_truth([1, 1])
    Traceback (most recent call last):
    ...
    calcml.errors.InputError: only one class present in y_true: [1]; ...
    """
    labels = column(name, y_true)
    found = classes(name, labels)
    if pos_label is None:
        pos_label = _default_positive(name, found)
    truth = labels == pos_label
    n_pos = np.count_nonzero(truth)
    if n_pos == 0 and found.size > 1:
        raise InputError(f"pos_label {pos_label!r} is not among the labels of {name}, "
                         f"{shown(found)}: pass one of them")
    if n_pos in (0, truth.size):
        one_class(name, found, need)
    return truth, pos_label


def _default_positive(name: str, found: np.ndarray) -> Any:
    values = set(found.tolist())
    if found.dtype.kind in "biuf" and (values <= {0, 1} or values <= {-1, 1}):
        return True if found.dtype.kind == "b" else 1
    raise InputError(f"{name} takes the values {shown(found)} and pos_label is not given: "
                     "make the labels 0/1 (or -1/1), or pass pos_label=<the positive class>")


def one_class(name: str, found: np.ndarray, need: str) -> NoReturn:
    """Raise the error for a target with one class only (ROC needs positives and negatives)."""
    raise InputError(f"only one class present in {name}: {shown(found)}; {need} "
                     "needs both positive and negative samples")
