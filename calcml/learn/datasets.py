"""The data sets of lessons 5 and 7, and two real ones from scikit-learn's bundled files.

Everything is float64 NumPy (labels are int64), seeded, and needs no download.

>>> x, y = course_regression()
>>> x.tolist()
[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from calcml.errors import InputError

COURSE_X = (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0)
COURSE_Y = (1.86, 1.31, 0.62, 0.33, 0.09, -0.67, -1.23, -1.37)


@dataclass(frozen=True)
class Split:
    """A data set split into a training and a test part, features standardized.

    The features are standardized with the mean and standard deviation of the *training*
    part only (a feature constant in training is only centred), so nothing about the
    test part leaks into training.

    >>> split = breast_cancer()
    >>> split.x_train.shape[1] == len(split.feature_names)
    True
    """

    x_train: np.ndarray
    x_test: np.ndarray
    y_train: np.ndarray
    y_test: np.ndarray
    feature_names: list[str]
    target_names: list[str]


def course_regression() -> tuple[np.ndarray, np.ndarray]:
    """The course's eight points, drawn from y = -0.5x + 2 plus noise.

    Returns
    -------
    x, y : ndarray
        Two float64 arrays of shape (8,): x = 0..7 and the noisy y values.

    Examples
    --------
    >>> x, y = course_regression()
    >>> y[7]
    np.float64(-1.37)
    """
    return np.array(COURSE_X), np.array(COURSE_Y)


def line(n: int = 100, m: float = -0.5, b: float = 2.0, noise: float = 0.2,
         seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points of the line y = m x + b with Gaussian noise, x evenly spread over [0, 10).

    Parameters
    ----------
    n : int
        How many points (at least 1).
    m, b : float
        Slope and intercept of the line the points are drawn from.
    noise : float
        Standard deviation of the noise added to y (0 for points exactly on the line).
    seed : int
        Seed of the noise: the same seed gives the same points.

    Examples
    --------
    >>> x, y = line(n=3, noise=0.0)
    >>> y.tolist()
    [2.0, 0.33333333333333326, -1.3333333333333335]
    """
    if int(n) != n or n < 1:
        raise InputError(f"line: n must be a whole number of points, at least 1, not {n!r}")
    if noise < 0:
        raise InputError(f"line: noise is a standard deviation, so it cannot be negative "
                         f"({noise!r}); use 0 for exact points")
    x = np.arange(int(n)) * (10.0 / n)
    rng = np.random.default_rng(seed)
    return x, m * x + b + rng.normal(0.0, noise, int(n))


def digits(test_size: float = 0.25, seed: int = 0) -> Split:
    """scikit-learn's bundled 8x8 handwritten digits: 1,797 images, 64 pixels, 10 classes.

    Examples
    --------
    >>> split = digits()
    >>> split.x_train.shape, split.target_names[:3]
    ((1347, 64), ['0', '1', '2'])
    """
    from sklearn.datasets import load_digits

    bunch = load_digits()
    return _split(bunch.data, bunch.target, list(bunch.feature_names),
                  [str(t) for t in bunch.target_names], test_size, seed)


def breast_cancer(test_size: float = 0.25, seed: int = 0) -> Split:
    """scikit-learn's bundled Wisconsin breast cancer data: 569 tumours, 30 features.

    The label is 1 for benign and 0 for malignant (scikit-learn's coding).

    Examples
    --------
    >>> split = breast_cancer()
    >>> split.x_train.shape, split.target_names
    ((426, 30), ['malignant', 'benign'])
    """
    from sklearn.datasets import load_breast_cancer

    bunch = load_breast_cancer()
    return _split(bunch.data, bunch.target, list(bunch.feature_names),
                  [str(t) for t in bunch.target_names], test_size, seed)


def _split(x: np.ndarray, y: np.ndarray, feature_names: list[str], target_names: list[str],
           test_size: float, seed: int) -> Split:
    """Stratified, seeded split; features standardized with the training statistics."""
    from sklearn.model_selection import train_test_split

    if not 0.0 < test_size < 1.0:
        raise InputError(f"test_size is the fraction of the data kept for testing: a number "
                         f"between 0 and 1 (exclusive), not {test_size!r}")
    x_train, x_test, y_train, y_test = train_test_split(
        np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.int64),
        test_size=test_size, random_state=seed, stratify=y)
    mean = x_train.mean(axis=0)
    std = x_train.std(axis=0)
    std[std == 0.0] = 1.0
    return Split((x_train - mean) / std, (x_test - mean) / std, y_train, y_test,
                 feature_names, target_names)
