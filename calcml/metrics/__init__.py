"""Classification metrics: the confusion matrix, its rates, the ROC curve and its area.

Signatures, validation and results follow ``sklearn.metrics`` (1.9); errors are
:class:`~calcml.errors.InputError` (a ``ValueError``) and quote the bad value.

>>> fpr, tpr, _ = roc_curve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
>>> auc(fpr, tpr)
0.75
"""

from calcml.metrics.confusion import ConfusionMatrix, confusion_matrix, rates
from calcml.metrics.pairs import PairCounts
from calcml.metrics.ranking import auc, pair_counts, roc_auc_score, roc_curve

__all__ = ["ConfusionMatrix", "PairCounts", "auc", "confusion_matrix", "pair_counts",
           "rates", "roc_auc_score", "roc_curve"]
