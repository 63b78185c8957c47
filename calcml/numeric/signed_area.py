"""The signed area under a curve in its two parts: what lies above the x axis counts
positive, what lies below counts negative, and the integral is their sum (the net signed
area), while the integral of |f| adds them up as sizes (the total area).

>>> r = signed_area("x^3 - x", -1, 2)
>>> round(r.above, 12), round(r.below, 12), round(r.net, 12), round(r.total, 12)
(2.5, -0.25, 2.25, 2.75)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from calcml.errors import InputError
from calcml.expr.tables import format_number
from calcml.numeric.functions import FunctionLike, NumericFunction, VarLike, as_function, to_number
from calcml.numeric.quad_rules import sample
from calcml.numeric.quadrature import integrate

TOL = 1e-12


@dataclass(frozen=True)
class SignedArea:
    """The integral of ``function`` over the finite interval [a, b] as a net signed area
    (``net``), split into the part above the axis (``above``, >= 0) and the part below
    (``below``, <= 0), each by the adaptive method to a relative error of 1e-12."""

    function: NumericFunction
    a: float
    b: float
    net: float
    above: float
    below: float

    @property
    def total(self) -> float:
        """The total area, the integral of |f|: above - below.

        >>> round(signed_area("sin(x)", 0, "2pi").total, 12)
        4.0
        """
        return self.above - self.below

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON.

        >>> signed_area("x", -1, 1).to_dict()["net"]
        0.0
        """
        return {"function": self.function.label, "a": self.a, "b": self.b, "net": self.net,
                "above": self.above, "below": self.below, "total": self.total}


def signed_area(f: FunctionLike, a: Any, b: Any, var: VarLike = None) -> SignedArea:
    """The area between f and the x axis on [a, b] (a < b, both finite), above and below
    the axis: f is a Python/NumPy callable, math text or a SymPy expression; a and b are
    numbers or text such as "pi/3".

    Where the two parts cancel to within round-off, ``net`` is exactly 0.

    >>> r = signed_area("sin(x)", 0, "2pi")
    >>> r.net, round(r.above, 12), round(r.below, 12)
    (0.0, 2.0, -2.0)
    """
    nf = as_function(f, var)
    lo, hi = to_number(a, "a", infinite=True), to_number(b, "b", infinite=True)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise InputError("the signed area is drawn on a finite interval, but a bound is "
                         "infinite; pick finite bounds such as a = 0, b = 10")
    if lo >= hi:
        raise InputError(f"the signed area is drawn on an interval with a < b, got "
                         f"a = {format_number(lo)}, b = {format_number(hi)}; put the lower "
                         "bound first")
    net = integrate(nf, lo, hi, tol=TOL).estimate
    above = integrate(lambda t: np.maximum(sample(nf, np.asarray(t, dtype=float)), 0),
                      lo, hi, tol=TOL).estimate
    below = net - above
    if abs(net) <= TOL * (above - below):
        net = 0.0  # the parts cancel: what is left is round-off
    return SignedArea(function=nf, a=lo, b=hi, net=float(net), above=float(above),
                      below=float(below))
