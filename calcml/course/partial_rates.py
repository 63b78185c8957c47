"""Partial derivatives as rates of change: move one variable by Δ, hold the others, and
watch (f(P + Δ e) - f(P)) / Δ settle on ∂f/∂v as Δ shrinks.

The arithmetic is exact for expressions (2.1 is 21/10); the partial derivatives come from
calcml's :func:`~calcml.symbolic.derivatives.derivative.derivative`, in which every other
variable is a constant. Lesson 6's examples, z = x^2 - y^2 and the cylinder v = πr²l:

>>> rates = partial_rates("x^2 - y^2", {"x": 2, "y": 3}, deltas=(0.1, 0.001))
>>> rates.slopes
{'x': 4, 'y': -6}
>>> [str(r) for r in rates.rates["x"]]
['41/10', '4001/1000']
>>> round(float(cylinder_rates().slopes["r"]), 2)
94.25
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_expr, as_symbol
from calcml.expr.tables import Table, TableResult, format_number
from calcml.numeric.functions import NUMPY_ML, to_exact, to_number
from calcml.timelimit import time_limited

DEFAULT_DELTAS = (1, 0.1, 0.01, 0.001)
CYLINDER = "pi*r^2*l"


@dataclass(frozen=True)
class PointedFunction:
    """A function of several variables and a point P where it is defined.

    ``variables`` are the ones that vary (in order); every other symbol of ``expr`` is
    held at its value in ``point``, which gives every symbol an exact number.
    """

    expr: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    point: Mapping[sympy.Symbol, sympy.Expr]
    value: sympy.Expr

    def coordinate(self, var: sympy.Symbol) -> float:
        """P's coordinate along ``var`` as a float.

        >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
        >>> pf.coordinate(pf.variables[1])
        3.0
        """
        return float(self.point[var])

    def partial(self, var: sympy.Symbol) -> sympy.Expr:
        """∂f/∂var as an expression, by calcml's derivative rules (the rest held constant).

        >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
        >>> pf.partial(pf.variables[1])
        -2*y
        """
        from calcml.symbolic.derivatives.derivative import derivative

        return derivative(self.expr, var).result

    def slope(self, var: sympy.Symbol, **moved: Any) -> sympy.Expr:
        """∂f/∂var at P (or at P with some coordinates ``moved``), exact and finite.

        >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
        >>> pf.slope(pf.variables[0]), pf.slope(pf.variables[0], x=-2)
        (4, -4)
        """
        where = self.moved(**moved)
        return exact_value(self.partial(var).subs(where), f"∂f/∂{var} at {where_text(where)}")

    def moved(self, **coordinates: Any) -> dict[sympy.Symbol, sympy.Expr]:
        """P with the named coordinates replaced by exact numbers.

        >>> pf = function_at("x*y", {"x": 2, "y": 3})
        >>> sorted(pf.moved(x=0.5).values())
        [1/2, 3]
        """
        where = dict(self.point)
        for name, value in coordinates.items():
            where[as_symbol(name, self.expr)] = to_exact(value, name)
        return where

    def numeric(self, *free: sympy.Symbol) -> Callable[..., Any]:
        """f as a NumPy function of the ``free`` variables, the others held at P.

        >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
        >>> float(pf.numeric(pf.variables[0])(4.0))
        7.0
        """
        held = {s: v for s, v in self.point.items() if s not in free}
        body = self.expr.subs(held)
        compiled = sympy.lambdify(list(free), body, modules=[NUMPY_ML, "numpy"])

        def fn(*args: Any) -> Any:
            with np.errstate(all="ignore"):
                return compiled(*args) + 0 * sum(np.asarray(a, dtype=float) for a in args)
        return fn


def where_text(point: Mapping[sympy.Symbol, Any]) -> str:
    """A point as ``x = 2, y = 3`` (names in alphabetical order).

    >>> where_text({sympy.Symbol("y"): 3, sympy.Symbol("x"): 2})
    'x = 2, y = 3'
    """
    return ", ".join(f"{s} = {format_number(v, 6)}"
                     for s, v in sorted(point.items(), key=lambda kv: kv[0].name))


def exact_value(value: sympy.Expr, what: str) -> sympy.Expr:
    """``value`` (exact) if it is a finite real number, else an :class:`InputError` that
    names ``what``.

    >>> exact_value(sympy.Rational(1, 2), "f")
    1/2
    """
    try:
        number = complex(sympy.N(value, 20))
    except (TypeError, ValueError):
        number = complex("nan")
    if math.isfinite(number.real) and number.imag == 0:
        return value
    if value.is_infinite or math.isinf(number.real) or math.isinf(number.imag):
        kind = "infinite"
    elif math.isnan(number.real) or math.isnan(number.imag):
        kind = "undefined"
    else:
        from calcml.expr.printing import to_text

        kind = f"not real: {to_text(value)}"
    raise InputError(f"{what} is not a finite real number (it is {kind}); "
                     "pick a point where the function is defined")


def function_at(expr: str | sympy.Basic, at: Mapping[Any, Any],
                vars: Sequence[str | sympy.Symbol] | None = None) -> PointedFunction:
    """``expr`` with the point ``at`` (a dict ``{name: number}`` giving every variable),
    checked: no coordinate missing or unknown, and f finite there.

    ``vars`` are the variables that vary (default: all of the expression's, by name).

    >>> pf = function_at("x^2 - y^2", {"x": 2, "y": 3})
    >>> pf.variables, pf.value
    ((x, y), -5)
    """
    f = as_expr(expr)
    if not isinstance(f, sympy.Expr):
        raise InputError(f"expected an expression such as x^2 - y^2, not a {type(f).__name__}")
    if not isinstance(at, Mapping):
        raise InputError(f"the point must be a dict of coordinates such as "
                         f"{{'x': 2, 'y': 3}}, got {at!r}")
    symbols = sorted(f.free_symbols, key=lambda s: s.name)
    chosen = [as_symbol(v, f) for v in vars] if vars is not None else symbols
    if vars is not None and len(set(chosen)) != len(chosen):
        raise InputError(f"vars names a variable twice: {', '.join(map(str, chosen))}")
    needed = {s.name: s for s in [*symbols, *chosen]}
    given = {_name(k): v for k, v in at.items()}
    _check_names(f, needed, given)
    point = {needed[n]: to_exact(v, f"the coordinate {n}") for n, v in given.items()}
    value = exact_value(f.subs(point), f"f({where_text(point)})")
    return PointedFunction(expr=f, variables=tuple(chosen), point=point, value=value)


def _name(key: Any) -> str:
    if isinstance(key, sympy.Symbol):
        return key.name
    if isinstance(key, str) and key.isidentifier():
        return key
    raise InputError(f"a coordinate's name is a variable such as x, not {key!r}")


def _check_names(f: sympy.Expr, needed: Mapping[str, sympy.Symbol],
                 given: Mapping[str, Any]) -> None:
    """Every variable has a coordinate, and every coordinate names a variable."""
    from calcml.expr.printing import to_text

    text = to_text(f)
    missing = [n for n in needed if n not in given]
    if missing:
        example = ", ".join(f"'{n}': {given.get(n, 0)}" for n in needed)
        raise InputError(f"the point has no value for {', '.join(missing)}; f = {text} uses "
                         f"{', '.join(needed)}: give every coordinate, e.g. at={{{example}}}")
    unknown = [n for n in given if n not in needed]
    if unknown:
        uses = f"uses only {', '.join(needed)}" if needed else "has no variables"
        raise InputError(f"the point gives {', '.join(unknown)}, but f = {text} {uses}; "
                         "remove it or fix the name (or name it in vars)")


@dataclass(frozen=True)
class PartialRates(TableResult):
    """The table of rates of change along each variable, and the exact partials at P.

    ``partials`` maps each variable's name to ∂f/∂v (an expression), ``slopes`` to its
    exact value at P, ``rates`` to the quotients (f(P + Δ e) - f(P)) / Δ, one per Δ.
    """

    table: Table
    expr: sympy.Expr
    point: dict[str, sympy.Expr]
    value: sympy.Expr
    partials: dict[str, sympy.Expr]
    slopes: dict[str, sympy.Expr]
    rates: dict[str, tuple[sympy.Expr, ...]]


def _check_deltas(deltas: Sequence[Any]) -> list[sympy.Expr]:
    steps = [to_exact(d, "each Δ") for d in deltas]
    if not steps:
        raise InputError("give at least one Δ, e.g. deltas=(1, 0.1, 0.01)")
    if any(d == 0 for d in steps):
        raise InputError("Δ = 0 does not move the point and the rate becomes 0/0; "
                         "use small nonzero steps such as 0.001")
    return steps


def _rows(pf: PointedFunction, var: sympy.Symbol, steps: list[sympy.Expr],
          slope: sympy.Expr) -> list[tuple]:
    """One row per Δ: the move, f there, the change, the rate and its error."""
    rows = []
    for d in steps:
        where = pf.moved(**{var.name: pf.point[var] + d})
        moved = exact_value(pf.expr.subs(where), f"f({where_text(where)})")
        change = exact_value(moved - pf.value, "the change")
        rate = exact_value(change / d, "the rate")
        rows.append((var.name, d, moved, change, slope * d, rate, rate - slope))
    return rows


def _notes(partials: Mapping[str, sympy.Expr], slopes: Mapping[str, sympy.Expr],
           name: str) -> list[str]:
    from calcml.expr.printing import to_text

    notes = [f"rate = ({name}(P + Δ e) - {name}(P)) / Δ, where P + Δ e moves only the row's "
             "variable, by Δ, and holds the others; the partial derivative is the rate's "
             "limit as Δ -> 0",
             "prediction = partial derivative · Δ, the change the tangent line predicts"]
    for v, partial in partials.items():
        notes.append(f"∂{name}/∂{v} = {to_text(partial)}, at P = {show(slopes[v])}")
    return notes


def show(value: sympy.Expr) -> str:
    """An exact number, with its decimal value when it is not rational.

    >>> show(sympy.Integer(4)), show(45 * sympy.pi)
    ('4', '45π ≈ 141.3716694')
    """
    from calcml.expr.printing import to_text

    return format_number(value) if value.is_Rational else (
        f"{to_text(value)} ≈ {format_number(value)}")


@time_limited("the rates of change")
def partial_rates(expr: str | sympy.Basic, at: Mapping[Any, Any],
                  deltas: Sequence[Any] = DEFAULT_DELTAS,
                  vars: Sequence[str | sympy.Symbol] | None = None, *,
                  name: str = "f") -> PartialRates:
    """For each variable v, the change of f when only v moves by Δ from P = ``at``, the
    rate change / Δ for each Δ, and the exact ∂f/∂v at P that the rates converge to.

    ``vars`` picks the variables (default: all); ``name`` names the function in the
    table (``"v"`` for a volume). Print it with ``print(rates.to_text())``.

    >>> rates = partial_rates("x^2 - y^2", {"x": 3, "y": 0}, deltas=(0.01,))
    >>> rates.value, rates.slopes, rates.rates["y"]
    (9, {'x': 6, 'y': 0}, (-1/100,))
    """
    pf = function_at(expr, at, vars)
    steps = _check_deltas(deltas)
    partials = {v.name: pf.partial(v) for v in pf.variables}
    slopes = {v.name: pf.slope(v) for v in pf.variables}
    rows = [r for v in pf.variables for r in _rows(pf, v, steps, slopes[v.name])]
    columns = ("variable", "Δ", f"{name}(P + Δ e)", "change", "prediction", "rate",
               "rate - partial")
    from calcml.expr.printing import to_text

    title = (f"Rates of change of {name} = {to_text(pf.expr)} at P = "
             f"({where_text(pf.point)}): {name}(P) = {show(pf.value)}")
    table = Table(title, columns, tuple(rows), notes=tuple(_notes(partials, slopes, name)))
    return PartialRates(
        table=table, expr=pf.expr, point={s.name: v for s, v in pf.point.items()},
        value=pf.value, partials=partials, slopes=slopes,
        rates={v.name: tuple(r[5] for r in rows if r[0] == v.name) for v in pf.variables})


def cylinder_rates(r: Any = 3, l: Any = 5,  # noqa: E741 - the course's name for the length
                   deltas: Sequence[Any] = DEFAULT_DELTAS) -> PartialRates:
    """The course's cylinder v = πr²l: how fast the volume grows with the radius (∂v/∂r =
    2πrl) and with the length (∂v/∂l = πr²), checked against the change in volume when r
    or l grows by Δ.

    >>> c = cylinder_rates(3, 5)
    >>> [round(float(c.value), 2), round(float(c.slopes["l"]), 2), round(float(c.slopes["r"]), 2)]
    [141.37, 28.27, 94.25]
    """
    for what, size in (("radius r", r), ("length l", l)):
        if to_number(size, what) <= 0:
            raise InputError(f"a cylinder's {what} must be positive, got {size!r}")
    return partial_rates(CYLINDER, {"r": r, "l": l}, deltas, vars=("r", "l"), name="v")
