"""check_grads: reverse-mode derivatives checked against independent methods.

First order: the reverse-mode gradient against central finite differences, the
complex-step derivative (where the function takes complex input) and forward mode (dual
numbers). Second order: the Hessian by reverse over reverse against finite differences
and the complex step of the reverse-mode gradient. A non-scalar function is checked
through ``sum(fun(*args) * v)`` for a fixed random ``v`` (every output then counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.autodiff.forward import Dual
from calcml.autodiff.functions import Operand
from calcml.autodiff.tensor import Tensor, as_array
from calcml.autodiff.transforms import grad, hessian
from calcml.errors import CalcmlError, InputError

# Tolerances on |a - b| / max(1, |a|, |b|): finite differences carry truncation and
# round-off error; the complex step and forward mode are exact to rounding.
TOLERANCE = {"central difference": 1e-5, "complex step": 1e-8, "forward mode": 1e-8}


class GradCheckError(CalcmlError):
    """Reverse-mode derivatives disagree with an independent method beyond tolerance."""


@dataclass(frozen=True)
class Comparison:
    """One method against reverse mode at one order: the worst element and its error."""

    method: str
    order: int
    max_rel_error: float
    argnum: tuple[int, ...]  # which argument(s): one per order of differentiation
    index: tuple[tuple[int, ...], ...]  # the element of each of those arguments
    reverse: float
    reference: float
    tolerance: float

    @property
    def ok(self) -> bool:
        """Whether the largest relative error is within tolerance."""
        return bool(self.max_rel_error <= self.tolerance)


@dataclass(frozen=True)
class GradCheckReport:
    """Every comparison made, the methods skipped (and why), and the verdict."""

    comparisons: tuple[Comparison, ...]
    skipped: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether every comparison is within tolerance."""
        return all(c.ok for c in self.comparisons)

    @property
    def worst(self) -> Comparison:
        """The comparison furthest beyond (or closest to) its tolerance."""
        return max(self.comparisons, key=lambda c: c.max_rel_error / c.tolerance)

    def __str__(self) -> str:
        lines = []
        for c in self.comparisons:
            verdict = "ok" if c.ok else "FAIL"
            at = ", ".join(f"argument {a} index {i}" for a, i in zip(c.argnum, c.index,
                                                                      strict=True))
            lines.append(f"order {c.order} vs {c.method}: largest relative error "
                         f"{c.max_rel_error:.2e} (tolerance {c.tolerance:.0e}) at {at}: "
                         f"reverse {c.reverse:.10g}, {c.method} {c.reference:.10g} "
                         f"[{verdict}]")
        lines += [f"skipped: {s}" for s in self.skipped]
        return "\n".join(lines)


class _Flat:
    """The arguments as one flat vector z, and fun as a scalar function of z."""

    def __init__(self, fun: Callable[..., Any], args: tuple[Any, ...], seed: int) -> None:
        self.fun = fun
        self.arrays = [as_array(a) for a in args]
        for i, a in enumerate(self.arrays):
            if a.dtype != np.float64 or not np.all(np.isfinite(a)):
                raise InputError(f"check_grads needs finite float64 arguments; argument {i} "
                                 f"is {a.dtype} with values {a!r}")
        self.sizes = [a.size for a in self.arrays]
        self.z = np.concatenate([a.ravel() for a in self.arrays]) if self.arrays else None
        out = np.asarray(_value(fun(*[Tensor(a) for a in self.arrays])))
        self.v = None
        if out.size != 1:
            self.v = np.random.default_rng(seed).normal(size=out.shape)

    def split(self, z: Any) -> list[Any]:
        parts, start = [], 0
        for a, n in zip(self.arrays, self.sizes, strict=True):
            parts.append(z[start:start + n].reshape(a.shape))
            start += n
        return parts

    def scalar(self, z: Any) -> Any:
        out = self.fun(*self.split(z))
        if self.v is not None:
            return (out * self.v).sum()
        return out.sum() if isinstance(out, Operand) else np.sum(out)

    def where(self, k: int) -> tuple[int, tuple[int, ...]]:
        """The argument and index of flat position ``k``."""
        for i, a in enumerate(self.arrays):
            if k < a.size:
                return i, tuple(int(j) for j in np.unravel_index(k, a.shape))
            k -= a.size
        raise IndexError(k)


def _tangent(out: Any) -> np.ndarray:
    if not isinstance(out, Dual):
        raise TypeError(f"given dual numbers it returned a {type(out).__name__}")
    return out.tangent


def _value(out: Any) -> Any:
    return out.data if isinstance(out, Operand) else out


