"""Lint findings: frozen records a check yields; the runner sorts and counts them."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from enum import Enum

from ruleset.errors import Exit, Problem
from ruleset.text import Lang, Text


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"


class LintCode(str, Enum):
    """Every kind of problem lint reports, with how bad it is (stable slugs for CI)."""

    LOAD = "load"  # the loader's own problems: schema, ids, vocabulary, examples of both kinds
    SOURCES = "sources"
    SOURCES_MISSING = "sources-missing"
    SOURCE_TEXT = "source-text"
    UNKNOWN_DOCUMENT = "unknown-document"
    WRONG_SOURCE_FILE = "wrong-source-file"
    CITATION_DATE = "citation-date"
    QUOTE_UNVERIFIABLE = "quote-unverifiable"
    SOURCE_MISSING = "source-missing"
    QUOTE_NOT_FOUND = "quote-not-found"
    UNKNOWN_FIELD = "unknown-field"
    UNFILLED_PLACEHOLDER = "unfilled-placeholder"
    CHECK_WITHOUT_WHY = "check-without-why"
    EXAMPLE_FAILS = "example-fails"
    SUPERSESSION_GAP = "supersession-gap"
    SUPERSESSION_OVERLAP = "supersession-overlap"
    SUPERSESSION_LINK = "supersession-link"
    SUPERSEDES_NOWHERE = "supersedes-nowhere"
    CHANGELOG = "changelog"
    VERSION_NOT_BUMPED = "version-not-bumped"
    VERSION_BUMP_TOO_SMALL = "version-bump-too-small"
    REUSED_ID = "reused-id"
    UNRELEASED_CHANGE = "unreleased-change"

    @property
    def level(self) -> Level:
        return Level.WARNING if self in _WARNINGS else Level.ERROR


_WARNINGS = frozenset(
    {
        LintCode.UNKNOWN_FIELD,
        LintCode.SUPERSESSION_GAP,
        LintCode.SUPERSESSION_OVERLAP,
        LintCode.SUPERSESSION_LINK,
        LintCode.UNRELEASED_CHANGE,
    }
)


@dataclass(frozen=True)
class LintProblem:
    """One problem in a rules directory, located in its file, with its code."""

    code: LintCode
    problem: Problem

    @property
    def level(self) -> Level:
        return self.code.level

    def render(self, lang: Lang | None = None) -> str:
        return f"{self.level.value}[{self.code.value}] {self.problem.render(lang)}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        p = self.problem
        return (p.path, p.line or 0, p.column or 0, self.code.value, p.message.en)


@dataclass(frozen=True)
class LintResult:
    """Everything lint found in one directory, in a stable order."""

    directory: str
    problems: tuple[LintProblem, ...]
    rules_checked: int  # rule files read, whether or not they could be built
    rules_unbuilt: int = 0  # of those, rules with load problems: only partly checked

    def shown_as(self, where: str, label: str) -> LintResult:
        """The result with the folder ``where`` named ``label`` in every path and message: a
        revision exported to a temporary folder is shown as ``git:REV:path``, which a user can find."""
        prefix = where.rstrip(os.sep)

        def swap(text: str) -> str:
            return text.replace(prefix + os.sep, label.rstrip("/") + "/").replace(prefix, label)

        def words(text: Text | None) -> Text | None:
            return None if text is None else Text(swap(text.vi), swap(text.en))

        problems = tuple(
            LintProblem(
                p.code,
                dataclasses.replace(
                    p.problem,
                    path=swap(p.problem.path),
                    message=Text(swap(p.problem.message.vi), swap(p.problem.message.en)),
                    hint=words(p.problem.hint),
                ),
            )
            for p in self.problems
        )
        return dataclasses.replace(self, directory=label, problems=problems)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.level is Level.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.level is Level.WARNING)

    @property
    def exit_code(self) -> Exit:
        """2 with errors, 1 with warnings only, 0 clean: the same scale as ``check``."""
        return Exit.INPUT if self.errors else Exit.GAPS if self.warnings else Exit.OK
