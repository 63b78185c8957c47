"""A small table type for converging sequences: text with aligned columns, plain rows.

Every numeric result of calcml that is a sequence of approximations (the delta method,
finite-difference errors, the method of exhaustion) is a :class:`Table`: it prints itself
with its work shown (title, column names, the rows, notes) and turns into plain Python data
for JSON.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy

from calcml.expr.asciify import plain_ascii
from calcml.expr.printing import ascii_mode


def format_number(value: Any, digits: int = 10) -> str:
    """A number as a person reads it: integers whole, others to ``digits`` significant figures.

    >>> format_number(sympy.Rational(61, 10))
    '6.1'
    >>> format_number(1e-06)
    '1e-06'
    >>> format_number(None)
    '-'
    """
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, sympy.Integer | int | np.integer) and not isinstance(value, bool):
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return "nan"
    return f"{number:.{digits}g}"


def plain(value: Any) -> Any:
    """A cell as plain JSON data: ints stay ints, other numbers become floats.

    >>> plain(sympy.Integer(9)), plain(sympy.Rational(1, 2)), plain(np.float64(2.5))
    (9, 0.5, 2.5)
    """
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, sympy.Integer | int | np.integer):
        return int(value)
    if isinstance(value, sympy.Basic | float | np.floating):
        return float(value)
    return value


@dataclass(frozen=True)
class Table:
    """A titled table: column names, rows of cells, notes that explain the work.

    >>> t = Table("Squares", ("n", "n^2"), ((1, 1), (2, 4)), notes=("n^2 = n * n",))
    >>> print(t.to_text())
    Squares
    n  n^2
    -  ---
    1    1
    2    4
    n^2 = n * n
    >>> t.to_rows()
    [{'n': 1, 'n^2': 1}, {'n': 2, 'n^2': 4}]
    """

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    notes: tuple[str, ...] = field(default=())
    digits: int = 10

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} has {len(row)} cells for "
                                 f"{len(self.columns)} columns")

    def column(self, name: str) -> list[Any]:
        """The cells of one column, top to bottom.

        >>> Table("t", ("a", "b"), ((1, 2), (3, 4))).column("b")
        [2, 4]
        """
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_rows(self) -> list[dict[str, Any]]:
        """The rows as dicts of plain data (column name to value)."""
        return [{c: plain(v) for c, v in zip(self.columns, row, strict=True)}
                for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """Title, columns, rows (as lists) and notes: ready for ``json.dumps``."""
        return {"title": self.title, "columns": list(self.columns),
                "rows": [[plain(v) for v in row] for row in self.rows],
                "notes": list(self.notes)}

    def to_text(self) -> str:
        """Title, aligned columns (numbers right-aligned, words left-aligned) and notes;
        inside :func:`~calcml.expr.printing.ascii_text`, in ASCII characters only."""
        shown = plain_ascii if ascii_mode() else str
        cells = [[shown(format_number(v, self.digits)) for v in row] for row in self.rows]
        columns = [shown(c) for c in self.columns]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        header = "  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
        lines = [shown(self.title), header.rstrip(), "  ".join("-" * w for w in widths)]
        for raw, row in zip(self.rows, cells, strict=True):
            lines.append("  ".join(c.ljust(w) if isinstance(v, str) else c.rjust(w)
                                   for v, c, w in zip(raw, row, widths, strict=True)).rstrip())
        return "\n".join(lines + [shown(note) for note in self.notes])

    def __str__(self) -> str:
        return self.to_text()


def table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          notes: Sequence[str] = ()) -> Table:
    """Build a :class:`Table` from any sequences (lists are frozen into tuples).

    >>> table("t", ["a"], [[1]]).rows
    ((1,),)
    """
    return Table(title=title, columns=tuple(columns), rows=tuple(tuple(r) for r in rows),
                 notes=tuple(notes))


class TableResult:
    """A result that carries a :class:`Table` (``self.table``) and renders through it."""

    table: Table

    def to_text(self) -> str:
        """The table as aligned text, with its notes."""
        return self.table.to_text()

    def to_rows(self) -> list[dict[str, Any]]:
        """The table's rows as dicts of plain data."""
        return self.table.to_rows()

    def to_dict(self) -> dict[str, Any]:
        """The table as plain data for JSON."""
        return self.table.to_dict()

    def __str__(self) -> str:
        return self.to_text()
