"""Lint findings: frozen records a check yields; the runner sorts and counts them."""

from __future__ import annotations

from dataclasses import dataclass

from ruleset.errors import Problem

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class LintProblem:
    """One problem in a rules directory, located in its file, with how bad it is."""

    severity: str
    code: str
    problem: Problem

    def render(self) -> str:
        return f"{self.severity}[{self.code}] {self.problem.render()}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        p = self.problem
        return (p.path, p.line or 0, p.column or 0, self.code, p.message)


@dataclass(frozen=True)
class LintResult:
    """Everything lint found in one directory, in a stable order."""

    directory: str
    problems: tuple[LintProblem, ...]
    rules_checked: int

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    @property
    def exit_code(self) -> int:
        """2 with errors, 1 with warnings only, 0 clean: the same scale as ``check``."""
        return 2 if self.errors else 1 if self.warnings else 0
