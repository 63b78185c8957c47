"""Safe math input: text to a SymPy expression by a declared grammar, never by eval.

The pipeline: :func:`calcml.expr.lexing.prepare` checks the characters, lark's LALR
parser (on the runtime :mod:`calcml.expr.larkrt` chose) reads ``grammar.lark`` (with
:class:`calcml.expr.lexing.MathPostLex` between its lexer and parser), and
:class:`calcml.expr.building.SympyBuilder` builds the SymPy tree node by node. Every
problem becomes a :class:`calcml.errors.ParseError` that names the column and, where it
helps, how to fix the text.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

import sympy

from calcml.errors import ParseError
from calcml.expr.building import SympyBuilder, check_levels
from calcml.expr.larkrt import (
    UnexpectedCharacters,
    UnexpectedInput,
    UnexpectedToken,
    VisitError,
    build_parser,
)
from calcml.expr.lexing import MAX_LENGTH, MathPostLex, Prepared, Problem, prepare
from calcml.expr.typed import Parsed, TypedBuilder

_lock = threading.Lock()
_OPERATORS = "+-*/^,"


@functools.cache
def _parser() -> Any:
    """The grammar's LALR parser, on the runtime :mod:`calcml.expr.larkrt` chose: the
    stand-alone parser generated into the user's cache (no lark import), else lark."""
    return build_parser(MathPostLex())


def parse(text: str) -> sympy.Expr:
    """Read math text into a SymPy expression with real symbols, safely.

    The syntax: numbers (``2``, ``0.1``, ``1e-3``; decimals become exact fractions),
    ``+ - * / ^ **`` (``^`` groups to the right; ``-x^2`` is ``-(x^2)``), brackets and
    ``|x|``, and implicit products (``2x``, ``x y``, ``2sin(x)``, ``(x+1)(x-1)``). A run
    of letters splits into names as Desmos does (``xy`` is ``x*y``; ``theta`` and the
    other Greek names stay whole; ``x1`` is one name). ``pi``, ``e`` (Euler's number) and
    ``oo``/``inf``/``infinity`` are constants. Functions take their arguments in
    brackets: sin cos tan sec csc cot, their inverses (asin or arcsin, ...), the
    hyperbolic ones, exp, ln, log (natural; ``log(x, b)`` is base b), sqrt, abs,
    sigmoid, relu, softplus, heaviside; ``sin^2(x)`` is ``sin(x)^2``. A one-letter
    variable before ``(`` multiplies it (``2x(x+1)``); a longer name there is refused as
    an unknown function, with the list of known ones. ``yhat``, ``y_hat`` and ``ŷ`` are
    the symbol ŷ. Unicode a learner types (π θ × · − ² ³ ∞) is read; other characters
    are refused. Text over 2,000 characters, brackets nested over
    60 deep, literals over 100 digits and numbers over 4,000 digits are refused, as are
    undefined (``1/0``) and non-real (``sqrt(-1)``) values.

    Raises :class:`calcml.errors.ParseError` with the column and a hint for text it
    cannot read.

    >>> parse("x^2 + 0.5x")
    x**2 + x/2
    >>> parse("2sin(pi/6)")
    1
    """
    return _read(text, _prepared(text))[0]


def parse_typed(text: str) -> Parsed:
    """Read math text as :func:`parse` does, and also as the learner typed it.

    The result holds both forms: ``typed`` keeps sums, products and powers unevaluated
    (``x*x``, ``x^2*x^3``, ``x/x``), ``value`` is what :func:`parse` returns. A part made of
    numbers only is evaluated in both (``2*3`` is 6), and every guard of :func:`parse`
    holds. A worked solution starts from ``typed`` when ``differs`` says it is worth it.

    >>> p = parse_typed("x^2*x^3")
    >>> p.typed, p.value, p.differs
    (x**2*x**3, x**5, True)
    >>> parse_typed("2*3 + x").typed
    x + 6
    """
    value, typed = _read(text, _prepared(text), typed=True)
    return Parsed(typed=typed, value=value)


