"""The errors calcml raises at a user: each says what was wrong and how to fix it."""

from __future__ import annotations


class CalcmlError(Exception):
    """Base of every error calcml raises on purpose."""


class InputError(CalcmlError, ValueError):
    """An argument a user gave is not usable (unknown variable, bad point, bad option)."""


class ParseError(InputError):
    """Math text that cannot be read.

    Carries the 1-based ``column`` of the offending spot, the ``text`` and an optional
    ``hint``; ``str(err)`` shows the text with a caret under the column.
    """

    def __init__(self, message: str, text: str = "", column: int | None = None,
                 hint: str | None = None) -> None:
        self.message = message
        self.text = text
        self.column = column
        self.hint = hint
        super().__init__(self._format())

    def _format(self) -> str:
        lines = [self.message]
        if self.text and self.column is not None and len(self.text) <= 200:
            shown = self.text.replace("\t", " ").replace("\n", " ")
            lines += ["  " + shown, "  " + " " * (self.column - 1) + "^"]
        if self.hint:
            lines.append(f"hint: {self.hint}")
        return "\n".join(lines)


class TimeLimitError(CalcmlError):
    """A symbolic computation ran past its time limit."""
