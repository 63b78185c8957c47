"""The AUC as a probability: how often a random positive outscores a random negative.

Over every (positive, negative) pair, count the *wins* (the positive's score is higher)
and the *ties* (equal scores, each counting one half)::

    AUC = (wins + ties / 2) / (positives * negatives)

This is the Mann-Whitney U statistic divided by the number of pairs, and it equals the
trapezoid integral under the ROC curve (each trapezoid of the curve is a block of pairs).

Without weights the counts are whole numbers and are computed exactly in integers, with
one sort and no argsort: each score's 64 bits, read as an unsigned integer, sort in the
same order as the scores when they are not negative; shifted left by one they leave a
free lowest bit for the label. One ``np.sort`` of these keys then lines up the samples by
score with, at equal scores, the negatives first, so the negatives at or below each
positive are its position minus the positives before it. Negative scores are sorted the
same way by magnitude (their order reversed). Weighted samples take an argsort.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

import numpy as np

_ONE = np.uint64(1)
_LOW_BYTE = 0 if sys.byteorder == "little" else 7
_BLOCK = 1 << 15


@dataclass(frozen=True)
class PairCounts:
    """Wins and ties over all (positive, negative) pairs: whole numbers, or sums of weights.

    >>> counts = PairCounts(wins=3, ties=0, positives=2, negatives=2)
    >>> counts.pairs, counts.auc
    (4, 0.75)
    """

    wins: int | float
    ties: int | float
    positives: int | float
    negatives: int | float

    @property
    def pairs(self) -> int | float:
        """How many (positive, negative) pairs there are (a product of weights if weighted)."""
        return self.positives * self.negatives

    @property
    def auc(self) -> float:
        """(wins + ties / 2) / pairs; exact up to one rounding when the counts are integers."""
        if isinstance(self.wins, int) and isinstance(self.ties, int):
            return (2 * self.wins + self.ties) / (2 * self.pairs)
        return (self.wins + 0.5 * self.ties) / self.pairs


def count_pairs(truth: np.ndarray, score: np.ndarray,
                weight: np.ndarray | None = None) -> PairCounts:
    """Wins and ties of the positives (``truth``) over the negatives, for checked input.

    ``truth`` is boolean, ``score`` float64 and finite, ``weight`` float64 and not
    negative (or None); the public entry points validate before calling this.

    >>> count_pairs(np.array([False, False, True, True]), np.array([0.1, 0.4, 0.35, 0.8]))
    PairCounts(wins=3, ties=0, positives=2, negatives=2)
    """
    if weight is not None:
        return _weighted(truth, score, weight)
    positives = int(np.count_nonzero(truth))
    negatives = truth.size - positives
    if score.min() >= 0:
        at_or_below, ties = _sorted_counts(score, truth, descending=False)
        return PairCounts(at_or_below - ties, ties, positives, negatives)
    below = score < 0
    upper = _sorted_counts(np.compress(~below, score), np.compress(~below, truth), False)
    lower = _sorted_counts(np.compress(below, score), np.compress(below, truth), True)
    # every positive scoring >= 0 beats every negative scoring < 0
    crossing = int(np.count_nonzero(truth & ~below)) * int(np.count_nonzero(~truth & below))
    ties = upper[1] + lower[1]
    return PairCounts(upper[0] + lower[0] + crossing - ties, ties, positives, negatives)


def _sorted_counts(score: np.ndarray, truth: np.ndarray, descending: bool) -> tuple[int, int]:
    """(Negatives at or below each positive, summed; tied pairs) for scores of one sign.

    key = bits << 1 | label: the shift drops the sign bit, so -0.0 and +0.0 meet and a
    negative score's key is its magnitude's. Not negative: ascending keys are ascending
    scores. Negative: the label bit is flipped (positives first at equal scores) and
    ascending keys are descending scores, so positions count from the other end.
    """
    n = score.size
    if n == 0:
        return 0, 0
    keys = np.left_shift(score.view(np.uint64), _ONE)
    keys |= ~truth if descending else truth
    keys.sort()
    marked, count, shared = _scan(keys)
    if descending:  # the label bit marks the negatives; positions count from the end
        positives = n - count
        total = positives * (n - 1) - (n * (n - 1) // 2 - marked)
    else:
        positives, total = count, marked
    return total - positives * (positives - 1) // 2, _tied_pairs(keys, shared)


def _scan(keys: np.ndarray) -> tuple[int, int, np.ndarray]:
    """Over the sorted keys: the sum of the positions of the keys with the label bit set,
    how many there are, and where a score shared by both classes passes from one class
    to the other (neighbours k, k + 1 with k even: their XOR is 1). Block by block, so
    the temporaries stay in cache."""
    n = keys.size
    bits = (keys.view(np.uint8)[_LOW_BYTE::8] & 1).view(bool)
    ramp = np.arange(min(_BLOCK, n), dtype=np.int64)
    buffer = np.empty(min(_BLOCK, n), dtype=np.uint64)
    marked = 0
    shared = [np.empty(0, dtype=np.int64)]
    for start in range(0, n, _BLOCK):
        block = bits[start:start + _BLOCK]
        marked += int(np.dot(block, ramp[:block.size])) + start * int(np.count_nonzero(block))
        end = min(start + _BLOCK, n - 1)
        if end > start:
            step = np.bitwise_xor(keys[start + 1:end + 1], keys[start:end],
                                  out=buffer[:end - start])
            crossings = np.flatnonzero(step == 1)
            if crossings.size:
                shared.append(crossings + start)
    return marked, int(np.count_nonzero(bits)), np.concatenate(shared)


def _tied_pairs(keys: np.ndarray, shared: np.ndarray) -> int:
    """Σ over the scores held by both classes of (positives × negatives) with that score.

    At each crossing i, keys[i] ends the run of one class and keys[i + 1] starts the
    run of the other; a binary search finds the far end of each run."""
    if shared.size == 0:
        return 0
    first = np.searchsorted(keys, keys[shared], side="left")
    last = np.searchsorted(keys, keys[shared + 1], side="right")
    return int(np.dot(shared + 1 - first, last - shared - 1))


def _weighted(truth: np.ndarray, score: np.ndarray, weight: np.ndarray) -> PairCounts:
    """Sums of pair weights w_p w_n: the positive weight of each group of equal scores
    times the negative weight below it (wins) and within it (ties)."""
    order = np.argsort(score, kind="stable")
    ordered = score[order]
    starts = np.concatenate(([0], np.flatnonzero(np.diff(ordered)) + 1))
    w = weight[order]
    is_positive = truth[order]
    positive = np.add.reduceat(np.where(is_positive, w, 0.0), starts)
    negative = np.add.reduceat(np.where(is_positive, 0.0, w), starts)
    below = np.concatenate(([0.0], np.cumsum(negative)[:-1]))
    return PairCounts(float(np.dot(positive, below)), float(np.dot(positive, negative)),
                      float(positive.sum()), float(negative.sum()))
