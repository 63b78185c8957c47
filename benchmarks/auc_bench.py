"""calcml's ``roc_auc_score`` against scikit-learn's and against a bare ``np.sort``.

Binary labels (int64) and float64 scores at 10^5, 10^6 and 10^7 samples, once with
distinct scores and once rounded to two decimals (about 100 distinct values, ties
everywhere). Before timing, calcml's value must equal scikit-learn's to 1e-12. The note
of each calcml row gives its peak memory (tracemalloc) as a multiple of the input's bytes
(labels plus scores). ``np.sort`` of the same scores is the floor: calcml sorts once.
The contenders take turns within each repeat (after one warm-up call each: the check).
``run(quick=True)`` does 10^5 only.
"""

from __future__ import annotations

import tracemalloc

import numpy as np

from benchmarks.harness import Timing, measure, timing

TITLE = "roc_auc_score: calcml (one sort, exact counts) against scikit-learn and np.sort"
SIZES = (10**5, 10**6, 10**7)
TOLERANCE = 1e-12


def data(n: int, ties: bool, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labels 0/1 and scores that rank positives somewhat higher (AUC about 0.7)."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, n)
    score = rng.random(n) * 0.75 + y * 0.25
    return y, (np.round(score, 2) if ties else score)


def peak_ratio(fn, nbytes: int) -> float:
    """Peak bytes allocated while ``fn`` runs, over ``nbytes``."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / nbytes
    finally:
        tracemalloc.stop()


def checked(n: int, ties: bool) -> tuple[np.ndarray, np.ndarray, str]:
    """The data, once calcml's AUC is seen to equal scikit-learn's; the memory note."""
    from sklearn.metrics import roc_auc_score as sk_auc

    from calcml.metrics import roc_auc_score

    y, score = data(n, ties)
    mine, theirs = roc_auc_score(y, score), sk_auc(y, score)
    if abs(mine - theirs) > TOLERANCE:
        raise AssertionError(f"n={n} ties={ties}: calcml {mine!r} != scikit-learn {theirs!r}")
    memory = peak_ratio(lambda: roc_auc_score(y, score), y.nbytes + score.nbytes)
    sk_memory = peak_ratio(lambda: sk_auc(y, score), y.nbytes + score.nbytes) \
        if n <= 10**6 else float("nan")
    note = (f"AUC {mine:.6f}, |diff| {abs(mine - theirs):.1e}; peak memory "
            f"{memory:.2f}x input")
    return y, score, note + ("" if np.isnan(sk_memory) else f" (sklearn {sk_memory:.2f}x)")


def run(quick: bool) -> list[Timing]:
    rows = []
    for n in SIZES[:1] if quick else SIZES:
        repeats = 3 if quick or n >= 10**7 else 7
        for ties in (False, True):
            rows += _timed(n, ties, repeats)
    return rows


def _timed(n: int, ties: bool, repeats: int) -> list[Timing]:
    """The three contenders take turns within each repeat, so a busy spell of the shared
    machine slows all of them, not one."""
    from sklearn.metrics import roc_auc_score as sk_auc

    from calcml.metrics import roc_auc_score

    y, score, note = checked(n, ties)
    task = f"n=1e{len(str(n)) - 1}, " + ("ties" if ties else "distinct")
    contenders = {"calcml": lambda: roc_auc_score(y, score),
                  "scikit-learn": lambda: sk_auc(y, score),
                  "np.sort (floor)": lambda: np.sort(score)}
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            times[name] += measure(fn, repeats=1, warmup=0)
    return [timing(task, name, spent, note if name == "calcml" else "")
            for name, spent in times.items()]
