"""Write the example CSV files the README's commands read: ``python examples/make_examples.py``.

- ``course_regression.csv``: the course's eight points (x, y).
- ``breast_cancer_scores.csv``: scikit-learn's breast-cancer test set, one row per tumour:
  ``malignant`` (1 if malignant, else 0) and ``score``, a calcml logistic regression's
  probability that it is malignant.
"""

from __future__ import annotations

import csv
from pathlib import Path

from calcml.course.auc import breast_cancer_scores
from calcml.learn import datasets

HERE = Path(__file__).resolve().parent


def write(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def main() -> None:
    x, y = datasets.course_regression()
    print(write(HERE / "course_regression.csv", ["x", "y"],
                [(f"{a:g}", f"{b:g}") for a, b in zip(x, y, strict=True)]))
    labels, p_benign = breast_cancer_scores()
    print(write(HERE / "breast_cancer_scores.csv", ["malignant", "score"],
                [(int(label == 0), f"{1.0 - p:.6f}")
                 for label, p in zip(labels, p_benign, strict=True)]))


if __name__ == "__main__":
    main()
