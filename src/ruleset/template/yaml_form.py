"""A blank self-assessment holding every obligation that binds an agency in a period.

What it writes is always a valid submission: every entry says ``not_done`` until the agency
fills it in, so ``ruleset check`` on an untouched template reports gaps, never a format error.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from ruleset.checks.registry import explain
from ruleset.judging.timeline import NoLongerBinding, select
from ruleset.model import Rule
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Lang

UNFILLED = "Chưa điền / not filled in yet"
STATUS_HELP = "done | in_progress | not_done | not_applicable (kèm lý do / with a reason)"


@dataclass(frozen=True)
class Template:
    """A blank submission, the rules it holds (in id order), and those that no longer bind."""

    data: dict[str, Any]
    rules: tuple[Rule, ...]
    ended: tuple[NoLongerBinding, ...]
    topics: tuple[str, ...] = ()  # the topic ids evidence may name


def template_data(rule_set: RuleSet, kind: str, province: str, start: str, end: str) -> Template:
    """The blank submission for an agency kind, province and period.

    What binds is what ``check`` will judge: the same :func:`~ruleset.judging.timeline.select`.
    """
    selection = select(rule_set, kind, province, start, end)
    rules = tuple(item.rule for item in selection.judged)
    data: dict[str, Any] = {
        "schema_version": 1,
        "ruleset_version": rule_set.version,
        "agency": {
            "id": "ma-co-quan",
            "name": "Tên cơ quan / agency name",
            "kind": kind,
            "province": province,
        },
        "period": {"start": start, "end": end},
        "submitted": end,
        "prepared_by": {"name": "", "position": "", "contact": ""},
        "activities": [],
        "documents": [],
        "figures": {},
        "obligations": {rule.id: {"status": "not_done", "reason": UNFILLED} for rule in rules},
    }
    return Template(data, rules, selection.no_longer_binding, rule_set.topics.ids)


def render_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly this value (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str, indent: str, width: int = 96) -> list[str]:
    return [
        f"{indent}# {line}"
        for line in textwrap.wrap(text, width - len(indent) - 2, break_on_hyphens=False) or [""]
    ]


def render_yaml(template: Template, lang: Lang = Lang.VI) -> str:
    """The template as commented YAML; what each check requires is said in ``lang``."""
    data, rules = template.data, template.rules
    agency, period = data["agency"], data["period"]
    lines = [
        "# Báo cáo tự đánh giá (mẫu do `ruleset template` tạo) / self-assessment template.",
        f"# Bộ quy tắc / rule set {data['ruleset_version']}: {len(rules)} nhiệm vụ áp dụng / obligations apply.",
        "# Điền từng mục: status, summary, evidence (activities, documents), figures, cases;",
        "# rồi chạy / then run: ruleset check <this file>",
        "schema_version: 1",
        f"ruleset_version: {_scalar(data['ruleset_version'])}",
        "agency:",
        f"  id: {_scalar(agency['id'])}  # mã cơ quan / a stable id",
        f"  name: {_scalar(agency['name'])}",
        f"  kind: {_scalar(agency['kind'])}",
        f"  province: {_scalar(agency['province'])}",
        "period:",
        f"  start: {period['start']}",
        f"  end: {period['end']}",
        f"submitted: {data['submitted']}  # ngày ký báo cáo / date signed",
        'prepared_by: {name: "", position: "", contact: ""}',
        "# Hoạt động dùng chung, dẫn chiếu bằng id / agency-wide activities, referred to by id:",
        "#   - {id: qt-1, kind: briefing, date: YYYY-MM-DD, title: ..., topics: [...], cites: [286-CV/TU]}",
        *_comment("Chủ đề / topics: " + ", ".join(template.topics), ""),
        "activities: []",
        "# Văn bản / documents: - {id: qc-1, number: 12/QĐ-..., date: YYYY-MM-DD, kind: regulation, title: ...}",
        "documents: []",
        "figures: {}",
        "obligations:",
    ]
    for rule in rules:
        c = rule.citation
        lines.append("")
        lines += _comment(
            f"{rule.id} — {rule.title.vi} / {rule.title.en} (mức độ / severity: {rule.severity.value})",
            "  ",
        )
        lines += _comment(
            f"Căn cứ: {c.kind} {c.document} ({c.issuer}, {c.date}), {c.clause}:", "  "
        )
        lines += _comment(f"“{' '.join(c.quote.split())}”", "  ")
        for check in rule.checks:
            lines += _comment(f"Cần / requires: {explain(check.spec).get(lang)}", "  ")
        lines.append(f"  {_scalar(rule.id)}:")
        lines.append(f"    status: not_done  # {STATUS_HELP}")
        lines.append(f"    reason: {_scalar(UNFILLED)}")
    if not rules:
        lines[-1] = "obligations: {}  # không có nhiệm vụ nào áp dụng / no obligation applies"
    if template.ended:
        lines += ["", "# Không còn ràng buộc / no longer binding:"]
        for item in template.ended:
            lines += _comment(f"{item.rule.id}: {item.reason.get(lang)}", "#   ")
    return "\n".join(lines) + "\n"
