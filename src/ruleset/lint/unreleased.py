"""Rule changes that no version tells: changed since the current version was set, not bumped.

A version names one content of the rules; its changelog entry says what that content changed.
Inside a git work tree, the rules as the current version was released are the rules at the last
commit that added or removed the manifest's top-level ``version:`` line (``git log -G``): the
commit that set the version. When the directory's rules (work tree, committed or not) differ from
them while the manifest still carries the same version, something changed that neither a bump
nor a changelog entry describes: ``unreleased-change``, naming the rules changed and the version
the changes need. When the manifest's version differs from that commit's (a bump under way), the
bump itself is checked against those rules as ``--base`` would be.

Outside a git work tree, with no commit yet, when git is not installed, or when the rules as
released no longer load (an older schema), nothing is said: there is nothing to compare with.
Git runs locally only (never fetching), with fixed arguments and ``--literal-pathspecs``; the
commit it names is verified before use (``diffing.resolve``). A shallow clone that lacks the
release commit compares with the oldest commit it holds.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ruleset.diffing.compare import compare_rule_sets
from ruleset.diffing.resolve import Release, last_release, resolved_rules
from ruleset.documents.read import load_document
from ruleset.errors import InputError
from ruleset.lint.context import LintContext
from ruleset.lint.problem import LintCode, LintProblem
from ruleset.rules.load import load_rule_set
from ruleset.rules.ruleset import MANIFEST, RuleSet
from ruleset.text import Text

SHOWN_CHANGES = 5


def released(directory: str) -> tuple[Release, RuleSet] | None:
    """The rules of ``directory`` as its current version was set, if git can tell."""
    release = last_release(directory, MANIFEST)
    if release is None:
        return None
    try:
        with resolved_rules(release.spec, cwd=release.top) as folder:
            return release, load_rule_set(folder)
    except InputError:
        return None  # not loadable any more (or gone from that commit): nothing to compare


def unreleased_problems(ctx: LintContext) -> Iterator[LintProblem]:
    """Rules that changed under the same version as the commit that set it."""
    if ctx.release is None or not ctx.complete:
        return
    release, before = ctx.release
    now = ctx.rule_set
    if before.version != now.version or before.digest == now.digest:
        return
    diff = compare_rule_sets(before, now)
    ids = [change.rule_id for change in diff.changes]
    shown = ", ".join(ids[:SHOWN_CHANGES])
    more = len(ids) - SHOWN_CHANGES
    commit = f"{release.commit[:12]}, {release.date}"
    what = Text(f"quy tắc {shown}", f"rules {shown}") if ids else Text("từ vựng", "vocabularies")
    if more > 0:
        what += Text(f" và {more} quy tắc khác", f" and {more} more")
    message = Text(
        "{what} đã đổi từ khi phiên bản {version} được đặt (commit {commit}) mà phiên bản không "
        "tăng: changelog không mô tả thay đổi này",
        "{what} changed since version {version} was set (commit {commit}) and the version was "
        "not bumped: the changelog does not describe the change",
    ).format(what=what, version=now.version, commit=commit)
    compare = f"ruleset diff git:{release.commit[:12]}:{release.path} {release.path}"
    hint = Text(
        "tăng phiên bản lên {suggested} và thêm một mục changelog cho nó ({compare} cho xem "
        "từng thay đổi, chạy từ thư mục gốc của kho)",
        "bump the version to {suggested} and add a changelog entry for it ({compare} shows "
        "each change, run from the repository's top folder)",
    ).format(suggested=diff.suggested_version(), compare=compare)
    document = load_document(os.path.join(ctx.directory, MANIFEST))
    yield LintProblem(LintCode.UNRELEASED_CHANGE, document.problem("/version", message, hint))
