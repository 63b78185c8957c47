"""Characters and tokens of calcml's math syntax, before the grammar sees them.

:func:`prepare` checks every character (only a small, explicit set is allowed) and
turns the Unicode a learner may type (π, ×, ·, −, ², θ) into plain syntax, keeping the
original column of each character. :class:`MathPostLex` then splits letter runs into
names (``2xsin(x)`` is ``2 x sin(x)``), tells opening bars from closing ones and checks
brackets and calls. Problems are raised as :class:`Problem` with a position in the
prepared text; :mod:`calcml.expr.parser` turns them into ``ParseError`` at the
original column.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from calcml.expr.larkrt import PostLex, Token

MAX_LENGTH = 2000
MAX_NESTING = 60

FUNCTIONS = {
    "sin": 1, "cos": 1, "tan": 1, "sec": 1, "csc": 1, "cot": 1,
    "asin": 1, "acos": 1, "atan": 1, "asec": 1, "acsc": 1, "acot": 1,
    "arcsin": 1, "arccos": 1, "arctan": 1, "arcsec": 1, "arccsc": 1, "arccot": 1,
    "sinh": 1, "cosh": 1, "tanh": 1, "sech": 1, "csch": 1, "coth": 1,
    "asinh": 1, "acosh": 1, "atanh": 1, "arsinh": 1, "arcosh": 1, "artanh": 1,
    "exp": 1, "ln": 1, "log": (1, 2), "sqrt": 1, "abs": 1, "sign": 1,
    "sigmoid": 1, "relu": 1, "softplus": 1, "heaviside": (1, 2),
}
KNOWN_FUNCTIONS = ("sin cos tan sec csc cot, asin acos atan asec acsc acot (or arcsin ...), "
                   "sinh cosh tanh sech csch coth, asinh acosh atanh, exp ln log sqrt abs "
                   "sign, sigmoid relu softplus heaviside")
# Functions a learner may reach for that calcml's syntax lacks, and what to write instead.
_INSTEAD = {
    "max": "max(x, 0) is relu(x)", "min": "min(x, 0) is -relu(-x)",
    "floor": "floor has no derivative where it jumps, so calcml leaves it out",
    "ceil": "ceil has no derivative where it jumps, so calcml leaves it out",
    "gamma": "for the variable gamma times a bracket write gamma*(...)",
}
CONSTANTS = ("pi", "e", "oo", "inf", "infinity")
_WHOLE_WORD_CONSTANTS = ("oo", "inf", "infinity")  # never split out of a longer run
GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ϵ": "epsilon",
    "ζ": "zeta", "η": "eta", "θ": "theta", "ι": "iota", "κ": "kappa", "λ": "lambda",
    "μ": "mu", "ν": "nu", "ξ": "xi", "ο": "omicron", "π": "pi", "ρ": "rho", "σ": "sigma",
    "τ": "tau", "υ": "upsilon", "φ": "phi", "ϕ": "phi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi",
    "Π": "Pi", "Σ": "Sigma", "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega",
}
GREEK_NAMES = frozenset(GREEK.values()) - {"pi"}
# Names with an accent, as typed in plain letters, and the symbol each one reads as.
ACCENTED = {"yhat": "ŷ"}
_ACCENTED_TYPED = {"ŷ": "yhat", "y\u0302": "yhat"}  # precomposed, or y + combining hat
_SYMBOLS = {"×": "*", "·": "*", "⋅": "*", "∗": "*", "−": "-", "÷": "/", "∞": " oo ",
            "√": " √"}
# Superscript letters (there is none for q), read as an exponent: eˣ is e^(x).
SUPERSCRIPT_LETTERS = dict(zip("ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ", "abcdefghijklmnoprstuvwxyz",
                               strict=True))
_SUPERSCRIPTS = str.maketrans({**dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾", "0123456789-+()", strict=True)),
                               **SUPERSCRIPT_LETTERS})
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾" + "".join(SUPERSCRIPT_LETTERS) + "]+")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUBSCRIPT_RUN = re.compile("[₀₁₂₃₄₅₆₇₈₉]+")
_ASCII_OK = frozenset("0123456789.+-*/^()|, \t\r\n"
                      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_HINTS = {
    "=": "calcml reads an expression, not an equation: give one side, e.g. x^2 + 1",
    "<": "calcml reads an expression, not an inequality",
    ">": "calcml reads an expression, not an inequality",
    "_": "names are letters and digits, such as x1 or theta",
    "!": "factorials are not part of calcml's syntax",
    "[": "group with round brackets ( )", "]": "group with round brackets ( )",
    "{": "group with round brackets ( )", "}": "group with round brackets ( )",
    "'": "calcml reads math, not quoted text", '"': "calcml reads math, not quoted text",
    "`": "calcml reads math, not quoted text",
}
# Names found inside a run of letters, longest first: "asinh" before "asin" before "a".
_PIECES = re.compile("|".join(sorted([*FUNCTIONS, *GREEK_NAMES, *ACCENTED, "pi", "e"],
                                     key=lambda n: (-len(n), n))) + "|[A-Za-z]")
_OPERAND_END = frozenset({"NUMBER", "NAME", "CONST", "RPAR", "RBAR"})


class Problem(Exception):  # noqa: N818 - internal, always turned into a ParseError
    """A problem at ``pos`` (0-based, in the prepared text), with an optional hint."""

    def __init__(self, message: str, pos: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.pos, self.hint = message, pos, hint


@dataclass(frozen=True)
class Prepared:
    """The text in plain syntax, and the 1-based original column of each character."""

    source: str
    columns: tuple[int, ...]

    def column(self, pos: int) -> int:
        """The original column of position ``pos`` (the end maps past the last column).

        >>> prepare("θ+1").column(7)
        2
        """
        return self.columns[min(pos, len(self.columns) - 1)]


def prepare(text: str) -> Prepared:
    """Check each character of ``text`` and rewrite learner Unicode into plain syntax.

    A character that is not allowed raises :class:`Problem` at its 0-based index.

    >>> prepare("2π").source
    '2 pi '
    """
    out: list[str] = []
    columns: list[int] = []
    i = 0
    while i < len(text):
        ch = text[i]
        accented = next((a for a in _ACCENTED_TYPED if text.startswith(a, i)), None)
        if ch in _ASCII_OK:
            piece, used = ch, 1
        elif accented is not None:
            piece, used = f" {_ACCENTED_TYPED[accented]} ", len(accented)
        elif text.startswith("y_hat", i - 1) and i > 0:
            piece, used = "", 1  # y_hat is yhat, the symbol ŷ
        elif ch == "_" and text.endswith("log", 0, i) and text[i + 1:i + 2].isdigit():
            piece, used = "_", 1  # log_2(x), the logarithm base 2
        elif ch.translate(_SUBSCRIPTS) != ch and text.endswith("log", 0, i):
            run = _SUBSCRIPT_RUN.match(text, i).group()
            piece, used = f"_{run.translate(_SUBSCRIPTS)}", len(run)
        elif ch.translate(_SUPERSCRIPTS) != ch:
            run = _SUPERSCRIPT_RUN.match(text, i).group()
            piece, used = f"^({run.translate(_SUPERSCRIPTS)})", len(run)
        elif ch in GREEK:
            after = text[i + 1:i + 2]
            piece, used = f" {GREEK[ch]}" + ("" if after.isdigit() else " "), 1
        elif ch in _SYMBOLS:
            piece, used = _SYMBOLS[ch], 1
        else:
            message, hint = _bad_character(ch)
            raise Problem(message, i, hint)
        out.append(piece)
        columns += [i + 1] * len(piece)
        i += used
    columns.append(len(text) + 1)
    return Prepared("".join(out), tuple(columns))


def _bad_character(ch: str) -> tuple[str, str]:
    if ch in _ASCII_HINTS:
        return f"unexpected {ch!r}", _ASCII_HINTS[ch]
    if ch.isascii() and ch.isprintable():
        return f"unexpected {ch!r}", "calcml reads numbers, names, + - * / ^ ( ) | and ,"
    name = unicodedata.name(ch, f"U+{ord(ch):04X}")
    if not ch.isprintable():
        return (f"invisible or control character {name} is not allowed",
                "remove it; it may have come with copied text")
    return (f"character {ch!r} ({name}) is not part of calcml's syntax",
            "type plain ASCII: letters, digits and + - * / ^ ( ) |")


class MathPostLex(PostLex):
    """Token clean-up between lark's lexer and the LALR parser; keeps no state.

    >>> tokens = [Token("NUMBER", "2", start_pos=0), Token("LETTERS", "xy", start_pos=1)]
    >>> [(t.type, str(t)) for t in MathPostLex().process(iter(tokens))]
    [('NUMBER', '2'), ('NAME', 'x'), ('NAME', 'y')]
    """

    always_accept = ("LETTERS", "BAR")

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        tokens = [piece for tok in stream for piece in _split_letters(tok)]
        _check_calls(tokens)
        return iter(_match_brackets(tokens))


def _split_letters(tok: Token) -> list[Token]:
    """A run of letters as names, longest known name first: ``xsin`` is x, sin; trailing
    digits belong to the last name (``x1``); a function inside a run is an error."""
    if tok.type != "LETTERS":
        return [tok]
    run = str(tok)
    letters = run.rstrip("0123456789")
    digits = run[len(letters):]
    if run in _WHOLE_WORD_CONSTANTS:
        return [_token("CONST", run, tok.start_pos)]
    _check_case(letters, tok.start_pos)
    pieces = _PIECES.findall(letters)
    out, pos = [], tok.start_pos
    for k, piece in enumerate(pieces):
        last = k == len(pieces) - 1
        if piece in FUNCTIONS and (not last or digits):
            rest = run[pos - tok.start_pos + len(piece):]
            hint = f"did you mean {piece}({rest})?"
            if piece in ("log", "ln") and rest.isdigit():
                hint = f"for the logarithm base {rest} write log(x, {rest})"
            raise Problem(f"unknown function '{piece}{rest}'", pos, hint)
        kind = "FUNC" if piece in FUNCTIONS else "CONST" if piece in CONSTANTS else "NAME"
        if last and digits:
            kind, piece = "NAME", piece + digits
        out.append(_token(kind, piece, pos))
        pos += len(piece)
    return out


def _check_case(letters: str, pos: int) -> None:
    low = letters.lower()
    known = letters in FUNCTIONS or letters in CONSTANTS or letters in GREEK_NAMES
    if len(letters) > 1 and not known and (low in FUNCTIONS or low in CONSTANTS):
        raise Problem(f"unknown name '{letters}'", pos,
                      f"names are case-sensitive: did you mean {low}?")


def _token(kind: str, value: str, pos: int) -> Token:
    return Token(kind, value, start_pos=pos, end_pos=pos + len(value))


def _check_calls(tokens: list[Token]) -> None:
    """A function name needs ( after it; a variable name must not be called like one."""
    for i, tok in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        kind = after.type if after is not None else "$END"
        if tok.type == "FUNC" and kind == "POW":
            _check_function_power(tokens, i)
        elif tok.type == "FUNC" and kind == "BASE":
            _check_base(tokens, i)
        elif tok.type == "FUNC" and kind != "LPAR":
            example = str(after) if kind in ("NAME", "NUMBER", "CONST") else "x"
            raise Problem(f"'{tok}' needs its argument in parentheses", tok.start_pos,
                          f"did you mean {tok}({example})?")
        elif tok.type in ("NAME", "CONST") and kind == "LPAR":
            _check_product_before_bracket(tokens, i)


def _check_product_before_bracket(tokens: list[Token], i: int) -> None:
    """A one-letter variable or a constant before ``(`` multiplies it: ``2x(x+1)`` and
    ``pi(2)`` are products. A longer name there (``floor(x)``, ``xy(2)``, ``gamma(x)``)
    looks like a call of a function calcml does not know, and is refused."""
    start = i
    while start > 0 and tokens[start - 1].type in ("NAME", "CONST") and (
            tokens[start - 1].end_pos == tokens[start].start_pos):
        start -= 1
    pieces = [str(t) for t in tokens[start:i + 1]]
    if len(pieces) == 1 and (tokens[i].type == "CONST" or len(pieces[0]) == 1):
        return
    name, inner = "".join(pieces), _inside(tokens, i + 1)
    raise Problem(f"unknown function '{name}'", tokens[start].start_pos,
                  _unknown_function_hint(name, pieces, inner))


def _unknown_function_hint(name: str, pieces: list[str], inner: str) -> str:
    """What to write instead: a way round for a function learners reach for, the list
    of functions calcml knows, and the product for a short run of variables."""
    known = f"calcml knows these functions: {KNOWN_FUNCTIONS}"
    if name in _INSTEAD:
        return f"{_INSTEAD[name]}; {known}"
    if len(pieces) == 1 or len(name) == 2:
        return f"{known}; for a product write {'*'.join(pieces)}*({inner})"
    return known


def _check_base(tokens: list[Token], i: int) -> None:
    """``log₂(x)`` (or ``log_2(x)``) is the logarithm base 2; no other function takes a
    base."""
    name, base = str(tokens[i]), str(tokens[i + 1])[1:]
    if name != "log":
        raise Problem(f"only log takes a base, not {name}", tokens[i + 1].start_pos,
                      f"write {name}(x) without the subscript")
    call = tokens[i + 2] if i + 2 < len(tokens) else None
    if call is None or call.type != "LPAR":
        raise Problem(f"'log_{base}' needs its argument in parentheses", tokens[i].start_pos,
                      f"did you mean log_{base}(x)?")


def _check_function_power(tokens: list[Token], i: int) -> None:
    """``sin^2(x)`` is sin(x)^2; the exponent must be a whole number."""
    name = str(tokens[i])
    power = tokens[i + 2] if i + 2 < len(tokens) else None
    if power is not None and power.type == "MINUS":
        raise Problem(f"'{name}^-' is ambiguous", tokens[i + 1].start_pos,
                      f"write a{name}(x) for the inverse, or {name}(x)^-1 for 1/{name}(x)")
    if power is None or power.type != "NUMBER" or not str(power).isdigit():
        raise Problem(f"a power of '{name}' must be a whole number, as in {name}^2(x)",
                      tokens[i + 1].start_pos, f"or write {name}(x)^n")
    call = tokens[i + 3] if i + 3 < len(tokens) else None
    if call is None or call.type != "LPAR":
        raise Problem(f"'{name}^{power}' needs its argument in parentheses",
                      tokens[i].start_pos, f"did you mean {name}^{power}(x)?")


def _inside(tokens: list[Token], open_at: int) -> str:
    depth, parts = 0, []
    for tok in tokens[open_at:]:
        depth += {"LPAR": 1, "RPAR": -1}.get(tok.type, 0)
        if depth == 0:
            return "".join(parts[1:]) if len(parts) <= 12 else "..."
        parts.append(str(tok))
    return "..."


def _match_brackets(tokens: list[Token]) -> list[Token]:
    """Pair ( ) and | |, limit their nesting, and mark each bar as opening or closing."""
    stack: list[Token] = []
    previous = None
    for k, tok in enumerate(tokens):
        if tok.type == "BAR":
            closes = bool(stack) and stack[-1].type == "LBAR" and previous in _OPERAND_END
            tok = tokens[k] = Token.new_borrow_pos("RBAR" if closes else "LBAR", "|", tok)
            if closes:
                stack.pop()
        elif tok.type == "RPAR":
            if not stack:
                raise Problem("unexpected ')'", tok.start_pos, "there is no '(' for it to close")
            if stack[-1].type == "LBAR":
                raise _unclosed(stack[-1])
            stack.pop()
        if tok.type in ("LPAR", "LBAR"):
            stack.append(tok)
            if len(stack) > MAX_NESTING:
                raise Problem(f"brackets are nested more than {MAX_NESTING} deep",
                              tok.start_pos, "split the expression into simpler parts")
        previous = tok.type
    if stack:
        raise _unclosed(stack[-1])
    return tokens


def _unclosed(opening: Token) -> Problem:
    if opening.type == "LBAR":
        return Problem("missing '|' to close '|'", opening.start_pos,
                       "add the closing bar of the absolute value")
    return Problem("missing ')' to close '('", opening.start_pos,
                   "add ')' where the group ends")
