"""The machine-readable report; its shape is fixed by schemas/report.schema.json."""

from __future__ import annotations

import json
from enum import Enum
from types import ModuleType
from typing import Any, TypeVar

from ruleset.errors import cell_name
from ruleset.model import Claimed, Finding, ObligationResult, Report, Severity, Status

REPORT_FORMAT = "ruleset/gap-report@1"

orjson: ModuleType | None
try:  # optional (a dependency where it has wheels; see pyproject.toml): the stdlib is the fallback
    import orjson
except ImportError:  # pragma: no cover - exercised by the tests with the module hidden
    orjson = None

E = TypeVar("E", bound=Enum)


def _values(enum: type[E]) -> dict[E, str]:
    """Each member's value by a dict lookup: ``member.value`` is a Python-level property, and a
    report reads ~20 of them."""
    return {member: member.value for member in enum}


_STATUS = _values(Status)
_CLAIMED = _values(Claimed)
_SEVERITY = _values(Severity)


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    found = {
        "message": finding.message.get(lang),
        "messages": {"vi": finding.message.vi, "en": finding.message.en},
        "pointer": finding.pointer,
        "line": finding.line,
        "column": finding.column,
        "check": finding.check_id,
    }
    if finding.sheet is not None:  # a workbook: line and column are the row and column
        found["cell"] = cell_name(finding.sheet, finding.line or 1, finding.column or 1)
    return found


def _obligation(result: ObligationResult, lang: str) -> dict[str, Any]:
    rule = result.rule
    citation = rule.citation
    return {
        "rule_id": rule.id,
        "title": {"vi": rule.title.vi, "en": rule.title.en},
        "status": _STATUS[result.status],
        "claimed": _CLAIMED[result.claimed] if result.claimed else None,
        "severity": _SEVERITY[rule.severity],
        "citation": {
            "document": citation.document,
            "kind": citation.kind,
            "issuer": citation.issuer,
            "date": citation.date,
            "clause": citation.clause,
            "quote": citation.quote,
        },
        "findings": [_finding(finding, lang) for finding in result.findings],
        "notes": [note.get(lang) for note in result.notes],
        "advice": [_finding(advice, lang) for advice in result.advice],
    }


def summary(report: Report) -> dict[str, Any]:
    counts = report.counts()
    worst = report.worst_gap()
    return {
        "score": report.score(),
        "obligations": len(report.obligations),
        "gaps": sum(n for status, n in counts.items() if status.is_gap),
        "worst_gap_severity": _SEVERITY[worst] if worst else None,
        "counts": {_STATUS[status]: n for status, n in counts.items()},
    }


def report_dict(report: Report, lang: str = "vi") -> dict[str, Any]:
    return {
        "format": REPORT_FORMAT,
        "engine": {"version": report.engine_version},
        "ruleset": {
            "name": report.ruleset_name,
            "version": report.ruleset_version,
            "digest": report.ruleset_digest,
        },
        "submission": {
            "path": report.submission_path,
            "sha256": report.submission_sha256,
            "agency": {
                "id": report.agency.id,
                "name": report.agency.name,
                "kind": report.agency.kind,
                "province": report.agency.province,
            },
            "period": {"start": report.period_start, "end": report.period_end},
            "submitted": report.submitted,
            "declared_ruleset_version": report.declared_ruleset_version,
        },
        "judged_as_of": report.as_of,
        "no_longer_binding": [
            {
                "rule_id": item.rule_id,
                "title": {"vi": item.title.vi, "en": item.title.en},
                "reason": item.reason.get(lang),
            }
            for item in report.no_longer_binding
        ],
        "language": lang,
        "summary": summary(report),
        "obligations": [_obligation(result, lang) for result in report.obligations],
        "general_findings": [_finding(finding, lang) for finding in report.general_findings],
    }


def render_json(report: Report, lang: str = "vi", colour: bool = False) -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"


def render_json_compact(report: Report, lang: str = "vi") -> bytes:
    """One line, same content, as UTF-8: ``batch`` writes thousands, and the C encoder only runs
    unindented."""
    document = report_dict(report, lang)
    return compact_json(document, document["summary"]["score"])


def compact_json(document: dict[str, Any], score: float | None = None) -> bytes:
    """``json.dumps(ensure_ascii=False, separators=(",", ":"))`` and a newline, in UTF-8 (what
    a file gets: orjson's bytes are not decoded only to be encoded again), by orjson when it
    is installed and gives the same bytes: it does for strings (the same escapes), small integers
    and the one float of a report, its score (0..100, one decimal); Python writes floats under
    1e-4 or from 1e16 with an exponent that orjson writes differently, so those go to the stdlib."""
    plain = score is None or score == 0 or 1e-4 <= abs(score) < 1e16
    if orjson is not None and plain:
        try:
            data: bytes = orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE)
            return data
        except TypeError:  # a value orjson refuses (an integer beyond 64 bits): the stdlib's way
            pass
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode()
