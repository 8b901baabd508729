"""The diff as text, JSON or Markdown: the rule changes and the bump, then the impact."""

from __future__ import annotations

import json
from typing import Any

from ruleset.diffing.compare import RuleSetDiff
from ruleset.diffing.render_impact import Line, impact_dict, impact_lines
from ruleset.diffing.totals import Impact
from ruleset.text import Lang, Text

DIFF_FORMAT = "ruleset/rules-diff@2"  # 2: the impact gives scores and totals, not a list of rows


def diff_dict(diff: RuleSetDiff, impact: Impact | None) -> dict[str, Any]:
    return {
        "format": DIFF_FORMAT,
        "old": {"version": diff.old_version, "digest": diff.old_digest},
        "new": {"version": diff.new_version, "digest": diff.new_digest},
        "changes": [
            {
                "rule_id": c.rule_id,
                "classes": [cls.value for cls in c.classes],
                "details": [{"vi": d.vi, "en": d.en} for d in c.details],
            }
            for c in diff.changes
        ],
        "bump": {
            "needed": diff.needed_bump.value,
            "actual": diff.actual_bump.value,
            "enough": diff.bump_is_enough,
            "suggested_version": diff.suggested_version(),
        },
        "impact": None if impact is None else impact_dict(impact),
    }


def render_diff(
    diff: RuleSetDiff, impact: Impact | None, fmt: str, lang: Lang | None = None
) -> str:
    """The diff in a format; text and Markdown in ``lang`` (both languages when None)."""
    if fmt == "json":
        return json.dumps(diff_dict(diff, impact), ensure_ascii=False, indent=2) + "\n"
    md = fmt == "markdown"
    words: list[Text | str | Line] = [
        ("# " if md else "")
        + Text("Thay đổi quy tắc: {old} → {new}", "Rule changes: {old} → {new}").format(
            old=diff.old_version, new=diff.new_version
        ),
        "",
    ]
    if not diff.changes:
        words.append(Text("Không quy tắc nào thay đổi.", "No change to any rule."))
    for change in diff.changes:
        classes = Text(", ", ", ").join(c.label for c in change.classes)
        words.append(Line(f"- `{change.rule_id}`: " if md else f"{change.rule_id}: ", classes))
        words += [Line("  - " if md else "    ", detail) for detail in change.details]
    verdict = Text("đủ", "enough") if diff.bump_is_enough else Text("CHƯA ĐỦ", "NOT ENOUGH")
    words += [
        "",
        Text(
            "Phiên bản: cần tăng: {needed}; manifest đã tăng: {actual} ({verdict}); đề xuất: {suggested}",
            "Version: needs a {needed} bump; the manifest has a {actual} bump ({verdict}); suggested: {suggested}",
        ).format(
            needed=diff.needed_bump.label,
            actual=diff.actual_bump.label,
            verdict=verdict,
            suggested=diff.suggested_version(),
        ),
    ]
    if impact is not None:
        words += impact_lines(impact, md)
    return "\n".join(w if isinstance(w, str) else w.get(lang) for w in words) + "\n"
