"""Frozen records shared by the loader, the engine and the reporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ruleset.checks.base import Condition
from ruleset.text import Text


class Status(str, Enum):
    """The verdict on one obligation."""

    MET = "met"
    PARTIALLY_MET = "partially_met"
    NOT_MET = "not_met"
    CLAIMED_WITHOUT_EVIDENCE = "claimed_without_evidence"
    NOT_APPLICABLE = "not_applicable"
    MISSING = "missing"

    @property
    def is_gap(self) -> bool:
        return self not in _NOT_GAPS

    @property
    def label(self) -> Text:
        return _STATUS_LABELS[self]


_NOT_GAPS = frozenset({Status.MET, Status.NOT_APPLICABLE})
_STATUSES = tuple(Status)
"""Every status in order (iterating the Enum class itself costs microseconds: reports ask often)."""
_STATUS_LABELS: dict[Status, Text] = {
    Status.MET: Text("Đạt", "Met"),
    Status.PARTIALLY_MET: Text("Đạt một phần", "Partially met"),
    Status.NOT_MET: Text("Không đạt", "Not met"),
    Status.CLAIMED_WITHOUT_EVIDENCE: Text(
        "Khai báo nhưng thiếu minh chứng", "Claimed without evidence"
    ),
    Status.NOT_APPLICABLE: Text("Không áp dụng", "Not applicable"),
    Status.MISSING: Text("Chưa báo cáo", "Missing"),
}


class Claimed(str, Enum):
    """What an agency says of an obligation in its self-assessment (``status:`` of an entry)."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    NOT_DONE = "not_done"
    NOT_APPLICABLE = "not_applicable"


# Credit each status earns towards the score (README, "Score").
STATUS_CREDIT: dict[Status, float] = {
    Status.MET: 1.0,
    Status.PARTIALLY_MET: 0.5,
    Status.NOT_MET: 0.0,
    Status.CLAIMED_WITHOUT_EVIDENCE: 0.0,
    Status.MISSING: 0.0,
}


class Severity(str, Enum):
    """How grave a gap in an obligation is; orders gaps and weighs the score."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @property
    def weight(self) -> int:
        return _SEVERITY_RANK[self] + 1

    @property
    def label(self) -> Text:
        return _SEVERITY_LABELS[self]


_SEVERITY_RANK = {Severity.LOW: 0, Severity.MEDIUM: 1, Severity.HIGH: 2, Severity.CRITICAL: 3}
_SEVERITY_LABELS = {
    Severity.LOW: Text("thấp", "low"),
    Severity.MEDIUM: Text("trung bình", "medium"),
    Severity.HIGH: Text("cao", "high"),
    Severity.CRITICAL: Text("nghiêm trọng", "critical"),
}


@dataclass(frozen=True)
class Citation:
    """Where an obligation comes from: document, clause and the verbatim quote."""

    document: str
    kind: str
    issuer: str
    date: str
    clause: str
    quote: str
    source_file: str | None = None
    reported_by: str | None = None


@dataclass(frozen=True)
class Check:
    id: str
    condition: Condition = field(compare=False, repr=False)
    message: Text | None  # None: the check kind's own words for each failure
    spec: dict[str, Any] = field(compare=False, repr=False)
    why: str | None = None  # which words of the quote ask for what it tests


@dataclass(frozen=True)
class RuleExample:
    name: str
    expect: Status
    entry: dict[str, Any] | None
    period: tuple[str, str] | None = None
    activities: tuple[dict[str, Any], ...] = ()
    documents: tuple[dict[str, Any], ...] = ()
    figures: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Rule:
    id: str
    title: Text
    description: Text
    citation: Citation
    agency_kinds: tuple[str, ...]
    provinces: tuple[str, ...] | None
    effective_from: str
    effective_until: str | None
    severity: Severity
    checks: tuple[Check, ...]
    examples: tuple[RuleExample, ...]
    evidence_required: bool = True
    rationale: str | None = None
    file: str = ""
    variants: tuple[Rule, ...] = ()  # later dated versions, each a whole rule, by start date
    version_note: str | None = None  # for a variant: what changed on its date
    supersedes: tuple[str, ...] = ()
    superseded_by: str | None = None

    def in_force_during(self, start: str, end: str) -> bool:
        """In force on at least one day of [start, end] (until is exclusive)."""
        return self.effective_from <= end and (
            self.effective_until is None or self.effective_until > start
        )

    def in_force_on(self, day: str) -> bool:
        return self.effective_from <= day and (
            self.effective_until is None or day < self.effective_until
        )

    def version_on(self, day: str) -> Rule:
        """The version in force on ``day`` (this rule itself before its first later version)."""
        chosen = self
        for variant in self.variants:
            if variant.effective_from <= day:
                chosen = variant
        return chosen

    def all_versions(self) -> tuple[Rule, ...]:
        return (self, *self.variants)

    def binds(self, agency_kind: str, province: str) -> bool:
        if agency_kind not in self.agency_kinds:
            return False
        return self.provinces is None or province in self.provinces


@dataclass(frozen=True)
class Finding:
    """One reason an obligation is not met, located in the submission."""

    message: Text
    pointer: str
    line: int | None
    column: int | None
    check_id: str | None = None
    sheet: str | None = (
        None  # a workbook's sheet: line and column are then the cell's row and column
    )


@dataclass(frozen=True)
class ObligationResult:
    rule: Rule
    status: Status
    claimed: Claimed | None
    findings: tuple[Finding, ...]
    notes: tuple[Text, ...] = ()  # how time was applied: partial windows, versions used
    advice: tuple[Finding, ...] = ()  # said of evidence that was accepted (relevance inferred)


@dataclass(frozen=True)
class EndedObligation:
    """A rule that bound this agency before and no longer does, with the reason."""

    rule_id: str
    title: Text
    reason: Text


@dataclass(frozen=True)
class AgencyInfo:
    id: str
    name: str
    kind: str
    province: str


@dataclass(frozen=True)
class Report:
    """The gap report of one submission: pure data; reporters decide how it looks."""

    engine_version: str
    ruleset_name: str
    ruleset_version: str
    ruleset_digest: str
    submission_path: str
    submission_sha256: str
    agency: AgencyInfo
    period_start: str
    period_end: str
    submitted: str
    obligations: tuple[ObligationResult, ...]
    general_findings: tuple[Finding, ...]
    declared_ruleset_version: str | None = None
    as_of: str | None = None
    no_longer_binding: tuple[EndedObligation, ...] = ()

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(_STATUSES, 0)
        for result in self.obligations:
            counts[result.status] += 1
        return counts

    def score(self) -> float | None:
        """Severity-weighted share of credit over applicable obligations, 0..100."""
        total = earned = 0.0
        for result in self.obligations:
            if result.status is Status.NOT_APPLICABLE:
                continue
            weight = result.rule.severity.weight
            total += weight
            earned += weight * STATUS_CREDIT[result.status]
        if total == 0:
            return None
        return round(100.0 * earned / total, 1)

    def worst_gap(self) -> Severity | None:
        worst: Severity | None = None
        for result in self.obligations:
            if result.status.is_gap and (worst is None or result.rule.severity.rank > worst.rank):
                worst = result.rule.severity
        return worst
