"""Lint checks about time and versions: supersession chains, the manifest's version and
changelog, and (against a base rule set) ids reused for another obligation and version bumps."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ruleset.diffing.compare import compare_rule_sets
from ruleset.documents.read import load_document
from ruleset.errors import Problem
from ruleset.lint.context import LintContext
from ruleset.lint.problem import ERROR, WARNING, LintProblem
from ruleset.rules.ruleset import MANIFEST


def _at(
    ctx: LintContext, rule_id: str, pointer: str, message: str, severity: str, code: str
) -> LintProblem:
    document = ctx.documents[rule_id]
    line, column = document.locate(pointer) or (None, None)
    return LintProblem(severity, code, Problem(document.path, message, line, column, pointer))


def supersession_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """A replaced rule must end the day its successor starts: no gap, no overlap."""
    rules = ctx.rule_set
    for rule in rules.rules:
        if rule.superseded_by:
            successor = rules.rule(rule.superseded_by)
            if successor is not None and successor.effective_from != rule.effective_until:
                kind = (
                    "gap" if successor.effective_from > (rule.effective_until or "") else "overlap"
                )
                yield _at(
                    ctx,
                    rule.id,
                    "/superseded_by",
                    f"{kind}: {rule.id} ends {rule.effective_until} but {successor.id} starts {successor.effective_from}",
                    WARNING,
                    "supersession-" + kind,
                )
            if successor is not None and rule.id not in successor.supersedes:
                yield _at(
                    ctx,
                    rule.id,
                    "/superseded_by",
                    f"{successor.id} does not list {rule.id} in supersedes",
                    WARNING,
                    "supersession-link",
                )
        for old_id in rule.supersedes:
            old = rules.rule(old_id)
            if old is None and (ctx.base is None or ctx.base.rule(old_id) is None):
                yield _at(
                    ctx,
                    rule.id,
                    "/supersedes",
                    f"supersedes '{old_id}', which no rule set here has",
                    ERROR,
                    "supersedes-nowhere",
                )
            elif old is not None and old.superseded_by != rule.id:
                yield _at(
                    ctx,
                    rule.id,
                    "/supersedes",
                    f"{old_id} does not name {rule.id} in superseded_by",
                    WARNING,
                    "supersession-link",
                )


def manifest_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """The changelog's latest entry is the manifest's version; against a base, the bump suffices."""
    path = os.path.join(ctx.directory, MANIFEST)
    document = load_document(path)
    manifest = document.data
    changelog = manifest.get("changelog") or []
    versions = [entry.get("version") for entry in changelog]
    if manifest["version"] not in versions:
        line, column = document.locate("/version") or (None, None)
        yield LintProblem(
            ERROR,
            "changelog",
            Problem(
                path,
                f"no changelog entry for version {manifest['version']}",
                line,
                column,
                "/version",
            ),
        )
    if ctx.base is None:
        return
    diff = compare_rule_sets(ctx.base, ctx.rule_set)
    line, column = document.locate("/version") or (None, None)
    if ctx.base.digest != ctx.rule_set.digest and diff.actual_bump == "none":
        yield LintProblem(
            ERROR,
            "version-not-bumped",
            Problem(
                path,
                f"rules changed since the base ({ctx.base.version}) but the version was not bumped; suggested {diff.suggested_version()}",
                line,
                column,
                "/version",
            ),
        )
    elif not diff.bump_is_enough:
        yield LintProblem(
            ERROR,
            "version-bump-too-small",
            Problem(
                path,
                f"the changes need a {diff.needed_bump} bump from {ctx.base.version}, the manifest has a {diff.actual_bump} bump; suggested {diff.suggested_version()}",
                line,
                column,
                "/version",
            ),
        )


def reused_id_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """An id must keep naming an obligation of the same document as in the base."""
    if ctx.base is None:
        return
    for rule in ctx.rule_set.rules:
        old = ctx.base.rule(rule.id)
        if old is None:
            continue
        if old.citation.document != rule.citation.document:
            yield _at(
                ctx,
                rule.id,
                "/id",
                f"id '{rule.id}' named an obligation of {old.citation.document} in the base, now one "
                f"of {rule.citation.document}; a new obligation needs a new id",
                ERROR,
                "reused-id",
            )
