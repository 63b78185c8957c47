"""Text the terminal can show: Unicode mathematics by default; ASCII with ``--ascii``, or
by itself when the terminal's encoding cannot show Unicode (``PYTHONIOENCODING=ascii``,
a Latin-1 terminal), so that calcml never fails on a character it prints.

This module is loaded at start-up: it imports nothing heavy until ASCII is needed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

_SAMPLE = "x² − ∂ → ∞ ŷ ∫ √ · ⎡"  # characters calcml's Unicode output uses


def shows_unicode(stream: TextIO) -> bool:
    """Whether ``stream``'s encoding can write calcml's Unicode mathematics.

    >>> import io
    >>> shows_unicode(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    True
    >>> shows_unicode(io.TextIOWrapper(io.BytesIO(), encoding="latin-1"))
    False
    """
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        _SAMPLE.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


class AsciiStream:
    """A text stream that passes what it is given to ``inner`` in ASCII characters only
    (:func:`calcml.expr.asciify.plain_ascii`: x² as x^2, ∂ as partial, − as -)."""

    encoding = "utf-8"  # what it accepts; what it writes on is ASCII
    errors = "strict"

    def __init__(self, inner: TextIO) -> None:
        from calcml.expr.asciify import plain_ascii

        self._inner = inner
        self._plain = plain_ascii

    def write(self, text: str) -> int:
        self._inner.write(self._plain(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._inner, name)


@contextlib.contextmanager
def ascii_output(*names: str) -> Iterator[None]:
    """Inside the block, the streams ``sys.<name>`` (stdout by default) write ASCII and
    expressions print as ASCII text.

    >>> with ascii_output():
    ...     print("x² − 1 → ∞")
    x^2 - 1 -> oo
    """
    from calcml.expr.printing import ascii_text

    saved = {name: getattr(sys, name) for name in names or ("stdout",)}
    for name, stream in saved.items():
        setattr(sys, name, AsciiStream(stream))
    try:
        with ascii_text(True):
            yield
    finally:
        for name, stream in saved.items():
            setattr(sys, name, stream)


def for_terminal() -> contextlib.AbstractContextManager:
    """ASCII output on a terminal whose encoding cannot show Unicode; else as it is."""
    if shows_unicode(sys.stdout) and shows_unicode(sys.stderr):
        return contextlib.nullcontext()
    return ascii_output("stdout", "stderr")
