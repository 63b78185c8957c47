"""Globally adaptive Gauss-Kronrod quadrature with extrapolation (QUADPACK's QAGS and QAGI).

The algorithm, as in QUADPACK (and so in :func:`scipy.integrate.quad`):

1. Integrate [a, b] with the 21-point Gauss-Kronrod pair (G10-K21), which gives an
   estimate and an error estimate. (QUADPACK's QAGI uses the 15-point pair on an
   infinite interval; the 21-point one needed fewer evaluations on calcml's test set.)
2. Keep the intervals in a priority queue, largest error first. Bisect the worst one,
   integrate both halves, and repeat until the summed error estimate is at most
   max(tol * |integral|, 100 eps * integral of |f|) (the second term is round-off: an
   integral that cancels to 0 cannot be known more precisely than that).
3. Near an end-point singularity (1/sqrt(x), log(x)) bisection alone converges slowly: the
   worst interval is always the smallest one next to the singular point. Once the worst
   interval is the smallest kind, the large intervals are bisected until their error is
   below tolerance, and then the sequence of total areas (one per halving of the smallest
   width) is extrapolated to its limit with Wynn's epsilon algorithm.
4. An infinite interval is mapped onto (0, 1] by x = a + (1 - t) / t (and x = +-(1 - t)/t
   for the whole line), with dx = dt / t^2; the nodes never touch t = 0.

A budget of evaluations caps the work; a run that ends without meeting the tolerance says
why (``status``) and still returns its best estimate and error.

>>> import numpy as np
>>> r = adaptive(np.sqrt, 0.0, 1.0, 1e-10)
>>> round(r.estimate, 12), r.status
(0.666666666667, 'converged')
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from calcml.numeric.kronrod import EPS, HUGE, TINY, Epsilon, GaussKronrod

SMOOTH = 1e-2
STATUS = {
    "converged": "the error estimate met the tolerance",
    "budget": "the budget of evaluations ran out before the error estimate met the "
              "tolerance; raise max_evaluations or loosen tol",
    "round-off": "round-off error keeps the error estimate from meeting the tolerance; "
                 "the estimate is as good as double precision allows here",
    "bad point": "an interval shrank to the size of round-off near a point where f "
                 "behaves badly (a singularity inside [a, b]?); split the interval there",
    "extrapolation": "the extrapolation did not settle (the integral may diverge or "
                     "converge very slowly)",
    "divergent": "the integral is probably divergent, or converges too slowly to tell",
}


@dataclass(frozen=True)
class Adaptive:
    """What the adaptive integrator found: the estimate, its error estimate, how many times
    f was evaluated, how many intervals it ended with, and a ``status`` key of STATUS."""

    estimate: float
    error: float
    evaluations: int
    intervals: int
    status: str


@dataclass(order=True)
class _Piece:
    """One interval in the queue, ordered by decreasing error."""

    key: float
    a: float
    b: float
    area: float
    error: float
    raw: float


class _Bisection:
    """The state of one QAGS run (a port of QUADPACK's dqagse, split into its phases)."""

    def __init__(self, fn: Callable[[np.ndarray], np.ndarray], rule: GaussKronrod,
                 tol: float, limit: int) -> None:
        self.fn, self.rule, self.tol, self.limit = fn, rule, tol, limit
        self.queue: list[_Piece] = []
        self.calls = 0
        self.roundoff = [0, 0, 0]
        self.status = "converged"
        self.abs_floor = 0.0

    def integrate(self, a: float, b: float) -> tuple[float, float, float, float]:
        self.calls += 1
        return self.rule.apply(self.fn, a, b)

    def push(self, a: float, b: float, area: float, error: float, raw: float) -> None:
        heapq.heappush(self.queue, _Piece(-error, a, b, area, error, raw))

    def bound(self, area: float) -> float:
        return max(self.tol * abs(area), self.abs_floor)

    def widest_worst(self, small: float) -> _Piece | None:
        """Pop the interval with the largest error among those wider than ``small``."""
        skipped, found = [], None
        while self.queue:
            piece = heapq.heappop(self.queue)
            if abs(piece.b - piece.a) > small:
                found = piece
                break
            skipped.append(piece)
        for piece in skipped:
            heapq.heappush(self.queue, piece)
        return found

    def bisect(self, piece: _Piece, extrapolating: bool) -> tuple[float, float, float]:
        """Split ``piece`` in two: the change in area and in error, and the halves' error."""
        mid = (piece.a + piece.b) / 2
        self.calls += 2
        (area1, raw1, abs1, spread1), (area2, raw2, abs2, spread2) = self.rule.apply_halves(
            self.fn, piece.a, mid, piece.b)
        area12, raw12 = area1 + area2, raw1 + raw2
        if spread1 != raw1 and spread2 != raw2:
            self._count_roundoff(piece, area12, raw12, extrapolating)
        err1, err2 = raw1, raw2
        change = abs(piece.area - area12)
        if change <= piece.raw and 0 < raw12 <= SMOOTH * piece.raw:
            # Smooth here (halving cut the error estimate 100-fold or more) and the halves
            # agree with their parent far better than its estimate said: the change, a
            # measured bound on the parent's error, bounds the halves' error too (never
            # below round-off).
            scale = change / raw12
            err1 = max(50 * EPS * abs1, raw1 * scale)
            err2 = max(50 * EPS * abs2, raw2 * scale)
        self.push(piece.a, mid, area1, err1, raw1)
        self.push(mid, piece.b, area2, err2, raw2)
        self._flag(piece.a, mid, piece.b)
        return area12 - piece.area, err1 + err2 - piece.error, err1 + err2

    def _count_roundoff(self, piece: _Piece, area12: float, raw12: float,
                        extrapolating: bool) -> None:
        """QUADPACK's signs of round-off: halves that change nothing, errors that grow."""
        if abs(piece.area - area12) <= 1e-5 * abs(area12) and raw12 >= 0.99 * piece.raw:
            self.roundoff[1 if extrapolating else 0] += 1
        if len(self.queue) + 2 > 10 and raw12 > piece.raw:
            self.roundoff[2] += 1

    def _flag(self, a: float, mid: float, b: float) -> None:
        """QUADPACK's stop signals after a bisection (round-off, budget, a bad point)."""
        if sum(self.roundoff[:2]) >= 10 or self.roundoff[2] >= 20:
            self.status = "round-off"
        if len(self.queue) >= self.limit:
            self.status = "budget"
        if max(abs(a), abs(b)) <= (1 + 100 * EPS) * (abs(mid) + 1000 * TINY):
            self.status = "bad point"

    def total(self) -> tuple[float, float]:
        return (math.fsum(p.area for p in self.queue), math.fsum(p.error for p in self.queue))


def adaptive(fn: Callable[[np.ndarray], np.ndarray], a: float, b: float, tol: float,
             max_evaluations: int = 50_000, points: int = 21) -> Adaptive:
    """QAGS on a finite [a, b] for a vectorised ``fn`` (which must return finite values).

    >>> r = adaptive(np.log, 0.0, 1.0, 1e-12)
    >>> round(r.estimate, 12), r.evaluations < 400
    (-1.0, True)
    """
    state = _Bisection(fn, GaussKronrod.of(points), tol,
                       max(1, max_evaluations // (2 * points)))
    result, error, absolute, spread = state.integrate(a, b)
    state.abs_floor = 100 * EPS * absolute
    state.push(a, b, result, error, error)
    if state.limit == 1:
        state.status = "budget"
    done = (error <= state.bound(result) and error != spread) or error == 0
    if state.status != "converged" or done:
        return Adaptive(result, error, points, 1, state.status)
    result, error = _run(state, a, b, result, error, absolute)
    return Adaptive(result, error, state.calls * points, len(state.queue), state.status)


def _run(state: _Bisection, a: float, b: float, area: float, errsum: float,
         absolute: float) -> tuple[float, float]:
    """The bisection loop with extrapolation; returns the final estimate and error."""
    table = Epsilon()
    table.push(area)
    phase = _Phase(small=abs(b - a) * 0.375, erlarg=errsum, ertest=state.bound(area))
    one_signed = abs(area) >= (1 - 50 * EPS) * absolute
    while True:
        piece = phase.next_piece(state)
        d_area, d_err, err12 = state.bisect(piece, phase.extrap)
        area, errsum = area + d_area, errsum + d_err
        if errsum <= state.bound(area):
            state.status = "converged"  # the tolerance is met, whatever else was flagged
            return state.total()
        if state.status != "converged":
            break
        if len(state.queue) == 2:
            table.push(area)
            phase.ertest, phase.erlarg = state.bound(area), errsum
            continue
        if phase.noext:
            continue
        phase.track_large(piece, err12)
        if phase.wants_bisection(state):
            continue
        if phase.extrapolate(state, table, area, errsum):
            break
    return _final(state, phase, area, errsum, absolute, one_signed)


@dataclass
class _Phase:
    """The extrapolation bookkeeping of dqagse: the current smallest width, the error on
    the large intervals, the best extrapolated result so far."""

    small: float
    erlarg: float
    ertest: float
    extrap: bool = False
    noext: bool = False
    result: float = 0.0
    abserr: float = HUGE
    correc: float = 0.0
    ktmin: int = 0
    chosen: _Piece | None = None

    def next_piece(self, state: _Bisection) -> _Piece:
        piece, self.chosen = self.chosen or heapq.heappop(state.queue), None
        return piece

    def track_large(self, piece: _Piece, err12: float) -> None:
        self.erlarg -= piece.error
        if abs(piece.b - piece.a) / 2 > self.small:
            self.erlarg += err12

    def wants_bisection(self, state: _Bisection) -> bool:
        """True when a large interval should be bisected before extrapolating."""
        if not self.extrap:
            worst = state.queue[0]
            if abs(worst.b - worst.a) > self.small:
                return True
            self.extrap = True
        if state.roundoff[1] < 5 and self.erlarg > self.ertest:
            self.chosen = state.widest_worst(self.small)
            return self.chosen is not None
        return False

    def extrapolate(self, state: _Bisection, table: Epsilon, area: float,
                    errsum: float) -> bool:
        """One epsilon step on the areas; True when the loop should stop."""
        reseps, abseps = table.add(area)
        self.ktmin += 1
        if self.ktmin > 5 and self.abserr < 1e-3 * errsum:
            state.status = "extrapolation"
        if abseps < self.abserr:
            self.ktmin, self.abserr, self.result = 0, abseps, reseps
            self.correc = self.erlarg
            self.ertest = state.bound(reseps)
            if self.abserr <= self.ertest:
                return True
        if table.n == 1:
            self.noext = True
        if state.status != "converged":
            return True
        self.extrap, self.small, self.erlarg = False, self.small / 2, errsum
        return False


def _final(state: _Bisection, phase: _Phase, area: float, errsum: float, absolute: float,
           one_signed: bool) -> tuple[float, float]:
    """dqagse's choice between the extrapolated result and the plain sum of the areas."""
    if phase.abserr == HUGE:
        return state.total()
    result, abserr = phase.result, phase.abserr
    troubled = state.status != "converged" or state.roundoff[1] >= 5
    if troubled:
        if state.roundoff[1] >= 5:
            abserr += phase.correc
            if state.status == "converged":
                state.status = "round-off"
        if result != 0 and area != 0:
            if abserr / abs(result) > errsum / abs(area):
                return state.total()
        elif abserr > errsum:
            return state.total()
        elif area == 0:
            return result, abserr
    if not one_signed and max(abs(result), abs(area)) <= absolute * 0.01:
        return result, abserr
    ratio = result / area if area else math.inf
    if not 0.01 <= ratio <= 100 or errsum > abs(area):
        state.status = "divergent"
    return result, abserr
