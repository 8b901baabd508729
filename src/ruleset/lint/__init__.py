"""``ruleset lint``: every problem in a rules directory at once, each located in its file.

A lint check is a function ``(LintContext) -> Iterator[LintProblem]``; add one to ``CHECKS``.
Structural problems (schema, duplicate ids, unknown agency kinds or provinces, missing examples)
come from the rules loader itself, so ``check`` and ``lint`` can never disagree about them.

Lint is lenient where ``check`` is not: the loader reads every file and reports every problem,
the rules with none are built into a partial rule set, and every check runs on those, so a schema
error in one rule hides nothing in another. Rules with load problems are counted as checked (their
schema and well-formed vocabulary were), and the version checks, which compare whole rule sets,
wait until every rule builds. Without ``base``, a directory inside a git work tree is compared
with the rules as its current version was set (``lint.unreleased``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from ruleset.errors import InputError, Problem
from ruleset.lint.citations import citation_problems
from ruleset.lint.context import LintContext
from ruleset.lint.examples import example_problems
from ruleset.lint.fields import field_problems
from ruleset.lint.placeholders import placeholder_problems
from ruleset.lint.problem import Level, LintCode, LintProblem, LintResult
from ruleset.lint.quotes import quote_problems
from ruleset.lint.unreleased import released, unreleased_problems
from ruleset.lint.versions import manifest_problems, reused_id_problems, supersession_problems
from ruleset.rules.load import read_rule_set
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
    unreleased_problems,
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


def lint_directory(
    directory: str, base: RuleSet | None = None, *, since_release: bool = True
) -> LintResult:
    """Lint one rules directory; never raises for problems in it, only reports them.

    ``since_release`` (without ``base``) compares with the rules as the current version was set,
    when git can tell; a bump under way is then checked against them as against ``base``.
    """
    try:
        loaded = read_rule_set(directory)
    except InputError as error:  # not a rules directory at all
        return LintResult(
            directory, tuple(sorted(_errors(error, LintCode.LOAD), key=LintProblem.sort_key)), 0
        )
    problems = [LintProblem(LintCode.LOAD, problem) for problem in loaded.problems]
    sources, found = _sources(directory)
    problems.extend(found)
    unbuilt = loaded.rules_read - len(loaded.documents)
    rule_set = loaded.rule_set
    if rule_set is not None:
        complete = not loaded.problems
        release = released(directory) if base is None and complete and since_release else None
        if release is not None and release[1].version != rule_set.version:
            base, release = release[1], None  # a bump under way: is it enough?
        ctx = LintContext(
            directory,
            rule_set,
            loaded.documents,
            sources,
            base,
            ids_read=loaded.ids_read,
            complete=complete,
            release=release,
        )
        for check in CHECKS:
            problems.extend(check(ctx))
    problems.sort(key=LintProblem.sort_key)
    return LintResult(directory, tuple(problems), loaded.rules_read, unbuilt)
