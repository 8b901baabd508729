"""What the rule schema cannot say: known vocabulary, unique ids, examples, dates, conditions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
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


Found = list[tuple[str, Text, Text | None]]


def _sound(bad: list[str | None]) -> Callable[[str], bool]:
    """Whether the part of a rule at a pointer is well-formed: no schema problem at or under it.

    A problem with no pointer (the count of problems not shown) could be anywhere: nothing is sound.
    """
    if any(pointer is None for pointer in bad):
        return lambda _: False
    located = [pointer for pointer in bad if pointer is not None]
    return lambda here: not any(p == here or p.startswith(here + "/") for p in located)


def _words(data: Any, key: str) -> list[tuple[int, str]]:
    values = data.get(key) if isinstance(data, dict) else None
    if not isinstance(values, list):
        return []
    return [(index, value) for index, value in enumerate(values) if isinstance(value, str)]


def _sections(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    versions = data.get("versions")
    listed = versions if isinstance(versions, list) else []
    return [("", data)] + [
        (f"/versions/{i}", version) for i, version in enumerate(listed) if isinstance(version, dict)
    ]


def vocabulary_problems(
    document: Document,
    kinds: Vocabulary,
    provinces: Vocabulary,
    topics: Vocabulary,
    schema_found: Sequence[Problem] = (),
) -> list[Problem]:
    """Unknown agency kinds, provinces and topics, in the parts of a rule that are well-formed.

    Given the rule's schema problems, only the parts they leave sound are looked at, so a misspelt
    agency kind is reported together with a schema error elsewhere, not after it is fixed.
    """
    data = document.data
    if not isinstance(data, dict):
        return []
    sound = _sound([problem.pointer for problem in schema_found])
    found: Found = []
    applies = data.get("applies_to")
    for index, kind in _words(applies, "agency_kinds"):
        pointer = f"/applies_to/agency_kinds/{index}"
        if kind not in kinds.ids and sound(pointer):
            found.append(
                (
                    pointer,
                    Text(f"loại cơ quan không xác định '{kind}'", f"unknown agency kind '{kind}'"),
                    Text(
                        "thêm vào vocabulary/agency-kinds.yaml hoặc dùng một trong: ",
                        "add it to vocabulary/agency-kinds.yaml or use one of: ",
                    )
                    + ", ".join(kinds.ids),
                )
            )
    for index, province in _words(applies, "provinces"):
        pointer = f"/applies_to/provinces/{index}"
        if province not in provinces.ids and sound(pointer):
            found.append(
                (
                    pointer,
                    Text(f"tỉnh không xác định '{province}'", f"unknown province '{province}'"),
                    None,
                )
            )
    for base, section in _sections(data):
        checks = section.get("checks")
        for index, check in enumerate(checks if isinstance(checks, list) else []):
            here = f"{base}/checks/{index}"
            if not sound(here) or not isinstance(check, dict):
                continue  # a condition is walked only when the schema found it whole
            for topic, where in registry.topics(check["require"], f"{here}/require"):
                if topic not in topics.ids:
                    found.append(
                        (
                            where,
                            Text(f"chủ đề không xác định '{topic}'", f"unknown topic '{topic}'"),
                            did_you_mean(topic, topics.ids),
                        )
                    )
    return [document.problem(pointer, message, hint) for pointer, message, hint in found]


def rule_problems(
    document: Document, kinds: Vocabulary, provinces: Vocabulary, topics: Vocabulary
) -> list[Problem]:
    """Every problem of one rule file that is valid against the schema."""
    data = document.data
    found: Found = []
    for base, section in _sections(data):
        if "checks" in section:
            found += [
                (p, m, None) for p, m in _duplicate_checks(section["checks"], f"{base}/checks")
            ]
            for index, check in enumerate(section["checks"]):
                pointer = f"{base}/checks/{index}/require"
                found += [(p, m, None) for p, m in registry.problems(check["require"], pointer)]
        if "examples" in section and _needs_both(section["examples"]):
            found.append((f"{base}/examples", _BOTH_EXAMPLES, None))
    found += _time_problems(data)
    located = [document.problem(pointer, message, hint) for pointer, message, hint in found]
    return vocabulary_problems(document, kinds, provinces, topics) + located


def _time_problems(data: dict[str, Any]) -> Found:
    effective = data["effective"]
    dates = [("/effective/from", effective["from"]), ("/effective/until", effective.get("until"))]
    dates += [(f"/versions/{i}/from", v["from"]) for i, v in enumerate(data.get("versions", []))]
    found: Found = [
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
