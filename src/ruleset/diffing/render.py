"""The diff as text, JSON or Markdown."""

from __future__ import annotations

import json
from typing import Any

from ruleset.diffing.compare import RuleSetDiff
from ruleset.diffing.impact import StatusChange
from ruleset.text import Lang, Text


def diff_dict(diff: RuleSetDiff, changes: list[StatusChange] | None) -> dict[str, Any]:
    return {
        "format": "ruleset/rules-diff@1",
        "old": {"version": diff.old_version, "digest": diff.old_digest},
        "new": {"version": diff.new_version, "digest": diff.new_digest},
        "changes": [
            {
                "rule_id": c.rule_id,
                "classes": [cls.value for cls in c.classes],
                "details": list(c.details),
            }
            for c in diff.changes
        ],
        "bump": {
            "needed": diff.needed_bump.value,
            "actual": diff.actual_bump.value,
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


def render_diff(
    diff: RuleSetDiff, changes: list[StatusChange] | None, fmt: str, lang: Lang | None = None
) -> str:
    """The diff in a format; text and Markdown in ``lang`` (both languages when None)."""
    if fmt == "json":
        return json.dumps(diff_dict(diff, changes), ensure_ascii=False, indent=2) + "\n"
    md = fmt == "markdown"
    words: list[Text | str] = [
        ("# " if md else "")
        + Text("Thay đổi quy tắc: {old} → {new}", "Rule changes: {old} → {new}").format(
            old=diff.old_version, new=diff.new_version
        ),
        "",
    ]
    if not diff.changes:
        words.append(Text("Không quy tắc nào thay đổi.", "No change to any rule."))
    for change in diff.changes:
        classes = ", ".join(c.value for c in change.classes)
        words.append(f"- `{change.rule_id}`: {classes}" if md else f"{change.rule_id}: {classes}")
        words += [f"{'  - ' if md else '    '}{detail}" for detail in change.details]
    verdict = Text("đủ", "enough") if diff.bump_is_enough else Text("CHƯA ĐỦ", "NOT ENOUGH")
    words += [
        "",
        Text(
            "Phiên bản: cần tăng mức {needed}; manifest tăng mức {actual} ({verdict}); đề xuất: {suggested}",
            "Version: needs a {needed} bump; the manifest has a {actual} bump ({verdict}); suggested: {suggested}",
        ).format(
            needed=diff.needed_bump.value,
            actual=diff.actual_bump.value,
            verdict=verdict,
            suggested=diff.suggested_version(),
        ),
    ]
    if changes is not None:
        submissions = len({c.file for c in changes})
        words += [
            "",
            ("## " if md else "")
            + Text("Ảnh hưởng tới {n} bản tự đánh giá:", "Impact on {n} submission(s):").format(
                n=submissions
            ),
            "",
        ]
        if not changes:
            words.append(Text("Không kết quả nào thay đổi.", "No status changes."))
        if md and changes:
            words += ["| file | agency | obligation | old | new |", "|---|---|---|---|---|"]
        for s in changes:
            words.append(
                f"| {s.file} | {s.agency} | {s.rule_id} | {s.old} | {s.new} |"
                if md
                else f"{s.file} [{s.agency}] {s.rule_id}: {s.old} → {s.new}"
            )
    return "\n".join(w if isinstance(w, str) else w.get(lang) for w in words) + "\n"