def _prepared(text: str) -> Prepared:
    """The text checked and prepared for the lexer, or a ParseError saying what is wrong."""
    if not isinstance(text, str):
        raise ParseError(f"expected math text (a str), got {type(text).__name__}",
                         hint="pass the expression as a string such as 'x^2 + 1'")
    if len(text) > MAX_LENGTH:
        raise ParseError(f"the text is {len(text)} characters long; the limit is {MAX_LENGTH}",
                         hint="shorten the expression or split it into parts")
    if not text.strip():
        raise ParseError("the text is empty", text, 1, "type an expression such as x^2 + 1")
    try:
        return prepare(text)
    except Problem as problem:
        raise _error(problem.message, text, problem.pos + 1, problem.hint) from None


def _read(text: str, prepared: Prepared, typed: bool = False) -> tuple[sympy.Expr, ...]:
    """The evaluated expression, and with ``typed`` the typed one after it (built from the
    same tree once the evaluated build has passed every guard)."""
    try:
        with _lock:
            tree = _parser().parse(prepared.source)
        check_levels(tree)
        value = SympyBuilder().transform(tree)
        return (value, TypedBuilder().transform(tree)) if typed else (value,)
    except Problem as problem:
        raise _located(problem, text, prepared) from None
    except VisitError as wrapped:
        if isinstance(wrapped.orig_exc, Problem):
            raise _located(wrapped.orig_exc, text, prepared) from None
        if isinstance(wrapped.orig_exc, ValueError | TypeError | ArithmeticError):
            raise ParseError(f"SymPy could not evaluate this expression: {wrapped.orig_exc}",
                             hint="check the arguments of its functions") from None
        raise
    except UnexpectedInput as unexpected:
        raise _unexpected(unexpected, text, prepared) from None


def _located(problem: Problem, text: str, prepared: Prepared) -> ParseError:
    return _error(problem.message, text, prepared.column(problem.pos), problem.hint)


def _error(message: str, text: str, column: int, hint: str | None) -> ParseError:
    shown = "".join(c if c.isprintable() else " " if c.isspace() else "?" for c in text)
    return ParseError(f"{message} at column {column}", shown, column, hint)


def _unexpected(error: UnexpectedInput, text: str, prepared: Prepared) -> ParseError:
    """Say what lark's parser met where it did not expect it, with a hint if one fits."""
    source = prepared.source
    if isinstance(error, UnexpectedCharacters):
        pos = error.pos_in_stream
        return _error(f"unexpected {source[pos]!r}", text, prepared.column(pos),
                      "a decimal point needs digits, as in 0.5 or 2.")
    token = error.token if isinstance(error, UnexpectedToken) else None
    at_end = token is None or token.type == "$END"
    pos = len(source) if at_end else token.start_pos
    before = source[:pos].rstrip()
    previous = "^" if before.endswith("**") else before[-1:]
    what = "end of the expression" if at_end else repr(str(token))
    hint = _hint(previous, None if at_end else token)
    return _error(f"unexpected {what}", text, prepared.column(pos), hint)


def _hint(previous: str, token) -> str | None:
    kind = None if token is None else token.type
    if previous == "^":
        return "an exponent is missing after '^'"
    if previous and previous in _OPERATORS and kind not in ("NUMBER", "NAME", "CONST"):
        return f"something is missing after '{previous}'"
    if previous == "(" and kind == "RPAR":
        return "put an expression between the parentheses"
    if kind == "NUMBER":
        return f"write * to multiply by a number, as in x*{token}"
    if kind == "COMMA":
        return "',' only separates the arguments of a function, as in log(x, 2)"
    if kind in ("STAR", "SLASH", "POW") and previous in ("", "(", "|"):
        return f"something is missing before '{token}'"
    return None

