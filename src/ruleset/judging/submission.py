"""Read a self-assessment, validate it, and resolve what the engine needs from it."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from ruleset.documents.document import Document, escape_token
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import load_document, parse_bytes
from ruleset.documents.schema import schema_problems
from ruleset.errors import InputError, Problem
from ruleset.judging.docrefs import ReferenceNote, canonicalise_references
from ruleset.rules.ruleset import RuleSet

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


def _problem(
    document: Document, pointer: str, message: str, hint: str | None = None, key: bool = False
) -> Problem:
    line, column, sheet = document.where(pointer, key)
    return Problem(document.path, message, line, column, pointer, hint, sheet)


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
                _problem(
                    document,
                    pointer + "/id",
                    f"id '{record_id}' trùng lặp / duplicate id '{record_id}' in {key}",
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
                    close = difflib.get_close_matches(item, list(references[key]), n=1)
                    problems.append(
                        _problem(
                            document,
                            pointer,
                            f"không có {key} nào có id '{item}' / no {key} entry has id '{item}'",
                            f"did you mean '{close[0]}'?"
                            if close
                            else f"add it under '{key}:' with that id",
                        )
                    )


def validate_submission(document: Document, rule_set: RuleSet) -> Submission:
    """Schema, vocabulary, known rule ids and references; all problems at once."""
    problems = schema_problems(document, SCHEMA)
    if not isinstance(document.data, dict):
        raise InputError(
            problems or [Problem(document.path, "expected a mapping at the top level")]
        )
    if problems:
        raise InputError(problems)
    data = document.data
    agency = data["agency"]
    kind = rule_set.agency_kinds.resolve(agency["kind"])
    if kind is None:
        close = difflib.get_close_matches(agency["kind"], list(rule_set.agency_kinds.ids), n=1)
        problems.append(
            _problem(
                document,
                "/agency/kind",
                f"loại cơ quan không xác định '{agency['kind']}' / unknown agency kind '{agency['kind']}'",
                f"did you mean '{close[0]}'?"
                if close
                else "see `ruleset rules kinds` for the list",
            )
        )
    province = (
        NATIONAL
        if agency["province"].strip().lower() == NATIONAL
        else rule_set.provinces.resolve(agency["province"])
    )
    if province is None:
        problems.append(
            _problem(
                document,
                "/agency/province",
                f"tỉnh không xác định '{agency['province']}' / unknown province '{agency['province']}'",
                "known: " + ", ".join(rule_set.provinces.ids) + ", national",
            )
        )
    period = data["period"]
    if period["start"] > period["end"]:
        problems.append(
            _problem(
                document,
                "/period/end",
                "kỳ báo cáo kết thúc trước khi bắt đầu / the period ends before it starts",
            )
        )
    for rule_id in data["obligations"]:
        if rule_set.rule(rule_id) is None:
            close = difflib.get_close_matches(rule_id, [r.id for r in rule_set.rules], n=1)
            problems.append(
                _problem(
                    document,
                    f"/obligations/{escape_token(rule_id)}",
                    f"không có quy tắc '{rule_id}' / no rule has id '{rule_id}'",
                    f"did you mean '{close[0]}'?" if close else "see `ruleset rules list`",
                    key=True,
                )
            )
    notes = canonicalise_references(data)
    references = {
        key: _index_records(document, key, problems) for key in ("activities", "documents")
    }
    _check_references(document, references, problems)
    if problems:
        problems.sort(key=lambda p: (p.sheet or "", p.line or 0, p.column or 0))
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
