"""The integrate command, shared by the CLI and the web."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calcml.errors import InputError


@dataclass(frozen=True)
class IntegralResult:
    """The worked integral, and the numeric estimate when one was asked for."""

    solution: Any
    estimate: Any = None

    def to_dict(self, detail: str = "normal") -> dict:
        """The worked integral at ``detail`` (brief, normal, full), and the numeric estimate."""
        data = self.solution.to_dict(detail)
        if self.estimate is not None:
            data["numeric"] = self.estimate.to_dict()
        return data


def integrate(expr: str, var: str = "x", lower: str | None = None, upper: str | None = None,
              numeric: str | None = None, n: int | None = None,
              timeout: float = 5.0) -> IntegralResult:
    """The integral, worked, with a numeric estimate by ``numeric`` on request
    (``calcml integrate``). An integral that diverges or has no elementary
    antiderivative is an :class:`InputError` that says so.

    >>> integrate("x/2", lower="1", upper="2").solution.result
    3/4
    """
    from calcml.symbolic.integrals.integral import integral

    check_options(lower, upper, numeric, n)
    solution = integral(expr, var, lower, upper, timeout=timeout)
    estimate = None
    if numeric is not None and not solution.diverges:
        from calcml.numeric import integrate as numeric_integrate

        estimate = numeric_integrate(solution.integrand, lower, upper, method=numeric,
                                     n=n, var=solution.problem.limits[0][0])
    if solution.antiderivative is None and not solution.definite:
        from calcml.steps.integrals.words import search_stop_words

        raise InputError(f"{search_stop_words(solution.step)}: {expr} may have no "
                         "antiderivative in elementary functions; add --from and --to for a "
                         "numeric value of a definite integral")
    return IntegralResult(solution, estimate)


def check_options(lower: str | None, upper: str | None, numeric: str | None,
                  n: int | None) -> None:
    """Refuse option combinations that have no meaning, saying which option to add.

    >>> check_options("0", "1", "simpson", 8)
    """
    if (lower is None) != (upper is None):
        raise InputError("a definite integral needs both bounds: give --from and --to, or "
                         "neither for an antiderivative")
    if numeric is not None and lower is None:
        raise InputError("--numeric integrates over an interval: add --from and --to, "
                         "e.g. --from 0 --to 1")
    if n is not None and numeric is None:
        raise InputError("--n sets the strips of a numeric rule: add --numeric, e.g. "
                         "--numeric simpson --n 8")
