"""Read a self-assessment, validate it, and resolve what the engine needs from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruleset.documents.calendar import DATE_HINT, in_range, out_of_range
from ruleset.documents.docrefs import ReferenceNote, canonicalise_references
from ruleset.documents.document import Document, escape_token, join_pointer
from ruleset.documents.findings import Finding, located, suggest
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import load_document, parse_bytes
from ruleset.documents.schema import schema_problems
from ruleset.documents.textio import excerpt
from ruleset.errors import InputError, Problem
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Suggester, Text

SCHEMA = "submission.schema.json"
NATIONAL = "national"
RECORD_KEYS = ("activities", "documents")
_RECORD_WORDS = {
    "activities": Text("hoạt động", "activities"),
    "documents": Text("văn bản", "documents"),
}


@dataclass(frozen=True)
class Submission:
    """A validated self-assessment with its agency kind and province resolved to vocabulary ids."""

    document: Document
    agency_kind: str
    province: str
    references: dict[str, dict[str, tuple[Any, str]]] = field(repr=False)
    reference_notes: tuple[ReferenceNote, ...] = ()

    @property
    def data(self) -> Any:
        return self.document.data

    @property
    def path(self) -> str:
        return self.document.path

    @property
    def period(self) -> tuple[str, str]:
        period = self.data["period"]
        return period["start"], period["end"]


def _index_records(data: Any, key: str, findings: list[Finding]) -> dict[str, tuple[Any, str]]:
    index: dict[str, tuple[Any, str]] = {}
    for position, record in enumerate(data.get(key, [])):
        record_id = record.get("id")
        if record_id is None:
            continue
        pointer = f"/{key}/{position}"
        if record_id in index:
            shown = excerpt(record_id)
            message = Text(
                f"id '{shown}' trùng lặp trong {_RECORD_WORDS[key].vi}",
                f"duplicate id '{shown}' in {key}",
            )
            findings.append(Finding(pointer + "/id", message))
        index[record_id] = (record, pointer)
    return index


def _check_references(
    data: Any, references: dict[str, dict[str, tuple[Any, str]]], findings: list[Finding]
) -> None:
    suggesters: dict[str, Suggester] = {}  # built for the first dangling reference only
    for rule_id, entry in data["obligations"].items():
        evidence = entry.get("evidence", {})
        for key in RECORD_KEYS:
            for position, item in enumerate(evidence.get(key, [])):
                if isinstance(item, str) and item not in references[key]:
                    pointer = f"/obligations/{escape_token(rule_id)}/evidence/{key}/{position}"
                    shown = excerpt(item)
                    message = Text(
                        f"không có mục {_RECORD_WORDS[key].vi} nào có id '{shown}'",
                        f"no {key} entry has id '{shown}'",
                    )
                    otherwise = Text(
                        f"thêm mục đó vào '{key}:' với id này",
                        f"add it under '{key}:' with that id",
                    )
                    if key not in suggesters:
                        suggesters[key] = Suggester(references[key])
                    findings.append(
                        Finding(pointer, message, suggest(item, suggesters[key], otherwise))
                    )


def _period_findings(period: dict[str, str], findings: list[Finding]) -> None:
    for name in ("start", "end"):
        if not in_range(period[name]):
            findings.append(Finding(f"/period/{name}", out_of_range(period[name]), DATE_HINT))
    if period["start"] > period["end"]:
        message = Text("kỳ báo cáo kết thúc trước khi bắt đầu", "the period ends before it starts")
        findings.append(Finding("/period/end", message))


Tokens = tuple[str | int, ...]


def _topic_slots(data: dict[str, Any]) -> list[tuple[list[Any], Tokens]]:
    """(topics list, its record's pointer tokens) of every activity, document and case that has
    one; the pointer is joined only for a finding."""
    found: list[tuple[list[Any], Tokens]] = []

    def add(items: list[Any], *tokens: str) -> None:
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get("topics"), list):
                found.append((item["topics"], (*tokens, index)))

    for key in RECORD_KEYS:
        add(data.get(key, []), key)
    for rule_id, entry in data["obligations"].items():
        evidence = entry.get("evidence", {})
        for key in RECORD_KEYS:
            add(evidence.get(key, []), "obligations", rule_id, "evidence", key)
        add(entry.get("cases", []), "obligations", rule_id, "cases")
    return found


def _resolve_topics(data: dict[str, Any], rule_set: RuleSet, findings: list[Finding]) -> None:
    """Topic names and aliases become topic ids, in place; an unknown topic is a finding."""
    vocabulary = rule_set.topics.vocabulary
    known: Suggester | None = None  # built for the first unknown topic only
    for topics, tokens in _topic_slots(data):
        for index, written in enumerate(topics):
            found = vocabulary.resolve(written)
            if found is not None:
                topics[index] = found
                continue
            shown = excerpt(written)
            message = Text(f"chủ đề không xác định '{shown}'", f"unknown topic '{shown}'")
            otherwise = Text("xem `ruleset rules topics`", "see `ruleset rules topics`")
            known = known or Suggester(vocabulary.ids)
            pointer = join_pointer((*tokens, "topics", index))
            findings.append(Finding(pointer, message, suggest(written, known, otherwise)))


def _agency_findings(
    agency: dict[str, Any], rule_set: RuleSet, findings: list[Finding]
) -> tuple[str | None, str | None]:
    kind = rule_set.agency_kinds.resolve(agency["kind"])
    if kind is None:
        shown = excerpt(agency["kind"])
        message = Text(f"loại cơ quan không xác định '{shown}'", f"unknown agency kind '{shown}'")
        otherwise = Text(
            "xem danh sách bằng `ruleset rules kinds`", "see `ruleset rules kinds` for the list"
        )
        hint = suggest(agency["kind"], Suggester(rule_set.agency_kinds.ids), otherwise)
        findings.append(Finding("/agency/kind", message, hint))
    province = (
        NATIONAL
        if agency["province"].strip().lower() == NATIONAL
        else rule_set.provinces.resolve(agency["province"])
    )
    if province is None:
        shown = excerpt(agency["province"])
        message = Text(f"tỉnh không xác định '{shown}'", f"unknown province '{shown}'")
        known = ", ".join(rule_set.provinces.ids) + ", national"
        findings.append(Finding("/agency/province", message, Text("đã biết: ", "known: ") + known))
    return kind, province


def validate_submission(document: Document, rule_set: RuleSet) -> Submission:
    """Schema, vocabulary, known rule ids and references; the problems at once (the first
    :data:`~ruleset.documents.findings.MAX_PROBLEMS` located, the rest counted)."""
    problems = schema_problems(document, SCHEMA)
    if not isinstance(document.data, dict):
        top = Text("cần một ánh xạ ở cấp cao nhất", "expected a mapping at the top level")
        raise InputError(problems or [Problem(document.path, top)])
    if problems:
        raise InputError(problems)
    data = document.data
    findings: list[Finding] = []
    kind, province = _agency_findings(data["agency"], rule_set, findings)
    _period_findings(data["period"], findings)
    rule_ids: Suggester | None = None  # built for the first unknown rule id only
    for rule_id in data["obligations"]:
        if rule_set.rule(rule_id) is None:
            shown = excerpt(rule_id)
            message = Text(f"không có quy tắc '{shown}'", f"no rule has id '{shown}'")
            otherwise = Text("xem `ruleset rules list`", "see `ruleset rules list`")
            rule_ids = rule_ids or Suggester(rule.id for rule in rule_set.rules)
            pointer = f"/obligations/{escape_token(rule_id)}"
            findings.append(Finding(pointer, message, suggest(rule_id, rule_ids, otherwise), True))
    notes = canonicalise_references(data)
    _resolve_topics(data, rule_set, findings)
    references = {key: _index_records(data, key, findings) for key in RECORD_KEYS}
    _check_references(data, references, findings)
    if findings:
        raise InputError(located(document, findings))
    assert kind is not None and province is not None
    return Submission(
        document=document,
        agency_kind=kind,
        province=province,
        references=references,
        reference_notes=notes,
    )


def load_submission(path: str, rule_set: RuleSet, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """Read, parse and validate a submission file."""
    return validate_submission(load_document(path, limits), rule_set)


def parse_submission(
    data: bytes, path: str, rule_set: RuleSet, limits: Limits = DEFAULT_LIMITS
) -> Submission:
    """The same from bytes already in memory (archives, tests)."""
    return validate_submission(parse_bytes(data, path, limits), rule_set)
