"""The diff as text, JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from ruleset.diffing.compare import RuleSetDiff
from ruleset.diffing.impact import StatusChange


def diff_dict(diff: RuleSetDiff, changes: list[StatusChange] | None) -> dict[str, Any]:
    return {
        "format": "ruleset/rules-diff@1",
        "old": {"version": diff.old_version, "digest": diff.old_digest},
        "new": {"version": diff.new_version, "digest": diff.new_digest},
        "changes": [
            {"rule_id": c.rule_id, "classes": list(c.classes), "details": list(c.details)}
            for c in diff.changes
        ],
        "bump": {
            "needed": diff.needed_bump,
            "actual": diff.actual_bump,
            "enough": diff.bump_is_enough,
            "suggested_version": diff.suggested_version(),
        },
        "impact": None
        if changes is None
        else [
            {"file": s.file, "agency": s.agency, "rule_id": s.rule_id, "old": s.old, "new": s.new}
            for s in changes
        ],
    }


def render_diff(diff: RuleSetDiff, changes: list[StatusChange] | None, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff_dict(diff, changes), ensure_ascii=False, indent=2) + "\n"
    md = fmt == "markdown"
    out = [
        f"{'# ' if md else ''}Thay đổi quy tắc / rule changes: {diff.old_version} → {diff.new_version}",
        "",
    ]
    if not diff.changes:
        out.append("Không có thay đổi / no change to any rule.")
    for change in diff.changes:
        head = f"{'- ' if md else ''}{'`' if md else ''}{change.rule_id}{'`' if md else ''}: {', '.join(change.classes)}"
        out.append(head)
        out += [f"{'  - ' if md else '    '}{detail}" for detail in change.details]
    verdict = "đủ / enough" if diff.bump_is_enough else "CHƯA ĐỦ / NOT ENOUGH"
    out += [
        "",
        f"Phiên bản / version: needs a {diff.needed_bump} bump; manifest has a {diff.actual_bump} bump "
        f"({verdict}); suggested: {diff.suggested_version()}",
    ]
    if changes is not None:
        out += [
            "",
            f"{'## ' if md else ''}Ảnh hưởng / impact on {len({c.file for c in changes})} submission(s):",
            "",
        ]
        if not changes:
            out.append("Không kết quả nào thay đổi / no status changes.")
        if md and changes:
            out += ["| file | agency | obligation | old | new |", "|---|---|---|---|---|"]
        for s in changes:
            out.append(
                f"| {s.file} | {s.agency} | {s.rule_id} | {s.old} | {s.new} |"
                if md
                else f"{s.file} [{s.agency}] {s.rule_id}: {s.old} → {s.new}"
            )
    return "\n".join(out) + "\n"
