"""A parsed input that remembers where each value came from, to turn a JSON pointer into line:column."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruleset.errors import Problem
from ruleset.text import Text

Position = tuple[int, int]
Locator = Callable[[str, bool], "Position | None"]
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
    """Plain JSON-like data plus a lazy locator; positions are computed only for findings."""

    path: str
    data: Any
    sha256: str
    text: str = field(repr=False)
    locator: Locator = field(repr=False, compare=False)

    def locate(self, pointer: str, key: bool = False) -> Position | None:
        """1-based (line, column) of the deepest existing value on the pointer's path.

        With ``key``, a mapping member is located at its key rather than its value (for
        "unknown key" problems, the key is what the user must fix).
        """
        return self.locator(pointer, key)

    def problem(
        self, pointer: str, message: Text, hint: Text | None = None, key: bool = False
    ) -> Problem:
        """A problem of this document at ``pointer``, located by line and column."""
        line, column = self.locate(pointer, key) or (None, None)
        return Problem(self.path, message, line, column, pointer, hint)
