"""Three ways, one answer: a gradient by symbolic rules, by automatic differentiation and
by central finite differences, side by side, with every disagreement reported.

>>> tw = gradient_three_ways("x^2 - y^2", "x=3, y=0")
>>> tw.symbolic.tolist(), tw.agreed
([6.0, 0.0], True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from calcml import autodiff as ad
from calcml.errors import InputError
from calcml.expr.coerce import as_expr, as_symbol
from calcml.expr.printing import to_text
from calcml.expr.tables import Table, format_number
from calcml.expr.values import read_point, split_top_level
from calcml.numeric.finite_diff import central_difference
from calcml.numeric.functions import NUMPY_ML
from calcml.steps.base import Solution

__all__ = ["AUTODIFF_FUNCTIONS", "ThreeWays", "gradient_three_ways"]


def _softplus(x: Any) -> Any:
    return ad.log(1.0 + ad.exp(x))


AUTODIFF_FUNCTIONS: dict[str, Any] = {
    "sin": ad.sin, "cos": ad.cos, "tan": lambda x: ad.sin(x) / ad.cos(x),
    "exp": ad.exp, "log": ad.log, "tanh": ad.tanh, "sqrt": ad.sqrt, "abs": ad.abs,
    "sinh": lambda x: (ad.exp(x) - ad.exp(-x)) / 2, "cosh": lambda x: (ad.exp(x) + ad.exp(-x)) / 2,
    "sigmoid": ad.sigmoid, "relu": ad.relu, "softplus": _softplus, "pi": np.pi, "E": np.e,
}
"""What a SymPy expression's functions become on calcml Tensors (for ``sympy.lambdify``)."""

_SUPPORTED = {"sin", "cos", "tan", "sec", "csc", "cot", "exp", "log", "tanh", "sinh", "cosh",
              "Abs", "sigmoid", "relu", "softplus"}
"""SymPy functions the engine can run (sec, csc and cot print as 1/cos(x) and so on)."""

WAYS = ("symbolic", "autodiff", "finite difference")


