"""Classification metrics: the confusion matrix, its rates, the ROC curve and its area.

Signatures, validation and results follow ``sklearn.metrics`` (1.9); errors are
:class:`~calcml.errors.InputError` (a ``ValueError``) and quote the bad value. The worked
examples (:func:`auc_two_ways`, :func:`roc_report`) show the AUC as an integral and as a
probability, side by side.

>>> fpr, tpr, _ = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
>>> auc(fpr, tpr)
0.75
"""

from calcml.metrics.confusion import ConfusionMatrix, confusion_matrix, rates
from calcml.metrics.pairs import PairCounts
from calcml.metrics.ranking import auc, pair_counts, roc_auc_score, roc_curve
from calcml.metrics.worked import (
    AucTwoWays,
    RocReport,
    TrapezoidSum,
    auc_two_ways,
    roc_report,
    trapezoids,
)

__all__ = ["AucTwoWays", "ConfusionMatrix", "PairCounts", "RocReport", "TrapezoidSum", "auc",
           "auc_two_ways", "confusion_matrix", "pair_counts", "rates", "roc_auc_score",
           "roc_curve", "roc_report", "trapezoids"]
