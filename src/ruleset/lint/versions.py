"""Lint checks about time and versions: supersession chains, the manifest's version and
changelog, and (against a base rule set) ids reused for another obligation and version bumps."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ruleset.diffing.compare import Bump, compare_rule_sets
from ruleset.documents.read import load_document
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.rules.ruleset import MANIFEST
from ruleset.text import Text


def _at(ctx: LintContext, rule_id: str, pointer: str, message: Text, code: LintCode) -> LintProblem:
    return LintProblem(code, ctx.documents[rule_id].problem(pointer, message))


def supersession_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """A replaced rule must end the day its successor starts: no gap, no overlap."""
    rules = ctx.rule_set
    for rule in rules.rules:
        if rule.superseded_by:
            successor = rules.rule(rule.superseded_by)
            if successor is not None and successor.effective_from != rule.effective_until:
                gap = successor.effective_from > (rule.effective_until or "")
                yield _at(
                    ctx,
                    rule.id,
                    "/superseded_by",
                    Text(
                        f"{'khoảng trống' if gap else 'chồng lấn'}: {rule.id} kết thúc {rule.effective_until} "
                        f"nhưng {successor.id} bắt đầu {successor.effective_from}",
                        f"{'gap' if gap else 'overlap'}: {rule.id} ends {rule.effective_until} "
                        f"but {successor.id} starts {successor.effective_from}",
                    ),
                    LintCode.SUPERSESSION_GAP if gap else LintCode.SUPERSESSION_OVERLAP,
                )
            if successor is not None and rule.id not in successor.supersedes:
                yield _at(
                    ctx,
                    rule.id,
                    "/superseded_by",
                    Text(
                        f"{successor.id} không liệt kê {rule.id} trong supersedes",
                        f"{successor.id} does not list {rule.id} in supersedes",
                    ),
                    LintCode.SUPERSESSION_LINK,
                )
        for old_id in rule.supersedes:
            old = rules.rule(old_id)
            if old_id in ctx.ids_read and old is None:
                continue  # read but not built: its own load problems say why
            if old is None and (ctx.base is None or ctx.base.rule(old_id) is None):
                yield _at(
                    ctx,
                    rule.id,
                    "/supersedes",
                    Text(
                        f"supersedes '{old_id}' nhưng không bộ quy tắc nào ở đây có quy tắc đó",
                        f"supersedes '{old_id}', which no rule set here has",
                    ),
                    LintCode.SUPERSEDES_NOWHERE,
                )
            elif old is not None and old.superseded_by != rule.id:
                yield _at(
                    ctx,
                    rule.id,
                    "/supersedes",
                    Text(
                        f"{old_id} không ghi {rule.id} trong superseded_by",
                        f"{old_id} does not name {rule.id} in superseded_by",
                    ),
                    LintCode.SUPERSESSION_LINK,
                )


def manifest_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """The changelog's latest entry is the manifest's version; against a base, the bump suffices."""
    path = os.path.join(ctx.directory, MANIFEST)
    document = load_document(path)
    manifest = document.data
    changelog = manifest.get("changelog") or []
    versions = [entry.get("version") for entry in changelog]
    if manifest["version"] not in versions:
        message = Text(
            f"changelog không có mục cho phiên bản {manifest['version']}",
            f"no changelog entry for version {manifest['version']}",
        )
        yield LintProblem(LintCode.CHANGELOG, document.problem("/version", message))
    if ctx.base is None or not ctx.complete:
        return  # a partial rule set would count its unbuilt rules as removed
    diff = compare_rule_sets(ctx.base, ctx.rule_set)
    suggested = diff.suggested_version()
    if ctx.base.digest != ctx.rule_set.digest and diff.actual_bump is Bump.NONE:
        message = Text(
            f"quy tắc đã đổi so với bản gốc ({ctx.base.version}) nhưng phiên bản chưa tăng; đề xuất {suggested}",
            f"rules changed since the base ({ctx.base.version}) but the version was not bumped; suggested {suggested}",
        )
        yield LintProblem(LintCode.VERSION_NOT_BUMPED, document.problem("/version", message))
    elif not diff.bump_is_enough:
        needed, actual = diff.needed_bump.value, diff.actual_bump.value
        message = Text(
            f"các thay đổi cần tăng mức {needed} từ {ctx.base.version}, manifest tăng mức {actual}; đề xuất {suggested}",
            f"the changes need a {needed} bump from {ctx.base.version}, the manifest has a {actual} bump; suggested {suggested}",
        )
        yield LintProblem(LintCode.VERSION_BUMP_TOO_SMALL, document.problem("/version", message))


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
                Text(
                    f"id '{rule.id}' trong bản gốc là nhiệm vụ của {old.citation.document}, nay của "
                    f"{rule.citation.document}; nhiệm vụ mới cần id mới",
                    f"id '{rule.id}' named an obligation of {old.citation.document} in the base, now one "
                    f"of {rule.citation.document}; a new obligation needs a new id",
                ),
                LintCode.REUSED_ID,
            )
