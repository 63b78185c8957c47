"""Words and mathematics written with ASCII characters only, for terminals that show no
other: what ``--ascii`` promises.

Expressions are printed as ASCII by :class:`calcml.expr.text.AsciiPrinter`; the words
around them (the rules' explanations, the checks, the tables) are written in Unicode and
pass through :func:`plain_ascii`, which spells every mathematical character the way
calcml's input syntax does (``x^2``, ``->``, ``oo``, ``int``, ``sum``, ``sqrt``,
``yhat``, ``partial``) and any other character by its closest ASCII letters.
"""

from __future__ import annotations

import re
import unicodedata

from calcml.expr.lexing import GREEK, SUPERSCRIPT_LETTERS

_RAISED = {**SUPERSCRIPT_LETTERS,
           **dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺⁽⁾⁼", "0123456789-+()=", strict=True))}
_LOWERED = dict(zip("₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", "0123456789+-=()aehijklmnoprstuvx",
                    strict=True))
_RAISED_RUN = re.compile("([" + "".join(_RAISED) + "]+)(?=([A-Za-z]?))")
_LOWERED_RUN = re.compile("[" + "".join(_LOWERED) + "]+")
_SIGNS = {
    "−": "-", "–": "-", "—": "--", "·": "*", "×": "*", "⋅": "*", "÷": "/", "→": "->",
    "←": "<-", "⇒": "=>", "∞": "oo", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~", "±": "+/-",
    "∫": "int", "Σ": "sum", "∑": "sum", "√": "sqrt", "∇": "grad ", "ŷ": "yhat", "…": "...",
    "‘": "'", "’": "'", "“": '"', "”": '"', "⎡": "[", "⎢": "[", "⎣": "[", "⎤": "]",
    "⎥": "]", "⎦": "]", "°": " degrees", "ᵀ": "^T", "\u00a0": " ",
}
_DOTS = {"\u0307": "'", "\u0308": "''", "\u20db": "'''", "\u20dc": "''''"}
_GREEK_NAMES = {letter: name for letter, name in GREEK.items()}


def plain_ascii(text: str) -> str:
    """``text`` with every character ASCII: the mathematics spelled as calcml's input
    syntax spells it, anything else by its closest ASCII letters (or ``?``).

    >>> plain_ascii("d/dx (xⁿ) = n·x^(n − 1), x → ∞")
    'd/dx (x^n) = n*x^(n - 1), x -> oo'
    >>> plain_ascii("∂²/∂y∂x (x²y), ∂C/∂ŷ = 2(ŷ − y), log₂(x), θ = 0.5, e⁻ˣ")
    'partial^2/(partial y partial x) (x^2 y), partial C/partial yhat = 2(yhat - y), \
log_2(x), theta = 0.5, e^(-x)'
    """
    text = _RAISED_RUN.sub(_raise, text)
    text = _LOWERED_RUN.sub(lambda m: "_" + _bracketed("".join(_LOWERED[c] for c in m[0])),
                            text)
    text = _partials(text)
    text = "".join(_SIGNS.get(c, c) for c in text)
    text = "".join(_greek(c, text, k) for k, c in enumerate(text))
    text = "".join(_DOTS.get(c, c) for c in unicodedata.normalize("NFD", text))
    kept = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return kept.replace("\u2044", "/").encode("ascii", "replace").decode()


def _partials(text: str) -> str:
    """∂ spelled ``partial``: ∂z/∂x as partial z/partial x, ∂²/∂y∂x as
    partial^2/(partial y partial x)."""
    text = re.sub(r"/((?:∂[^\s∂/()]+){2,})",
                  lambda m: "/(" + m[1].replace("∂", " ∂").strip() + ")", text)
    text = re.sub(r"∂(?=[^\W\d_])", "partial ", text)
    return text.replace("∂", "partial")


def _raise(match: re.Match) -> str:
    run = "".join(_RAISED[c] for c in match[1])
    return "^" + _bracketed(run) + (" " if match[2] else "")


def _bracketed(run: str) -> str:
    return run if len(run) == 1 or run.isdigit() or run.isalpha() else f"({run})"


def _greek(letter: str, text: str, k: int) -> str:
    name = _GREEK_NAMES.get(letter)
    if name is None:
        return letter
    after = text[k + 1:k + 2]
    return name + (" " if after.isalpha() else "")