def _compare(flat: _Flat, method: str, order: int, rev: np.ndarray,
             ref: np.ndarray) -> Comparison:
    err = np.abs(rev - ref) / np.maximum(1.0, np.maximum(np.abs(rev), np.abs(ref)))
    k = int(np.argmax(err))
    spots = [flat.where(k)] if order == 1 else [flat.where(k // flat.z.size),
                                                flat.where(k % flat.z.size)]
    return Comparison(method, order, float(err.flat[k]), tuple(a for a, _ in spots),
                      tuple(i for _, i in spots), float(rev.flat[k]), float(ref.flat[k]),
                      TOLERANCE[method])


def _central(f: Callable[[np.ndarray], Any], z: np.ndarray, eps: float) -> np.ndarray:
    """d f / d z_k for every k by central differences (f may be vector-valued)."""
    cols = []
    for k in range(z.size):
        h = eps * max(1.0, abs(z[k]))
        zp, zm = z.copy(), z.copy()
        zp[k] += h
        zm[k] -= h
        cols.append((np.asarray(f(zp)) - np.asarray(f(zm))) / (2 * h))
    return np.stack(cols, axis=-1)


def _complex_step(f: Callable[[np.ndarray], Any], z: np.ndarray) -> np.ndarray:
    """d f / d z_k = Im f(z + i h e_k) / h with h = 1e-20: no cancellation, exact to rounding."""
    cols = []
    for k in range(z.size):
        zc = z.astype(complex)
        zc[k] += 1e-20j
        cols.append(np.imag(np.asarray(f(zc))) / 1e-20)
    return np.stack(cols, axis=-1)


def _try(method: str, fn: Callable[[], np.ndarray], skipped: list[str]) -> np.ndarray | None:
    try:
        return fn()
    except (TypeError, ValueError) as err:
        skipped.append(f"{method}: the function does not accept it ({err})")
        return None


def _first_order(flat: _Flat, eps: float, skipped: list[str]) -> list[Comparison]:
    gfun = grad(flat.scalar)
    rev = np.asarray(gfun(flat.z))

    def value(z: np.ndarray) -> Any:
        return _value(flat.scalar(Tensor(z, dtype=z.dtype)))

    def forward() -> np.ndarray:
        return np.array([_tangent(flat.scalar(Dual(flat.z, e))) for e in np.eye(flat.z.size)])

    out = [_compare(flat, "central difference", 1, rev, _central(value, flat.z, eps))]
    for method, fn in (("complex step", lambda: _complex_step(value, flat.z)),
                       ("forward mode", forward)):
        ref = _try(method, fn, skipped)
        if ref is not None:
            out.append(_compare(flat, method, 1, rev, ref))
    return out


def _second_order(flat: _Flat, eps: float, skipped: list[str]) -> list[Comparison]:
    gfun = grad(flat.scalar)
    rev = np.asarray(hessian(flat.scalar)(flat.z))
    out = [_compare(flat, "central difference", 2, rev, _central(gfun, flat.z, eps))]
    ref = _try("complex step", lambda: _complex_step(gfun, flat.z), skipped)
    if ref is not None:
        out.append(_compare(flat, "complex step", 2, rev, ref))
    return out


def check_grads(fun: Callable[..., Any], *args: Any, order: int = 2, eps: float = 1e-6,
                seed: int = 0, raise_on_fail: bool = True) -> GradCheckReport:
    """Check reverse-mode derivatives of ``fun`` at ``args`` up to ``order`` (1 or 2).

    Returns a report with, for each independent method and order, the largest relative
    error and where it is (argument, index). Raises :class:`GradCheckError` on a
    disagreement beyond tolerance unless ``raise_on_fail=False`` (then ``report.ok`` is
    False).

    >>> from calcml.autodiff import tanh
    >>> check_grads(lambda x: tanh(x) * x, np.array([0.5, -1.0])).ok
    True
    """
    if order not in (1, 2):
        raise InputError(f"order is 1 or 2, not {order!r}")
    if not args:
        raise InputError("check_grads needs at least one argument to differentiate")
    flat = _Flat(fun, args, seed)
    skipped: list[str] = []
    comparisons = _first_order(flat, eps, skipped)
    if order == 2:
        comparisons += _second_order(flat, eps, skipped)
    report = GradCheckReport(tuple(comparisons), tuple(dict.fromkeys(skipped)))
    if raise_on_fail and not report.ok:
        raise GradCheckError(f"reverse-mode derivatives disagree with an independent "
                             f"method:\n{report}")
    return report
