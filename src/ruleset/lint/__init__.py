"""``ruleset lint``: every problem in a rules directory at once, each located in its file.

A lint check is a function ``(LintContext) -> Iterator[LintProblem]``; add one to ``CHECKS``.
Structural problems (schema, duplicate ids, unknown agency kinds or provinces, missing examples)
come from the rules loader itself, so ``check`` and ``lint`` can never disagree about them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from ruleset.documents.read import load_document
from ruleset.errors import InputError, Problem
from ruleset.lint.citations import citation_problems
from ruleset.lint.context import LintContext
from ruleset.lint.examples import example_problems
from ruleset.lint.fields import field_problems
from ruleset.lint.placeholders import placeholder_problems
from ruleset.lint.problem import Level, LintCode, LintProblem, LintResult
from ruleset.lint.quotes import quote_problems
from ruleset.lint.versions import manifest_problems, reused_id_problems, supersession_problems
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import RuleSet
from ruleset.rules.sources import SOURCES_FILE, Source, load_sources, source_problems
from ruleset.text import Text

__all__ = ["CHECKS", "Level", "LintCode", "LintProblem", "LintResult", "lint_directory"]

LintCheck = Callable[[LintContext], Iterator[LintProblem]]

CHECKS: list[LintCheck] = [
    citation_problems,
    quote_problems,
    field_problems,
    placeholder_problems,
    example_problems,
    supersession_problems,
    manifest_problems,
    reused_id_problems,
]


def _errors(error: InputError, code: LintCode) -> list[LintProblem]:
    return [LintProblem(code, problem) for problem in error.problems]


def _sources(directory: str) -> tuple[dict[str, Source] | None, list[LintProblem]]:
    if not os.path.isfile(os.path.join(directory, SOURCES_FILE)):
        message = Text(
            f"thiếu {SOURCES_FILE}: không kiểm được trích dẫn",
            f"no {SOURCES_FILE}: quotes cannot be verified",
        )
        return None, [LintProblem(LintCode.SOURCES_MISSING, Problem(directory, message))]
    try:
        document, sources = load_sources(directory)
    except InputError as error:
        return None, _errors(error, LintCode.SOURCES)
    found = [
        LintProblem(LintCode.SOURCE_TEXT, p) for p in source_problems(directory, document, sources)
    ]
    return sources, found


def lint_directory(directory: str, base: RuleSet | None = None) -> LintResult:
    """Lint one rules directory; never raises for problems in it, only reports them."""
    problems: list[LintProblem] = []
    try:
        rule_set = load_rule_set(directory)
    except InputError as error:
        problems = sorted(_errors(error, LintCode.LOAD), key=LintProblem.sort_key)
        return LintResult(directory, tuple(problems), 0)
    sources, found = _sources(directory)
    problems.extend(found)
    documents = {rule.id: load_document(rule.file) for rule in rule_set.rules}
    ctx = LintContext(directory, rule_set, documents, sources, base)
    for check in CHECKS:
        problems.extend(check(ctx))
    problems.sort(key=LintProblem.sort_key)
    return LintResult(directory, tuple(problems), len(rule_set.rules))
