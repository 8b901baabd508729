"""What the rule schema cannot say: known vocabulary, unique ids, examples, dates, conditions."""

from __future__ import annotations

from typing import Any

from ruleset.checks import registry
from ruleset.documents.calendar import DATE_HINT, in_range, out_of_range
from ruleset.documents.document import Document
from ruleset.errors import Problem
from ruleset.rules.vocabulary import Vocabulary
from ruleset.text import Text, did_you_mean

_BOTH_EXAMPLES = Text(
    "quy tắc cần ít nhất một ví dụ 'met' và một ví dụ không đạt",
    "a rule needs at least one 'met' example and one that is not met",
)


def _duplicate_checks(checks: list[dict[str, Any]], base: str) -> list[tuple[str, Text]]:
    found = []
    seen: set[str] = set()
    for index, check in enumerate(checks):
        if check["id"] in seen:
            found.append(
                (
                    f"{base}/{index}/id",
                    Text("mã kiểm tra trùng lặp '{id}'", "duplicate check id '{id}'").format(
                        id=check["id"]
                    ),
                )
            )
        seen.add(check["id"])
    return found


def _needs_both(examples: list[dict[str, Any]]) -> bool:
    expects = {example["expect"] for example in examples}
    return "met" not in expects or expects == {"met"}


def rule_problems(
    document: Document, kinds: Vocabulary, provinces: Vocabulary, topics: Vocabulary
) -> list[Problem]:
    """Every problem of one rule file that is valid against the schema."""
    data = document.data
    found: list[tuple[str, Text, Text | None]] = []
    for index, kind in enumerate(data["applies_to"]["agency_kinds"]):
        if kind not in kinds.ids:
            found.append(
                (
                    f"/applies_to/agency_kinds/{index}",
                    Text(f"loại cơ quan không xác định '{kind}'", f"unknown agency kind '{kind}'"),
                    Text(
                        "thêm vào vocabulary/agency-kinds.yaml hoặc dùng một trong: ",
                        "add it to vocabulary/agency-kinds.yaml or use one of: ",
                    )
                    + ", ".join(kinds.ids),
                )
            )
    for index, province in enumerate(data["applies_to"].get("provinces", [])):
        if province not in provinces.ids:
            found.append(
                (
                    f"/applies_to/provinces/{index}",
                    Text(f"tỉnh không xác định '{province}'", f"unknown province '{province}'"),
                    None,
                )
            )
    sections = [("", data)] + [
        (f"/versions/{i}", version) for i, version in enumerate(data.get("versions", []))
    ]
    for base, section in sections:
        if "checks" in section:
            found += [
                (p, m, None) for p, m in _duplicate_checks(section["checks"], f"{base}/checks")
            ]
            for index, check in enumerate(section["checks"]):
                pointer = f"{base}/checks/{index}/require"
                found += [(p, m, None) for p, m in registry.problems(check["require"], pointer)]
                for topic, where in registry.topics(check["require"], pointer):
                    if topic not in topics.ids:
                        found.append(
                            (
                                where,
                                Text(
                                    f"chủ đề không xác định '{topic}'", f"unknown topic '{topic}'"
                                ),
                                did_you_mean(topic, topics.ids),
                            )
                        )
        if "examples" in section and _needs_both(section["examples"]):
            found.append((f"{base}/examples", _BOTH_EXAMPLES, None))
    found += _time_problems(data)
    return [document.problem(pointer, message, hint) for pointer, message, hint in found]


def _time_problems(data: dict[str, Any]) -> list[tuple[str, Text, Text | None]]:
    effective = data["effective"]
    dates = [("/effective/from", effective["from"]), ("/effective/until", effective.get("until"))]
    dates += [(f"/versions/{i}/from", v["from"]) for i, v in enumerate(data.get("versions", []))]
    found: list[tuple[str, Text, Text | None]] = [
        (pointer, out_of_range(day), DATE_HINT)
        for pointer, day in dates
        if day and not in_range(day)
    ]
    until = effective.get("until")
    if until is not None and until <= effective["from"]:
        found.append(
            (
                "/effective/until",
                Text("'until' phải sau 'from'", "'until' must be after 'from'"),
                None,
            )
        )
    previous = effective["from"]
    for index, version in enumerate(data.get("versions", [])):
        if version["from"] <= previous:
            found.append(
                (
                    f"/versions/{index}/from",
                    Text(
                        f"ngày của các phiên bản phải tăng dần và sau effective.from: {version['from']} "
                        f"không sau {previous}",
                        f"version dates must increase and follow effective.from: {version['from']} is "
                        f"not after {previous}",
                    ),
                    Text(
                        "các phiên bản chồng lên nhau: cho mỗi phiên bản một 'from' muộn hơn phiên bản trước",
                        "versions overlap: give each version a later 'from' than the one before",
                    ),
                )
            )
        elif until is not None and version["from"] >= until:
            found.append(
                (
                    f"/versions/{index}/from",
                    Text(
                        f"phiên bản bắt đầu từ hoặc sau effective.until ({until})",
                        f"version starts on or after effective.until ({until})",
                    ),
                    None,
                )
            )
        previous = version["from"]
    if data.get("superseded_by") and until is None:
        found.append(
            (
                "/superseded_by",
                Text(
                    "quy tắc bị thay thế cần effective.until: ngày quy tắc kế tiếp có hiệu lực",
                    "a superseded rule needs effective.until: the day its successor takes over",
                ),
                None,
            )
        )
    return found
