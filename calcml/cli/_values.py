"""Reading the command line's option values without Pydantic.

Typer (from 0.2x on) turns each option's text into its Python value with a Pydantic
``TypeAdapter``, built when the option is first read: importing Pydantic and building the
adapters costs about a quarter of a second, a third of ``calcml diff "x^2"``'s own start.
calcml's options are all plain (text, whole numbers, numbers, on/off flags and choices from
an Enum), so :class:`LeanCommand` reads those itself, in the same words as Typer for a bad
choice and clearer ones for a bad number; an option of any other type is left to Typer.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # Typer's per-option reader, in the versions that read options with Pydantic
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - an older Typer reads options without Pydantic
    RuntimeParam = None


_TRUTH = {"1": True, "true": True, "t": True, "yes": True, "y": True, "on": True,
          "0": False, "false": False, "f": False, "no": False, "n": False, "off": False,
          "": False}


def read_value(kind: type, text: Any) -> Any:
    """The value of type ``kind`` (str, int, float, bool or an Enum) that ``text`` gives;
    ``ValueError`` with a clear message when it gives none.

    >>> read_value(int, " 12 "), read_value(float, "0.5"), read_value(bool, "yes")
    (12, 0.5, True)
    >>> read_value(int, "2.5")
    Traceback (most recent call last):
    ...
    ValueError: '2.5' is not a whole number (e.g. 2)
    """
    if isinstance(text, kind):
        return text
    if issubclass(kind, Enum):
        for member in kind:
            if str(member.value) == text:
                return member
        choices = ", ".join(repr(str(member.value)) for member in kind)
        raise ValueError(f"{text!r} is not one of {choices}.")
    if kind is str:
        return str(text)
    if kind is bool:
        if str(text).strip().lower() in _TRUTH:
            return _TRUTH[str(text).strip().lower()]
        raise ValueError(f"{text!r} is not a yes or no (true or false)")
    try:
        return kind(text)
    except (TypeError, ValueError):
        example = "a whole number (e.g. 2)" if kind is int else "a number (e.g. 0.5)"
        raise ValueError(f"{text!r} is not {example}") from None


PLAIN = (str, int, float, bool)
"""The option types read here (with every Enum); others are left to Typer."""


if RuntimeParam is not None:
    @dataclass(frozen=True)
    class PlainValue(RuntimeParam):
        """Typer's reader for one option of a plain type, without Pydantic."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return read_value(self.annotation, value)
            except ValueError as err:
                raise typer.BadParameter(str(err), ctx=ctx, param=param) from None


def _plain(annotation: Any, case_sensitive: bool) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return case_sensitive
    return annotation in PLAIN


def lean(params: list[Any]) -> None:
    """Have each plain option of ``params`` read by :class:`PlainValue` (see the module)."""
    if RuntimeParam is None:
        return
    for param in params:
        described = getattr(param, "type_descriptor", None)
        if described is None or getattr(param, "_runtime_param", None) is not None:
            continue
        info = described.parameter_info
        if (described.file_annotation is None and info.parser is None and info.min is None
                and info.max is None and _plain(described.annotation, info.case_sensitive)):
            param._runtime_param = PlainValue(parameter_info=info,
                                              annotation=described.annotation)


class _Lean:
    """What a command and the app's group share: plain options, --help among them."""

    params: list[Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lean(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        lean([] if option is None else [option])
        return option


class LeanCommand(_Lean, TyperCommand):
    """A Typer command whose plain options are read without Pydantic (see the module)."""


class LeanGroup(_Lean, TyperGroup):
    """The app's group of commands, its own options read without Pydantic."""
