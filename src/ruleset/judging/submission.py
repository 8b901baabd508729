"""Read a self-assessment, validate it, and resolve what the engine needs from it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ruleset.documents.docrefs import ReferenceNote, canonicalise_references
from ruleset.documents.document import Document, escape_token
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import load_document, parse_bytes
from ruleset.documents.schema import schema_problems
from ruleset.errors import InputError, Problem
from ruleset.rules.ruleset import RuleSet
from ruleset.text import Text, did_you_mean

SCHEMA = "submission.schema.json"
NATIONAL = "national"


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


_RECORD_WORDS = {
    "activities": Text("hoạt động", "activities"),
    "documents": Text("văn bản", "documents"),
}


def _index_records(
    document: Document, key: str, problems: list[Problem]
) -> dict[str, tuple[Any, str]]:
    index: dict[str, tuple[Any, str]] = {}
    for position, record in enumerate(document.data.get(key, [])):
        record_id = record.get("id")
        if record_id is None:
            continue
        pointer = f"/{key}/{position}"
        if record_id in index:
            problems.append(
                document.problem(
                    pointer + "/id",
                    Text(
                        f"id '{record_id}' trùng lặp trong {_RECORD_WORDS[key].vi}",
                        f"duplicate id '{record_id}' in {key}",
                    ),
                )
            )
        index[record_id] = (record, pointer)
    return index


def _check_references(
    document: Document, references: dict[str, dict[str, tuple[Any, str]]], problems: list[Problem]
) -> None:
    for rule_id, entry in document.data["obligations"].items():
        evidence = entry.get("evidence", {})
        for key in ("activities", "documents"):
            for position, item in enumerate(evidence.get(key, [])):
                if isinstance(item, str) and item not in references[key]:
                    pointer = f"/obligations/{escape_token(rule_id)}/evidence/{key}/{position}"
                    problems.append(
                        document.problem(
                            pointer,
                            Text(
                                f"không có mục {_RECORD_WORDS[key].vi} nào có id '{item}'",
                                f"no {key} entry has id '{item}'",
                            ),
                            did_you_mean(
                                item,
                                references[key],
                                Text(
                                    f"thêm mục đó vào '{key}:' với id này",
                                    f"add it under '{key}:' with that id",
                                ),
                            ),
                        )
                    )


def _topic_slots(data: dict[str, Any]) -> Iterator[tuple[list[Any], str]]:
    """(topics list, its pointer) of every activity, document and case that has one."""

    def slot(item: Any, pointer: str) -> Iterator[tuple[list[Any], str]]:
        if isinstance(item, dict) and isinstance(item.get("topics"), list):
            yield item["topics"], pointer + "/topics"

    for key in ("activities", "documents"):
        for index, item in enumerate(data.get(key, [])):
            yield from slot(item, f"/{key}/{index}")
    for rule_id, entry in data["obligations"].items():
        base = f"/obligations/{escape_token(rule_id)}"
        for key in ("activities", "documents"):
            for index, item in enumerate(entry.get("evidence", {}).get(key, [])):
                yield from slot(item, f"{base}/evidence/{key}/{index}")
        for index, item in enumerate(entry.get("cases", [])):
            yield from slot(item, f"{base}/cases/{index}")


def _resolve_topics(document: Document, rule_set: RuleSet, problems: list[Problem]) -> None:
    """Topic names and aliases become topic ids, in place; an unknown topic is a problem."""
    vocabulary = rule_set.topics.vocabulary
    for topics, pointer in _topic_slots(document.data):
        for index, written in enumerate(topics):
            found = vocabulary.resolve(written)
            if found is not None:
                topics[index] = found
                continue
            problems.append(
                document.problem(
                    f"{pointer}/{index}",
                    Text(f"chủ đề không xác định '{written}'", f"unknown topic '{written}'"),
                    did_you_mean(
                        written,
                        vocabulary.ids,
                        Text("xem `ruleset rules topics`", "see `ruleset rules topics`"),
                    ),
                )
            )


def validate_submission(document: Document, rule_set: RuleSet) -> Submission:
    """Schema, vocabulary, known rule ids and references; all problems at once."""
    problems = schema_problems(document, SCHEMA)
    if not isinstance(document.data, dict):
        raise InputError(
            problems
            or [
                Problem(
                    document.path,
                    Text("cần một ánh xạ ở cấp cao nhất", "expected a mapping at the top level"),
                )
            ]
        )
    if problems:
        raise InputError(problems)
    data = document.data
    agency = data["agency"]
    kind = rule_set.agency_kinds.resolve(agency["kind"])
    if kind is None:
        problems.append(
            document.problem(
                "/agency/kind",
                Text(
                    f"loại cơ quan không xác định '{agency['kind']}'",
                    f"unknown agency kind '{agency['kind']}'",
                ),
                did_you_mean(
                    agency["kind"],
                    rule_set.agency_kinds.ids,
                    Text(
                        "xem danh sách bằng `ruleset rules kinds`",
                        "see `ruleset rules kinds` for the list",
                    ),
                ),
            )
        )
    province = (
        NATIONAL
        if agency["province"].strip().lower() == NATIONAL
        else rule_set.provinces.resolve(agency["province"])
    )
    if province is None:
        problems.append(
            document.problem(
                "/agency/province",
                Text(
                    f"tỉnh không xác định '{agency['province']}'",
                    f"unknown province '{agency['province']}'",
                ),
                Text("các giá trị đã biết: ", "known: ")
                + ", ".join(rule_set.provinces.ids)
                + ", national",
            )
        )
    period = data["period"]
    if period["start"] > period["end"]:
        problems.append(
            document.problem(
                "/period/end",
                Text("kỳ báo cáo kết thúc trước khi bắt đầu", "the period ends before it starts"),
            )
        )
    for rule_id in data["obligations"]:
        if rule_set.rule(rule_id) is None:
            problems.append(
                document.problem(
                    f"/obligations/{escape_token(rule_id)}",
                    Text(f"không có quy tắc '{rule_id}'", f"no rule has id '{rule_id}'"),
                    did_you_mean(
                        rule_id,
                        (r.id for r in rule_set.rules),
                        Text("xem `ruleset rules list`", "see `ruleset rules list`"),
                    ),
                    key=True,
                )
            )
    notes = canonicalise_references(data)
    _resolve_topics(document, rule_set, problems)
    references = {
        key: _index_records(document, key, problems) for key in ("activities", "documents")
    }
    _check_references(document, references, problems)
    if problems:
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InputError(problems)
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