@dataclass(frozen=True)
class ThreeWays:
    """One gradient, three ways: ``symbolic`` (worked rules, ``solution``), ``autodiff``
    (calcml's reverse mode; None with ``autodiff_error`` saying why) and
    ``finite_difference`` (central differences), as NumPy vectors in ``variables`` order."""

    expr: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    point: tuple[tuple[sympy.Symbol, sympy.Expr], ...]
    symbolic: np.ndarray
    autodiff: np.ndarray | None
    finite_difference: np.ndarray
    solution: Solution = field(compare=False)
    autodiff_error: str | None = None
    rtol: float = 1e-6
    atol: float = 1e-8

    def _columns(self) -> list[tuple[str, np.ndarray]]:
        ways = [("symbolic", self.symbolic), ("autodiff", self.autodiff),
                ("finite difference", self.finite_difference)]
        return [(name, values) for name, values in ways if values is not None]

    def discrepancy(self) -> np.ndarray:
        """For each variable, the largest gap between any two of the ways computed."""
        stacked = np.array([values for _, values in self._columns()])
        return stacked.max(axis=0) - stacked.min(axis=0)

    @property
    def disagreements(self) -> list[str]:
        """One line per variable whose ways differ beyond ``atol + rtol * |value|``."""
        lines = []
        columns = self._columns()
        for k, var in enumerate(self.variables):
            values = [values[k] for _, values in columns]
            scale = max(abs(v) for v in values)
            gap = max(values) - min(values)
            if not gap <= self.atol + self.rtol * scale:
                shown = ", ".join(f"{name} {format_number(v[k])}" for name, v in columns)
                lines.append(f"∂/∂{var}: {shown} differ by {gap:.3g} (tolerance "
                             f"{self.atol:g} + {self.rtol:g} * |value|)")
        return lines

    @property
    def agreed(self) -> bool:
        """True when every way that could be computed agrees within tolerance."""
        return not self.disagreements

    def table(self) -> Table:
        """The comparison as a :class:`~calcml.expr.tables.Table`."""
        where = ", ".join(f"{s} = {to_text(v)}" for s, v in self.point)
        autodiff = self.autodiff
        gaps = self.discrepancy()
        rows = [(f"∂/∂{v}", self.symbolic[k],
                 autodiff[k] if autodiff is not None else "unavailable",
                 self.finite_difference[k], float(gaps[k]))
                for k, v in enumerate(self.variables)]
        notes = [f"autodiff: {self.autodiff_error}"] if self.autodiff_error else []
        notes += self.disagreements or [
            f"All {len(self._columns())} ways agree within {self.atol:g} + "
            f"{self.rtol:g} * |value|."]
        return Table(title=f"Gradient of {to_text(self.expr)} at {where}, three ways",
                     columns=("variable", *WAYS, "max discrepancy"),
                     rows=tuple(rows), notes=tuple(notes), digits=12)

    def to_text(self) -> str:
        """The table: variable, symbolic, autodiff, finite difference, max discrepancy."""
        return self.table().to_text()

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: the three vectors, the verdict, the table."""
        def listed(values: np.ndarray | None) -> list[float] | None:
            return None if values is None else [float(v) for v in values]

        return {"expression": to_text(self.expr), "variables": [str(v) for v in self.variables],
                "point": {str(s): float(v) for s, v in self.point},
                "symbolic": listed(self.symbolic), "autodiff": listed(self.autodiff),
                "finite_difference": listed(self.finite_difference),
                "autodiff_error": self.autodiff_error, "agreed": self.agreed,
                "disagreements": self.disagreements, "rtol": self.rtol, "atol": self.atol,
                "solution": self.solution.to_dict(), "table": self.table().to_dict()}

    def __str__(self) -> str:
        return self.to_text()


def gradient_three_ways(expr: str | sympy.Basic, at: Any,
                        vars: Sequence[str | sympy.Symbol] | None = None, *,
                        rtol: float = 1e-6, atol: float = 1e-8) -> ThreeWays:
    """The gradient of ``expr`` at the point ``at``, symbolically (with worked steps), by
    calcml's autodiff engine and by central differences, compared.

    ``vars`` orders the variables (names, symbols or text ``"r, l"``; by default the
    expression's, alphabetically); ``at`` is
    text such as ``"x=1, y=2"`` or a dict. A disagreement beyond ``atol + rtol * |value|``
    is reported in ``disagreements`` (``agreed`` is then False), never hidden; a function
    the autodiff engine lacks leaves its column empty, with the reason.

    >>> tw = gradient_three_ways("asin(x) + y", {"x": 0.5, "y": 1})
    >>> tw.autodiff is None, tw.autodiff_error
    (True, 'the calcml autodiff engine has no asin')
    """
    from calcml.symbolic.partials.partial import gradient

    f = as_expr(expr)
    if not isinstance(f, sympy.Expr):
        raise InputError(f"the gradient needs an expression such as x^2 - y^2, not {f}")
    variables = _variables(f, vars)
    point = read_point(at, variables)
    values = [float(point[v]) for v in variables]
    solution = gradient(f, list(variables))
    symbolic = _symbolic_values(solution.result, point)
    autodiff, reason = autodiff_gradient(f, variables, values)
    return ThreeWays(expr=f, variables=variables, point=tuple(point.items()),
                     symbolic=symbolic, autodiff=autodiff,
                     finite_difference=difference_gradient(f, variables, values),
                     solution=solution, autodiff_error=reason, rtol=rtol, atol=atol)


def _variables(f: sympy.Expr, vars: Sequence[str | sympy.Symbol] | None
               ) -> tuple[sympy.Symbol, ...]:
    if vars is None:
        names = sorted(s.name for s in f.free_symbols)
    elif isinstance(vars, str):
        names = split_top_level(vars, "vars")
    elif isinstance(vars, sympy.Symbol | Sequence):
        items = [vars] if isinstance(vars, sympy.Symbol) else list(vars)
        names = [v.name if isinstance(v, sympy.Symbol) else v for v in items]
    else:
        raise InputError(f"vars is a list of names such as ['x', 'y'], not {vars!r}")
    # Matched by name: a Symbol("x") a caller made stands for the parser's real x.
    chosen = tuple(as_symbol(name, f) for name in names)
    if not chosen:
        raise InputError("the expression has no variables; a gradient needs at least one, "
                         "or pass vars=['x']")
    others = sorted(s.name for s in f.free_symbols - set(chosen))
    if others:
        raise InputError(f"the expression also uses {', '.join(others)}; add them to vars "
                         "or substitute numbers for them first")
    return chosen


def _symbolic_values(result: sympy.Basic, point: dict) -> np.ndarray:
    entries = list(result) if isinstance(result, sympy.MatrixBase | sympy.Tuple) else [result]
    values = np.array([complex(sympy.N(e.xreplace(point), 17)) for e in entries])
    if not np.all(np.isfinite(values)) or np.any(np.abs(values.imag) > 1e-12):
        raise InputError("the gradient is not a finite real vector at this point; "
                         "pick a point where the function is differentiable")
    return values.real + 0.0


def autodiff_gradient(f: sympy.Expr, variables: Sequence[sympy.Symbol],
                      values: Sequence[float]) -> tuple[np.ndarray | None, str | None]:
    """The gradient by :func:`calcml.autodiff.grad` of ``f`` turned into a function of
    Tensors, or None and the reason when the engine cannot run it.

    >>> x = sympy.Symbol("x", real=True)
    >>> autodiff_gradient(sympy.sin(x) * x, [x], [0.0])
    (array([0.]), None)
    """
    missing = sorted({type(a).__name__ for a in f.atoms(sympy.core.function.Application)}
                     - _SUPPORTED)
    if missing:
        return None, f"the calcml autodiff engine has no {', '.join(missing)}"
    fn = sympy.lambdify(list(variables), f, modules=[AUTODIFF_FUNCTIONS])

    def lifted(*xs: Any) -> Any:
        # A constant expression compiles to a plain number; adding 0 x keeps it a Tensor.
        return fn(*xs) + 0.0 * xs[0]

    try:
        with np.errstate(all="ignore"):
            grads = ad.grad(lifted, argnums=tuple(range(len(variables))))(*map(float, values))
    except (InputError, TypeError, ValueError, ArithmeticError) as err:
        return None, f"the calcml autodiff engine failed: {err}"
    return np.array([float(g) for g in grads]) + 0.0, None  # + 0.0 turns -0.0 into 0.0


def difference_gradient(f: sympy.Expr, variables: Sequence[sympy.Symbol],
                        values: Sequence[float]) -> np.ndarray:
    """Each partial derivative by a central difference along its own axis.

    >>> x, y = sympy.symbols("x y", real=True)
    >>> difference_gradient(x * y, [x, y], [2.0, 3.0]).round(8).tolist()
    [3.0, 2.0]
    """
    fn = sympy.lambdify(list(variables), f, modules=[NUMPY_ML, "numpy"])
    out = []
    for k in range(len(variables)):
        def along(h: float, k: int = k) -> float:
            args = list(values)
            args[k] = h
            return fn(*args)

        out.append(central_difference(along, values[k]))
    return np.array(out, dtype=float)
