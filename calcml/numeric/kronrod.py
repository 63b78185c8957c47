"""Gauss-Kronrod pairs and Wynn's epsilon algorithm: the two tools of adaptive quadrature.

A Gauss-Kronrod pair samples f once and gives two estimates: the n-point Gauss rule and the
(2n + 1)-point Kronrod rule that reuses the Gauss nodes. Their difference is a (pessimistic)
error estimate of the Gauss value; the Kronrod value is far better and is the one kept.
QUADPACK (Piessens, de Doncker-Kapenga, Ueberhuber, Kahaner 1983) scales the difference as
resasc * min(1, (200 |K - G| / resasc)^1.5), where resasc is the integral of |f - mean f|,
and never reports less than 50 eps * integral of |f| (the round-off of the sum).

Wynn's epsilon algorithm accelerates a converging sequence (here the areas of an adaptive
bisection that keeps halving the interval next to a singular end point) by building the
table eps_(k+1)^(n) = eps_(k-1)^(n+1) + 1 / (eps_k^(n+1) - eps_k^(n)) diagonal by diagonal.

>>> gk = GaussKronrod.of(21)
>>> value = gk.apply(lambda t: t ** 31, 0.0, 1.0)[0]
>>> round(float(value), 14)
0.03125
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

EPS = float(np.finfo(float).eps)
TINY = float(np.finfo(float).tiny)
HUGE = float(np.finfo(float).max)

# Positive halves of the nodes (largest first, ending with 0) and their weights, from
# QUADPACK's dqk21 and dqk15; Gauss weights are 0 on the Kronrod-only nodes.
_K21 = (
    (0.995657163025808080735527280689003, 0.973906528517171720077964012084452,
     0.930157491355708226001207180059508, 0.865063366688984510732096688423493,
     0.780817726586416897063717578345042, 0.679409568299024406234327365114874,
     0.562757134668604683339000099272694, 0.433395394129247190799265943165784,
     0.294392862701460198131126603103866, 0.148874338981631210884826001129720, 0.0),
    (0.011694638867371874278064396062192, 0.032558162307964727478818972459390,
     0.054755896574351996031381300244580, 0.075039674810919952767043140916190,
     0.093125454583697605535065465083366, 0.109387158802297641899210590325805,
     0.123491976262065851077958109831074, 0.134709217311473325928054001771707,
     0.142775938577060080797094273138717, 0.147739104901338491374841515972068,
     0.149445554002916905664936468389821),
    (0.0, 0.066671344308688137593568809893332, 0.0, 0.149451349150580593145776339657697,
     0.0, 0.219086362515982043995534934228163, 0.0, 0.269266719309996355091226921569469,
     0.0, 0.295524224714752870173892994651338, 0.0),
)
_K15 = (
    (0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
     0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
     0.586087235467691130294144838258730, 0.405845151377397166906606412076961,
     0.207784955007898467600689403773245, 0.0),
    (0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
     0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
     0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
     0.204432940075298892414161999234649, 0.209482141084727828012999174891714),
    (0.0, 0.129484966168869693270611432679082, 0.0, 0.279705391489276667901467771423780,
     0.0, 0.381830050505118944950369775488975, 0.0, 0.417959183673469387755102040816327),
)


@dataclass(frozen=True)
class GaussKronrod:
    """A Gauss-Kronrod pair on [-1, 1]: ``nodes`` (ascending), Kronrod ``weights`` and the
    embedded Gauss rule's ``gauss_weights`` (0 on the nodes the Gauss rule lacks)."""

    nodes: np.ndarray
    weights: np.ndarray
    gauss_weights: np.ndarray

    @classmethod
    @functools.cache
    def of(cls, points: int) -> GaussKronrod:
        """The 21-point (G10-K21) or 15-point (G7-K15) pair.

        >>> GaussKronrod.of(15).nodes.size
        15
        """
        half = {21: _K21, 15: _K15}[points]
        nodes, weights, gauss = (np.array(h, dtype=float) for h in half)
        return cls(np.concatenate([-nodes[:-1], nodes[::-1]]),
                   np.concatenate([weights[:-1], weights[::-1]]),
                   np.concatenate([gauss[:-1], gauss[::-1]]))

    def apply(self, fn: Callable[[np.ndarray], np.ndarray], a: float, b: float
              ) -> tuple[float, float, float, float]:
        """On [a, b]: the Kronrod estimate, its error estimate (QUADPACK's scaling), the
        integral of |f| and the integral of |f - mean f|.

        >>> gk = GaussKronrod.of(21)
        >>> [f"{v:.6g}" for v in gk.apply(np.sin, 0.0, np.pi)]
        ['2', '2.22045e-14', '2', '0.833308']
        """
        half = (b - a) / 2
        return self._summary(fn((a + b) / 2 + half * self.nodes), half)

    def apply_halves(self, fn: Callable[[np.ndarray], np.ndarray], a: float, mid: float,
                     b: float) -> list[tuple[float, float, float, float]]:
        """:meth:`apply` on [a, mid] and [mid, b], with f evaluated in one call.

        >>> left, right = GaussKronrod.of(21).apply_halves(np.cos, 0.0, 1.0, 2.0)
        >>> round(left[0], 12), round(right[0], 12)  # sin(1), sin(2) - sin(1)
        (0.841470984808, 0.067826442018)
        """
        lefts, rights = np.array([a, mid]), np.array([mid, b])
        halves = (rights - lefts) / 2
        values = fn(((lefts + rights) / 2)[:, None] + halves[:, None] * self.nodes)
        return [self._summary(v, float(h)) for v, h in zip(values, halves, strict=True)]

    def _summary(self, values: np.ndarray, half: float) -> tuple[float, float, float, float]:
        kronrod = float(self.weights @ values)
        gauss = float(self.gauss_weights @ values)
        absolute = float(self.weights @ np.abs(values)) * abs(half)
        spread = float(self.weights @ np.abs(values - kronrod / 2)) * abs(half)
        error = abs((kronrod - gauss) * half)
        if spread != 0 and error != 0:
            error = spread * min(1.0, (200 * error / spread) ** 1.5)
        if absolute > TINY / (50 * EPS):
            error = max(50 * EPS * absolute, error)
        return kronrod * half, error, absolute, spread


