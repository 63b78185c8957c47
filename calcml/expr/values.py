"""The one reader of the values a user types: numbers, bounds, points and vectors.

Every command and function that takes a number reads it here, so they all agree:

- **Numbers are exact as typed.** Text goes through the safe parser, so ``pi/3`` stays
  pi/3 and ``0.1`` is the decimal 1/10 the user wrote. A Python float is the decimal it
  shows (``0.1`` is 1/10, as ``repr`` prints it), an int is an integer, a SymPy number
  is kept. Ask :func:`read_float` when a float is what the computation needs.
- **Bounds** may be infinite: ``oo``, ``inf``, ``infinity``, ``∞``, with a sign
  (``-infinity``), ``float("inf")`` or ``sympy.oo``.
- **Points** are ``"x=2, y=3"``, ``"(2, 3)"`` (the variables' order), a dict keyed by
  names or symbols, or a list of numbers in the variables' order.
- **Vectors** are ``"1, 2"``, ``"(1, 2)"``, ``"[1, 2]"``, a list, a tuple, an array or
  a SymPy matrix.

Text that cannot be read raises :class:`calcml.errors.ParseError`, whose message shows
the whole text with a caret under the item at fault; other bad values raise
:class:`calcml.errors.InputError`. Nothing a user types is evaluated as Python.

>>> x, y = sympy.symbols("x y", real=True)
>>> read_point("x=pi/3, y=0.1", [x, y])
{x: pi/3, y: 1/10}
>>> read_vector("(3, -4)", 2)
(3, -4)
>>> read_number("-infinity", "the bound", infinite=True)
-oo
"""

from __future__ import annotations

import decimal
import fractions
import math
import numbers
import re
from collections.abc import Mapping, Sequence

import sympy

from calcml.errors import InputError, ParseError
from calcml.expr.lexing import ACCENTED
from calcml.expr.parser import parse
from calcml.expr.printing import to_text

__all__ = ["MAX_ITEMS", "infinity_sign", "read_float", "read_number", "read_point",
           "read_vector", "split_top_level"]

MAX_ITEMS = 50
_AT_COLUMN = re.compile(r" at column \d+$")
_BRACKETS = {"(": ")", "[": "]"}


def split_top_level(text: str, what: str) -> list[str]:
    """``text`` split at the commas that are not inside brackets, each part stripped.

    >>> split_top_level("x=log(8, 2), y=1", "the point")
    ['x=log(8, 2)', 'y=1']
    """
    return [part for part, _ in _items(text, what)]


