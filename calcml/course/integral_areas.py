"""What the figure of a worked definite integral draws: the signed area under the curve, or,
when a numeric rule that stands shapes on strips was asked for, that rule's shapes with the
worked integral's exact value beside the estimate.

The worked integral (:func:`calcml.integral`) and the numeric engine meet here, so that a
front end passes the figure a result and a figure computes nothing.

>>> from calcml.symbolic.integrals.integral import integral
>>> area = figure_result(integral("x^3 - x", "x", -1, 2))
>>> round(area.net, 12), round(area.total, 12)
(2.25, 2.75)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calcml.errors import InputError
from calcml.numeric.quad_rules import ORDERS
from calcml.numeric.quad_tables import with_exact
from calcml.numeric.quadrature import Quadrature
from calcml.numeric.signed_area import SignedArea, signed_area

if TYPE_CHECKING:
    from calcml.symbolic.integrals.integral import IntegralSolution


def figure_result(solution: IntegralSolution, estimate: Quadrature | None = None
                  ) -> SignedArea | Quadrature:
    """The result a figure of ``solution`` draws: ``estimate`` with the exact value when it
    is a rule of rectangles, trapezoids or parabolas, else the signed area on the bounds.

    An integral without bounds, one that diverges and one over an infinite interval have
    no finite area to draw: each is an :class:`InputError` that says so.

    >>> from calcml.numeric import integrate
    >>> from calcml.symbolic.integrals.integral import integral
    >>> q = figure_result(integral("x^2", "x", 0, 1), integrate("x^2", 0, 1, "left", 4))
    >>> q.exact_text, q.true_error
    ('1/3', 0.11458333333333331)
    """
    if not solution.definite:
        raise InputError("the figure shows the area of a definite integral: give both "
                         "bounds (--from and --to)")
    if solution.diverges:
        raise InputError(f"{solution.divergence}, so there is no finite area to draw")
    if estimate is not None and estimate.method in ORDERS:
        exact = solution.result
        known = exact.is_number and exact.is_real and exact.is_finite
        return with_exact(estimate, exact if known else None)
    var, lower, upper = solution.problem.limits[0]
    try:
        return signed_area(solution.integrand, lower, upper, var=var)
    except InputError as err:
        raise InputError(f"no figure: {err}") from None
