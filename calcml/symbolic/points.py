"""Points and vectors for multivariable commands: text or dicts to exact SymPy numbers.

A point is ``"x=2, y=3"`` or ``{"x": 2, "y": 3}``; a vector (a direction) is ``"1, 2"``,
``"(1, 2)"`` or ``[1, 2]``. Every value goes through the safe parser, so ``pi/3``, ``-2``
and ``1e-3`` are read exactly; nothing a user types is evaluated.

>>> x, y = sympy.symbols("x y", real=True)
>>> parse_point("x=2, y=pi/3", [x, y])
{x: 2, y: pi/3}
>>> parse_vector("(3, 4)", 2)
(3, 4)
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence

import sympy

from calcml.errors import InputError
from calcml.expr.coerce import as_expr
from calcml.expr.printing import to_text

__all__ = ["parse_point", "parse_vector", "split_top_level"]

MAX_ITEMS = 50


def split_top_level(text: str, what: str) -> list[str]:
    """``text`` split at the commas that are not inside brackets, each part stripped.

    >>> split_top_level("x=log(8, 2), y=1", "the point")
    ['x=log(8, 2)', 'y=1']
    """
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    if not any(parts):
        raise InputError(f"{what} is empty; write it as comma-separated items, e.g. x=2, y=3")
    if not all(parts):
        raise InputError(f"{what} {text!r} has an empty item between commas; "
                         "remove the extra comma")
    if len(parts) > MAX_ITEMS:
        raise InputError(f"{what} has {len(parts)} items; at most {MAX_ITEMS} are allowed")
    return parts


def number(value: object, what: str) -> sympy.Expr:
    """A finite real number, exactly: text through the safe parser, a float as the
    decimal it shows (0.1 is 1/10).

    >>> number("pi/3", "x"), number(0.5, "x")
    (pi/3, 1/2)
    """
    if isinstance(value, bool) or not isinstance(value, str | numbers.Number | sympy.Basic):
        raise InputError(f"{what} must be a number such as 2 or pi/3, not {value!r}")
    if isinstance(value, str) and not value.strip():
        raise InputError(f"{what} has no value; give a number such as 2 or pi/3")
    result = as_expr(value)
    if isinstance(result, sympy.Float):
        result = sympy.nsimplify(result, rational=True)
    if (not isinstance(result, sympy.Expr) or result.free_symbols
            or result.is_extended_real is not True or result.is_finite is not True):
        raise InputError(f"{what} must be a finite real number such as 2 or pi/3, "
                         f"not {_shown(value)}")
    return result


def parse_point(point: str | Mapping, variables: Sequence[sympy.Symbol]
                ) -> dict[sympy.Symbol, sympy.Expr]:
    """The point as ``{symbol: exact number}``, one entry per symbol of ``variables``,
    in that order.

    ``point`` is text such as ``"x=2, y=3"`` or a dict keyed by names or symbols. Raises
    :class:`InputError` for a coordinate given twice, a name that is not one of
    ``variables``, a missing coordinate, or a value that is not a finite real number.

    >>> x, y = sympy.symbols("x y", real=True)
    >>> parse_point({"y": -3, "x": "1e-3"}, [x, y])
    {x: 1/1000, y: -3}
    """
    given = _read_pairs(point)
    by_name = {v.name: v for v in variables}
    names = ", ".join(by_name) or "none"
    for name in given:
        if name not in by_name:
            raise InputError(f"the point gives a value for {name}, which is not one of the "
                             f"variables ({names}); give values for those only")
    missing = [name for name in by_name if name not in given]
    if missing:
        example = ", ".join(f"{name}=1" for name in missing)
        raise InputError(f"the point needs a value for every variable ({names}); "
                         f"{', '.join(missing)} is missing: add e.g. {example}")
    return {by_name[name]: number(given[name], f"the coordinate {name}") for name in by_name}


def _read_pairs(point: str | Mapping) -> dict[str, object]:
    """Names and (unparsed) values, in the order given; a name given twice is an error."""
    if isinstance(point, str):
        pairs = []
        for part in split_top_level(point, "the point"):
            name, equals, value = part.partition("=")
            if not equals or not name.strip():
                raise InputError(f"each coordinate of the point is name=value, e.g. x=2; "
                                 f"{part!r} is not")
            pairs.append((name.strip(), value.strip()))
    elif isinstance(point, Mapping):
        pairs = [(k.name if isinstance(k, sympy.Symbol) else str(k), v)
                 for k, v in point.items()]
    else:
        raise InputError("the point is text such as 'x=2, y=3' or a dict such as "
                         f"{{'x': 2, 'y': 3}}, not {type(point).__name__}")
    given: dict[str, object] = {}
    for name, value in pairs:
        if name in given:
            raise InputError(f"the point gives {name} twice; give each coordinate once")
        given[name] = value
    return given


def parse_vector(vector: str | Sequence, size: int) -> tuple[sympy.Expr, ...]:
    """A vector of ``size`` exact real numbers, from text (``"1, 2"`` or ``"(1, 2)"``) or
    a sequence.

    >>> parse_vector([1, "-1/2"], 2)
    (1, -1/2)
    """
    if isinstance(vector, str):
        text = vector.strip()
        if text.startswith("(") and text.endswith(")"):
            text = text[1:-1]
        items: Sequence = split_top_level(text, "the direction")
    elif isinstance(vector, Sequence | sympy.MatrixBase):
        items = list(vector)
    else:
        raise InputError("the direction is text such as '1, 2' or a list such as [1, 2], "
                         f"not {type(vector).__name__}")
    if len(items) != size:
        raise InputError(f"the direction has {len(items)} components but there are {size} "
                         "variables; give one component per variable")
    return tuple(number(v, f"component {i} of the direction") for i, v in enumerate(items, 1))


def _shown(value: object) -> str:
    return to_text(value) if isinstance(value, sympy.Basic) else repr(value)
