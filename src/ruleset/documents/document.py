"""A parsed input that remembers where each value came from, to turn a JSON pointer into a place.

A text file's place is a line and column; a workbook's is a cell of a sheet (:class:`Cell`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruleset.errors import Problem
from ruleset.text import Text

Position = tuple[int, int]


@dataclass(frozen=True, order=True)
class Cell:
    """Where a workbook value sits: what a workbook's locator returns instead of a line:column."""

    sheet: str
    row: int
    column: int


Locator = Callable[[str, bool], "Position | Cell | None"]
Where = tuple["int | None", "int | None", "str | None"]
Parsed = tuple[Any, Locator]


def escape_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_token(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [unescape_token(part) for part in pointer.split("/")[1:]]


def join_pointer(tokens: list[str | int] | tuple[str | int, ...]) -> str:
    return "".join("/" + escape_token(token) for token in tokens)


@dataclass(frozen=True)
class Document:
    """Plain JSON-like data plus a lazy locator; positions are computed only for findings.

    ``float_free``: the reader knows the data holds no decimal number (the fast path takes none),
    so a schema check need not walk it looking for one.
    """

    path: str
    data: Any
    sha256: str
    text: str = field(repr=False)
    locator: Locator = field(repr=False, compare=False)
    float_free: bool = field(default=False, repr=False, compare=False)

    def locate(self, pointer: str, key: bool = False) -> Position | None:
        """1-based (line, column) of the deepest existing value on the pointer's path.

        With ``key``, a mapping member is located at its key rather than its value (for
        "unknown key" problems, the key is what the user must fix).
        """
        found = self.locator(pointer, key)
        return (found.row, found.column) if isinstance(found, Cell) else found

    def where(self, pointer: str, key: bool = False) -> Where:
        """(line, column, None) in a text file, (row, column, sheet) in a workbook, or Nones.

        What findings and problems about a submission carry; ``errors.location`` renders it.
        """
        found = self.locator(pointer, key)
        if isinstance(found, Cell):
            return found.row, found.column, found.sheet
        return (*found, None) if found else (None, None, None)

    def problem(
        self, pointer: str, message: Text, hint: Text | None = None, key: bool = False
    ) -> Problem:
        """A problem of this document at ``pointer``, located by line and column (or cell)."""
        line, column, sheet = self.where(pointer, key)
        return Problem(self.path, message, line, column, pointer, hint, sheet)
