"""Re-check submissions under two rule sets and list every obligation whose status changes."""

from __future__ import annotations

from dataclasses import dataclass

from ruleset.documents.read import load_document
from ruleset.errors import InputError
from ruleset.judging.engine import check_submission
from ruleset.judging.submission import validate_submission
from ruleset.rules.ruleset import RuleSet


@dataclass(frozen=True)
class StatusChange:
    file: str
    agency: str
    rule_id: str
    old: str  # a status, "not binding", or "unreadable: <reason>"
    new: str


def _statuses(rule_set: RuleSet, path: str) -> tuple[str, dict[str, str]]:
    try:
        document = load_document(path)
        report = check_submission(rule_set, validate_submission(document, rule_set))
    except InputError as error:
        return "", {"*": "unreadable: " + error.problems[0].message.en}
    return f"{report.agency.name} ({report.agency.id})", {
        r.rule.id: r.status.value for r in report.obligations
    }


def impact(old: RuleSet, new: RuleSet, paths: list[str]) -> list[StatusChange]:
    """Per submission and obligation, the statuses that differ between the two rule sets."""
    changes: list[StatusChange] = []
    for path in sorted(paths):
        agency_old, before = _statuses(old, path)
        agency_new, after = _statuses(new, path)
        agency = agency_new or agency_old
        for rule_id in sorted(before.keys() | after.keys()):
            a = before.get(rule_id, "not binding")
            b = after.get(rule_id, "not binding")
            if a != b:
                changes.append(StatusChange(path, agency, rule_id, a, b))
    return changes
