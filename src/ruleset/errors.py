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
    INTERRUPTED = 130  # Ctrl-C


_AT = Text("tại", "at")
_HINT = Text("gợi ý", "hint")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and what was expected."""

    path: str
    message: Text
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    hint: Text | None = None

    def render(self, lang: Lang | None = None) -> str:
        """``file:line:column: message (at pointer)`` and the hint; both languages when none is chosen."""
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
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
