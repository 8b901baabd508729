"""The project's own error types: everything the engine raises on bad input is one of these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from ruleset.text import Lang, Text


class Exit(IntEnum):
    """The documented exit codes (README, "Exit codes")."""

    OK = 0
    GAPS = 1  # gaps found (check, batch), warnings (lint), failing examples (test)
    INPUT = 2  # an input, option or rule set cannot be used
    BUG = 70  # our own bug: a traceback to report
    INTERRUPTED = 130  # Ctrl-C (SIGINT): 128 + 2, as shells report it
    TERMINATED = 143  # SIGTERM: 128 + 15
    PIPE_CLOSED = 141  # the reader of our output went away (ruleset ... | head): 128 + SIGPIPE


_AT = Text("tại", "at")
_HINT = Text("gợi ý", "hint")


def column_letters(column: int) -> str:
    """Spreadsheet column name of a 1-based column number (1 → A, 28 → AB)."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, column: int) -> str:
    """``Nhiệm vụ!C12``: how an officer finds a cell in a workbook."""
    return f"{sheet}!{column_letters(column)}{row}"


def location(path: str, line: int | None, column: int | None, sheet: str | None = None) -> str:
    """``path:line:column`` in a text file, ``path:Sheet!C12`` in a workbook, ``path`` if unknown."""
    if line is None:
        return path
    if sheet is not None:
        return f"{path}:{cell_name(sheet, line, column or 1)}"
    return f"{path}:{line}" if column is None else f"{path}:{line}:{column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and what was expected."""

    path: str
    message: Text
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    hint: Text | None = None
    sheet: str | None = None  # set when the input is a workbook: line is then the row

    def render(self, lang: Lang | None = None) -> str:
        """``file:line:column: message (at pointer)`` and the hint; both languages when none is chosen."""
        where = location(self.path, self.line, self.column, self.sheet)
        text = f"{where}: {self.message.get(lang)}"
        if self.pointer:
            text += f" ({_AT.get(lang)} {self.pointer})"
        if self.hint:
            text += f"\n  {_HINT.get(lang)}: {self.hint.get(lang)}"
        return text


class RulesetError(Exception):
    """Base of every error ruleset raises on purpose; the CLI turns it into its exit code."""

    exit_code = Exit.INPUT

    def render(self, lang: Lang | None = None) -> str:
        return str(self)


class InputError(RulesetError):
    """An input (submission, rule file, option) cannot be read or is malformed."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__(self.render())

    def render(self, lang: Lang | None = None) -> str:
        return "\n".join(p.render(lang) for p in self.problems)

    @classmethod
    def at(
        cls,
        path: str,
        message: Text,
        line: int | None = None,
        column: int | None = None,
        hint: Text | None = None,
    ) -> InputError:
        return cls(Problem(path=path, message=message, line=line, column=column, hint=hint))