def _items(text: str, what: str) -> list[tuple[str, int]]:
    """The top-level comma-separated parts of ``text``, each stripped, with the 0-based
    position where it starts in ``text``."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text + ","):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and (depth == 0 or i == len(text)):  # an unclosed "(" ends too
            piece = text[start:i]
            parts.append((piece.strip(), start + len(piece) - len(piece.lstrip())))
            start = i + 1
    if not any(part for part, _ in parts):
        raise InputError(f"{what} is empty; write it as comma-separated items, e.g. x=2, y=3")
    empty = next((pos for part, pos in parts if not part), None)
    if empty is not None:
        raise ParseError(f"{what} has an empty item between commas", text, empty + 1,
                         "remove the extra comma")
    if len(parts) > MAX_ITEMS:
        raise InputError(f"{what} has {len(parts)} items; at most {MAX_ITEMS} are allowed")
    return parts


def read_number(value: object, what: str = "the number", *, infinite: bool = False
                ) -> sympy.Expr:
    """A real number, exactly as the user gave it; ``infinite`` also allows ±oo.

    ``what`` names the value in error messages (``"the coordinate x"``).

    >>> read_number("pi/3"), read_number(0.1), read_number("1e-3"), read_number(2)
    (pi/3, 1/10, 1/1000, 2)
    >>> read_number("∞", infinite=True), read_number(float("-inf"), infinite=True)
    (oo, -oo)
    """
    return _read_item(value, what, value if isinstance(value, str) else None, 0, infinite)


def _read_item(value: object, what: str, whole: str | None, at: int,
               infinite: bool = False) -> sympy.Expr:
    """``value``, an item that starts at position ``at`` of the text ``whole`` (if it came
    from text), read exactly, with errors pointing into ``whole``."""
    result = _exact(value, what, whole, at)
    finite = result.is_finite is True
    if (isinstance(result, sympy.Expr) and not result.free_symbols
            and result.is_extended_real is True and (finite or infinite)):
        return result
    kind = "a real number, oo or -oo" if infinite else "a finite real number"
    shown = value if isinstance(value, str) else _shown(result)
    message = f"{what} must be {kind} such as 2 or pi/3, not {shown}"
    if isinstance(whole, str):
        raise ParseError(message, whole, at + 1, _number_hint(result, infinite))
    raise InputError(message)


def _exact(value: object, what: str, whole: str | None, at: int) -> sympy.Basic:
    """``value`` as a SymPy object, exact: text parsed, floats as the decimal they show."""
    if isinstance(value, str):
        if not value.strip():
            raise InputError(f"{what} has no value; give a number such as 2 or pi/3")
        try:
            return parse(value)
        except ParseError as err:
            raise _moved(err, what, value if whole is None else whole, at) from None
    if isinstance(value, sympy.Basic):
        return _float_exact(value) if isinstance(value, sympy.Float) else value
    if isinstance(value, bool) or not isinstance(value, numbers.Number | decimal.Decimal):
        raise InputError(f"{what} must be a real number such as 2 or pi/3, not {value!r}")
    if isinstance(value, numbers.Integral):
        return sympy.Integer(int(value))
    if isinstance(value, fractions.Fraction | decimal.Decimal):
        return _decimal_exact(value)
    if isinstance(value, numbers.Real):
        return _float_exact(float(value))
    raise InputError(f"{what} must be a real number, not the complex number {value!r}")


def _float_exact(value: float | sympy.Float) -> sympy.Expr:
    """A float as the shortest decimal that prints it (0.1 is 1/10); inf is oo."""
    number = float(value)
    if math.isinf(number):
        return sympy.oo if number > 0 else -sympy.oo
    return sympy.nan if math.isnan(number) else sympy.Rational(repr(number))


def _decimal_exact(value: fractions.Fraction | decimal.Decimal) -> sympy.Expr:
    if isinstance(value, decimal.Decimal) and not value.is_finite():
        return _float_exact(float(value))
    exact = fractions.Fraction(value)
    return sympy.Rational(exact.numerator, exact.denominator)


def _moved(err: ParseError, what: str, whole: str, at: int) -> ParseError:
    """The parser's error about one item, told about the whole text with the caret
    moved to the same place in it."""
    column = (err.column or 1) + at
    message = _AT_COLUMN.sub("", err.message)
    if whole == err.text:
        return ParseError(f"{what}: {message} at column {column}", whole, column, err.hint)
    shown = "".join(c if c.isprintable() else " " for c in whole)
    return ParseError(f"{what}: {message} at column {column}", shown, column, err.hint)


def _number_hint(result: sympy.Basic, infinite: bool) -> str:
    if isinstance(result, sympy.Basic) and result.free_symbols:
        names = ", ".join(sorted(s.name for s in result.free_symbols))
        return f"a value cannot contain a variable ({names}); write a number"
    if result in (sympy.oo, -sympy.oo, sympy.zoo):
        return "infinity is not allowed here; give a finite number"
    return "give a real number such as 2, -1.5 or pi/3" + (", or oo" if infinite else "")


def read_float(value: object, what: str = "the number", *, infinite: bool = False) -> float:
    """A real number as a float (``"pi/2"`` is 1.5707963267948966); ``infinite`` allows
    ±inf.

    >>> read_float("pi/2"), read_float(sympy.Rational(1, 2)), read_float("-oo", infinite=True)
    (1.5707963267948966, 0.5, -inf)
    """
    if isinstance(value, numbers.Real) and not isinstance(value, bool | sympy.Basic):
        number = float(value)
        if math.isnan(number) or (math.isinf(number) and not infinite):
            kind = "a number" if infinite else "a finite number"
            raise InputError(f"{what} must be {kind}, got {value!r}")
        return number
    exact = read_number(value, what, infinite=infinite)
    try:
        return float(exact)
    except OverflowError:
        raise InputError(f"{what} is too large for a float: {_shown(exact)}") from None


def infinity_sign(value: object) -> int:
    """+1 or -1 when ``value`` means +oo or -oo (any spelling, a float or SymPy), else 0;
    never raises.

    >>> infinity_sign("-infinity"), infinity_sign("∞"), infinity_sign(3), infinity_sign("x")
    (-1, 1, 0, 0)
    """
    try:
        number = read_number(value, infinite=True)
    except InputError:
        return 0
    return 1 if number is sympy.oo else -1 if number is sympy.S.NegativeInfinity else 0


def read_point(point: str | Mapping | Sequence, variables: Sequence[sympy.Symbol]
               ) -> dict[sympy.Symbol, sympy.Expr]:
    """The point as ``{symbol: exact number}``, one entry per symbol of ``variables``,
    in that order.

    ``point`` is text with names (``"x=2, y=3"``) or without (``"(2, 3)"``, in the
    variables' order), a dict keyed by names or symbols, or a list of numbers. Raises
    an error for a coordinate given twice, a name that is not one of ``variables``, a
    missing coordinate, or a value that is not a finite real number.

    >>> x, y = sympy.symbols("x y", real=True)
    >>> read_point({"y": -3, "x": "1e-3"}, [x, y])
    {x: 1/1000, y: -3}
    >>> read_point("(2, pi)", [x, y])
    {x: 2, y: pi}
    """
    by_name = {v.name: v for v in variables}
    if isinstance(point, str):
        given = _text_pairs(point, list(by_name))
    elif isinstance(point, Mapping):
        given = _mapping_pairs(point)
    elif isinstance(point, Sequence | sympy.MatrixBase) and not isinstance(point, bytes):
        given = _positional(list(point), list(by_name), repr(list(point)))
    else:
        raise InputError("the point is text such as 'x=2, y=3' or a dict such as "
                         f"{{'x': 2, 'y': 3}}, not {type(point).__name__}")
    given = {_ACCENTED_NAMES.get(name, name): item for name, item in given.items()}
    _check_names(given, by_name)
    text = point if isinstance(point, str) else None
    return {by_name[name]: _read_item(value, f"the coordinate {name}", text, at)
            for name in by_name for value, at in [given[name]]}


_ACCENTED_NAMES = {**ACCENTED, "y_hat": ACCENTED["yhat"]}  # a point names ŷ as it is typed


def _text_pairs(text: str, names: list[str]) -> dict[str, tuple[object, int]]:
    """Names and (unread) values with their positions in ``text``; a name given twice
    is an error."""
    body, shift = _unbracketed(text)
    parts = _items(body, "the point")
    bare = next(((part, at) for part, at in parts if part in names), None)
    if not any("=" in part for part, _ in parts) and bare is None:
        return _positional([(p, at + shift) for p, at in parts], names, text)
    given: dict[str, tuple[object, int]] = {}
    for part, at in parts:
        name, equals, value = part.partition("=")
        if not equals or not name.strip():
            raise ParseError(f"each coordinate of the point is name=value, e.g. x=2; "
                             f"{part!r} is not", text, at + shift + 1,
                             "name every coordinate, or none: x=2, y=3 or (2, 3)")
        name = name.strip()
        if name in given:
            raise ParseError(f"the point gives {name} twice", text, at + shift + 1,
                             "give each coordinate once")
        start = at + shift + len(part) - len(value.lstrip())
        given[name] = (value.strip(), start)
    return given


def _unbracketed(text: str) -> tuple[str, int]:
    """``text`` without one pair of brackets around all of it, and how far that moved it."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    if stripped[:1] in _BRACKETS and stripped.endswith(_BRACKETS[stripped[0]]):
        inner = stripped[1:-1]
        depth = 0
        for char in inner:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                return text, 0
        return inner, lead + 1
    return text, 0


def _positional(values: list, names: list[str], shown: str) -> dict[str, tuple[object, int]]:
    if len(values) != len(names):
        listed = ", ".join(names) or "none"
        example = ", ".join(f"{n}=1" for n in names)
        raise InputError(f"the point {shown} has {len(values)} coordinates but there are "
                         f"{len(names)} variables ({listed}); give one per variable in that "
                         f"order, or name them: {example}")
    return {name: value if isinstance(value, tuple) else (value, 0)
            for name, value in zip(names, values, strict=True)}


def _mapping_pairs(point: Mapping) -> dict[str, tuple[object, int]]:
    given: dict[str, tuple[object, int]] = {}
    for key, value in point.items():
        name = key.name if isinstance(key, sympy.Symbol) else str(key)
        if name in given:
            raise InputError(f"the point gives {name} twice; give each coordinate once")
        given[name] = (value, 0)
    return given


def _check_names(given: Mapping[str, object], by_name: Mapping[str, sympy.Symbol]) -> None:
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


def read_vector(vector: str | Sequence, size: int | None = None,
                what: str = "the direction") -> tuple[sympy.Expr, ...]:
    """A vector of exact real numbers, ``size`` of them if given, from text
    (``"1, 2"``, ``"(1, 2)"`` or ``"[1, 2]"``), a sequence, an array or a matrix.

    >>> read_vector([1, "-1/2"], 2)
    (1, -1/2)
    >>> read_vector("[0.5, pi, 3]")
    (1/2, pi, 3)
    """
    if isinstance(vector, str):
        body, shift = _unbracketed(vector)
        items = [(part, at + shift) for part, at in _items(body, what)]
    elif isinstance(vector, Sequence | sympy.MatrixBase) or hasattr(vector, "tolist"):
        items = [(v, 0) for v in _flat(vector)]
    else:
        raise InputError(f"{what} is text such as '1, 2' or a list such as [1, 2], "
                         f"not {type(vector).__name__}")
    if size is not None and len(items) != size:
        raise InputError(f"{what} has {len(items)} components but there are {size} "
                         "variables; give one component per variable")
    text = vector if isinstance(vector, str) else None
    return tuple(_read_item(v, f"component {i} of {what}", text, at)
                 for i, (v, at) in enumerate(items, 1))


def _flat(vector: object) -> list:
    items = vector.tolist() if hasattr(vector, "tolist") else list(vector)
    if isinstance(vector, sympy.MatrixBase):
        items = list(vector)
    if len(items) > MAX_ITEMS:
        raise InputError(f"a vector has at most {MAX_ITEMS} components, not {len(items)}")
    return items


def _shown(value: sympy.Basic) -> str:
    return to_text(value) if isinstance(value, sympy.Basic) else repr(value)
