"""Read a self-assessment, validate it, and resolve what the engine needs from it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruleset.documents.document import Document, escape_token
from ruleset.documents.findings import Finding, Suggester, located
from ruleset.documents.limits import DEFAULT_LIMITS, Limits
from ruleset.documents.read import load_document, parse_bytes
from ruleset.documents.schema import schema_problems
from ruleset.documents.textio import excerpt
from ruleset.errors import InputError, Problem
from ruleset.judging.docrefs import ReferenceNote, canonicalise_references
from ruleset.rules.calendar import in_range, out_of_range
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


def _index_records(data: Any, key: str, findings: list[Finding]) -> dict[str, tuple[Any, str]]:
    index: dict[str, tuple[Any, str]] = {}
    for position, record in enumerate(data.get(key, [])):
        record_id = record.get("id")
        if record_id is None:
            continue
        pointer = f"/{key}/{position}"
        if record_id in index:
            shown = excerpt(record_id)
            findings.append(
                Finding(
                    pointer + "/id", f"id '{shown}' trùng lặp / duplicate id '{shown}' in {key}"
                )
            )
        index[record_id] = (record, pointer)
    return index


def _suggest(suggester: Suggester, word: str, otherwise: str) -> Callable[[], str]:
    """A did-you-mean computed only if the finding is shown."""

    def hint() -> str:
        close = suggester(word)
        return f"did you mean '{close}'? / có phải là '{close}'?" if close else otherwise

    return hint


def _check_references(
    data: Any, references: dict[str, dict[str, tuple[Any, str]]], findings: list[Finding]
) -> None:
    suggesters = {key: Suggester(known) for key, known in references.items()}
    for rule_id, entry in data["obligations"].items():
        evidence = entry.get("evidence", {})
        for key in ("activities", "documents"):
            for position, item in enumerate(evidence.get(key, [])):
                if isinstance(item, str) and item not in references[key]:
                    pointer = f"/obligations/{escape_token(rule_id)}/evidence/{key}/{position}"
                    shown = excerpt(item)
                    findings.append(
                        Finding(
                            pointer,
                            f"không có {key} nào có id '{shown}' / no {key} entry has id '{shown}'",
                            _suggest(suggesters[key], item, f"add it under '{key}:' with that id"),
                        )
                    )


def _period_findings(period: dict[str, str], findings: list[Finding]) -> None:
    for name in ("start", "end"):
        if not in_range(period[name]):
            findings.append(
                Finding(
                    f"/period/{name}",
                    out_of_range(period[name]),
                    "write the first and last day of the reporting period, as YYYY-MM-DD",
                )
            )
    if period["start"] > period["end"]:
        findings.append(
            Finding(
                "/period/end",
                "kỳ báo cáo kết thúc trước khi bắt đầu / the period ends before it starts",
            )
        )


def validate_submission(document: Document, rule_set: RuleSet) -> Submission:
    """Schema, vocabulary, known rule ids and references; the problems at once (the first
    :data:`~ruleset.documents.findings.MAX_PROBLEMS` located, the rest counted)."""
    problems = schema_problems(document, SCHEMA)
    if not isinstance(document.data, dict):
        raise InputError(
            problems or [Problem(document.path, "expected a mapping at the top level")]
        )
    if problems:
        raise InputError(problems)
    data = document.data
    agency = data["agency"]
    findings: list[Finding] = []
    kind = rule_set.agency_kinds.resolve(agency["kind"])
    if kind is None:
        shown = excerpt(agency["kind"])
        findings.append(
            Finding(
                "/agency/kind",
                f"loại cơ quan không xác định '{shown}' / unknown agency kind '{shown}'",
                _suggest(
                    Suggester(rule_set.agency_kinds.ids),
                    agency["kind"],
                    "see `ruleset rules kinds` for the list",
                ),
            )
        )
    province = (
        NATIONAL
        if agency["province"].strip().lower() == NATIONAL
        else rule_set.provinces.resolve(agency["province"])
    )
    if province is None:
        shown = excerpt(agency["province"])
        findings.append(
            Finding(
                "/agency/province",
                f"tỉnh không xác định '{shown}' / unknown province '{shown}'",
                "known: " + ", ".join(rule_set.provinces.ids) + ", national",
            )
        )
    _period_findings(data["period"], findings)
    rule_ids = Suggester(rule.id for rule in rule_set.rules)
    for rule_id in data["obligations"]:
        if rule_set.rule(rule_id) is None:
            shown = excerpt(rule_id)
            findings.append(
                Finding(
                    f"/obligations/{escape_token(rule_id)}",
                    f"không có quy tắc '{shown}' / no rule has id '{shown}'",
                    _suggest(rule_ids, rule_id, "see `ruleset rules list`"),
                    at_key=True,
                )
            )
    notes = canonicalise_references(data)
    references = {key: _index_records(data, key, findings) for key in ("activities", "documents")}
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
