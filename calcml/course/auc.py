"""The course's worked AUC example: a model trained on real data, then its ROC curve.

Lesson 8 scores scikit-learn's breast-cancer test set with a logistic regression that
calcml's own training loop fits, then reads the curve and its area with
:mod:`calcml.metrics`. This module combines two engines (``learn`` and ``metrics``), so it
lives in the teaching layer.
"""

from __future__ import annotations

import numpy as np

from calcml.learn import GD, LogisticRegression, binary_cross_entropy, datasets, train


def breast_cancer_scores(epochs: int = 200, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Test labels and logistic-regression scores on scikit-learn's breast-cancer data.

    A :class:`calcml.learn.LogisticRegression` is trained by full-batch gradient descent
    (binary cross-entropy, learning rate 0.1) on the standardized training part; the
    scores are its probabilities of "benign" (label 1) on the held-out test part.

    Examples
    --------
    >>> y_test, scores = breast_cancer_scores()
    >>> y_test.shape == scores.shape == (143,)
    True
    """
    split = datasets.breast_cancer(seed=seed)
    model = LogisticRegression(split.x_train.shape[1])
    train(model, split.x_train, split.y_train, cost=binary_cross_entropy,
          optimizer=GD(model.parameters(), lr=0.1), epochs=epochs, seed=seed, quiet=True)
    return split.y_test, model.predict_proba(split.x_test)
