"""The project's own error types: everything the engine raises on bad input is one of these."""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_GAPS = 1
EXIT_INPUT = 2


class RulesetError(Exception):
    """Base of every error ruleset raises on purpose; the CLI turns it into exit code 2."""

    exit_code = EXIT_INPUT


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, with where it is and what was expected."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    pointer: str | None = None
    hint: str | None = None

    def render(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.message}"
        if self.pointer:
            text += f" (tại/at {self.pointer})"
        if self.hint:
            text += f"\n  gợi ý/hint: {self.hint}"
        return text


class InputError(RulesetError):
    """An input (submission, rule file, option) cannot be read or is malformed."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def at(
        cls,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> InputError:
        return cls(Problem(path=path, message=message, line=line, column=column, hint=hint))
