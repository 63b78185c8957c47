"""Reading a learner's typed answer: expressions, numbers, vectors and limit values.

Everything goes through :func:`calcml.parse`, the safe grammar; nothing here evaluates
text. Errors are :class:`calcml.errors.ParseError` with a caret under the column at
fault (counted in the whole answer, also inside a vector) or :class:`InputError`.
"""

from __future__ import annotations

import re

import sympy

from calcml.errors import InputError, ParseError
from calcml.expr.parser import parse
from calcml.steps.limits.rules import DNE, WordAtom

EMPTY_HINT = "type an answer, such as 2x + 1, 3/4 or (1, 2)"


class IndeterminateWord(WordAtom):
    """What a learner means by "0/0", "undefined" or "indeterminate" as a limit's value:
    an indeterminate form, which is a reason to keep working, not a value.

    >>> str(INDETERMINATE)
    'indeterminate'
    """

    word = "indeterminate"


INDETERMINATE = IndeterminateWord()

_DNE_WORDS = {"dne", "does not exist", "doesn't exist", "does not exists", "no limit"}
_INFINITY_WORDS = {"positive infinity": sympy.oo, "plus infinity": sympy.oo,
                   "negative infinity": -sympy.oo, "minus infinity": -sympy.oo}
_INDETERMINATE_WORDS = {"0/0", "undefined", "indeterminate", "indeterminate form",
                        "oo/oo", "∞/∞", "inf/inf"}


def require_text(text: object) -> str:
    """``text`` itself, if it is text with something in it; else the error to show.

    >>> require_text(" 2 ")
    ' 2 '
    """
    if not isinstance(text, str):
        raise InputError(f"an answer is text, not {type(text).__name__}")
    if not text.strip():
        raise ParseError("the answer is empty", text, 1, EMPTY_HINT)
    return text


def read_expression(text: str) -> sympy.Expr:
    """A learner's expression, read by the safe grammar.

    >>> read_expression("6sin(3x)cos(3x)")
    6*sin(3*x)*cos(3*x)
    >>> read_expression("  ")
    Traceback (most recent call last):
    ...
    calcml.errors.ParseError: the answer is empty
      ...
    hint: type an answer, such as 2x + 1, 3/4 or (1, 2)
    """
    return parse(require_text(text))


_LEFT_SIDE = re.compile(r"^\s*(?:y|y\s*'|f\s*'?\s*\(\s*[a-z]\s*\)|d[yf]\s*/\s*d[a-z])\s*=")


def read_right_side(text: str) -> sympy.Expr:
    """An expression, possibly written as an equation with a usual left side: "y = ...",
    "y' = ...", "f'(x) = ...", "dy/dx = ..." (a caret still points into the whole text).

    >>> read_right_side("y = 6x - 2"), read_right_side("f'(x) = 2x"), read_right_side("2x")
    (6*x - 2, 2*x, 2*x)
    """
    match = _LEFT_SIDE.match(require_text(text))
    if match is None:
        return read_expression(text)
    try:
        return read_expression(text[match.end():])
    except ParseError as err:
        column = None if err.column is None else err.column + match.end()
        raise ParseError(err.message, text, column, err.hint) from None


def _number(value: sympy.Expr, text: str, offset: int = 0) -> sympy.Expr:
    if value.free_symbols:
        names = ", ".join(sorted(s.name for s in value.free_symbols))
        raise ParseError(f"the answer is a number here, but it uses {names}",
                         text, offset + 1, "work the value out, e.g. 3/4, -10 or pi/2")
    if not (value.is_real or value in (sympy.oo, -sympy.oo)):
        raise ParseError("the answer must be a real number", text, offset + 1)
    return value


def read_number(text: str) -> sympy.Expr:
    """A real number, exact where typed exact ("0.75" is 3/4).

    >>> read_number("0.75"), read_number("pi/2"), read_number("-10")
    (3/4, pi/2, -10)
    >>> read_number("2x")
    Traceback (most recent call last):
    ...
    calcml.errors.ParseError: the answer is a number here, but it uses x
      2x
      ^
    hint: work the value out, e.g. 3/4, -10 or pi/2
    """
    return _number(parse(require_text(text)), text)


def _split_top(text: str) -> list[tuple[int, str]]:
    """The comma-separated parts of ``text`` outside brackets, each with its offset."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append((start, text[start:i]))
            start = i + 1
    parts.append((start, text[start:]))
    return parts


def _unbracketed(text: str) -> tuple[int, str]:
    """``text`` without one pair of outer brackets around a comma list, and its offset."""
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    pairs = {"(": ")", "[": "]"}
    if len(stripped) >= 2 and pairs.get(stripped[0]) == stripped[-1]:
        inner = stripped[1:-1]
        if len(_split_top(inner)) > 1 or stripped[0] == "[":
            return lead + 1, inner
    return 0, text


def read_numbers(text: str) -> tuple[sympy.Expr, ...]:
    """A vector or list of numbers: "(1, 2)", "[1, 2]" or "1, 2"; one number is a 1-tuple.

    >>> read_numbers("(1, -2/3)"), read_numbers("[0.5]"), read_numbers("4")
    ((1, -2/3), (1/2,), (4,))
    >>> read_numbers("(1, 2x)")
    Traceback (most recent call last):
    ...
    calcml.errors.ParseError: the answer is a number here, but it uses x
      (1, 2x)
          ^
    hint: work the value out, e.g. 3/4, -10 or pi/2
    """
    offset, inner = _unbracketed(require_text(text))
    values = []
    for start, part in _split_top(inner):
        at = offset + start
        if not part.strip():
            raise ParseError("a number is missing between the commas", text, at + 1,
                             "write the numbers separated by commas, e.g. (1, 2)")
        at += len(part) - len(part.lstrip())
        try:
            value = parse(part.strip())
        except ParseError as err:
            column = None if err.column is None else at + err.column
            raise ParseError(err.message, text, column, err.hint) from None
        values.append(_number(value, text, at))
    return tuple(values)


def stray_variables(value: sympy.Basic, allowed: set[str]) -> str | None:
    """A sentence naming the variables of ``value`` outside ``allowed``, or None.

    >>> stray_variables(read_expression("2y + x"), {"x"})
    'Your answer uses y, but the answer to this task is in x only.'
    """
    names = sorted({s.name for s in getattr(value, "free_symbols", ())} - allowed)
    if not names:
        return None
    inside = f"in {', '.join(sorted(allowed))} only" if allowed else "a number, without variables"
    return f"Your answer uses {', '.join(names)}, but the answer to this task is {inside}."


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))


def read_limit_value(text: str) -> sympy.Basic:
    """A limit's value: a number or expression, ``oo``/``inf``/``infinity``/``∞`` (or
    "positive infinity"), ``-oo`` (or "negative infinity"),
    ``DNE``/"does not exist" (:data:`calcml.DNE`), or a word for an indeterminate form
    ("0/0", "undefined", "indeterminate"), which reads as :data:`INDETERMINATE`.

    >>> read_limit_value("-∞"), read_limit_value("does not exist"), read_limit_value("0/0")
    (-oo, DNE, indeterminate)
    >>> read_limit_value("10/4")
    5/2
    """
    words = _words(require_text(text))
    if words in _DNE_WORDS:
        return DNE
    if words in _INFINITY_WORDS:
        return _INFINITY_WORDS[words]
    if words.replace(" ", "") in _INDETERMINATE_WORDS or words in _INDETERMINATE_WORDS:
        return INDETERMINATE
    return parse(text)
