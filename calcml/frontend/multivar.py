"""Multivariable commands, shared by the CLI and the web: partial, grad, hessian, chain,
three-ways."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calcml.errors import InputError


def point_of(solution: Any) -> dict[str, float]:
    """A solution's point as names and floats (for a figure or a comparison).

    >>> point_of(partial("x^2 - y^2", at="x=2, y=3"))
    {'x': 2.0, 'y': 3.0}
    """
    return {s.name: float(v) for s, v in solution.point}


def partial(expr: str, var: str = "x", at: str | None = None, timeout: float = 5.0) -> Any:
    """A partial derivative, the other variables held constant (``calcml partial``).

    >>> partial("x^2 - y^2", "y").result
    -2*y
    """
    from calcml.symbolic.partials.partial import partial as partial_derivative

    return partial_derivative(expr, var, at=at, timeout=timeout)


@dataclass(frozen=True)
class GradientResult:
    """The gradient's solution, and the three-ways comparison when it was asked for."""

    solution: Any
    ways: Any = None

    def to_dict(self, detail: str = "normal") -> dict:
        """The worked gradient at ``detail`` (brief, normal, full), and the three ways."""
        data = self.solution.to_dict(detail)
        if self.ways is not None:
            data["three_ways"] = self.ways.to_dict()
        return data


def grad(expr: str, variables: str | None = None, at: str | None = None,
         three_ways: bool = False, timeout: float = 5.0) -> GradientResult:
    """The gradient, with the three-ways comparison at ``at`` on request (``calcml grad``).

    >>> grad("x^2 - y^2", at="x=2, y=3").solution.result.T
    Matrix([[4, -6]])
    """
    from calcml.symbolic.partials.partial import gradient

    if three_ways and at is None:
        raise InputError("--three-ways compares the gradient at a point: add --at, "
                         "e.g. --at x=1,y=2")
    solution = gradient(expr, variables, at=at, timeout=timeout)
    ways = None
    if three_ways:
        from calcml.course.three_ways import gradient_three_ways

        names = [v.name for v in solution.variables]
        exact = {s.name: v for s, v in solution.point}  # pi/3 stays pi/3
        ways = gradient_three_ways(expr, exact, vars=names)
    return GradientResult(solution, ways)


def hessian(expr: str, variables: str | None = None, at: str | None = None,
            timeout: float = 5.0) -> Any:
    """The Hessian, the matrix of second partial derivatives (``calcml hessian``).

    >>> hessian("x^2 y").result
    Matrix([
    [2*y, 2*x],
    [2*x,   0]])
    """
    from calcml.symbolic.partials.partial import hessian as hessian_matrix

    return hessian_matrix(expr, variables, at=at, timeout=timeout)


def chain(expr: str, inner: str, var: str = "t", at: str | None = None,
          timeout: float = 5.0) -> Any:
    """The partial-derivative chain rule, worked (``calcml chain``); ``inner`` is the
    ``--with`` text, e.g. ``"x=cos(t), y=sin(t)"``.

    >>> chain("x^2 - y^2", "x=cos(t), y=sin(t)").result
    -4*sin(t)*cos(t)
    """
    from calcml.expr.values import split_top_level
    from calcml.symbolic.partials.dependency_tree import read_assignments
    from calcml.symbolic.partials.multivar_chain import chain_rule

    definitions = read_assignments(inner, "--with")
    variables = split_top_level(var, "--var")
    if not all(v.isidentifier() for v in variables):
        raise InputError(f"--var takes variable names separated by commas, e.g. 's, t'; "
                         f"got {var!r}")
    return chain_rule(expr, definitions, variables, at=at, timeout=timeout)


def three_ways(expr: str, at: str, variables: str | None = None) -> Any:
    """The gradient symbolically, by autodiff and by finite differences, compared
    (``calcml three-ways``).

    >>> three_ways("x^2 - y^2", "x=2, y=3").autodiff.tolist()
    [4.0, -6.0]
    """
    from calcml.course.three_ways import gradient_three_ways
    from calcml.expr.values import split_top_level

    names = None if variables is None else split_top_level(variables, "--vars")
    return gradient_three_ways(expr, at, names)