class Epsilon:
    """Wynn's epsilon table as QUADPACK's dqelg keeps it: at most 50 elements of the
    sequence, the newest diagonal only, and an error estimate from the last three results.

    >>> eps = Epsilon()
    >>> partial = [sum((-1) ** k / (k + 1) for k in range(n)) for n in range(1, 11)]
    >>> best = [eps.add(s) for s in partial][-1]
    >>> bool(abs(best[0] - np.log(2)) < 1e-7), bool(abs(partial[-1] - np.log(2)) > 0.04)
    (True, True)
    """

    LIMIT = 50

    def __init__(self) -> None:
        self.table = [0.0] * (self.LIMIT + 2)
        self.n = 0
        self.last_three: list[float] = []

    def push(self, value: float) -> None:
        """Append one element of the sequence without extrapolating."""
        self.table[self.n] = value
        self.n += 1

    def add(self, value: float) -> tuple[float, float]:
        """Append one element of the sequence; the extrapolated limit and its error."""
        self.push(value)
        result, error, settled = self._new_diagonal()
        if not settled:
            result, error = self._track(result)
        return result, max(error, 5 * EPS * abs(result))

    def _new_diagonal(self) -> tuple[float, float, bool]:
        """dqelg's main loop: the new elements of the table after the newest one arrived;
        ``settled`` when the table has converged (or is too short to extrapolate)."""
        tab, n = self.table, self.n
        result, best = tab[n - 1], HUGE
        if n < 3:
            return result, best, True
        tab[n + 1], tab[n - 1] = tab[n - 1], HUGE
        newest, k1 = (n - 1) // 2, n - 1
        for i in range(1, newest + 1):
            res, e0, e1 = tab[k1 + 2], tab[k1 - 2], tab[k1 - 1]
            delta2, delta3 = res - e1, e1 - e0
            err2, err3 = abs(delta2), abs(delta3)
            tol2, tol3 = max(abs(res), abs(e1)) * EPS, max(abs(e1), abs(e0)) * EPS
            if err2 <= tol2 and err3 <= tol3:
                return res, err2 + err3, True
            e3, tab[k1] = tab[k1], e1
            delta1 = e1 - e3
            ss = (1 / delta1 + 1 / delta2 - 1 / delta3) if abs(delta1) > max(
                abs(e1), abs(e3)) * EPS and err2 > tol2 and err3 > tol3 else 0.0
            if not abs(ss * e1) > 1e-4:
                self.n = 2 * i - 1
                break
            tab[k1] = e1 + 1 / ss
            error = err2 + abs(tab[k1] - res) + err3
            if error <= best:
                best, result = error, tab[k1]
            k1 -= 2
        self._shift(n, newest)
        return result, best, False

    def _shift(self, before: int, newest: int) -> None:
        """Drop the oldest diagonal and keep the table within ``LIMIT`` elements."""
        tab = self.table
        if self.n == self.LIMIT:
            self.n = 2 * (self.LIMIT // 2) - 1
        start = 1 if before % 2 == 0 else 0
        for i in range(start, start + 2 * (newest + 1), 2):
            tab[i] = tab[i + 2]
        if before != self.n:
            offset = before - self.n
            tab[:self.n] = tab[offset:offset + self.n]

    def _track(self, result: float) -> tuple[float, float]:
        """The error of an extrapolation: how far it moved from the last three."""
        if len(self.last_three) < 3:
            self.last_three.append(result)
            return result, HUGE
        error = sum(abs(result - r) for r in self.last_three)
        self.last_three = [*self.last_three[1:], result]
        return result, error
