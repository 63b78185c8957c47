"""Read numeric columns from a CSV file, chosen by header name, with clear errors.

The reader is strict on purpose: a value that is not a number, a row with the wrong
number of fields or a NaN is reported with its line, column and value, never skipped
or silently turned into something else. Other columns may hold any text (a name, a
date); only the columns asked for must be numbers.

>>> import os, tempfile
>>> path = os.path.join(tempfile.mkdtemp(), "course.csv")
>>> _ = open(path, "w").write("x,y\\n0,1.86\\n1,1.31\\n2,0.62\\n")
>>> column_names(path)
['x', 'y']
>>> read_columns(path, ["y"])["y"].tolist()
[1.86, 1.31, 0.62]
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import numpy as np

from calcml.errors import InputError

MAX_BYTES = 200_000_000
_SNIFF_BYTES = 8192
_OTHER_DELIMITERS = (";", "\t", "|")


def column_names(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[str]:
    """The column names in the header (first non-blank line) of a CSV file.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "d.csv")
    >>> _ = open(path, "w").write("height, weight\\n1.7,65\\n")
    >>> column_names(path)
    ['height', 'weight']
    """
    with _open_csv(path, max_bytes) as (name, handle):
        return _read_header(name, csv.reader(handle))


def read_columns(path: str | Path, columns: Sequence[str], *,
                 max_bytes: int = MAX_BYTES) -> dict[str, np.ndarray]:
    """The named columns of a CSV file as float64 arrays, one value per data row.

    The first non-blank line is the header; blank lines are skipped. Every requested
    value must be a finite number, every row must have as many fields as the header, and
    there must be at least two data rows. Anything else raises :class:`InputError` naming
    the file, the line, the column and the value, and saying how to fix it.

    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "d.csv")
    >>> _ = open(path, "w").write("name,x,y\\na,0,1.5\\nb,2,-1e3\\n")
    >>> data = read_columns(path, ["x", "y"])
    >>> data["x"].tolist(), data["y"].tolist()
    ([0.0, 2.0], [1.5, -1000.0])
    """
    wanted = _check_requested(columns)
    with _open_csv(path, max_bytes) as (name, handle):
        reader = csv.reader(handle)
        header = _read_header(name, reader)
        index = _column_index(name, header, wanted)
        values: dict[str, list[float]] = {c: [] for c in wanted}
        for row in _data_rows(name, reader, len(header)):
            for column in wanted:
                values[column].append(_number(name, reader.line_num, column,
                                              row[index[column]]))
    rows = len(values[wanted[0]])
    if rows < 2:
        raise InputError(f"{name}: found {rows} data row{'' if rows == 1 else 's'} under the "
                         "header; at least 2 are needed: add rows of numbers below the header")
    return {c: np.asarray(v, dtype=np.float64) for c, v in values.items()}


def _check_requested(columns: Sequence[str]) -> list[str]:
    """The requested column names, checked: a non-empty list of non-empty strings."""
    if isinstance(columns, str):
        columns = [columns]
    wanted = list(columns)
    if not wanted:
        raise InputError("name at least one column to read, e.g. columns=['x', 'y']")
    for column in wanted:
        if not isinstance(column, str) or not column.strip():
            raise InputError(f"column names must be non-empty text, got {column!r}")
    return [c.strip() for c in wanted]


@contextmanager
def _open_csv(path: str | Path, max_bytes: int) -> Iterator[tuple[str, IO[str]]]:
    """Open a checked CSV file as text; decoding and CSV-syntax errors inside the block
    become InputErrors."""
    target = Path(path)
    name = repr(str(target))
    _check_file(target, name, max_bytes)
    try:
        with target.open(encoding="utf-8-sig", newline="") as handle:
            yield name, handle
    except UnicodeDecodeError as err:
        raise InputError(f"{name} is not UTF-8 text (byte {err.start}: "
                         f"{err.object[err.start:err.start + 1]!r}): save it as UTF-8 CSV"
                         ) from None
    except csv.Error as err:
        raise InputError(f"{name} is not a readable CSV file: {err}") from None


def _check_file(target: Path, name: str, max_bytes: int) -> None:
    """The file exists, is regular, readable, not empty, not too big and not binary."""
    if not target.exists():
        raise InputError(f"no such file: {name}; check the path and the spelling")
    if target.is_dir():
        raise InputError(f"{name} is a folder, not a file: give the path of a .csv file")
    if not target.is_file():
        raise InputError(f"{name} is not a regular file: give the path of a .csv file")
    size = target.stat().st_size
    if size == 0:
        raise InputError(f"{name} is empty: it needs a header line (e.g. 'x,y') and rows of "
                         "numbers")
    if size > max_bytes:
        raise InputError(f"{name} is {size:,} bytes, more than the limit of {max_bytes:,}: "
                         "use a smaller file or raise max_bytes")
    try:
        with target.open("rb") as raw:
            start = raw.read(_SNIFF_BYTES)
    except OSError as err:
        raise InputError(f"cannot read {name}: {err.strerror}") from None
    if b"\x00" in start:
        raise InputError(f"{name} is not a text file (it holds NUL bytes): give a CSV file")


def _read_header(name: str, reader: Iterator[list[str]]) -> list[str]:
    """The header row, stripped; it must exist, name its columns and hold no duplicate."""
    header = next((row for row in reader if any(f.strip() for f in row)), None)
    if header is None:
        raise InputError(f"{name} has only blank lines: it needs a header line (e.g. 'x,y') "
                         "and rows of numbers")
    header = [f.strip() for f in header]
    if all(_is_number(f) for f in header):
        raise InputError(f"{name} has no header: its first line {','.join(header)!r} is "
                         "numbers; add a first line naming the columns, e.g. 'x,y'")
    seen: set[str] = set()
    for field in header:
        if field and field in seen:
            raise InputError(f"{name}: the header names column {field!r} twice; give each "
                             "column a different name")
        seen.add(field)
    return header


def _column_index(name: str, header: list[str], wanted: list[str]) -> dict[str, int]:
    """Where each wanted column is in the header; a missing one lists those available."""
    index = {field: i for i, field in enumerate(header) if field}
    for column in wanted:
        if column not in index:
            available = ", ".join(repr(f) for f in header if f)
            hint = ""
            if len(header) == 1 and any(d in header[0] for d in _OTHER_DELIMITERS):
                hint = " (the header reads as one column: separate the values with commas)"
            raise InputError(f"{name} has no column {column!r}; the columns are: "
                             f"{available}{hint}")
    return index


def _data_rows(name: str, reader: Any, width: int) -> Iterator[list[str]]:
    """The non-blank rows after the header of a ``csv.reader`` (whose type is private),
    each checked to have ``width`` fields."""
    for row in reader:
        if not any(f.strip() for f in row):
            continue
        if len(row) != width:
            fields = f"{len(row)} field{'' if len(row) == 1 else 's'}"
            raise InputError(f"{name}, line {reader.line_num}: {fields} where the header has "
                             f"{width} ({','.join(row)[:80]!r}); every row needs one value "
                             "per column")
        yield row


def _number(name: str, line: int, column: str, text: str) -> float:
    """One field as a finite float, or an InputError quoting it."""
    where = f"{name}, line {line}, column {column!r}"
    field = text.strip()
    if not field:
        raise InputError(f"{where}: the value is empty; fill in a number or delete the row")
    try:
        value = float(field)
    except ValueError:
        raise InputError(f"{where}: {field[:80]!r} is not a number; use digits like 1.5 or "
                         "-2e3") from None
    if math.isnan(value):
        raise InputError(f"{where}: the value is {field!r} (not a number); fill in a real "
                         "value or delete the row")
    if math.isinf(value):
        raise InputError(f"{where}: the value {field!r} is infinite (or too large for a "
                         "float); give a finite number")
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
